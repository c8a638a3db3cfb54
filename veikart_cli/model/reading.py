"""Typed access to loader nodes: every scalar becomes what the schema expects at its place. A
problem (wrong type, missing or unknown key, YAML 1.1 traps) is said at the node, and reading
goes on, so that every problem of a file is reported at once."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from functools import cache, lru_cache
from typing import TypeVar

import yaml

from veikart_cli.model.amounts import AmountError
from veikart_cli.model.types import Text, Unit, kept
from veikart_cli.problems import Location, Problems
from veikart_cli.syntax.nodes import CommentedScalar, Mapping, Node, Refusing, Scalar, Sequence, Unusual
from veikart_cli.text import shows_something, without_invisible

T = TypeVar("T")
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_EMPTY = {"", "~", "null", "Null", "NULL"}
_QUOTES = ("'", '"')
_YAML11_KINDS = {"bool": "a boolean", "int": "a number", "float": "a number", "timestamp": "a date"}


def suggest(word: str, choices: list[str] | tuple[str, ...]) -> str:
    close = _close(word, choices, 3)
    if close:
        return "did you mean " + " or ".join(f"'{c}'" for c in close) + "?"
    return "expected one of: " + ", ".join(choices) if choices else ""


def _close(word: str, choices: list[str] | tuple[str, ...], n: int) -> list[str]:
    import difflib  # only when a message needs it

    return difflib.get_close_matches(word, list(choices), n=n, cutoff=0.6)


_normalize = unicodedata.normalize


def nfc(text: str) -> str:
    try:  # Latin-1 holds no combining mark: a text it holds is NFC already, and checking costs more
        text.encode("latin-1")
    except UnicodeEncodeError:
        return _normalize("NFC", text)
    return text


_GRAPHIC = re.compile("[!-~]")  # printable ASCII but the space: it shows, whatever else the text holds


# Letters of other scripts that look like Latin ones (the common cases of Unicode's confusables).
_CONFUSABLE = str.maketrans(
    "аеорсухіјѕԁһӏԛԝАВЕКМНОРСТХУІЈЅαβεικνορτυχΑΒΕΖΗΙΚΜΝΟΡΤΥΧ",
    "aeopcyxijsdhlqwABEKMHOPCTXYIJSaBeikvoptuxABEZHIKMNOPTYX",
)


def skeleton(text: str) -> str:
    """What a text looks like, for finding near-duplicates: NFKC, no format characters (zero-width,
    bidi), look-alike letters of other scripts as Latin, case folded, spaces collapsed."""
    try:  # Latin-1 holds no combining mark, and no invisible character but the soft hyphen U+00AD
        text.encode("latin-1")
    except UnicodeEncodeError:
        visible = without_invisible(text)
    else:
        visible = text.replace("\xad", "")
    folded = unicodedata.normalize("NFKC", visible)
    return " ".join(folded.translate(_CONFUSABLE).casefold().split())


_YAML11 = yaml.resolver.Resolver()  # PyYAML's own implicit rules, used only to warn
_YAML11_STARTS = frozenset(k for k in _YAML11.yaml_implicit_resolvers if k)  # first characters they apply to


@lru_cache(maxsize=4096)
def yaml11_kind(text: str) -> str | None:
    """What YAML 1.1 tools (PyYAML's safe_load) would turn this plain scalar into."""
    tag: str = _YAML11.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    return _YAML11_KINDS.get(tag.rsplit(":", 1)[-1])


class Reader:
    """Types one file's nodes, with a located problem for every shape that is wrong. With a
    `Refusing` problem list (the fast path) it also refuses what only the careful path checks."""

    def __init__(self, problems: Problems, languages: tuple[str, ...] = (), path: str = "") -> None:
        self.problems = problems
        self.languages = languages
        self.path = path
        self.fast = isinstance(problems, Refusing)

    def loc(self, node: Node) -> Location:
        mark = node.start_mark
        return Location(self.path, mark.line + 1, mark.column + 1)

    def error(self, node: Node, code: str, message: str, hint: str = "") -> None:
        self.problems.error(self.loc(node), code, message, hint)

    def warning(self, node: Node, code: str, message: str, hint: str = "") -> None:
        self.problems.warning(self.loc(node), code, message, hint)

    def pairs(self, node: Mapping) -> list[tuple[Scalar, Node]]:
        """A mapping's (key, value) pairs; on the fast path a duplicate or non-text key, a quoted
        key (it may span lines) or { } over several lines (misaccepted.py) send the file on."""
        pairs: list[tuple[Scalar, Node]] = node.value
        if self.fast:
            self.keys(node)
        return pairs

    def keys(self, node: Mapping) -> set[str]:
        """A mapping's keys, checked on the fast path as `pairs` says."""
        pairs: list[tuple[Scalar, Node]] = node.value
        if not self.fast:
            return {key.value for key, _ in pairs}
        try:  # a plain key's style is ''; a list or a mapping as a key has none
            keys = {key.value for key, _ in pairs if not key.style}
        except AttributeError:
            raise Unusual("complex-key") from None
        _refuse_unusual(node, len(keys))
        return keys

    # -- structure -------------------------------------------------------------
    def mapping(self, node: Node | None, what: str) -> Mapping | None:
        if isinstance(node, Mapping):
            return node
        if node is not None:
            self.error(node, "wrong-type", f"{what} must be a mapping (key: value), not {_kind(node)}")
        return None

    def sequence(self, node: Node | None, what: str) -> tuple[Node, ...]:
        if isinstance(node, Sequence):
            if self.fast and node.flow_style and node.start_mark.line != node.end_mark.line:
                raise Unusual("flow-lines")
            return tuple(node.value)
        if node is not None and not _is_empty(node):
            self.error(node, "wrong-type", f"{what} must be a list ('- item' lines), not {_kind(node)}")
        return ()

    def mappings(self, node: Node | None, what: str, item: str) -> Iterator[Mapping]:
        """The items of the list `what` that are mappings (each an `item`); any other is said to be wrong."""
        for each in self.sequence(node, what):
            top = self.mapping(each, item)
            if top is not None:
                yield top

    def fields(
        self, node: Mapping, what: str, required: tuple[str, ...], optional: tuple[str, ...] = ()
    ) -> dict[str, Node]:
        """The mapping's values by key (a duplicate's first, which the loader reported); says
        which keys are unknown and which required ones are missing."""
        pairs: list[tuple[Scalar, Node]] = node.value
        if self.fast:  # the checks of `keys`, with the dict made as they are done
            try:
                found = {key.value: value for key, value in pairs if not key.style}
            except AttributeError:
                raise Unusual("complex-key") from None
            _refuse_unusual(node, len(found))
        else:
            found = {key.value: value for key, value in reversed(pairs)}
        known = _known(required, optional)
        misspelt: set[str] = set()  # a required key reported as a typo is not reported missing too
        if not found.keys() <= known:
            choices = required + optional
            for key, _ in pairs:
                if key.value not in known:
                    where, text = self.loc(key), key.value
                    self.problems.error(where, "unknown-key", f"unknown key '{text}' in {what}", suggest(text, choices))
                    misspelt.update(_close(text, choices, 1))
            found = {name: value for name, value in found.items() if name in known}
        for name in required:
            given = found.get(name)
            if given is None and name in misspelt:
                continue
            if given is None or (isinstance(given, Scalar) and not given.style and given.value in _EMPTY):
                self.error(given or node, "missing-key", f"{what} needs '{name}'")
                found.pop(name, None)
        return found

    # -- scalars -----------------------------------------------------------------
    def text(self, node: Node | None, what: str, prose: bool = False, own_type: bool = False) -> str | None:
        """The scalar's text. `own_type`: the schema types this scalar itself (a number, a flag,
        a choice), so what YAML 1.1 would guess does not matter."""
        if type(node) is not Scalar and not isinstance(node, Scalar):  # the exact type first: most are
            if node is not None:
                self.error(node, "wrong-type", f"{what} must be text, not {_kind(node)}")
            return None
        text: str = node.value
        if not node.style:  # plain; called tens of thousands of times: messages only on a find
            if text in _EMPTY:
                self.error(node, "empty-value", f"{what} is empty")
                return None
            kind = yaml11_kind(text) if not own_type and text[0] in _YAML11_STARTS else None
            if kind:
                self.warning(
                    node,
                    "implicit-type",
                    f"{what} '{text}' is read as text here, but YAML 1.1 tools would read {kind}",
                    f"quote it ('{text}') so every tool agrees",
                )
            if prose and type(node) is CommentedScalar:
                self.warning(
                    node,
                    "cut-by-comment",
                    f"{what} ends at ' #': YAML reads the rest of the line as a comment",
                    "quote the text, or write it as a block: 'key: >-' and the text on the next lines",
                )
        elif self.fast and node.style in _QUOTES and node.start_mark.line != node.end_mark.line:
            raise Unusual("quoted-lines")  # misaccepted.py checks how its lines are indented
        value = text.strip()
        if not value.isascii():  # most scalars are ids, numbers and choices
            value = nfc(value)
        if _GRAPHIC.search(value) is None and not shows_something(value):
            self.error(node, "empty-value", f"{what} is empty")
            return None
        return value

    def amount(
        self, node: Node | None, what: str, parse: Callable[[str, tuple[Unit, ...]], T], units: tuple[Unit, ...]
    ) -> T | None:
        """What `parse` makes of the scalar's text in these units (model/amounts.py), or None, said."""
        text = self.text(node, what, own_type=True)
        if text is None:
            return None
        try:
            return parse(text, units)
        except AmountError as err:
            assert node is not None
            self.error(node, "bad-amount", str(err), err.hint)
            return None

    def ident(self, node: Node | None, what: str) -> str | None:
        value = self.text(node, what)
        if value is not None and not _ID.match(value):
            assert node is not None
            self.error(
                node,
                "bad-id",
                f"{what} '{value}' is not a valid id",
                "use lower-case ASCII letters, digits, '-' and '_', e.g. 'lokale-behov'",
            )
            return None
        return value

    def choice(self, node: Node | None, what: str, choices: tuple[str, ...], code: str) -> str | None:
        value = self.text(node, what, own_type=True)
        if value is not None and value not in choices:
            assert node is not None
            self.error(node, code, f"unknown {what} '{value}'", suggest(value, choices))
            return None
        return value

    def flag(self, node: Node | None, what: str) -> bool:
        """true or false; YAML 1.1's yes/no/on/off are refused, since readers disagree on them."""
        if node is None:
            return False
        value = self.text(node, what, own_type=True)
        if value is not None and value.lower() not in ("true", "false"):
            self.error(node, "bad-flag", f"{what} must be true or false, not '{value}'")
        return value is not None and value.lower() == "true"

    def texts(self, node: Node | None, what: str) -> tuple[str, ...]:
        if node is None:  # an optional list left out, the usual case
            return ()
        return kept(self.text(item, what) for item in self.sequence(node, f"{what} list"))

    def local(self, node: Node | None, what: str, prose: bool = False) -> Text | None:
        """Text in one language (a plain string) or several ({nb: …, en: …})."""
        if node is None:
            return None
        if not isinstance(node, Mapping):
            single = self.text(node, what, prose)
            return Text.of(single) if single is not None else None
        pairs = []
        for key, value in self.pairs(node):
            lang = key.value
            if self.languages and lang not in self.languages:
                self.error(
                    key,
                    "unknown-language",
                    f"language '{lang}' is not declared in the framework",
                    suggest(lang, self.languages),
                )
                continue
            translated = self.text(value, f"{what} ({lang})", prose)
            if translated is not None:
                pairs.append((lang, translated))
        if not pairs:
            self.error(node, "empty-value", f"{what} is empty")
            return None
        return Text(tuple(pairs))

    def locals(self, node: Node | None, what: str) -> tuple[Text, ...]:
        if node is None:
            return ()
        return kept(self.local(item, what, prose=True) for item in self.sequence(node, f"{what} list"))


def _refuse_unusual(node: Mapping, distinct: int) -> None:
    """On the fast path: a duplicate or quoted key (fewer `distinct` plain keys than pairs), or { } over lines."""
    if distinct < len(node.value) or (node.flow_style and node.start_mark.line != node.end_mark.line):
        raise Unusual("key")


@cache
def _known(required: tuple[str, ...], optional: tuple[str, ...]) -> frozenset[str]:
    return frozenset(required + optional)


def _is_empty(node: Node) -> bool:
    return isinstance(node, Scalar) and not node.style and node.value in _EMPTY


def _kind(node: Node) -> str:
    if isinstance(node, Scalar):
        return "text" if node.value else "empty"
    return "a mapping" if isinstance(node, Mapping) else "a list"
