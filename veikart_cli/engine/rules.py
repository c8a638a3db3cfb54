"""One rule read on one value: the bands it falls in, how far it is from the next colour (its margins), and a
target's trend from its series. Pure; expects a validated rule and value."""

from __future__ import annotations

import math
from decimal import Decimal
from typing import NamedTuple

from veikart_cli.model.evidence import AmountEvidence, ChecklistEvidence, LevelEvidence, Observation, TargetEvidence
from veikart_cli.model.types import (
    AmountRule,
    Band,
    ChecklistRule,
    Framework,
    Level,
    LevelRule,
    SimpleRule,
    TargetBand,
    TargetRule,
    TrendLevel,
    Trends,
)

Fired = Band | Level | TargetBand
SimpleValue = AmountEvidence | ChecklistEvidence | LevelEvidence | TargetEvidence


class Reading(NamedTuple):
    """What one rule makes of one value."""

    computed: tuple[str, ...]  # colour ids, best first
    fired: tuple[Fired, ...]
    low: Decimal | None = None  # the measured amount or count (None for levels, or an open end)
    high: Decimal | None = None
    target: Decimal | None = None  # a target rule's target for this area
    trend: Trend | None = None  # a target rule with a trend: the series' trend


def read(framework: Framework, rule: SimpleRule, value: SimpleValue) -> Reading:
    """The colours one rule gives one value."""
    fired: tuple[Fired, ...]
    low = high = target = seen = None
    if isinstance(rule, AmountRule) and isinstance(value, AmountEvidence):
        low, high = value.low, value.high
        fired = amount_bands(rule.bands, value)
    elif isinstance(rule, ChecklistRule) and isinstance(value, ChecklistEvidence):
        # A partly available element may or may not count: the count becomes a range.
        low = Decimal(value.tally("present"))
        high = low + value.tally("partial")
        fired = amount_bands(rule.bands, AmountEvidence(low, high, ""))
    elif isinstance(rule, LevelRule) and isinstance(value, LevelEvidence):
        fired = tuple(level for level in rule.levels if level.id in value.levels)
    elif isinstance(rule, TargetRule) and isinstance(value, TargetEvidence):
        target = value.target if value.target is not None else rule.target
        if target is None:
            raise ValueError("a target rule without a target (validate first)")
        low, high = value.amount.low, value.amount.high
        fired = target_bands(rule, value.amount, target)
        if framework.trends is not None:
            seen = trend(framework.trends, rule, value, target)
    else:
        raise TypeError(f"evidence does not fit its {rule.kind} rule (validate first)")
    colours = sorted({item.colour for item in fired}, key=framework.rank)
    return Reading(tuple(colours), fired, low, high, target, seen)


# A point on a value axis: (value, nudge), the nudge +1 just above the value, -1 just below it
# (the excluded end of a range). An open end is an infinity.
Point = tuple[Decimal, int]
INFINITY = Decimal("Infinity")
BEYOND = (INFINITY, 0)  # a value of zero or less achieves a lower-is-better target beyond any percent


def reaches(point: Point, edge: Decimal, inclusive: bool) -> bool:
    """The point is past the edge, or on it where the edge belongs to the band it opens."""
    return point >= (edge, 0 if inclusive else 1)


def ends(amount: AmountEvidence) -> tuple[Point, Point]:
    """The amount's low and high ends; an open end is an infinity."""
    low = (-INFINITY, 1) if amount.low is None else (amount.low, 1 if amount.low_excluded else 0)
    high = (INFINITY, -1) if amount.high is None else (amount.high, -1 if amount.high_excluded else 0)
    return low, high


# -- amount and checklist bands: by lower bound, lowest first ---------------------------------
def band_index(bands: tuple[Band, ...], value: Decimal, nudge: int = 0) -> int:
    """The band a value falls in: the last whose lower bound the value reaches."""
    found = (i for i, b in enumerate(bands) if b.minimum is None or reaches((value, nudge), b.minimum, b.inclusive))
    return max(found, default=0)


def amount_bands(bands: tuple[Band, ...], value: AmountEvidence) -> tuple[Band, ...]:
    """Every band the amount touches; an open end reaches the first or the last band."""
    low, high = ends(value)
    return bands[band_index(bands, *low) : band_index(bands, *high) + 1]


# -- target bands: from the one that meets the goal outwards ----------------------------------
def target_bands(rule: TargetRule, amount: AmountEvidence, target: Decimal) -> tuple[TargetBand, ...]:
    """Every band the amount touches: those of its two ends, and all between."""
    points = [measured(rule, end, target) for end in ends(amount)]
    if rule.direction == "within":  # the deviation from the target, either way
        centre = Decimal(100) if rule.measure == "percent" else Decimal(0)
        low, high = ((value - centre, nudge) for value, nudge in points)
        points = [p if p >= (Decimal(0), 0) else (-p[0], -p[1]) for p in (low, high)]
        if low < (Decimal(0), 0) < high:  # the range holds the target itself
            points.append((Decimal(0), 0))
    found = [target_band_at(rule, point) for point in points]
    return rule.bands[min(found) : max(found) + 1]


