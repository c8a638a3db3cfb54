"""How the colours of several inputs combine into one (a composite's parts, an area's overall),
and the framework's trend declarations."""

from __future__ import annotations

import re
from decimal import Decimal

from veikart_cli.model.amounts import AmountError, parse_single
from veikart_cli.model.reading import Reader, suggest
from veikart_cli.model.types import (
    COMBINATIONS,
    PERCENT,
    ROUNDINGS,
    SKIP,
    TREND_COMBINATIONS,
    Combination,
    CompositeRule,
    Driver,
    TargetRule,
    TrendLevel,
    TrendRule,
    Trends,
    Veto,
    kept,
    simple_rules,
)
from veikart_cli.syntax.nodes import Mapping, Node

# ASCII digits only ('\d' takes '٣' and '𝟑', and str.isdigit() '²', which Decimal() refuses).
_NUMBER = re.compile(r"^-?[0-9]{1,15}(?:[.,][0-9]{1,9})?$")
COUNT = re.compile(r"^[0-9]{1,9}$")
_YEARS = re.compile(r"^[0-9]{1,4}$")
COMBINATION_KEYS = ("weights", "majority", "veto", "worst", "round", "states", "trend")
_ONLY_WITH = {"weights": "weighted", "majority": "weighted", "worst": "mean-of-worst", "round": "mean-of-worst"}
TREND_KEYS = ("trends", "max-age", "series-missing")  # beside 'scale' in the framework


def read_combination(
    reader: Reader,
    node: Node | None,
    what: str,
    inputs: tuple[str, ...],
    colours: tuple[str, ...],
    noun: str,
    states: tuple[str, ...],
) -> Combination | None:
    """`combine` and the keys of COMBINATION_KEYS: how the colours of several inputs (each a `noun`)
    become one, and what an input in a state counts as."""
    top = reader.mapping(node, what)
    if top is None:
        return None
    if what == "overall":
        f = reader.fields(top, "overall", ("combine",), COMBINATION_KEYS)
    else:
        f = {k.value: v for k, v in reader.pairs(top)}
    method = reader.choice(f.get("combine"), "combination", COMBINATIONS, "unknown-combination")
    if method is None:
        return None
    for key, only in _ONLY_WITH.items():
        if key in f and method != only:
            reader.warning(f[key], "unused-key", f"'{key}' counts only with 'combine: {only}'", "remove it")
    code = "unknown-part" if noun == "part" else "unknown-driver"  # an input that is not one
    weights = read_weights(reader, f.get("weights"), inputs, noun, code)
    majority = read_majority(reader, f.get("majority")) or Decimal("0.5")
    if method == "weighted":
        given = f.get("weights")
        named = {k.value for k, _ in reader.pairs(given)} if isinstance(given, Mapping) else set()
        missing = [i for i in inputs if i not in named]
        if given is None or (missing and weights):
            reader.error(
                top if given is None else given,
                "missing-weight",
                f"a weighted combination needs a weight for every {noun}"
                + ("" if given is None else ": " + ", ".join(f"'{m}'" for m in missing)),
                "e.g. 'weights: {" + ", ".join(f"{i}: 1" for i in inputs[:3]) + "}'",
            )
    worst, rounding = 0, "worse"
    if method == "mean-of-worst":
        if "worst" not in f:
            reader.error(
                top,
                "missing-key",
                f"'combine: mean-of-worst' needs 'worst': how many of the worst {noun}s count",
                "e.g. 'worst: 2' for the colour of the two worst, as the SDG dashboards take a goal's",
            )
        # without a count the rule is kept (as the worst), so the drivers and areas that use it
        # read on and show no further problems; the error stops validation before scoring
        text = reader.text(f.get("worst"), "worst", own_type=True) or "1"
        worst = int(text) if COUNT.match(text) else 0
        if worst < 1:
            reader.error(
                f["worst"],
                "bad-count",
                f"worst '{text}' is not a count of {noun}s",
                "write a whole number of one or more, e.g. 2",
            )
            worst = 1
        rounding = reader.choice(f.get("round"), "rounding", ROUNDINGS, "unknown-rounding") or rounding
    vetoes = kept(
        read_veto(reader, v, inputs, colours, noun, code) for v in reader.mappings(f.get("veto"), "veto", "a veto")
    )
    counted = read_state_counts(reader, f.get("states"), colours, states)
    trend = reader.choice(f.get("trend"), "trend", TREND_COMBINATIONS, "bad-trend") or ""
    return Combination(method, reader.loc(top), weights, majority, vetoes, worst, rounding, counted, trend)


