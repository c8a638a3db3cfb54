"""The overall colour in every output: as one more column of the matrix, and why it is what it is."""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_FLOOR

from veikart_cli.engine.rules import Reading
from veikart_cli.engine.scoring import Assessment, Matrix, Overall
from veikart_cli.engine.whatif import fold
from veikart_cli.model.evidence import Area, Evidence
from veikart_cli.model.types import Driver, Framework, LevelRule, Text
from veikart_cli.model.vocabulary import Language
from veikart_cli.problems import Location
from veikart_cli.render.phrases import colour_text, language, names, percent, trend_level, word
from veikart_cli.render.sanitize import terminal

OVERALL_ID = "overall"


def overall_driver(lang: Language, loc: Location) -> Driver:
    """The overall as a driver, so that a renderer draws it as it draws a cell."""
    return Driver(OVERALL_ID, Text.of(word("overall", lang)), Text.of(""), LevelRule(()), loc)


def with_overall(matrix: Matrix, lang: Language) -> Matrix:
    """For tables and figures: the overall as one more column of assessments (none without overall colours)."""
    if not matrix.overalls:
        return matrix
    driver = overall_driver(lang, matrix.framework.drivers[0].loc)
    framework = matrix.framework._replace(drivers=(*matrix.framework.drivers, driver))
    rows = tuple(
        (area, (*cells, overall_cell(area, driver, overall)))
        for (area, cells), overall in zip(matrix.rows, matrix.overalls, strict=True)
    )
    return Matrix(framework, rows)


def overall_cell(area: Area, driver: Driver, overall: Overall) -> Assessment:
    evidence = Evidence(OVERALL_ID, None, Text.of(""), (), area.loc)
    return Assessment(area, driver, evidence, Reading(overall.colours, (), trend=overall.trend))


def overall_fields(framework: Framework, overall: Overall, lang: Language) -> list[tuple[str, str]]:
    """(label, text) lines: the colour, which drivers decided it, and how close the next one is."""
    shown = colour_text(framework, overall.colours, lang) if overall.colours else "–"
    fields = [(word("colour", lang), shown)]
    if overall.uncertain:
        fields.append((word("uncertain-label", lang), word("uncertain", lang)))
    if overall.vetoed:
        fields.append((word("vetoed-by", lang).capitalize(), names(framework, overall.vetoed, lang)))
    elif overall.deciding:
        fields.append((word("decided-by", lang).capitalize(), names(framework, overall.deciding, lang)))
    if not overall.vetoed:  # under a veto the weight did not decide
        fields += weight_fields(framework, overall, lang)
    if overall.lifts:
        fields.append((word("lifted-by", lang), f"{names(framework, overall.lifts, lang)} ({word('lifts', lang)})"))
    if overall.overridden:
        drivers = names(framework, overall.overridden, lang)
        fields.append((word("override-label", lang), word("overall-override", lang, drivers=drivers)))
    if overall.left_out:
        fields.append((word("state", lang), f"{word('left-out', lang)}: {names(framework, overall.left_out, lang)}"))
    if overall.trend is not None:  # the area's trend from its drivers' (engine/trends.py)
        inputs = word("trend-combined", lang, inputs=names(framework, overall.trend.inputs, lang))
        level = trend_level(overall.trend, lang)
        fields.append((word("trend", lang), f"{level} ({inputs})" if overall.trend.inputs else level))
    return fields


def weight_fields(framework: Framework, overall: Overall, lang: Language) -> list[tuple[str, str]]:
    """A weighted overall: the weight's share at its colour or better (not for the worst colour), and the
    points more the next colour needs, rounded outwards so that the figure shown is always enough."""
    fields: list[tuple[str, str]] = []
    combination, ranks = framework.overall, [framework.rank(c) for c in overall.colours]
    if combination is None or not ranks:
        return fields
    best = min(ranks)
    if overall.support is not None and best < len(framework.scale) - 1:
        colour = colour_text(framework, (framework.scale[best].id,), lang)
        share = percent(overall.support, lang, rounding=ROUND_FLOOR)
        majority = percent(combination.majority, lang)
        fields.append((word("weight", lang), word("support", lang, share=share, colour=colour, majority=majority)))
    if overall.needed and 0 < best <= len(framework.scale) - 1:
        colour = colour_text(framework, (framework.scale[best - 1].id,), lang)
        points = percent(overall.needed, lang, rounding=ROUND_CEILING, unit=word("percentage-points", lang))
        fields.append((word("margin", lang), word("needed", lang, amount=points, colour=colour)))
    return fields


def explain_overall(matrix: Matrix, area_id: str, lang: Language) -> str:
    overall = matrix.overall(area_id)
    if overall is None:
        return ""
    area = next(a for a, _ in matrix.rows if a.id == area_id)
    lines = [f"{area.name.get(lang)} ({area.section}) – {word('overall', lang)}"]
    lines += [f"  {label}: {text}" for label, text in overall_fields(matrix.framework, overall, lang)]
    return "\n".join(terminal(line) for line in lines)  # one line each: data never starts a line


def means_overall(framework: Framework, driver: str) -> bool:
    """'overall', or the overall column's word in any of the framework's languages (samlet), unless a driver's id."""
    words = {"overall"} | {fold(word("overall", language(framework, code))) for code in framework.languages}
    return fold(driver) in words and all(fold(d.id) != fold(driver) for d in framework.drivers)
