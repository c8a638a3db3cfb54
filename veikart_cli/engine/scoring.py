"""The pure engine: (framework, areas) → matrix of assessments (colours, trends, overalls), its rows in the
declared order or ranked. Expects a validated data set: every area has evidence for every driver, bands ascend."""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import NamedTuple

from veikart_cli.model.evidence import (
    AmountEvidence,
    Area,
    ChecklistEvidence,
    CompositeEvidence,
    Evidence,
    LevelEvidence,
    Observation,
    Override,
    State,
    TargetEvidence,
)
from veikart_cli.model.types import (
    ORDERS,
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
    TrendLevel,
    Trends,
    Veto,
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


class Assessment(NamedTuple):
    """One cell: what the rule reads in its evidence (a composite: its parts combined), and any override."""

    area: Area
    driver: Driver
    evidence: Evidence
    reading: Reading  # computed colours best first, several when the evidence spans bands
    parts: tuple[PartResult, ...] = ()  # a composite driver's sub-indicators
    deciding: tuple[str, ...] = ()  # a composite: the parts that set its colour

    # The reading's fields, as the cell's own: the public API's cells have always had them.
    @property
    def computed(self) -> tuple[str, ...]:
        return self.reading.computed

    @property
    def fired(self) -> tuple[Fired, ...]:
        return self.reading.fired

    @property
    def low(self) -> Decimal | None:
        return self.reading.low

    @property
    def high(self) -> Decimal | None:
        return self.reading.high

    @property
    def target(self) -> Decimal | None:
        return self.reading.target

    @property
    def trend(self) -> Trend | None:
        """The series' trend, or a composite's from its parts' (engine/trends.py)."""
        return self.reading.trend

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
    deciding: tuple[str, ...]  # drivers that set it (with each at its best colour)
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
        return next((o for (area, _), o in zip(self.rows, self.overalls, strict=False) if area.id == area_id), None)


def score(framework: Framework, areas: tuple[Area, ...]) -> Matrix:
    rows = []
    for area in ordered(framework, areas):
        by_driver = {e.driver: e for e in reversed(area.evidence)}  # the first, as Area.evidence_for gives
        rows.append((area, tuple(assess(framework, area, d, by_driver.get(d.id)) for d in framework.drivers)))
    combination = framework.overall
    overalls = tuple(overall(framework, combination, cells) for _, cells in rows) if combination is not None else ()
    return Matrix(framework, tuple(rows), overalls)


# -- the order of rows: as declared, or ranked by colour ------------------------------------
def section_key(section: str) -> tuple[tuple[int, int | str], ...]:
    """'4.3.10' after '4.3.9'; anything not numeric sorts by its text."""
    return tuple((0, int(p)) if p.isascii() and p.isdigit() else (1, p) for p in section.split("."))  # not "³"


def name_key(area: Area, lang: str) -> str:
    return area.name.get(lang).casefold()


def area_key(by: str, lang: str) -> Callable[[Area], tuple[object, ...]]:
    """Areas by name (in `lang`, without case), id or section, then id; else as they are (a stable sort)."""
    if by == "name":
        return lambda a: (name_key(a, lang), a.id)
    if by == "section":
        return lambda a: (section_key(a.section), a.id)
    return lambda a: (a.id,) if by == "id" else ()


def ordered(framework: Framework, areas: Iterable[Area]) -> tuple[Area, ...]:
    """The areas in the framework's `order` (a key, or ids with the rest by section), else as found."""
    order = framework.order
    if not order:
        return tuple(areas)
    if len(order) == 1 and order[0] in ORDERS:  # a key, then by id
        return tuple(sorted(areas, key=area_key(order[0], framework.languages[0])))
    place = {area_id: i for i, area_id in enumerate(order)}
    return tuple(sorted(areas, key=lambda a: (place.get(a.id, len(place)), section_key(a.section), a.id)))


NOTHING = (1 << 30, 1 << 30)  # a cell or overall with no colour and no state ranks last


class UnknownSort(ValueError):
    pass


def ranked(matrix: Matrix, by: str, lang: str) -> Matrix:
    """The rows ranked best first by the overall, a driver or the name (green, green/yellow, yellow, a state,
    nothing); ties broken as the framework's `ties` declares, by default in the matrix's order."""
    framework, rows = matrix.framework, matrix.rows
    ties = area_key(framework.ties, lang)
    indices = sorted(range(len(rows)), key=lambda i: ties(rows[i][0]))
    if by == "name":
        return reordered(matrix, sorted(indices, key=lambda i: name_key(rows[i][0], lang)))
    drivers = [d.id for d in framework.drivers]
    if by == "overall":
        if not matrix.overalls:
            raise UnknownSort("the framework declares no 'overall', so areas cannot be ranked by it")
        shown = [o.colours for o in matrix.overalls]
    elif by in drivers:
        column = drivers.index(by)
        shown = [cells[column].colours for _, cells in rows]
    else:
        raise UnknownSort(f"cannot sort by '{by}': use overall, name or a driver id ({', '.join(drivers)})")
    ranks = [[framework.rank(c) for c in colours] for colours in shown]
    best_first = sorted(indices, key=lambda i: (min(ranks[i]), max(ranks[i])) if ranks[i] else NOTHING)
    return reordered(matrix, best_first)


def reordered(matrix: Matrix, indices: list[int]) -> Matrix:
    rows = tuple(matrix.rows[i] for i in indices)
    return matrix._replace(rows=rows, overalls=tuple(matrix.overalls[i] for i in indices) if matrix.overalls else ())


def assess(framework: Framework, area: Area, driver: Driver, evidence: Evidence | None) -> Assessment:
    if evidence is None:
        raise ValueError(f"area '{area.id}' has no evidence for '{driver.id}' (validate first)")
    rule, value = driver.rule, evidence.value
    if value is None:  # validated: an override or a state carries the colour
        return Assessment(area, driver, evidence, Reading((), ()))
    if isinstance(rule, CompositeRule) and isinstance(value, CompositeEvidence):
        parts, inputs = [], []
        for part in rule.parts:
            given = value.part(part.id)
            if given is None:
                raise ValueError(f"no value for part '{part.id}' (validate first)")
            state = given.id if isinstance(given, State) else None
            reading = Reading((given.id,), ()) if isinstance(given, State) else read(framework, part.rule, given)
            parts.append(PartResult(part, given, reading))
            inputs.append((part.id, reading.computed, state, reading.trend))
        found = combined_colour(framework, rule.combine, inputs)
        reading = Reading(found.colours, (), trend=found.trend)
        return Assessment(area, driver, evidence, reading, tuple(parts), found.deciding)
    if isinstance(rule, CompositeRule) or isinstance(value, CompositeEvidence):
        raise TypeError(f"evidence for '{driver.id}' does not fit its {rule.kind} rule (validate first)")
    return Assessment(area, driver, evidence, read(framework, rule, value))


def read(framework: Framework, rule: SimpleRule, value: SimpleValue) -> Reading:
    """The colours one rule gives one value."""
    fired: tuple[Fired, ...]
    low = high = target = seen = None
    if isinstance(rule, AmountRule) and isinstance(value, AmountEvidence):
        low, high = value.low, value.high
        fired = amount_bands(rule.bands, value)
    elif isinstance(rule, ChecklistRule) and isinstance(value, ChecklistEvidence):
        # A partly available element may or may not count: the count becomes a range.
        low = Decimal(value.tally("present"))
        high = low + value.tally("partial")
        fired = amount_bands(rule.bands, AmountEvidence(low, high, ""))
    elif isinstance(rule, LevelRule) and isinstance(value, LevelEvidence):
        fired = tuple(level for level in rule.levels if level.id in value.levels)
    elif isinstance(rule, TargetRule) and isinstance(value, TargetEvidence):
        target = value.target if value.target is not None else rule.target
        if target is None:
            raise ValueError("a target rule without a target (validate first)")
        low, high = value.amount.low, value.amount.high
        fired = target_bands(rule, value.amount, target)
        if framework.trends is not None:
            seen = trend(framework.trends, rule, value, target)
    else:
        raise TypeError(f"evidence does not fit its {rule.kind} rule (validate first)")
    colours = sorted({item.colour for item in fired}, key=framework.rank)
    return Reading(tuple(colours), fired, low, high, target, seen)


def overall(framework: Framework, combination: Combination, cells: tuple[Assessment, ...]) -> Overall:
    """The area's overall colour; overrides count with their set colour."""
    given = [(c.driver.id, c.colours, cell_state(framework, c), c.trend) for c in cells]
    overridden = tuple(c.driver.id for c in cells if c.override)
    return combined_colour(framework, combination, given)._replace(overridden=overridden)


def cell_state(framework: Framework, cell: Assessment) -> str | None:
    """The state a cell is in: its evidence's, or a composite's whose every part is left out."""
    if cell.evidence.state is not None:
        return cell.evidence.state.id
    left_out = cell.parts and len(cell.colours) == 1 and framework.is_state(cell.colours[0])
    return cell.colours[0] if left_out else None


def combined_colour(
    framework: Framework, combination: Combination, given: list[tuple[str, tuple[str, ...], str | None, Trend | None]]
) -> Overall:
    """Several (id, colours, state id, trend) combined: an area's overall or a composite driver's colour.
    A state counts only as the colour `states` gives it; with every input left out, their first state shows."""
    inputs, left_out, counted = [], [], []
    for input_id, colours, state, _ in given:
        if state is not None:
            as_colour = combination.counts_as(state)
            if as_colour is None:
                left_out.append(input_id)
                continue
            colours = (as_colour,)
            counted.append(input_id)
        if colours:
            inputs.append(Input(input_id, tuple(framework.rank(colour) for colour in colours)))
    if not inputs:
        states = {state for _, _, state, _ in given}
        return Overall(tuple(s.id for s in framework.states if s.id in states)[:1], (), left_out=tuple(left_out))
    trend = combined(framework.trends, combination.trend, [(i, t) for i, _, _, t in given])
    found = combine(combination, inputs, framework)
    return found._replace(left_out=tuple(left_out), counted_states=tuple(counted), trend=trend)


# -- several colours → one, on ranks (0 the best): an area's overall colour, or a composite driver's.
# Every combination is monotone; uncertain inputs give every colour some choice of them gives.
ENUMERATION_LIMIT = 4096  # more choices than this: the result spans all-best to all-worst


class Input(NamedTuple):
    id: str  # a driver or part id
    ranks: tuple[int, ...]  # the ranks it may have, best first; one unless uncertain


def combine(combination: Combination, inputs: Sequence[Input], framework: Framework) -> Overall:
    """Every colour the inputs can combine to; why (with each input at its best), and what would lift it."""
    ids, rank_of = [i.id for i in inputs], framework.rank
    ranks = [i.ranks[0] for i in inputs]
    result = decide(combination, ids, ranks, rank_of)
    if math.prod(len(i.ranks) for i in inputs) <= ENUMERATION_LIMIT:
        results = {decide(combination, ids, pick, rank_of) for pick in itertools.product(*(i.ranks for i in inputs))}
    else:  # monotone: the all-best and all-worst choices bound every other
        results = set(range(result, decide(combination, ids, [i.ranks[-1] for i in inputs], rank_of) + 1))
    free = unvetoed(combination, ids, ranks)
    vetoed = tuple(v.input for v in vetoing(combination, ids, ranks, rank_of) if rank_of(v.caps) > free)
    lifts = tuple(
        ids[i]
        for i, rank in enumerate(ranks)
        if rank > 0 and decide(combination, ids, [*ranks[:i], rank - 1, *ranks[i + 1 :]], rank_of) < result
    )
    support = needed = None
    if combination.method == "weighted":
        deciding = tuple(i for i, r in zip(ids, ranks, strict=True) if r <= free)
        weights = [combination.weight(i) for i in ids]
        total = sum(weights, Decimal(0))
        if total:
            support = support_at(ranks, weights, free) / total
            if free > 0:
                needed = max(Decimal(0), combination.majority - support_at(ranks, weights, free - 1) / total)
    elif combination.method == "mean-of-worst":
        deciding = tuple(ids[i] for i in sorted(worst_inputs(combination, ranks)))
    else:
        deciding = tuple(i for i, r in zip(ids, ranks, strict=True) if r == free)
    colours = tuple(framework.scale[r].id for r in sorted(results))
    return Overall(colours, vetoed or deciding, vetoed, lifts, support=support, needed=needed)


def decide(combination: Combination, ids: Sequence[str], ranks: Sequence[int], rank_of: Callable[[str], int]) -> int:
    """The combined rank of inputs with these ranks, veto included."""
    caps = (rank_of(v.caps) for v in vetoing(combination, ids, ranks, rank_of))
    return max([unvetoed(combination, ids, ranks), *caps])


def vetoing(
    combination: Combination, ids: Sequence[str], ranks: Sequence[int], rank_of: Callable[[str], int]
) -> list[Veto]:
    """The vetoes whose input is at their colour or worse."""
    return [v for v in combination.vetoes if v.input in ids and ranks[ids.index(v.input)] >= rank_of(v.at)]


def unvetoed(combination: Combination, ids: Sequence[str], ranks: Sequence[int]) -> int:
    method = combination.method
    if method in ("worst", "best"):
        return max(ranks) if method == "worst" else min(ranks)
    if method == "mean-of-worst":
        worst = worst_inputs(combination, ranks)
        mean, rest = divmod(sum(ranks[i] for i in worst), len(worst))
        return mean + 1 if rest and combination.rounding == "worse" else mean
    if method == "majority":
        counts = Counter(ranks)
        most = max(counts.values())
        return max(rank for rank, count in counts.items() if count == most)  # a tie goes to the worse
    weights = [combination.weight(i) for i in ids]
    total = sum(weights, Decimal(0))
    reached = (r for r in sorted(set(ranks)) if support_at(ranks, weights, r) >= combination.majority * total)
    return next(reached, max(ranks)) if total else max(ranks)


def worst_inputs(combination: Combination, ranks: Sequence[int]) -> list[int]:
    """mean-of-worst: the indices of the k worst inputs; of inputs at the same colour, the first."""
    k = min(max(combination.worst, 1), len(ranks))
    return sorted(range(len(ranks)), key=lambda i: -ranks[i])[:k]


def support_at(ranks: Sequence[int], weights: Sequence[Decimal], rank: int) -> Decimal:
    """The weight of inputs at this rank or better."""
    return sum((w for r, w in zip(ranks, weights, strict=True) if r <= rank), Decimal(0))


# A point on a value axis: (value, nudge), the nudge +1 just above the value, -1 just below it
# (the excluded end of a range). An open end is an infinity.
Point = tuple[Decimal, int]
INFINITY = Decimal("Infinity")
BEYOND = (INFINITY, 0)  # a value of zero or less achieves a lower-is-better target beyond any percent


def reaches(point: Point, edge: Decimal, inclusive: bool) -> bool:
    """The point is past the edge, or on it where the edge belongs to the band it opens."""
    return point >= (edge, 0 if inclusive else 1)


def ends(amount: AmountEvidence) -> tuple[Point, Point]:
    """The amount's low and high ends; an open end is an infinity."""
    low = (-INFINITY, 1) if amount.low is None else (amount.low, 1 if amount.low_excluded else 0)
    high = (INFINITY, -1) if amount.high is None else (amount.high, -1 if amount.high_excluded else 0)
    return low, high


# -- amount and checklist bands: by lower bound, lowest first ---------------------------------
def band_index(bands: tuple[Band, ...], value: Decimal, nudge: int = 0) -> int:
    """The band a value falls in: the last whose lower bound the value reaches."""
    found = (i for i, b in enumerate(bands) if b.minimum is None or reaches((value, nudge), b.minimum, b.inclusive))
    return max(found, default=0)


def amount_bands(bands: tuple[Band, ...], value: AmountEvidence) -> tuple[Band, ...]:
    """Every band the amount touches; an open end reaches the first or the last band."""
    low, high = ends(value)
    return bands[band_index(bands, *low) : band_index(bands, *high) + 1]


# -- target bands: from the one that meets the goal outwards ----------------------------------
def target_bands(rule: TargetRule, amount: AmountEvidence, target: Decimal) -> tuple[TargetBand, ...]:
    """Every band the amount touches: those of its two ends, and all between."""
    points = [measured(rule, end, target) for end in ends(amount)]
    if rule.direction == "within":  # the deviation from the target, either way
        centre = Decimal(100) if rule.measure == "percent" else Decimal(0)
        low, high = ((value - centre, nudge) for value, nudge in points)
        points = [p if p >= (Decimal(0), 0) else (-p[0], -p[1]) for p in (low, high)]
        if low < (Decimal(0), 0) < high:  # the range holds the target itself
            points.append((Decimal(0), 0))
    found = [target_band_at(rule, point) for point in points]
    return rule.bands[min(found) : max(found) + 1]


def measured(rule: TargetRule, point: Point, target: Decimal) -> Point:
    """A value as the bands read it: percent of the target, percent achieved (target ÷ value), or distance."""
    value, nudge = point
    if rule.measure == "achieved" and rule.direction == "lower":
        return BEYOND if value <= 0 else (target / value * 100, -nudge)
    return (value - target if rule.measure == "distance" else value / target * 100, nudge)


def target_band_at(rule: TargetRule, point: Point) -> int:
    """The first band whose limit the point reaches: at least the limit for a rising rule, else at most."""
    sign = 1 if rule.rising else -1
    point = (sign * point[0], sign * point[1])
    reached = (b.limit is None or reaches(point, sign * b.limit, b.inclusive) for b in rule.bands)
    return next((i for i, hit in enumerate(reached) if hit), len(rule.bands) - 1)


# -- margins: how far a cell's evidence is from the next colour, better and worse, in the rule's direction
class Margin(NamedTuple):
    colour: str  # the colour this margin is about
    quantity: Decimal  # in the rule's base unit, or a count of elements
    better: bool  # True: the distance to reach `colour`; False: the room before falling to it
    way: str = ""  # target rules: "up", "down" or "closer"; "" for amount and checklist bands
    strict: bool = False  # the colour needs a change of more than `quantity`, not just `quantity`


def margins(rule: SimpleRule, reading: Reading) -> list[Margin]:
    if isinstance(rule, TargetRule):
        return target_margins(rule, reading)
    low, high = reading.low, reading.high
    if not isinstance(rule, (AmountRule, ChecklistRule)) or low is None or high is None:
        return []  # an open range reaches the first or last band
    bands, result = rule.bands, []
    top, bottom = band_index(bands, high), band_index(bands, low)
    if top + 1 < len(bands):
        up = bands[top + 1]
        assert up.minimum is not None  # validated: only the first band has no bound
        result.append(Margin(up.colour, up.minimum - high, True, strict=not up.inclusive))
    minimum = bands[bottom].minimum
    if bottom > 0 and minimum is not None:
        result.append(Margin(bands[bottom - 1].colour, low - minimum, False, strict=bands[bottom].inclusive))
    return result


def target_margins(rule: TargetRule, reading: Reading) -> list[Margin]:
    target, bands = reading.target, rule.bands
    if target is None or not reading.fired:
        return []
    best, worst = bands.index(reading.fired[0]), bands.index(reading.fired[-1])
    result = []
    if best > 0 and (gap := _gap(rule, bands[best - 1], reading, target, towards=True)) is not None:
        way = {"higher": "up", "lower": "down"}.get(rule.direction, "closer")
        result.append(Margin(bands[best - 1].colour, gap, True, way, strict=not bands[best - 1].inclusive))
    if worst + 1 < len(bands) and (room := _gap(rule, bands[worst], reading, target, towards=False)) is not None:
        way = {"higher": "down", "lower": "up"}.get(rule.direction, "closer")
        result.append(Margin(bands[worst + 1].colour, room, False, way, strict=bands[worst].inclusive))
    return result


def _gap(rule: TargetRule, band: TargetBand, reading: Reading, target: Decimal, towards: bool) -> Decimal | None:
    """In the value's unit: how far its best end is from `band`'s limit (towards), or its worst end inside it."""
    assert band.limit is not None
    low, high = reading.low, reading.high
    scale = target / 100 if rule.measure != "distance" else Decimal(1)
    if rule.direction == "within":  # the deviation either way, in the value's unit
        if low is None or high is None:
            return None
        deviation = [abs(low - target), abs(high - target)]
        near = Decimal(0) if low <= target <= high else min(deviation)
        return near - band.limit * scale if towards else band.limit * scale - max(deviation)
    if rule.measure == "achieved" and rule.direction == "lower":  # target ÷ value reaches the limit
        if band.limit <= 0:
            return None
        edge = target * 100 / band.limit
    else:
        edge = target + band.limit if rule.measure == "distance" else band.limit * scale
    up = towards == (rule.direction == "higher")  # the edge lies above the value's end that matters
    end = high if up else low
    if end is None:
        return None
    return edge - end if up else end - edge


# -- trends from a target's series, as the SDG dashboards rate progress: the ratio of the observed annual change
# to the one needed to reach the target by its year picks the first level whose `at-least` it reaches; at or
# past the target: maintaining achievement; too few values: no data.
class Trend(NamedTuple):
    level: TrendLevel
    used: tuple[Observation, ...] = ()  # the values in the window, oldest first
    observed: Decimal | None = None  # the annual change seen, in the rule's unit per year
    needed: Decimal | None = None  # the annual change that reaches the target by the target year
    ratio: Decimal | None = None  # observed ÷ needed
    target: Decimal | None = None
    by: int = 0
    inputs: tuple[str, ...] = ()  # a combined trend: the inputs it came from


def years_left(by: int, time: Decimal) -> Decimal:
    """The years from a value to the target year, at least one: the divisor of the change needed."""
    return max(Decimal(by) - time, Decimal(1))


def point(observation: Observation) -> Decimal | None:
    """A series value as one figure: a range's middle; None for an open-ended one."""
    low, high = observation.amount.low, observation.amount.high
    return None if low is None or high is None else (low + high) / 2


def trend(trends: Trends, rule: TargetRule, value: TargetEvidence, target: Decimal) -> Trend | None:
    """The trend of one series; None when the rule declares no trend."""
    if rule.trend is None:
        return None
    series = [o for o in value.series if point(o) is not None]
    if not series:
        return Trend(trends.no_data, target=target, by=rule.trend.by)
    latest = series[-1]
    used = tuple(o for o in series if o.time >= latest.time - rule.trend.window)
    last = point(latest)
    assert last is not None
    if last >= target if rule.direction == "higher" else last <= target:  # reached
        return Trend(trends.achieved, used, target=target, by=rule.trend.by)
    if len(used) < max(rule.trend.minimum, 2) or used[0].time == latest.time:
        return Trend(trends.no_data, used, target=target, by=rule.trend.by)
    first = point(used[0])
    assert first is not None
    observed = (last - first) / (latest.time - used[0].time)
    needed = (target - last) / years_left(rule.trend.by, latest.time)
    ratio = observed / needed  # needed is not zero: the target is not reached
    level = next((lv for lv in trends.levels if lv.at_least is not None and ratio >= lv.at_least), trends.levels[-1])
    return Trend(level, used, observed, needed, ratio, target, rule.trend.by)


def combined(trends: Trends | None, how: str, given: list[tuple[str, Trend | None]]) -> Trend | None:
    """A goal's (or an area's) trend from its inputs': `mean` of their places rounded to the worse,
    `worst` or `best`; inputs with no data are left out. None without `how` or trends."""
    if not how or trends is None:
        return None
    place = {trends.achieved.id: 0, **{lv.id: i for i, lv in enumerate(trends.levels)}}
    seen = [(name, place.get(t.level.id)) for name, t in given if t is not None]
    counted = [(name, p) for name, p in seen if p is not None]
    if not counted:
        return Trend(trends.no_data) if seen else None
    values = [p for _, p in counted]
    index = {"worst": max(values), "best": min(values)}.get(how, math.ceil(sum(values) / len(values)))
    return Trend(trends.levels[index], inputs=tuple(name for name, _ in counted))


def trend_id(found: Trend | None) -> str:
    """The level of a trend, '' for none: what `diff` compares."""
    return found.level.id if found is not None else ""
