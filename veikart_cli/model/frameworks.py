"""A framework file (criteria/*.yaml) → Framework: the colour scale and the drivers' rules."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from veikart_cli.model.amounts import AmountError, parse_single
from veikart_cli.model.reading import Reader, suggest
from veikart_cli.model.trendrules import TREND_KEYS, check_trends, read_trend_rule, read_trends, read_years
from veikart_cli.model.types import (
    COMBINATIONS,
    DIRECTIONS,
    MEASURES,
    ORDERS,
    PART_COMBINATIONS,
    RELATIVE_MEASURES,
    ROUNDINGS,
    RULE_KINDS,
    SKIP,
    TIES,
    TREND_COMBINATIONS,
    AmountRule,
    Band,
    ChecklistRule,
    Colour,
    Combination,
    CompositeRule,
    Document,
    Driver,
    Element,
    Framework,
    Level,
    LevelRule,
    Method,
    MethodGroup,
    Part,
    Rule,
    SimpleRule,
    Source,
    TargetBand,
    TargetRule,
    Term,
    Text,
    Unit,
    Veto,
    WorkingMethods,
)
from veikart_cli.model.vocabulary import Word
from veikart_cli.problems import Problems
from veikart_cli.syntax.nodes import Mapping, Node, Scalar

_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
# ASCII digits only ('\d' takes '٣' and '𝟑', and str.isdigit() '²', which Decimal() refuses).
_FACTOR = re.compile(r"^(?:[0-9]{1,3}(?: [0-9]{3})+|[0-9]{1,18})(?:[.,][0-9]{1,9})?$")
_NUMBER = re.compile(r"^-?[0-9]{1,15}(?:[.,][0-9]{1,9})?$")
_COUNT = re.compile(r"^[0-9]{1,9}$")
PERCENT = (Unit("%", Decimal(1)), Unit("prosent", Decimal(1)), Unit("percent", Decimal(1)))
# Which band keys fit which direction: the word says on which side the limit is kept.
_LIMIT_KEYS = {"higher": ("at-least", "above"), "lower": ("at-most", "below"), "within": ("at-most", "below")}


def read_framework(root: Node, path: str, problems: Problems) -> Framework | None:
    reader = Reader(problems, path=path)
    top = reader.mapping(root, "a framework file")
    if top is None:
        return None
    fields = reader.fields(
        top,
        "the framework",
        ("id", "title", "languages", "scale", "drivers"),
        ("source", "caveat", "horizon", "provenance", "vocabulary", "working_methods", "conventions")
        + ("states", "overall", "order", "ties", "documents")
        + TREND_KEYS,
    )
    languages = reader.texts(fields.get("languages"), "language")
    reader.languages = languages
    scale = tuple(c for c in (read_colour(reader, n) for n in reader.sequence(fields.get("scale"), "scale")) if c)
    states = tuple(c for c in (read_colour(reader, n) for n in reader.sequence(fields.get("states"), "states")) if c)
    colours = tuple(c.id for c in scale)
    state_ids = tuple(s.id for s in states)
    read = [(n, read_driver(reader, n, colours, state_ids)) for n in reader.sequence(fields.get("drivers"), "drivers")]
    drivers = tuple(d for _, d in read if d)
    unread = tuple(i for i in (_declared_id(n) for n, d in read if d is None) if i)
    caveat = read_caveat(reader, fields.get("caveat"))
    trends = read_trends(reader, fields.get("trends")) if "trends" in fields else None
    overall = None
    if "overall" in fields:
        overall = read_combination(
            reader,
            fields["overall"],
            "overall",
            tuple(d.id for d in drivers) + unread,  # an unread driver's own error says enough
            colours,
            COMBINATIONS,
            "driver",
            "unknown-driver",
            state_ids,
        )
    check_trends(reader, drivers, trends, overall)
    framework_id = reader.ident(fields.get("id"), "framework id")
    title = reader.local(fields.get("title"), "title")
    if framework_id is None or title is None or not languages or not scale or not drivers:
        if not problems.has_errors:
            problems.error(
                reader.loc(top), "incomplete-framework", "the framework needs languages, a scale and drivers"
            )
        return None
    return Framework(
        id=framework_id,
        title=title,
        languages=languages,
        scale=scale,
        drivers=drivers,
        unread=unread,
        path=path,
        source=read_document(reader, fields.get("source")),
        caveat=caveat if isinstance(caveat, Source) else None,
        note=caveat if isinstance(caveat, Text) else None,
        horizon=reader.local(fields.get("horizon"), "horizon", prose=True),
        provenance=reader.local(fields.get("provenance"), "provenance", prose=True),
        vocabulary=read_vocabulary(reader, fields.get("vocabulary")),
        methods=read_methods(reader, fields.get("working_methods")),
        conventions=reader.locals(fields.get("conventions"), "convention"),
        states=states,
        overall=overall,
        order=read_order(reader, fields.get("order")),
        ties=reader.choice(fields.get("ties"), "ties", TIES, "unknown-order") or "" if "ties" in fields else "",
        documents=tuple(
            d
            for d in (
                read_document(reader, n, "a document") for n in reader.sequence(fields.get("documents"), "documents")
            )
            if d
        ),
        trends=trends,
        max_age=read_years(reader, fields["max-age"], "max-age", least=0) if "max-age" in fields else None,
        series_missing=reader.choice(fields["series-missing"], "state", state_ids, "unknown-state") or ""
        if "series-missing" in fields
        else "",
    )


def read_caveat(reader: Reader, node: Node | None) -> Source | Text | None:
    """The source's authors on their own assessment: {section, quote}, quoted verbatim.

    Text in the framework's languages (the older form) is read as a note of the data
    set's own, since nothing says whose words it is."""
    if isinstance(node, Mapping) and any(key.value in ("quote", "section") for key, _ in reader.pairs(node)):
        return read_quote(reader, node, "the caveat")
    return reader.local(node, "caveat", prose=True)


