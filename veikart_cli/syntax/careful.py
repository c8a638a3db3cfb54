"""The careful read path: the event stream built into nodes in Python, refusing anchors, aliases,
tags, duplicate keys, extra documents and deep nesting where they stand, and what libyaml wrongly
accepts (misaccepted.py)."""

from __future__ import annotations

import re
from typing import Any

import yaml

from veikart_cli.problems import Location, Problems
from veikart_cli.syntax import misaccepted
from veikart_cli.syntax.tree import (
    MAX_DEPTH,
    CommentedScalar,
    EventLoader,
    Mapping,
    Node,
    Scalar,
    Sequence,
    mark_location,
    node_location,
    outside,
    tokens,
)


def parse_text(text: str, name: str, problems: Problems) -> Node | None:
    text = text.removeprefix("\ufeff")  # libyaml skips a byte order mark, and its offsets with it
    if not check_tabs(text, name, problems):
        return None
    try:
        node = _Builder(text, name, problems).build()
    except yaml.MarkedYAMLError as err:
        if err.problem == "exceeded maximum nesting depth":  # libyaml >= 0.2.6 stops at 1000 levels
            _too_deep(text, err.problem_mark, name, problems)
            return None
        problems.error(
            mark_location(name, err.problem_mark),
            "yaml-syntax",
            f"{err.problem}" + (f" ({err.context})" if err.context else ""),
            _syntax_hint(text, err.problem_mark, str(err.problem)),
        )
    except yaml.reader.ReaderError as err:  # control characters and the like
        # libyaml gives the position in UTF-8 bytes, the pure parser in characters; the reader
        # refuses this character wherever it stands, so its first occurrence is the place.
        found = text.find(chr(err.character))
        position = found if found >= 0 else err.position
        problems.error(
            misaccepted.location(text, name, position),
            "control-character",
            f"character U+{err.character:04X} is not allowed in YAML",
            "remove it; it is often pasted in by accident from PDFs",
        )
    else:
        if node is None or misaccepted.glued_comments(text, name, problems):
            return node
    return None


def _too_deep(text: str, mark: Any, name: str, problems: Problems) -> None:
    """Nesting libyaml refused, said where it passes MAX_DEPTH: the text before libyaml's mark
    (it scans a flow collection ahead of its events) parses as far as our own limit."""
    found = Problems()
    try:
        _Builder(text[: mark.index], name, found).build()
    except yaml.YAMLError:
        pass  # the prefix ends mid-collection; the builder has stopped before that if it can
    first = next((p for p in found.items if p.code == "too-deep"), None)
    if first is not None:
        problems.items.append(first)
    else:  # our limit is above libyaml's
        _report_too_deep(mark_location(name, mark), problems)


def _report_too_deep(where: Location, problems: Problems) -> None:
    problems.error(where, "too-deep", f"nesting deeper than {MAX_DEPTH} levels", "veikart files need only a few levels")


def check_tabs(text: str, name: str, problems: Problems) -> bool:
    """Tabs that indent, refused in one way (parsers disagree on them); a tab is left to the parser
    on a blank or comment line and inside a text or a [ ] or { }, as in text pasted from Word."""
    if "\t" not in text:
        return True
    suspects = []
    for number, line in enumerate(misaccepted.MARK_BREAK.split(text)):  # numbered as libyaml numbers them
        content = line.lstrip(" \t")
        indent = len(line) - len(content)
        if "\t" in line[:indent] and content.strip() and not content.startswith("#"):
            suspects.append((number, line.index("\t")))
    found = list(outside(suspects, _text_spans(text))) if suspects else []  # not in a text or a [ ] or { }
    for line, column in found:
        problems.error(
            Location(name, line + 1, column + 1), "tab", "tab character in indentation", "indent with spaces"
        )
    return not found


