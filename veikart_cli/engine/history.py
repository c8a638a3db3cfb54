"""A roadmap's history: several editions' matrices side by side, with what changed and why.

Pure: a sequence of (label, Matrix) in, a History out. Each edition is compared with the one
before it by engine/diff.py, so a change here is a change `veikart diff` would list, with
the same causes. Areas are followed by id: one whose id is gone but that names the old id
among its aliases is the same area under a new id; a name that changed is a rename; an id
that comes back after an edition without it is the same area again.
"""

from __future__ import annotations

from typing import NamedTuple

from veikart_cli.engine.diff import CellChange, Diff, OverallChange, diff
from veikart_cli.engine.scoring import Assessment, Matrix, Overall
from veikart_cli.model.types import Area, Driver, Text

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
    diffs: tuple[Diff, ...]  # edition i-1 → i, at index i-1; ids already followed to edition i's
    tracks: tuple[Track, ...]

    def events(self) -> list[Event]:
        """Every event, area events and row events alike."""
        return [e for t in self.tracks for e in (*t.events, *(e for line in t.lines for e in line.events))]

    @property
    def changed(self) -> bool:
        return bool(self.events())

    def count(self, kind: str) -> int:
        """How many of one kind of event; COLOUR counts cells, not overalls."""
        found = [e for e in self.events() if e.kind == kind]
        return len([e for e in found if e.change is not None]) if kind == COLOUR else len(found)

    def changed_only(self) -> History:
        """The areas that changed: every row of one added, removed or renamed, else the rows that changed."""
        tracks = []
        for track in self.tracks:
            lines = track.lines if track.events else tuple(line for line in track.lines if line.events)
            if lines:
                tracks.append(track._replace(lines=lines))
        return self._replace(tracks=tuple(tracks))


def history(editions: list[tuple[str, Matrix]] | tuple[tuple[str, Matrix], ...]) -> History:
    """The editions in the order given, oldest first."""
    if len(editions) < 2:
        raise HistoryError("a history needs at least two editions")
    labels = tuple(label for label, _ in editions)
    if len(set(labels)) != len(labels):
        repeated = next(label for label in labels if labels.count(label) > 1)
        raise HistoryError(f"edition '{repeated}' is given twice")
    matrices = tuple(matrix for _, matrix in editions)
    keys = track_keys(matrices)
    diffs = tuple(diff(renumbered(matrices[i - 1], keys[i - 1], keys[i]), matrices[i]) for i in range(1, len(matrices)))
    order = track_order(matrices, keys)
    drivers = driver_order(matrices)
    tracks = tuple(track(key, matrices, keys, diffs, drivers) for key in order)
    return History(labels, matrices, diffs, tracks)


def track_keys(matrices: tuple[Matrix, ...]) -> list[dict[str, int]]:
    """Per edition, area id → the number of its track: the same id, or an alias naming an id of
    the edition before that this edition no longer has, or an id seen in an earlier edition."""
    keys: list[dict[str, int]] = []
    seen: dict[str, int] = {}  # the last track each id belonged to
    count = 0
    for matrix in matrices:
        before = keys[-1] if keys else {}
        ids = {area.id for area, _ in matrix.rows}
        here: dict[str, int] = {}
        for area, _ in matrix.rows:
            old = [a for a in area.aliases if a in before and a not in ids and before[a] not in here.values()]
            if area.id in before:
                here[area.id] = before[area.id]
            elif old:
                here[area.id] = before[old[0]]
            elif area.id in seen and seen[area.id] not in here.values() and seen[area.id] not in before.values():
                here[area.id] = seen[area.id]  # back after an edition without it
            else:
                here[area.id] = count
                count += 1
        seen.update(here)
        keys.append(here)
    return keys


