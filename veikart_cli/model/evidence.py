"""The typed evidence of an area (areas/*.yaml), and a data set: a framework with its areas."""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from veikart_cli.model.types import Framework, Source, Text
from veikart_cli.problems import Location


class Override(NamedTuple):
    colour: str
    reason: Text
    loc: Location
    by: str = ""


class AmountEvidence(NamedTuple):
    low: Decimal | None  # None: no lower end ("under 100 MNOK")
    high: Decimal | None  # None: no upper end ("minst 100 MNOK")
    text: str  # as written, e.g. "200–300 MNOK"
    low_excluded: bool = False  # "over 1 mrd": the low end itself is not in the range
    high_excluded: bool = False  # "under 100 MNOK"


CHECK_STATUSES = ("present", "partial", "missing")


class ElementStatus(NamedTuple):
    element: str
    status: str  # one of CHECK_STATUSES
    actors: tuple[str, ...] = ()
    note: Text | None = None


class ChecklistEvidence(NamedTuple):
    items: tuple[ElementStatus, ...]

    def tally(self, status: str) -> int:
        return sum(1 for item in self.items if item.status == status)


class LevelEvidence(NamedTuple):
    levels: tuple[str, ...]  # one level, or several when the evidence fits more than one


class Observation(NamedTuple):
    """One value of a series: `{year: 2021, value: 12 %, source: {…}}`."""

    when: str  # as written: '2021' or '2021-06-30'
    time: Decimal  # in years: 2021, or 2021.49 for a date
    amount: AmountEvidence
    loc: Location
    source: Source | None = None


class TargetEvidence(NamedTuple):
    amount: AmountEvidence
    target: Decimal | None  # the area's own target; None: the rule's
    target_text: str = ""
    series: tuple[Observation, ...] = ()  # oldest first; `amount` is the latest (or the one --at chose)
    when: str = ""  # the year (or date) `amount` is from, when it comes from a series
    stale: bool = False  # older than the framework's max-age at the edition's year (model/series.py)


class State(NamedTuple):
    """A driver or a composite's part in a state outside the colour order (not assessed, no
    data, complete), with why."""

    id: str
    reason: Text
    loc: Location


PartValue = AmountEvidence | ChecklistEvidence | LevelEvidence | TargetEvidence | State


class CompositeEvidence(NamedTuple):
    parts: tuple[tuple[str, PartValue], ...]  # a part in a state (not assessed, no data) has its State

    def part(self, part_id: str) -> PartValue | None:
        return next((value for name, value in self.parts if name == part_id), None)


Value = AmountEvidence | ChecklistEvidence | LevelEvidence | TargetEvidence | CompositeEvidence


class Evidence(NamedTuple):
    driver: str
    value: Value | None  # None only with an override: no figure, colour set by judgement
    because: Text
    sources: tuple[Source, ...]
    loc: Location
    inferred: bool = False  # no passage of the source speaks to this driver directly
    override: Override | None = None
    state: State | None = None  # then value is None and the cell shows the state


class Area(NamedTuple):
    id: str
    name: Text
    section: str
    summary: Text
    evidence: tuple[Evidence, ...]
    path: str
    loc: Location
    aliases: tuple[str, ...] = ()
    recommendations: tuple[Text, ...] = ()
    actors: tuple[str, ...] = ()
    research_groups: tuple[str, ...] = ()
    projects: tuple[str, ...] = ()
    lists_section: str = ""  # where the lists above come from

    def evidence_for(self, driver_id: str) -> Evidence | None:
        return next((evidence for evidence in self.evidence if evidence.driver == driver_id), None)


class DataSet(NamedTuple):
    framework: Framework
    areas: tuple[Area, ...] = ()
