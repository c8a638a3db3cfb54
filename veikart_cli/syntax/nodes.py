"""YAML text → PyYAML nodes that keep their line, column and raw text. YAML types no scalar:
the reader (model/reading.py) types each as the schema expects there, so `NO`, `0301` and `1.10`
stay what they are. An ordinary file is composed by libyaml in C and typed with a `Refusing`
problem list; any other file, and any file with a problem, takes the careful path (careful.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import yaml

from veikart_cli.files import FileProblem, read_regular
from veikart_cli.problems import Location, Problems
from veikart_cli.syntax.careful import parse_text
from veikart_cli.syntax.misaccepted import CAN_END_A_TOKEN
from veikart_cli.syntax.tree import MAX_BYTES, CommentedScalar, Mapping, Node, Scalar, Sequence, finds, node_location

T = TypeVar("T")
__all__ = ["MAX_BYTES", "CommentedScalar", "Mapping", "Node", "Scalar", "Sequence", "node_location", "parse_text"]


class Unusual(Exception):
    """The fast path met something only the careful path reports in today's words."""


class Refusing(Problems):
    """The fast path's problem list: any problem sends the file to the careful path."""

    def error(self, location: Location, code: str, message: str, hint: str = "") -> None:
        raise Unusual(code)

    warning = note = error


def type_text(text: str, name: str, problems: Problems, typed: Callable[[Node, Problems], T | None]) -> T | None:
    """The text typed by `typed(root, problems)`: on the fast path if it can, else on the careful one."""
    text = text.removeprefix("\ufeff")
    root = compose(text)
    try:
        found = None if root is None else typed(root, Refusing())
    except Unusual:
        found = None
    if found is not None:
        return found
    root = parse_text(text, name, problems)
    return None if root is None else typed(root, problems)


def _composer() -> type | None:
    """libyaml's composer without YAML 1.1's implicit types: veikart types every scalar itself."""
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


def compose(text: str) -> Node | None:
    """libyaml's node tree, built in C, for a text the fast path may take (the reader refuses the
    rest: model/reading.py, `fast`); None where it fails or may have cut a text at a '#'."""
    if _COMPOSER is None or not ordinary(text):
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
    places = [at for at in finds(text, "#") if at and text[at - 1] in "\"'"]
    if not places:
        return True
    spans = []
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, Scalar):
            if node.style in _QUOTES:
                spans.append((node.start_mark.index, node.end_mark.index))
        elif isinstance(node, Mapping):
            stack += (part for pair in node.value for part in pair)
        else:
            stack += node.value
    return all(any(start < place < end for start, end in spans) for place in places)


def ordinary(text: str) -> bool:
    """Whether nothing in the text is what the careful path alone reports or reads otherwise:
    tabs, merge keys, deep nesting, block collections nested on one line, anchors, aliases,
    tags, a lone '-' in brackets, a comment after text. Cautious and cheap: a False costs time."""
    if "\t" in text or ("<" in text and "<<" in text) or _DEEP in text:
        return False
    opening = finds(text, "[") + finds(text, "{")
    if len(opening) > _MAX_BRACKETS or not _dashes_ordinary(text, opening):
        return False
    if _COMPACT.search(text) or ("?" in text and _COMPACT_KEY.search(text)):
        return False
    for sign in "&*!":  # an anchor, alias or tag where a node may start
        if any(not at or text[at - 1] in _NODE_MAY_START_AFTER for at in finds(text, sign)):
            return False
    return "#" not in text or _comments_ordinary(text)


def _dashes_ordinary(text: str, opening: list[int]) -> bool:
    """No lone '-' in [ ] or { } (misaccepted.lone_dash) from an opening bracket to the end of its line."""
    for at in opening:
        end = text.find("\n", at)
        if _LONE_DASH.search(text, at, len(text) if end < 0 else end):
            return False
    return True


def _comments_ordinary(text: str) -> bool:
    """Every '#' starts a whole-line comment, stands inside plain text (`C#`, `pdf#page`) or
    follows a quote (compose checks that it is inside the quoted text)."""
    for at in finds(text, "#"):
        before = text[at - 1] if at else "\n"
        if before == " ":
            if text[text.rfind("\n", 0, at) + 1 : at].strip(" "):
                return False  # a comment after text: it may cut a plain scalar
        elif before not in "\r\n\"'" and before in CAN_END_A_TOKEN:
            return False
    return True


_QUOTES = ("'", '"')
_DEEP = "\n" + " " * 64  # indentation this deep may nest past what the C composer's recursion bears
_MAX_BRACKETS = 64  # bounds the C composer's recursion through [ ] and { }
_COMPACT = re.compile(r"- +[-?] +[-?][ \r\n]")  # block collections nested on one line
_COMPACT_KEY = re.compile(r"\? +[-?] +[-?][ \r\n]")
_NODE_MAY_START_AFTER = " \r\n[{,:?-"
_LONE_DASH = re.compile(r"[\[{,]\s*-(?=[\s,\[\]{}]|\Z)")


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
        problems.error(
            Location(name, before.count(b"\n") + 1, err.start - before.rfind(b"\n")),
            "not-utf8",
            f"byte 0x{data[err.start]:02x} is not valid UTF-8",
            "re-save the file as UTF-8 (most editors: 'Save with encoding')",
        )
        return None
