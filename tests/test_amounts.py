from __future__ import annotations

from decimal import Decimal

import pytest

from veikart_cli.model.amounts import AmountError, format_range, parse_amount
from veikart_cli.model.types import Unit

M, G = Decimal(10**6), Decimal(10**9)
UNITS = (Unit("NOK", Decimal(1)), Unit("MNOK", M), Unit("millioner", M), Unit("mrd", G))


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("250 MNOK", 250 * M, 250 * M),
        ("1,5 mrd", Decimal("1.5") * G, Decimal("1.5") * G),
        ("1.5 mrd", Decimal("1.5") * G, Decimal("1.5") * G),
        ("1 200 000 000 NOK", Decimal("1.2") * G, Decimal("1.2") * G),
        ("1\u00a0200 MNOK", 1200 * M, 1200 * M),
        ("200–300 MNOK", 200 * M, 300 * M),
        ("200 - 300 millioner", 200 * M, 300 * M),
        ("500 MNOK – 1,5 mrd", 500 * M, Decimal("1.5") * G),
        ("0–500 mnok", Decimal(0), 500 * M),
    ],
)
def test_readable_amounts(text: str, low: Decimal, high: Decimal) -> None:
    assert parse_amount(text, UNITS) == (low, high)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1,500 MNOK", "ambiguous"),
        ("250", "no unit"),
        ("250 kroner", "unknown unit"),
        ("-5 MNOK", "negative"),
        ("300–200 MNOK", "high to low"),
        ("mange penger", "not an amount"),
    ],
)
def test_unclear_amounts_are_refused_with_a_hint(text: str, message: str) -> None:
    with pytest.raises(AmountError, match=message) as caught:
        parse_amount(text, UNITS)
    assert caught.value.hint


def test_amounts_print_in_the_largest_fitting_unit_and_the_language_s_decimal_mark() -> None:
    assert format_range(Decimal("1.5") * G, Decimal("1.5") * G, UNITS, "nb") == "1,5 mrd"
    assert format_range(Decimal("1.5") * G, Decimal("1.5") * G, UNITS, "en") == "1.5 mrd"
    assert format_range(200 * M, 300 * M, UNITS, "nb") == "200 MNOK – 300 MNOK"
    assert format_range(Decimal(50_000), Decimal(50_000), UNITS, "nb") == "50 000 NOK"
