"""The pure engine: (framework, areas) → matrix of assessments. No I/O, no YAML, no printing.

Expects a validated data set: every area has evidence for every driver, bands ascend.
"""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from veikart_cli.engine.combine import Input, combine
from veikart_cli.engine.order import ordered
from veikart_cli.engine.trends import Trend, combination_trend, trend
from veikart_cli.model.evidence import (
    AmountEvidence,
    Area,
    ChecklistEvidence,
    CompositeEvidence,
    Evidence,
    LevelEvidence,
    Override,
    State,
    TargetEvidence,
)
from veikart_cli.model.types import (
    AmountRule,
    Band,
    ChecklistRule,
    Combination,
    CompositeRule,
    Driver,
    Framework,
    Level,
    LevelRule,
    Part,
    SimpleRule,
    TargetBand,
    TargetRule,
    Text,
)

Fired = Band | Level | TargetBand
SimpleValue = AmountEvidence | ChecklistEvidence | LevelEvidence | TargetEvidence


class Reading(NamedTuple):
    """What one rule makes of one value."""

    computed: tuple[str, ...]  # colour ids, best first
    fired: tuple[Fired, ...]
    low: Decimal | None = None  # the measured amount or count (None for levels, or an open end)
    high: Decimal | None = None
    target: Decimal | None = None  # a target rule's target for this area
    trend: Trend | None = None  # a target rule with a trend: the series' trend


class PartResult(NamedTuple):
    """One sub-indicator of a composite driver; a part in a state reads as that state."""

    part: Part
    value: SimpleValue | State
    reading: Reading

    @property
    def computed(self) -> tuple[str, ...]:
        return self.reading.computed

    @property
    def state(self) -> State | None:
        return self.value if isinstance(self.value, State) else None


class Assessment(NamedTuple):
    """One cell: the colour(s) the rule gives, why, and any override."""

    area: Area
    driver: Driver
    evidence: Evidence
    computed: tuple[str, ...]  # colour ids, best first; several when the evidence spans bands
    fired: tuple[Fired, ...]  # the bands or levels the evidence falls in
    low: Decimal | None = None  # the measured amount or count (None for levels)
    high: Decimal | None = None
    target: Decimal | None = None  # a target rule's target for this area
    parts: tuple[PartResult, ...] = ()  # a composite driver's sub-indicators
    deciding: tuple[str, ...] = ()  # a composite: the parts that set its colour
    trend: Trend | None = None  # the series' trend, or a composite's from its parts' (engine/trends.py)

    @property
    def override(self) -> Override | None:
        return self.evidence.override

    @property
    def state(self) -> State | None:
        return self.evidence.state

    @property
    def colours(self) -> tuple[str, ...]:
        """What the cell shows: the override's colour, else its state, else the computed ones."""
        if self.override:
            return (self.override.colour,)
        return (self.evidence.state.id,) if self.evidence.state else self.computed

    @property
    def uncertain(self) -> bool:
        return len(self.colours) > 1


class Overall(NamedTuple):
    """An area's overall colour: the framework's combination of its cells."""

    colours: tuple[str, ...]  # best first; several when it depends on an uncertain cell
    deciding: tuple[str, ...]  # drivers that set it
    vetoed: tuple[str, ...] = ()  # drivers whose veto capped it
    lifts: tuple[str, ...] = ()  # drivers of which one colour better alone would lift it
    overridden: tuple[str, ...] = ()  # drivers counted with a colour set by judgement
    left_out: tuple[str, ...] = ()  # drivers in a state (not assessed, complete): not counted
    support: Decimal | None = None  # weighted: share of weight at the overall colour or better
    needed: Decimal | None = None  # weighted: share more the next better colour needs
    counted_states: tuple[str, ...] = ()  # drivers in a state counted as the colour the rule declares
    trend: Trend | None = None  # the area's trend from its drivers', when `overall` declares `trend`

    @property
    def uncertain(self) -> bool:
        return len(self.colours) > 1


