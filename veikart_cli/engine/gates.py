"""Result gates for CI: which cells match a --fail-on condition. Pure; no I/O."""

from __future__ import annotations

from veikart_cli.engine.scoring import Assessment, Matrix, Overall
from veikart_cli.model.evidence import Area, Evidence
from veikart_cli.model.types import Driver, Framework, LevelRule, Text

# Conditions besides the framework's colour ids.
KEYWORDS = {
    "uncertain": "the evidence spans more than one colour",
    "override": "the colour is set by judgement",
    "unknown": "the rule computes no colour (no figure given)",
    "inferred": "the level is inferred: the source has no passage on the driver",
}


OVERALL = "overall:"  # a condition on an area's overall colour: overall:red, overall:uncertain


def conditions(framework: Framework) -> dict[str, str]:
    """Every condition this framework allows, with what it means."""
    colours = {c.id: f"the cell shows {c.id}, alone or as one of several colours" for c in framework.scale}
    states = {s.id: f"the cell is in the state {s.id}" for s in framework.states}
    overall: dict[str, str] = {}
    if framework.overall is not None:
        every = (*framework.scale, *framework.states)
        overall = {f"{OVERALL}{c.id}": f"the area's overall colour shows {c.id}" for c in every}
        overall[f"{OVERALL}uncertain"] = "the area's overall colour depends on an uncertain cell"
    return {**colours, **states, **KEYWORDS, **overall, **trend_conditions(framework)}


TREND = "trend:"  # a condition on a cell's trend: trend:decreasing


def trend_conditions(framework: Framework) -> dict[str, str]:
    if framework.trends is None:
        return {}
    t = framework.trends
    return {
        f"{TREND}{lv.id}": f"the cell's trend, or one of its parts', is {lv.id}"
        for lv in (*t.levels, t.achieved, t.no_data)
    }


def trend_matches(cell: Assessment, level: str) -> bool:
    """The cell's trend (a composite's from its parts), or one of its parts', is at this level."""
    trends = [cell.trend, *(r.reading.trend for r in cell.parts)]
    return any(t is not None and t.level.id == level for t in trends)


def matches(cell: Assessment, condition: str) -> bool:
    if condition == "uncertain":
        return cell.uncertain
    if condition == "override":
        return cell.override is not None
    if condition == "unknown":
        return not cell.computed
    if condition == "inferred":
        return cell.evidence.inferred
    if condition.startswith(TREND):
        return trend_matches(cell, condition[len(TREND) :])
    return condition in cell.colours


def failing(matrix: Matrix, wanted: list[str]) -> list[tuple[Assessment, str]]:
    """(cell, the first condition it matches), in matrix order; an area's overall that matches
    an `overall:` condition comes as a cell of the driver OVERALL_DRIVER after its row."""
    found = []
    cell_conditions = [c for c in wanted if not c.startswith(OVERALL)]
    overall_conditions = [c[len(OVERALL) :] for c in wanted if c.startswith(OVERALL)]
    for index, (area, cells) in enumerate(matrix.rows):
        for cell in cells:
            hit = next((c for c in cell_conditions if matches(cell, c)), None)
            if hit:
                found.append((cell, hit))
        if overall_conditions and matrix.overalls:
            overall = matrix.overalls[index]
            hit = next((c for c in overall_conditions if overall_matches(overall, c)), None)
            if hit:
                found.append((overall_assessment(area, overall), OVERALL + hit))
    return found


def overall_matches(overall: Overall, condition: str) -> bool:
    return overall.uncertain if condition == "uncertain" else condition in overall.colours


OVERALL_DRIVER = "overall"


def overall_assessment(area: Area, overall: Overall) -> Assessment:
    """An area's overall as a cell, so that gate lines show it like any other."""
    driver = Driver(OVERALL_DRIVER, Text.of(OVERALL_DRIVER), Text.of(""), LevelRule(()), area.loc)
    evidence = Evidence(OVERALL_DRIVER, None, Text.of(""), (), area.loc)
    return Assessment(area, driver, evidence, overall.colours, ())
