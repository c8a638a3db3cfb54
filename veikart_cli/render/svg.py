"""Matrix → one self-contained SVG figure: areas as rows, drivers as columns, each cell filled with
its colour and labelled with a drawn shape (not an emoji, which needs a font) and a word. Text wraps
between words by an estimate of glyph widths; columns are as wide as their longest word."""

from __future__ import annotations

import re
from html import escape
from typing import NamedTuple

from veikart_cli.engine.scoring import Assessment, Matrix
from veikart_cli.model.types import Framework
from veikart_cli.model.vocabulary import Language
from veikart_cli.render.document import text_colour
from veikart_cli.render.phrases import driver_heading, legend, marks, with_overall
from veikart_cli.render.sanitize import xml_line

MARGIN, PAD = 12, 6
FIRST_COLUMN = (120, 240)  # px: the area column's least and most width (names wrap within it)
CELL = 96  # px: a driver column's least width
NOTES = 560  # px: the least width of the figure, so its notes stay readable
FONT = "'DejaVu Sans', Verdana, 'Noto Sans', system-ui, sans-serif"  # wide fonts first: the estimate errs wide
SIZE, LINE = 12, 15
SHAPE = 12  # px: the symbol's size
GRID = "#8c959f"

# Shapes a framework's symbol may name; otherwise one shape per position in the scale.
_NAMED = {
    "circle": "●○⬤🟢🟡🔴🟠🔵🟣🟤⚫⚪",
    "square": "■□▪◼🟩🟨🟥🟧🟦🟪🟫⬛⬜",
    "triangle": "▲△▴🔺",
    "diamond": "◆◇♦🔶🔷🔸🔹",
}
_BY_POSITION = ("circle", "triangle", "square", "diamond", "down", "hexagon")

# Average advance of a glyph, in ems, for a sans-serif font; the estimate leans wide.
_NARROW, _WIDE = set("iljtfrI.,:;'!|()[] "), set("mwMWæÆ@%")


def text_width(text: str, size: float = SIZE, bold: bool = False) -> float:
    ems = sum(0.34 if c in _NARROW else 0.92 if c in _WIDE else 0.7 if c.isupper() else 0.6 for c in text)
    return ems * size * 1.06 * (1.16 if bold else 1.0)  # DejaVu Sans, among the widest, fits


def widest_word(texts: list[str], size: float = SIZE, bold: bool = False) -> float:
    return max((text_width(w, size, bold) for t in texts for w in t.split()), default=0.0)


def wrap(text: str, width: float, size: float = SIZE, bold: bool = False) -> list[str]:
    """Lines no wider than `width` where the words allow; a word is never broken."""
    lines: list[str] = []
    for word_ in text.split():
        if lines and text_width(f"{lines[-1]} {word_}", size, bold) <= width:
            lines[-1] += f" {word_}"
        else:
            lines.append(word_)
    return lines or [""]


def text_lines(x: float, y: float, lines: list[str], **attrs: str) -> str:
    extra = "".join(f' {k.replace("_", "-")}="{v}"' for k, v in attrs.items())
    spans = "".join(
        f'<tspan x="{x:g}" dy="{0 if i == 0 else LINE}">{xml_line(line)}</tspan>' for i, line in enumerate(lines)
    )
    return f'<text x="{x:g}" y="{y:g}"{extra}>{spans}</text>'


def shapes(framework: Framework) -> dict[str, str]:
    """colour id → shape: the one its symbol names when every colour's differs, else one per position."""
    every = (*framework.scale, *framework.states)
    named = [next((s for s, chars in _NAMED.items() if c.symbol.strip() in chars), "") for c in every]
    if all(named) and len(set(named)) == len(named):
        return {c.id: s for c, s in zip(every, named, strict=True)}
    return {c.id: _BY_POSITION[i % len(_BY_POSITION)] for i, c in enumerate(every)}


