"""Matrix and criteria → JSON and CSV for other programs. Amounts are exact decimal strings."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from veikart_cli.engine.rules import Trend, point
from veikart_cli.engine.scoring import Assessment, Matrix
from veikart_cli.model.evidence import ChecklistEvidence, TargetEvidence
from veikart_cli.model.types import (
    AmountRule,
    CompositeRule,
    Driver,
    Framework,
    Level,
    LevelRule,
    Rule,
    TargetBand,
    TargetRule,
    Text,
    criteria_items,
)
from veikart_cli.model.vocabulary import Language
from veikart_cli.render.phrases import (
    STALE_MARK,
    caveat_text,
    evidence_text,
    provenance_line,
    series_values,
    year_text,
)
from veikart_cli.render.sanitize import csv_text, json_text

SCHEMA_VERSION = 1


def number(value: Decimal | None) -> str | None:
    return None if value is None else format(value.normalize(), "f")


def fields(record: Any, lang: Language, *names: str) -> dict[str, Any]:
    """The named fields of a record as JSON holds them: a text in `lang`, an amount as an exact string."""
    values = ((name, getattr(record, name)) for name in names)
    return {k: v.get(lang) if isinstance(v, Text) else number(v) if isinstance(v, Decimal) else v for k, v in values}


def series_data(trend: Trend | None, value: object, lang: Language) -> dict[str, Any]:
    """The trend of a cell or a part, and the year of its value from a series (none without)."""
    data: dict[str, Any] = {}
    if trend is not None:
        values = [{"when": o.when, "value": number(point(o))} for o in trend.used]
        data["trend"] = fields(trend.level, lang, "id", "label", "symbol") | {"values": values}
        data["trend"] |= fields(trend, lang, "observed", "needed", "ratio", "target")
        data["trend"] |= {"by": trend.by or None, "from": trend.inputs}
    if isinstance(value, TargetEvidence) and value.series:
        data.update(year=value.when, stale=value.stale)
    return data


def cell_data(cell: Assessment, lang: Language) -> dict[str, Any]:
    override, value = cell.override, cell.evidence.value
    data = {"driver": cell.driver.id, **fields(cell, lang, "colours", "computed", "uncertain")}
    data["overridden"] = override is not None
    data["override"] = fields(override, lang, "colour", "reason") if override else None
    data["inferred"] = cell.evidence.inferred
    data["evidence"] = evidence_text(cell, lang)
    data |= fields(cell.reading, lang, "low", "high")
    data["fired"] = [item.criterion.get(lang) for item in cell.reading.fired]
    data["because"] = cell.evidence.because.get(lang)
    data["sources"] = [fields(s, lang, "document", "section", "page", "quote") for s in cell.evidence.sources]
    if cell.reading.target is not None:
        data["target"] = number(cell.reading.target)
    if cell.state is not None:
        data["state"] = fields(cell.state, lang, "id", "reason")
    if cell.parts:
        data["parts"] = [
            {"part": r.part.id, "colours": r.computed, **fields(r.reading, lang, "low", "high", "target")}
            | {"deciding": r.part.id in cell.deciding, **series_data(r.reading.trend, r.value, lang)}
            for r in cell.parts
        ]
    data.update(series_data(cell.trend, value, lang))
    if isinstance(value, TargetEvidence) and value.series:
        sources = [fields(o.source, lang, "section", "quote") if o.source else None for o in value.series]
        data["series"] = [{"when": o.when, "value": o.amount.text, "source": s} for o, s in zip(value.series, sources)]
    elif series_values(cell):  # a composite's parts: the years their values are from
        data.update(year=year_text(cell).rstrip(STALE_MARK), stale=year_text(cell).endswith(STALE_MARK))
    if isinstance(value, ChecklistEvidence):  # the why of a checklist's count
        data["elements"] = [{"id": i.element, **fields(i, lang, "status", "actors", "note")} for i in value.items]
    return data


def header(framework: Framework, lang: Language) -> dict[str, Any]:
    return {
        "veikart": SCHEMA_VERSION,
        "framework": framework.id,
        "title": framework.title.get(lang),
        "lang": lang,
        "scale": [fields(c, lang, "id", "label", "symbol") for c in framework.scale],
    }


def driver_data(driver: Driver, lang: Language) -> dict[str, Any]:
    return fields(driver, lang, "id", "name", "question") | {"kind": driver.rule.kind}


def matrix_json(matrix: Matrix, lang: Language) -> str:
    framework, caveat = matrix.framework, matrix.framework.caveat
    data = {**header(framework, lang), **fields(framework, lang, "provenance")}
    data["caveat"] = (
        fields(caveat, lang, "section", "quote") | {"text": caveat_text(framework, lang)} if caveat else None
    )
    data["drivers"] = [driver_data(d, lang) for d in framework.drivers]
    data["areas"] = [
        fields(area, lang, "id", "name", "section") | {"cells": [cell_data(c, lang) for c in cells]}
        for area, cells in matrix.rows
    ]
    names = ("colours", "uncertain", "deciding", "vetoed", "lifts", "overridden", "left_out", "support", "needed")
    for area_data, overall in zip(data["areas"], matrix.overalls):  # none without an overall colour
        area_data["overall"] = fields(overall, lang, *names) | series_data(overall.trend, None, lang)
    return json_text(data)


def matrix_csv(matrix: Matrix, lang: Language) -> str:
    """One row per cell (long format). The overall, trend and year columns only where the framework
    has them; where the data set reconstructs a source, a last column says so on every row."""
    line = provenance_line(matrix.framework, lang, full=True)
    overalls = ["/".join(o.colours) for o in matrix.overalls]
    trends = matrix.framework.trends is not None or any(series_values(c) for c in matrix.cells())
    optional = {"overall": bool(overalls), "trend": trends, "year": trends, "provenance": bool(line)}
    head = ["area", "area_name", "driver", "driver_name", "colours", "computed", "uncertain", "overridden", "inferred"]
    rows = [head + [name for name, shown in optional.items() if shown]]
    for index, (area, cells) in enumerate(matrix.rows):
        for cell in cells:
            row = [area.id, area.name.get(lang), cell.driver.id, cell.driver.name.get(lang)]
            row += ["/".join(cell.colours), "/".join(cell.computed)]
            row += [str(flag).lower() for flag in (cell.uncertain, cell.override is not None, cell.evidence.inferred)]
            if overalls:
                row.append(overalls[index])
            if trends:
                row += [cell.trend.level.id if cell.trend else "", year_text(cell)]
            rows.append(row + ([line] if line else []))  # on every row: no tool that keeps some rows loses it
    return csv_text(rows)


def rule_data(rule: Rule, lang: Language) -> dict[str, Any]:
    if isinstance(rule, LevelRule):
        levels = [fields(v, lang, "id", "colour", "criterion") | {"printed": v.printed or None} for v in rule.levels]
        return {"levels": levels}
    if isinstance(rule, CompositeRule):
        parts = [fields(p, lang, "id", "name") | {"kind": p.rule.kind, **rule_data(p.rule, lang)} for p in rule.parts]
        return {"combine": rule.combine.method, "parts": parts}
    if isinstance(rule, TargetRule):
        bands = [fields(b, lang, "colour", "limit", "inclusive", "criterion") for b in rule.bands]
        return fields(rule, lang, "direction", "measure", "target", "unit") | {"bands": bands}
    bands = [fields(b, lang, "colour", "minimum", "criterion") | {"printed": b.printed or None} for b in rule.bands]
    if isinstance(rule, AmountRule):
        return {"bands": bands, "unit": rule.unit, "units": {u.name: number(u.factor) for u in rule.units}}
    return {"bands": bands, "elements": [fields(e, lang, "id", "name") for e in rule.elements]}


def criteria_json(framework: Framework, lang: Language) -> str:
    drivers = [driver_data(d, lang) | rule_data(d.rule, lang) for d in framework.drivers]
    return json_text({**header(framework, lang), "drivers": drivers})


def criteria_csv(framework: Framework, lang: Language) -> str:
    """One row per band or level: driver, kind, the colour it gives, its lower bound, its text."""
    rows = [["driver", "driver_name", "kind", "colour", "level", "minimum", "criterion"]]
    for d in framework.drivers:
        for item in criteria_items(d.rule):
            level = item.id if isinstance(item, Level) else ""
            bound = item.limit if isinstance(item, TargetBand) else None if isinstance(item, Level) else item.minimum
            shown = (item.colour, level, number(bound) or "", item.criterion.get(lang))
            rows.append([d.id, d.name.get(lang), d.rule.kind, *shown])
    return csv_text(rows)


schema_text = json_text  # a JSON Schema as a file: names from the framework escaped as every JSON output's are
