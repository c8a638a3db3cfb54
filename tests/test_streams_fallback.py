"""Characters an output encoding cannot carry: a look-alike it can, else '?' (app/streams.py)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from conftest import ROOT

import veikart_cli.app.streams  # noqa: F401 - registers the 'veikart-ascii' error handler


@pytest.mark.parametrize(
    "char, encoding, shown",
    [
        ("→", "ascii", "->"),  # veikart's own look-alike
        ("␍", "ascii", "^M"),  # a control picture as its caret form
        ("🟢", "latin-1", "o "),  # a symbol: the word beside it says the colour; as wide as the emoji
        ("⚠", "cp1252", "o"),  # a symbol one column wide
        ("\ufe0f", "cp1252", ""),  # the emoji form of the symbol before it: nothing to stand in for
        ("✅", "cp1252", "o "),  # a wide symbol in a Windows console
        ("é", "ascii", "e"),  # the letter without its accent
        ("\u2126", "ascii", "<U+2126>"),  # OHM SIGN: its decomposition (Greek Omega) is no better
    ],
)
def test_each_character_gets_the_first_look_alike_the_encoding_carries(char: str, encoding: str, shown: str) -> None:
    assert char.encode(encoding, "veikart-ascii") == shown.encode(encoding)


def test_the_error_handler_replaces_only_what_failed_and_leaves_decoding_alone() -> None:
    assert "a→b".encode("ascii", "veikart-ascii") == b"a->b"
    with pytest.raises(UnicodeDecodeError):
        b"\xff".decode("ascii", "veikart-ascii")


def test_a_table_stays_aligned_in_a_console_without_emoji() -> None:
    """A Windows console in cp1252: each 🟢 rich laid out as two columns becomes two columns."""
    env = {**os.environ, "PYTHONIOENCODING": "cp1252", "COLUMNS": "100"}
    command = [sys.executable, "-m", "veikart_cli", "score", "--color", "never"]
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, check=True)
    rows = [line for line in done.stdout.decode("cp1252").splitlines() if line.startswith(("|", "│"))]
    assert rows and "🟢" not in done.stdout.decode("cp1252")
    assert len({len(row) for row in rows}) == 1, rows  # every row as wide as the header
