"""A framework file (criteria/*.yaml) → Framework: the colour scale and states, the drivers (their rules
and the overall colour: model/rules.py), trend levels, the source, its documents and working methods, its words."""

from __future__ import annotations

import re

from veikart_cli.model.amounts import AmountError, parse_single
from veikart_cli.model.reading import Reader, suggest
from veikart_cli.model.rules import read_combination, read_rule, read_years
from veikart_cli.model.types import (
    ORDERS,
    PERCENT,
    TIES,
    Colour,
    Combination,
    CompositeRule,
    Document,
    Driver,
    Framework,
    Method,
    MethodGroup,
    Source,
    TargetRule,
    Term,
    Text,
    TrendLevel,
    Trends,
    WorkingMethods,
    kept,
    simple_rules,
)
from veikart_cli.model.vocabulary import Word
from veikart_cli.problems import Problems
from veikart_cli.syntax.nodes import Mapping, Node, Scalar

_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
_DOCUMENT_TEXTS = ("number", "date", "publisher", "commissioned_by", "url", "text")  # read as text
_CALLED = {"number": "report number", "text": "text file"}  # what a problem calls a field, if not its key
_TREND_KEYS = ("trends", "max-age", "series-missing")  # beside 'scale'


def read_framework(root: Node, path: str, problems: Problems) -> Framework | None:
    reader = Reader(problems, path=path)
    top = reader.mapping(root, "a framework file")
    if top is None:
        return None
    f = reader.fields(
        top,
        "the framework",
        ("id", "title", "languages", "scale", "drivers"),
        ("source", "caveat", "horizon", "provenance", "vocabulary", "working_methods", "conventions")
        + ("states", "overall", "order", "ties", "documents")
        + _TREND_KEYS,
    )
    languages = reader.texts(f.get("languages"), "language")
    reader.languages = languages
    scale = kept(read_colour(reader, c) for c in reader.mappings(f.get("scale"), "scale", "a colour"))
    states = kept(read_colour(reader, c) for c in reader.mappings(f.get("states"), "states", "a colour"))
    colours = tuple(c.id for c in scale)
    state_ids = tuple(s.id for s in states)
    read = [
        (n, read_driver(reader, n, colours, state_ids))
        for n in reader.mappings(f.get("drivers"), "drivers", "a driver")
    ]
    drivers = tuple(d for _, d in read if d)
    unread = tuple(i for i in (_declared_id(n) for n, d in read if d is None) if i)
    caveat = read_caveat(reader, f.get("caveat"))
    trends = read_trends(reader, f.get("trends"))
    inputs = tuple(d.id for d in drivers) + unread  # an unread driver's own error says enough
    overall = read_combination(reader, f.get("overall"), "overall", inputs, colours, "driver", state_ids)
    check_trends(reader, drivers, trends, overall)
    framework_id = reader.ident(f.get("id"), "framework id")
    title = reader.local(f.get("title"), "title")
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
        source=read_document(reader, f.get("source")),
        caveat=caveat if isinstance(caveat, Source) else None,
        note=caveat if isinstance(caveat, Text) else None,
        horizon=reader.local(f.get("horizon"), "horizon", prose=True),
        provenance=reader.local(f.get("provenance"), "provenance", prose=True),
        vocabulary=read_vocabulary(reader, f.get("vocabulary")),
        methods=read_methods(reader, f.get("working_methods")),
        conventions=reader.locals(f.get("conventions"), "convention"),
        states=states,
        overall=overall,
        order=read_order(reader, f.get("order")),
        ties=reader.choice(f.get("ties"), "ties", TIES, "unknown-order") or "",
        documents=kept(
            read_document(reader, n, "a document") for n in reader.sequence(f.get("documents"), "documents")
        ),
        trends=trends,
        max_age=read_years(reader, f.get("max-age"), "max-age", least=0),
        series_missing=reader.choice(f.get("series-missing"), "state", state_ids, "unknown-state") or "",
    )