def read_state_counts(
    reader: Reader, node: Node | None, colours: tuple[str, ...], states: tuple[str, ...]
) -> tuple[tuple[str, str], ...]:
    """`states: {no-data: skip, not-assessed: red}`: a state left out, or counted as a colour."""
    top = reader.mapping(node, "states")
    counted = []
    for key, value in reader.pairs(top) if top else ():
        if key.value not in states:
            reader.error(
                key,
                "unknown-state",
                f"no state '{key.value}' in the framework's 'states'",
                suggest(key.value, states) if states else "declare it under 'states:' beside 'scale:'",
            )
            continue
        choice = reader.choice(value, "colour", (SKIP, *colours), "unknown-colour")
        if choice is not None:
            counted.append((key.value, choice))
    return tuple(counted)


def read_weights(
    reader: Reader, node: Node | None, inputs: tuple[str, ...], noun: str, code: str
) -> tuple[tuple[str, Decimal], ...]:
    top = reader.mapping(node, "weights")
    if top is None:
        return ()
    weights = []
    for key, value in reader.pairs(top):
        if key.value not in inputs:
            reader.error(key, code, f"no {noun} '{key.value}' to weigh", suggest(key.value, inputs))
            continue
        text = reader.text(value, f"weight of '{key.value}'", own_type=True)
        if text is None:
            continue
        if not _NUMBER.match(text) or Decimal(text.replace(",", ".")) < 0:
            reader.error(
                value,
                "bad-weight",
                f"weight '{text}' of '{key.value}' is not a number of zero or more",
                "e.g. 2 or 0,5",
            )
            continue
        weights.append((key.value, Decimal(text.replace(",", "."))))
    if weights and sum(w for _, w in weights) == 0:
        reader.error(top, "bad-weight", "the weights add up to zero", "give at least one weight above zero")
        return ()
    return tuple(weights)


def read_majority(reader: Reader, node: Node | None) -> Decimal | None:
    """'60 %' or a share such as 0,6."""
    text = reader.text(node, "majority", own_type=True)
    if text is None or node is None:
        return None
    plain = text.replace(" ", "").replace(",", ".")
    number = plain.rstrip("%")
    if not _NUMBER.match(number):
        reader.error(node, "bad-majority", f"majority '{text}' is not a share", "write e.g. '60 %' or 0,6")
        return None
    share = Decimal(number) / 100 if plain.endswith("%") else Decimal(number)
    if share > 1:
        reader.error(
            node,
            "unreachable-majority",
            f"majority '{text}' is more than all the weight: no area can reach any colour",
            "give a share of at most 100 %",
        )
        return None
    if share <= 0:
        reader.error(node, "bad-majority", f"majority '{text}' must be above zero", "e.g. '60 %'")
        return None
    return share


def read_veto(
    reader: Reader, top: Mapping, inputs: tuple[str, ...], colours: tuple[str, ...], noun: str, code: str
) -> Veto | None:
    f = reader.fields(top, "a veto", (noun, "at"), ("caps",))
    who = reader.choice(f.get(noun), noun, inputs, code)
    at = reader.choice(f.get("at"), "colour", colours, "unknown-colour")
    caps = reader.choice(f.get("caps"), "colour", colours, "unknown-colour") if "caps" in f else at
    if who is None or at is None or caps is None:
        return None
    return Veto(who, at, caps, reader.loc(top))


def read_years(reader: Reader, node: Node | None, what: str, least: int = 1) -> int | None:
    text = reader.text(node, what, own_type=True)
    if text is None:
        return None
    if not _YEARS.match(text) or int(text) < least:
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
