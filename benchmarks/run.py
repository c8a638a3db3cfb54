"""veikart against its floors and its peers, whole processes, in one run. Not part of the tests.

    .venv/bin/pip install -e '.[bench]' && .venv/bin/python benchmarks/run.py

Each figure is the median CPU time (user + system, from the kernel: os.wait4) and the median
wall time of several runs after a warm-up, and the peak resident memory of the largest run.
Machines are noisy: read the CPU ratios, which are measured in the same run against the same
files, rather than the seconds.

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
    times: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)  # user + system seconds
    peak_mb: float = 0.0

    @property
    def seconds(self) -> float:
        return statistics.median(self.times)

    @property
    def cpu_seconds(self) -> float:
        return statistics.median(self.cpu)


def run_once(case: Case) -> None:
    """One run: its wall time, its CPU time and its peak RSS, from the kernel (wait4)."""
    start = time.perf_counter()
    process = subprocess.Popen(case.command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"failed: {' '.join(case.command)}")
    case.peak_mb = max(case.peak_mb, usage.ru_maxrss / 1024)
    case.times.append(elapsed)
    case.cpu.append(usage.ru_utime + usage.ru_stime)


def measure(cases: list[Case]) -> None:
    """A warm-up run each (disk cache), then rounds that run every case in turn: a burst of
    noise on a shared machine then hits all the commands being compared, not one of them."""
    for case in cases:
        run_once(case)
        case.times.clear()
        case.cpu.clear()
    for round_ in range(max(c.repeat for c in cases)):
        for case in cases:
            if round_ < case.repeat:
                run_once(case)


def peer(name: str) -> str | None:
    found = BIN / name
    return str(found) if found.exists() else shutil.which(name)


def cases_for(n: int, data: Path, work: Path, repeat: int) -> list[Case]:
    veikart = [str(BIN / "veikart")]
    cases = [
        Case(VALIDATE, n, [*veikart, "validate", str(data)], repeat),
        Case("veikart score -f markdown", n, [*veikart, "score", "-f", "markdown", str(data)], repeat),
        Case(COMPOSE_FLOOR, n, [PY, str(work / "compose.py"), str(data / "areas")], repeat),
        Case("libyaml events only, as Python objects", n, [PY, str(work / "events.py"), str(data / "areas")], repeat),
    ]
    if n == 7:
        cases[:0] = [
            Case("typer hello-world (start-up floor)", 0, [PY, str(work / "hello.py"), "hello"], repeat),
            Case(IMPORTS, 0, [PY, "-c", LIBRARIES], repeat),
            Case(SCORE, 7, [*veikart, "score", str(data)], repeat),
        ]
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


VALIDATE = "veikart validate"
SCORE = "veikart score (terminal table)"
COMPOSE_FLOOR = "yaml.compose, C loader (parsing floor)"
IMPORTS = "import typer, yaml, rich (libraries)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per figure (after one warm-up)")
    parser.add_argument("--sizes", default="7,1000,10000", help="area counts")
    parser.add_argument("--no-hostile", action="store_true", help="skip benchmarks/hostile.py (its superlinear paths)")
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
        done = subprocess.run([PY, str(HERE / "hostile.py")])  # noqa: PLW1510 - 1 if a path is superlinear
        if done.returncode:
            sys.exit(done.returncode)


def report(rows: list[Case]) -> None:
    floor = {c.areas: c.cpu_seconds for c in rows if c.name == COMPOSE_FLOOR}
    libraries = next((c.cpu_seconds for c in rows if c.name == IMPORTS), None)
    print(f"{'command':<42} {'areas':>6} {'cpu s':>7} {'wall s':>7} {'peak MB':>8}  cpu ratio")
    for c in rows:
        ratio = ""
        if c.areas == 7 and "veikart" in c.name and libraries:
            ratio = f"{c.cpu_seconds / libraries:.2f}× libraries"
        elif c.name != COMPOSE_FLOOR and c.areas in floor:
            ratio = f"{c.cpu_seconds / floor[c.areas]:.2f}× compose"
        print(f"{c.name:<42} {c.areas or '':>6} {c.cpu_seconds:>7.3f} {c.seconds:>7.3f} {c.peak_mb:>8.1f}  {ratio}")
    targets(rows)
    print(
        "cpu s: user + system time (less sensitive to other load than wall time); peak MB: resident, from the kernel."
    )


def targets(rows: list[Case]) -> None:
    """The targets, each as a CPU-time ratio of this run."""
    by = {(c.name, c.areas): c for c in rows}
    checks: list[tuple[str, str, int, str, int, float, bool]] = [  # (what, case, n, against, n, limit, at most)
        ("validate / compose", VALIDATE, 1000, COMPOSE_FLOOR, 1000, 1.6, True),
        ("validate / compose", VALIDATE, 10000, COMPOSE_FLOOR, 10000, 1.5, True),
        ("validate 10 000 / 1 000", VALIDATE, 10000, VALIDATE, 1000, 10.5, True),
        ("score (shipped) / libraries", SCORE, 7, IMPORTS, 0, 1.2, True),
        ("yamllint / validate", "yamllint", 1000, VALIDATE, 1000, 20, False),
        ("check-jsonschema / validate", "check-jsonschema (veikart's schema)", 1000, VALIDATE, 1000, 20, False),
    ]
    print("\ntargets (CPU-time ratio)")
    for what, name, n, against, m, limit, at_most in checks:
        case, base = by.get((name, n)), by.get((against, m))
        if case is None or base is None:
            continue
        ratio = case.cpu_seconds / base.cpu_seconds
        met = ratio <= limit if at_most else ratio >= limit
        sign = "<=" if at_most else ">="
        print(f"  {what:<30} {n or '':>6} {ratio:6.2f}×  target {sign} {limit}  {'met' if met else 'NOT met'}")
    big = by.get((VALIDATE, 10000))
    if big is not None:
        met = "met" if big.peak_mb <= 200 else "NOT met"
        print(f"  {'peak memory, validate 10 000':<30} {big.peak_mb:>6.0f} MB  target <= 200 MB  {met}")


if __name__ == "__main__":
    main()
