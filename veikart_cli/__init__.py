"""veikart: a traffic-light evaluator for strategic roadmaps, and its public Python API: load, check, score,
explain, compare, what-if and render a roadmap. Nothing here prints, exits or reads the command line or
pyproject.toml; errors in the data come back as problems beside a data set of None. The names in __all__ are
stable within API_VERSION."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from veikart_cli.app.dataset import Loaded, find_inputs, read_inputs, shipped_root
from veikart_cli.app.whatif import parse_change
from veikart_cli.engine import diff as engine_diff
from veikart_cli.engine import scoring, whatif
from veikart_cli.engine.diff import Diff
from veikart_cli.engine.scoring import Matrix, ranked
from veikart_cli.engine.whatif import find
from veikart_cli.model.evidence import DataSet
from veikart_cli.model.vocabulary import Language
from veikart_cli.problems import Problem, Problems
from veikart_cli.render.explain import explain as explain_text
from veikart_cli.render.explain import explain_overall, means_overall
from veikart_cli.render.formats import formats, renderer

__version__ = "0.3.0"
__all__ = [
    "API_VERSION",
    "DataSet",
    "Diff",
    "Loaded",
    "Matrix",
    "Problem",
    "diff",
    "example_path",
    "explain",
    "load",
    "rank",
    "render_matrix",
    "render_report",
    "score",
    "what_if",
]
API_VERSION = 1


def example_path() -> Path:
    """The shipped data set (SINTEF 2021:00617, Trondheim), a folder holding criteria/ and areas/."""
    return shipped_root()


def load(*paths: str | Path, criteria: str | Path | None = None, strict: bool = False) -> Loaded:
    """Read data folders (holding criteria/ and areas/), area files or folders of them; `criteria`
    names the framework when it is not beside their areas/. `strict`: warnings make it untrusted too."""
    problems = Problems()
    inputs = find_inputs([Path(p) for p in paths], problems, Path(criteria) if criteria is not None else None)
    return read_inputs(inputs, Path.cwd(), problems, strict)


def score(dataset: DataSet) -> Matrix:
    """The traffic-light matrix: one assessment per area and driver."""
    return scoring.score(dataset.framework, dataset.areas)


def explain(matrix: Matrix, area: str, driver: str | None = None, lang: str | None = None) -> str:
    """A cell (or every cell of an area, or with `driver="overall"` its overall colour, as the CLI's `explain`)
    explained as text; LookupError when no id, name or alias matches."""
    chosen = find(tuple(row_area for row_area, _ in matrix.rows), area)
    if driver is not None and matrix.overalls and means_overall(matrix.framework, driver):
        return explain_overall(matrix, chosen.id, _language(matrix, lang))
    chosen_driver = find(matrix.framework.drivers, driver).id if driver else None
    return explain_text(matrix, chosen.id, chosen_driver, _language(matrix, lang))


def rank(matrix: Matrix, by: str = "overall", lang: str | None = None) -> Matrix:
    """The areas ranked best first by their overall colour, a driver id, or `name`; ties keep the
    declared order. ValueError for a key it cannot rank by."""
    return ranked(matrix, by, lang or matrix.framework.languages[0])


def diff(old: Matrix, new: Matrix) -> Diff:
    """Cells whose colour changed between two matrices and why, areas and drivers added or removed."""
    return engine_diff.diff(old, new)


def what_if(dataset: DataSet, *settings: str) -> DataSet:
    """The data set as if `AREA.DRIVER=VALUE` held; ValueError on a setting that does not parse or name a cell."""
    return whatif.what_if(dataset, [parse_change(dataset, setting) for setting in settings])


def render_matrix(matrix: Matrix, fmt: str = "markdown", lang: str | None = None) -> str:
    """The matrix as text: markdown, html, svg, json, csv, or table; ValueError for an unknown format."""
    return _render("matrix", matrix, fmt, lang)


def render_report(matrix: Matrix, fmt: str = "markdown", lang: str | None = None) -> str:
    """The whole report (markdown or html); ValueError for an unknown format."""
    return _render("report", matrix, fmt, lang)


def _render(kind: Literal["matrix", "report"], matrix: Matrix, fmt: str, lang: str | None) -> str:
    """`fmt` when it renders this kind as text (docx, bytes, is not for this API)."""
    allowed = formats(kind, text_only=True)
    if fmt not in allowed:
        raise ValueError(f"'{fmt}' is not one of: {', '.join(allowed)}")
    output = renderer(kind, fmt)(matrix, _language(matrix, lang))
    assert isinstance(output, str)
    return output


def _language(matrix: Matrix, lang: str | None) -> Language:
    return matrix.framework.language(lang or matrix.framework.languages[0])
