"""The typed model of a framework (criteria/): named tuples, cheaper to define and make than dataclasses;
annotations evaluated (no `from __future__ import annotations`), since typing would compile each string."""

from collections.abc import Iterable
from decimal import Decimal
from typing import NamedTuple, TypeVar

from veikart_cli.model.vocabulary import Language, Word, language
from veikart_cli.problems import Location

T = TypeVar("T")


def kept(items: Iterable[T | None]) -> tuple[T, ...]:
    """The items read, leaving out those that could not be (None)."""
    return tuple(item for item in items if item is not None)


class Text(NamedTuple):
    """Text in one or more languages, or in none (code ""): a name, the same in every language.
    `get` of a language it lacks shows the first language's text, marked as not translated."""

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

    @property
    def neutral(self) -> bool:
        """Written once for every language (a plain string in the file)."""
        return any(code == "" for code, _ in self.values)

    @classmethod
    def of(cls, value: str) -> "Text":
        return cls((("", value),))


class Colour(NamedTuple):
    id: str
    label: Text
    symbol: str
    background: str  # '#rrggbb' for terminal and HTML cells


class Band(NamedTuple):
    """A colour for every value from `minimum` up to the next band's minimum."""

    colour: str
    minimum: Decimal | None  # None: no lower bound
    criterion: Text
    loc: Location
    printed: str = ""  # the criterion exactly as the source prints it, where `criterion` corrects it
    inclusive: bool = True  # False ('above:'): the minimum itself belongs to the band below


class Unit(NamedTuple):
    name: str
    factor: Decimal


PERCENT = (Unit("%", Decimal(1)), Unit("prosent", Decimal(1)), Unit("percent", Decimal(1)))  # a share's units


class AmountRule(NamedTuple):
    unit: str  # what is measured, e.g. "NOK/år"
    units: tuple[Unit, ...]  # names an amount may be written in, with their factor
    bands: tuple[Band, ...]

    @property
    def kind(self) -> str:
        return "amount"


class Element(NamedTuple):
    id: str
    name: Text
    aliases: tuple[str, ...] = ()


class ChecklistRule(NamedTuple):
    elements: tuple[Element, ...]
    bands: tuple[Band, ...]  # minimum = number of elements present

    @property
    def kind(self) -> str:
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
    def kind(self) -> str:
        return "level"


DIRECTIONS = ("higher", "lower", "within")
# percent: value ÷ target; achieved: the percent of the target achieved as the U4SSC defines it
# (value ÷ target where higher is better, target ÷ value where lower is better); distance: value − target.
MEASURES = ("percent", "achieved", "distance")
RELATIVE_MEASURES = ("percent", "achieved")  # in percent of the target: the target must be above zero


class TargetBand(NamedTuple):
    """A target rule's band, listed from the goal outwards; `limit`: where it ends away from the goal
    (at least it for 'higher', at most it for 'lower' and 'within'), None for the last band."""

    colour: str
    limit: Decimal | None
    criterion: Text
    loc: Location
    inclusive: bool = True  # at-least/at-most: the limit is in the band; above/below: it is not
    printed: str = ""  # the criterion exactly as the source prints it, where `criterion` corrects it


class TrendRule(NamedTuple):
    """`trend: {window: 5, by: 2030}` on a target rule: the observed annual change over the last
    `window` years against the change needed to reach the target by the year `by`."""

    window: int
    by: int
    loc: Location
    minimum: int = 2  # values in the window a trend needs


class TrendLevel(NamedTuple):
    """Observed annual change at least `at_least` of the needed one (1: as much); None: the rest."""

    id: str
    label: Text
    symbol: str
    at_least: Decimal | None
    loc: Location


class Trends(NamedTuple):
    """The framework's `trends:` block: its levels best first, and the two levels outside them."""

    levels: tuple[TrendLevel, ...]
    achieved: TrendLevel  # at or past the target: maintaining achievement
    no_data: TrendLevel  # fewer values in the window than the rule needs


TREND_COMBINATIONS = ("mean", "worst", "best")  # a goal's (or an area's) trend from its inputs'


class TargetRule(NamedTuple):
    unit: str
    units: tuple[Unit, ...]
    direction: str  # one of DIRECTIONS
    measure: str  # one of MEASURES: percent of the target, or distance from it in the unit
    target: Decimal | None  # None: every area gives its own
    bands: tuple[TargetBand, ...]
    trend: TrendRule | None = None  # a trend from the area's series (engine/rules.py)

    @property
    def kind(self) -> str:
        return "target"

    @property
    def rising(self) -> bool:
        """The bands' measure grows as the value gets better: direction higher, or measure achieved."""
        return self.direction == "higher" or self.measure == "achieved"


SimpleRule = AmountRule | ChecklistRule | LevelRule | TargetRule

# mean-of-worst: the mean place in the scale of the `worst` k worst inputs (the SDG dashboards
# take a goal's colour from its two worst indicators), a fraction rounded as `round` says.
COMBINATIONS = ("worst", "best", "majority", "weighted", "mean-of-worst")
ROUNDINGS = ("worse", "better")
SKIP = "skip"  # a state the combination leaves out (the default for every state)


