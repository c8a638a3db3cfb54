"""Pages of blocks → one self-contained HTML page, well-formed XML too. Every traffic-light cell
carries its colour in an inline style (pasting into Word or Google Docs keeps it), symbol and word."""

from __future__ import annotations

from html import escape

from veikart_cli.model.vocabulary import Language
from veikart_cli.render.document import (
    Block,
    Bullets,
    Cell,
    Contents,
    Heading,
    Page,
    Paragraph,
    Quote,
    Table,
    text_colour,
)
from veikart_cli.render.phrases import word
from veikart_cli.render.sanitize import xml_text

STYLE = (
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


def text(value: str) -> str:
    return "<br/>".join(xml_text(" ".join(line.split())) for line in value.split("\n"))


def swatch(background: str) -> str:
    return f"background-color:{background};color:{text_colour(background)}"


def cell_html(cell: Cell) -> str:
    marks = f" {xml_text(cell.marks)}" if cell.marks else ""
    ident = f' id="{xml_text(cell.anchor)}"' if cell.anchor else ""
    if len(cell.shades) == 1:
        return f'<td{ident} style="{swatch(cell.shades[0].background)}">{linked(cell, text(cell.text) + marks)}</td>'
    if cell.shades:  # the evidence spans several colours: one shaded piece per colour
        spans = "/".join(
            f'<span style="{swatch(s.background)};padding:0 .25rem">{text(s.text)}</span>' for s in cell.shades
        )
        return f"<td{ident}>{linked(cell, spans + marks)}</td>"
    return f"<td{ident}>{text(cell.text)}</td>"


def linked(cell: Cell, inner: str) -> str:
    """The cell's content as a link to its explanation, when the page has one."""
    return f'<a class="cell" href="#{xml_text(cell.link)}">{inner}</a>' if cell.link else inner


def table_html(block: Table) -> str:
    head = "".join(f"<th>{text(h)}</th>" for h in block.headers)
    body = "\n".join("<tr>" + "".join(cell_html(c) for c in row) + "</tr>" for row in block.rows)
    kind = f' class="{xml_text(block.kind)}"' if block.kind else ""
    return f"<table{kind}>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>"


def block_html(block: Block, lang: Language) -> str:
    if isinstance(block, Heading):
        heading = f'<h{block.level} id="{xml_text(block.anchor)}">{text(block.text)}</h{block.level}>'
        if block.back:  # an explanation: a way back to its cell in the matrix
            heading += f'\n<p class="back"><a href="#{xml_text(block.back)}">↑ {text(word("to-matrix", lang))}</a></p>'
        return heading
    if isinstance(block, Paragraph):
        label = f"<strong>{text(block.label)}:</strong> " if block.label else ""
        return f"<p>{label}{text(block.text)}</p>"
    if isinstance(block, Quote):
        return f"<blockquote><p>{text(block.quoted)} ({text(block.cite)})</p></blockquote>"
    if isinstance(block, Bullets):
        items = [f"<li>{text(item)}</li>" for item in block.items]
    elif isinstance(block, Contents):
        items = [
            f'<li style="margin-left:{depth * 1.2}rem"><a href="#{xml_text(anchor)}">{text(label)}</a></li>'
            for depth, label, anchor in block.items
        ]
    else:
        return table_html(block)
    return "<ul>\n" + "\n".join(items) + "\n</ul>"


def page_html(page: Page) -> str:
    body = "\n".join(block_html(b, page.lang) for b in page.shown)
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(page.lang)}">\n<head>\n<meta charset="utf-8"/>\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1"/>\n'
        f"<title>{text(page.title)}</title>\n<style>{STYLE}</style>\n</head>\n"
        f"<body>\n{body}\n</body>\n</html>\n"
    )
