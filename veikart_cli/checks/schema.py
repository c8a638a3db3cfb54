"""JSON Schemas (draft-07) for criteria and area files, for editors: the area schema makes a framework's
ids and colours enums to complete. veikart's own checks stay the authority; a schema gives the shape."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from veikart_cli.model.evidence import CHECK_STATUSES
from veikart_cli.model.types import (
    COMBINATIONS,
    DIRECTIONS,
    MEASURES,
    ORDERS,
    ROUNDINGS,
    SKIP,
    TIES,
    TREND_COMBINATIONS,
    AmountRule,
    ChecklistRule,
    CompositeRule,
    Driver,
    Framework,
    Rule,
    TargetRule,
)
from veikart_cli.model.vocabulary import KEYS

Schema = dict[str, Any]
DRAFT = "http://json-schema.org/draft-07/schema#"

# Text must show something: not only spaces, zero-width or bidi marks (as model/reading.py checks).
VISIBLE = "[^\\s\\u00ad\\u061c\\u180e\\u200b-\\u200f\\u202a-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufeff]"
STRING: Schema = {"type": "string", "minLength": 1, "pattern": VISIBLE}
STRINGS: Schema = {"type": "array", "items": STRING}
IDENT: Schema = {"type": "string", "pattern": "^[a-z0-9][a-z0-9_-]*$"}
SCALAR: Schema = {"type": ["string", "number"]}  # typed by veikart itself: amounts, bounds, factors
YEARS: Schema = {"type": ["integer", "string"], "pattern": "^[0-9]{1,4}$"}
WHEN = "^[0-9]{4}(-[0-9]{2}-[0-9]{2})?$"
TEXT_REF: Schema = {"$ref": "#/definitions/text"}
SOURCE_REF: Schema = {"$ref": "#/definitions/source"}


def text(languages: list[str] | None = None) -> Schema:
    """A plain string, or {language: string}."""
    names: Schema = {"enum": languages} if languages else {"type": "string"}
    translated = {"type": "object", "propertyNames": names, "additionalProperties": STRING, "minProperties": 1}
    return {"oneOf": [STRING, translated]}


def obj(required: dict[str, Schema], optional: dict[str, Schema] | None = None, **extra: Any) -> Schema:
    """An object with exactly these keys; a property without a description gets its DESCRIPTIONS one."""
    properties = {**required, **(optional or {})}
    for name, value in properties.items():
        if "description" not in value and name in DESCRIPTIONS:
            properties[name] = {**value, "description": DESCRIPTIONS[name]}
    return {
        "type": "object",
        "required": list(required),
        "properties": properties,
        "additionalProperties": False,
        **extra,
    }


def array(items: Schema, least: int = 0) -> Schema:
    return {"type": "array", "items": items, **({"minItems": least} if least else {})}


def mapping(values: Schema, **extra: Any) -> Schema:
    """An object of any keys, each with a value of this shape."""
    return {"type": "object", "additionalProperties": values, **extra}


def enum(values: Iterable[str]) -> Schema:
    return {"enum": list(values)}


def combination(input_key: str) -> tuple[Schema, Schema]:
    """(required, optional) keys of a combination: `combine`, and those of COMBINATION_KEYS."""
    return (
        {"combine": enum(COMBINATIONS)},
        {
            "weights": mapping(SCALAR),
            "majority": SCALAR,
            "veto": array(obj({input_key: IDENT, "at": IDENT}, {"caps": IDENT})),
            "worst": {"type": ["integer", "string"], "pattern": "^[1-9][0-9]*$", "minimum": 1},
            "round": enum(ROUNDINGS),
            "states": mapping(
                IDENT,
                description=f"What an {input_key} in a state counts as, by state id: '{SKIP}' (left out, the default) or a colour id.",
            ),
            "trend": enum(TREND_COMBINATIONS),
        },
    )


def series_schema() -> Schema:
    """An area's `series` in place of `value`: a list of {year, value, source}, or {year: value}."""
    item = obj({"year": {"type": ["integer", "string"], "pattern": WHEN}, "value": SCALAR}, {"source": SOURCE_REF})
    by_year = {"type": "object", "propertyNames": {"pattern": WHEN}, "additionalProperties": SCALAR, "minProperties": 1}
    return {"oneOf": [array(item, 1), by_year]}


