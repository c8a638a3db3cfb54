"""Amounts as people write them (`250 MNOK`, `1,5 mrd`, `1 200 000 NOK`, `200–300 MNOK`) in the units of
the framework's rule; Decimal, not float, so output is exact and the same on every machine."""

from __future__ import annotations

import re
from decimal import ROUND_DOWN, Context, Decimal, Inexact, localcontext

from veikart_cli.model.evidence import AmountEvidence
from veikart_cli.model.types import Unit

_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2009": " "})
_DASHES = "–—-−"  # where a range may be split: en dash, em dash, hyphen, minus
_QUANTITY = re.compile(  # ASCII digits only: '\d' would take '٣' or '𝟑' too
    r"^(?P<sign>[-−+]\s*)?(?P<int>[0-9]{1,3}(?: [0-9]{3})+|[0-9]+)(?:[.,](?P<frac>[0-9]+))?"
    r"(?:\s*(?P<unit>[^0-9\s.,–—−+-][^–—−]*?))?$"  # a unit never starts with a mark: '12,5-13 %' is a range
)
MAX_DIGITS = 9 + 6  # significant digits read (999 999 999,999999), so that every product with a factor is exact
DISPLAY_DECIMALS = 6  # shown in full up to here, then cut (never rounded up across a band)
_EXACT = Context(prec=60, traps=[Inexact])  # wide enough for any bounded amount; never rounds silently
_WIDE = Context(prec=60)  # for display: quantize must not fail on a long amount
_CENT = Decimal("0.01")
# Open-ended amounts: (words, which end is given, whether that end itself is excluded).
# Longer words first, so '>=' is not read as '>' and '=…'.
_OPEN = (
    (("at least", "minst", "≥", ">="), "low", False),
    (("more than", "mer enn", "over", "above", ">"), "low", True),
    (("at most", "up to", "høyst", "inntil", "opptil", "maks", "≤", "<="), "high", False),
    (("less than", "mindre enn", "under", "below", "<"), "high", True),
)
# Languages that write a decimal comma; the rest get a point.
_DECIMAL_COMMA = {"nb", "nn", "no", "da", "sv", "fi", "is", "de", "fr", "es", "it", "nl", "pt", "pl"}


class AmountError(ValueError):
    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.hint = hint


def example(units: tuple[Unit, ...]) -> str:
    big = max(units, key=lambda u: u.factor)
    return f"'250 {units[0].name}', '1,5 {big.name}' or '200–300 {units[0].name}'"


def parse_single(text: str, units: tuple[Unit, ...]) -> Decimal:
    """One figure: a band's bound or a target."""
    value = parse_evidence(text, units)
    if value.low is None or value.high is None:
        raise AmountError(f"'{text}' is open-ended here", "give a figure or a range with both ends, e.g. '200–300'")
    if value.low != value.high:
        raise AmountError(f"'{text}' is a range here", "give one figure")
    return value.low


def parse_evidence(text: str, units: tuple[Unit, ...]) -> AmountEvidence:
    """An amount as evidence: one figure, a range, or open-ended ('minst 100 MNOK')."""
    cleaned = " ".join(text.translate(_SPACES).split())
    folded = cleaned.casefold()
    for words, end, excluded in _OPEN:
        for prefix in words:
            if folded.startswith(prefix) and (not prefix[-1].isalpha() or folded[len(prefix) : len(prefix) + 1] == " "):
                value = _quantity(cleaned[len(prefix) :].strip(), None, units)
                if end == "low":
                    return AmountEvidence(value, None, text, low_excluded=excluded)
                return AmountEvidence(None, value, text, high_excluded=excluded)
    low, high = _closed(cleaned, text, units)
    return AmountEvidence(low, high, text)


def _closed(cleaned: str, text: str, units: tuple[Unit, ...]) -> tuple[Decimal, Decimal]:
    """One figure, or a range split at a dash that is not the minus sign of the figure after it."""
    if _QUANTITY.match(cleaned):
        value = _quantity(cleaned, None, units)
        return value, value
    for i, ch in enumerate(cleaned):
        if ch not in _DASHES:
            continue
        low_text, high_text = cleaned[:i].strip(), cleaned[i + 1 :].strip()
        after = _QUANTITY.match(high_text)
        if not low_text or low_text[-1] in _DASHES or after is None or not _QUANTITY.match(low_text):
            continue
        high = _quantity(high_text, None, units)
        low = _quantity(low_text, _find_unit(after["unit"], units) if after["unit"] else None, units)
        if low > high:
            raise AmountError(f"range '{text}' runs from high to low", "write the lower amount first")
        return low, high
    raise AmountError(f"'{cleaned}' is not an amount", f"write it like {example(units)}")


