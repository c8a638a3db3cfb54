"""YAML text → a tree of PyYAML nodes that keep their line and column and their raw text.

We never let YAML type a scalar: every scalar stays the text it is, and the reader
(model/reading.py) converts it to what the schema expects at that place. So `NO`, `0301`
and `1.10` cannot be corrupted.

Two paths give the same nodes. An ordinary file (`ordinary` says so from its text) is
composed by libyaml in C, and typed with a `Refusing` problem list: the first problem ends
that attempt. Every other file, and every file the typed walk finds a problem in, is read
by the careful path (careful.py), which locates every problem in today's words.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import yaml

from veikart_cli.files import FileProblem, read_regular
from veikart_cli.problems import Location, Problems
from veikart_cli.syntax import misaccepted
from veikart_cli.syntax.careful import parse_text
from veikart_cli.syntax.tree import (
    MAX_BYTES,
    CommentedScalar,
    Mapping,
    Node,
    Scalar,
    Sequence,
    node_location,
)

T = TypeVar("T")
__all__ = [  # what other modules take from here, the tree's names among them
    "MAX_BYTES",
    "CommentedScalar",
    "Mapping",
    "Node",
    "Refusing",
    "Scalar",
    "Sequence",
    "Unusual",
    "compose",
    "decode",
    "load_file",
    "node_location",
    "ordinary",
    "parse_text",
    "read_file",
    "read_text",
    "type_text",
]


class Unusual(Exception):
    """The fast path met something only the careful path reports in today's words."""


class Refusing(Problems):
    """The fast path's problem list: any problem sends the file to the careful path."""

    def error(self, location: Location, code: str, message: str, hint: str = "") -> None:
        raise Unusual(code)

    warning = note = error


def load_file(path: Path, problems: Problems, display: str | None = None) -> Node | None:
    """Read and parse one file (the careful path); on failure add located problems and return None."""
    name = display or str(path)
    text = read_text(path, name, problems)
    if text is None:
        return None
    return parse_text(text, name, problems)


def read_file(path: Path, name: str, problems: Problems, typed: Callable[[Node, Problems], T | None]) -> T | None:
    """Read one file and type it with `typed(root, problems)`: the fast path if it can, else the careful one."""
    text = read_text(path, name, problems)
    return None if text is None else type_text(text, name, problems, typed)


def type_text(text: str, name: str, problems: Problems, typed: Callable[[Node, Problems], T | None]) -> T | None:
    text = text.removeprefix("\ufeff")
    root = compose(text) if ordinary(text) else None
    if root is not None:
        try:
            found = typed(root, Refusing())
        except Unusual:
            pass
        else:
            if found is not None:
                return found
    root = parse_text(text, name, problems)
    return None if root is None else typed(root, problems)


def compose(text: str) -> Node | None:
    """libyaml's own node tree, built in C; None where it fails or may have cut a text at a
    '#' (the careful path says why)."""
    if _COMPOSER is None:
        return None
    parser = _COMPOSER(text)
    try:
        root: Node | None = parser.get_single_node()
    except yaml.YAMLError:
        return None
    finally:
        parser.dispose()
    return root if root is None or _hashes_quoted(text, root) else None


def _hashes_quoted(text: str, root: Node) -> bool:
    """Whether every '#' right after a quote stands inside a quoted text (`background: "#2da44e"`),
    not after one, where libyaml wrongly takes it for a comment (misaccepted.glued_comments)."""
    places = []
    at = text.find("#")  # one-character find: a two-character `in` is several times slower
    while at >= 0:
        if at and text[at - 1] in "\"'":
            places.append(at)
        at = text.find("#", at + 1)
    if not places:
        return True
    spans = []
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, Scalar):
            if node.style in ('"', "'"):
                spans.append((node.start_mark.index, node.end_mark.index))
        elif isinstance(node, Mapping):
            stack += (part for pair in node.value for part in pair)
        else:
            stack += node.value
    return all(any(start < place < end for start, end in spans) for place in places)


def _composer() -> type | None:
    """CParser without YAML 1.1's implicit types: veikart types every scalar itself."""
    try:
        from yaml._yaml import CParser  # absent where PyYAML was built without libyaml
    except ImportError:
        return None

    class Composer(CParser):
        def resolve(self, kind: type, value: str | None, implicit: Any) -> str:
            return ""  # no tag: the careful path's nodes have none either

        def descend_resolver(self, parent: Node | None, index: object) -> None:
            pass

        def ascend_resolver(self) -> None:
            pass

    return Composer