def criteria_schema() -> Schema:
    band = obj({"colour": IDENT, "criterion": text()}, {"from": SCALAR, "above": SCALAR, "printed": STRING})
    measured = {"unit": STRING, "units": mapping(SCALAR)}
    limits = {k: SCALAR for k in ("at-least", "above", "at-most", "below")}
    target_band = obj({"colour": IDENT, "criterion": text()}, {**limits, "printed": STRING})
    level = obj({"id": IDENT, "colour": IDENT, "criterion": text()}, {"printed": STRING})
    trend = obj({"window": YEARS, "by": YEARS}, {"minimum": YEARS})
    element = obj({"id": IDENT, "name": text()}, {"aliases": STRINGS})
    rules = [
        obj(
            {"kind": {"const": "target"}, **measured, "direction": enum(DIRECTIONS), "bands": array(target_band, 1)},
            {"measure": enum(MEASURES), "target": SCALAR, "trend": trend},
        ),
        obj({"kind": {"const": "amount"}, **measured, "bands": array(band, 1)}),
        obj({"kind": {"const": "checklist"}, "elements": array(element, 1), "bands": array(band, 1)}),
        obj({"kind": {"const": "level"}, "levels": {"type": "array", "minItems": 1, "items": level}}),
    ]
    part = obj({"id": IDENT, "name": text(), "rule": {"oneOf": list(rules)}})
    how, how_more = combination("part")
    rules.append(obj({"kind": {"const": "composite"}, **how, "parts": array(part, 1)}, how_more))
    driver = obj(
        {"id": IDENT, "name": text(), "question": text(), "rule": {"oneOf": rules}},
        {"short": text(), "aliases": STRINGS, "question_printed": STRING},
    )
    background = {"type": "string", "pattern": "^#[0-9a-fA-F]{6}$"}
    colour = obj({"id": IDENT, "label": text(), "symbol": STRING, "background": background})
    source = obj(
        {"id": IDENT, "title": STRING},
        {k: STRING for k in ("number", "date", "publisher", "commissioned_by", "url", "text")}
        | {"authors": STRINGS, "year": {"type": ["string", "integer"]}},
    )
    words = {
        "type": "object",
        "propertyNames": enum(KEYS),
        "additionalProperties": {"oneOf": [STRING, obj({"one": STRING, "other": STRING})]},
    }
    method = obj({"name": text(), "description": text()}, {"quote": STRING})
    group = obj({"id": IDENT, "name": text(), "section": STRING, "methods": array(method, 1)}, {"about": text()})
    trend_level = {"id": IDENT, "label": text(), "symbol": {"type": "string", "minLength": 1}}
    special = obj(trend_level)
    trends = obj({"levels": array(obj(trend_level, {"at-least": SCALAR}), 2), "achieved": special, "no-data": special})
    required = {
        "id": IDENT,
        "title": text(),
        "languages": {**STRINGS, "minItems": 1},
        "scale": array(colour, 1),
        "drivers": array(driver, 1),
    }
    optional = {
        "source": source,
        # {section, quote} is also an object of strings: anyOf, not oneOf
        "caveat": {"anyOf": [obj({"section": STRING, "quote": STRING}, {"page": STRING}), text()]},
        "horizon": text(),
        "provenance": text(),
        "vocabulary": mapping(words),
        "working_methods": obj({"title": text(), "section": STRING, "groups": array(group, 1)}),
        "conventions": array(text()),
        "states": array(colour),
        "overall": obj(*combination("driver")),
        "order": {"oneOf": [enum(ORDERS), array(IDENT)]},
        "ties": enum(TIES),
        "documents": array(source),
        "trends": trends,
        "max-age": YEARS,
        "series-missing": IDENT,
    }
    return {"$schema": DRAFT, "title": "veikart framework (criteria/*.yaml)", **obj(required, optional)}


def value_schema(rule: Rule, states: Sequence[str] = (), lang: str = "") -> tuple[str, Schema]:
    """The key and shape of a rule's evidence value; a composite's part may be in a state."""
    if isinstance(rule, AmountRule):
        return "amount", SCALAR
    if isinstance(rule, TargetRule):
        return "value", SCALAR
    if isinstance(rule, ChecklistRule):
        status = enum(CHECK_STATUSES)
        items = {"oneOf": [status, obj({"status": status}, {"actors": STRINGS, "note": TEXT_REF})]}
        names = [name for e in rule.elements for name in (e.id, *e.aliases)]
        return "elements", {
            "type": "object",
            "properties": {n: {**items, "description": f"The status of element '{n}'."} for n in names},
            "additionalProperties": False,
            "minProperties": len(rule.elements),
        }
    if isinstance(rule, CompositeRule):
        parts = {}
        stated = obj({"state": enum(states), "reason": TEXT_REF})
        for part in rule.parts:
            key, value = value_schema(part.rule)
            given = obj({key: value})
            if isinstance(part.rule, TargetRule):  # a value, or a series of them
                optional = {key: value, "target": SCALAR, "series": series_schema()}
                given = obj({}, optional, oneOf=[{"required": [key]}, {"required": ["series"]}])
            shape = {"oneOf": [given, stated]} if states else given
            parts[part.id] = {**shape, "description": part.name.get(lang)}
        return "parts", obj(parts)
    levels = enum(level.id for level in rule.levels)
    return "level", {"oneOf": [levels, {"type": "array", "items": levels, "minItems": 1, "uniqueItems": True}]}


