"""The typed model of a framework (criteria/) and its areas (areas/). Plain frozen data.

Nothing here knows how many drivers or colours there are, or which languages: the
framework file declares them. The types are named tuples rather than frozen dataclasses:
a data set holds tens of thousands of them, and named tuples cost a fraction to define
(start-up) and to make (large data sets).
"""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from veikart_cli.model.words import Language, Word
from veikart_cli.problems import Location, typed_equality


class Text(NamedTuple):
    """Text in one or more languages, or in none (code ""): a name, the same in every language.

    `get` of a language the text lacks shows the first language's text, marked as not
    translated, so a reader sees the gap; `validate` reports it as `missing-translation`.
    """

    values: tuple[tuple[str, str], ...]

    def get(self, lang: str) -> str:
        for code, value in self.values:
            if code in (lang, ""):
                return value
        if not self.values:
            return ""
        code, value = self.values[0]
        mark = lang.word("untranslated") if isinstance(lang, Language) else "untranslated"
        return f"[{mark}: {code}] {value}"

    def has(self, lang: str) -> bool:
        return any(code in (lang, "") for code, _ in self.values)

    @property
    def neutral(self) -> bool:
        """Written once for every language (a plain string in the file)."""
        return any(code == "" for code, _ in self.values)

    @classmethod
    def of(cls, value: str) -> Text:
        return cls((("", value),))


class Colour(NamedTuple):
    id: str
    label: Text
    symbol: str
    background: str  # '#rrggbb' for terminal and HTML cells


class Band(NamedTuple):
    """A colour for every value from `minimum` (inclusive) up to the next band's minimum."""

    colour: str
    minimum: Decimal | None  # None: no lower bound
    criterion: Text
    loc: Location
    printed: str = ""  # the criterion exactly as the source prints it, where `criterion` corrects it


class Unit(NamedTuple):
    name: str
    factor: Decimal


class AmountRule(NamedTuple):
    unit: str  # what is measured, e.g. "NOK/år"
    units: tuple[Unit, ...]  # names an amount may be written in, with their factor
    bands: tuple[Band, ...]

    @property
    def kind(self) -> str:  # not a field: a rule cannot be built with another kind
        return "amount"


class Element(NamedTuple):
    id: str
    name: Text
    aliases: tuple[str, ...] = ()


class ChecklistRule(NamedTuple):
    elements: tuple[Element, ...]
    bands: tuple[Band, ...]  # minimum = number of elements present

    @property
    def kind(self) -> str:  # not a field: a rule cannot be built with another kind
        return "checklist"


class Level(NamedTuple):
    id: str
    colour: str
    criterion: Text
    loc: Location
    printed: str = ""  # as for Band


class LevelRule(NamedTuple):
    levels: tuple[Level, ...]

    @property
    def kind(self) -> str:  # not a field: a rule cannot be built with another kind
        return "level"


Rule = AmountRule | ChecklistRule | LevelRule
RULE_KINDS = ("amount", "checklist", "level")


class Driver(NamedTuple):
    id: str
    name: Text
    question: Text
    rule: Rule
    loc: Location
    short: Text | None = None  # a column heading where the name is too long
    aliases: tuple[str, ...] = ()
    question_printed: str = ""  # the question exactly as the source prints it, where `question` corrects it


class Document(NamedTuple):
    """The report a framework or a quote comes from."""

    id: str
    title: str
    number: str = ""
    date: str = ""
    authors: tuple[str, ...] = ()
    publisher: str = ""
    commissioned_by: str = ""
    url: str = ""


class Source(NamedTuple):
    section: str
    quote: str
    loc: Location
    document: str = ""  # a document id; empty means the framework's source
    page: str = ""


class Term(NamedTuple):
    """One of the framework's own tool words: `vocabulary: {lang: {key: word}}`."""

    lang: str
    key: str
    word: Word
    loc: Location


class Method(NamedTuple):
    """A working method the source recommends (the report's chapter 5)."""

    name: Text
    description: Text
    loc: Location
    quote: Source | None = None  # the source's own description, verbatim


class MethodGroup(NamedTuple):
    id: str
    name: Text
    section: str
    methods: tuple[Method, ...]
    loc: Location
    about: Text | None = None


class WorkingMethods(NamedTuple):
    title: Text
    section: str
    groups: tuple[MethodGroup, ...]
    loc: Location


class Framework(NamedTuple):
    id: str
    title: Text
    languages: tuple[str, ...]
    scale: tuple[Colour, ...]  # best first
    drivers: tuple[Driver, ...]
    path: str
    source: Document | None = None
    caveat: Source | None = None  # the source's authors on their own assessment, verbatim
    note: Text | None = None  # a note of the data set's own about the colours
    horizon: Text | None = None
    provenance: Text | None = None  # where the colours shown come from, one sentence
    vocabulary: tuple[Term, ...] = ()
    methods: WorkingMethods | None = None
    conventions: tuple[Text, ...] = ()  # choices of the data set's own, not the source's, shown with the criteria

    def words(self, lang: str) -> dict[str, Word]:
        """The framework's own tool words in one language."""
        return {term.key: term.word for term in self.vocabulary if term.lang == lang}

    # Called for every cell: plain loops over a handful of items, no generator per call.
    def colour(self, colour_id: str) -> Colour:
        for colour in self.scale:
            if colour.id == colour_id:
                return colour
        raise KeyError(colour_id)

    def rank(self, colour_id: str) -> int:
        """0 for the best colour; used to order colours."""
        return self.scale.index(self.colour(colour_id))


class Override(NamedTuple):
    colour: str
    reason: Text
    loc: Location
    by: str = ""


class AmountEvidence(NamedTuple):
    low: Decimal
    high: Decimal
    text: str  # as written, e.g. "200–300 MNOK"


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


Value = AmountEvidence | ChecklistEvidence | LevelEvidence


class Evidence(NamedTuple):
    driver: str
    value: Value | None  # None only with an override: no figure, colour set by judgement
    because: Text
    sources: tuple[Source, ...]
    loc: Location
    inferred: bool = False  # no passage of the source speaks to this driver directly
    override: Override | None = None


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
        for evidence in self.evidence:
            if evidence.driver == driver_id:
                return evidence
        return None


class DataSet(NamedTuple):
    framework: Framework
    areas: tuple[Area, ...] = ()


typed_equality(
    *(v for v in list(globals().values()) if isinstance(v, type) and issubclass(v, tuple) and hasattr(v, "_fields"))
)
