"""The format registry: one list of formats, their extensions, and a renderer per kind of document."""

from __future__ import annotations

import pytest
from conftest import ROOT, Run

import veikart_cli as veikart
from veikart_cli.render.formats import FORMATS, UnknownFormat, formats, renderer

KINDS = {
    "matrix": ("table", "markdown", "json", "csv", "html", "svg", "docx"),
    "criteria": ("table", "markdown", "json", "csv", "html", "docx"),
    "report": ("markdown", "html", "docx"),
    "diff": ("table", "markdown", "json"),
}


def test_each_kind_lists_its_formats_in_the_cli_order() -> None:
    assert {kind: formats(kind) for kind in KINDS} == KINDS  # type: ignore[arg-type]
    assert formats("report", text_only=True) == ("markdown", "html")


@pytest.mark.parametrize("fmt", [f for f in FORMATS if not FORMATS[f].binary])
def test_every_text_format_renders_every_kind_it_lists_as_text(fmt: str) -> None:
    matrix = veikart.score(veikart.load(veikart.example_path()).dataset)  # type: ignore[arg-type]
    lang = matrix.framework.language("nb")
    outputs = []
    if "matrix" in FORMATS[fmt].renderers:
        outputs.append(renderer("matrix", fmt)(matrix, lang))
    if "criteria" in FORMATS[fmt].renderers:
        outputs.append(renderer("criteria", fmt)(matrix.framework, lang))
    if "report" in FORMATS[fmt].renderers:
        outputs.append(renderer("report", fmt)(matrix, lang))
    if "diff" in FORMATS[fmt].renderers:
        outputs.append(renderer("diff", fmt)(veikart.diff(matrix, matrix), ("a", "b"), lang))
    assert outputs and all(isinstance(text, str) and text for text in outputs)


def test_the_api_renders_what_the_cli_writes(run: Run) -> None:
    matrix = veikart.score(veikart.load(veikart.example_path()).dataset)  # type: ignore[arg-type]
    for fmt in ("markdown", "json", "csv", "html", "svg"):
        assert veikart.render_matrix(matrix, fmt) == run("score", "--example", "--format", fmt).stdout, fmt
    assert veikart.render_report(matrix, "html") == run("report", "--example", "--format", "html").stdout


def test_a_format_a_kind_does_not_have_is_refused_with_the_ones_it_has() -> None:
    matrix = veikart.score(veikart.load(veikart.example_path()).dataset)  # type: ignore[arg-type]
    with pytest.raises(UnknownFormat, match="'svg' is not one of: markdown, html, docx"):
        renderer("report", "svg")(matrix, matrix.framework.language("nb"))
    with pytest.raises(ValueError, match="'docx' is not one of: table, markdown, json, csv, html, svg$"):
        veikart.render_matrix(matrix, "docx")


def test_the_api_s_cells_and_overalls_keep_their_fields() -> None:
    """The public API's cells and overalls (stable within API_VERSION) keep the names and order they had."""
    loaded = veikart.load(ROOT / "examples" / "energiomstilling")
    matrix = veikart.score(loaded.dataset)  # type: ignore[arg-type]
    cell = matrix.cells()[0]
    assert (cell.fired, cell.low, cell.high, cell.target) == tuple(cell.reading[1:5])
    overall = matrix.overalls[0]
    assert overall._fields[:8] == (
        "colours", "deciding", "vetoed", "lifts", "overridden", "left_out", "support", "needed"
    )  # fmt: skip


def test_the_api_explains_an_overall_as_the_cli_does(run: Run) -> None:
    data = ROOT / "examples" / "energiomstilling"
    matrix = veikart.score(veikart.load(data).dataset)  # type: ignore[arg-type]
    cli = run("explain", str(data), "solcelle", "overall").stdout
    assert veikart.explain(matrix, "solcelle", "overall") + "\n" == cli
