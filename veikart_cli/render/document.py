"""A tiny document model (headings, paragraphs, lists, tables) that Markdown and HTML both render.

Builders say *what* a page holds once; each renderer decides only *how* it looks, so the
Markdown and the HTML of a report cannot drift apart.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Union


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    anchor: str  # the id GitHub gives this heading; see Anchors


@dataclass(frozen=True)
class Paragraph:
    text: str
    label: str = ""  # shown in bold before the text


@dataclass(frozen=True)
class Quote:
    text: str
    cite: str  # e.g. "4.3.2"


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Contents:
    entries: tuple[tuple[int, str, str], ...]  # (depth, text, anchor)


@dataclass(frozen=True)
class Shade:
    background: str  # '#rrggbb'
    text: str  # e.g. "🟢 Grønn"


@dataclass(frozen=True)
class Cell:
    text: str
    shades: tuple[Shade, ...] = ()  # a traffic-light cell: one shade per colour it shows
    marks: str = ""  # † and ‡, after the colour words


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]


Block = Union[Heading, Paragraph, Quote, Bullets, Contents, Table]


@dataclass(frozen=True)
class Page:
    title: str
    lang: str
    blocks: tuple[Block, ...]


def is_empty(block: Block) -> bool:
    if isinstance(block, Bullets):
        return not block.items
    return isinstance(block, Contents) and not block.entries


@dataclass
class Anchors:
    """Heading ids as GitHub makes them, so links in a pasted or committed report work.

    GitHub lower-cases, drops every character that is not a letter, number, mark, space,
    '-' or '_', turns each space into '-', and numbers repeats: x, x-1, x-2.
    """

    seen: dict[str, int] = field(default_factory=dict)

    def make(self, text: str) -> str:
        base = "".join(ch for ch in text.lower() if _kept(ch)).replace(" ", "-")
        count = self.seen.get(base, 0)
        self.seen[base] = count + 1
        return f"{base}-{count}" if count else base

    def heading(self, level: int, text: str) -> Heading:
        return Heading(level, text, self.make(text))


def _kept(ch: str) -> bool:
    return ch in " -_" or unicodedata.category(ch)[0] in "LNM"
