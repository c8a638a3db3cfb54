from __future__ import annotations

from decimal import Decimal

import pytest

from veikart_cli.model.amounts import (
    AmountError,
    format_evidence,
    parse_evidence,
    parse_single,
)
from veikart_cli.model.evidence import AmountEvidence
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
    assert parse_evidence(text, UNITS)[:2] == (low, high)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1,500 MNOK", "ambiguous"),
        ("250", "no unit"),
        ("250 kroner", "unknown unit"),
        ("5–", "not an amount"),
        ("minst", "not an amount"),
        ("300–200 MNOK", "high to low"),
        ("mange penger", "not an amount"),
    ],
)
def test_unclear_amounts_are_refused_with_a_hint(text: str, message: str) -> None:
    with pytest.raises(AmountError, match=message) as caught:
        parse_evidence(text, UNITS)
    assert caught.value.hint


def test_amounts_print_in_the_largest_fitting_unit_and_the_language_s_decimal_mark() -> None:
    assert format_evidence(AmountEvidence(Decimal("1.5") * G, Decimal("1.5") * G, ""), UNITS, "nb") == "1,5 mrd"
    assert format_evidence(AmountEvidence(Decimal("1.5") * G, Decimal("1.5") * G, ""), UNITS, "en") == "1.5 mrd"
    assert format_evidence(AmountEvidence(200 * M, 300 * M, ""), UNITS, "nb") == "200–300 MNOK"
    assert format_evidence(AmountEvidence(Decimal(50_000), Decimal(50_000), ""), UNITS, "nb") == "50 000 NOK"


UNITS2 = (*UNITS, Unit("%", Decimal(1)), Unit("uker", Decimal(1)), Unit("t", Decimal(1)), Unit("kg", Decimal("0.001")))


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("-3 uker", Decimal(-3), Decimal(-3)),
        ("−3 uker", Decimal(-3), Decimal(-3)),  # the minus sign, U+2212
        ("-5 – 3 %", Decimal(-5), Decimal(3)),
        ("-5 – -3 %", Decimal(-5), Decimal(-3)),
        ("−5−−3 %", Decimal(-5), Decimal(-3)),
        ("-1,5 mrd", Decimal("-1.5") * G, Decimal("-1.5") * G),
        ("2,4 t", Decimal("2.4"), Decimal("2.4")),
        ("400 kg", Decimal("0.4"), Decimal("0.4")),  # a decimal factor
        ("12,5 %", Decimal("12.5"), Decimal("12.5")),
    ],
)
def test_negative_decimal_and_percent_amounts(text: str, low: Decimal, high: Decimal) -> None:
    assert parse_evidence(text, UNITS2)[:2] == (low, high)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("minst 100 MNOK", AmountEvidence(100 * M, None, "minst 100 MNOK")),
        ("at least 100 MNOK", AmountEvidence(100 * M, None, "at least 100 MNOK")),
        ("≥ 100 MNOK", AmountEvidence(100 * M, None, "≥ 100 MNOK")),
        ("over 1 mrd", AmountEvidence(G, None, "over 1 mrd", low_excluded=True)),
        ("mer enn 1 mrd", AmountEvidence(G, None, "mer enn 1 mrd", low_excluded=True)),
        ("> 1 mrd", AmountEvidence(G, None, "> 1 mrd", low_excluded=True)),
        ("under 100 MNOK", AmountEvidence(None, 100 * M, "under 100 MNOK", high_excluded=True)),
        ("less than 100 MNOK", AmountEvidence(None, 100 * M, "less than 100 MNOK", high_excluded=True)),
        ("inntil 2 t", AmountEvidence(None, Decimal(2), "inntil 2 t")),
        ("≤ -3 uker", AmountEvidence(None, Decimal(-3), "≤ -3 uker")),
    ],
)
def test_open_ended_amounts(text: str, expected: AmountEvidence) -> None:
    assert parse_evidence(text, UNITS2) == expected


def test_an_open_amount_is_no_bound_and_a_range_no_single_figure() -> None:
    with pytest.raises(AmountError, match="open-ended"):
        parse_single("minst 100 MNOK", UNITS)
    with pytest.raises(AmountError, match="range"):
        parse_single("1–2 mrd", UNITS)
    assert parse_single("1 mrd", UNITS) == G


def test_open_and_negative_amounts_print_with_their_sign() -> None:
    assert format_evidence(parse_evidence("over 1 mrd", UNITS), UNITS, "nb") == "> 1 mrd"
    assert format_evidence(parse_evidence("minst 100 MNOK", UNITS), UNITS, "nb") == "≥ 100 MNOK"
    assert format_evidence(parse_evidence("under 100 MNOK", UNITS), UNITS, "en") == "< 100 MNOK"
    assert format_evidence(parse_evidence("-1,5 mrd", UNITS), UNITS, "nb") == "-1,5 mrd"
    pct = (Unit("%", Decimal(1)),)
    assert format_evidence(parse_evidence("-5 – 3 %", pct), pct, "nb") == "-5 % – 3 %"


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("12,5-13 %", Decimal("12.5"), Decimal(13)),  # was read as the unit ',5-13 %'
        ("12.5-13 %", Decimal("12.5"), Decimal(13)),
        ("12,5 - 13%", Decimal("12.5"), Decimal(13)),
        ("+4 %", Decimal(4), Decimal(4)),  # was refused
        ("+ 4 %", Decimal(4), Decimal(4)),
        ("-4 – +4 %", Decimal(-4), Decimal(4)),
        ("3,1250 t", Decimal("3.125"), Decimal("3.125")),
        ("3 125 t", Decimal(3125), Decimal(3125)),
    ],
)
def test_amounts_as_people_write_them(text: str, low: Decimal, high: Decimal) -> None:
    assert parse_evidence(text, UNITS2)[:2] == (low, high)


def test_an_amount_that_reads_two_ways_shows_both_spellings_that_read_one() -> None:
    with pytest.raises(AmountError, match=r"'3,125 t' is ambiguous") as caught:
        parse_evidence("3,125 t", UNITS2)
    assert "'3 125 t'" in caught.value.hint and "'3,1250 t'" in caught.value.hint
    for spelled in ("3 125 t", "3,1250 t"):
        parse_single(spelled, UNITS2)  # each hint's spelling is accepted
