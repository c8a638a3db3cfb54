"""One sanitiser per output kind: data text (names, reasons, quotes, paths, messages) → text
that can only ever *show* in that output, never act in it.

Renderers call these where data enters their output, and nowhere else: the model keeps the
text as written. Every function is total (any str in, no exception) and idempotent enough
that calling it on tool words (which hold no control characters) changes nothing.

- terminal: control characters and the invisible ones (Unicode's default-ignorable and format
  characters: bidi, zero-width, variation selectors; veikart_cli/text.py) shown visibly (␛,
  ⟨U+202E⟩); newlines and tabs become spaces, so data never starts a line (no `::error::`
  workflow commands in a log).
  `rich_text` wraps the result in a rich Text: rich never reads data as markup.
- github: workflow-command data and properties (%, CR, LF, and `:`/`,` in properties).
- markdown_inline / markdown_cell: CommonMark escapes plus entities, @mentions, #refs and
  autolinks neutralised (a zero-width space after '@', '#', 'www' and the URL scheme).
- csv_cell: formula prefixes (= + - @ tab CR) get a leading apostrophe (OWASP); line breaks
  become spaces, so a cell never spans lines.
- xml_text: characters XML 1.0 forbids (and C1 controls, invisible characters) shown visibly,
  then escaped for text and attribute values; xml_line also turns line feeds into spaces (SVG).
- json_text: a post-pass over json.dumps output: C1 controls, line separators and bidi
  controls escaped as \\uXXXX (lossless; json.dumps leaves them raw with ensure_ascii=False).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from veikart_cli.text import INVISIBLE, PRESENTATION

if TYPE_CHECKING:
    from rich.text import Text

# C0 (but tab and newline), DEL, C1, the invisible characters (Unicode's default-ignorable and
# format characters, line separators: veikart_cli/text.py), lone surrogates, non-characters. A
# single emoji or text presentation selector right after a visible character (⚠️) is how a
# symbol is written and stays; anywhere else (alone, stacked, after a space) it is shown.
_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff"
_HIDDEN = re.compile(f"[{_CONTROLS}{INVISIBLE}]")
_SPACE = re.compile("[\t\n]+")


def _picture(match: re.Match[str]) -> str:
    """The visible stand-in for one hidden character: a control picture, else ⟨U+XXXX⟩."""
    if match.group() in PRESENTATION and _after_visible(match.string, match.start()):
        return match.group()
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ … ␟, e.g. ␛ for ESC, ␍ for CR
    if code == 0x7F:
        return "\u2421"  # ␡
    return f"\u27e8U+{code:04X}\u27e9"


def _after_visible(text: str, at: int) -> bool:
    before = text[at - 1 : at]
    return bool(before) and not before.isspace() and _HIDDEN.match(before) is None


def visible(text: str) -> str:
    """Every hidden character shown; tabs and newlines kept (the caller decides about them)."""
    return _HIDDEN.sub(_picture, text) if _HIDDEN.search(text) else text


# --- terminal ----------------------------------------------------------------------------


def terminal(text: str) -> str:
    """One line of plain terminal text: hidden characters visible, tabs and newlines as spaces,
    and no workflow command: a table may wrap data to the start of a line, and a CI runner
    (GitHub Actions) acts on any log line that starts with `::` or `##[`."""
    return _unworkflow(visible(_SPACE.sub(" ", text)))


def _unworkflow(text: str) -> str:
    if "::" in text or "##[" in text:
        return text.replace("::", ":\u2236").replace("##[", "#\uff03[")  # ":∶", "#＃[": look alike, do nothing
    return text


def rich_text(text: str, style: str = "") -> Text:
    """Data for a rich renderable: a Text is never parsed as console markup."""
    from rich.text import Text

    return Text(terminal(text), style=style)


# --- GitHub workflow commands ---------------------------------------------------------------


def github_data(text: str) -> str:
    """The message part of `::error …::message`: the runner unescapes %25, %0D, %0A."""
    return visible(text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def github_property(text: str) -> str:
    """A property value (file=…, title=…): also ':' and ',' escaped."""
    return github_data(text).replace(":", "%3A").replace(",", "%2C")


# --- Markdown ----------------------------------------------------------------------------------

_ZWSP = "&#8203;"  # shows nothing, but stops GitHub linking what follows
_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
# What would open a block at the start of a line: heading, quote, list item, rule.
_BLOCK_START = re.compile(r"^(\s*)(>|#{1,6}(?=\s|$)|[-+=]+(?=\s|$)|\d{1,9}[.)](?=\s|$))")
# @mention, #123 / GH-123 references, and what starts a GFM extended autolink (www., a scheme).
_LINKS = re.compile(
    r"(?i)(@|#(?=\w)|gh-(?=\d)|www(?=\.)|(?:https?|ftp|mailto|xmpp|javascript|data|file|vbscript)(?=:))"
)


def _unlink(text: str) -> str:
    return _LINKS.sub(lambda m: m.group() + _ZWSP, text)


def _markdown_words(text: str) -> str:
    text = text.replace("&", "&amp;")  # before anything adds an entity
    return _unlink(_INLINE.sub(r"\\\1", text))


def markdown_inline(text: str) -> str:
    """Plain text that CommonMark and GitHub show as written: one line, no emphasis, links,
    HTML, entities, mentions or issue references."""
    text = _markdown_words(visible(" ".join(text.split())))
    return _BLOCK_START.sub(lambda m: m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1], text)


def markdown_cell(text: str) -> str:
    """A table cell: as inline text, with line breaks as <br> and pipes escaped."""
    lines = visible(text.replace("\r\n", "\n")).split("\n")
    return "<br>".join(_markdown_words(" ".join(line.split())) for line in lines)


# --- CSV -----------------------------------------------------------------------------------------

_FORMULA = ("=", "+", "-", "@", "\t", "\r")


_CSV_BREAKS = re.compile("\r\n|[\t\r\n]")


def csv_cell(text: str) -> str:
    """A cell a spreadsheet shows as text, on one line: formula prefixes neutralised by a leading
    apostrophe (checked before and after tabs and line breaks become spaces, so a leading tab or
    CR counts), and no line break inside a quoted cell, where it would start a line of its own in
    a CI log or a line-based tool."""
    flat = _CSV_BREAKS.sub(" ", text)
    if text.startswith(_FORMULA) or flat.startswith(_FORMULA):
        flat = "'" + flat
    return visible(flat)


# --- XML, HTML and SVG ------------------------------------------------------------------------


def xml_text(text: str) -> str:
    """Text or attribute content for XML/HTML/SVG: nothing XML forbids, nothing that acts."""
    from html import escape

    return escape(visible(text.replace("\t", " ")))


def xml_line(text: str) -> str:
    """One line of SVG text: as xml_text, with line breaks as spaces. An SVG renderer shows a line
    feed as a space anyway, but in the file it would start a line (a CI log, a --check diff)."""
    return xml_text(text.replace("\n", " "))  # a CR is made visible (␍) like every control


# --- JSON --------------------------------------------------------------------------------------

_JSON_RAW = re.compile(f"[\x7f-\x9f{INVISIBLE}\ud800-\udfff\ufffe\uffff]")


def json_text(dumped: str) -> str:
    """json.dumps(…, ensure_ascii=False) output with the characters it leaves raw escaped."""
    return _JSON_RAW.sub(lambda m: "".join(f"\\u{u:04x}" for u in _utf16(m.group())), dumped)


def _utf16(char: str) -> tuple[int, ...]:
    code = ord(char)
    if code < 0x10000:
        return (code,)
    code -= 0x10000
    return (0xD800 + (code >> 10), 0xDC00 + (code & 0x3FF))