def shape_svg(kind: str, cx: float, cy: float, fill: str) -> str:
    r = SHAPE / 2
    if kind == "circle":
        return f'<circle class="symbol" cx="{cx:g}" cy="{cy:g}" r="{r:g}" fill="{fill}"/>'
    if kind == "square":
        s = r * 0.9
        return (
            f'<rect class="symbol" x="{cx - s:g}" y="{cy - s:g}" width="{2 * s:g}" height="{2 * s:g}" fill="{fill}"/>'
        )
    corners = _CORNERS[kind]
    points = " ".join(f"{cx + dx * r:g},{cy + dy * r:g}" for dx, dy in corners)
    return f'<polygon class="symbol" points="{points}" fill="{fill}"/>'


_CORNERS: dict[str, tuple[tuple[float, float], ...]] = {
    "triangle": ((0, -1), (1, 0.8), (-1, 0.8)),
    "down": ((-1, -0.8), (1, -0.8), (0, 1)),
    "diamond": ((0, -1), (1, 0), (0, 1), (-1, 0)),
    "hexagon": ((-1, 0), (-0.5, -0.87), (0.5, -0.87), (1, 0), (0.5, 0.87), (-0.5, 0.87)),
}


class Layout(NamedTuple):
    first: float  # the area column's width
    cell: float  # each driver column's width
    width: int  # the figure's


def layout(matrix: Matrix, lang: Language) -> Layout:
    framework = matrix.framework
    names = [area.name.get(lang) for area, _ in matrix.rows] + [lang.word("area")]
    longest_name = max(text_width(n) for n in names) + 2 * PAD
    first = max(FIRST_COLUMN[0], widest_word(names, bold=True) + 2 * PAD, min(longest_name, FIRST_COLUMN[1]))
    headers = [driver_heading(d, lang) for d in framework.drivers]
    parts = [
        (widest_word([part_label(matrix, cell, i, lang)]) + 2 * PAD) * len(cell.colours)
        for cell in matrix.cells()
        for i in range(len(cell.colours))
    ]
    cell = max([CELL, widest_word(headers, bold=True) + 2 * PAD, SHAPE + 2 * PAD, *parts])
    width = max(NOTES, round(2 * MARGIN + first + len(framework.drivers) * cell))
    return Layout(round(first), round(cell), width)


def part_label(matrix: Matrix, cell: Assessment, i: int, lang: Language) -> str:
    """The word under the i-th colour of a cell; the marks follow the last one."""
    label = matrix.framework.colour(cell.colours[i]).label.get(lang)
    return f"{label} {marks(cell)}" if i == len(cell.colours) - 1 and marks(cell) else label


def cell_svg(matrix: Matrix, cell: Assessment, box: tuple[float, float, float, float], lang: Language) -> list[str]:
    """One rectangle per colour shown, side by side, each with its shape and word."""
    x, y, w, h = box
    parts, n, kinds = [], len(cell.colours), shapes(matrix.framework)
    for i, colour_id in enumerate(cell.colours):
        colour = matrix.framework.colour(colour_id)
        left, width, ink = x + i * w / n, w / n, text_colour(colour.background)
        suffix = f"-{i}" if n > 1 else ""
        parts.append(
            f'<rect id="cell-{cell.area.id}-{cell.driver.id}{suffix}" x="{left:g}" y="{y:g}" '
            f'width="{width:g}" height="{h:g}" fill="{colour.background}"/>'
        )
        lines = wrap(part_label(matrix, cell, i, lang), width - 2 * PAD)
        top = y + (h - part_height(len(lines))) / 2
        parts.append(shape_svg(kinds[colour_id], left + width / 2, top + SHAPE / 2, ink))
        parts.append(text_lines(left + width / 2, top + SHAPE + 4 + SIZE, lines, text_anchor="middle", fill=ink))
    # the cell's outline, so one cell in two colours never reads as two cells
    parts.append(
        f'<rect x="{x:g}" y="{y:g}" width="{w:g}" height="{h:g}" fill="none" stroke="{GRID}" stroke-width="1.5"/>'
    )
    return parts


def part_height(lines: int) -> float:
    return SHAPE + 4 + lines * LINE


