"""Superlinear paths the red teams found, each timed at a size and at four times that size.

Linear work grows about 4× when the input does; quadratic work 16×. benchmarks/run.py runs
this after its own table (or: python benchmarks/hostile.py).

    path                                  what grows
    one-line flow list (parse + read)      the list's length, on one line
    drivers × evidence (score)             drivers, each area having evidence for each
    report --check diff (stale report)     lines of two different reports
    --set with many dots                   dots in AREA.DRIVER
    Markdown matrix with one long name     the long name (1 000 areas)
    Word list (report -f docx)             list items, one paragraph each
    Word matrix (score -f docx)            areas, one table row each
    --check on a large stale file          lines of the stale file and of the output
"""

from __future__ import annotations

import gc
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from veikart_cli.app.dataset import find_inputs, load_dataset
from veikart_cli.model.evidence import DataSet
from veikart_cli.model.types import Text
from veikart_cli.problems import Problems


def shipped() -> DataSet:
    problems = Problems()
    dataset = load_dataset(find_inputs([HERE.parent], problems), HERE.parent, problems)
    assert dataset is not None
    return dataset


def seconds(work: Callable[[], object], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def flow_list(n: int) -> Callable[[], object]:
    from veikart_cli.model.areas import read_area
    from veikart_cli.syntax.nodes import parse_text

    base = (HERE.parent / "areas" / "2-digitale-hjemmetjenester.yaml").read_text(encoding="utf-8")
    text = base + "actors: [" + ", ".join(f"aktør{i}" for i in range(n)) + "]\n"
    framework = shipped().framework

    def work() -> object:
        problems = Problems()
        node = parse_text(text, "area.yaml", problems)
        return read_area(node, "area.yaml", framework, problems) if node is not None else None

    return work


def drivers_evidence(n: int) -> Callable[[], object]:
    from veikart_cli.engine.scoring import score

    dataset = shipped()
    framework = dataset.framework
    template = framework.drivers[1]  # a level driver
    drivers = tuple(template._replace(id=f"d{i}") for i in range(n))
    evidence = next(e for e in dataset.areas[0].evidence if e.driver == template.id)
    areas = tuple(
        a._replace(id=f"a{j}", evidence=tuple(evidence._replace(driver=f"d{i}") for i in range(n)))
        for j, a in enumerate(dataset.areas)
    )
    wide = framework._replace(drivers=drivers)
    return lambda: score(wide, areas)


def stale_check(n: int) -> Callable[[], object]:
    import tempfile

    from veikart_cli.app.outputs import differences

    old = "".join(f"| område {i} | 🟢 Grønn | 🟡 Gul | gammel {i} |\n" for i in range(n))
    new = "".join(f"| område {i} | 🟡 Gul | 🟢 Grønn | ny {i} |\n" for i in range(n))
    path = Path(tempfile.mkdtemp(prefix="veikart-bench-")) / "report.md"
    path.write_text(old, encoding="utf-8")
    return lambda: differences(path, old, new)


def set_dots(n: int) -> Callable[[], object]:
    from veikart_cli.app.whatif import WhatIfError, parse_change

    dataset = shipped()

    def work() -> object:
        try:
            return parse_change(dataset, "." * n + "=1")
        except WhatIfError as err:
            return err

    return work


def long_name(n: int) -> Callable[[], object]:
    from veikart_cli.engine.scoring import score
    from veikart_cli.render.formats import matrix_text

    dataset = shipped()
    areas = tuple(a._replace(id=f"a{i}") for i in range(1000) for a in dataset.areas[i % 7 : i % 7 + 1])
    areas = (areas[0]._replace(name=Text.of("Digitale " + "x" * n)), *areas[1:])
    matrix = score(dataset.framework, areas)
    return lambda: matrix_text(matrix, "markdown", "nb")


def word_list(n: int) -> Callable[[], object]:
    from veikart_cli.render.document import Bullets, Heading, Page, Paragraph
    from veikart_cli.render.docx import page_docx

    blocks = (Heading(1, "Liste", "liste"), Bullets(tuple(f"punkt {i}" for i in range(n))), Paragraph("slutt"))
    page = Page("Liste", "nb", blocks)
    return lambda: page_docx(page)


def word_matrix(n: int) -> Callable[[], object]:
    from veikart_cli.engine.scoring import score
    from veikart_cli.render.formats import matrix_bytes

    dataset = shipped()
    areas = tuple(a._replace(id=f"a{i}") for i in range(n) for a in dataset.areas[i % 7 : i % 7 + 1])
    matrix = score(dataset.framework, areas)
    return lambda: matrix_bytes(matrix, "docx", "nb")


def check_large(n: int) -> Callable[[], object]:
    import contextlib
    import io
    import tempfile

    from veikart_cli.app.outputs import check_file

    stale = "".join(f"| område {i} | 🟢 Grønn | {'gammel tekst ' * 8}|\n" for i in range(n))
    fresh = "".join(f"| område {i} | 🟡 Gul | {'ny tekst ' * 8}|\n" for i in range(n))
    path = Path(tempfile.mkdtemp(prefix="veikart-bench-")) / "report.md"
    path.write_text(stale, encoding="utf-8")

    def work() -> object:
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            return check_file(fresh, path)

    return work


CASES = (
    ("one-line flow list (parse + read)", "items", flow_list, 25_000),
    ("drivers × evidence (score)", "drivers", drivers_evidence, 250),
    ("report --check diff (stale report)", "lines", stale_check, 10_000),
    ("--set with many dots", "dots", set_dots, 50_000),
    ("Markdown matrix, one long name", "chars", long_name, 50_000),
    ("Word list (report -f docx)", "items", word_list, 4_000),
    ("Word matrix (score -f docx)", "areas", word_matrix, 1_000),
    ("--check on a large stale file", "lines", check_large, 50_000),
)


def main() -> int:
    """1 if a path grew superlinearly (8× or more for 4× the input), so the benchmark is a check."""
    print(f"{'superlinear path found by a red team':<38} {'size':>14} {'median s':>9} {'×4 size':>9} {'growth':>7}")
    superlinear = 0
    for name, unit, make, n in CASES:
        small, large = seconds(make(n)), seconds(make(4 * n))
        growth = large / small if small else float("nan")
        verdict = "linear" if growth < 8 else "SUPERLINEAR"
        superlinear += verdict != "linear"
        print(f"{name:<38} {n:>8} {unit:<5} {small:>9.3f} {large:>9.3f} {growth:>6.1f}×  {verdict}")
    print("growth: time at 4× the size over time at the size; ~4× is linear, ~16× quadratic.")
    return 1 if superlinear else 0


if __name__ == "__main__":
    sys.exit(main())
