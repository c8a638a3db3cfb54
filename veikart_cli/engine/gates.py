"""Result gates for CI: which cells match a --fail-on condition. Pure; no I/O."""

from __future__ import annotations

from collections.abc import Callable

from veikart_cli.engine.rules import Reading
from veikart_cli.engine.scoring import Assessment, Matrix
from veikart_cli.model.evidence import Evidence
from veikart_cli.model.types import Driver, Framework, LevelRule, Text

# Conditions besides the framework's colour ids: what each means, and whether a cell meets it.
KEYWORDS: dict[str, tuple[str, Callable[[Assessment], bool]]] = {
    "uncertain": ("the evidence spans more than one colour", lambda cell: cell.uncertain),
    "override": ("the colour is set by judgement", lambda cell: cell.override is not None),
    "unknown": ("the rule computes no colour (no figure given)", lambda cell: not cell.computed),
    "inferred": ("the level is inferred: the source has no passage on the driver", lambda cell: cell.evidence.inferred),
}
OVERALL = "overall:"  # a condition on an area's overall colour: overall:red, overall:uncertain
TREND = "trend:"  # a condition on a cell's trend: trend:decreasing
OVERALL_DRIVER = "overall"  # the driver of an area's overall shown as a cell


def conditions(framework: Framework) -> dict[str, str]:
    """Every condition this framework allows, with what it means."""
    found = {c.id: f"the cell shows {c.id}, alone or as one of several colours" for c in framework.scale}
    found.update({s.id: f"the cell is in the state {s.id}" for s in framework.states})
    found.update({keyword: meaning for keyword, (meaning, _) in KEYWORDS.items()})
    if framework.overall is not None:
        every = (*framework.scale, *framework.states)
        found.update({f"{OVERALL}{c.id}": f"the area's overall colour shows {c.id}" for c in every})
        found[f"{OVERALL}uncertain"] = "the area's overall colour depends on an uncertain cell"
    if (t := framework.trends) is not None:
        levels = (*t.levels, t.achieved, t.no_data)
        found.update({f"{TREND}{lv.id}": f"the cell's trend, or one of its parts', is {lv.id}" for lv in levels})
    return found


def matches(cell: Assessment, condition: str) -> bool:
    if condition.startswith(TREND):  # the cell's trend (a composite's from its parts), or one of its parts'
        trends = (cell.trend, *(r.reading.trend for r in cell.parts))
        return any(t is not None and t.level.id == condition[len(TREND) :] for t in trends)
    return KEYWORDS[condition][1](cell) if condition in KEYWORDS else condition in cell.colours


def failing(matrix: Matrix, wanted: list[str]) -> list[tuple[Assessment, str]]:
    """(cell, the first condition it matches), in matrix order; a matching overall as an OVERALL_DRIVER cell."""
    found = []
    cell_conditions = [c for c in wanted if not c.startswith(OVERALL)]
    overall_conditions = [c[len(OVERALL) :] for c in wanted if c.startswith(OVERALL)]
    for index, (area, cells) in enumerate(matrix.rows):
        for cell in cells:
            hit = next((c for c in cell_conditions if matches(cell, c)), None)
            if hit:
                found.append((cell, hit))
        if overall_conditions and matrix.overalls:  # an overall's colour ids are never taken as keywords
            overall = matrix.overalls[index]
            shows = (overall.uncertain if c == "uncertain" else c in overall.colours for c in overall_conditions)
            hit = next((c for c, shown in zip(overall_conditions, shows) if shown), None)
            if hit:  # the overall as a cell, so that gate lines show it like any other
                driver = Driver(OVERALL_DRIVER, Text.of(OVERALL_DRIVER), Text.of(""), LevelRule(()), area.loc)
                evidence = Evidence(OVERALL_DRIVER, None, Text.of(""), (), area.loc)
                found.append((Assessment(area, driver, evidence, Reading(overall.colours, ())), OVERALL + hit))
    return found
