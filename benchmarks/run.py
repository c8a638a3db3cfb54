"""veikart against its floors and its peers, whole processes, in one run. Not part of the tests.

    .venv/bin/pip install -e '.[bench]' && .venv/bin/python benchmarks/run.py

Each figure is the median wall time of several runs after a warm-up, and the peak resident
memory of the slowest of them. Machines are noisy: read the ratios, which are measured in the
same run against the same files, rather than the seconds.

veikart's bytecode is compiled first, as `pip install` does: an editable install under
PYTHONDONTWRITEBYTECODE would otherwise compile every module on every run.
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import generate

BIN = Path(sys.executable).parent
PY = sys.executable
HELLO = """
import typer
app = typer.Typer(add_completion=False)
@app.command()
def hello(name: str = "verden") -> None:
    print(f"hei {name}")
@app.command()
def bye() -> None:
    print("ha det")
app()
"""
LIBRARIES = "import typer, yaml, rich.console, rich.table"  # what `veikart score` cannot do without
EVENTS = """
import sys, yaml
from pathlib import Path
for path in sorted(Path(sys.argv[1]).rglob("*.yaml")):
    with open(path, "rb") as handle:
        parser = yaml.CBaseLoader(handle)
        while parser.get_event() is not None:  # every event made, no node built
            pass
"""
COMPOSE = """
import sys, yaml
from pathlib import Path
for path in sorted(Path(sys.argv[1]).rglob("*.yaml")):
    with open(path, "rb") as handle:
        yaml.compose(handle, Loader=yaml.CSafeLoader)
