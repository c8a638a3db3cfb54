"""Pages of blocks → one self-contained HTML page. Every traffic-light cell carries its colour
in an inline style (pasting into Word or Google Docs keeps those) plus its symbol and word.

Well-formed XML as well as HTML, so any parser can check it. Deterministic bytes.
"""

from __future__ import annotations

from html import escape

from veikart_cli.render.contrast import text_colour
from veikart_cli.render.document import Block, Bullets, Cell, Contents, Heading, Page, Paragraph, Quote, Table, is_empty
from veikart_cli.render.sanitize import xml_text

STYLE = (
    "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;line-height:1.45;"
    "max-width:72rem;margin:2rem auto;padding:0 1rem;color:#1f2328}"
    "table{border-collapse:collapse;margin:1rem 0}"
    "th,td{border:1px solid #8c959f;padding:.35rem .6rem;text-align:left;vertical-align:top}"
    "th{background:#f6f8fa}"
    "blockquote{margin:.5rem 0 .5rem 1rem;padding-left:.8rem;border-left:3px solid #d0d7de;color:#424a53}"
)


def text(value: str) -> str:
    return "<br/>".join(xml_text(" ".join(line.split())) for line in value.split("\n"))


def swatch(background: str) -> str:
    return f"background-color:{background};color:{text_colour(background)}"


def cell_html(cell: Cell, tag: str = "td") -> str:
    marks = f" {xml_text(cell.marks)}" if cell.marks else ""
    if len(cell.shades) == 1:
        return f'<{tag} style="{swatch(cell.shades[0].background)}">{text(cell.text)}{marks}</{tag}>'
    if cell.shades:  # the evidence spans several colours: one shaded piece per colour
        spans = "/".join(
            f'<span style="{swatch(s.background)};padding:0 .25rem">{text(s.text)}</span>' for s in cell.shades
        )
        return f"<{tag}>{spans}{marks}</{tag}>"
    return f"<{tag}>{text(cell.text)}</{tag}>"


def table_html(block: Table) -> str:
    head = "".join(f"<th>{text(h)}</th>" for h in block.headers)
    body = "\n".join("<tr>" + "".join(cell_html(c) for c in row) + "</tr>" for row in block.rows)
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>"


def block_html(block: Block) -> str:
    if isinstance(block, Heading):
        return f'<h{block.level} id="{xml_text(block.anchor)}">{text(block.text)}</h{block.level}>'
    if isinstance(block, Paragraph):
        label = f"<strong>{text(block.label)}:</strong> " if block.label else ""
        return f"<p>{label}{text(block.text)}</p>"
    if isinstance(block, Quote):
        return f"<blockquote><p>«{text(block.text)}» ({text(block.cite)})</p></blockquote>"
    if isinstance(block, Bullets):
        return "<ul>\n" + "\n".join(f"<li>{text(item)}</li>" for item in block.items) + "\n</ul>"
    if isinstance(block, Contents):
        return (
            "<ul>\n"
            + "\n".join(
                f'<li style="margin-left:{depth * 1.2}rem"><a href="#{xml_text(anchor)}">{text(label)}</a></li>'
                for depth, label, anchor in block.entries
            )
            + "\n</ul>"
        )
    return table_html(block)


def page_html(page: Page) -> str:
    body = "\n".join(block_html(b) for b in page.blocks if not is_empty(b))
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{escape(page.lang)}">\n<head>\n<meta charset="utf-8"/>\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1"/>\n'
        f"<title>{text(page.title)}</title>\n<style>{STYLE}</style>\n</head>\n"
        f"<body>\n{body}\n</body>\n</html>\n"
    )
