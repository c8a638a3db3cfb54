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
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from generate import generate  # noqa: E402

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
COMPOSE = """
import sys, yaml
from pathlib import Path
for path in sorted(Path(sys.argv[1]).rglob("*.yaml")):
    with open(path, "rb") as handle:
        yaml.compose(handle, Loader=yaml.CSafeLoader)
"""


@dataclass
class Result:
    seconds: float
    peak_mb: float


def measure(command: list[str], repeat: int) -> Result:
    """Median wall time of `repeat` runs after one warm-up; peak RSS from the kernel (wait4)."""
    times, peak = [], 0.0
    for i in range(repeat + 1):
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) not in (0, 1):
            raise SystemExit(f"failed: {' '.join(command)}")
        if i:  # the first run warms the disk cache and the bytecode
            times.append(elapsed)
            peak = max(peak, usage.ru_maxrss / 1024)
    return Result(statistics.median(times), peak)


def peer(name: str) -> str | None:
    found = BIN / name
    return str(found) if found.exists() else shutil.which(name)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per figure (after one warm-up)")
    parser.add_argument("--sizes", default="7,1000,10000", help="area counts")
    args = parser.parse_args()
    sizes = [int(n) for n in args.sizes.split(",")]
    veikart = [str(BIN / "veikart")]
    compileall.compile_dir(HERE.parent / "veikart_cli", quiet=1)
    rows: list[tuple[str, int, Result]] = []
    work = Path(tempfile.mkdtemp(prefix="veikart-bench-"))
    try:
        hello = work / "hello.py"
        hello.write_text(HELLO)
        compose = work / "compose.py"
        compose.write_text(COMPOSE)
        rows.append(("typer hello-world (start-up floor)", 0, measure([PY, str(hello), "hello"], args.repeat)))
        rows.append(("import typer, yaml, rich (libraries)", 0, measure([PY, "-c", LIBRARIES], args.repeat)))
        rows.append(("veikart score (terminal table)", 7, measure([*veikart, "score", str(HERE.parent)], args.repeat)))
        for n in sizes:
            data = generate(n, work / f"data-{n}") if n != 7 else HERE.parent
            repeat = args.repeat if n <= 1000 else max(1, args.repeat // 2)
            rows.append(("veikart validate", n, measure([*veikart, "validate", str(data)], repeat)))
            rows.append(("veikart score --format markdown", n, measure([*veikart, "score", "-f", "markdown", str(data)], repeat)))
            rows.append(("yaml.compose, C loader (parsing floor)", n, measure([PY, str(compose), str(data / "areas")], repeat)))
            if n == 1000:
                schema = work / "area.schema.json"
                schema.write_text(subprocess.run([*veikart, "schema"], capture_output=True, text=True, check=True).stdout)
                files = sorted(str(p) for p in (data / "areas").glob("*.yaml"))
                for name, command in (
                    ("yamllint", [peer("yamllint"), "-d", "relaxed", *files]),
                    ("check-jsonschema (veikart's schema)", [peer("check-jsonschema"), "--schemafile", str(schema), *files]),
                ):
                    if command[0] is None:
                        print(f"({name} not installed: pip install -e '.[bench]')", file=sys.stderr)
                        continue
                    rows.append((name, n, measure([c for c in command if c], max(1, args.repeat // 2))))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    report(rows)


def report(rows: list[tuple[str, int, Result]]) -> None:
    floor = {n: r.seconds for name, n, r in rows if name.startswith("yaml.compose")}
    hello = next(r.seconds for name, _, r in rows if name.startswith("typer"))
    print(f"{'command':<40} {'areas':>6} {'median s':>9} {'peak MB':>8}  ratio")
    for name, n, r in rows:
        ratio = ""
        if name.startswith("veikart") or name in ("yamllint",) or name.startswith("check-jsonschema"):
            ratio = f"{r.seconds / floor[n]:.2f}× compose" if n in floor else ""
        if (name.startswith("veikart") and n == 7) or name.startswith("import"):
            ratio = f"{r.seconds / hello:.2f}× hello-world"
        print(f"{name:<40} {n or '':>6} {r.seconds:>9.3f} {r.peak_mb:>8.1f}  {ratio}")
    by = {(name, n): r.seconds for name, n, r in rows}
    validate = {n: s for (name, n), s in by.items() if name == "veikart validate"}
    print()
    if 1000 in validate:
        for name in ("yamllint", "check-jsonschema (veikart's schema)"):
            if (name, 1000) in by:
                print(f"veikart validate is {by[(name, 1000)] / validate[1000]:.1f}× faster than {name} on 1000 areas")
    if 1000 in validate and 10000 in validate:
        print(f"10 000 / 1 000 areas: validate {validate[10000] / validate[1000]:.1f}×")


if __name__ == "__main__":
    main()
