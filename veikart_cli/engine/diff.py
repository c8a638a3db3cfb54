"""What changed between two evaluations, and why. Pure: two matrices in, a Diff out."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from veikart_cli.engine.scoring import Assessment, Matrix, Overall
from veikart_cli.engine.trends import trend_id
from veikart_cli.model.evidence import AmountEvidence, Area, CompositeEvidence, Evidence, State
from veikart_cli.model.types import CompositeRule, Driver, Framework, LevelRule, Rule, TargetRule

Same = Callable[[tuple[str, ...], tuple[str, ...]], bool]


class CellChange(NamedTuple):
    before: Assessment
    after: Assessment
    causes: tuple[str, ...]  # evidence, criteria, override-added, override-removed, override-changed
    parts: tuple[str, ...] = ()  # a composite driver: the parts whose colours moved


class OverallChange(NamedTuple):
    """An area's overall colour that moved, and the drivers whose cells moved with it."""

    area: Area
    before: Overall
    after: Overall
    cells: tuple[str, ...]


class Diff(NamedTuple):
    old: Matrix
    new: Matrix
    changes: tuple[CellChange, ...]
    added: tuple[Area, ...]
    removed: tuple[Area, ...]
    drivers_added: tuple[Driver, ...]
    drivers_removed: tuple[Driver, ...]
    overall_changes: tuple[OverallChange, ...] = ()
    renamed: bool = False  # the two scales name their colours differently: compared by place

    @property
    def empty(self) -> bool:
        lists = (self.changes, self.overall_changes, self.added, self.removed, self.drivers_added, self.drivers_removed)
        return not any(lists)


def diff(old: Matrix, new: Matrix) -> Diff:
    changes = changed_cells(old, new)
    old_areas, new_areas = {a.id for a, _ in old.rows}, {a.id for a, _ in new.rows}
    old_drivers, new_drivers = {d.id for d in old.framework.drivers}, {d.id for d in new.framework.drivers}
    return Diff(
        old,
        new,
        tuple(changes),
        overall_changes=overall_changes(old, new, changes),
        renamed=renamed(old.framework, new.framework),
        added=tuple(a for a, _ in new.rows if a.id not in old_areas),
        removed=tuple(a for a, _ in old.rows if a.id not in new_areas),
        drivers_added=tuple(d for d in new.framework.drivers if d.id not in old_drivers),
        drivers_removed=tuple(d for d in old.framework.drivers if d.id not in new_drivers),
    )


def moved(before: Matrix, after: Matrix) -> list[tuple[Assessment, Assessment]]:
    """What a what-if moved: (before, after) for every cell whose shown or computed colours differ."""
    return [(change.before, change.after) for change in changed_cells(before, after, computed=True)]


def changed_cells(old: Matrix, new: Matrix, computed: bool = False) -> list[CellChange]:
    """Cells of both matrices, matched by area and driver, that changed (`cell_change`)."""
    same = same_colours(old.framework, new.framework)
    before = {(c.area.id, c.driver.id): c for c in old.cells()}
    pairs = ((before.get((c.area.id, c.driver.id)), c) for c in new.cells())
    changes = (cell_change(same, was, now, computed) for was, now in pairs if was is not None)
    return [change for change in changes if change is not None]


def cell_change(same: Same, was: Assessment, now: Assessment, computed: bool = False) -> CellChange | None:
    """The change of a cell whose shown colours or trend (with `computed`, its rule's colours) moved, else None."""
    if not (shifted(same, was, now) or computed and not same(was.computed, now.computed)):
        return None
    before = {r.part.id: r.computed for r in was.parts}
    parts = (r.part.id for r in now.parts if r.part.id in before and not same(before[r.part.id], r.computed))
    return CellChange(was, now, causes(was, now), tuple(parts))


def overall_changes(old: Matrix, new: Matrix, changes: list[CellChange]) -> tuple[OverallChange, ...]:
    if not old.overalls or not new.overalls:
        return ()
    same = same_colours(old.framework, new.framework)
    before = {area.id: overall for (area, _), overall in zip(old.rows, old.overalls, strict=True)}
    found = []
    for (area, _), overall in zip(new.rows, new.overalls, strict=True):
        was = before.get(area.id)
        if was is not None and shifted(same, was, overall):
            cells = tuple(c.after.driver.id for c in changes if c.after.area.id == area.id)
            found.append(OverallChange(area, was, overall, cells))
    return tuple(found)


def shifted(same: Same, was: Assessment | Overall, now: Assessment | Overall) -> bool:
    """The shown colours differ, or the trend changed level."""
    return not same(was.colours, now.colours) or trend_id(was.trend) != trend_id(now.trend)


def same_colours(old: Framework, new: Framework) -> Same:
    """Colours compared by id, or by their place in the scale when the frameworks name them differently."""
    if renamed(old, new):
        return lambda a, b: [old.rank(c) for c in a] == [new.rank(c) for c in b]
    return lambda a, b: a == b


def renamed(old: Framework, new: Framework) -> bool:
    """The same number of colours, named differently: compare them by place in the scale."""
    ids = [c.id for c in old.scale], [c.id for c in new.scale]
    return ids[0] != ids[1] and len(ids[0]) == len(ids[1])


def causes(was: Assessment, now: Assessment) -> tuple[str, ...]:
    found = []
    if evidence_key(was.evidence) != evidence_key(now.evidence):
        found.append("evidence")
    if rule_key(was.driver.rule) != rule_key(now.driver.rule):
        found.append("criteria")
    if (was.override is None) != (now.override is None):
        found.append("override-added" if was.override is None else "override-removed")
    elif was.override and now.override and was.override.colour != now.override.colour:
        found.append("override-changed")
    return tuple(found)


def evidence_key(evidence: Evidence) -> object:
    """What the rule reads: the amount's bounds rather than how they were written."""
    value = evidence.value
    if isinstance(value, AmountEvidence):
        return (value.low, value.high, evidence.inferred)
    if isinstance(value, CompositeEvidence):  # a part in a state: which state, not where it is written
        parts = tuple((p, ("state", v.id) if isinstance(v, State) else v) for p, v in value.parts)
        return (parts, evidence.inferred)
    return (value, evidence.inferred)


def rule_key(rule: Rule) -> object:
    """A rule without its file positions: bands' colours and bounds, or levels' colours."""
    if isinstance(rule, CompositeRule):
        c = rule.combine
        vetoes = tuple((v.input, v.at, v.caps) for v in c.vetoes)
        how = (c.method, c.weights, c.majority, vetoes, c.worst, c.rounding, c.states)
        return (how, tuple((p.id, rule_key(p.rule)) for p in rule.parts))
    if isinstance(rule, LevelRule):
        return tuple((level.id, level.colour) for level in rule.levels)
    if isinstance(rule, TargetRule):
        edges = tuple((b.colour, b.limit, b.inclusive) for b in rule.bands)
        return (rule.direction, rule.measure, rule.target, edges)
    return tuple((band.colour, band.minimum, band.inclusive) for band in rule.bands)
