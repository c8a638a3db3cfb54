"""JSON Schemas (draft-07, what the YAML language server reads) for criteria and area files.

The area schema is made from a framework: driver ids, levels, elements and colours become
enums, so an editor completes them. veikart's own checks stay the authority (they also catch
what a schema cannot: band gaps, duplicate ids across files, YAML 1.1 traps); the schema gives
editors and third-party validators the shape.
"""

from __future__ import annotations

from typing import Any

from veikart_cli.model.types import (
    CHECK_STATUSES,
    AmountRule,
    ChecklistRule,
    CompositeRule,
    Driver,
    Framework,
    TargetRule,
)
from veikart_cli.model.words import KEYS

DRAFT = "http://json-schema.org/draft-07/schema#"
ID_PATTERN = "^[a-z0-9][a-z0-9_-]*$"

Schema = dict[str, Any]

STRING: Schema = {"type": "string", "minLength": 1}
STRINGS: Schema = {"type": "array", "items": STRING}
IDENT: Schema = {"type": "string", "pattern": ID_PATTERN}
SCALAR: Schema = {"type": ["string", "number"]}  # typed by veikart itself: amounts, bounds, factors


def text(languages: list[str] | None = None) -> Schema:
    """A plain string, or {language: string}."""
    names: Schema = {"enum": languages} if languages else {"type": "string"}
    translated = {"type": "object", "propertyNames": names, "additionalProperties": STRING, "minProperties": 1}
    return {"oneOf": [STRING, translated]}


def obj(required: dict[str, Schema], optional: dict[str, Schema] | None = None, **extra: Any) -> Schema:
    return {
        "type": "object",
        "required": list(required),
        "properties": {**required, **(optional or {})},
        "additionalProperties": False,
        **extra,
    }


def criteria_schema() -> Schema:
    band = obj({"colour": IDENT, "criterion": text()}, {"from": SCALAR, "printed": STRING})
    bands: Schema = {"type": "array", "items": band, "minItems": 1}
    element = obj({"id": IDENT, "name": text()}, {"aliases": STRINGS})
    rules = [
        obj(
            {
                "kind": {"const": "amount"},
                "unit": STRING,
                "units": {"type": "object", "additionalProperties": SCALAR},
                "bands": bands,
            }
        ),
        obj(
            {
                "kind": {"const": "checklist"},
                "elements": {"type": "array", "items": element, "minItems": 1},
                "bands": bands,
            }
        ),
        obj(
            {
                "kind": {"const": "level"},
                "levels": {
                    "type": "array",
                    "minItems": 1,
                    "items": obj({"id": IDENT, "colour": IDENT, "criterion": text()}, {"printed": STRING}),
                },
            }
        ),
    ]
    driver = obj(
        {"id": IDENT, "name": text(), "question": text(), "rule": {"oneOf": rules}},
        {"short": text(), "aliases": STRINGS, "question_printed": STRING},
    )
    colour = obj(
        {
            "id": IDENT,
            "label": text(),
            "symbol": STRING,
            "background": {"type": "string", "pattern": "^#[0-9a-fA-F]{6}$"},
        }
    )
    source = obj(
        {"id": IDENT, "title": STRING},
        {k: STRING for k in ("number", "date", "publisher", "commissioned_by", "url")} | {"authors": STRINGS},
    )
    quote = obj({"section": STRING, "quote": STRING}, {"page": STRING})
    forms = obj({"one": STRING, "other": STRING})
    words = {
        "type": "object",
        "propertyNames": {"enum": list(KEYS)},
        "additionalProperties": {"oneOf": [STRING, forms]},
    }
    vocabulary = {"type": "object", "additionalProperties": words}
    method = obj({"name": text(), "description": text()}, {"quote": STRING})
    group = obj(
        {"id": IDENT, "name": text(), "section": STRING, "methods": {"type": "array", "items": method, "minItems": 1}},
        {"about": text()},
    )
    methods = obj({"title": text(), "section": STRING, "groups": {"type": "array", "items": group, "minItems": 1}})
    return {
        "$schema": DRAFT,
        "title": "veikart framework (criteria/*.yaml)",
        **obj(
            {
                "id": IDENT,
                "title": text(),
                "languages": {**STRINGS, "minItems": 1},
                "scale": {"type": "array", "items": colour, "minItems": 1},
                "drivers": {"type": "array", "items": driver, "minItems": 1},
            },
            {
                "source": source,
                "caveat": {"anyOf": [quote, text()]},  # {section, quote} is also an object of strings
                "horizon": text(),
                "provenance": text(),
                "vocabulary": vocabulary,
                "working_methods": methods,
                "conventions": {"type": "array", "items": text()},
            },
        ),
    }


def value_schema(driver: Driver) -> tuple[str, Schema]:
    """The key and shape of a driver's evidence value."""
    rule = driver.rule
    if isinstance(rule, AmountRule):
        return "amount", SCALAR
    if isinstance(rule, ChecklistRule):
        status: Schema = {"enum": list(CHECK_STATUSES)}
        detailed = obj({"status": status}, {"actors": STRINGS, "note": {"$ref": "#/definitions/text"}})
        names = [name for e in rule.elements for name in (e.id, *e.aliases)]
        items = {"oneOf": [status, detailed]}
        return "elements", {
            "type": "object",
            "properties": {n: items for n in names},
            "additionalProperties": False,
            "minProperties": len(rule.elements),
        }
    if isinstance(rule, TargetRule):
        return "value", SCALAR
    if isinstance(rule, CompositeRule):
        parts = {}
        for part in rule.parts:
            key, value = value_schema(driver._replace(rule=part.rule))
            extra = {"target": SCALAR} if isinstance(part.rule, TargetRule) else {}
            parts[part.id] = obj({key: value}, extra, description=part.name.get(""))
        return "parts", obj(parts)
    levels: Schema = {"enum": [level.id for level in rule.levels]}
    return "level", {"oneOf": [levels, {"type": "array", "items": levels, "minItems": 1, "uniqueItems": True}]}


def evidence_schema(driver: Driver) -> Schema:
    key, value = value_schema(driver)
    ref = {"$ref": "#/definitions/text"}
    return obj(
        {"because": ref, "sources": {"type": "array", "items": {"$ref": "#/definitions/source"}, "minItems": 1}},
        {key: value, "inferred": {"type": "boolean"}, "override": {"$ref": "#/definitions/override"}},
        anyOf=[{"required": [key]}, {"required": ["override"]}],  # no figure: colour by judgement
        description=f"{driver.name.get('')}: {driver.question.get('')}",
    )


def area_schema(framework: Framework) -> Schema:
    ref = {"$ref": "#/definitions/text"}
    evidence = obj({d.id: evidence_schema(d) for d in framework.drivers})
    optional: dict[str, Schema] = {
        "aliases": STRINGS,
        "recommendations": {"type": "array", "items": ref},
        "actors": STRINGS,
        "research_groups": STRINGS,
        "projects": STRINGS,
        "lists_section": STRING,
    }
    source = obj({"section": STRING, "quote": STRING}, {"document": STRING, "page": STRING})
    override = obj({"colour": {"enum": [c.id for c in framework.scale]}, "reason": ref}, {"by": STRING})
    return {
        "$schema": DRAFT,
        "title": f"veikart area (areas/*.yaml) for framework {framework.id}",
        **obj({"id": IDENT, "name": ref, "section": STRING, "summary": ref, "evidence": evidence}, optional),
        "definitions": {"text": text(list(framework.languages)), "source": source, "override": override},
    }


def schema_json(schema: Schema) -> str:
    import json

    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
