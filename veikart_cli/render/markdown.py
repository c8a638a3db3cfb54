"""Pages of blocks → GitHub-flavoured Markdown (tables by tabulate). Deterministic bytes."""

from __future__ import annotations

from veikart_cli.render.document import Block, Bullets, Cell, Contents, Heading, Page, Paragraph, Quote, Table
from veikart_cli.render.sanitize import markdown_cell, markdown_inline

PAD_LIMIT = 200  # characters: wider cells are not padded (a column as wide as its widest cell)


def table(block: Table) -> str:
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
    return table(block)


def page_markdown(page: Page) -> str:
    return "\n\n".join(block_markdown(b) for b in page.shown) + "\n"
