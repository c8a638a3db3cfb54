"""A framework file (criteria/*.yaml) → Framework: the colour scale and the drivers' rules."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from veikart_cli.model.amounts import AmountError, parse_amount
from veikart_cli.model.reading import Reader
from veikart_cli.model.types import (
    RULE_KINDS,
    AmountRule,
    Band,
    ChecklistRule,
    Colour,
    Document,
    Driver,
    Element,
    Framework,
    Level,
    LevelRule,
    Rule,
    Unit,
)
from veikart_cli.problems import Problems
from veikart_cli.syntax.nodes import Mapping, Node

_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
_FACTOR = re.compile(r"^\d{1,3}(?: \d{3})*$|^\d+$")


def read_framework(root: Node, path: str, problems: Problems) -> Framework | None:
    reader = Reader(problems)
    top = reader.mapping(root, "a framework file")
    if top is None:
        return None
    fields = reader.fields(
        top,
        "the framework",
        ("id", "title", "languages", "scale", "drivers"),
        ("source", "caveat", "horizon"),
    )
    languages = reader.texts(fields.get("languages"), "language")
    reader.languages = languages
    scale = tuple(c for c in (read_colour(reader, n) for n in reader.sequence(fields.get("scale"), "scale")) if c)
    colours = tuple(c.id for c in scale)
    drivers = tuple(
        d for d in (read_driver(reader, n, colours) for n in reader.sequence(fields.get("drivers"), "drivers")) if d
    )
    framework_id = reader.ident(fields.get("id"), "framework id")
    title = reader.local(fields.get("title"), "title")
    if framework_id is None or title is None or not languages or not scale or not drivers:
        if not problems.has_errors:
            problems.error(top.loc, "incomplete-framework", "the framework needs languages, a scale and drivers")
        return None
    return Framework(
        id=framework_id,
        title=title,
        languages=languages,
        scale=scale,
        drivers=drivers,
        path=path,
        source=read_document(reader, fields.get("source")),
        caveat=reader.local(fields.get("caveat"), "caveat", prose=True),
        horizon=reader.local(fields.get("horizon"), "horizon", prose=True),
    )


def read_document(reader: Reader, node: Node | None) -> Document | None:
    top = reader.mapping(node, "source")
    if top is None:
        return None
    f = reader.fields(
        top,
        "the source",
        ("id", "title"),
        ("number", "date", "authors", "publisher", "commissioned_by", "url"),
    )
    doc_id, title = reader.ident(f.get("id"), "source id"), reader.text(f.get("title"), "source title")
    if doc_id is None or title is None:
        return None
    return Document(
        id=doc_id,
        title=title,
        number=reader.text(f.get("number"), "report number") or "",
        date=reader.text(f.get("date"), "date") or "",
        authors=reader.texts(f.get("authors"), "author"),
        publisher=reader.text(f.get("publisher"), "publisher") or "",
        commissioned_by=reader.text(f.get("commissioned_by"), "commissioned_by") or "",
        url=reader.text(f.get("url"), "url") or "",
    )


def read_colour(reader: Reader, node: Node) -> Colour | None:
    top = reader.mapping(node, "a colour")
    if top is None:
        return None
    f = reader.fields(top, "a colour", ("id", "label", "symbol", "background"))
    colour_id = reader.ident(f.get("id"), "colour id")
    label = reader.local(f.get("label"), "label")
    symbol = reader.text(f.get("symbol"), "symbol")
    background = reader.text(f.get("background"), "background")
    if background is not None and not _HEX.match(background):
        reader.problems.error(
            f["background"].loc,
            "bad-colour",
            f"background '{background}' is not a colour",
            "write it as '#rrggbb', quoted, e.g. \"#1a7f37\"",
        )
        background = None
    if colour_id is None or label is None or symbol is None or background is None:
        return None
    return Colour(colour_id, label, symbol, background)


def read_driver(reader: Reader, node: Node, colours: tuple[str, ...]) -> Driver | None:
    top = reader.mapping(node, "a driver")
    if top is None:
        return None
    f = reader.fields(top, "a driver", ("id", "name", "question", "rule"), ("short", "aliases"))
    driver_id = reader.ident(f.get("id"), "driver id")
    name = reader.local(f.get("name"), "driver name")
    question = reader.local(f.get("question"), "question", prose=True)
    rule = read_rule(reader, f.get("rule"), colours)
    if driver_id is None or name is None or question is None or rule is None:
        return None
    return Driver(
        id=driver_id,
        name=name,
        question=question,
        rule=rule,
        loc=top.loc,
        short=reader.local(f.get("short"), "short name"),
        aliases=reader.texts(f.get("aliases"), "alias"),
    )


def read_rule(reader: Reader, node: Node | None, colours: tuple[str, ...]) -> Rule | None:
    top = reader.mapping(node, "rule")
    if top is None:
        return None
    kind_node = next((v for k, v in top.items if k.text == "kind"), None)
    kind = reader.choice(kind_node, "rule kind", RULE_KINDS, "unknown-rule-kind")
    if kind_node is None:
        reader.problems.error(top.loc, "missing-key", "a rule needs 'kind' (one of: " + ", ".join(RULE_KINDS) + ")")
    if kind == "amount":
        return read_amount_rule(reader, top, colours)
    if kind == "checklist":
        return read_checklist_rule(reader, top, colours)
    if kind == "level":
        return read_level_rule(reader, top, colours)
    return None


def read_amount_rule(reader: Reader, top: Mapping, colours: tuple[str, ...]) -> AmountRule | None:
    f = reader.fields(top, "an amount rule", ("kind", "unit", "units", "bands"))
    unit = reader.text(f.get("unit"), "unit")
    units = read_units(reader, f.get("units"))
    if not units:
        return None

    def bound(node: Node) -> Decimal | None:
        text = reader.text(node, "band bound")
        if text is None:
            return None
        try:
            return parse_amount(text, units)[0]
        except AmountError as err:
            reader.problems.error(node.loc, "bad-amount", str(err), err.hint)
            return None

    bands = read_bands(reader, f.get("bands"), colours, bound)
    if unit is None or not bands:
        return None
    return AmountRule(unit=unit, units=units, bands=bands)


def read_units(reader: Reader, node: Node | None) -> tuple[Unit, ...]:
    top = reader.mapping(node, "units")
    if top is None:
        return ()
    units = []
    for key, value in top.items:
        factor = reader.text(value, f"factor of '{key.text}'", own_type=True)
        if factor is None:
            continue
        if not _FACTOR.match(factor) or int(factor.replace(" ", "")) == 0:
            reader.problems.error(
                value.loc,
                "bad-factor",
                f"factor '{factor}' of unit '{key.text}' is not a whole number",
                "write it in full, e.g. '1 000 000' for millions",
            )
            continue
        units.append(Unit(key.text, Decimal(factor.replace(" ", ""))))
    return tuple(units)


def read_checklist_rule(reader: Reader, top: Mapping, colours: tuple[str, ...]) -> ChecklistRule | None:
    f = reader.fields(top, "a checklist rule", ("kind", "elements", "bands"))
    elements = tuple(e for e in (read_element(reader, n) for n in reader.sequence(f.get("elements"), "elements")) if e)

    def bound(node: Node) -> Decimal | None:
        text = reader.text(node, "band bound", own_type=True)
        if text is not None and text.isdigit():
            return Decimal(text)
        if text is not None:
            reader.problems.error(node.loc, "bad-count", f"'{text}' is not a count", "write a whole number, e.g. 2")
        return None

    bands = read_bands(reader, f.get("bands"), colours, bound)
    if not elements or not bands:
        return None
    return ChecklistRule(elements=elements, bands=bands)


def read_element(reader: Reader, node: Node) -> Element | None:
    top = reader.mapping(node, "an element")
    if top is None:
        return None
    f = reader.fields(top, "an element", ("id", "name"), ("aliases",))
    element_id, name = reader.ident(f.get("id"), "element id"), reader.local(f.get("name"), "element name")
    if element_id is None or name is None:
        return None
    return Element(element_id, name, reader.texts(f.get("aliases"), "alias"))


def read_bands(
    reader: Reader, node: Node | None, colours: tuple[str, ...], bound: Callable[[Node], Decimal | None]
) -> tuple[Band, ...]:
    bands = []
    for item in reader.sequence(node, "bands"):
        top = reader.mapping(item, "a band")
        if top is None:
            continue
        f = reader.fields(top, "a band", ("colour", "criterion"), ("from",))
        colour = reader.choice(f.get("colour"), "colour", colours, "unknown-colour")
        criterion = reader.local(f.get("criterion"), "criterion", prose=True)
        minimum = bound(f["from"]) if "from" in f else None
        if colour is None or criterion is None or ("from" in f and minimum is None):
            continue
        bands.append(Band(colour, minimum, criterion, top.loc))
    return tuple(bands)


def read_level_rule(reader: Reader, top: Mapping, colours: tuple[str, ...]) -> LevelRule | None:
    f = reader.fields(top, "a level rule", ("kind", "levels"))
    levels = []
    for item in reader.sequence(f.get("levels"), "levels"):
        level = reader.mapping(item, "a level")
        if level is None:
            continue
        lf = reader.fields(level, "a level", ("id", "colour", "criterion"))
        level_id = reader.ident(lf.get("id"), "level id")
        colour = reader.choice(lf.get("colour"), "colour", colours, "unknown-colour")
        criterion = reader.local(lf.get("criterion"), "criterion", prose=True)
        if level_id is not None and colour is not None and criterion is not None:
            levels.append(Level(level_id, colour, criterion, level.loc))
    return LevelRule(tuple(levels)) if levels else None