class Matrix(NamedTuple):
    framework: Framework
    rows: tuple[tuple[Area, tuple[Assessment, ...]], ...]  # one row per area, one cell per driver
    overalls: tuple[Overall, ...] = ()  # one per row when the framework declares an overall

    def cells(self) -> list[Assessment]:
        return [cell for _, row in self.rows for cell in row]

    def overall(self, area_id: str) -> Overall | None:
        for (area, _), overall in zip(self.rows, self.overalls, strict=False):
            if area.id == area_id:
                return overall
        return None


def score(framework: Framework, areas: tuple[Area, ...]) -> Matrix:
    rows = tuple((area, row(framework, area)) for area in ordered(framework, areas))
    if framework.overall is None:
        return Matrix(framework, rows)
    return Matrix(framework, rows, tuple(overall(framework, framework.overall, cells) for _, cells in rows))


def row(framework: Framework, area: Area) -> tuple[Assessment, ...]:
    """One area's cells. Its evidence is indexed once: looking each driver up in the list
    would make the work drivers × evidence."""
    by_driver: dict[str, Evidence] = {}
    for evidence in area.evidence:
        by_driver.setdefault(evidence.driver, evidence)  # the first, as Area.evidence_for gives
    return tuple(assess(framework, area, driver, by_driver.get(driver.id)) for driver in framework.drivers)


def assess(framework: Framework, area: Area, driver: Driver, evidence: Evidence | None = None) -> Assessment:
    evidence = evidence or area.evidence_for(driver.id)
    if evidence is None:
        raise ValueError(f"area '{area.id}' has no evidence for '{driver.id}' (validate first)")
    rule, value = driver.rule, evidence.value
    if value is None:  # validated: an override or a state carries the colour
        return Assessment(area, driver, evidence, (), ())
    if isinstance(rule, CompositeRule) and isinstance(value, CompositeEvidence):
        parts = tuple(
            PartResult(p, v, Reading((v.id,), ()) if isinstance(v, State) else read(framework, p.rule, v))
            for p, v in part_values(rule, value)
        )
        colours, deciding = combine_parts(framework, rule.combine, parts)
        goal = combination_trend(framework.trends, rule.combine, [(r.part.id, r.reading.trend) for r in parts])
        return Assessment(area, driver, evidence, colours, (), parts=parts, deciding=deciding, trend=goal)
    if isinstance(rule, CompositeRule) or isinstance(value, CompositeEvidence):
        raise TypeError(f"evidence for '{driver.id}' does not fit its {rule.kind} rule (validate first)")
    computed, fired, low, high, target, seen = read(framework, rule, value)
    return Assessment(area, driver, evidence, computed, fired, low, high, target, trend=seen)


def part_values(rule: CompositeRule, value: CompositeEvidence) -> list[tuple[Part, SimpleValue | State]]:
    found = []
    for part in rule.parts:
        given = value.part(part.id)
        if given is None:
            raise ValueError(f"no value for part '{part.id}' (validate first)")
        found.append((part, given))
    return found


def read(framework: Framework, rule: SimpleRule, value: SimpleValue) -> Reading:
    """The colours one rule gives one value."""
    fired: tuple[Fired, ...]
    low = high = target = None
    seen = None
    if isinstance(rule, AmountRule) and isinstance(value, AmountEvidence):
        low, high = value.low, value.high
        fired = amount_bands(rule.bands, value)
    elif isinstance(rule, ChecklistRule) and isinstance(value, ChecklistEvidence):
        # A partly available element may or may not count: the count becomes a range.
        low = Decimal(value.tally("present"))
        high = low + value.tally("partial")
        fired = bands_between(rule.bands, low, high)
    elif isinstance(rule, LevelRule) and isinstance(value, LevelEvidence):
        fired = tuple(level for level in rule.levels if level.id in value.levels)
    elif isinstance(rule, TargetRule) and isinstance(value, TargetEvidence):
        target = value.target if value.target is not None else rule.target
        if target is None:
            raise ValueError("a target rule without a target (validate first)")
        low, high = value.amount.low, value.amount.high
        fired = target_bands(rule, value.amount, target)
        if rule.trend is not None and framework.trends is not None:
            seen = trend(framework.trends, rule, value, target)
    else:
        raise TypeError(f"evidence does not fit its {rule.kind} rule (validate first)")
    colours = sorted({item.colour for item in fired}, key=framework.rank)
    return Reading(tuple(colours), fired, low, high, target, seen)


