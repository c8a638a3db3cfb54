"""What libyaml accepts and YAML 1.2 does not, recognised so it gets a syntax message.

libyaml lets a few invalid documents through (the yaml-test-suite's 9C9N, 9JBA, CVW2, DK95/01,
G5U8, MUS6/00, QB6E, S98Z, SU5Z, X4QW, YJV2). Most would then be misread quietly — a comment
glued to a value, a quoted text continued at the margin — and surface, if at all, as a wrong
shape far from the cause. The builder calls these checks where the events show the case, so
a valid file pays only a comparison per scalar; the comment check scans only files holding a
'#' glued to something.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from veikart_cli.problems import Location, Problems

_HASH = re.compile("#")
_BLOCK_HEADER = re.compile(r"[|>][0-9+-]*")
BLANK_LINE = re.compile(r" *(\n|$)")


def glued_comments(text: str, name: str, problems: Problems, loader: Any) -> bool:
    """A '#' after a quote, a bracket, a comma, a block header or a directive starts no
    comment in YAML; libyaml takes it as one and drops the rest of the line. A '#' inside
    scalar text (plain `C#`, quoted "a#b") or inside a comment is text. False if one was found."""
    marks = [m.start() for m in _HASH.finditer(text)]
    if not any(place and not text[place - 1].isspace() for place in marks):
        return True  # every '#' follows white space: the usual file, and no scan
    spans = _text_spans(text, loader)
    at, comment_ends = 0, -1
    for place in marks:  # both in text order: one pass
        while at < len(spans) and spans[at][1] <= place:
            at += 1
        if place < comment_ends or (at < len(spans) and spans[at][0] <= place):
            continue  # in a comment or in text
        if place == 0 or text[place - 1].isspace():  # a comment starts: to the end of its line
            newline = text.find("\n", place)
            comment_ends = len(text) if newline < 0 else newline
            continue
        line = text.count("\n", 0, place)
        column = place - (text.rfind("\n", 0, place) + 1)
        problems.error(
            Location(name, line + 1, column + 1),
            "yaml-syntax",
            "a comment must be separated from what comes before it by a space",
            "put a space before '#', or quote the text if '#' belongs to it",
        )
        return False
    return True


def _text_spans(text: str, loader: Any) -> list[tuple[int, int]]:
    """(start, end) character offsets of every scalar's text and every directive, in order;
    a block scalar's text starts after its header line, where a comment may stand."""
    scanner = loader(text)
    spans = []
    try:
        while (token := scanner.get_token()) is not None:
            if isinstance(token, (yaml.ScalarToken, yaml.DirectiveToken)):
                start, end = token.start_mark.index, token.end_mark.index
                if getattr(token, "style", None) in ("|", ">"):
                    newline = text.find("\n", start)  # the header line is not text
                    start = end if newline < 0 else newline
                spans.append((start, end))
    except yaml.YAMLError:
        pass  # the parser reports it
    finally:
        scanner.dispose()
    return spans


def continuation_indent(
    text: str, name: str, problems: Problems, first: Any, last: Any, margin: int, collection: bool
) -> bool:
    """Lines after the first of a quoted text or a flow collection must be indented past the
    block collection holding it (`margin` columns of spaces; a tab cannot indent). Blank
    lines may be less indented, and so may comment lines between a collection's entries
    (a quoted text's own lines are checked by themselves). False at the first that is not."""
    start = first.index - first.column  # where the first line begins
    for number in range(first.line + 1, last.line + 1):
        start = text.index("\n", start) + 1
        end = text.find("\n", start)
        line = text[start:] if end < 0 else text[start:end]
        spaces = len(line) - len(line.lstrip(" "))
        rest = line.lstrip(" \t\r")
        if spaces >= margin or not rest or (collection and rest.startswith("#")):
            continue
        problems.error(
            Location(name, number + 1, spaces + 1),
            "yaml-syntax",
            f"a continued line must be indented by at least {margin} space{'s' if margin > 1 else ''}"
            + (" (a tab does not indent)" if line[spaces : spaces + 1] == "\t" else ""),
            "indent the following lines further than the key the value belongs to",
        )
        return False
    return True


def block_leading_blanks(text: str, name: str, problems: Problems, first: Any, margin: int) -> bool:
    """A block scalar's leading blank lines may not hold more spaces than its first line of
    text (the line that sets its indentation); libyaml keeps such lines as text."""
    start = text.find("\n", first.index) + 1
    if start and not BLANK_LINE.match(text, start):
        return True  # the usual case: text on the first line
    header = _BLOCK_HEADER.match(text, first.index)
    if not start or header is None or header.group().strip("|>+-"):
        return True  # no text, or an explicit indentation indicator
    widest, widest_at, number = 0, 0, first.line + 1
    while True:
        end = text.find("\n", start)
        line = text[start:] if end < 0 else text[start:end]
        if line.strip(" "):
            break
        if len(line) > widest:
            widest, widest_at = len(line), number
        if end < 0:
            return True
        start, number = end + 1, number + 1
    indent = len(line) - len(line.lstrip(" "))
    if widest <= indent or indent < margin:  # fine, or the block is empty and this line is not its
        return True
    problems.error(
        Location(name, widest_at + 1, 1),
        "yaml-syntax",
        f"a blank line at the start of a block text holds {widest} spaces, more than the text's {indent}",
        "remove the spaces on the blank lines after '|' or '>'",
    )
    return False


def lone_dash(name: str, problems: Problems, mark: Any) -> None:
    """A plain '-' inside [ ] or { } is no text in YAML; libyaml reads it as the text '-'."""
    problems.error(
        Location(name, mark.line + 1, mark.column + 1),
        "yaml-syntax",
        "a lone '-' inside brackets is not valid YAML",
        "quote it: '-'",
    )
