"""A tiny document model (headings, paragraphs, lists, tables), and its Markdown and HTML (Word: docx.py):
builders say *what* a page holds once, each renderer only *how* it looks, so they cannot drift."""

from __future__ import annotations

from html import escape
from typing import NamedTuple
from unicodedata import category

from veikart_cli.model.vocabulary import Language
from veikart_cli.render.sanitize import markdown_cell, markdown_inline, xml_text
from veikart_cli.text import is_invisible


class Heading(NamedTuple):
    level: int
    text: str
    anchor: str  # the id GitHub gives this heading; see Anchors
    back: str = ""  # the id of the matrix cell this heading explains: HTML links back to it


class Paragraph(NamedTuple):
    text: str
    label: str = ""  # shown in bold before the text


class Quote(NamedTuple):
    text: str
    cite: str  # e.g. "4.3.2"

    @property
    def quoted(self) -> str:
        """The text in «», its own «» as the inner marks ‘’ (nested guillemets read as an error)."""
        return "«" + self.text.replace("«", "‘").replace("»", "’") + "»"


class Bullets(NamedTuple):
    items: tuple[str, ...]


class Contents(NamedTuple):
    items: tuple[tuple[int, str, str], ...]  # (depth, text, anchor)


class Shade(NamedTuple):
    background: str  # '#rrggbb'
    text: str  # e.g. "🟢 Grønn"


