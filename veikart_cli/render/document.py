"""A tiny document model (headings, paragraphs, lists, tables) that Markdown, HTML and Word render:
builders say *what* a page holds once, each renderer only *how* it looks, so they cannot drift."""

from __future__ import annotations

import unicodedata
from typing import NamedTuple

from veikart_cli.model.vocabulary import Language
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
        base = "".join(ch for ch in text.lower() if _kept(ch)).replace(" ", "-")
        count = self.seen.get(base, 0)
        self.seen[base] = count + 1
        return f"{base}-{count}" if count else base

    def heading(self, level: int, text: str, back: str = "") -> Heading:
        return Heading(level, text, self.make(text), back)


def _kept(ch: str) -> bool:
    """Variation selectors and the grapheme joiner are marks that show nothing: no id holds one raw."""
    return ch in " -_" or (unicodedata.category(ch)[0] in "LNM" and not is_invisible(ch))