def read_quote(reader: Reader, node: Mapping, what: str) -> Source | None:
    f = reader.fields(node, what, ("section", "quote"), ("page",))
    section, quote = reader.text(f.get("section"), "section"), reader.text(f.get("quote"), "quote", prose=True)
    if section is None or quote is None:
        return None
    return Source(section, quote, reader.loc(node), page=reader.text(f.get("page"), "page") or "")


def read_vocabulary(reader: Reader, node: Node | None) -> tuple[Term, ...]:
    """`{lang: {key: word}}`; a word is text, or {one: …, other: …} where it follows a count.
    Which keys exist and what fields they keep is checked with the framework (checks/)."""
    top = reader.mapping(node, "vocabulary")
    if top is None:
        return ()
    terms = []
    for lang, words in reader.pairs(top):
        if lang.value not in reader.languages:
            reader.problems.error(
                reader.loc(lang),
                "unknown-language",
                f"language '{lang.value}' is not declared in the framework",
                suggest(lang.value, reader.languages),
            )
            continue
        table = reader.mapping(words, f"vocabulary of '{lang.value}'")
        for key, value in reader.pairs(table) if table else ():
            word = read_word(reader, value, key.value)
            if word is not None:
                terms.append(Term(lang.value, key.value, word, reader.loc(key)))
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
    return WorkingMethods(title, section, groups, reader.loc(top))


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
    return MethodGroup(group_id, name, section, methods, reader.loc(top), about)


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
    source = Source(section, quote, reader.loc(f["quote"])) if quote is not None else None
    return Method(name, description, reader.loc(top), source)


def read_document(reader: Reader, node: Node | None, what: str = "the source") -> Document | None:
    """The framework's `source:`, or one of its `documents:` (the same fields)."""
    top = reader.mapping(node, what)
    if top is None:
        return None
    f = reader.fields(
        top,
        what,
        ("id", "title"),
        ("number", "date", "year", "authors", "publisher", "commissioned_by", "url", "text"),
    )
    doc_id, title = reader.ident(f.get("id"), "document id"), reader.text(f.get("title"), "document title")
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
        year=reader.text(f.get("year"), "year", own_type=True) or "",
        text=reader.text(f.get("text"), "text file") or "",
        loc=reader.loc(top),
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
            reader.loc(f["background"]),
            "bad-colour",
            f"background '{background}' is not a colour",
            "write it as '#rrggbb', quoted, e.g. \"#1a7f37\"",
        )
        background = None
    if colour_id is None or label is None or symbol is None or background is None:
        return None
    return Colour(colour_id, label, symbol, background)


