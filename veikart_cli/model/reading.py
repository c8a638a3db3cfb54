"""Typed access to loader nodes: every scalar becomes what the schema expects at its place.

Shape problems (wrong type, missing or unknown key, YAML 1.1 traps) are added to
`Problems` with the node's location; a reader method then returns None or an empty
value so that reading goes on and every problem of a file is reported at once.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import yaml

from veikart_cli.model.types import Text
from veikart_cli.problems import Problems
from veikart_cli.syntax.nodes import Mapping, Node, Scalar, Sequence

_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_EMPTY = {"", "~", "null", "Null", "NULL"}
_YAML11_KINDS = {"bool": "a boolean", "int": "a number", "float": "a number", "timestamp": "a date"}


def suggest(word: str, choices: list[str] | tuple[str, ...]) -> str:
    import difflib  # only when a message needs it

    close = difflib.get_close_matches(word, list(choices), n=3, cutoff=0.6)
    if close:
        return "did you mean " + " or ".join(f"'{c}'" for c in close) + "?"
    return "expected one of: " + ", ".join(choices) if choices else ""


_normalize = unicodedata.normalize


def nfc(text: str) -> str:
    return _normalize("NFC", text)


def visible_text(text: str) -> bool:
    """True if the text shows something: not only spaces, zero-width and format characters."""
    return any(not c.isspace() and unicodedata.category(c) not in ("Cf", "Cc", "Zs") for c in text)


# Letters of other scripts that look like Latin ones (the common cases of Unicode's confusables).
_CONFUSABLE = str.maketrans(
    "аеорсухіјѕԁһӏԛԝАВЕКМНОРСТХУІЈЅαβεικνορτυχΑΒΕΖΗΙΚΜΝΟΡΤΥΧ",
    "aeopcyxijsdhlqwABEKMHOPCTXYIJSaBeikvoptuxABEZHIKMNOPTYX",
)


def skeleton(text: str) -> str:
    """What a text looks like, for finding near-duplicates: NFKC, no format characters (zero-width,
    bidi), look-alike letters of other scripts as Latin, case folded, spaces collapsed."""
    folded = unicodedata.normalize("NFKC", text)
    shown = "".join(c for c in folded if unicodedata.category(c) != "Cf").translate(_CONFUSABLE)
    return " ".join(shown.casefold().split())


_YAML11 = yaml.resolver.Resolver()  # PyYAML's own implicit rules, used only to warn


@lru_cache(maxsize=4096)
def yaml11_kind(text: str) -> str | None:
    """What YAML 1.1 tools (PyYAML's safe_load) would turn this plain scalar into."""
    tag: str = _YAML11.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    return _YAML11_KINDS.get(tag.rsplit(":", 1)[-1])


class Reader:
    def __init__(self, problems: Problems, languages: tuple[str, ...] = ()) -> None:
        self.problems = problems
        self.languages = languages

    # -- structure -------------------------------------------------------------
    def mapping(self, node: Node | None, what: str) -> Mapping | None:
        if isinstance(node, Mapping):
            return node
        if node is not None:
            self.problems.error(node.loc, "wrong-type", f"{what} must be a mapping (key: value), not {_kind(node)}")
        return None

    def sequence(self, node: Node | None, what: str) -> tuple[Node, ...]:
        if isinstance(node, Sequence):
            return node.items
        if node is not None and not _is_empty(node):
            self.problems.error(node.loc, "wrong-type", f"{what} must be a list ('- item' lines), not {_kind(node)}")
        return ()

    def fields(
        self, node: Mapping, what: str, required: tuple[str, ...], optional: tuple[str, ...] = ()
    ) -> dict[str, Node]:
        """The mapping's values by key; reports missing and unknown keys."""
        known = required + optional
        found: dict[str, Node] = {}
        misspelt: set[str] = set()  # a required key reported as a typo is not reported missing too
        for key, value in node.items:
            if key.text in found:
                continue  # the loader reported the duplicate
            if key.text not in known:
                self.problems.error(
                    key.loc, "unknown-key", f"unknown key '{key.text}' in {what}", suggest(key.text, known)
                )
                import difflib

                misspelt.update(difflib.get_close_matches(key.text, list(known), n=1, cutoff=0.6))
                continue
            found[key.text] = value
        for name in required:
            if name in misspelt and name not in found:
                continue
            given = found.get(name)
            if given is None or (type(given) is Scalar and given.plain and given.text in _EMPTY):
                where = found[name].loc if name in found else node.loc
                self.problems.error(where, "missing-key", f"{what} needs '{name}'")
                found.pop(name, None)
        return found

    # -- scalars -----------------------------------------------------------------
    def text(self, node: Node | None, what: str, prose: bool = False, own_type: bool = False) -> str | None:
        """The scalar's text. `own_type`: the schema types this scalar itself (a number, a flag,
        a choice), so what YAML 1.1 would guess does not matter."""
        if node is None:
            return None
        if type(node) is not Scalar:
            self.problems.error(node.loc, "wrong-type", f"{what} must be text, not {_kind(node)}")
            return None
        if node.plain:  # called tens of thousands of times: the checks in line, messages only on a find
            if node.text in _EMPTY:
                self.problems.error(node.loc, "empty-value", f"{what} is empty")
                return None
            if not own_type and yaml11_kind(node.text):
                self.check_yaml11(node, what)
            if prose and node.comment_follows:
                self.problems.warning(
                    node.loc,
                    "cut-by-comment",
                    f"{what} ends at ' #': YAML reads the rest of the line as a comment",
                    "quote the text, or write it as a block: 'key: >-' and the text on the next lines",
                )
        value = _normalize("NFC", node.text.strip())
        if not visible_text(value):  # "" or only spaces, zero-width or bidi marks
            self.problems.error(node.loc, "empty-value", f"{what} is empty")
            return None
        return value

    def check_yaml11(self, node: Scalar, what: str) -> None:
        kind = yaml11_kind(node.text)
        if kind:
            self.problems.warning(
                node.loc,
                "implicit-type",
                f"{what} '{node.text}' is read as text here, but YAML 1.1 tools would read {kind}",
                f"quote it ('{node.text}') so every tool agrees",
            )

    def ident(self, node: Node | None, what: str) -> str | None:
        value = self.text(node, what)
        if value is not None and not _ID.match(value):
            assert node is not None
            self.problems.error(
                node.loc,
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
            self.problems.error(node.loc, code, f"unknown {what} '{value}'", suggest(value, choices))
            return None
        return value

    def flag(self, node: Node | None, what: str) -> bool:
        """true or false; YAML 1.1's yes/no/on/off are refused, since readers disagree on them."""
        value = self.text(node, what, own_type=True)
        if value is None:
            return False
        if value.lower() in ("true", "false"):
            return value.lower() == "true"
        assert node is not None
        self.problems.error(node.loc, "bad-flag", f"{what} must be true or false, not '{value}'")
        return False

    def texts(self, node: Node | None, what: str) -> tuple[str, ...]:
        values = (self.text(item, what) for item in self.sequence(node, f"{what} list"))
        return tuple(v for v in values if v is not None)

    def local(self, node: Node | None, what: str, prose: bool = False) -> Text | None:
        """Text in one language (a plain string) or several ({nb: …, en: …})."""
        if node is None:
            return None
        if not isinstance(node, Mapping):
            single = self.text(node, what, prose)
            return Text.of(single) if single is not None else None
        pairs = []
        for key, value in node.items:
            if self.languages and key.text not in self.languages:
                self.problems.error(
                    key.loc,
                    "unknown-language",
                    f"language '{key.text}' is not declared in the framework",
                    suggest(key.text, self.languages),
                )
                continue
            translated = self.text(value, f"{what} ({key.text})", prose)
            if translated is not None:
                pairs.append((key.text, translated))
        if not pairs:
            self.problems.error(node.loc, "empty-value", f"{what} is empty")
            return None
        return Text(tuple(pairs))

    def locals(self, node: Node | None, what: str) -> tuple[Text, ...]:
        values = (self.local(item, what, prose=True) for item in self.sequence(node, f"{what} list"))
        return tuple(v for v in values if v is not None)


def _is_empty(node: Node) -> bool:
    return isinstance(node, Scalar) and node.plain and node.text in _EMPTY


def _kind(node: Node) -> str:
    if isinstance(node, Scalar):
        return "text" if node.text else "empty"
    return "a mapping" if isinstance(node, Mapping) else "a list"