class Veto(NamedTuple):
    """An input at colour `at` or worse caps the combined colour at `caps`."""

    input: str  # a driver id (overall) or a part id (composite)
    at: str
    caps: str
    loc: Location


class Combination(NamedTuple):
    """How several colours become one: an area's overall colour, or a composite driver's."""

    method: str  # one of COMBINATIONS
    loc: Location
    weights: tuple[tuple[str, Decimal], ...] = ()  # weighted: (input id, weight ≥ 0)
    majority: Decimal = Decimal("0.5")  # weighted: the share of weight a colour needs (0–1)
    vetoes: tuple[Veto, ...] = ()
    worst: int = 0  # mean-of-worst: how many of the worst inputs count (k ≥ 1)
    rounding: str = "worse"  # mean-of-worst: one of ROUNDINGS, for a mean between two colours
    states: tuple[tuple[str, str], ...] = ()  # (state id, SKIP or the colour id it counts as)
    trend: str = ""  # one of TREND_COMBINATIONS: the combined trend from the inputs' trends

    def counts_as(self, state_id: str) -> str | None:
        """The colour an input in this state counts as, or None: left out (the default)."""
        colour = dict(self.states).get(state_id, SKIP)
        return None if colour == SKIP else colour

    def weight(self, input_id: str) -> Decimal:
        return dict(self.weights).get(input_id, Decimal(1))


class Part(NamedTuple):
    """A sub-indicator of a composite driver, with its own rule."""

    id: str
    name: Text
    rule: SimpleRule
    loc: Location


class CompositeRule(NamedTuple):
    parts: tuple[Part, ...]
    combine: Combination

    @property
    def kind(self) -> str:
        return "composite"

    def part(self, part_id: str) -> Part | None:
        return next((p for p in self.parts if p.id == part_id), None)


Rule = SimpleRule | CompositeRule
RULE_KINDS = ("amount", "checklist", "level", "target", "composite")  # each rule's `kind`, a property


def simple_rules(rule: Rule) -> tuple[SimpleRule, ...]:
    """The rule itself, or a composite's parts' rules."""
    return tuple(p.rule for p in rule.parts) if isinstance(rule, CompositeRule) else (rule,)


def criteria_items(rule: Rule) -> tuple[Band | Level | TargetBand, ...]:
    """Every band or level of a rule (a composite's: of all its parts), in file order."""
    return tuple(item for r in simple_rules(rule) for item in (r.levels if isinstance(r, LevelRule) else r.bands))


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
    """The report a framework or a quote comes from: the framework's `source:`, or one of its `documents:`."""

    id: str
    title: str
    loc: Location
    number: str = ""
    date: str = ""
    authors: tuple[str, ...] = ()
    publisher: str = ""
    commissioned_by: str = ""
    url: str = ""
    year: str = ""  # when there is no date
    text: str = ""  # a text file of the document, relative to the roadmap folder: its quotes are checked


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
    states: tuple[Colour, ...] = ()  # outside the colour order: e.g. not assessed, complete
    overall: Combination | None = None  # how drivers combine into an area's overall colour
    order: tuple[str, ...] = ()  # area ids in the declared order, or ("section",), ("id",), ("name",)
    ties: str = ""  # how --sort breaks ties: one of TIES; "" as "order"
    unread: tuple[str, ...] = ()  # ids of drivers whose definition has an error: areas' evidence for them is not judged
    documents: tuple[Document, ...] = ()  # other documents the areas quote, beside `source`
    trends: Trends | None = None  # the trend levels target rules with a `trend` use
    max_age: int | None = None  # years: a value older than this (before the edition's year) is flagged
    series_missing: str = ""  # the state of a series with no value yet at --at YEAR ("": a usage error)

    def words(self, lang: str) -> dict[str, Word]:
        """The framework's own tool words in one language."""
        return {term.key: term.word for term in self.vocabulary if term.lang == lang}

    def language(self, code: str) -> Language:
        """veikart's words in `code` with the framework's on top; ValueError for an undeclared language."""
        if code not in self.languages:
            raise ValueError(f"'{code}' is not one of the framework's languages: {', '.join(self.languages)}")
        return language(code, self.words(code))

    @property
    def all_documents(self) -> tuple[Document, ...]:
        """The framework's own source, if any, then the other documents the areas quote."""
        return (self.source, *self.documents) if self.source else self.documents

    def document(self, document_id: str) -> Document | None:
        """The document a source names (its id; empty for the framework's source), if declared."""
        if not document_id:
            return self.source
        return next((doc for doc in self.all_documents if doc.id == document_id), None)

    # Called for every cell: plain loops over a handful of items, no generator per call.
    def colour(self, colour_id: str) -> Colour:
        for colour in self.scale + self.states:
            if colour.id == colour_id:
                return colour
        raise KeyError(colour_id)

    def rank(self, colour_id: str) -> int:
        """0 for the best colour; used to order colours. States come after every colour."""
        for index, colour in enumerate(self.scale):
            if colour.id == colour_id:
                return index
        return len(self.scale) + self.states.index(self.colour(colour_id))

    def is_state(self, colour_id: str) -> bool:
        return any(state.id == colour_id for state in self.states)


ORDERS = ("section", "id", "name")  # `order:` as a word
TIES = ("order", "name", "id", "section")  # `ties:`: what --sort falls back on when colours tie