def evidence_schema(driver: Driver, states: list[str], lang: str) -> Schema:
    key, value = value_schema(driver.rule, states, lang)
    optional = {key: value, "inferred": {"type": "boolean"}, "override": {"$ref": "#/definitions/override"}}
    given: list[Schema] = [{"required": [key]}, {"required": ["override"]}]  # no figure: colour by judgement
    if isinstance(driver.rule, TargetRule):
        optional |= {"target": SCALAR, "series": series_schema()}  # a value per year
        given.append({"required": ["series"]})
    judged = obj({"because": TEXT_REF, "sources": array(SOURCE_REF, 1)}, optional, anyOf=given)
    about = f"{driver.name.get(lang)}: {driver.question.get(lang)}"
    if not states:
        return {**judged, "description": about}
    besides = {"because": TEXT_REF, "sources": array(SOURCE_REF), "inferred": {"type": "boolean"}}
    stated = obj({"state": enum(states), "reason": TEXT_REF}, besides)
    return {"oneOf": [judged, stated], "description": about}


def area_schema(framework: Framework, lang: str | None = None) -> Schema:
    """The area files' schema; names in `lang`, else the framework's first language."""
    states = [s.id for s in framework.states]
    lang = lang or framework.languages[0]
    evidence = obj({d.id: evidence_schema(d, states, lang) for d in framework.drivers})
    lists = dict.fromkeys(("actors", "research_groups", "projects"), STRINGS)
    optional = {"aliases": STRINGS, "recommendations": array(TEXT_REF), **lists, "lists_section": STRING}
    ids = [d.id for d in framework.all_documents]
    document = enum(ids) if ids else STRING
    source = obj({"section": STRING, "quote": STRING}, {"document": document, "page": STRING})
    override = obj(
        {"colour": enum(c.id for c in framework.scale), "reason": TEXT_REF},
        {"by": {**STRING, "description": "Who set the colour by judgement."}},
    )
    required = {"id": IDENT, "name": TEXT_REF, "section": STRING, "summary": TEXT_REF, "evidence": evidence}
    return {
        "$schema": DRAFT,
        "title": f"veikart area (areas/*.yaml) for framework {framework.id}",
        **obj(required, optional),
        "definitions": {"text": text(list(framework.languages)), "source": source, "override": override},
    }