def without_symbols(text: str, framework: Framework) -> str:
    """A note with its 'S' or 'S/S' symbol runs taken out: the figure draws symbols, never types them."""
    every = (*framework.scale, *framework.states)
    symbols = "|".join(re.escape(c.symbol) for c in sorted(every, key=lambda c: -len(c.symbol)))
    return re.sub(rf"(?:{symbols})(?:/(?:{symbols}))*\s*", "", text) if symbols else text


def legend_svg(framework: Framework, x: float, y: float, room: float, lang: Language) -> tuple[list[str], float]:
    """A swatch with its shape, then the word, for every colour of the scale; wraps like text."""
    kinds, parts = shapes(framework), []
    left, right = x, x + room
    for colour in (*framework.scale, *framework.states):
        label = colour.label.get(lang)
        needed = SHAPE + 2 * PAD + 4 + text_width(label) + 16
        if left + needed > right and left > x:
            left, y = x, y + LINE + 8
        size = SHAPE + 2 * PAD
        parts.append(
            f'<rect x="{left:g}" y="{y - size / 2:g}" width="{size:g}" height="{size:g}" fill="{colour.background}"/>'
        )
        parts.append(shape_svg(kinds[colour.id], left + size / 2, y, text_colour(colour.background)))
        parts.append(text_lines(left + size + 4, y + 4, [label]))
        left += needed
    return parts, y + SHAPE / 2 + PAD


def matrix_svg(matrix: Matrix, lang: Language) -> str:
    matrix = with_overall(matrix, lang)  # the overall colour as one more column, when declared
    framework, shape = matrix.framework, layout(matrix, lang)
    room = shape.width - 2 * MARGIN
    parts: list[str] = []
    title = wrap(framework.title.get(lang), room, 16, bold=True)
    parts.append(text_lines(MARGIN, MARGIN + 16, title, font_size="16", font_weight="bold"))
    y: float = MARGIN + 16 + (len(title) - 1) * LINE + 14
    headers = [wrap(driver_heading(d, lang), shape.cell - 2 * PAD, bold=True) for d in framework.drivers]
    head_h = max(len(h) for h in headers) * LINE + 12
    parts.append(text_lines(MARGIN + PAD, y + 18, wrap(lang.word("area"), shape.first, bold=True), font_weight="bold"))
    for i, lines in enumerate(headers):
        parts.append(text_lines(MARGIN + shape.first + i * shape.cell + PAD, y + 18, lines, font_weight="bold"))
    y += head_h
    for area, cells in matrix.rows:
        name = wrap(area.name.get(lang), shape.first - 2 * PAD)
        tallest = max(
            part_height(len(wrap(part_label(matrix, c, i, lang), shape.cell / len(c.colours) - 2 * PAD)))
            for c in cells
            for i in range(len(c.colours))
        )
        row_h = max(len(name) * LINE + 14, tallest + 2 * PAD)
        parts.append(
            f'<rect x="{MARGIN}" y="{y:g}" width="{shape.first + len(cells) * shape.cell:g}" height="{row_h:g}" '
            f'fill="none" stroke="{GRID}"/>'
        )
        parts.append(text_lines(MARGIN + PAD, y + 18, name))
        for i, cell in enumerate(cells):
            parts += cell_svg(matrix, cell, (MARGIN + shape.first + i * shape.cell, y, shape.cell, row_h), lang)
        y += row_h
    drawn, y = legend_svg(framework, MARGIN, y + 24, room, lang)
    parts += drawn
    y += 14
    for note in legend(matrix, lang)[1:]:  # [0] is the legend drawn above
        lines = wrap(without_symbols(note, framework), room, 11)
        parts.append(text_lines(MARGIN, y, lines, font_size="11"))
        y += len(lines) * LINE + 4
    height = int(y + MARGIN)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{shape.width}" height="{height}" '
        f'viewBox="0 0 {shape.width} {height}" xml:lang="{escape(lang)}" '
        f'font-family="{escape(FONT)}" font-size="{SIZE}">\n'
        f"<title>{xml_line(framework.title.get(lang))}</title>\n"
        f'<rect width="{shape.width}" height="{height}" fill="#ffffff"/>\n' + "\n".join(parts) + "\n</svg>\n"
    )