"""


@dataclass
class Case:
    name: str
    areas: int
    command: list[str]
    repeat: int
    env: dict[str, str] | None = None  # extra environment (e.g. the cache folder)
    fresh: Path | None = None  # a folder emptied before every run (a cold cache)
    times: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)  # user + system seconds, its workers included
    peak_mb: float = 0.0  # the largest single process (kernel's figure)
    tree_mb: float = 0.0  # veikart with its worker processes, summed (sampled)

    @property
    def seconds(self) -> float:
        return statistics.median(self.times)

    @property
    def cpu_seconds(self) -> float:
        return statistics.median(self.cpu) if self.cpu else 0.0


def run_once(case: Case) -> float:
    """Wall time of one run; peak RSS from the kernel (wait4)."""
    if case.fresh is not None:
        shutil.rmtree(case.fresh, ignore_errors=True)
    env = {**os.environ, **case.env} if case.env else None
    start = time.perf_counter()
    process = subprocess.Popen(case.command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"failed: {' '.join(case.command)}")
    case.peak_mb = max(case.peak_mb, usage.ru_maxrss / 1024)
    case.cpu.append(usage.ru_utime + usage.ru_stime)  # a worker's time counts once it is reaped
    return elapsed


def tree_peak_mb(command: list[str], env: dict[str, str] | None) -> float:
    """Peak of the summed resident sizes of a process and its children, sampled every 10 ms
    from /proc (Linux). Pages shared after fork count in each process: an upper bound."""

    def rss_kb(pid: int) -> int:
        try:
            with open(f"/proc/{pid}/status") as status:
                return next((int(line.split()[1]) for line in status if line.startswith("VmRSS:")), 0)
        except OSError:
            return 0

    def children(pid: int) -> list[int]:
        try:
            with open(f"/proc/{pid}/task/{pid}/children") as found:
                return [int(child) for child in found.read().split()]
        except OSError:
            return []

    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, **env} if env else None
    )
    peak = 0
    while process.poll() is None:
        peak = max(peak, rss_kb(process.pid) + sum(rss_kb(c) for c in children(process.pid)))
        time.sleep(0.01)
    return peak / 1024


def measure(cases: list[Case]) -> None:
    """Two warm-up runs each (disk cache; the second finds veikart's cache older than the files'
    timestamp granularity, app/cache.py), then rounds that run every case in turn: a burst of
    noise on a shared machine then hits all the commands being compared, not one of them."""
    for case in cases:
        run_once(case)
    time.sleep(2.1)  # app/cache.py RACY_NS: chunks written within 2 s of a file's change are re-read
    for case in cases:
        run_once(case)
        case.cpu.clear()
    for round_ in range(max(c.repeat for c in cases)):
        for case in cases:
            if round_ < case.repeat:
                case.times.append(run_once(case))
    if Path("/proc/self/status").exists():  # apart from the timed runs: sampling costs time
        for case in cases:
            if "veikart" in case.name and case.areas >= 1000:
                if case.fresh is not None:
                    shutil.rmtree(case.fresh, ignore_errors=True)
                case.tree_mb = tree_peak_mb(case.command, case.env)


def peer(name: str) -> str | None:
    found = BIN / name
    return str(found) if found.exists() else shutil.which(name)


def cases_for(n: int, data: Path, work: Path, repeat: int) -> list[Case]:
    veikart = [str(BIN / "veikart")]
    validate, markdown = [*veikart, "validate", str(data)], [*veikart, "score", "-f", "markdown", str(data)]
    warm = {"VEIKART_CACHE_DIR": str(work / f"cache-{n}")}  # kept between runs
    cold = work / f"cold-cache-{n}"  # emptied before each run
    cases = [
        Case("veikart validate --no-cache", n, [*validate, "--no-cache"], repeat),
        Case("veikart validate, cache cold", n, validate, repeat, {"VEIKART_CACHE_DIR": str(cold)}, cold),
        Case("veikart validate, cache warm", n, validate, repeat, warm),
        Case("veikart score -f markdown --no-cache", n, [*markdown, "--no-cache"], repeat),
        Case("veikart score -f markdown, cache warm", n, markdown, repeat, warm),
        Case("yaml.compose, C loader (parsing floor)", n, [PY, str(work / "compose.py"), str(data / "areas")], repeat),
        Case("libyaml events only, as Python objects", n, [PY, str(work / "events.py"), str(data / "areas")], repeat),
    ]
    taskset = shutil.which("taskset")
    if n >= 1000 and taskset and len(os.sched_getaffinity(0)) >= 2:
        one = Case("1 core: taskset -c 0 validate --no-cache", n, [taskset, "-c", "0", *validate, "--no-cache"], repeat)
        cases.insert(1, one)
    if n == 7:
        cases[:0] = [
            Case("typer hello-world (start-up floor)", 0, [PY, str(work / "hello.py"), "hello"], repeat),
            Case("import typer, yaml, rich (libraries)", 0, [PY, "-c", LIBRARIES], repeat),
            Case("veikart score (terminal table)", 7, [*veikart, "score", str(data)], repeat),
        ]
        cases = [c for c in cases if "cache" not in c.name or c.name.endswith("--no-cache")]
    if n == 1000:
        schema = work / "area.schema.json"
        schema.write_text(subprocess.run([*veikart, "schema"], capture_output=True, text=True, check=True).stdout)
        files = sorted(str(p) for p in (data / "areas").glob("*.yaml"))
        for name, tool, options in (
            ("yamllint", "yamllint", ["-d", "relaxed"]),
            ("check-jsonschema (veikart's schema)", "check-jsonschema", ["--schemafile", str(schema)]),
        ):
            found = peer(tool)
            if found is None:
                print(f"({tool} not installed: pip install -e '.[bench]')", file=sys.stderr)
                continue
            cases.append(Case(name, n, [found, *options, *files], max(1, repeat // 2)))
    return cases


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per figure (after one warm-up)")
    parser.add_argument("--sizes", default="7,1000,10000", help="area counts")
    parser.add_argument("--no-hostile", action="store_true", help="skip benchmarks/hostile.py (issue 15's paths)")
    args = parser.parse_args()
    compileall.compile_dir(HERE.parent / "veikart_cli", quiet=1)
    rows: list[Case] = []
    work = Path(tempfile.mkdtemp(prefix="veikart-bench-"))
    try:
        (work / "hello.py").write_text(HELLO)
        (work / "compose.py").write_text(COMPOSE)
        (work / "events.py").write_text(EVENTS)
        for n in (int(n) for n in args.sizes.split(",")):
            data = generate(n, work / f"data-{n}") if n != 7 else HERE.parent
            cases = cases_for(n, data, work, args.repeat if n <= 1000 else max(1, args.repeat // 2))
            measure(cases)
            rows += cases
    finally:
        shutil.rmtree(work, ignore_errors=True)
    report(rows)
    if not args.no_hostile:
        print()
        done = subprocess.run([PY, str(HERE / "hostile.py")])  # noqa: PLW1510 - issue 15's paths: 1 if one is superlinear
        if done.returncode:
            sys.exit(done.returncode)


def report(rows: list[Case]) -> None:
    floor = {c.areas: c.seconds for c in rows if c.name.startswith("yaml.compose")}
    hello = next((c.seconds for c in rows if c.name.startswith("typer")), None)
    libraries = next((c.seconds for c in rows if c.name.startswith("import")), None)
    cpu_floor = {c.areas: c.cpu_seconds for c in rows if c.name.startswith("yaml.compose")}
    print(f"{'command':<42} {'areas':>6} {'median s':>9} {'cpu s':>6} {'peak MB':>8} {'tree MB':>8}  ratio")
    for c in rows:
        ratio = ""
        if hello and (c.areas == 7 and "veikart" in c.name or c.name.startswith("import")):
            ratio = f"{c.seconds / hello:.2f}× hello-world"
            if libraries and not c.name.startswith("import"):
                ratio += f", {c.seconds / libraries:.2f}× libraries"
        elif not c.name.startswith("yaml.compose") and c.areas in floor:
            ratio = f"{c.seconds / floor[c.areas]:.2f}× compose (cpu {c.cpu_seconds / cpu_floor[c.areas]:.2f}×)"
        tree = f"{c.tree_mb:.1f}" if c.tree_mb else ""
        line = f"{c.name:<42} {c.areas or '':>6} {c.seconds:>9.3f} {c.cpu_seconds:>6.3f} {c.peak_mb:>8.1f} {tree:>8}"
        print(f"{line}  {ratio}")
    by = {(c.name, c.areas): c.seconds for c in rows}
    peak = {(c.name, c.areas): max(c.peak_mb, c.tree_mb) for c in rows}
    validate = {n: s for (name, n), s in by.items() if name == "veikart validate --no-cache"}
    print()
    if 1000 in validate:
        for name in ("yamllint", "check-jsonschema (veikart's schema)"):
            if (name, 1000) in by:
                print(f"veikart validate is {by[(name, 1000)] / validate[1000]:.1f}× faster than {name} on 1000 areas")
    if 1000 in validate and 10000 in validate:
        print(f"10 000 / 1 000 areas: validate {validate[10000] / validate[1000]:.1f}×")
    for n in sorted(validate):
        cold = by.get(("veikart validate, cache cold", n))
        one = by.get(("1 core: taskset -c 0 validate --no-cache", n))
        if cold:
            print(f"{n} areas: a cold cache costs {cold / validate[n]:.2f}× the run without it")
        if one:
            print(f"{n} areas: 1 core takes {one / validate[n]:.2f}× the time of 2")
        if ("veikart validate, cache warm", n) in peak:
            print(
                f"{n} areas: peak memory with the cache {peak[('veikart validate, cache warm', n)]:.0f} MB (warm), "
                f"{peak[('veikart validate, cache cold', n)]:.0f} MB (cold, tree)"
            )
    targets(rows)
    print("cpu s: user + system time of the process and its workers (less sensitive to other load than wall time).")
    print("peak MB: the largest single process. tree MB: veikart and its worker processes summed")
    print("(it reads 500 or more area files in workers); shared pages count in each, so an upper bound.")


def targets(rows: list[Case]) -> None:
    """Issue 18's targets, each as a wall-time ratio and a CPU-time ratio of this run."""
    by = {(c.name, c.areas): c for c in rows}
    checks: list[tuple[str, str, int, str, int, float, bool]] = [  # (what, case, n, against, n, limit, at most)
        ("warm validate / compose", "veikart validate, cache warm", 1000, "yaml.compose", 1000, 0.5, True),
        ("warm validate / compose", "veikart validate, cache warm", 10000, "yaml.compose", 10000, 0.35, True),
        ("cold validate / compose", "veikart validate --no-cache", 1000, "yaml.compose", 1000, 1.5, True),
        ("cold validate / compose", "veikart validate --no-cache", 10000, "yaml.compose", 10000, 1.4, True),
        (
            "cold with cache / without",
            "veikart validate, cache cold",
            1000,
            "veikart validate --no-cache",
            1000,
            1.1,
            True,
        ),
        (
            "cold with cache / without",
            "veikart validate, cache cold",
            10000,
            "veikart validate --no-cache",
            10000,
            1.1,
            True,
        ),
        ("score (shipped) / libraries", "veikart score (terminal table)", 7, "import typer", 0, 1.1, True),
        ("yamllint / validate", "yamllint", 1000, "veikart validate --no-cache", 1000, 20, False),
        ("check-jsonschema / validate", "check-jsonschema", 1000, "veikart validate --no-cache", 1000, 20, False),
        (
            "validate 10 000 / 1 000",
            "veikart validate --no-cache",
            10000,
            "veikart validate --no-cache",
            1000,
            10,
            True,
        ),
    ]

    def find(name: str, n: int) -> Case | None:
        return next((c for (cname, cn), c in by.items() if cname.startswith(name) and cn == n), None)

    print("\ntargets (wall-time ratio; CPU-time ratio)")
    for what, name, n, against, m, limit, at_most in checks:
        case, base = find(name, n), find(against, m)
        if case is None or base is None:
            continue
        wall, cpu = case.seconds / base.seconds, case.cpu_seconds / base.cpu_seconds
        met = wall <= limit if at_most else wall >= limit
        sign = "<=" if at_most else ">="
        print(
            f"  {what:<30} {n or '':>6} {wall:6.2f}× ({cpu:.2f}×)  target {sign} {limit}  {'met' if met else 'NOT met'}"
        )
    warm = find("veikart validate, cache warm", 10000)
    if warm is not None:
        peak = max(warm.peak_mb, warm.tree_mb)
        print(
            f"  {'peak memory, warm, 10 000':<30} {peak:>6.0f} MB  target <= 300 MB  {'met' if peak <= 300 else 'NOT met'}"
        )


if __name__ == "__main__":
    main()
