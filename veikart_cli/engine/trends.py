"""Trends from an indicator's series, as the SDG dashboards rate progress. Pure. The ratio of the
observed annual change to the one needed to reach the target by its year picks the first level whose
`at-least` it reaches; at or past the target: maintaining achievement; too few values: no data."""

from __future__ import annotations

import math
from decimal import Decimal
from typing import NamedTuple

from veikart_cli.model.evidence import Observation, TargetEvidence
from veikart_cli.model.types import TargetRule, TrendLevel, Trends


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