def _declared_id(node: Node) -> str | None:
    """The id a driver declares, even where the rest of it could not be read."""
    if isinstance(node, Mapping):
        for key, value in node.value:
            if key.value == "id" and isinstance(value, Scalar):
                return str(value.value)
    return None


def read_driver(reader: Reader, node: Node, colours: tuple[str, ...], states: tuple[str, ...] = ()) -> Driver | None:
    top = reader.mapping(node, "a driver")
    if top is None:
        return None
    f = reader.fields(top, "a driver", ("id", "name", "question", "rule"), ("short", "aliases", "question_printed"))
    driver_id = reader.ident(f.get("id"), "driver id")
    name = reader.local(f.get("name"), "driver name")
    question = reader.local(f.get("question"), "question", prose=True)
    rule = read_rule(reader, f.get("rule"), colours, states=states)
    if driver_id is None or name is None or question is None or rule is None:
        return None
    return Driver(
        id=driver_id,
        name=name,
        question=question,
        rule=rule,
        loc=reader.loc(top),
        short=reader.local(f.get("short"), "short name"),
        aliases=reader.texts(f.get("aliases"), "alias"),
        question_printed=reader.text(f.get("question_printed"), "question_printed", prose=True) or "",
    )


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
        reader.problems.error(reader.loc(top), "missing-key", "a rule needs 'kind' (one of: " + ", ".join(kinds) + ")")
    if kind == "target":
        return read_target_rule(reader, top, colours)
    if kind == "composite":
        return read_composite_rule(reader, top, colours, states)
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
        return read_figure(reader, node, units, "band bound")

    bands = read_bands(reader, f.get("bands"), colours, bound)
    if unit is None or not bands:
        return None
    return AmountRule(unit=unit, units=units, bands=bands)


def read_units(reader: Reader, node: Node | None) -> tuple[Unit, ...]:
    top = reader.mapping(node, "units")
    if top is None:
        return ()
    units = []
    for key, value in reader.pairs(top):
        factor = reader.text(value, f"factor of '{key.value}'", own_type=True)
        if factor is None:
            continue
        number = Decimal(factor.replace(" ", "").replace(",", ".")) if _FACTOR.match(factor) else Decimal(0)
        if number == 0:
            reader.problems.error(
                reader.loc(value),
                "bad-factor",
                f"factor '{factor}' of unit '{key.value}' is not a number above zero",
                "write it in full, e.g. '1 000 000' for millions or '0,001' for thousandths",
            )
            continue
        units.append(Unit(key.value, number))
    return tuple(units)


def read_figure(reader: Reader, node: Node | None, units: tuple[Unit, ...], what: str) -> Decimal | None:
    """One figure in the rule's units: a band's bound, a limit or a target."""
    text = reader.text(node, what, own_type=True)
    if text is None or node is None:
        return None
    try:
        return parse_single(text, units)
    except AmountError as err:
        reader.problems.error(reader.loc(node), "bad-amount", str(err), err.hint)
        return None


