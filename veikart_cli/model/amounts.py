"""Amounts as people write them: `250 MNOK`, `1,5 mrd`, `1 200 000 NOK`, `200–300 MNOK`.

Units and their factors come from the framework's amount rule, never from here.
Decimal, not float, so output is exact and the same on every machine.
"""

from __future__ import annotations

import re
from decimal import Decimal

from veikart_cli.model.types import Unit

_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2009": " "})
_RANGE = re.compile(r"^(?P<low>[^–—-]+?)\s*[–—-]\s*(?P<high>[^–—-]+)$")
_QUANTITY = re.compile(r"^(?P<int>\d{1,3}(?: \d{3})+|\d+)(?:[.,](?P<frac>\d+))?(?:\s*(?P<unit>[^\d\s].*?))?$")
# Languages that write a decimal comma; the rest get a point.
_DECIMAL_COMMA = {"nb", "nn", "no", "da", "sv", "fi", "is", "de", "fr", "es", "it", "nl", "pt", "pl"}


class AmountError(ValueError):
    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.hint = hint


def example(units: tuple[Unit, ...]) -> str:
    big = max(units, key=lambda u: u.factor)
    return f"'250 {units[0].name}', '1,5 {big.name}' or '200–300 {units[0].name}'"


def parse_amount(text: str, units: tuple[Unit, ...]) -> tuple[Decimal, Decimal]:
    """Return (low, high); a single value gives low == high."""
    cleaned = " ".join(text.translate(_SPACES).split())
    if cleaned.startswith(("-", "−")):
        raise AmountError(f"negative amount '{text}'", "amounts are zero or more")
    match = _RANGE.match(cleaned)
    if match is None:
        value = _quantity(cleaned, None, units)
        return value, value
    high_text = match["high"]
    high = _quantity(high_text, None, units)
    low = _quantity(match["low"], _unit_of(high_text, units), units)
    if low > high:
        raise AmountError(f"range '{text}' runs from high to low", "write the lower amount first")
    return low, high


def _unit_of(text: str, units: tuple[Unit, ...]) -> Unit | None:
    match = _QUANTITY.match(text)
    return _find_unit(match["unit"], units) if match and match["unit"] else None


def _quantity(text: str, default_unit: Unit | None, units: tuple[Unit, ...]) -> Decimal:
    match = _QUANTITY.match(text.strip())
    if match is None:
        raise AmountError(f"'{text}' is not an amount", f"write it like {example(units)}")
    whole, fraction = match["int"].replace(" ", ""), match["frac"]
    if fraction is not None and len(fraction) == 3 and len(whole) <= 3 and whole != "0":
        raise AmountError(
            f"'{text}' is ambiguous: is '{match['int']}{text[len(match['int'])]}{fraction}' "
            "a thousands separator or a decimal mark?",
            f"write '{whole} {fraction}' for thousands, or fewer decimals",
        )
    unit = _find_unit(match["unit"], units) if match["unit"] else default_unit
    if unit is None:
        names = ", ".join(u.name for u in units)
        if match["unit"]:
            raise AmountError(f"unknown unit '{match['unit']}' in '{text}'", f"use one of: {names}")
        raise AmountError(f"amount '{text}' has no unit", f"add one of: {names}")
    number = Decimal(whole + ("." + fraction if fraction else ""))
    return number * unit.factor


def _find_unit(name: str, units: tuple[Unit, ...]) -> Unit | None:
    folded = name.strip().casefold()
    return next((u for u in units if u.name.casefold() == folded), None)


def display_units(units: tuple[Unit, ...]) -> list[Unit]:
    """One name per factor (the first declared), largest factor first."""
    seen: dict[Decimal, Unit] = {}
    for unit in units:
        seen.setdefault(unit.factor, unit)
    return sorted(seen.values(), key=lambda u: u.factor, reverse=True)


def format_amount(value: Decimal, units: tuple[Unit, ...], lang: str) -> str:
    choices = display_units(units)
    unit = next((u for u in choices if value >= u.factor), choices[-1])
    return f"{format_number(value / unit.factor, lang)} {unit.name}"


def format_number(number: Decimal, lang: str) -> str:
    rounded = number.quantize(Decimal("0.01")).normalize()
    sign, digits = ("-", -rounded) if rounded < 0 else ("", rounded)
    whole, _, fraction = f"{digits:f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", " ")
    mark = "," if lang in _DECIMAL_COMMA else "."
    return sign + grouped + (mark + fraction if fraction else "")


def format_range(low: Decimal, high: Decimal, units: tuple[Unit, ...], lang: str) -> str:
    if low == high:
        return format_amount(low, units, lang)
    start = "0" if low == 0 else format_amount(low, units, lang)  # not "0 NOK – 500 MNOK"
    return f"{start} – {format_amount(high, units, lang)}"
