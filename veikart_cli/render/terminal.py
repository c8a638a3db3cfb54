"""Matrix → a rich Table: coloured cells that also carry a symbol and a word."""

from __future__ import annotations

from typing import TYPE_CHECKING

from veikart_cli.engine.scoring import Assessment, Matrix
from veikart_cli.model.types import Framework
from veikart_cli.render.contrast import text_colour
from veikart_cli.render.vocabulary import criteria_for, driver_heading, legend, marks, override_notes, word

if TYPE_CHECKING:
    from rich.table import Table
    from rich.text import Text


def cell_renderable(matrix: Matrix, cell: Assessment, lang: str) -> Text:
    from rich.text import Text

    text = Text()
    for i, colour_id in enumerate(cell.colours):
        colour = matrix.framework.colour(colour_id)
        style = f"{text_colour(colour.background)} on {colour.background}"
        text.append(("/" if i else "") + f" {colour.symbol} {colour.label.get(lang)} ", style=style)
    if marks(cell):
        text.append(" " + marks(cell))
    return text


def rich_matrix(matrix: Matrix, lang: str) -> Table:
    from rich.table import Table

    framework = matrix.framework
    table = Table(
        title=framework.title.get(lang),
        caption="\n".join(legend(matrix, lang) + override_notes(matrix, lang)),
        caption_justify="left",
        show_lines=True,
    )
    table.add_column(word("area", lang), min_width=20)
    for driver in framework.drivers:
        table.add_column(driver_heading(driver, lang, short=True), overflow="fold")
    for area, cells in matrix.rows:
        table.add_row(area.name.get(lang), *(cell_renderable(matrix, c, lang) for c in cells))
    return table


def rich_criteria(framework: Framework, lang: str) -> Table:
    from rich.table import Table

    table = Table(title=framework.title.get(lang), show_lines=True)
    table.add_column(word("driver", lang), min_width=12)
    for driver in framework.drivers:
        table.add_column(driver_heading(driver, lang))
    table.add_row(word("evaluates", lang), *(d.question.get(lang) for d in framework.drivers))
    for colour in framework.scale:
        style = f"{text_colour(colour.background)} on {colour.background}"
        cells = ["\n".join(criteria_for(d, colour.id, lang)) or "–" for d in framework.drivers]
        table.add_row(f"{colour.symbol} {colour.label.get(lang)}", *cells, style=style)
    return table