def read_checklist_rule(reader: Reader, top: Mapping, colours: tuple[str, ...]) -> ChecklistRule | None:
    f = reader.fields(top, "a checklist rule", ("kind", "elements", "bands"))
    elements = tuple(e for e in (read_element(reader, n) for n in reader.sequence(f.get("elements"), "elements")) if e)

    def bound(node: Node) -> Decimal | None:
        text = reader.text(node, "band bound", own_type=True)
        if text is not None and _COUNT.match(text):
            return Decimal(text)
        if text is not None:
            reader.problems.error(
                reader.loc(node), "bad-count", f"'{text}' is not a count", "write a whole number, e.g. 2"
            )
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
        f = reader.fields(top, "a band", ("colour", "criterion"), ("from", "above", "printed"))
        colour = reader.choice(f.get("colour"), "colour", colours, "unknown-colour")
        criterion = reader.local(f.get("criterion"), "criterion", prose=True)
        if "from" in f and "above" in f:
            reader.problems.error(
                reader.loc(f["above"]), "band-bound-twice", "a band starts 'from' a bound or 'above' it, not both"
            )
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
    target = read_figure(reader, f.get("target"), units, "target") if units and "target" in f else None
    if target is not None and measure in RELATIVE_MEASURES and target <= 0:
        reader.problems.error(
            reader.loc(f["target"]),
            "bad-target",
            "a target of zero or less cannot be scored in percent of itself",
            "give a target above zero, or score the distance from it with 'measure: distance', which takes any target",
        )
        # kept, so that areas are not told they lack one: validation stops before scoring
    if measure == "achieved" and direction == "within":
        reader.problems.error(
            reader.loc(f["measure"]),
            "bad-measure",
            "'measure: achieved' is the percent of the target achieved, for 'direction: higher' or 'lower'",
            "a value either side of its target is scored by 'measure: percent' or 'measure: distance'",
        )
        measure = "percent"  # read on as percent, so its bands are checked; validation stops before scoring
    if unit is None or not units or direction is None or measure is None:
        return None
    limit_units = PERCENT if measure in RELATIVE_MEASURES else units
    rising = direction == "higher" or measure == "achieved"
    way = f"direction '{direction}'" + (" measured as 'achieved'" if measure == "achieved" else "")
    bands = read_target_bands(reader, f.get("bands"), colours, "higher" if rising else direction, limit_units, way)
    if not bands:
        return None
    trend = read_trend_rule(reader, f["trend"], direction) if "trend" in f else None
    return TargetRule(unit, units, direction, measure, target, bands, reader.loc(top), trend)


def read_target_bands(
    reader: Reader,
    node: Node | None,
    colours: tuple[str, ...],
    direction: str,
    units: tuple[Unit, ...],
    way: str = "",
) -> tuple[TargetBand, ...]:
    """`direction`: which way the bands' measure grows better (the limit keys that fit);
    `way`: the rule's direction and measure, as a message names them."""
    fits = _LIMIT_KEYS[direction]
    way = way or f"direction '{direction}'"
    every = ("at-least", "above", "at-most", "below")
    bands = []
    for item in reader.sequence(node, "bands"):
        top = reader.mapping(item, "a band")
        if top is None:
            continue
        f = reader.fields(top, "a band", ("colour", "criterion"), every)
        colour = reader.choice(f.get("colour"), "colour", colours, "unknown-colour")
        criterion = reader.local(f.get("criterion"), "criterion", prose=True)
        given = [k for k in every if k in f]
        for key in given:
            if key not in fits:
                reader.problems.error(
                    reader.loc(f[key]),
                    "band-direction",
                    f"'{key}' does not fit {way}",
                    f"with {way} a band ends with '{fits[0]}' (edge kept) or '{fits[1]}' (edge left out)",
                )
        if len(given) > 1:
            reader.problems.error(reader.loc(f[given[1]]), "band-bound-twice", "a band has one limit")
            continue
        limit = read_figure(reader, f[given[0]], units, "band limit") if given else None
        if colour is None or criterion is None or (given and (limit is None or given[0] not in fits)):
            continue
        bands.append(TargetBand(colour, limit, criterion, reader.loc(top), not given or given[0].startswith("at-")))
    return tuple(bands)


