"""How far a cell's evidence is from the next colour, in the rule's own direction. Pure.

For an amount or checklist rule: the distance up to the next band, and the room above the
band below. For a target rule: how much more (higher is better), less (lower is better) or
closer to the target (within) the value must come to reach the next better band, and how much
room it has before it falls into the next worse one. Quantities are in the rule's base unit;
`strict` says whether the change must be more than the quantity (the edge belongs to the colour
the value is in) or may be exactly it.
"""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from veikart_cli.engine.scoring import Reading, band_index
from veikart_cli.model.types import AmountRule, Band, ChecklistRule, SimpleRule, TargetBand, TargetRule

WAYS = ("up", "down", "closer")  # which way the value must move to reach a better band


class Margin(NamedTuple):
    colour: str  # the colour this margin is about
    quantity: Decimal  # in the rule's base unit, or a count of elements
    better: bool  # True: the distance to reach `colour`; False: the room before falling to it
    way: str = ""  # target rules: one of WAYS; "" for amount and checklist bands
    strict: bool = False  # the colour needs a change of more than `quantity`, not just `quantity`


def margins(rule: SimpleRule, reading: Reading) -> list[Margin]:
    if isinstance(rule, TargetRule):
        return target_margins(rule, reading)
    if isinstance(rule, (AmountRule, ChecklistRule)):
        return band_margins(rule.bands, reading.low, reading.high)
    return []


def band_margins(bands: tuple[Band, ...], low: Decimal | None, high: Decimal | None) -> list[Margin]:
    """The distance from the high end up to the next band, and the low end's room above the
    band below."""
    if low is None or high is None:  # an open range reaches the first or last band
        return []
    result = []
    top = band_index(bands, high)
    if top + 1 < len(bands):
        up = bands[top + 1]
        assert up.minimum is not None  # validated: only the first band has no bound
        result.append(Margin(up.colour, up.minimum - high, True, strict=not up.inclusive))
    bottom = band_index(bands, low)
    if bottom > 0 and bands[bottom].minimum is not None:
        room = low - bands[bottom].minimum  # type: ignore[operator]
        result.append(Margin(bands[bottom - 1].colour, room, False, strict=bands[bottom].inclusive))
    return result


def target_margins(rule: TargetRule, reading: Reading) -> list[Margin]:
    target, bands = reading.target, rule.bands
    if target is None or not reading.fired:
        return []
    best = bands.index(reading.fired[0])
    worst = bands.index(reading.fired[-1])
    result = []
    if best > 0:
        better = bands[best - 1]
        gap = _gap(rule, better, reading, target, towards=True)
        if gap is not None:
            way = {"higher": "up", "lower": "down"}.get(rule.direction, "closer")
            result.append(Margin(better.colour, gap, True, way, strict=not better.inclusive))
    if worst + 1 < len(bands):
        room = _gap(rule, bands[worst], reading, target, towards=False)
        if room is not None:
            way = {"higher": "down", "lower": "up"}.get(rule.direction, "closer")
            result.append(Margin(bands[worst + 1].colour, room, False, way, strict=bands[worst].inclusive))
    return result


def _gap(rule: TargetRule, band: TargetBand, reading: Reading, target: Decimal, towards: bool) -> Decimal | None:
    """In the value's unit: how far the value's best end is from reaching `band`'s limit
    (towards), or how far its worst end is inside the limit (not towards)."""
    assert band.limit is not None
    scale = target / 100 if rule.measure != "distance" else Decimal(1)
    if rule.direction == "within":  # the deviation either way, in the value's unit
        if reading.low is None or reading.high is None:
            return None
        deviation = [abs(reading.low - target), abs(reading.high - target)]
        near = Decimal(0) if reading.low <= target <= reading.high else min(deviation)
        edge = band.limit * scale
        return near - edge if towards else edge - max(deviation)
    if rule.measure == "achieved" and rule.direction == "lower":  # target ÷ value reaches the limit
        if band.limit <= 0:
            return None
        edge_value = target * 100 / band.limit
    else:
        edge_value = band.limit * scale if rule.measure == "percent" else target + band.limit
    if rule.direction == "higher":
        end = reading.high if towards else reading.low
        return None if end is None else (edge_value - end if towards else end - edge_value)
    end = reading.low if towards else reading.high
    return None if end is None else (end - edge_value if towards else edge_value - end)
