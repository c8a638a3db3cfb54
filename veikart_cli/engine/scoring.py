"""The pure engine: (framework, areas) → matrix of assessments, each cell its rule's reading (rules.py) and each
row's overall colour combined from them; the rows in the declared order, or ranked. Expects a validated data set."""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from typing import NamedTuple

from veikart_cli.engine.rules import Fired, Reading, SimpleValue, Trend, combined, read
from veikart_cli.model.evidence import Area, CompositeEvidence, Evidence, Override, State
from veikart_cli.model.types import ORDERS, Combination, CompositeRule, Driver, Framework, Part


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
        """The series' trend, or a composite's from its parts' (engine/rules.py)."""
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
    drivers = [d.id for d in framework.drivers]
    if by == "name":
        indices.sort(key=lambda i: name_key(rows[i][0], lang))
    else:
        if by == "overall":
            if not matrix.overalls:
                raise UnknownSort("the framework declares no 'overall', so areas cannot be ranked by it")
            shown = [o.colours for o in matrix.overalls]
        elif by in drivers:
            shown = [cells[drivers.index(by)].colours for _, cells in rows]
        else:
            raise UnknownSort(f"cannot sort by '{by}': use overall, name or a driver id ({', '.join(drivers)})")
        ranks = [[framework.rank(c) for c in colours] for colours in shown]
        indices.sort(key=lambda i: (min(ranks[i]), max(ranks[i])) if ranks[i] else NOTHING)
    overalls = tuple(matrix.overalls[i] for i in indices) if matrix.overalls else ()
    return matrix._replace(rows=tuple(rows[i] for i in indices), overalls=overalls)


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
    ids, rank = [i.id for i in inputs], framework.rank
    weights = [combination.weight(i) for i in ids]
    vetoes = [(ids.index(v.input), rank(v.at), rank(v.caps)) for v in combination.vetoes if v.input in ids]

    def decide(ranks: Sequence[int]) -> int:
        """The combined rank of inputs with these ranks: a veto whose input is at its colour or worse caps it."""
        return max([unvetoed(combination, ranks, weights), *(caps for i, at, caps in vetoes if ranks[i] >= at)])

    ranks = [i.ranks[0] for i in inputs]
    result = decide(ranks)
    if math.prod(len(i.ranks) for i in inputs) <= ENUMERATION_LIMIT:
        results = {decide(pick) for pick in itertools.product(*(i.ranks for i in inputs))}
    else:  # monotone: the all-best and all-worst choices bound every other
        results = set(range(result, decide([i.ranks[-1] for i in inputs]) + 1))
    free = unvetoed(combination, ranks, weights)
    vetoed = tuple(ids[i] for i, at, caps in vetoes if ranks[i] >= at and caps > free)
    lifts = tuple(
        ids[i] for i, r in enumerate(ranks) if r > 0 and decide([*ranks[:i], r - 1, *ranks[i + 1 :]]) < result
    )
    support = needed = None
    if combination.method == "weighted":
        deciding = tuple(i for i, r in zip(ids, ranks, strict=True) if r <= free)
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


def unvetoed(combination: Combination, ranks: Sequence[int], weights: Sequence[Decimal]) -> int:
    """The combined rank of inputs with these ranks (and weights), before any veto."""
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
