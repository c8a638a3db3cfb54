"""The node tree both read paths give: PyYAML's nodes, each with its line and column."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, TypeVar

import yaml

from veikart_cli.problems import Location

P = TypeVar("P", int, tuple[int, int])  # a place in a text: an offset, or (line, column)
MAX_BYTES = 1_000_000  # area files are a few kB; a larger file is a mistake or an attack
MAX_DEPTH = 20  # area files nest < 10 levels

# libyaml is optional; both give the same events. Only their parser part is used.
EventLoader: type = getattr(yaml, "CBaseLoader", yaml.BaseLoader)

# One node type for both paths: PyYAML's. A scalar's `style` is '' (or None) when plain.
Node = yaml.Node
Scalar = yaml.ScalarNode
Mapping = yaml.MappingNode
Sequence = yaml.SequenceNode


class CommentedScalar(yaml.ScalarNode):
    """A plain scalar that a ` #` comment ends on its line (made by the careful path only:
    `ordinary` sends every such file there)."""


def node_location(path: str, node: Node) -> Location:
    return mark_location(path, node.start_mark)


def mark_location(path: str, mark: Any) -> Location:  # yaml.Mark, or libyaml's own Mark
    if mark is None:
        return Location(path)
    return Location(path, mark.line + 1, mark.column + 1)


def finds(text: str, sign: str) -> list[int]:
    """Every offset of a one-character `sign` (str.find: a regular expression is several times slower)."""
    found = []
    at = text.find(sign)
    while at >= 0:
        found.append(at)
        at = text.find(sign, at + 1)
    return found


def tokens(text: str) -> Iterator[yaml.Token]:
    """The text's tokens, up to a scanning error if there is one (the parser reports it)."""
    scanner = EventLoader(text)
    try:
        while (token := scanner.get_token()) is not None:
            yield token
    except yaml.YAMLError:
        pass
    finally:
        scanner.dispose()


def outside(places: Iterable[P], spans: list[tuple[P, P]]) -> Iterator[P]:
    """The places that no (start, end) span holds, both in text order: one pass."""
    at = 0
    for place in places:
        while at < len(spans) and spans[at][1] <= place:
            at += 1
        if at == len(spans) or place < spans[at][0]:
            yield place
