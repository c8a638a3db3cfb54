"""Pages of blocks → GitHub-flavoured Markdown (tables by tabulate). Deterministic bytes."""

from __future__ import annotations

from veikart_cli.render.document import Block, Bullets, Cell, Contents, Heading, Page, Paragraph, Quote, Table, is_empty
from veikart_cli.render.sanitize import markdown_cell, markdown_inline


def inline(text: str) -> str:
    """Plain text that CommonMark shows as written (render.sanitize.markdown_inline)."""
    return markdown_inline(text)


def cell(text: str) -> str:
    """Keep a cell inside its cell (render.sanitize.markdown_cell)."""
    return markdown_cell(text)


PAD_LIMIT = 200  # characters: wider cells are not padded (a column as wide as its widest cell)


def table(block: Table) -> str:
    """A GitHub table. Columns are padded to their widest cell for people reading the source,
    unless a cell is wider than PAD_LIMIT: then no row is padded, so one very long name cannot
    make every row (and the output) grow with it."""

    def text(c: Cell) -> str:
        return cell(f"{c.text} {c.marks}" if c.marks else c.text)

    rows = [[text(c) for c in row] for row in block.rows]
    headers = [cell(h) for h in block.headers]
    if any(len(t) > PAD_LIMIT for t in headers) or any(len(t) > PAD_LIMIT for row in rows for t in row):
        lines = [headers, ["---"] * len(headers), *rows]
        return "\n".join("| " + " | ".join(line) + " |" for line in lines)
    import tabulate  # here: it imports importlib.metadata and wcwidth, measurably slow, for tables only

    # tabulate measures cells with wcwidth when that happens to be installed (emoji count as
    # two columns) and with len() otherwise, so the same table would pad differently from one
    # machine to the next. Always count code points; put the switch back for other callers.
    wide = tabulate.WIDE_CHARS_MODE
    tabulate.WIDE_CHARS_MODE = False
    try:
        return tabulate.tabulate(
            rows,
            headers=headers,
            tablefmt="github",
            disable_numparse=True,  # never re-format figures such as "1.10" or "0301"
        )
    finally:
        tabulate.WIDE_CHARS_MODE = wide


def block_markdown(block: Block) -> str:
    if isinstance(block, Heading):
        return "#" * block.level + " " + inline(block.text)
    if isinstance(block, Paragraph):
        return (f"**{inline(block.label)}:** " if block.label else "") + inline(block.text)
    if isinstance(block, Quote):
        return f"> {inline(block.quoted)} ({inline(block.cite)})"
    if isinstance(block, Bullets):
        return "\n".join(f"- {inline(item)}" for item in block.items)
    if isinstance(block, Contents):
        return "\n".join(f"{'  ' * depth}- [{inline(text)}](#{anchor})" for depth, text, anchor in block.entries)
    return table(block)


def page_markdown(page: Page) -> str:
    return "\n\n".join(block_markdown(b) for b in page.blocks if not is_empty(b)) + "\n"
