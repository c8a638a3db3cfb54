"""The JSON Schema of series and trends: a framework's `trends`, `max-age` and a target rule's
`trend`; an area's `series` in place of `value` (checks/schema.py puts them in)."""

from __future__ import annotations

from typing import Any

from veikart_cli.model.types import TREND_COMBINATIONS

Schema = dict[str, Any]
_SCALAR: Schema = {"type": ["string", "number"]}
_STRING: Schema = {"type": "string", "minLength": 1}
_YEARS: Schema = {"type": ["integer", "string"], "pattern": "^[0-9]{1,4}$"}
_WHEN = "^[0-9]{4}(-[0-9]{2}-[0-9]{2})?$"


def _obj(required: dict[str, Schema], optional: dict[str, Schema] | None = None) -> Schema:
    return {
        "type": "object",
        "required": list(required),
        "properties": {**required, **(optional or {})},
        "additionalProperties": False,
    }


def trends_schema(text: Schema, ident: Schema) -> Schema:
    level = _obj({"id": ident, "label": text, "symbol": _STRING}, {"at-least": _SCALAR})
    special = _obj({"id": ident, "label": text, "symbol": _STRING})
    return _obj({"levels": {"type": "array", "items": level, "minItems": 2}, "achieved": special, "no-data": special})


TREND_RULE: Schema = _obj({"window": _YEARS, "by": _YEARS}, {"minimum": _YEARS})
TREND_COMBINATION: Schema = {"enum": list(TREND_COMBINATIONS)}


def series_schema(source: Schema) -> Schema:
    item = _obj({"year": {"type": ["integer", "string"], "pattern": _WHEN}, "value": _SCALAR}, {"source": source})
    by_year = {
        "type": "object",
        "propertyNames": {"pattern": _WHEN},
        "additionalProperties": _SCALAR,
        "minProperties": 1,
    }
    return {"oneOf": [{"type": "array", "items": item, "minItems": 1}, by_year]}


DESCRIPTIONS = {
    "trends": "The trend levels, best first: each but the last reached at 'at-least' (the observed annual "
    "change as a share of the change needed); 'achieved' for a value at or past its target, 'no-data' for too few values.",
    "max-age": "Years: a series value older than this before the edition's year (or --at) is flagged.",
    "trend": "A target rule: {window: years, by: the target year}; a composite or the overall: how the "
    "inputs' trends combine (mean, worst or best).",
    "series-missing": "The state (e.g. no data) of a series with no value yet at --at YEAR; without it, such a year is refused.",
    "series": "A value per year (or date), each with its own source: a list of {year, value, source}, or {year: value}.",
    "window": "Years back from the latest value that the trend uses.",
    "by": "The year the target is to be reached.",
    "minimum": "How many values in the window a trend needs (default 2).",
    "year": "A year (2021) or a date (2021-06-30).",
    "achieved": "The trend of a value at or past its target (maintaining achievement).",
    "no-data": "The trend of a series with too few values in its window.",
}
