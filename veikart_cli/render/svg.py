"""Matrix → one self-contained SVG figure for a report page: areas as rows, drivers as
columns, each cell filled with its colour and labelled with symbol and word. Deterministic.

Text is wrapped by an estimate of glyph width; no font metrics are needed or read.
"""

from __future__ import annotations

import textwrap
from html import escape

from veikart_cli.engine.scoring import Assessment, Matrix
from veikart_cli.render.contrast import text_colour
from veikart_cli.render.vocabulary import driver_heading, legend, marks, override_notes, word

WIDTH = 800  # px: the text width of an A4 page at 96 dpi, with margins
MARGIN = 12
FIRST_COLUMN = 210
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif"
SIZE, LINE = 12, 15
GRID = "#8c959f"


def wrap(text: str, width_px: float, size: int = SIZE) -> list[str]:
    return textwrap.wrap(text, max(4, int(width_px / (size * 0.56)))) or [""]


def text_lines(x: float, y: float, lines: list[str], **attrs: str) -> str:
    extra = "".join(f' {k.replace("_", "-")}="{v}"' for k, v in attrs.items())
    spans = "".join(
        f'<tspan x="{x:g}" dy="{0 if i == 0 else LINE}">{escape(line)}</tspan>' for i, line in enumerate(lines)
    )
    return f'<text x="{x:g}" y="{y:g}"{extra}>{spans}</text>'


def cell_svg(matrix: Matrix, cell: Assessment, x: float, y: float, w: float, h: float, lang: str) -> list[str]:
    """One rectangle per colour shown, side by side, each with its symbol and word."""
    parts = []
    n = len(cell.colours)
    for i, colour_id in enumerate(cell.colours):
        colour = matrix.framework.colour(colour_id)
        left, width = x + i * w / n, w / n
        suffix = f"-{i}" if n > 1 else ""
        parts.append(
            f'<rect id="cell-{cell.area.id}-{cell.driver.id}{suffix}" x="{left:g}" y="{y:g}" '
            f'width="{width:g}" height="{h:g}" fill="{colour.background}"/>'
        )
        label = f"{colour.symbol} {colour.label.get(lang)}" + (f" {marks(cell)}" if i == n - 1 and marks(cell) else "")
        lines = wrap(label, width - 8)
        top = y + h / 2 - (len(lines) - 1) * LINE / 2 + 4
        parts.append(
            text_lines(left + width / 2, top, lines, text_anchor="middle", fill=text_colour(colour.background))
        )
    # the cell's outline, so one cell in two colours never reads as two cells
    parts.append(
        f'<rect x="{x:g}" y="{y:g}" width="{w:g}" height="{h:g}" fill="none" stroke="{GRID}" stroke-width="1.5"/>'
    )
    return parts


def matrix_svg(matrix: Matrix, lang: str) -> str:
    framework = matrix.framework
    columns = len(framework.drivers)
    cell_w = (WIDTH - 2 * MARGIN - FIRST_COLUMN) / columns
    parts: list[str] = []
    y = MARGIN + 16
    parts.append(text_lines(MARGIN, y, [framework.title.get(lang)], font_size="16", font_weight="bold"))
    y += 14
    headers = [wrap(driver_heading(d, lang), cell_w - 8) for d in framework.drivers]
    head_h = max(len(h) for h in headers) * LINE + 12
    parts.append(text_lines(MARGIN + 4, y + 18, [word("area", lang)], font_weight="bold"))
    for i, lines in enumerate(headers):
        parts.append(text_lines(MARGIN + FIRST_COLUMN + i * cell_w + 4, y + 18, lines, font_weight="bold"))
    y += head_h
    for area, cells in matrix.rows:
        name = wrap(area.name.get(lang), FIRST_COLUMN - 8)
        row_h = max(len(name) * LINE + 14, 40)
        parts.append(
            f'<rect x="{MARGIN}" y="{y:g}" width="{WIDTH - 2 * MARGIN}" height="{row_h:g}" fill="none" stroke="{GRID}"/>'
        )
        parts.append(text_lines(MARGIN + 4, y + 18, name))
        for i, cell in enumerate(cells):
            parts += cell_svg(matrix, cell, MARGIN + FIRST_COLUMN + i * cell_w, y, cell_w, row_h, lang)
        y += row_h
    y += 22
    for note in legend(matrix, lang) + override_notes(matrix, lang):
        lines = wrap(note, WIDTH - 2 * MARGIN, 11)
        parts.append(text_lines(MARGIN, y, lines, font_size="11"))
        y += len(lines) * LINE + 4
    height = int(y + MARGIN)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" font-family="{escape(FONT)}" font-size="{SIZE}">\n'
        f"<title>{escape(framework.title.get(lang))}</title>\n"
        f'<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>\n' + "\n".join(parts) + "\n</svg>\n"
    )
