"""One sanitiser per output kind: data text (names, reasons, quotes, paths, messages) → text that
can only ever *show* in that output, never act in it. Renderers call these where data enters
their output; every function is total, and leaves the tool's own words unchanged."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable
from html import escape
from typing import Any

from veikart_cli.text import INVISIBLE, PRESENTATION

# C0 (but tab and newline), DEL, C1, the invisible characters (veikart_cli/text.py), lone
# surrogates, non-characters. A single emoji or text presentation selector right after a visible
# character (⚠️) is how a symbol is written and stays; anywhere else it is shown.
_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff"
_HIDDEN = re.compile(f"[{_CONTROLS}{INVISIBLE}]")
_SPACE = re.compile("[\t\n]+")


def _picture(match: re.Match[str]) -> str:
    """The visible stand-in for one hidden character: a control picture (␛, ␍, ␡), else ⟨U+XXXX⟩."""
    before = match.string[match.start() - 1 : match.start()]
    if match.group() in PRESENTATION and before and not before.isspace() and _HIDDEN.match(before) is None:
        return match.group()
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)
    return "\u2421" if code == 0x7F else f"\u27e8U+{code:04X}\u27e9"


def visible(text: str) -> str:
    """Every hidden character shown; tabs and newlines kept (the caller decides about them)."""
    return _HIDDEN.sub(_picture, text) if _HIDDEN.search(text) else text


def terminal(text: str) -> str:
    """One line of plain terminal text: hidden characters visible, tabs and newlines as spaces, and
    no workflow command (a CI runner acts on a log line that starts with `::` or `##[`)."""
    text = visible(_SPACE.sub(" ", text))
    return text.replace("::", ":\u2236").replace("##[", "#\uff03[")  # ":∶", "#＃[": look alike, do nothing


def github_data(text: str) -> str:
    """The message part of `::error …::message`: the runner unescapes %25, %0D, %0A."""
    return visible(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def github_property(text: str) -> str:
    """A property value (file=…, title=…): also ':' and ',' escaped."""
    return github_data(text).replace(":", "%3A").replace(",", "%2C")


_ZWSP = "&#8203;"  # shows nothing, but stops GitHub linking what follows
_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
# What would open a block at the start of a line: heading, quote, list item, rule.
_BLOCK_START = re.compile(r"^(\s*)(>|#{1,6}(?=\s|$)|[-+=]+(?=\s|$)|\d{1,9}[.)](?=\s|$))")
# @mention, #123 / GH-123 references, and what starts a GFM extended autolink (www., a scheme).
_LINKS = re.compile(
    r"(?i)(@|#(?=\w)|gh-(?=\d)|www(?=\.)|(?:https?|ftp|mailto|xmpp|javascript|data|file|vbscript)(?=:))"
)


def _markdown_words(text: str) -> str:
    text = _INLINE.sub(r"\\\1", text.replace("&", "&amp;"))  # & first: before anything adds an entity
    return _LINKS.sub(lambda m: m.group() + _ZWSP, text)


def markdown_inline(text: str) -> str:
    """Plain text that CommonMark and GitHub show as written: one line, no emphasis, links,
    HTML, entities, mentions or issue references."""
    text = _markdown_words(visible(" ".join(text.split())))
    return _BLOCK_START.sub(lambda m: m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1], text)


def markdown_cell(text: str) -> str:
    """A table cell: as inline text, with line breaks as <br> and pipes escaped."""
    lines = visible(text.replace("\r\n", "\n")).split("\n")
    return "<br>".join(_markdown_words(" ".join(line.split())) for line in lines)


_FORMULA = ("=", "+", "-", "@", "\t", "\r")
_CSV_BREAKS = re.compile("\r\n|[\t\r\n]")


def csv_cell(text: str) -> str:
    """A cell a spreadsheet shows as text, on one line: a formula prefix (OWASP), before or after
    tabs and line breaks become spaces, gets a leading apostrophe."""
    flat = _CSV_BREAKS.sub(" ", text)
    if text.startswith(_FORMULA) or flat.startswith(_FORMULA):
        flat = "'" + flat
    return visible(flat)


def xml_text(text: str) -> str:
    """Text or attribute content for XML/HTML/SVG: nothing XML forbids, nothing that acts."""
    return escape(visible(text.replace("\t", " ")))


def xml_line(text: str) -> str:
    """One line of SVG text: as xml_text, with line feeds as spaces, so data never starts a line."""
    return xml_text(text.replace("\n", " "))


_JSON_RAW = re.compile(f"[\x7f-\x9f{INVISIBLE}\ud800-\udfff\ufffe\uffff]")


def json_text(data: Any) -> str:
    """Data as indented JSON, with what json.dumps leaves raw (C1 controls, line separators, bidi
    controls) escaped as \\uXXXX, as ensure_ascii would escape it."""
    dumped = json.dumps(data, ensure_ascii=False, indent=2)
    return _JSON_RAW.sub(lambda m: json.dumps(m.group())[1:-1], dumped) + "\n"


def csv_text(rows: Iterable[Iterable[str]]) -> str:
    """Rows as CSV, every cell through csv_cell."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([csv_cell(text) for text in row] for row in rows)
    return out.getvalue()