def _text_spans(text: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """(start, end) as (line, column) of every scalar and outermost [ ] or { }, up to any scanning error."""
    spans = []
    depth, opened = 0, (0, 0)
    for token in tokens(text):
        kind = type(token)
        if kind in _FLOW_STARTS:
            depth += 1
            if depth == 1:
                opened = (token.start_mark.line, token.start_mark.column)
        elif kind in _FLOW_ENDS and depth:
            depth -= 1
            if not depth:
                spans.append((opened, (token.end_mark.line, token.end_mark.column)))
        elif kind is yaml.ScalarToken and not depth:
            start, end = token.start_mark, token.end_mark
            spans.append(((start.line, start.column), (end.line, end.column)))
    return spans


_FLOW_STARTS = (yaml.FlowSequenceStartToken, yaml.FlowMappingStartToken)
_FLOW_ENDS = (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken)


def _syntax_hint(text: str, mark: Any, problem: str) -> str:
    if mark is not None and text[mark.index : mark.index + 1] == "\t":
        return "replace the tab with spaces: a tab cannot indent in YAML, not even on a blank line"
    if "mapping values are not allowed" in problem:
        return "text containing ': ' must be quoted, or written as a block ('>-' on the key's line)"
    if "found character" in problem and "cannot start any token" in problem:
        return "text starting with @, ` or % must be quoted"
    if "could not find expected ':'" in problem:
        return "check the indentation and that every key ends with ':'"
    return "check quoting and indentation near this position"


class _Builder:
    """Turns the event stream into nodes, iteratively (deep input cannot overflow)."""

    def __init__(self, text: str, name: str, problems: Problems) -> None:
        self.text = text
        self.name = name
        self.problems = problems

    def build(self) -> Node | None:
        events = EventLoader(self.text)
        try:
            return self.build_from(events.get_event)
        finally:
            events.dispose()

    def build_from(self, next_event: Any) -> Node | None:
        # Names in locals and the node made and attached in line: this runs per event.
        name, text = self.name, self.text
        root: Node | None = None
        documents = 0
        stack: list[_Open] = []
        top: _Open | None = None  # stack[-1]
        while (event := next_event()) is not None:
            kind = type(event)
            if kind is _SCALAR:
                if (event.anchor is not None or event.tag is not None) and not self.acceptable(event):
                    return None
                start = event.start_mark
                if event.style:  # quoted or a block; the C parser says '' for plain, the pure one None
                    node: Node = Scalar("", event.value, start, event.end_mark, event.style)
                    if event.end_mark.line != start.line and not self.lines_ok(event, stack):
                        return None
                else:  # does a ' #' comment follow on its line? Most plain scalars end the line.
                    end = event.end_mark.index
                    follows = not text.startswith("\n", end) and _COMMENT.match(text, end) is not None
                    kind = CommentedScalar if follows else Scalar
                    node = kind("", event.value, start, event.end_mark, event.style)
                    if (
                        event.value == "-"
                        and top is not None
                        and top.flow
                        and not misaccepted.lone_dash(text, name, self.problems, start, event.end_mark.index)
                    ):
                        return None
            elif kind is _MAPPING_START or kind is _SEQUENCE_START:
                if (event.anchor is not None or event.tag is not None) and not self.acceptable(event):
                    return None
                if len(stack) >= MAX_DEPTH:
                    _report_too_deep(mark_location(name, event.start_mark), self.problems)
                    return None
                top = _Open(kind is _MAPPING_START, event.start_mark, event.flow_style is True)
                stack.append(top)
                continue
            elif kind is _MAPPING_END or kind is _SEQUENCE_END:
                done = stack.pop()
                mark = done.mark
                if done.flow and event.end_mark.line != mark.line and not (stack and stack[-1].flow):
                    margin = stack[-1].mark.column + 1 if stack else 0
                    if not misaccepted.continuation_indent(
                        text, name, self.problems, mark, event.end_mark, margin, collection=True
                    ):
                        return None
                kind = Mapping if done.mapping else Sequence
                node = kind("", done.items, mark, event.end_mark, done.flow)
                top = stack[-1] if stack else None
            elif kind is _DOCUMENT_START:
                documents += 1
                if documents > 1:
                    self.problems.error(
                        mark_location(name, event.start_mark),
                        "multiple-documents",
                        "a file must hold one YAML document",
                        "remove the '---' line or split the file",
                    )
                    return None
                continue
            elif kind is _ALIAS:
                self.acceptable(event)
                return None
            else:  # stream and document ends
                continue
            if top is None:
                root = node
            elif not top.mapping:
                top.items.append(node)
            elif top.key is not None:
                top.items.append((top.key, node))
                top.key = None
            elif type(node) is Scalar and node.value not in top.seen and node.value != "<<":
                top.seen[node.value] = top.key = node  # a new key: the usual case
            elif not self.accept_key(top, node):  # a duplicate, a merge key or no text at all
                return None
        if root is None:
            self.problems.error(Location(name, 1, 1), "empty-document", "the file holds no data")
        return root

    def lines_ok(self, event: Any, stack: list[_Open]) -> bool:
        """A scalar over several lines, quoted or a block: what libyaml lets through. `margin`: the
        innermost block collection's column, + 1."""
        margin = next((frame.mark.column + 1 for frame in reversed(stack) if not frame.flow), 0)
        if event.style in ("|", ">"):
            return misaccepted.block_leading_blanks(self.text, self.name, self.problems, event.start_mark, margin)
        return misaccepted.continuation_indent(
            self.text, self.name, self.problems, event.start_mark, event.end_mark, margin, collection=False
        )

    def acceptable(self, event: yaml.Event) -> bool:
        """False, said, for an alias, an anchor or an explicit tag."""
        where = mark_location(self.name, event.start_mark)
        anchor, tag = getattr(event, "anchor", None), getattr(event, "tag", None)
        implicit = getattr(event, "implicit", True)  # a pair for scalars, a flag for collections
        if isinstance(event, yaml.AliasEvent):
            hint = "write the value out in full; veikart files never need anchors or aliases"
            self.problems.error(where, "alias", f"alias '*{anchor}' is not allowed", hint)
        elif anchor is not None:
            hint = "remove it, or quote the text if '&' is meant literally"
            self.problems.error(where, "anchor", f"anchor '&{anchor}' is not allowed", hint)
        elif tag is not None and tag != "!" and not (implicit[0] if isinstance(implicit, tuple) else implicit):
            hint = "remove it, or quote the text if '!' is meant literally"
            self.problems.error(where, "tag", f"tag '{tag}' is not allowed", hint)
        else:
            return True
        return False

    def accept_key(self, frame: _Open, node: Node) -> bool:
        where = node_location(self.name, node)
        if not isinstance(node, Scalar):
            self.problems.error(where, "complex-key", "a key must be plain text")
            return False
        if not node.style and node.value == "<<":
            self.problems.error(where, "merge-key", "merge keys ('<<') are not allowed")
            return False
        first = frame.seen.get(node.value)
        if first is not None:
            self.problems.error(
                where,
                "duplicate-key",
                f"duplicate key '{node.value}' (first at line {first.start_mark.line + 1})",
                "YAML tools silently keep only the last one; merge the two or remove one",
            )
        else:
            frame.seen[node.value] = node
        frame.key = node
        return True


_COMMENT = re.compile(r"[ \t]*#")
_SCALAR, _ALIAS, _DOCUMENT_START = yaml.ScalarEvent, yaml.AliasEvent, yaml.DocumentStartEvent
_MAPPING_START, _MAPPING_END = yaml.MappingStartEvent, yaml.MappingEndEvent
_SEQUENCE_START, _SEQUENCE_END = yaml.SequenceStartEvent, yaml.SequenceEndEvent


class _Open:
    """A mapping or sequence whose end event has not come yet."""

    __slots__ = ("flow", "items", "key", "mapping", "mark", "seen")

    def __init__(self, mapping: bool, mark: Any, flow: bool) -> None:
        self.mapping = mapping
        self.flow = flow  # [ ] or { }, not indented lines
        self.mark = mark  # where it starts
        self.items: list[Any] = []  # nodes, or (key, value) pairs
        self.seen: dict[str, Scalar] = {}  # keys so far, for duplicates
        self.key: Scalar | None = None  # a mapping key waiting for its value