def renumbered(matrix: Matrix, keys: dict[str, int], next_keys: dict[str, int]) -> Matrix:
    """The matrix with each area's id as the next edition calls the same track, so that
    engine/diff.py, which matches areas by id, sees one area under a new id as the same one."""
    new_id = {key: area_id for area_id, key in next_keys.items()}
    renames = {area_id: new_id[key] for area_id, key in keys.items() if new_id.get(key, area_id) != area_id}
    if not renames:
        return matrix
    rows = []
    for area, cells in matrix.rows:
        if area.id in renames:
            area = area._replace(id=renames[area.id])
            cells = tuple(cell._replace(area=area) for cell in cells)
        rows.append((area, cells))
    return matrix._replace(rows=tuple(rows))


def track_order(matrices: tuple[Matrix, ...], keys: list[dict[str, int]]) -> list[int]:
    """The newest edition's order; then areas it no longer has, newest edition first."""
    order: list[int] = []
    for matrix, here in zip(reversed(matrices), reversed(keys), strict=True):
        order += [here[a.id] for a, _ in matrix.rows if here[a.id] not in order]
    return order


def driver_order(matrices: tuple[Matrix, ...]) -> list[str]:
    order: list[str] = []
    for matrix in reversed(matrices):
        order += [d.id for d in matrix.framework.drivers if d.id not in order]
    return order


def track(
    key: int, matrices: tuple[Matrix, ...], keys: list[dict[str, int]], diffs: tuple[Diff, ...], drivers: list[str]
) -> Track:
    rows: list[tuple[Area, tuple[Assessment, ...], Overall | None] | None] = []
    for matrix, here in zip(matrices, keys, strict=True):
        found = None
        for i, (area, row) in enumerate(matrix.rows):
            if here[area.id] == key:
                found = (area, row, matrix.overalls[i] if matrix.overalls else None)
        rows.append(found)
    areas = tuple(row[0] if row else None for row in rows)
    newest = next(a for a in reversed(areas) if a is not None)
    events = area_events(areas)
    lines = []
    for driver_id in drivers:
        cells: tuple[Assessment | None, ...] = tuple(
            next((c for c in row[1] if c.driver.id == driver_id), None) if row else None for row in rows
        )
        shown = [c for c in cells if c is not None]
        if shown:
            lines.append(Line(shown[-1].driver, cells, cell_events(areas, cells, diffs)))
    if any(m.overalls for m in matrices):
        overalls = tuple(row[2] if row else None for row in rows)
        if any(o is not None for o in overalls):
            lines.append(Line(None, overalls, overall_events(areas, overalls, diffs)))
    return Track(newest, areas, events, tuple(lines))


def area_events(areas: tuple[Area | None, ...]) -> tuple[Event, ...]:
    events = []
    for i in range(1, len(areas)):
        was, now = areas[i - 1], areas[i]
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
    areas: tuple[Area | None, ...], cells: tuple[Assessment | None, ...], diffs: tuple[Diff, ...]
) -> tuple[Event, ...]:
    events = []
    for i in range(1, len(cells)):
        was, now = cells[i - 1], cells[i]
        if areas[i - 1] is None or areas[i] is None:
            continue  # the area came or went: its own event says so
        if was is None and now is not None:
            events.append(Event(i, DRIVER_ADDED))
        elif was is not None and now is None:
            events.append(Event(i, DRIVER_REMOVED))
        elif now is not None:
            key = (now.area.id, now.driver.id)
            events += [
                Event(i, COLOUR, c.causes, c)
                for c in diffs[i - 1].changes
                if (c.after.area.id, c.after.driver.id) == key
            ]
    return tuple(events)


def overall_events(
    areas: tuple[Area | None, ...], overalls: tuple[Overall | None, ...], diffs: tuple[Diff, ...]
) -> tuple[Event, ...]:
    events = []
    for i in range(1, len(overalls)):
        now = areas[i]
        if now is None or overalls[i - 1] is None or overalls[i] is None:
            continue
        found: list[OverallChange] = [o for o in diffs[i - 1].overall_changes if o.area.id == now.id]
        events += [Event(i, COLOUR, o.cells) for o in found]
    return tuple(events)
