"""A driver's rule in a framework file (amounts, checklists, levels, targets, composites), and how
the colours of several inputs combine into one (a composite's parts, an area's overall)."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from veikart_cli.model.amounts import parse_single
from veikart_cli.model.reading import Reader, suggest
from veikart_cli.model.types import (
    COMBINATIONS,
    DIRECTIONS,
    MEASURES,
    PERCENT,
    RELATIVE_MEASURES,
    ROUNDINGS,
    RULE_KINDS,
    SKIP,
    TREND_COMBINATIONS,
    AmountRule,
    Band,
    ChecklistRule,
    Combination,
    CompositeRule,
    Element,
    Level,
    LevelRule,
    Part,
    Rule,
    TargetBand,
    TargetRule,
    TrendRule,
    Unit,
    Veto,
)
from veikart_cli.syntax.nodes import Mapping, Node

# ASCII digits only ('\d' takes '٣' and '𝟑', and str.isdigit() '²', which Decimal() refuses).
_FACTOR = re.compile(r"^(?:[0-9]{1,3}(?: [0-9]{3})+|[0-9]{1,18})(?:[.,][0-9]{1,9})?$")
_NUMBER = re.compile(r"^-?[0-9]{1,15}(?:[.,][0-9]{1,9})?$")
_COUNT = re.compile(r"^[0-9]{1,9}$")
_YEARS = re.compile(r"^[0-9]{1,4}$")
COMBINATION_KEYS = ("weights", "majority", "veto", "worst", "round", "states", "trend")
_ONLY_WITH = {"weights": "weighted", "majority": "weighted", "worst": "mean-of-worst", "round": "mean-of-worst"}


def read_rule(
    reader: Reader,
    node: Node | None,
    colours: tuple[str, ...],
    kinds: tuple[str, ...] = RULE_KINDS,
    states: tuple[str, ...] = (),
) -> Rule | None:
    top = reader.mapping(node, "rule")
    if top is None:
        return None
    kind_node = next((v for k, v in reader.pairs(top) if k.value == "kind"), None)
    kind = reader.choice(kind_node, "rule kind", kinds, "unknown-rule-kind")
    if kind_node is None:
        reader.error(top, "missing-key", "a rule needs 'kind' (one of: " + ", ".join(kinds) + ")")
    if kind == "composite":
        return read_composite_rule(reader, top, colours, states)
    return _SIMPLE_RULES[kind](reader, top, colours) if kind else None


def read_amount_rule(reader: Reader, top: Mapping, colours: tuple[str, ...]) -> AmountRule | None:
    f = reader.fields(top, "an amount rule", ("kind", "unit", "units", "bands"))
    unit = reader.text(f.get("unit"), "unit")
    units = read_units(reader, f.get("units"))
    if not units:
        return None
    bands = read_bands(
        reader, f.get("bands"), colours, lambda node: reader.amount(node, "band bound", parse_single, units)
    )
    if unit is None or not bands:
        return None
    return AmountRule(unit=unit, units=units, bands=bands)


def read_units(reader: Reader, node: Node | None) -> tuple[Unit, ...]:
    top = reader.mapping(node, "units")
    units = []
    for key, value in reader.pairs(top) if top else ():
        factor = reader.text(value, f"factor of '{key.value}'", own_type=True)
        if factor is None:
            continue
        number = Decimal(factor.replace(" ", "").replace(",", ".")) if _FACTOR.match(factor) else Decimal(0)
        if number == 0:
            reader.error(
                value,
                "bad-factor",
                f"factor '{factor}' of unit '{key.value}' is not a number above zero",
                "write it in full, e.g. '1 000 000' for millions or '0,001' for thousandths",
            )
            continue
        units.append(Unit(key.value, number))
    return tuple(units)


def read_checklist_rule(reader: Reader, top: Mapping, colours: tuple[str, ...]) -> ChecklistRule | None:
    f = reader.fields(top, "a checklist rule", ("kind", "elements", "bands"))
    elements = []
    for element in reader.mappings(f.get("elements"), "elements", "an element"):
        ef = reader.fields(element, "an element", ("id", "name"), ("aliases",))
        element_id, name = reader.ident(ef.get("id"), "element id"), reader.local(ef.get("name"), "element name")
        if element_id is not None and name is not None:
            elements.append(Element(element_id, name, reader.texts(ef.get("aliases"), "alias")))

    def bound(node: Node) -> Decimal | None:
        text = reader.text(node, "band bound", own_type=True)
        if text is not None and _COUNT.match(text):
            return Decimal(text)
        if text is not None:
            reader.error(node, "bad-count", f"'{text}' is not a count", "write a whole number, e.g. 2")
        return None

    bands = read_bands(reader, f.get("bands"), colours, bound)
    if not elements or not bands:
        return None
    return ChecklistRule(elements=tuple(elements), bands=bands)


def read_bands(
    reader: Reader, node: Node | None, colours: tuple[str, ...], bound: Callable[[Node], Decimal | None]
) -> tuple[Band, ...]:
    bands = []
    for top in reader.mappings(node, "bands", "a band"):
        f = reader.fields(top, "a band", ("colour", "criterion"), ("from", "above", "printed"))
        colour = reader.choice(f.get("colour"), "colour", colours, "unknown-colour")
        criterion = reader.local(f.get("criterion"), "criterion", prose=True)
        if "from" in f and "above" in f:
            reader.error(f["above"], "band-bound-twice", "a band starts 'from' a bound or 'above' it, not both")
            continue
        key = "above" if "above" in f else "from"
        minimum = bound(f[key]) if key in f else None
        if colour is None or criterion is None or (key in f and minimum is None):
            continue
        printed = reader.text(f.get("printed"), "printed", prose=True) or ""
        bands.append(Band(colour, minimum, criterion, reader.loc(top), printed, key != "above"))
    return tuple(bands)


def read_level_rule(reader: Reader, top: Mapping, colours: tuple[str, ...]) -> LevelRule | None:
    f = reader.fields(top, "a level rule", ("kind", "levels"))
    levels = []
    for level in reader.mappings(f.get("levels"), "levels", "a level"):
        lf = reader.fields(level, "a level", ("id", "colour", "criterion"), ("printed",))
        level_id = reader.ident(lf.get("id"), "level id")
        colour = reader.choice(lf.get("colour"), "colour", colours, "unknown-colour")
        criterion = reader.local(lf.get("criterion"), "criterion", prose=True)
        if level_id is not None and colour is not None and criterion is not None:
            printed = reader.text(lf.get("printed"), "printed", prose=True) or ""
            levels.append(Level(level_id, colour, criterion, reader.loc(level), printed))
    return LevelRule(tuple(levels)) if levels else None


def read_target_rule(reader: Reader, top: Mapping, colours: tuple[str, ...]) -> TargetRule | None:
    f = reader.fields(
        top, "a target rule", ("kind", "unit", "units", "direction", "bands"), ("measure", "target", "trend")
    )
    unit = reader.text(f.get("unit"), "unit")
    units = read_units(reader, f.get("units"))
    direction = reader.choice(f.get("direction"), "direction", DIRECTIONS, "unknown-direction")
    measure = reader.choice(f.get("measure"), "measure", MEASURES, "unknown-measure") if "measure" in f else "percent"
    target = reader.amount(f.get("target"), "target", parse_single, units) if units else None
    if target is not None and measure in RELATIVE_MEASURES and target <= 0:
        reader.error(
            f["target"],
            "bad-target",
            "a target of zero or less cannot be scored in percent of itself",
            "give a target above zero, or score the distance from it with 'measure: distance', which takes any target",
        )
        # kept, so that areas are not told they lack one: validation stops before scoring
    if measure == "achieved" and direction == "within":
        reader.error(
            f["measure"],
            "bad-measure",
            "'measure: achieved' is the percent of the target achieved, for 'direction: higher' or 'lower'",
            "a value either side of its target is scored by 'measure: percent' or 'measure: distance'",
        )
        measure = "percent"  # read on as percent, so its bands are checked; validation stops before scoring
    if unit is None or not units or direction is None or measure is None:
        return None
    limit_units = PERCENT if measure in RELATIVE_MEASURES else units
    # the band keys that fit: the word says on which side of its limit a band is kept
    fits = ("at-least", "above") if direction == "higher" or measure == "achieved" else ("at-most", "below")
    way = f"direction '{direction}'" + (" measured as 'achieved'" if measure == "achieved" else "")
    bands = read_target_bands(reader, f.get("bands"), colours, fits, limit_units, way)
    if not bands:
        return None
    trend = read_trend_rule(reader, f.get("trend"), direction)
    return TargetRule(unit, units, direction, measure, target, bands, trend)


def read_target_bands(
    reader: Reader,
    node: Node | None,
    colours: tuple[str, ...],
    fits: tuple[str, str],
    units: tuple[Unit, ...],
    way: str,
) -> tuple[TargetBand, ...]:
    """`fits`: the limit keys that fit (edge kept, edge left out); `way`: direction and measure, for messages."""
    every = ("at-least", "above", "at-most", "below")
    bands = []
    for top in reader.mappings(node, "bands", "a band"):
        f = reader.fields(top, "a band", ("colour", "criterion"), every)
        colour = reader.choice(f.get("colour"), "colour", colours, "unknown-colour")
        criterion = reader.local(f.get("criterion"), "criterion", prose=True)
        given = [k for k in every if k in f]
        for key in given:
            if key not in fits:
                reader.error(
                    f[key],
                    "band-direction",
                    f"'{key}' does not fit {way}",
                    f"with {way} a band ends with '{fits[0]}' (edge kept) or '{fits[1]}' (edge left out)",
                )
        if len(given) > 1:
            reader.error(f[given[1]], "band-bound-twice", "a band has one limit")
            continue
        limit = reader.amount(f[given[0]], "band limit", parse_single, units) if given else None
        if colour is None or criterion is None or (given and (limit is None or given[0] not in fits)):
            continue
        bands.append(TargetBand(colour, limit, criterion, reader.loc(top), not given or given[0].startswith("at-")))
    return tuple(bands)


_SIMPLE_RULES: dict[str, Callable[[Reader, Mapping, tuple[str, ...]], Rule | None]] = {
    "amount": read_amount_rule,
    "checklist": read_checklist_rule,
    "level": read_level_rule,
    "target": read_target_rule,
}


def read_composite_rule(
    reader: Reader, top: Mapping, colours: tuple[str, ...], states: tuple[str, ...]
) -> CompositeRule | None:
    f = reader.fields(top, "a composite rule", ("kind", "combine", "parts"), COMBINATION_KEYS)
    parts = []
    for part in reader.mappings(f.get("parts"), "parts", "a part"):
        pf = reader.fields(part, "a part", ("id", "name", "rule"))
        part_id, name = reader.ident(pf.get("id"), "part id"), reader.local(pf.get("name"), "part name")
        rule = read_rule(reader, pf.get("rule"), colours, tuple(k for k in RULE_KINDS if k != "composite"))
        if part_id is not None and name is not None and rule is not None:
            assert not isinstance(rule, CompositeRule)
            parts.append(Part(part_id, name, rule, reader.loc(part)))
    ids = tuple(p.id for p in parts)
    combine = read_combination(reader, top, "a composite rule", ids, colours, "part", states)
    if not parts or combine is None:
        return None
    return CompositeRule(tuple(parts), combine)


def read_combination(
    reader: Reader,
    node: Node | None,
    what: str,
    inputs: tuple[str, ...],
    colours: tuple[str, ...],
    noun: str,
    states: tuple[str, ...],
) -> Combination | None:
    """`combine` and COMBINATION_KEYS: how the colours of inputs (each a `noun`) become one."""
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
        worst = int(text) if _COUNT.match(text) else 0
        if worst < 1:
            reader.error(
                f["worst"],
                "bad-count",
                f"worst '{text}' is not a count of {noun}s",
                "write a whole number of one or more, e.g. 2",
            )
            worst = 1
        rounding = reader.choice(f.get("round"), "rounding", ROUNDINGS, "unknown-rounding") or rounding
    vetoes = []
    for veto in reader.mappings(f.get("veto"), "veto", "a veto"):
        vf = reader.fields(veto, "a veto", (noun, "at"), ("caps",))
        who = reader.choice(vf.get(noun), noun, inputs, code)
        at = reader.choice(vf.get("at"), "colour", colours, "unknown-colour")
        caps = reader.choice(vf.get("caps"), "colour", colours, "unknown-colour") if "caps" in vf else at
        if who is not None and at is not None and caps is not None:
            vetoes.append(Veto(who, at, caps, reader.loc(veto)))
    counted = read_state_counts(reader, f.get("states"), colours, states)
    trend = reader.choice(f.get("trend"), "trend", TREND_COMBINATIONS, "bad-trend") or ""
    return Combination(method, reader.loc(top), weights, majority, tuple(vetoes), worst, rounding, counted, trend)


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
        weight = Decimal(text.replace(",", ".")) if _NUMBER.match(text) else None
        if weight is None or weight < 0:
            reader.error(
                value,
                "bad-weight",
                f"weight '{text}' of '{key.value}' is not a number of zero or more",
                "e.g. 2 or 0,5",
            )
            continue
        weights.append((key.value, weight))
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


def read_years(reader: Reader, node: Node | None, what: str, least: int = 1) -> int | None:
    text = reader.text(node, what, own_type=True)
    if text is None:
        return None
    if not _YEARS.match(text) or int(text) < least:
        assert node is not None
        reader.error(node, "bad-trend", f"{what} '{text}' is not a whole number of years", "e.g. 5")
        return None
    return int(text)


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
