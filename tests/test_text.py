"""Characters that show nothing (veikart_cli/text.py): Unicode's sets, not a hand list, in the
sanitisers, the look-alike check and the test for a text that shows nothing."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest
from conftest import Run

from veikart_cli import text
from veikart_cli.checks.validation import look_alike
from veikart_cli.problems import Location, Problems
from veikart_cli.render import sanitize

# Each hides in plain text: grapheme joiner, Mongolian free variation selectors, Khmer inherent
# vowels, an unassigned default-ignorable, the halfwidth Hangul filler, variation selectors
# (also the supplement that smuggles bytes after an emoji), musical and shorthand format
# controls, the Arabic number sign, a language tag.
HIDDEN = [
    "\u034f",
    "\u180b",
    "\u180c",
    "\u180d",
    "\u17b4",
    "\u17b5",
    "\u2065",
    "\uffa0",
    "\ufe00",
    "\ufe0e",
    "\ufe0f",
    "\U000e0100",
    "\U000e01ef",
    "\U0001d173",
    "\U0001bca0",
    "\u0600",
    "\U000e0041",
]


def code_points(ranges: tuple[tuple[int, int], ...]) -> set[int]:
    return {c for a, b in ranges for c in range(a, b + 1)}


def test_the_tables_are_unicode_15s() -> None:
    """4 174 default-ignorable code points in Unicode 15.0; the format characters are Python's
    Cf (Unicode 14) and the Egyptian hieroglyph controls Unicode 15 added."""
    ignorable = code_points(text.DEFAULT_IGNORABLE)
    assert len(ignorable) == 4174
    assert {0x034F, 0x180B, 0x17B4, 0x2065, 0xFFA0, 0xFE0F, 0xE0100, 0x1D173, 0x1BCA0} <= ignorable
    python_cf = {c for c in range(0x110000) if unicodedata.category(chr(c)) == "Cf"}
    table = code_points(text.FORMAT)
    # Python's own Unicode (13.0 in 3.10, 15.0 in 3.13) knows fewer or the same format characters;
    # what the table has beyond them is unassigned in that version, never another category
    assert python_cf <= table
    assert all(unicodedata.category(chr(c)) == "Cn" for c in table - python_cf)
    for a, b in text.INVISIBLE_RANGES:
        assert text.is_invisible(chr(a)) and text.is_invisible(chr(b))
    assert not any(text.is_invisible(c) for c in "aZ æ🟢\u0301\u2800\t")


@pytest.mark.parametrize("char", HIDDEN, ids=lambda c: f"U+{ord(c):04X}")
def test_every_sanitiser_shows_an_invisible_character(char: str) -> None:
    raw = f"A{char}{char}B "  # doubled: even a presentation selector after a letter is shown the second time
    for shown in (
        sanitize.terminal(raw),
        sanitize.visible(raw),
        sanitize.markdown_inline(raw),
        sanitize.markdown_cell(raw),
        sanitize.csv_cell(raw),
        sanitize.xml_text(raw),
        sanitize.github_data(raw),
    ):
        assert shown.count(char) <= (1 if char in text.PRESENTATION else 0), (raw, shown)
        assert f"U+{ord(char):04X}" in shown
    dumped = sanitize.json_text(raw)
    assert char not in dumped and json.loads(dumped) == raw  # escaped, losslessly


def test_every_invisible_code_point_is_shown_by_visible() -> None:
    for start, end in text.INVISIBLE_RANGES:
        for code in range(start, end + 1):
            assert chr(code) not in sanitize.visible(" " + chr(code)), f"U+{code:04X}"


def test_a_symbols_presentation_selector_stays() -> None:
    """⚠️ is ⚠ and U+FE0F: one selector right after a visible character picks the emoji form."""
    assert sanitize.terminal("⚠\ufe0f Viktig") == "⚠\ufe0f Viktig"
    assert sanitize.visible("\ufe0fx") == "⟨U+FE0F⟩x"


@pytest.mark.parametrize("blank", [*HIDDEN, "\u2800", "\u0301", " \u0301 ", "\u034f\u0301\u2800", "\u200b \u3164"])
def test_a_text_of_invisible_characters_blanks_or_lone_marks_shows_nothing(blank: str) -> None:
    assert not text.shows_something(blank)


@pytest.mark.parametrize("shown", ["a", "e\u0301", "\u0301a", "⚠\ufe0f", " \u034fx", "٣"])
def test_a_text_with_one_character_that_shows_shows_something(shown: str) -> None:
    assert text.shows_something(shown)


def test_without_invisible_keeps_what_a_reader_sees() -> None:
    assert text.without_invisible("Digi\u034ftale\u180b hjem\U000e0100me") == "Digitale hjemme"
    assert text.without_invisible("\u0301Digitale \u0300hjemme") == "Digitale hjemme"
    assert text.without_invisible("Café Cafe\u0301") == "Café Cafe\u0301"  # marks on a letter are its own


@pytest.mark.parametrize(
    "other",
    [f"{c}Digitale hjemme{c}tjenester" for c in HIDDEN]
    + ["\u0301Digitale hjemmetjenester", "Digitale \u0300hjemmetjenester"],
    ids=lambda c: "+".join(f"U+{ord(ch):04X}" for ch in c if not ch.isascii() and ch != "\u00e5"),
)
def test_names_told_apart_only_by_an_invisible_character_or_a_lone_mark_look_alike(other: str) -> None:
    problems = Problems()
    names = [("Digitale hjemmetjenester", Location("a.yaml", 1)), (other, Location("b.yaml", 1))]
    look_alike(names, "area name", problems)
    assert [p.code for p in problems.items] == ["look-alike-name"], other


@pytest.mark.parametrize("reason", ["\u034f", "\u180b\u17b4", "\u2065\uffa0", "\u2800", "\ufe0f", "\u0301"])
def test_an_override_reason_of_invisible_characters_is_empty(run: Run, tmp_path: Path, reason: str) -> None:
    from test_hostile_output import data_with

    data = data_with(tmp_path, "Digitale hjemmetjenester", reason=reason)
    result = run("validate", str(data))
    assert result.exit_code != 0 and re.search(r"reason is empty|\[empty-value\]", result.output), result.output


def test_format_characters_in_a_name_are_shown_in_the_terminal(run: Run, tmp_path: Path) -> None:
    from test_hostile_output import data_with

    data = data_with(tmp_path, r'"A\U0001D173B\U0001BCA0C\u0600D\u034fE"', scalar=True)  # YAML's escapes
    result = run("score", str(data), env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "A⟨U+1D173⟩B⟨U+1BCA0⟩C⟨U+0600⟩D⟨U+034F⟩E" in out
    assert not re.search("[\U0001d173\U0001bca0\u0600\u034f]", out)