def read_composite_rule(
    reader: Reader, top: Mapping, colours: tuple[str, ...], states: tuple[str, ...] = ()
) -> CompositeRule | None:
    f = reader.fields(top, "a composite rule", ("kind", "combine", "parts"), COMBINATION_KEYS)
    parts = []
    for item in reader.sequence(f.get("parts"), "parts"):
        part = reader.mapping(item, "a part")
        if part is None:
            continue
        pf = reader.fields(part, "a part", ("id", "name", "rule"))
        part_id = reader.ident(pf.get("id"), "part id")
        name = reader.local(pf.get("name"), "part name")
        rule = read_rule(reader, pf.get("rule"), colours, tuple(k for k in RULE_KINDS if k != "composite"))
        if part_id is not None and name is not None and rule is not None:
            assert not isinstance(rule, CompositeRule)
            parts.append(Part(part_id, name, rule, reader.loc(part)))
    combine = read_combination(
        reader,
        top,
        "a composite rule",
        tuple(p.id for p in parts),
        colours,
        PART_COMBINATIONS,
        "part",
        "unknown-part",
        states,
    )
    if not parts or combine is None:
        return None
    return CompositeRule(tuple(parts), combine)


COMBINATION_KEYS = ("weights", "majority", "veto", "worst", "round", "states", "trend")


def read_combination(
    reader: Reader,
    node: Node,
    what: str,
    inputs: tuple[str, ...],
    colours: tuple[str, ...],
    methods: tuple[str, ...],
    noun: str,
    code: str,
    states: tuple[str, ...] = (),
) -> Combination | None:
    """`combine`, `weights`, `majority`, `worst`, `round`, `veto` and `states`: how several
    colours become one, and what an input in a state counts as."""
    top = reader.mapping(node, what)
    if top is None:
        return None
    if what == "overall":
        f = reader.fields(top, "overall", ("combine",), COMBINATION_KEYS)
    else:
        f = {k.value: v for k, v in reader.pairs(top)}
    method = reader.choice(f.get("combine"), "combination", methods, "unknown-combination")
    if method is None:
        return None
    weights = read_weights(reader, f.get("weights"), inputs, noun, code) if "weights" in f else ()
    majority = Decimal("0.5")
    if "majority" in f:
        majority = read_majority(reader, f["majority"]) or majority
    if method == "weighted":
        given = f.get("weights")
        named = {k.value for k, _ in reader.pairs(given)} if isinstance(given, Mapping) else set()
        missing = [i for i in inputs if i not in named]
        if "weights" not in f or (missing and weights):
            where = reader.loc(f["weights"]) if "weights" in f else reader.loc(top)
            reader.problems.error(
                where,
                "missing-weight",
                f"a weighted combination needs a weight for every {noun}"
                + (": " + ", ".join(f"'{m}'" for m in missing) if "weights" in f else ""),
                "e.g. 'weights: {" + ", ".join(f"{i}: 1" for i in inputs[:3]) + "}'",
            )
    else:
        for key in ("weights", "majority"):
            if key in f:
                reader.problems.warning(
                    reader.loc(f[key]), "unused-key", f"'{key}' counts only with 'combine: weighted'", "remove it"
                )
    worst, rounding = 0, "worse"
    if method == "mean-of-worst":
        if "worst" not in f:
            reader.problems.error(
                reader.loc(top),
                "missing-key",
                f"'combine: mean-of-worst' needs 'worst': how many of the worst {noun}s count",
                "e.g. 'worst: 2' for the colour of the two worst, as the SDG dashboards take a goal's",
            )
        # without a count the rule is kept (as the worst), so the drivers and areas that use it
        # read on and show no further problems; the error stops validation before scoring
        worst = (read_worst(reader, f["worst"], noun) if "worst" in f else None) or 1
        if "round" in f:
            rounding = reader.choice(f["round"], "rounding", ROUNDINGS, "unknown-rounding") or rounding
    else:
        for key in ("worst", "round"):
            if key in f:
                reader.problems.warning(
                    reader.loc(f[key]), "unused-key", f"'{key}' counts only with 'combine: mean-of-worst'", "remove it"
                )
    vetoes = tuple(
        v
        for v in (read_veto(reader, n, inputs, colours, noun, code) for n in reader.sequence(f.get("veto"), "veto"))
        if v
    )
    counted = read_state_counts(reader, f.get("states"), colours, states) if "states" in f else ()
    trend = reader.choice(f["trend"], "trend", TREND_COMBINATIONS, "bad-trend") or "" if "trend" in f else ""
    return Combination(method, reader.loc(top), weights, majority, vetoes, worst, rounding, counted, trend)