def luminance(colour: str) -> float:
    """WCAG 2 relative luminance of '#rrggbb'."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    """WCAG 2 contrast ratio, from 1 (none) to 21 (black on white); AA asks 4.5 for normal text."""
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def text_colour(background: str) -> str:
    """Black or white, whichever contrasts more with the background."""
    return "#000000" if contrast(background, "#000000") >= contrast(background, "#ffffff") else "#ffffff"


class Cell(NamedTuple):
    text: str
    shades: tuple[Shade, ...] = ()  # a traffic-light cell: one shade per colour it shows
    marks: str = ""  # † and ‡, after the colour words
    note: str = ""  # the override's note, also listed under the table: Word makes it a footnote
    anchor: str = ""  # the cell's own id, for a link back to it
    link: str = ""  # the anchor of the heading that explains this cell


class Table(NamedTuple):
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    kind: str = ""  # "matrix" or "criteria": print keeps a matrix on one page


Block = Heading | Paragraph | Quote | Bullets | Contents | Table


class About(NamedTuple):
    """What a file says about itself where a format has room for it (Word's core properties)."""

    subject: str = ""
    creator: str = ""
    date: str = ""  # ISO date or year from the data, so the file is the same on every run


class Page(NamedTuple):
    title: str
    lang: Language  # the code, carrying the document's words
    blocks: tuple[Block, ...]
    about: About = About()

    @property
    def shown(self) -> tuple[Block, ...]:
        """The blocks with something to show: an empty list is left out."""
        return tuple(b for b in self.blocks if not (isinstance(b, (Bullets, Contents)) and not b.items))


class Anchors:
    """Heading ids as GitHub makes them, so links in a pasted or committed report work: lower case,
    only letters, numbers, marks (but invisible ones), spaces as '-', '-' and '_'; repeats x, x-1, x-2."""

    def __init__(self) -> None:
        self.seen: dict[str, int] = {}

    def make(self, text: str) -> str:
        kept = (ch for ch in text.lower() if ch in " -_" or category(ch)[0] in "LNM" and not is_invisible(ch))
        base = "".join(kept).replace(" ", "-")
        count = self.seen.get(base, 0)
        self.seen[base] = count + 1
        return f"{base}-{count}" if count else base

    def heading(self, level: int, text: str, back: str = "") -> Heading:
        return Heading(level, text, self.make(text), back)


# Markdown: GitHub-flavoured (tables by tabulate), deterministic bytes.
PAD_LIMIT = 200  # characters: wider cells are not padded (a column as wide as its widest cell)


def markdown_table(block: Table) -> str:
    """A GitHub table, its columns padded to their widest cell for people reading the source, unless
    a cell is wider than PAD_LIMIT: then no row is, so one long name cannot make every row grow."""

    def text(c: Cell) -> str:
        return markdown_cell(f"{c.text} {c.marks}" if c.marks else c.text)

    rows = [[text(c) for c in row] for row in block.rows]
    headers = [markdown_cell(h) for h in block.headers]
    if any(len(t) > PAD_LIMIT for t in headers) or any(len(t) > PAD_LIMIT for row in rows for t in row):
        lines = [headers, ["---"] * len(headers), *rows]
        return "\n".join("| " + " | ".join(line) + " |" for line in lines)
    import tabulate  # here: it imports importlib.metadata and wcwidth, measurably slow, for tables only

    # tabulate measures with wcwidth when that is installed (an emoji: two columns), else with len():
    # always count code points, so every machine pads alike; the switch goes back for other callers.
    wide = tabulate.WIDE_CHARS_MODE
    tabulate.WIDE_CHARS_MODE = False
    try:
        # disable_numparse: never re-format figures such as "1.10" or "0301"
        return tabulate.tabulate(rows, headers=headers, tablefmt="github", disable_numparse=True)
    finally:
        tabulate.WIDE_CHARS_MODE = wide


def block_markdown(block: Block) -> str:
    if isinstance(block, Heading):
        return "#" * block.level + " " + markdown_inline(block.text)
    if isinstance(block, Paragraph):
        return (f"**{markdown_inline(block.label)}:** " if block.label else "") + markdown_inline(block.text)
    if isinstance(block, Quote):
        return f"> {markdown_inline(block.quoted)} ({markdown_inline(block.cite)})"
    if isinstance(block, Bullets):
        return "\n".join(f"- {markdown_inline(item)}" for item in block.items)
    if isinstance(block, Contents):
        return "\n".join(f"{'  ' * depth}- [{markdown_inline(text)}](#{anchor})" for depth, text, anchor in block.items)
    return markdown_table(block)


def page_markdown(page: Page) -> str:
    return "\n\n".join(block_markdown(b) for b in page.shown) + "\n"


# HTML: one self-contained page, well-formed XML too. Every traffic-light cell carries its colour in an
# inline style (pasting into Word or Google Docs keeps it), symbol and word.
HTML_STYLE = (
    "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;line-height:1.45;"
    "max-width:72rem;margin:2rem auto;padding:0 1rem;color:#1f2328}"
    "table{border-collapse:collapse;margin:1rem 0}"
    "th,td{border:1px solid #8c959f;padding:.35rem .6rem;text-align:left;vertical-align:top}"
    "th{background:#f6f8fa}"
    "blockquote{margin:.5rem 0 .5rem 1rem;padding-left:.8rem;border-left:3px solid #d0d7de;color:#424a53}"
    "a.cell{color:inherit;text-decoration:none}a.cell:hover,a.cell:focus{text-decoration:underline}"
    "td:target,h3:target{outline:3px solid #0969da;outline-offset:-3px}"
    "p.back{margin:-.4rem 0 .4rem;font-size:.85em}"
    # Print: A4 pages; the cells keep their colours; no row is split across pages, a table's head
    # repeats on each, and the matrix stays whole on one page; links back are for screens only.
    "@media print{@page{size:A4;margin:14mm 12mm}"
    "body{max-width:none;margin:0;padding:0;font-size:10pt}"
    "*{-webkit-print-color-adjust:exact;print-color-adjust:exact}"
    "tr,th,td{break-inside:avoid;page-break-inside:avoid}thead{display:table-header-group}"
    "table.matrix{break-inside:avoid;page-break-inside:avoid;width:100%}"
    "h1,h2,h3{break-after:avoid;page-break-after:avoid}blockquote{break-inside:avoid}"
    "p.back{display:none}a{color:inherit;text-decoration:none}}"
)


def html(value: str) -> str:
    """Data as HTML text: a line break where it has one, other whitespace as single spaces."""
    return "<br/>".join(xml_text(" ".join(line.split())) for line in value.split("\n"))


def swatch(background: str) -> str:
    return f"background-color:{background};color:{text_colour(background)}"


def cell_html(cell: Cell) -> str:
    marks = f" {xml_text(cell.marks)}" if cell.marks else ""
    ident = f' id="{xml_text(cell.anchor)}"' if cell.anchor else ""
    if len(cell.shades) == 1:
        return f'<td{ident} style="{swatch(cell.shades[0].background)}">{linked(cell, html(cell.text) + marks)}</td>'
    if cell.shades:  # the evidence spans several colours: one shaded piece per colour
        spans = "/".join(
            f'<span style="{swatch(s.background)};padding:0 .25rem">{html(s.text)}</span>' for s in cell.shades
        )
        return f"<td{ident}>{linked(cell, spans + marks)}</td>"
    return f"<td{ident}>{html(cell.text)}</td>"


def linked(cell: Cell, inner: str) -> str:
    """The cell's content as a link to its explanation, when the page has one."""
    return f'<a class="cell" href="#{xml_text(cell.link)}">{inner}</a>' if cell.link else inner


def block_html(block: Block, lang: Language) -> str:
    if isinstance(block, Heading):
        heading = f'<h{block.level} id="{xml_text(block.anchor)}">{html(block.text)}</h{block.level}>'
        if block.back:  # an explanation: a way back to its cell in the matrix
            heading += f'\n<p class="back"><a href="#{xml_text(block.back)}">↑ {html(lang.word("to-matrix"))}</a></p>'
        return heading
    if isinstance(block, Paragraph):
        label = f"<strong>{html(block.label)}:</strong> " if block.label else ""
        return f"<p>{label}{html(block.text)}</p>"
    if isinstance(block, Quote):
        return f"<blockquote><p>{html(block.quoted)} ({html(block.cite)})</p></blockquote>"
    if isinstance(block, Bullets):
        items = [f"<li>{html(item)}</li>" for item in block.items]
    elif isinstance(block, Contents):
        items = [
            f'<li style="margin-left:{depth * 1.2}rem"><a href="#{xml_text(anchor)}">{html(label)}</a></li>'
            for depth, label, anchor in block.items
        ]
    else:
        head = "".join(f"<th>{html(h)}</th>" for h in block.headers)
        body = "\n".join("<tr>" + "".join(cell_html(c) for c in row) + "</tr>" for row in block.rows)
        kind = f' class="{xml_text(block.kind)}"' if block.kind else ""
        return f"<table{kind}>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>"
    return "<ul>\n" + "\n".join(items) + "\n</ul>"


def page_html(page: Page) -> str:
    body = "\n".join(block_html(b, page.lang) for b in page.shown)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(page.lang)}">\n<head>\n<meta charset="utf-8"/>\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1"/>\n'
        f"<title>{html(page.title)}</title>\n<style>{HTML_STYLE}</style>\n</head>\n"
        f"<body>\n{body}\n</body>\n</html>\n"
    )
