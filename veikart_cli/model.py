"""The typed model of a framework (criteria/) and its areas (areas/). Plain frozen data.

Nothing here knows how many drivers or colours there are, or which languages: the
framework file declares them.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Union

from veikart_cli.problems import Location


@dataclass(frozen=True)
class Text:
    """Text in one or more languages; `get` falls back to the first one given."""

    values: tuple[tuple[str, str], ...]

    def get(self, lang: str) -> str:
        for code, value in self.values:
            if code == lang:
                return value
        return self.values[0][1] if self.values else ""

    @classmethod
    def of(cls, value: str) -> Text:
        return cls((("", value),))


@dataclass(frozen=True)
class Colour:
    id: str
    label: Text
    symbol: str
    background: str  # '#rrggbb' for terminal and HTML cells


@dataclass(frozen=True)
class Band:
    """A colour for every value from `minimum` (inclusive) up to the next band's minimum."""

    colour: str
    minimum: Decimal | None  # None: no lower bound
    criterion: Text
    loc: Location


@dataclass(frozen=True)
class Unit:
    name: str
    factor: Decimal


@dataclass(frozen=True)
class AmountRule:
    unit: str  # what is measured, e.g. "NOK/år"
    units: tuple[Unit, ...]  # names an amount may be written in, with their factor
    bands: tuple[Band, ...]
    kind: str = "amount"


@dataclass(frozen=True)
class Element:
    id: str
    name: Text
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class ChecklistRule:
    elements: tuple[Element, ...]
    bands: tuple[Band, ...]  # minimum = number of elements present
    kind: str = "checklist"


@dataclass(frozen=True)
class Level:
    id: str
    colour: str
    criterion: Text
    loc: Location


@dataclass(frozen=True)
class LevelRule:
    levels: tuple[Level, ...]
    kind: str = "level"


Rule = Union[AmountRule, ChecklistRule, LevelRule]
RULE_KINDS = ("amount", "checklist", "level")


@dataclass(frozen=True)
class Driver:
    id: str
    name: Text
    question: Text
    rule: Rule
    loc: Location
    short: Text | None = None  # a column heading where the name is too long
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Document:
    """The report a framework or a quote comes from."""

    id: str
    title: str
    number: str = ""
    date: str = ""
    authors: tuple[str, ...] = ()
    publisher: str = ""
    commissioned_by: str = ""
    url: str = ""


@dataclass(frozen=True)
class Framework:
    id: str
    title: Text
    languages: tuple[str, ...]
    scale: tuple[Colour, ...]  # best first
    drivers: tuple[Driver, ...]
    path: str
    source: Document | None = None
    caveat: Text | None = None
    horizon: Text | None = None

    def colour(self, colour_id: str) -> Colour:
        return next(c for c in self.scale if c.id == colour_id)

    def rank(self, colour_id: str) -> int:
        """0 for the best colour; used to order colours."""
        return next(i for i, c in enumerate(self.scale) if c.id == colour_id)


@dataclass(frozen=True)
class Source:
    section: str
    quote: str
    loc: Location
    document: str = ""  # a document id; empty means the framework's source
    page: str = ""


@dataclass(frozen=True)
class Override:
    colour: str
    reason: Text
    loc: Location
    by: str = ""


@dataclass(frozen=True)
class AmountEvidence:
    low: Decimal
    high: Decimal
    text: str  # as written, e.g. "200–300 MNOK"


CHECK_STATUSES = ("present", "partial", "missing")


@dataclass(frozen=True)
class ElementStatus:
    element: str
    status: str  # one of CHECK_STATUSES
    actors: tuple[str, ...] = ()
    note: Text | None = None


@dataclass(frozen=True)
class ChecklistEvidence:
    items: tuple[ElementStatus, ...]

    def count(self, status: str) -> int:
        return sum(1 for item in self.items if item.status == status)


@dataclass(frozen=True)
class LevelEvidence:
    levels: tuple[str, ...]  # one level, or several when the evidence fits more than one


Value = Union[AmountEvidence, ChecklistEvidence, LevelEvidence]


@dataclass(frozen=True)
class Evidence:
    driver: str
    value: Value | None  # None only with an override: no figure, colour set by judgement
    because: Text
    sources: tuple[Source, ...]
    loc: Location
    inferred: bool = False  # no passage of the source speaks to this driver directly
    override: Override | None = None


@dataclass(frozen=True)
class Area:
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
        return next((e for e in self.evidence if e.driver == driver_id), None)


@dataclass(frozen=True)
class DataSet:
    framework: Framework
    areas: tuple[Area, ...] = ()