def _quantity(text: str, default_unit: Unit | None, units: tuple[Unit, ...]) -> Decimal:
    """One figure (`text` stripped) in its unit, or the default unit."""
    match = _QUANTITY.match(text)
    if match is None:
        raise AmountError(f"'{text}' is not an amount", f"write it like {example(units)}")
    whole, fraction = match["int"].replace(" ", ""), match["frac"]
    if fraction is not None and len(fraction) == 3 and len(whole) <= 3 and whole != "0":
        mark = text[match.end("int") : match.start("frac")].strip()
        unit_text = f" {match['unit']}" if match["unit"] else ""
        raise AmountError(
            f"'{text}' is ambiguous: is '{mark}' in '{match['int']}{mark}{fraction}' a thousands "
            "separator or a decimal mark?",
            f"write '{whole} {fraction}{unit_text}' for thousands, or '{whole}{mark}{fraction}0{unit_text}' "
            "for the decimals",
        )
    unit = _find_unit(match["unit"], units) if match["unit"] else default_unit
    if unit is None:
        names = ", ".join(u.name for u in units)
        if match["unit"]:
            raise AmountError(f"unknown unit '{match['unit']}' in '{text}'", f"use one of: {names}")
        raise AmountError(f"amount '{text}' has no unit", f"add one of: {names}")
    digits = (whole + (fraction or "")).lstrip("0").rstrip("0") if fraction else whole.lstrip("0")
    if len(digits) > MAX_DIGITS:
        raise AmountError(
            f"'{text}' has {len(digits)} significant digits; at most {MAX_DIGITS} are read",
            "round it, or write it in a larger unit",
        )
    number = Decimal(whole + ("." + fraction if fraction else ""))
    try:
        with localcontext(_EXACT):
            negative = match["sign"] is not None and match["sign"].strip() in "-−"
            return -number * unit.factor if negative else number * unit.factor
    except Inexact:
        raise AmountError(f"'{text}' is too precise for the unit's factor", "round it") from None


def _find_unit(name: str, units: tuple[Unit, ...]) -> Unit | None:
    folded = name.strip().casefold()
    return next((u for u in units if u.name.casefold() == folded), None)


def display_units(units: tuple[Unit, ...]) -> list[Unit]:
    """One name per factor (the first declared), largest factor first."""
    seen: dict[Decimal, Unit] = {}
    for unit in units:
        seen.setdefault(unit.factor, unit)
    return sorted(seen.values(), key=lambda u: u.factor, reverse=True)


def display_unit(value: Decimal, units: tuple[Unit, ...]) -> Unit:
    """The largest unit the value is at least one of (the smallest for less)."""
    choices = display_units(units)
    return next((u for u in choices if abs(value) >= u.factor), choices[-1])


def format_amount(value: Decimal, units: tuple[Unit, ...], lang: str) -> str:
    unit = display_unit(value, units)
    return f"{format_number(value / unit.factor, lang)} {unit.name}"


def format_number(number: Decimal, lang: str) -> str:
    """Two decimals where they are enough to be exact; more (up to DISPLAY_DECIMALS) where
    not, then cut towards zero: 99,99999 MNOK must not read as 100 MNOK."""
    with localcontext(_WIDE):
        rounded = number.quantize(_CENT)
        if rounded != number:
            rounded = number.quantize(Decimal(1).scaleb(-DISPLAY_DECIMALS), rounding=ROUND_DOWN)
        rounded = rounded.normalize()
    sign, digits = ("-", -rounded) if rounded < 0 else ("", rounded)
    whole, _, fraction = f"{digits:f}".partition(".")
    grouped = f"{int(whole):,}".replace(",", " ")
    mark = "," if lang in _DECIMAL_COMMA else "."
    return sign + grouped + (mark + fraction if fraction else "")


def format_evidence(value: AmountEvidence, units: tuple[Unit, ...], lang: str) -> str:
    """An amount as the reader should see it: '200–300 MNOK' ('900 MNOK – 1,2 mrd' in two units), one figure
    where both ends are one, an open end as '≥' or '>', '≤' or '<' (the same in every language)."""
    low, high = value.low, value.high
    if high is None:
        return "–" if low is None else f"{'>' if value.low_excluded else '≥'} {format_amount(low, units, lang)}"
    if low is None:
        return f"{'<' if value.high_excluded else '≤'} {format_amount(high, units, lang)}"
    if low == high:
        return format_amount(low, units, lang)
    unit = display_unit(high, units)
    if low == 0 or low > 0 and display_unit(low, units) == unit:  # one unit: '0–500 MNOK', not '0 NOK – 500 MNOK'
        return f"{format_number(low / unit.factor, lang)}–{format_amount(high, units, lang)}"
    return f"{format_amount(low, units, lang)} – {format_amount(high, units, lang)}"