def combine_parts(
    framework: Framework, combination: Combination, parts: tuple[PartResult, ...]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(colours, deciding part ids) of a composite driver. A part in a state is left out, or
    counts as the colour the combination declares; with every part left out the driver shows
    the first of their states the framework declares."""
    inputs, _, _ = state_inputs(framework, combination, [(r.part.id, r.computed, r.state) for r in parts])
    if not inputs:
        return first_state(framework, [r.state for r in parts]), ()
    outcome = combine(combination, inputs, framework.rank)
    return tuple(framework.scale[r].id for r in outcome.ranks), outcome.deciding


def first_state(framework: Framework, states: list[State | None]) -> tuple[str, ...]:
    """What shows when every input is left out in a state: the first of them the framework declares."""
    present = {s.id for s in states if s is not None}
    return tuple(s.id for s in framework.states if s.id in present)[:1]


def cell_state(framework: Framework, cell: Assessment) -> State | None:
    """The state a cell is in: its evidence's, or a composite's whose every part is left out."""
    if cell.evidence.state is not None:
        return cell.evidence.state
    if cell.parts and len(cell.colours) == 1 and framework.is_state(cell.colours[0]):
        return State(cell.colours[0], Text.of(""), cell.evidence.loc)
    return None


def overall(framework: Framework, combination: Combination, cells: tuple[Assessment, ...]) -> Overall:
    """The area's overall colour. Overrides count with their set colour; a cell in a state is
    left out, or counts as the colour the combination declares for that state."""
    states = [cell_state(framework, c) for c in cells]
    inputs, left_out, counted_states = state_inputs(
        framework, combination, [(c.driver.id, c.colours, s) for c, s in zip(cells, states, strict=True)]
    )
    if not inputs:
        return Overall(first_state(framework, states), (), left_out=left_out)
    outcome = combine(combination, inputs, framework.rank)
    return Overall(
        colours=tuple(framework.scale[r].id for r in outcome.ranks),
        deciding=outcome.deciding,
        vetoed=outcome.vetoed,
        lifts=outcome.lifts,
        overridden=tuple(c.driver.id for c in cells if c.override),
        left_out=left_out,
        support=outcome.support,
        needed=outcome.needed,
        counted_states=counted_states,
        trend=combination_trend(framework.trends, combination, [(c.driver.id, c.trend) for c in cells]),
    )


def state_inputs(
    framework: Framework, combination: Combination, given: list[tuple[str, tuple[str, ...], State | None]]
) -> tuple[list[Input], tuple[str, ...], tuple[str, ...]]:
    """(inputs to combine, ids left out, ids in a state counted as a colour) of (id, colours,
    state) triples: a state is left out unless the combination's `states` gives it a colour."""
    inputs, left_out, counted = [], [], []
    for input_id, colours, state in given:
        if state is not None:
            as_colour = combination.counts_as(state.id)
            if as_colour is None:
                left_out.append(input_id)
                continue
            colours = (as_colour,)
            counted.append(input_id)
        if colours:
            inputs.append(Input(input_id, tuple(framework.rank(colour) for colour in colours)))
    return inputs, tuple(left_out), tuple(counted)


# -- amount and checklist bands: by lower bound, lowest first ---------------------------------
def band_index(bands: tuple[Band, ...], value: Decimal, nudge: int = 0) -> int:
    """The band a value falls in: the last whose lower bound the value reaches. `nudge` +1 reads
    the value as just above itself, -1 just below (the excluded end of an open range)."""
    index = 0
    for i, band in enumerate(bands):
        minimum = band.minimum
        if minimum is None or minimum < value or (minimum == value and (nudge > 0 or nudge == 0 and band.inclusive)):
            index = i
    return index


def bands_between(bands: tuple[Band, ...], low: Decimal, high: Decimal) -> tuple[Band, ...]:
    return bands[band_index(bands, low) : band_index(bands, high) + 1]


def amount_bands(bands: tuple[Band, ...], value: AmountEvidence) -> tuple[Band, ...]:
    """Every band the amount touches; an open end reaches the first or the last band."""
    low = 0 if value.low is None else band_index(bands, value.low, 1 if value.low_excluded else 0)
    high = len(bands) - 1 if value.high is None else band_index(bands, value.high, -1 if value.high_excluded else 0)
    return bands[low : high + 1]


# -- target bands: from the one that meets the goal outwards ----------------------------------
# A point on the "goodness" axis: (value, nudge); None is -infinity as a low end, +infinity as a high end.
Point = tuple[Decimal, int] | None


def measure(rule: TargetRule, value: Decimal, target: Decimal) -> Decimal:
    """The value as the bands read it: percent of the target (as achieved, for `achieved`), or
    the distance from it."""
    if rule.measure == "distance":
        return value - target
    if rule.measure == "achieved" and rule.direction == "lower":
        return target / value * 100  # the U4SSC's target ÷ value; a value of zero or less: see goodness
    return value / target * 100


def goodness(rule: TargetRule, amount: AmountEvidence, target: Decimal) -> tuple[Point, Point]:
    """The amount's range on an axis where more is always better: (worst end, best end)."""

    def point(value: Decimal | None, nudge: int) -> Point:
        return None if value is None else (measure(rule, value, target), nudge)

    if rule.measure == "achieved" and rule.direction == "lower":
        return achieved_lower(amount, target)
    low = point(amount.low, 1 if amount.low_excluded else 0)
    high = point(amount.high, -1 if amount.high_excluded else 0)
    if rule.direction == "higher":
        return low, high
    if rule.direction == "lower":
        return _neg(high), _neg(low)
    centre = Decimal(100) if rule.measure == "percent" else Decimal(0)
    low = None if low is None else (low[0] - centre, low[1])
    high = None if high is None else (high[0] - centre, high[1])
    # The deviation from the target, either way: its nearest and farthest points.
    near: Point
    far: Point
    if low is not None and (low[0], low[1]) >= (Decimal(0), 0):
        near, far = low, high
    elif high is not None and (high[0], high[1]) <= (Decimal(0), 0):
        near, far = _neg(high), _neg(low)
    else:
        near = (Decimal(0), 0)
        far = None if low is None or high is None else max((-low[0], -low[1]), high)
    return _neg(far), _neg(near)


# Beyond every limit: a value of zero or less achieves a lower-is-better target more than any percent.
BEYOND = (Decimal("Infinity"), 0)


def achieved_lower(amount: AmountEvidence, target: Decimal) -> tuple[Point, Point]:
    """Lower is better, measured as target ÷ value (the U4SSC's percent achieved): the worst end
    comes from the highest value, the best from the lowest; less than zero is beyond every band."""

    def point(value: Decimal, nudge: int) -> Point:
        if value <= 0:  # zero, or just above it: beyond any percent a band can name
            return BEYOND
        return (target / value * 100, nudge)

    worst: Point = (Decimal(0), 1) if amount.high is None else point(amount.high, 1 if amount.high_excluded else 0)
    best: Point = BEYOND if amount.low is None else point(amount.low, -1 if amount.low_excluded else 0)
    return worst, best


def _neg(point: Point) -> Point:
    return None if point is None else (-point[0], -point[1])


def target_band_at(rule: TargetRule, point: Point, best_end: bool) -> int:
    """The band of a point; None is +infinity at the best end, -infinity at the worst end."""
    if point is None:
        return 0 if best_end else len(rule.bands) - 1
    value, nudge = point
    for index, band in enumerate(rule.bands):
        if band.limit is None:
            return index
        edge = band.limit if rule.rising else -band.limit
        if value > edge or (value == edge and (nudge > 0 or nudge == 0 and band.inclusive)):
            return index
    return len(rule.bands) - 1


def target_bands(rule: TargetRule, amount: AmountEvidence, target: Decimal) -> tuple[TargetBand, ...]:
    worst, best = goodness(rule, amount, target)
    return rule.bands[target_band_at(rule, best, True) : target_band_at(rule, worst, False) + 1]
