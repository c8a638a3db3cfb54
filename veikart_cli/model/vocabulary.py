"""The tool's own words in bokmål, nynorsk and English, and a language code that carries them.

Data labels (drivers, colours, areas) come from the framework file; these are the words
veikart itself writes around them. A framework may override or add any of them in its
`vocabulary` section, per language, so a method can call its areas "tiltak"; a word neither
has is written in English (validation warns), and `veikart words LANG` prints them all.

A word is one text, or two forms (one, other) where it follows a count ("1 celle", "2 celler").
Words may hold `{name}` fields, filled in by the renderer; an override must keep them.
"""

from __future__ import annotations

import string
from collections.abc import Mapping

from veikart_cli.model.words import BUILTIN, Forms, Word

__all__ = [
    "BUILTIN",
    "COUNTED",
    "KEYS",
    "Forms",
    "Language",
    "Word",
    "fields",
    "language",
    "missing",
    "template",
    "word_fields",
    "word_list",
]


KEYS: tuple[str, ...] = tuple(BUILTIN["en"])
COUNTED = frozenset(key for key, value in BUILTIN["en"].items() if isinstance(value, tuple))


def fields(text: str) -> frozenset[str]:
    """The `{name}` fields of a word, which an override must keep."""
    return frozenset(name for _, name, _, _ in string.Formatter().parse(text) if name)


def word_fields(key: str) -> frozenset[str]:
    value = BUILTIN["en"][key]
    return fields(value if isinstance(value, str) else value[1])


def word_list() -> str:
    """The README's list of the words a framework may override: key, then the built-in word in
    each language ('one / other' where it follows a count). tests/test_words.py keeps the README
    equal to it."""

    def cell(value: Word) -> str:
        text = value if isinstance(value, str) else " / ".join(value)
        return text.replace("|", "\\|")

    codes = list(BUILTIN)
    lines = ["| key | " + " | ".join(f"`{code}`" for code in codes) + " |", "|---" * (len(codes) + 1) + "|"]
    lines += [f"| `{key}` | " + " | ".join(cell(BUILTIN[c][key]) for c in codes) + " |" for key in KEYS]
    return "\n".join(lines) + "\n"


class Language(str):
    """A language code that carries the words of a document in that language.

    A `str`, so that `Text.get(lang)` and every comparison of codes work unchanged; the
    words travel with it, so a renderer needs no framework at hand to say "Tiltak".
    """

    words: Mapping[str, Word]

    def __new__(cls, code: str, words: Mapping[str, Word]) -> Language:  # noqa: PYI034 - typing.Self is 3.11+
        self = super().__new__(cls, code)
        self.words = words
        return self

    def word(self, key: str, **values: str) -> str:
        value = self.words[key]
        text = value if isinstance(value, str) else value[1]
        return text.format(**values) if values else text

    def counted(self, key: str, n: int) -> str:
        """'1 celle', '2 celler': the number and the form of the word that goes with it."""
        value = self.words[key]
        forms = (value, value) if isinstance(value, str) else value
        return f"{n} {forms[0] if n == 1 else forms[1]}"


def language(code: str, overrides: Mapping[str, Word] | None = None) -> Language:
    """The built-in words of `code` with the framework's own on top. A word neither gives is
    written in English: validation warns of each language that lacks some (missing-vocabulary)."""
    return Language(code, {**BUILTIN["en"], **BUILTIN.get(code, {}), **(overrides or {})})


def missing(code: str, overrides: Mapping[str, Word]) -> list[str]:
    """The keys neither veikart nor the framework has a word for in `code`."""
    return [key for key in KEYS if key not in BUILTIN.get(code, {}) and key not in overrides]


def template(code: str, start: str = "en") -> str:
    """A framework's `vocabulary:` section for `code`, every word veikart writes, as `start`
    has it: the file a translator fills in. YAML, every text quoted."""

    def quoted(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    lines = ["vocabulary:", f"  {code}:"]
    for key in KEYS:
        value = BUILTIN.get(code, {}).get(key, BUILTIN[start][key])
        if isinstance(value, str):
            lines.append(f"    {key}: {quoted(value)}")
        else:
            lines.append(f"    {key}: {{one: {quoted(value[0])}, other: {quoted(value[1])}}}")
    return "\n".join(lines) + "\n"