_COMPOSER = _composer()


def ordinary(text: str) -> bool:
    """Whether the fast path may read this text: nothing in it that the careful path alone
    reports or reads otherwise. Cautious, and cheap: one-character `in` and `find` where it
    can (a regular expression's character class or a two-character `in` scans several times
    slower). A False costs time, never a message.

    What the typed walk refuses itself is not looked for here (model/reading.py, `fast`):
    duplicate and quoted keys, quoted texts and [ ] { } over several lines, and an empty
    block text (the one blank-led block libyaml accepts: it is an empty value)."""
    if "\t" in text or ("<" in text and "<<" in text) or _DEEP in text:
        return False
    if ("[" in text or "{" in text) and (
        text.count("[") + text.count("{") > _MAX_BRACKETS or not _dashes_ordinary(text)
    ):
        return False
    if _COMPACT.search(text) or ("?" in text and _COMPACT_KEY.search(text)):
        return False
    return all(_properties_ordinary(text, sign) for sign in "&*!") and ("#" not in text or _comments_ordinary(text))


def _properties_ordinary(text: str, sign: str) -> bool:
    """No anchor, alias or tag: `sign` never stands where a node may start."""
    at = text.find(sign)
    while at >= 0:
        if not at or text[at - 1] in _NODE_MAY_START_AFTER:
            return False
        at = text.find(sign, at + 1)
    return True


def _dashes_ordinary(text: str) -> bool:
    """No lone '-' inside [ ] or { } (misaccepted.lone_dash), looked for from each opening
    bracket to the end of its line: one over several lines is refused by the typed walk."""
    for opening in "[{":
        at = text.find(opening)
        while at >= 0:
            end = text.find("\n", at)
            if _LONE_DASH.search(text, at, len(text) if end < 0 else end):
                return False
            at = text.find(opening, at + 1)
    return True


def _comments_ordinary(text: str) -> bool:
    """Every '#' starts a whole-line comment, stands inside plain text (`C#`, `pdf#page`) or
    follows a quote (compose checks that it is inside the quoted text)."""
    at = text.find("#")
    while at >= 0:
        before = text[at - 1] if at else "\n"
        if before == " ":
            start = text.rfind("\n", 0, at) + 1
            if text[start:at].strip(" "):
                return False  # a comment after text: it may cut a plain scalar
        elif before not in "\r\n\"'" and before in _CAN_END_A_TOKEN:
            return False  # after a quote, compose sees whether it is quoted text (_hashes_quoted)
        at = text.find("#", at + 1)
    return True


_DEEP = "\n" + " " * 64  # indentation this deep may nest past what the C composer's recursion bears
_COMPACT = re.compile(r"- +[-?] +[-?][ \r\n]")  # block collections nested on one line
_COMPACT_KEY = re.compile(r"\? +[-?] +[-?][ \r\n]")
_NODE_MAY_START_AFTER = " \r\n[{,:?-"
_LONE_DASH = re.compile(r"[\[{,]\s*-(?=[\s,\[\]{}]|\Z)")
_MAX_BRACKETS = 64  # bounds the C composer's recursion through [ ] and { }
_CAN_END_A_TOKEN = misaccepted.CAN_END_A_TOKEN


def read_text(path: Path, name: str, problems: Problems) -> str | None:
    """The file's text: a regular file of at most MAX_BYTES (files.read_regular), else a located problem."""
    try:
        data = read_regular(path, MAX_BYTES, "a YAML file")
    except FileProblem as err:
        problems.error(Location(name), err.code, err.message, err.hint)
        return None
    return decode(data, name, problems)


def decode(data: bytes, name: str, problems: Problems) -> str | None:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        before = data[: err.start]
        line = before.count(b"\n") + 1
        column = err.start - (before.rfind(b"\n") + 1) + 1
        problems.error(
            Location(name, line, column),
            "not-utf8",
            f"byte 0x{data[err.start]:02x} is not valid UTF-8",
            "re-save the file as UTF-8 (most editors: 'Save with encoding')",
        )
        return None
