"""The pure engine: (framework, areas) → matrix of assessments. No I/O, no YAML, no printing.

Expects a validated data set: every area has evidence for every driver, bands ascend.
"""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from veikart_cli.model.types import (
    AmountEvidence,
    AmountRule,
    Area,
    Band,
    ChecklistEvidence,
    ChecklistRule,
    Driver,
    Evidence,
    Framework,
    Level,
    LevelEvidence,
    LevelRule,
    Override,
)

Fired = Band | Level


class Assessment(NamedTuple):
    """One cell: the colour(s) the rule gives, why, and any override."""

    area: Area
    driver: Driver
    evidence: Evidence
    computed: tuple[str, ...]  # colour ids, best first; several when the evidence spans bands
    fired: tuple[Fired, ...]  # the bands or levels the evidence falls in
    low: Decimal | None = None  # the measured amount or count (None for levels)
    high: Decimal | None = None

    @property
    def override(self) -> Override | None:
        return self.evidence.override

    @property
    def colours(self) -> tuple[str, ...]:
        """What the cell shows: the override's colour if there is one, else the computed ones."""
        return (self.override.colour,) if self.override else self.computed

    @property
    def uncertain(self) -> bool:
        return len(self.colours) > 1


class Matrix(NamedTuple):
    framework: Framework
    rows: tuple[tuple[Area, tuple[Assessment, ...]], ...]  # one row per area, one cell per driver

    def cells(self) -> list[Assessment]:
        return [cell for _, row in self.rows for cell in row]


def score(framework: Framework, areas: tuple[Area, ...]) -> Matrix:
    rows = tuple((area, tuple(assess(framework, area, driver) for driver in framework.drivers)) for area in areas)
    return Matrix(framework, rows)


def assess(framework: Framework, area: Area, driver: Driver) -> Assessment:
    evidence = area.evidence_for(driver.id)
    if evidence is None:
        raise ValueError(f"area '{area.id}' has no evidence for '{driver.id}' (validate first)")
    rule, value = driver.rule, evidence.value
    low = high = None
    fired: tuple[Fired, ...]
    if value is None:  # validated: an override carries the colour
        fired = ()
    elif isinstance(rule, AmountRule) and isinstance(value, AmountEvidence):
        low, high = value.low, value.high
        fired = bands_between(rule.bands, low, high)
    elif isinstance(rule, ChecklistRule) and isinstance(value, ChecklistEvidence):
        # A partly available element may or may not count: the count becomes a range.
        low = Decimal(value.tally("present"))
        high = low + value.tally("partial")
        fired = bands_between(rule.bands, low, high)
    elif isinstance(rule, LevelRule) and isinstance(value, LevelEvidence):
        fired = tuple(level for level in rule.levels if level.id in value.levels)
    else:
        raise ValueError(f"evidence for '{driver.id}' does not fit its {rule.kind} rule (validate first)")
    colours = sorted({item.colour for item in fired}, key=framework.rank)
    return Assessment(area, driver, evidence, tuple(colours), fired, low, high)


def band_index(bands: tuple[Band, ...], value: Decimal) -> int:
    """The band whose lower bound is the greatest one not above the value."""
    index = 0
    for i, band in enumerate(bands):
        if band.minimum is None or band.minimum <= value:
            index = i
    return index


def bands_between(bands: tuple[Band, ...], low: Decimal, high: Decimal) -> tuple[Band, ...]:
    return bands[band_index(bands, low) : band_index(bands, high) + 1]
