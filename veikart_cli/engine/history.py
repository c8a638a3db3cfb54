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
from veikart_cli.model.evidence import Area
from veikart_cli.model.types import Driver, Text

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


def check_editions(labels: list[str]) -> None:
    """Two editions or more, each once: HistoryError if not."""
    if len(labels) < 2:
        raise HistoryError("a history needs at least two editions")
    repeated = [label for i, label in enumerate(labels) if label in labels[:i]]
    if repeated:
        raise HistoryError(f"edition '{repeated[0]}' is given twice")


def history(editions: list[tuple[str, Matrix]] | tuple[tuple[str, Matrix], ...]) -> History:
    """The editions in the order given, oldest first."""
    labels = tuple(label for label, _ in editions)
    check_editions(list(labels))
    matrices = tuple(matrix for _, matrix in editions)
    keys = track_keys(matrices)
    diffs = tuple(diff(renumbered(matrices[i - 1], keys[i - 1], keys[i]), matrices[i]) for i in range(1, len(matrices)))
    found = Found(
        [{here[a.id]: (a, row, m.overall(a.id)) for a, row in m.rows} for m, here in zip(matrices, keys, strict=True)],
        [{(c.after.area.id, c.after.driver.id): c for c in d.changes} for d in diffs],
        [{o.area.id: o for o in d.overall_changes} for d in diffs],
        driver_order(matrices),
        any(m.overalls for m in matrices),
    )
    tracks = tuple(track(key, found) for key in track_order(matrices, keys))
    return History(labels, matrices, diffs, tracks)


Row = tuple[Area, tuple[Assessment, ...], Overall | None]


class Found(NamedTuple):
    """Indexes made once, so that a history is linear in the size of the editions."""

    rows: list[dict[int, Row]]  # per edition: track → the area's row and overall
    cells: list[dict[tuple[str, str], CellChange]]  # per step: (area id, driver id) → its change
    overalls: list[dict[str, OverallChange]]  # per step: area id → its overall's change
    drivers: list[str]  # every driver id, the newest edition's order first
    any_overall: bool


def track_keys(matrices: tuple[Matrix, ...]) -> list[dict[str, int]]:
    """Per edition, area id → the number of its track: the same id, or an alias naming an id of
    the edition before that this edition no longer has, or an id seen in an earlier edition."""
    keys: list[dict[str, int]] = []
    seen: dict[str, int] = {}  # the last track each id belonged to
    count = 0
    for matrix in matrices:
        before = keys[-1] if keys else {}
        ids = {area.id for area, _ in matrix.rows}
        earlier = set(before.values())
        here: dict[str, int] = {}
        used: set[int] = set()
        for area, _ in matrix.rows:
            old = [a for a in area.aliases if a in before and a not in ids and before[a] not in used]
            if area.id in before:
                here[area.id] = before[area.id]
            elif old:
                here[area.id] = before[old[0]]
            elif area.id in seen and seen[area.id] not in used and seen[area.id] not in earlier:
                here[area.id] = seen[area.id]  # back after an edition without it
            else:
                here[area.id] = count
                count += 1
            used.add(here[area.id])
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
    order: dict[int, None] = {}
    for matrix, here in zip(reversed(matrices), reversed(keys), strict=True):
        order.update((here[a.id], None) for a, _ in matrix.rows if here[a.id] not in order)
    return list(order)


def driver_order(matrices: tuple[Matrix, ...]) -> list[str]:
    order: dict[str, None] = {}
    for matrix in reversed(matrices):
        order.update((d.id, None) for d in matrix.framework.drivers)
    return list(order)


def track(key: int, found: Found) -> Track:
    rows = [by_key.get(key) for by_key in found.rows]
    areas = tuple(row[0] if row else None for row in rows)
    newest = next(a for a in reversed(areas) if a is not None)
    by_driver = [{c.driver.id: c for c in row[1]} if row else {} for row in rows]
    lines = []
    for driver_id in found.drivers:
        cells = tuple(row_cells.get(driver_id) for row_cells in by_driver)
        shown = [c for c in cells if c is not None]
        if shown:
            lines.append(Line(shown[-1].driver, cells, cell_events(areas, cells, found)))
    overalls = tuple(row[2] if row else None for row in rows)
    if found.any_overall and any(o is not None for o in overalls):
        lines.append(Line(None, overalls, overall_events(areas, overalls, found)))
    return Track(newest, areas, area_events(areas), tuple(lines))


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
    areas: tuple[Area | None, ...], cells: tuple[Assessment | None, ...], found: Found
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
            change = found.cells[i - 1].get((now.area.id, now.driver.id))
            if change is not None:
                events.append(Event(i, COLOUR, change.causes, change))
    return tuple(events)


def overall_events(
    areas: tuple[Area | None, ...], overalls: tuple[Overall | None, ...], found: Found
) -> tuple[Event, ...]:
    events = []
    for i in range(1, len(overalls)):
        now = areas[i]
        if now is None or overalls[i - 1] is None or overalls[i] is None:
            continue
        change = found.overalls[i - 1].get(now.id)
        if change is not None:
            events.append(Event(i, COLOUR, change.cells))
    return tuple(events)
