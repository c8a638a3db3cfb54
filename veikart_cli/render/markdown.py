"""Pages of blocks → GitHub-flavoured Markdown (tables by tabulate). Deterministic bytes."""

from __future__ import annotations

import re

from veikart_cli.render.document import Block, Bullets, Cell, Contents, Heading, Page, Paragraph, Quote, Table, is_empty

_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
# What would open a block at the start of a line: heading, quote, list item, rule.
_BLOCK_START = re.compile(r"^(\s*)(>|#{1,6}(?=\s|$)|[-+=]+(?=\s|$)|\d{1,9}[.)](?=\s|$))")


def inline(text: str) -> str:
    """Plain text that CommonMark shows as written: one line, no emphasis, links or HTML."""
    text = _INLINE.sub(r"\\\1", " ".join(text.split()))
    return _BLOCK_START.sub(lambda m: m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1], text)


def cell(text: str) -> str:
    """Keep a cell inside its cell: pipes escaped, line breaks as <br>."""
    lines = text.replace("\r\n", "\n").split("\n")
    return "<br>".join(_INLINE.sub(r"\\\1", " ".join(line.split())) for line in lines)


def table(block: Table) -> str:
    from tabulate import tabulate

    def text(c: Cell) -> str:
        return cell(f"{c.text} {c.marks}" if c.marks else c.text)

    return tabulate(
        [[text(c) for c in row] for row in block.rows],
        headers=[cell(h) for h in block.headers],
        tablefmt="github",
        disable_numparse=True,  # never re-format figures such as "1.10" or "0301"
    )


def block_markdown(block: Block) -> str:
    if isinstance(block, Heading):
        return "#" * block.level + " " + inline(block.text)
    if isinstance(block, Paragraph):
        return (f"**{inline(block.label)}:** " if block.label else "") + inline(block.text)
    if isinstance(block, Quote):
        return f"> «{inline(block.text)}» ({inline(block.cite)})"
    if isinstance(block, Bullets):
        return "\n".join(f"- {inline(item)}" for item in block.items)
    if isinstance(block, Contents):
        return "\n".join(f"{'  ' * depth}- [{inline(text)}](#{anchor})" for depth, text, anchor in block.entries)
    return table(block)


def page_markdown(page: Page) -> str:
    return "\n\n".join(block_markdown(b) for b in page.blocks if not is_empty(b)) + "\n"