# What each key means, shown by editors on hover; `obj` puts one on every property.
DESCRIPTIONS = {
    "id": "An id: lower-case ASCII letters, digits, '-' and '_'.",
    "title": "The title, as shown above the matrix and the report.",
    "languages": "The languages texts are written in; the first is the default for output.",
    "scale": "The colours, best first. Each needs an id, a label, a symbol and a background.",
    "drivers": "What each area is judged on: one column of the matrix per driver.",
    "source": "The report the framework and the quotes come from.",
    "caveat": "The source's own words about its assessment: a {section, quote}, or a text.",
    "horizon": "The time horizon the assessment speaks of.",
    "provenance": "One sentence, shown under every matrix: where the colours come from.",
    "vocabulary": "Tool words per language, to override veikart's own (e.g. area: Tiltak).",
    "working_methods": "The report's recommended working methods, in groups.",
    "conventions": "Choices of the data set's own, not the source's; shown with the criteria.",
    "states": "States outside the colour order (e.g. not assessed, complete): not judgements.",
    "overall": "How an area's drivers combine into one overall colour, shown as its own column.",
    "order": "The areas' order: a list of area ids (the rest after, by section), or 'section', 'id' or 'name'.",
    "label": "The colour's name, as readers see it.",
    "symbol": "A symbol shown before the label, e.g. an emoji.",
    "background": "The colour for cells, as '#rrggbb'.",
    "name": "The name, as readers see it.",
    "short": "A short name for narrow column headings.",
    "question": "What the driver asks of each area.",
    "question_printed": "The question exactly as the source prints it, where `question` corrects it.",
    "aliases": "Other names a person may type for this (explain, --set).",
    "rule": "How the driver's evidence becomes a colour.",
    "kind": "The rule kind: amount, checklist, level, target or composite.",
    "unit": "What is measured, in words, e.g. 'NOK per år'.",
    "units": "Unit names an amount may be written in, each with its factor to the base unit.",
    "bands": "The rule's bands; each gives a colour.",
    "colour": "A colour id of the scale.",
    "criterion": "The band's or level's criterion, as the framework words it.",
    "printed": "The criterion exactly as the source prints it, where `criterion` corrects it.",
    "from": "The band's lower bound, kept in the band (an amount in the rule's units, or a count).",
    "above": "A bound left out of the band: above it (amount bands), or, for a target rule with direction 'higher', the limit the measure must exceed.",
    "at-least": "Target rule, direction higher or measure achieved: the band holds measures at or above this limit.",
    "at-most": "Target rule, direction lower or within: the band holds measures at or below this limit.",
    "below": "Target rule, direction lower or within: the band holds measures below this limit.",
    "direction": "Which way is better: higher, lower, or within (closer to the target either way).",
    "measure": "How the value is compared with the target: percent of it (value ÷ target, default), achieved (the U4SSC's percent of the target achieved: target ÷ value when lower is better, so bands end with at-least/above), or distance from it (value − target; any target, zero and negative too).",
    "target": "The target a value is scored against, in the rule's units.",
    "elements": "The checklist's elements, each with its status (present, partial, missing).",
    "levels": "The levels an analyst picks from; each gives a colour.",
    "parts": "The composite driver's sub-indicators, each with its own rule.",
    "combine": "How colours combine: worst, best, majority (a tie goes to the worse), weighted, or mean-of-worst (the mean of the `worst` k worst inputs' places in the scale).",
    "worst": "mean-of-worst: how many of the worst inputs count, e.g. 2 (the SDG dashboards' two worst indicators).",
    "round": "mean-of-worst: a mean between two colours goes to the worse (default) or the better.",
    "ties": "How --sort orders areas of the same rank: order (the matrix's order, default), name, id or section.",
    "weights": "Weighted: a weight of zero or more for every input.",
    "majority": "Weighted: the share of weight a colour needs at it or better, e.g. '60 %'.",
    "veto": "Inputs that cap the combined colour when they are at a colour or worse.",
    "driver": "The driver id whose colour can veto.",
    "part": "The part id whose colour can veto.",
    "at": "The veto applies when the input is at this colour or worse.",
    "caps": "The best colour the combination may then give (default: the 'at' colour).",
    "number": "The report's number.",
    "date": "The report's date.",
    "authors": "The report's authors.",
    "publisher": "Who published the report.",
    "commissioned_by": "Who commissioned the report.",
    "url": "Where the report can be read.",
    "text": "The document as a UTF-8 text file, relative to the roadmap folder: its quotes are checked word for word.",
    "documents": "Other documents the areas quote (a budget, a plan), each with an id, a title and what is known of it.",
    "section": "A section of the source, e.g. '4.3.1'.",
    "quote": "The source's words, verbatim.",
    "page": "The page of the document the quote is on.",
    "one": "The word after a count of one.",
    "other": "The word after any other count.",
    "description": "What the method is and does.",
    "about": "What the group of methods is about.",
    "methods": "The methods of the group.",
    "groups": "The groups of methods.",
    "summary": "A short summary of the area.",
    "evidence": "The evidence for each driver, by driver id.",
    "recommendations": "The source's recommendations for the area.",
    "actors": "Actors named for the area, or for an element.",
    "research_groups": "Research groups named for the area.",
    "projects": "Projects named for the area.",
    "lists_section": "The section the lists above come from.",
    "amount": "An amount: '250 MNOK', '1,5 mrd', '200–300 MNOK', '-3 uker', 'minst 100 MNOK'.",
    "value": "The measured value, written as an amount: '2,4 t', '-5 – 3 %', 'over 80 %'.",
    "level": "The level id, or a list of level ids when the evidence fits more than one.",
    "because": "Why this colour, in your own words.",
    "sources": "Where the evidence comes from: document, section, page and verbatim quote.",
    "inferred": "true when no passage of the source speaks to this driver directly.",
    "override": "A colour set by judgement instead of the rule, with its reason.",
    "reason": "Why: the override's reason, or why the driver is in its state.",
    "document": "The id of the quoted document, declared under the framework's 'documents'; left out for the framework's source.",
    "state": "A state id of the framework: the driver is not judged by colour (e.g. not assessed).",
    "status": "present, partial or missing.",
    "note": "A note on the element.",
    "trends": "The trend levels, best first: each but the last reached at 'at-least' (the observed annual change as a share of the change needed); 'achieved' for a value at or past its target, 'no-data' for too few values.",
    "max-age": "Years: a series value older than this before the edition's year (or --at) is flagged.",
    "trend": "A target rule: {window: years, by: the target year}; a composite or the overall: how the inputs' trends combine (mean, worst or best).",
    "series-missing": "The state (e.g. no data) of a series with no value yet at --at YEAR; without it, such a year is refused.",
    "series": "A value per year (or date), each with its own source: a list of {year, value, source}, or {year: value}.",
    "window": "Years back from the latest value that the trend uses.",
    "by": "The year the target is to be reached.",
    "minimum": "How many values in the window a trend needs (default 2).",
    "year": "A year (2021) or a date (2021-06-30).",
    "achieved": "The trend of a value at or past its target (maintaining achievement).",
    "no-data": "The trend of a series with too few values in its window.",
}
