"""What changed, and why: between two evaluations (a Diff), or along a roadmap's editions (a History: each
area's rows side by side; areas followed by id, or by an alias naming an id gone from the edition before)."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import NamedTuple

from veikart_cli.engine.rules import trend_id
from veikart_cli.engine.scoring import Assessment, Matrix, Overall
from veikart_cli.model.evidence import AmountEvidence, Area, CompositeEvidence, Evidence, State
from veikart_cli.model.types import CompositeRule, Driver, Framework, LevelRule, Rule, TargetRule, Text

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


# -- history ----------------------------------------------------------------------------------
# What happened to a row between one edition and the next.
COLOUR = "colour"  # the cell's (or the overall's) colour moved: causes say why
ADDED = "added"  # the area (or, for a row, its driver) is in this edition and was not in the one before
REMOVED = "removed"
RENAMED = "renamed"  # the area's name changed
NEW_ID = "new-id"  # the area's id changed; the old id is one of its aliases
DRIVER_ADDED = "driver-added"
DRIVER_REMOVED = "driver-removed"


class HistoryError(ValueError):
    """Fewer than two editions, or two with the same label."""


class Event(NamedTuple):
    at: int  # the edition it happened in: an index into History.labels, never 0
    kind: str  # one of the names above
    causes: tuple[str, ...] = ()  # COLOUR of a cell: diff's causes; of an overall: the drivers that moved
    change: CellChange | None = None  # COLOUR of a cell
    before: str = ""  # NEW_ID: the old id
    after: str = ""  # NEW_ID: the new id
    names: tuple[Text, Text] | None = None  # RENAMED: the old and new names


class Line(NamedTuple):
    """One row of the table: a driver's cell (or, with driver None, the overall) in every edition."""

    driver: Driver | None
    cells: tuple[Assessment | Overall | None, ...]  # per edition; None where the row is not in it
    events: tuple[Event, ...]


class Track(NamedTuple):
    """One area through the editions."""

    area: Area  # as the newest edition that holds it has it
    areas: tuple[Area | None, ...]  # per edition
    events: tuple[Event, ...]  # ADDED, REMOVED, RENAMED, NEW_ID
    lines: tuple[Line, ...]


class History(NamedTuple):
    labels: tuple[str, ...]
    matrices: tuple[Matrix, ...]
    renamed: bool  # two editions' scales name their colours differently: compared by place
    tracks: tuple[Track, ...]

    def events(self) -> list[Event]:
        return [e for t in self.tracks for e in (*t.events, *(e for line in t.lines for e in line.events))]

    @property
    def changed(self) -> bool:
        return bool(self.events())

    def count(self, kind: str) -> int:
        """How many of one kind of event; COLOUR counts cells, not overalls."""
        return sum(1 for e in self.events() if e.kind == kind and (kind != COLOUR or e.change is not None))

    def changed_only(self) -> History:
        """The areas that changed: every row of one added, removed or renamed, else the rows that changed."""
        tracks = []
        for track in self.tracks:
            lines = track.lines if track.events else tuple(line for line in track.lines if line.events)
            if lines:
                tracks.append(track._replace(lines=lines))
        return self._replace(tracks=tuple(tracks))


def check_editions(labels: list[str]) -> None:
    """Two editions or more, each once: HistoryError if not."""
    if len(labels) < 2:
        raise HistoryError("a history needs at least two editions")
    repeated = [label for i, label in enumerate(labels) if label in labels[:i]]
    if repeated:
        raise HistoryError(f"edition '{repeated[0]}' is given twice")


Row = tuple[Area, tuple[Assessment, ...], Overall | None]


