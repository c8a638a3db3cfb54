"""The matrix and the criteria table as pages of blocks, for the Markdown and HTML renderers."""

from __future__ import annotations

from veikart_cli.engine.scoring import Assessment, Matrix
from veikart_cli.model.types import Framework
from veikart_cli.model.vocabulary import Language
from veikart_cli.render.document import Bullets, Cell, Page, Shade, Table
from veikart_cli.render.overall import with_overall
from veikart_cli.render.phrases import (
    about,
    colour_text,
    criteria_for,
    criteria_notes,
    driver_heading,
    legend,
    marks,
    override_notes,
    question_text,
    word,
)


def colour_cell(framework: Framework, cell: Assessment, lang: Language, note: str = "", link: str = "") -> Cell:
    shades = tuple(shade(framework, c, lang) for c in cell.colours)
    text = colour_text(framework, cell.colours, lang)
    return Cell(text, shades, marks(cell), note, cell_id(cell) if link else "", link)


def cell_id(cell: Assessment) -> str:
    return cell_anchor(cell.area.id, cell.driver.id)


def cell_anchor(area_id: str, driver_id: str) -> str:
    """An id no heading anchor takes: GitHub's never hold a '.'."""
    return f"cell.{area_id}.{driver_id}"


def shade(framework: Framework, colour_id: str, lang: Language) -> Shade:
    colour = framework.colour(colour_id)
    return Shade(colour.background, f"{colour.symbol} {colour.label.get(lang)}")


def matrix_table(matrix: Matrix, lang: Language, links: dict[str, str] | None = None) -> Table:
    """The matrix; `links` maps a cell's id to the anchor of its explanation (the report has them)."""
    matrix = with_overall(matrix, lang)  # the overall colour as one more column, when declared
    framework = matrix.framework
    headers = (word("area", lang),) + tuple(driver_heading(d, lang) for d in framework.drivers)
    notes, links = cell_notes(matrix, lang), links or {}
    rows = tuple(
        (Cell(area.name.get(lang)),)
        + tuple(
            colour_cell(framework, cell, lang, notes.get((area.id, cell.driver.id), ""), links.get(cell_id(cell), ""))
            for cell in cells
        )
        for area, cells in matrix.rows
    )
    return Table(headers, rows, "matrix")


def cell_notes(matrix: Matrix, lang: Language) -> dict[tuple[str, str], str]:
    """(area id, driver id) → the override note of that cell, as listed under the matrix."""
    overridden = [(c.area.id, c.driver.id) for c in matrix.cells() if c.override]
    return dict(zip(overridden, override_notes(matrix, lang), strict=True))


def matrix_notes(matrix: Matrix, lang: Language) -> Bullets:
    return Bullets(tuple(legend(matrix, lang) + override_notes(matrix, lang)))


def matrix_page(matrix: Matrix, lang: Language) -> Page:
    blocks = (matrix_table(matrix, lang), matrix_notes(matrix, lang))
    info = about(matrix.framework, word("matrix", lang), lang)
    return Page(matrix.framework.title.get(lang), lang, blocks, info)


def criteria_table(framework: Framework, lang: Language) -> Table:
    """The report's Tabell 2: one row per colour, one column per driver."""
    headers = (word("driver", lang),) + tuple(driver_heading(d, lang) for d in framework.drivers)
    rows = [(Cell(word("evaluates", lang)),) + tuple(Cell(question_text(d, lang)) for d in framework.drivers)]
    for colour in framework.scale:
        label = Cell(f"{colour.symbol} {colour.label.get(lang)}:", (shade(framework, colour.id, lang),))
        texts = ("\n".join(criteria_for(d, colour.id, lang)) or "–" for d in framework.drivers)
        rows.append((label,) + tuple(Cell(text) for text in texts))
    return Table(headers, tuple(rows))


def criteria_page(framework: Framework, lang: Language) -> Page:
    blocks = (criteria_table(framework, lang), Bullets(tuple(criteria_notes(framework, lang))))
    return Page(framework.title.get(lang), lang, blocks, about(framework, word("criteria", lang), lang))
