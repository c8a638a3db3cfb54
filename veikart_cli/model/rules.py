"""A driver's rule in a framework file: amounts, checklists, levels, targets and composites."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from veikart_cli.model.amounts import parse_single
from veikart_cli.model.combinations import COMBINATION_KEYS, COUNT, read_combination, read_trend_rule
from veikart_cli.model.reading import Reader
from veikart_cli.model.types import (
    DIRECTIONS,
    MEASURES,
    PERCENT,
    RELATIVE_MEASURES,
    RULE_KINDS,
    AmountRule,
    Band,
    ChecklistRule,
    CompositeRule,
    Element,
    Level,
    LevelRule,
    Part,
    Rule,
    TargetBand,
    TargetRule,
    Unit,
    kept,
)
from veikart_cli.syntax.nodes import Mapping, Node

# ASCII digits only ('\d' takes '٣' and '𝟑', and str.isdigit() '²', which Decimal() refuses).
_FACTOR = re.compile(r"^(?:[0-9]{1,3}(?: [0-9]{3})+|[0-9]{1,18})(?:[.,][0-9]{1,9})?$")


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
    elements = kept(read_element(reader, e) for e in reader.mappings(f.get("elements"), "elements", "an element"))

    def bound(node: Node) -> Decimal | None:
        text = reader.text(node, "band bound", own_type=True)
        if text is not None and COUNT.match(text):
            return Decimal(text)
        if text is not None:
            reader.error(node, "bad-count", f"'{text}' is not a count", "write a whole number, e.g. 2")
        return None

    bands = read_bands(reader, f.get("bands"), colours, bound)
    if not elements or not bands:
        return None
    return ChecklistRule(elements=elements, bands=bands)


def read_element(reader: Reader, top: Mapping) -> Element | None:
    f = reader.fields(top, "an element", ("id", "name"), ("aliases",))
    element_id, name = reader.ident(f.get("id"), "element id"), reader.local(f.get("name"), "element name")
    if element_id is None or name is None:
        return None
    return Element(element_id, name, reader.texts(f.get("aliases"), "alias"))


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
    """`fits`: the limit keys that fit the rule (edge kept, edge left out); `way`: the rule's
    direction and measure, as a message names them."""
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
    reader: Reader, top: Mapping, colours: tuple[str, ...], states: tuple[str, ...] = ()
) -> CompositeRule | None:
    f = reader.fields(top, "a composite rule", ("kind", "combine", "parts"), COMBINATION_KEYS)
    parts = []
    for part in reader.mappings(f.get("parts"), "parts", "a part"):
        pf = reader.fields(part, "a part", ("id", "name", "rule"))
        part_id = reader.ident(pf.get("id"), "part id")
        name = reader.local(pf.get("name"), "part name")
        rule = read_rule(reader, pf.get("rule"), colours, tuple(k for k in RULE_KINDS if k != "composite"))
        if part_id is not None and name is not None and rule is not None:
            assert not isinstance(rule, CompositeRule)
            parts.append(Part(part_id, name, rule, reader.loc(part)))
    ids = tuple(p.id for p in parts)
    combine = read_combination(reader, top, "a composite rule", ids, colours, "part", states)
    if not parts or combine is None:
        return None
    return CompositeRule(tuple(parts), combine)