def read_worst(reader: Reader, node: Node, noun: str) -> int | None:
    """`worst: k`, a whole number of one or more."""
    text = reader.text(node, "worst", own_type=True)
    if text is None:
        return None
    if not _COUNT.match(text) or int(text) < 1:
        reader.problems.error(
            reader.loc(node),
            "bad-count",
            f"worst '{text}' is not a count of {noun}s",
            "write a whole number of one or more, e.g. 2",
        )
        return None
    return int(text)


def read_state_counts(
    reader: Reader, node: Node | None, colours: tuple[str, ...], states: tuple[str, ...]
) -> tuple[tuple[str, str], ...]:
    """`states: {no-data: skip, not-assessed: red}`: a state left out, or counted as a colour."""
    top = reader.mapping(node, "states")
    if top is None:
        return ()
    counted = []
    for key, value in reader.pairs(top):
        if key.value not in states:
            reader.problems.error(
                reader.loc(key),
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
            reader.problems.error(
                reader.loc(key), code, f"no {noun} '{key.value}' to weigh", suggest(key.value, inputs)
            )
            continue
        text = reader.text(value, f"weight of '{key.value}'", own_type=True)
        if text is None:
            continue
        if not _NUMBER.match(text) or Decimal(text.replace(",", ".")) < 0:
            reader.problems.error(
                reader.loc(value),
                "bad-weight",
                f"weight '{text}' of '{key.value}' is not a number of zero or more",
                "e.g. 2 or 0,5",
            )
            continue
        weights.append((key.value, Decimal(text.replace(",", "."))))
    if weights and sum(w for _, w in weights) == 0:
        reader.problems.error(
            reader.loc(top), "bad-weight", "the weights add up to zero", "give at least one weight above zero"
        )
        return ()
    return tuple(weights)


def read_majority(reader: Reader, node: Node) -> Decimal | None:
    """'60 %' or a share such as 0,6."""
    text = reader.text(node, "majority", own_type=True)
    if text is None:
        return None
    plain = text.replace(" ", "").replace(",", ".")
    percent = plain.endswith("%")
    number = plain.rstrip("%")
    if not _NUMBER.match(number):
        reader.problems.error(
            reader.loc(node), "bad-majority", f"majority '{text}' is not a share", "write e.g. '60 %' or 0,6"
        )
        return None
    share = Decimal(number) / 100 if percent else Decimal(number)
    if share > 1:
        reader.problems.error(
            reader.loc(node),
            "unreachable-majority",
            f"majority '{text}' is more than all the weight: no area can reach any colour",
            "give a share of at most 100 %",
        )
        return None
    if share <= 0:
        reader.problems.error(reader.loc(node), "bad-majority", f"majority '{text}' must be above zero", "e.g. '60 %'")
        return None
    return share


def read_veto(
    reader: Reader, node: Node, inputs: tuple[str, ...], colours: tuple[str, ...], noun: str, code: str
) -> Veto | None:
    top = reader.mapping(node, "a veto")
    if top is None:
        return None
    f = reader.fields(top, "a veto", (noun, "at"), ("caps",))
    who = reader.choice(f.get(noun), noun, inputs, code)
    at = reader.choice(f.get("at"), "colour", colours, "unknown-colour")
    caps = reader.choice(f.get("caps"), "colour", colours, "unknown-colour") if "caps" in f else at
    if who is None or at is None or caps is None:
        return None
    return Veto(who, at, caps, reader.loc(top))


def simple_rules(rule: Rule) -> tuple[SimpleRule, ...]:
    """The rule itself, or a composite's parts' rules."""
    return tuple(p.rule for p in rule.parts) if isinstance(rule, CompositeRule) else (rule,)


def read_order(reader: Reader, node: Node | None) -> tuple[str, ...]:
    """`order: [id, …]`, or `order: section` / `id` / `name`; () when not declared."""
    if node is None:
        return ()
    if not isinstance(node, Scalar):
        return tuple(v for v in (reader.ident(n, "area id") for n in reader.sequence(node, "order")) if v)
    word = reader.choice(node, "order", ORDERS, "unknown-order")
    return (word,) if word else ()