def history(editions: list[tuple[str, Matrix]] | tuple[tuple[str, Matrix], ...]) -> History:
    """The editions in the order given, oldest first; rows indexed once (linear time)."""
    labels = tuple(label for label, _ in editions)
    check_editions(list(labels))
    matrices = tuple(matrix for _, matrix in editions)
    keys = track_keys(matrices)
    rows = [
        {here[a.id]: (a, row, overall) for (a, row), overall in zip(m.rows, m.overalls or [None] * len(m.rows))}
        for m, here in zip(matrices, keys, strict=True)
    ]
    same = [same_colours(old.framework, new.framework) for old, new in itertools.pairwise(matrices)]
    drivers = list(dict.fromkeys(d.id for m in reversed(matrices) for d in m.framework.drivers))  # newest first
    newest_first = zip(reversed(matrices), reversed(keys), strict=True)
    order = dict.fromkeys(here[a.id] for m, here in newest_first for a, _ in m.rows)  # then areas gone
    scales = any(renamed(old.framework, new.framework) for old, new in itertools.pairwise(matrices))
    return History(labels, matrices, scales, tuple(track(key, rows, same, drivers) for key in order))


def track_keys(matrices: tuple[Matrix, ...]) -> list[dict[str, int]]:
    """Per edition, area id → its track: by id, by an alias of an id gone, or by an id seen earlier."""
    keys: list[dict[str, int]] = []
    seen: dict[str, int] = {}  # the last track each id belonged to
    fresh = itertools.count()
    for matrix in matrices:
        before = keys[-1] if keys else {}
        ids, earlier = {area.id for area, _ in matrix.rows}, set(before.values())
        here: dict[str, int] = {}
        used: set[int] = set()
        for area, _ in matrix.rows:
            found = [before[a] for a in area.aliases if a in before and a not in ids]
            if area.id in seen and seen[area.id] not in earlier:
                found.append(seen[area.id])  # back after an edition without it
            found = [before[area.id]] if area.id in before else [k for k in found if k not in used]
            here[area.id] = found[0] if found else next(fresh)
            used.add(here[area.id])
        seen.update(here)
        keys.append(here)
    return keys


def track(key: int, rows: list[dict[int, Row]], same: list[Same], drivers: list[str]) -> Track:
    found = [by_key.get(key) for by_key in rows]
    areas = tuple(row[0] if row else None for row in found)
    by_driver = [{c.driver.id: c for c in row[1]} if row else {} for row in found]
    lines = []
    for driver_id in drivers:
        cells = tuple(row_cells.get(driver_id) for row_cells in by_driver)
        shown = [c for c in cells if c is not None]
        if shown:
            lines.append(Line(shown[-1].driver, cells, cell_events(areas, cells, same)))
    overalls = tuple(row[2] if row else None for row in found)
    if any(o is not None for o in overalls):  # its events name the drivers whose cells moved with it
        moved = {(e.at, line.driver.id) for line in lines if line.driver for e in line.events if e.kind == COLOUR}
        events = (
            Event(i, COLOUR, tuple(d for d in by_driver[i] if (i, d) in moved))
            for i, (was, now) in enumerate(itertools.pairwise(overalls), 1)
            if was is not None and now is not None and shifted(same[i - 1], was, now)
        )
        lines.append(Line(None, overalls, tuple(events)))
    newest = next(a for a in reversed(areas) if a is not None)
    return Track(newest, areas, area_events(areas), tuple(lines))


def area_events(areas: tuple[Area | None, ...]) -> tuple[Event, ...]:
    events = []
    for i, (was, now) in enumerate(itertools.pairwise(areas), 1):
        if was is None and now is not None:
            events.append(Event(i, ADDED))
        elif was is not None and now is None:
            events.append(Event(i, REMOVED))
        elif was is not None and now is not None:
            if was.id != now.id:
                events.append(Event(i, NEW_ID, before=was.id, after=now.id))
            if was.name != now.name:
                events.append(Event(i, RENAMED, names=(was.name, now.name)))
    return tuple(events)


def cell_events(
    areas: tuple[Area | None, ...], cells: tuple[Assessment | None, ...], same: list[Same]
) -> tuple[Event, ...]:
    events = []
    for i, (was, now) in enumerate(itertools.pairwise(cells), 1):
        if areas[i - 1] is None or areas[i] is None or was is None and now is None:
            continue  # the area came or went (its own event says so), or the driver is in neither
        if was is None or now is None:
            events.append(Event(i, DRIVER_ADDED if was is None else DRIVER_REMOVED))
        elif (change := cell_change(same[i - 1], was, now)) is not None:
            events.append(Event(i, COLOUR, change.causes, change))
    return tuple(events)