def measured(rule: TargetRule, point: Point, target: Decimal) -> Point:
    """A value as the bands read it: percent of the target, percent achieved (target ÷ value), or distance."""
    value, nudge = point
    if rule.measure == "achieved" and rule.direction == "lower":
        return BEYOND if value <= 0 else (target / value * 100, -nudge)
    return (value - target if rule.measure == "distance" else value / target * 100, nudge)


def target_band_at(rule: TargetRule, point: Point) -> int:
    """The first band whose limit the point reaches: at least the limit for a rising rule, else at most."""
    sign = 1 if rule.rising else -1
    point = (sign * point[0], sign * point[1])
    reached = (b.limit is None or reaches(point, sign * b.limit, b.inclusive) for b in rule.bands)
    return next((i for i, hit in enumerate(reached) if hit), len(rule.bands) - 1)


# -- margins: how far a cell's evidence is from the next colour, better and worse, in the rule's direction
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


# -- trends from a target's series, as the SDG dashboards rate progress: the ratio of the observed annual change
# to the one needed to reach the target by its year picks the first level whose `at-least` it reaches; at or
# past the target: maintaining achievement; too few values: no data.
class Trend(NamedTuple):
    level: TrendLevel
    used: tuple[Observation, ...] = ()  # the values in the window, oldest first
    observed: Decimal | None = None  # the annual change seen, in the rule's unit per year
    needed: Decimal | None = None  # the annual change that reaches the target by the target year
    ratio: Decimal | None = None  # observed ÷ needed
    target: Decimal | None = None
    by: int = 0
    inputs: tuple[str, ...] = ()  # a combined trend: the inputs it came from


def years_left(by: int, time: Decimal) -> Decimal:
    """The years from a value to the target year, at least one: the divisor of the change needed."""
    return max(Decimal(by) - time, Decimal(1))


def point(observation: Observation) -> Decimal | None:
    """A series value as one figure: a range's middle; None for an open-ended one."""
    low, high = observation.amount.low, observation.amount.high
    return None if low is None or high is None else (low + high) / 2


def trend(trends: Trends, rule: TargetRule, value: TargetEvidence, target: Decimal) -> Trend | None:
    """The trend of one series; None when the rule declares no trend."""
    if rule.trend is None:
        return None
    series = [o for o in value.series if point(o) is not None]
    if not series:
        return Trend(trends.no_data, target=target, by=rule.trend.by)
    latest = series[-1]
    used = tuple(o for o in series if o.time >= latest.time - rule.trend.window)
    last = point(latest)
    assert last is not None
    if last >= target if rule.direction == "higher" else last <= target:  # reached
        return Trend(trends.achieved, used, target=target, by=rule.trend.by)
    if len(used) < max(rule.trend.minimum, 2) or used[0].time == latest.time:
        return Trend(trends.no_data, used, target=target, by=rule.trend.by)
    first = point(used[0])
    assert first is not None
    observed = (last - first) / (latest.time - used[0].time)
    needed = (target - last) / years_left(rule.trend.by, latest.time)
    ratio = observed / needed  # needed is not zero: the target is not reached
    level = next((lv for lv in trends.levels if lv.at_least is not None and ratio >= lv.at_least), trends.levels[-1])
    return Trend(level, used, observed, needed, ratio, target, rule.trend.by)


def combined(trends: Trends | None, how: str, given: list[tuple[str, Trend | None]]) -> Trend | None:
    """A goal's (or an area's) trend from its inputs': `mean` of their places rounded to the worse,
    `worst` or `best`; inputs with no data are left out. None without `how` or trends."""
    if not how or trends is None:
        return None
    place = {trends.achieved.id: 0, **{lv.id: i for i, lv in enumerate(trends.levels)}}
    seen = [(name, place.get(t.level.id)) for name, t in given if t is not None]
    counted = [(name, p) for name, p in seen if p is not None]
    if not counted:
        return Trend(trends.no_data) if seen else None
    values = [p for _, p in counted]
    index = {"worst": max(values), "best": min(values)}.get(how, math.ceil(sum(values) / len(values)))
    return Trend(trends.levels[index], inputs=tuple(name for name, _ in counted))


def trend_id(found: Trend | None) -> str:
    """The level of a trend, '' for none: what `diff` compares."""
    return found.level.id if found is not None else ""