def read_caveat(reader: Reader, node: Node | None) -> Source | Text | None:
    """The source's authors on their own assessment: {section, quote}, quoted verbatim. Text (the
    older form) is read as a note of the data set's own, since nothing says whose words it is."""
    if not isinstance(node, Mapping) or not any(key.value in ("quote", "section") for key, _ in reader.pairs(node)):
        return reader.local(node, "caveat", prose=True)
    f = reader.fields(node, "the caveat", ("section", "quote"), ("page",))
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
            reader.error(
                lang,
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
    groups = kept(read_group(reader, g) for g in reader.mappings(f.get("groups"), "groups", "a group of methods"))
    if title is None or section is None or not groups:
        return None
    return WorkingMethods(title, section, groups, reader.loc(top))


def read_group(reader: Reader, top: Mapping) -> MethodGroup | None:
    f = reader.fields(top, "a group of methods", ("id", "name", "section", "methods"), ("about",))
    group_id, name = reader.ident(f.get("id"), "group id"), reader.local(f.get("name"), "group name")
    section = reader.text(f.get("section"), "section")
    methods = []
    for method in reader.mappings(f.get("methods"), "methods", "a method"):
        mf = reader.fields(method, "a method", ("name", "description"), ("quote",))
        method_name = reader.local(mf.get("name"), "method name")
        description = reader.local(mf.get("description"), "description", prose=True)
        quote = reader.text(mf.get("quote"), "quote", prose=True)
        if method_name is not None and description is not None:
            source = Source(section or "", quote, reader.loc(mf["quote"])) if quote is not None else None
            methods.append(Method(method_name, description, reader.loc(method), source))
    if group_id is None or name is None or section is None or not methods:
        return None
    about = reader.local(f.get("about"), "about", prose=True)
    return MethodGroup(group_id, name, section, tuple(methods), reader.loc(top), about)


def read_document(reader: Reader, node: Node | None, what: str = "the source") -> Document | None:
    """The framework's `source:`, or one of its `documents:` (the same fields)."""
    top = reader.mapping(node, what)
    if top is None:
        return None
    optional = ("number", "date", "year", "authors", "publisher", "commissioned_by", "url", "text")
    f = reader.fields(top, what, ("id", "title"), optional)
    doc_id, title = reader.ident(f.get("id"), "document id"), reader.text(f.get("title"), "document title")
    if doc_id is None or title is None:
        return None
    texts = {key: reader.text(f.get(key), _CALLED.get(key, key)) or "" for key in _DOCUMENT_TEXTS}
    year = reader.text(f.get("year"), "year", own_type=True) or ""
    authors = reader.texts(f.get("authors"), "author")
    return Document(doc_id, title, reader.loc(top), authors=authors, year=year, **texts)


def read_colour(reader: Reader, top: Mapping) -> Colour | None:
    f = reader.fields(top, "a colour", ("id", "label", "symbol", "background"))
    colour_id = reader.ident(f.get("id"), "colour id")
    label = reader.local(f.get("label"), "label")
    symbol = reader.text(f.get("symbol"), "symbol")
    background = reader.text(f.get("background"), "background")
    if background is not None and not _HEX.match(background):
        reader.error(
            f["background"],
            "bad-colour",
            f"background '{background}' is not a colour",
            "write it as '#rrggbb', quoted, e.g. \"#1a7f37\"",
        )
        background = None
    if colour_id is None or label is None or symbol is None or background is None:
        return None
    return Colour(colour_id, label, symbol, background)


def _declared_id(top: Mapping) -> str | None:
    """The id a driver declares, even where the rest of it could not be read."""
    return next((str(value.value) for key, value in top.value if key.value == "id" and isinstance(value, Scalar)), None)


def read_driver(reader: Reader, top: Mapping, colours: tuple[str, ...], states: tuple[str, ...]) -> Driver | None:
    f = reader.fields(top, "a driver", ("id", "name", "question", "rule"), ("short", "aliases", "question_printed"))
    driver_id = reader.ident(f.get("id"), "driver id")
    name = reader.local(f.get("name"), "driver name")
    question = reader.local(f.get("question"), "question", prose=True)
    rule = read_rule(reader, f.get("rule"), colours, states=states)
    if driver_id is None or name is None or question is None or rule is None:
        return None
    short = reader.local(f.get("short"), "short name")
    aliases = reader.texts(f.get("aliases"), "alias")
    printed = reader.text(f.get("question_printed"), "question_printed", prose=True) or ""
    return Driver(driver_id, name, question, rule, reader.loc(top), short, aliases, printed)


def read_order(reader: Reader, node: Node | None) -> tuple[str, ...]:
    """`order: [id, …]`, or `order: section` / `id` / `name`; () when not declared."""
    if node is None:
        return ()
    if not isinstance(node, Scalar):
        return kept(reader.ident(n, "area id") for n in reader.sequence(node, "order"))
    word = reader.choice(node, "order", ORDERS, "unknown-order")
    return (word,) if word else ()


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


def check_trends(
    reader: Reader, drivers: tuple[Driver, ...], trends: Trends | None, overall: Combination | None
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
