"""What libyaml accepts and YAML 1.2 does not (the yaml-test-suite's 9C9N, 9JBA, CVW2, DK95/01,
G5U8, MUS6/00, QB6E, S98Z, SU5Z, X4QW, YJV2), recognised so it gets a syntax message where it
stands rather than a wrong shape far from the cause. The careful path's builder calls these checks."""

from __future__ import annotations

import re
from typing import Any

import yaml

from veikart_cli.problems import Location, Problems
from veikart_cli.syntax.tree import finds, outside, tokens

_BLOCK_HEADER = re.compile(r"[|>][0-9+-]*")
_BLANK_LINE = re.compile(r" *(\r\n|\r|\n|$)")
_BREAK = re.compile(r"\r\n|\r|\n")  # YAML 1.2's line breaks
# libyaml's marks also count NEL, LS and PS as line breaks (YAML 1.1): places are said its way
MARK_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def glued_comments(text: str, name: str, problems: Problems) -> bool:
    """A '#' right after a quote, a bracket, a comma, a block header or a directive starts no comment
    in YAML; libyaml drops the rest of the line. False if one was found (not in text or a comment)."""
    marks = finds(text, "#")
    if not any(place and text[place - 1] in CAN_END_A_TOKEN for place in marks):
        return True  # no '#' follows what can end a token other than plain text: no scan
    comment_ends = -1
    for place in outside(marks, _scalar_offsets(text)):  # not in text
        if place < comment_ends:
            continue  # in a comment
        if place == 0 or text[place - 1] in _WHITE:  # a comment starts: to the end of its line
            newline = _BREAK.search(text, place)
            comment_ends = len(text) if newline is None else newline.start()
            continue
        problems.error(
            location(text, name, place),
            "yaml-syntax",
            "a comment must be separated from what comes before it by a space",
            "put a space before '#', or quote the text if '#' belongs to it",
        )
        return False
    return True


_WHITE = " \t\r\n"
# What ends a quoted text, a collection, an entry, an indicator, a block header or a directive's value; after
# anything else ('pdf#page=2', 'C#') a '#' lies inside plain text
CAN_END_A_TOKEN = "\"']}[{,:?|>+-0123456789"


def _scalar_offsets(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of every scalar's text (a block's after its header line) and directive."""
    spans = []
    for token in tokens(text):
        if isinstance(token, (yaml.ScalarToken, yaml.DirectiveToken)):
            start, end = token.start_mark.index, token.end_mark.index
            if getattr(token, "style", None) in ("|", ">"):
                newline = _BREAK.search(text, start)  # the header line is not text
                start = end if newline is None else newline.start()
            spans.append((start, end))
    return spans


def continuation_indent(
    text: str, name: str, problems: Problems, first: Any, last: Any, margin: int, collection: bool
) -> bool:
    """Lines after the first of a quoted text or a [ ] or { } must be indented by `margin` spaces
    (the block collection holding it); blank lines and a collection's comment lines need not be.
    False at the first that is not."""
    for found in _BREAK.finditer(text, first.index, last.index):
        start = found.end()
        line = _line_at(text, start)
        spaces = len(line) - len(line.lstrip(" "))
        rest = line.lstrip(" \t")
        if spaces >= margin or not rest or (collection and rest.startswith("#")):
            continue
        closing = collection and rest[:1] in "]}"
        problems.error(
            location(text, name, start + spaces),
            "yaml-syntax",
            f"a continued line must be indented by at least {margin} space{'s' if margin > 1 else ''}"
            + (" (a tab does not indent)" if line[spaces : spaces + 1] == "\t" else ""),
            "indent the closing bracket too" if closing else "indent the following lines further than their key",
        )
        return False
    return True


def block_leading_blanks(text: str, name: str, problems: Problems, first: Any, margin: int) -> bool:
    """A block text's leading blank lines may not hold more spaces than its first line of text
    (libyaml keeps such lines as text)."""
    header_end = _BREAK.search(text, first.index)
    if header_end is None or not _BLANK_LINE.match(text, header_end.end()):
        return True  # no text, or the usual case: text on the first line
    header = _BLOCK_HEADER.match(text, first.index)
    if header is None or header.group().strip("|>+-"):
        return True  # an explicit indentation indicator
    widest, widest_at, start = 0, 0, header_end.end()
    while True:
        line = _line_at(text, start)
        if line.strip(" "):
            break
        if len(line) > widest:
            widest, widest_at = len(line), start
        after = _BREAK.match(text, start + len(line))
        if after is None:
            return True  # the file ends
        start = after.end()
    indent = len(line) - len(line.lstrip(" "))
    if widest <= indent or indent < margin:  # fine, or the block is empty and this line is not its
        return True
    problems.error(
        location(text, name, widest_at),
        "yaml-syntax",
        f"a blank line at the start of a block text holds {widest} spaces, more than the text's {indent}",
        "remove the spaces on the blank lines after '|' or '>'",
    )
    return False


def lone_dash(text: str, name: str, problems: Problems, start: Any, end: int) -> bool:
    """A plain '-' in [ ] or { } that no text follows (`[-]`, not `[-: x]`) is not YAML; libyaml
    reads it as the text '-'. False if found."""
    if end < len(text) and text[end] not in " \t\r\n,[]{}":
        return True
    problems.error(
        Location(name, start.line + 1, start.column + 1),
        "yaml-syntax",
        "a lone '-' inside [ ] or { } is not valid YAML",
        "quote it: '-'",
    )
    return False


def _line_at(text: str, start: int) -> str:
    """The line that begins at `start`, without its line break."""
    end = _BREAK.search(text, start)
    return text[start : len(text) if end is None else end.start()]


def location(text: str, name: str, offset: int) -> Location:
    """Where `offset` is, counted as libyaml counts lines (only said when there is a problem)."""
    breaks = list(MARK_BREAK.finditer(text, 0, offset))
    line_start = breaks[-1].end() if breaks else 0
    return Location(name, len(breaks) + 1, offset - line_start + 1)
