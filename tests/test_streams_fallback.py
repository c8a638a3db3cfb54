"""Characters an output encoding cannot carry: a look-alike it can, else '?' (app/streams.py)."""

from __future__ import annotations

import pytest

import veikart_cli.app.streams  # noqa: F401 - registers the 'veikart-ascii' error handler


@pytest.mark.parametrize(
    "char, encoding, shown",
    [
        ("→", "ascii", "->"),  # veikart's own look-alike
        ("␍", "ascii", "^M"),  # a control picture as its caret form
        ("🟢", "latin-1", "o"),  # a symbol: the word beside it says the colour
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
