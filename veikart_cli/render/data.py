"""Matrix → JSON and CSV for other programs. Amounts are exact decimal strings."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import Any

from veikart_cli.engine import Assessment, Matrix
from veikart_cli.render.cells import evidence_text

SCHEMA_VERSION = 1


def number(value: Decimal | None) -> str | None:
    return None if value is None else format(value.normalize(), "f")


def cell_data(cell: Assessment, lang: str) -> dict[str, Any]:
    override = cell.override
    return {
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


def matrix_json(matrix: Matrix, lang: str) -> str:
    import json

    framework = matrix.framework
    data = {
        "veikart": SCHEMA_VERSION,
        "framework": framework.id,
        "title": framework.title.get(lang),
        "lang": lang,
        "scale": [{"id": c.id, "label": c.label.get(lang), "symbol": c.symbol} for c in framework.scale],
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
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


CSV_COLUMNS = ("area", "area_name", "driver", "driver_name", "colours", "computed", "uncertain", "overridden", "inferred")


def matrix_csv(matrix: Matrix, lang: str) -> str:
    """One row per cell (long format): easy to filter, pivot or join."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for area, cells in matrix.rows:
        for cell in cells:
            writer.writerow([
                area.id, area.name.get(lang), cell.driver.id, cell.driver.name.get(lang),
                "/".join(cell.colours), "/".join(cell.computed),
                str(cell.uncertain).lower(), str(cell.override is not None).lower(),
                str(cell.evidence.inferred).lower(),
            ])
    return out.getvalue()
