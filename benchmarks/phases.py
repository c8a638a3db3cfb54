"""Where `veikart validate`'s time goes, in one process: start-up, reading, composing and typing
the area files, the rest; the garbage collector's share; the objects it tracks per area. The
figures behind the README's "What stands between these figures and the targets". Not a test.

    python benchmarks/generate.py 1000 /tmp/veikart-1000 && python benchmarks/phases.py /tmp/veikart-1000
"""

from __future__ import annotations

import time

started = time.process_time()
import veikart_cli.cli  # start-up: what every command imports first

imported = time.process_time()

import gc
import sys
from collections import Counter
from pathlib import Path

import veikart_cli
from veikart_cli.model.areas import read_area
from veikart_cli.syntax import nodes


def phases(data: Path) -> dict[str, float]:
    """CPU seconds of each step over every area file, one file after another, as validate reads them."""
    framework = veikart_cli.load(data / "criteria").dataset
    assert framework is not None
    spent = Counter[str]()
    kept = []
    clock = time.process_time
    for path in sorted((data / "areas").glob("*.yaml")):
        at = clock()
        text = path.read_text(encoding="utf-8")
        read = clock()
        root = nodes.compose(text)
        composed = clock()
        kept.append(read_area(root, str(path), framework.framework, nodes.Refusing()))
        typed = clock()
        spent.update(
            {"reading the files": read - at, "composing (libyaml)": composed - read, "typing": typed - composed}
        )
    return dict(spent)


def collector(data: Path) -> tuple[float, int]:
    """CPU seconds of the garbage collector's passes while the data set loads, and how many full ones."""
    spent, full, began = 0.0, 0, 0.0

    def timed(phase: str, info: dict[str, int]) -> None:
        nonlocal spent, full, began
        if phase == "start":
            began = time.process_time()
        else:
            spent += time.process_time() - began
            full += info["generation"] == 2

    gc.callbacks.append(timed)
    try:
        veikart_cli.load(data)
    finally:
        gc.callbacks.remove(timed)
    return spent, full


def tracked_per_area(data: Path, areas: int) -> Counter[str]:
    """The objects the collector tracks that a loaded data set keeps, per area, by type."""
    gc.collect()
    before = Counter(type(o).__name__ for o in gc.get_objects())
    loaded = veikart_cli.load(data)
    gc.collect()
    after = Counter(type(o).__name__ for o in gc.get_objects())
    assert loaded.ok
    return Counter({name: round(n / areas, 1) for name, n in (after - before).items() if n >= areas})


def main() -> None:
    data = Path(sys.argv[1])  # a folder benchmarks/generate.py wrote: generating here would skew the collector
    n = len(list((data / "areas").glob("*.yaml")))
    print(f"start-up (import veikart_cli.cli)  {imported - started:.3f} s")
    for name, seconds in phases(data).items():
        print(f"{name:35}{seconds:.3f} s")
    at = time.process_time()
    veikart_cli.load(data)
    print(f"{'the whole load (API), checks too':35}{time.process_time() - at:.3f} s")
    spent, full = collector(data)
    print(f"{'garbage collector while loading':35}{spent:.3f} s, {full} full collections")
    tracked = tracked_per_area(data, n)
    print(f"tracked objects kept per area        {sum(tracked.values()):.0f}: {dict(tracked.most_common(8))}")


if __name__ == "__main__":
    main()
