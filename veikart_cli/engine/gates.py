"""Result gates for CI: which cells match a --fail-on condition. Pure; no I/O."""

from __future__ import annotations

from veikart_cli.engine.scoring import Assessment, Matrix
from veikart_cli.model.types import Framework

# Conditions besides the framework's colour ids.
KEYWORDS = {
    "uncertain": "the evidence spans more than one colour",
    "override": "the colour is set by judgement",
    "unknown": "the rule computes no colour (no figure given)",
    "inferred": "the level is inferred: the source has no passage on the driver",
}


def conditions(framework: Framework) -> dict[str, str]:
    """Every condition this framework allows, with what it means."""
    colours = {c.id: f"the cell shows {c.id}, alone or as one of several colours" for c in framework.scale}
    return {**colours, **KEYWORDS}


def matches(cell: Assessment, condition: str) -> bool:
    if condition == "uncertain":
        return cell.uncertain
    if condition == "override":
        return cell.override is not None
    if condition == "unknown":
        return not cell.computed
    if condition == "inferred":
        return cell.evidence.inferred
    return condition in cell.colours


def failing(matrix: Matrix, wanted: list[str]) -> list[tuple[Assessment, str]]:
    """(cell, the first condition it matches), in matrix order."""
    found = []
    for cell in matrix.cells():
        hit = next((c for c in wanted if matches(cell, c)), None)
        if hit:
            found.append((cell, hit))
    return found
