"""Matrix → JSON and CSV for other programs. Amounts are exact decimal strings."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import Any

from veikart_cli.engine.scoring import Assessment, Matrix, Overall
from veikart_cli.model.evidence import ChecklistEvidence
from veikart_cli.model.types import (
    AmountRule,
    CompositeRule,
    Framework,
    Level,
    LevelRule,
    Rule,
    TargetBand,
    TargetRule,
    criteria_items,
)
from veikart_cli.model.vocabulary import Language
from veikart_cli.render.phrases import caveat_text, evidence_text, provenance_line
from veikart_cli.render.sanitize import csv_cell, json_text
from veikart_cli.render.trendtext import cell_series_data, has_series, part_series_data, trend_data, year_text

SCHEMA_VERSION = 1


def number(value: Decimal | None) -> str | None:
    return None if value is None else format(value.normalize(), "f")


def cell_data(cell: Assessment, lang: Language) -> dict[str, Any]:
    override = cell.override
    data = {
        "driver": cell.driver.id,
        "colours": list(cell.colours),
        "computed": list(cell.computed),
        "uncertain": cell.uncertain,
        "overridden": override is not None,
        "override": {"colour": override.colour, "reason": override.reason.get(lang)} if override else None,
        "inferred": cell.evidence.inferred,
        "evidence": evidence_text(cell, lang),
        "low": number(cell.low),
        "high": number(cell.high),
        "fired": [item.criterion.get(lang) for item in cell.fired],
        "because": cell.evidence.because.get(lang),
        "sources": [
            {"document": s.document, "section": s.section, "page": s.page, "quote": s.quote}
            for s in cell.evidence.sources
        ],
    }
    if cell.target is not None:
        data["target"] = number(cell.target)
    if cell.state is not None:
        data["state"] = {"id": cell.state.id, "reason": cell.state.reason.get(lang)}
    if cell.parts:
        data["parts"] = [
            {
                "part": r.part.id,
                "colours": list(r.computed),
                "low": number(r.reading.low),
                "high": number(r.reading.high),
                "target": number(r.reading.target),
                "deciding": r.part.id in cell.deciding,
                **part_series_data(r.reading.trend, r.value, lang),
            }
            for r in cell.parts
        ]
    data.update(cell_series_data(cell, lang))  # a series' year and trend, where there is one
    if isinstance(cell.evidence.value, ChecklistEvidence):  # the why of a checklist's count
        data["elements"] = [
            {
                "id": item.element,
                "status": item.status,
                "actors": list(item.actors),
                "note": item.note.get(lang) if item.note else None,
            }
            for item in cell.evidence.value.items
        ]
    return data


def header(framework: Framework, lang: Language) -> dict[str, Any]:
    return {
        "veikart": SCHEMA_VERSION,
        "framework": framework.id,
        "title": framework.title.get(lang),
        "lang": lang,
        "scale": [{"id": c.id, "label": c.label.get(lang), "symbol": c.symbol} for c in framework.scale],
    }


def matrix_json(matrix: Matrix, lang: Language) -> str:
    framework = matrix.framework
    data = {
        **header(framework, lang),
        **provenance(framework, lang),
        "drivers": [
            {"id": d.id, "name": d.name.get(lang), "question": d.question.get(lang), "kind": d.rule.kind}
            for d in framework.drivers
        ],
        "areas": [
            {
                "id": area.id,
                "name": area.name.get(lang),
                "section": area.section,
                "cells": [cell_data(cell, lang) for cell in cells],
            }
            for area, cells in matrix.rows
        ],
    }
    if matrix.overalls:
        for area_data, overall in zip(data["areas"], matrix.overalls, strict=True):
            area_data["overall"] = overall_data(overall)
            if overall.trend is not None:
                area_data["overall"]["trend"] = trend_data(overall.trend, lang)
    return json_text(data)


def overall_data(overall: Overall) -> dict[str, Any]:
    """The overall of an area for JSON."""
    return {
        "colours": list(overall.colours),
        "uncertain": overall.uncertain,
        "deciding": list(overall.deciding),
        "vetoed": list(overall.vetoed),
        "lifts": list(overall.lifts),
        "overridden": list(overall.overridden),
        "left_out": list(overall.left_out),
        "support": number(overall.support),
        "needed": number(overall.needed),
    }


CSV_COLUMNS = (
    "area",
    "area_name",
    "driver",
    "driver_name",
    "colours",
    "computed",
    "uncertain",
    "overridden",
    "inferred",
)


def matrix_csv(matrix: Matrix, lang: Language) -> str:
    """One row per cell (long format): easy to filter, pivot or join. When the data set
    reconstructs a source, a last column says so on every row, so no row (and no tool that
    keeps only some rows) loses it; the header stays the first line."""
    out = io.StringIO()
    line = provenance_line(matrix.framework, lang, full=True)
    extra = (line,) if line else ()
    writer = csv.writer(out, lineterminator="\n")
    overalls = ["/".join(o.colours) for o in matrix.overalls]  # a column only when declared
    trends = has_series(matrix)  # trend and year columns only where a framework has series
    trend_columns = ("trend", "year") if trends else ()
    writer.writerow(
        CSV_COLUMNS + (("overall",) if overalls else ()) + trend_columns + (("provenance",) if line else ())
    )
    for index, (area, cells) in enumerate(matrix.rows):
        for cell in cells:
            row = (
                area.id,
                area.name.get(lang),
                cell.driver.id,
                cell.driver.name.get(lang),
                "/".join(cell.colours),
                "/".join(cell.computed),
                str(cell.uncertain).lower(),
                str(cell.override is not None).lower(),
                str(cell.evidence.inferred).lower(),
            )
            seen = (cell.trend.level.id if cell.trend else "", year_text(cell)) if trends else ()
            writer.writerow([csv_cell(text) for text in row + ((overalls[index],) if overalls else ()) + seen + extra])
    return out.getvalue()


def rule_data(rule: Rule, lang: Language) -> dict[str, Any]:
    if isinstance(rule, LevelRule):
        return {
            "levels": [
                {"id": v.id, "colour": v.colour, "criterion": v.criterion.get(lang), "printed": v.printed or None}
                for v in rule.levels
            ]
        }
    if isinstance(rule, CompositeRule):
        return {
            "combine": rule.combine.method,
            "parts": [
                {"id": p.id, "name": p.name.get(lang), "kind": p.rule.kind, **rule_data(p.rule, lang)}
                for p in rule.parts
            ],
        }
    if isinstance(rule, TargetRule):
        return {
            "direction": rule.direction,
            "measure": rule.measure,
            "target": number(rule.target),
            "unit": rule.unit,
            "bands": [
                {
                    "colour": b.colour,
                    "limit": number(b.limit),
                    "inclusive": b.inclusive,
                    "criterion": b.criterion.get(lang),
                }
                for b in rule.bands
            ],
        }
    data: dict[str, Any] = {
        "bands": [
            {
                "colour": b.colour,
                "minimum": number(b.minimum),
                "criterion": b.criterion.get(lang),
                "printed": b.printed or None,
            }
            for b in rule.bands
        ]
    }
    if isinstance(rule, AmountRule):
        data["unit"] = rule.unit
        data["units"] = {u.name: number(u.factor) for u in rule.units}
    else:
        data["elements"] = [{"id": e.id, "name": e.name.get(lang)} for e in rule.elements]
    return data


def provenance(framework: Framework, lang: Language) -> dict[str, Any]:
    """Where the colours come from, and the source's own caveat with its attribution."""
    caveat = framework.caveat
    return {
        "provenance": framework.provenance.get(lang) if framework.provenance else None,
        "caveat": {"section": caveat.section, "quote": caveat.quote, "text": caveat_text(framework, lang)}
        if caveat
        else None,
    }


def criteria_json(framework: Framework, lang: Language) -> str:
    data = {
        **header(framework, lang),
        "drivers": [
            {
                "id": d.id,
                "name": d.name.get(lang),
                "question": d.question.get(lang),
                "kind": d.rule.kind,
                **rule_data(d.rule, lang),
            }
            for d in framework.drivers
        ],
    }
    return json_text(data)


def criteria_csv(framework: Framework, lang: Language) -> str:
    """One row per band or level: driver, kind, the colour it gives, its lower bound, its text."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(("driver", "driver_name", "kind", "colour", "level", "minimum", "criterion"))
    for d in framework.drivers:
        rule = d.rule
        for item in criteria_items(rule):
            level = item.id if isinstance(item, Level) else ""
            bound = item.limit if isinstance(item, TargetBand) else None if isinstance(item, Level) else item.minimum
            minimum = number(bound) or ""
            row = (d.id, d.name.get(lang), rule.kind, item.colour, level, minimum, item.criterion.get(lang))
            writer.writerow(tuple(csv_cell(text) for text in row))
    return out.getvalue()


def schema_text(schema: dict[str, Any]) -> str:
    """A JSON Schema as a file: names from the framework escaped as every JSON output's are."""
    return json_text(schema)
