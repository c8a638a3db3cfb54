"""How far a cell's evidence is from the next colour, better and worse, in the rule's direction."""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from veikart_cli.engine.scoring import Reading, band_index
from veikart_cli.model.types import AmountRule, ChecklistRule, SimpleRule, TargetBand, TargetRule


class Margin(NamedTuple):
    colour: str  # the colour this margin is about
    quantity: Decimal  # in the rule's base unit, or a count of elements
    better: bool  # True: the distance to reach `colour`; False: the room before falling to it
    way: str = ""  # target rules: "up", "down" or "closer"; "" for amount and checklist bands
    strict: bool = False  # the colour needs a change of more than `quantity`, not just `quantity`


def margins(rule: SimpleRule, reading: Reading) -> list[Margin]:
    if isinstance(rule, TargetRule):
        return target_margins(rule, reading)
    low, high = reading.low, reading.high
    if not isinstance(rule, (AmountRule, ChecklistRule)) or low is None or high is None:
        return []  # an open range reaches the first or last band
    bands, result = rule.bands, []
    top, bottom = band_index(bands, high), band_index(bands, low)
    if top + 1 < len(bands):
        up = bands[top + 1]
        assert up.minimum is not None  # validated: only the first band has no bound
        result.append(Margin(up.colour, up.minimum - high, True, strict=not up.inclusive))
    minimum = bands[bottom].minimum
    if bottom > 0 and minimum is not None:
        result.append(Margin(bands[bottom - 1].colour, low - minimum, False, strict=bands[bottom].inclusive))
    return result


def target_margins(rule: TargetRule, reading: Reading) -> list[Margin]:
    target, bands = reading.target, rule.bands
    if target is None or not reading.fired:
        return []
    best, worst = bands.index(reading.fired[0]), bands.index(reading.fired[-1])
    result = []
    if best > 0 and (gap := _gap(rule, bands[best - 1], reading, target, towards=True)) is not None:
        way = {"higher": "up", "lower": "down"}.get(rule.direction, "closer")
        result.append(Margin(bands[best - 1].colour, gap, True, way, strict=not bands[best - 1].inclusive))
    if worst + 1 < len(bands) and (room := _gap(rule, bands[worst], reading, target, towards=False)) is not None:
        way = {"higher": "down", "lower": "up"}.get(rule.direction, "closer")
        result.append(Margin(bands[worst + 1].colour, room, False, way, strict=bands[worst].inclusive))
    return result


def _gap(rule: TargetRule, band: TargetBand, reading: Reading, target: Decimal, towards: bool) -> Decimal | None:
    """In the value's unit: how far its best end is from `band`'s limit (towards), or its worst end inside it."""
    assert band.limit is not None
    low, high = reading.low, reading.high
    scale = target / 100 if rule.measure != "distance" else Decimal(1)
    if rule.direction == "within":  # the deviation either way, in the value's unit
        if low is None or high is None:
            return None
        deviation = [abs(low - target), abs(high - target)]
        near = Decimal(0) if low <= target <= high else min(deviation)
        return near - band.limit * scale if towards else band.limit * scale - max(deviation)
    if rule.measure == "achieved" and rule.direction == "lower":  # target ÷ value reaches the limit
        if band.limit <= 0:
            return None
        edge = target * 100 / band.limit
    else:
        edge = target + band.limit if rule.measure == "distance" else band.limit * scale
    up = towards == (rule.direction == "higher")  # the edge lies above the value's end that matters
    end = high if up else low
    if end is None:
        return None
    return edge - end if up else end - edge
