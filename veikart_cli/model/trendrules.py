"""The framework's trend declarations: `trends:` (the levels), `max-age:`, and a target rule's
`trend: {window: …, by: …}`. Problems are `bad-trend`, located, with a hint."""

from __future__ import annotations

import re

from veikart_cli.model.amounts import AmountError, parse_single
from veikart_cli.model.reading import Reader
from veikart_cli.model.types import (
    PERCENT,
    Combination,
    CompositeRule,
    Driver,
    TargetRule,
    TrendLevel,
    TrendRule,
    Trends,
    simple_rules,
)
from veikart_cli.syntax.nodes import Node

_COUNT = re.compile(r"^[0-9]{1,4}$")
TREND_KEYS = ("trends", "max-age", "series-missing")  # beside 'scale' in the framework


def read_years(reader: Reader, node: Node | None, what: str, least: int = 1) -> int | None:
    text = reader.text(node, what, own_type=True)
    if text is None:
        return None
    if not _COUNT.match(text) or int(text) < least:
        assert node is not None
        reader.error(node, "bad-trend", f"{what} '{text}' is not a whole number of years", "e.g. 5")
        return None
    return int(text)


def read_trend_level(reader: Reader, node: Node | None, at_least: bool = False) -> TrendLevel | None:
    """A level; `at_least`: one that may end at `at-least` (not the last, nor achieved or no-data)."""
    top = reader.mapping(node, "a trend level")
    if top is None:
        return None
    f = reader.fields(top, "a trend level", ("id", "label", "symbol"), ("at-least",) if at_least else ())
    level_id = reader.ident(f.get("id"), "trend level id")
    label = reader.local(f.get("label"), "label")
    symbol = reader.text(f.get("symbol"), "symbol")
    share = None
    if "at-least" in f:
        text = reader.text(f["at-least"], "at-least", own_type=True)
        try:
            share = parse_single(text or "", PERCENT) / 100
        except AmountError as err:
            reader.error(f["at-least"], "bad-trend", str(err), "e.g. 'at-least: 50 %'")
            return None
    if level_id is None or label is None or symbol is None:
        return None
    return TrendLevel(level_id, label, symbol, share, reader.loc(top))


def read_trends(reader: Reader, node: Node | None) -> Trends | None:
    """`trends: {levels: [...], achieved: {...}, no-data: {...}}`: best level first; each but the
    last ends at `at-least` (a share of the needed annual change), lower than the one before."""
    top = reader.mapping(node, "trends")
    if top is None:
        return None
    f = reader.fields(top, "trends", ("levels", "achieved", "no-data"))
    nodes = reader.sequence(f.get("levels"), "levels")
    levels: list[TrendLevel] = []
    for i, item in enumerate(nodes):
        last = i == len(nodes) - 1
        level = read_trend_level(reader, item, at_least=not last)
        if level is None:
            continue
        if level.at_least is None and not last:  # the last may not have one (an unknown key)
            reader.problems.error(
                level.loc,
                "bad-trend",
                "every trend level but the last needs 'at-least', and the last takes the rest",
                "e.g. '{id: on-track, …, at-least: 100 %}', and the last '{id: decreasing, …}'",
            )
            return None
        earlier = levels[-1].at_least if levels else None
        if earlier is not None and level.at_least is not None and level.at_least >= earlier:
            reader.problems.error(
                level.loc,
                "bad-trend",
                "trend levels are listed best first: each 'at-least' lower than the one before",
                "order them on track, moderately improving, stagnating, decreasing",
            )
            return None
        levels.append(level)
    achieved = read_trend_level(reader, f.get("achieved"))
    no_data = read_trend_level(reader, f.get("no-data"))
    if len(levels) < 2 or achieved is None or no_data is None:
        if len(levels) < 2 and nodes and not reader.problems.has_errors:
            reader.error(top, "bad-trend", "trends need two levels or more")
        return None
    ids = [lv.id for lv in (*levels, achieved, no_data)]
    twice = min((i for i in ids if ids.count(i) > 1), default=None)
    if twice:
        reader.error(top, "bad-trend", f"trend level '{twice}' is declared twice", "give each level its own id")
        return None
    return Trends(tuple(levels), achieved, no_data)


def read_trend_rule(reader: Reader, node: Node | None, direction: str | None) -> TrendRule | None:
    """A target rule's `trend: {window: 5, by: 2030, minimum: 2}`."""
    top = reader.mapping(node, "trend")
    if top is None:
        return None
    f = reader.fields(top, "trend", ("window", "by"), ("minimum",))
    window = read_years(reader, f.get("window"), "window")
    by = read_years(reader, f.get("by"), "by", least=1000)
    minimum = read_years(reader, f["minimum"], "minimum", least=2) if "minimum" in f else 2
    if direction == "within":
        reader.error(
            top,
            "bad-trend",
            "a trend needs a way to the target: 'direction: higher' or 'lower', not 'within'",
            "remove 'trend', or score the indicator with direction higher or lower",
        )
        return None
    if window is None or by is None or minimum is None:
        return None
    return TrendRule(window, by, reader.loc(top), minimum)


def check_trends(
    reader: Reader, drivers: tuple[Driver, ...], trends: Trends | None, overall: Combination | None = None
) -> None:
    """A rule or a combination with a trend needs the framework's trend levels."""
    if trends is not None:
        return
    composites = [d.rule.combine for d in drivers if isinstance(d.rule, CompositeRule)]
    found = [(c.loc, f"'trend: {c.trend}' combines trends") for c in (*composites, overall) if c and c.trend]
    targets = [(d, r) for d in drivers for r in simple_rules(d.rule) if isinstance(r, TargetRule)]
    found += [(r.trend.loc, f"driver '{d.id}' has a trend") for d, r in targets if r.trend]
    if found:
        reader.problems.error(
            found[0][0],
            "bad-trend",
            f"{found[0][1]}, but the framework declares no trend levels",
            "declare 'trends: {levels: […], achieved: {…}, no-data: {…}}' beside 'scale:'",
        )
