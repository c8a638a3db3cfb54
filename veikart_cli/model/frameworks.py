"""A framework file (criteria/*.yaml) → Framework: the colour scale and the drivers' rules."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from veikart_cli.model.amounts import AmountError, parse_amount
from veikart_cli.model.reading import Reader, suggest
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
    Method,
    MethodGroup,
    Rule,
    Source,
    Term,
    Text,
    Unit,
    WorkingMethods,
)
from veikart_cli.model.words import Word
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
        ("source", "caveat", "horizon", "provenance", "vocabulary", "working_methods", "conventions"),
    )
    languages = reader.texts(fields.get("languages"), "language")
    reader.languages = languages
    scale = tuple(c for c in (read_colour(reader, n) for n in reader.sequence(fields.get("scale"), "scale")) if c)
    colours = tuple(c.id for c in scale)
    drivers = tuple(
        d for d in (read_driver(reader, n, colours) for n in reader.sequence(fields.get("drivers"), "drivers")) if d
    )
    caveat = read_caveat(reader, fields.get("caveat"))
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
        caveat=caveat if isinstance(caveat, Source) else None,
        note=caveat if isinstance(caveat, Text) else None,
        horizon=reader.local(fields.get("horizon"), "horizon", prose=True),
        provenance=reader.local(fields.get("provenance"), "provenance", prose=True),
        vocabulary=read_vocabulary(reader, fields.get("vocabulary")),
        methods=read_methods(reader, fields.get("working_methods")),
        conventions=reader.locals(fields.get("conventions"), "convention"),
    )


def read_caveat(reader: Reader, node: Node | None) -> Source | Text | None:
    """The source's authors on their own assessment: {section, quote}, quoted verbatim.

    Text in the framework's languages (the older form) is read as a note of the data
    set's own, since nothing says whose words it is."""
    if isinstance(node, Mapping) and any(key.text in ("quote", "section") for key, _ in node.items):
        return read_quote(reader, node, "the caveat")
    return reader.local(node, "caveat", prose=True)


def read_quote(reader: Reader, node: Mapping, what: str) -> Source | None:
    f = reader.fields(node, what, ("section", "quote"), ("page",))
    section, quote = reader.text(f.get("section"), "section"), reader.text(f.get("quote"), "quote", prose=True)
    if section is None or quote is None:
        return None
    return Source(section, quote, node.loc, page=reader.text(f.get("page"), "page") or "")


def read_vocabulary(reader: Reader, node: Node | None) -> tuple[Term, ...]:
    """`{lang: {key: word}}`; a word is text, or {one: …, other: …} where it follows a count.
    Which keys exist and what fields they keep is checked with the framework (checks/)."""
    top = reader.mapping(node, "vocabulary")
    if top is None:
        return ()
    terms = []
    for lang, words in top.items:
        if lang.text not in reader.languages:
            reader.problems.error(
                lang.loc,
                "unknown-language",
                f"language '{lang.text}' is not declared in the framework",
                suggest(lang.text, reader.languages),
            )
            continue
        table = reader.mapping(words, f"vocabulary of '{lang.text}'")
        for key, value in table.items if table else ():
            word = read_word(reader, value, key.text)
            if word is not None:
                terms.append(Term(lang.text, key.text, word, key.loc))
    return tuple(terms)


def read_word(reader: Reader, node: Node, key: str) -> Word | None:
    if not isinstance(node, Mapping):
        return reader.text(node, f"word '{key}'")
    f = reader.fields(node, f"word '{key}'", ("one", "other"))
    one, other = reader.text(f.get("one"), f"word '{key}' (one)"), reader.text(f.get("other"), f"word '{key}' (other)")
    return (one, other) if one is not None and other is not None else None


def read_methods(reader: Reader, node: Node | None) -> WorkingMethods | None:
    top = reader.mapping(node, "working_methods")
    if top is None:
        return None
    f = reader.fields(top, "working_methods", ("title", "section", "groups"))
    title, section = reader.local(f.get("title"), "title"), reader.text(f.get("section"), "section")
    groups = tuple(g for g in (read_group(reader, n) for n in reader.sequence(f.get("groups"), "groups")) if g)
    if title is None or section is None or not groups:
        return None
    return WorkingMethods(title, section, groups, top.loc)


def read_group(reader: Reader, node: Node) -> MethodGroup | None:
    top = reader.mapping(node, "a group of methods")
    if top is None:
        return None
    f = reader.fields(top, "a group of methods", ("id", "name", "section", "methods"), ("about",))
    group_id, name = reader.ident(f.get("id"), "group id"), reader.local(f.get("name"), "group name")
    section = reader.text(f.get("section"), "section")
    methods = tuple(
        m for m in (read_method(reader, n, section or "") for n in reader.sequence(f.get("methods"), "methods")) if m
    )
    if group_id is None or name is None or section is None or not methods:
        return None
    about = reader.local(f.get("about"), "about", prose=True)
    return MethodGroup(group_id, name, section, methods, top.loc, about)


def read_method(reader: Reader, node: Node, section: str) -> Method | None:
    top = reader.mapping(node, "a method")
    if top is None:
        return None
    f = reader.fields(top, "a method", ("name", "description"), ("quote",))
    name = reader.local(f.get("name"), "method name")
    description = reader.local(f.get("description"), "description", prose=True)
    quote = reader.text(f.get("quote"), "quote", prose=True)
    if name is None or description is None:
        return None
    source = Source(section, quote, f["quote"].loc) if quote is not None else None
    return Method(name, description, top.loc, source)


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
    f = reader.fields(top, "a driver", ("id", "name", "question", "rule"), ("short", "aliases", "question_printed"))
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
        question_printed=reader.text(f.get("question_printed"), "question_printed", prose=True) or "",
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
        f = reader.fields(top, "a band", ("colour", "criterion"), ("from", "printed"))
        colour = reader.choice(f.get("colour"), "colour", colours, "unknown-colour")
        criterion = reader.local(f.get("criterion"), "criterion", prose=True)
        minimum = bound(f["from"]) if "from" in f else None
        if colour is None or criterion is None or ("from" in f and minimum is None):
            continue
        printed = reader.text(f.get("printed"), "printed", prose=True) or ""
        bands.append(Band(colour, minimum, criterion, top.loc, printed))
    return tuple(bands)


def read_level_rule(reader: Reader, top: Mapping, colours: tuple[str, ...]) -> LevelRule | None:
    f = reader.fields(top, "a level rule", ("kind", "levels"))
    levels = []
    for item in reader.sequence(f.get("levels"), "levels"):
        level = reader.mapping(item, "a level")
        if level is None:
            continue
        lf = reader.fields(level, "a level", ("id", "colour", "criterion"), ("printed",))
        level_id = reader.ident(lf.get("id"), "level id")
        colour = reader.choice(lf.get("colour"), "colour", colours, "unknown-colour")
        criterion = reader.local(lf.get("criterion"), "criterion", prose=True)
        if level_id is not None and colour is not None and criterion is not None:
            printed = reader.text(lf.get("printed"), "printed", prose=True) or ""
            levels.append(Level(level_id, colour, criterion, level.loc, printed))
    return LevelRule(tuple(levels)) if levels else None
