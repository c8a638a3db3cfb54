"""Changes between editions: a Diff as plain text for the terminal, Markdown for a pull-request comment and
JSON; a History as one table (a row per area and driver and the overall, a column per edition, a last column
of changes and causes) as page blocks, JSON and CSV (terminal.py prints it); what --set and --fail-on say."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from veikart_cli.engine.diff import (
    ADDED,
    COLOUR,
    DRIVER_ADDED,
    DRIVER_REMOVED,
    NEW_ID,
    RENAMED,
    CellChange,
    Diff,
    Event,
    History,
    Line,
    Track,
    moved,
    overall_changes,
)
from veikart_cli.engine.gates import OVERALL, OVERALL_DRIVER
from veikart_cli.engine.rules import Trend, trend_id
from veikart_cli.engine.scoring import Assessment, Matrix, Overall
from veikart_cli.model.vocabulary import Language
from veikart_cli.render.document import Block, Bullets, Cell, Heading, Page, Paragraph, Table, page_markdown
from veikart_cli.render.pages import colour_cell
from veikart_cli.render.phrases import (
    OVERALL_ID,
    cell_name,
    cell_text,
    colour_text,
    driver_heading,
    evidence_text,
    mark_notes,
    names,
    overall_cell,
    overall_driver,
    scale_line,
)
from veikart_cli.render.sanitize import csv_text, json_text, terminal


def why(change: CellChange, lang: Language) -> str:
    parts = []
    for cause in change.causes:
        text = lang.word(f"cause-{cause}")
        if cause == "evidence" and change.parts:  # a composite: name the parts that moved
            names = {r.part.id: r.part.name.get(lang) for r in change.after.parts}
            text += ": " + ", ".join(f"{lang.word('part').lower()} {names[p]}" for p in change.parts)
        elif cause == "evidence":
            text += f": {evidence_text(change.before, lang)} → {evidence_text(change.after, lang)}"
        parts.append(text)
    return "; ".join(parts) or "–"


def overall_lines(diff: Diff, lang: Language) -> list[str]:
    """An area's overall that changed, with the drivers whose cells moved; and a renamed scale."""
    lines = [f"! {lang.word('criteria-renamed')}"] if diff.renamed else []
    new = diff.new.framework
    for change in diff.overall_changes:
        before = colour_text(diff.old.framework, change.before.colours, lang) if change.before.colours else "–"
        after = colour_text(new, change.after.colours, lang) if change.after.colours else "–"
        before += f" {change.before.trend.level.symbol}" if change.before.trend is not None else ""
        after += f" {change.after.trend.level.symbol}" if change.after.trend is not None else ""
        cause = names(new, change.cells, lang) or lang.word("cause-criteria")
        lines.append(f"~ {change.area.name.get(lang)} – {lang.word('overall')}: {before} → {after} ({cause})")
    return lines


def change_row(diff: Diff, change: CellChange, lang: Language) -> tuple[str, str, str, str, str]:
    """Area, driver, colours before and after, and why."""
    before, after = (
        cell_text(diff.old.framework, change.before, lang),
        cell_text(diff.new.framework, change.after, lang),
    )
    driver = driver_heading(change.after.driver, lang, short=True)
    return change.after.area.name.get(lang), driver, before, after, why(change, lang)


def counts(diff: Diff, lang: Language) -> str:
    """'1 celle endret farge, 1 område lagt til, 0 fjernet': an area's overall that changed is one more cell."""
    changed = f"{lang.counted('cells', len(diff.changes) + len(diff.overall_changes))} {lang.word('changed-colour')}"
    added = f"{lang.counted('areas', len(diff.added))} {lang.word('added')}"
    return f"{changed}, {added}, {len(diff.removed)} {lang.word('removed')}"


def entry_lines(diff: Diff, lang: Language, minus: str) -> list[str]:
    """Areas and drivers added ('+') and removed."""
    driver = lang.word("driver-noun")
    lines = [f"+ {a.name.get(lang)} ({a.id})" for a in diff.added]
    lines += [f"{minus} {a.name.get(lang)} ({a.id})" for a in diff.removed]
    lines += [f"+ {driver} {d.name.get(lang)} ({d.id})" for d in diff.drivers_added]
    lines += [f"{minus} {driver} {d.name.get(lang)} ({d.id})" for d in diff.drivers_removed]
    return lines


def diff_text(diff: Diff, labels: tuple[str, str], lang: Language) -> str:
    lines = [f"veikart diff {labels[0]} → {labels[1]}: {counts(diff, lang)}"]
    lines += ["~ {} – {}: {} → {} ({})".format(*change_row(diff, change, lang)) for change in diff.changes]
    lines += overall_lines(diff, lang) + entry_lines(diff, lang, "-")
    return "\n".join(terminal(line) for line in lines) + "\n"  # data never starts a line


def diff_markdown(diff: Diff, labels: tuple[str, str], lang: Language) -> str:
    blocks: list[Block] = [Heading(3, f"veikart diff {labels[0]} → {labels[1]}", ""), Paragraph(counts(diff, lang))]
    if diff.changes:
        rows = tuple(tuple(Cell(text) for text in change_row(diff, c, lang)) for c in diff.changes)
        headers = tuple(lang.word(key) for key in ("area", "driver-column", "before", "after", "why"))
        blocks.append(Table(headers, rows))
    blocks.append(Bullets(tuple(overall_lines(diff, lang) + entry_lines(diff, lang, "−"))))
    return page_markdown(Page("diff", lang, tuple(blocks)))


def trend_change(before: Trend | None, after: Trend | None) -> dict[str, str]:
    """A series' trend before and after, where either edition has one."""
    if before is None and after is None:
        return {}
    return {"trend_before": trend_id(before), "trend_after": trend_id(after)}


def diff_json(diff: Diff, labels: tuple[str, str], lang: Language) -> str:
    data: dict[str, Any] = {
        "veikart": 1,
        "old": labels[0],
        "new": labels[1],
        "changes": [
            {
                "area": c.after.area.id,
                "driver": c.after.driver.id,
                "before": c.before.colours,
                "after": c.after.colours,
                "causes": c.causes,
                "evidence_before": evidence_text(c.before, lang),
                "evidence_after": evidence_text(c.after, lang),
                **trend_change(c.before.trend, c.after.trend),
                **({"parts": c.parts} if c.parts else {}),
            }
            for c in diff.changes
        ],
        "areas_added": [a.id for a in diff.added],
        "areas_removed": [a.id for a in diff.removed],
        "drivers_added": [d.id for d in diff.drivers_added],
        "drivers_removed": [d.id for d in diff.drivers_removed],
    }
    if diff.overall_changes or diff.renamed:  # the method layer: only when it has something to say
        data["renamed_colours"] = diff.renamed
        data["overall_changes"] = [
            {"area": o.area.id, "before": o.before.colours, "after": o.after.colours, "cells": o.cells}
            for o in diff.overall_changes
        ]
    return json_text(data)


def what_if_lines(before: Matrix, after: Matrix, lang: Language) -> list[str]:
    """One line per cell that a --set moved ('🟡 Gul → 🟢 Grønn', with the computed colours when an
    override hides them), or one saying none did; then one per area whose overall colour it moved."""
    prefix, framework = lang.word("what-if"), after.framework

    def shown(cell: Assessment) -> str:
        text = cell_text(framework, cell, lang) if cell.colours else "–"
        if cell.override and cell.computed:
            text += f" ({lang.word('computed')} {colour_text(framework, cell.computed, lang)})"
        return text

    lines = [f"{prefix}: {cell_name(new, lang)}: {shown(old)} → {shown(new)}" for old, new in moved(before, after)]
    lines = lines or [f"{prefix}: {lang.word('no-change')}"]
    for change in overall_changes(before, after, []):
        old = colour_text(before.framework, change.before.colours, lang) if change.before.colours else "–"
        new = colour_text(framework, change.after.colours, lang) if change.after.colours else "–"
        lines.append(f"{prefix}: {change.area.name.get(lang)} – {lang.word('overall')}: {old} → {new}")
    return [terminal(line) for line in lines]


def gate_lines(matrix: Matrix, hits: list[tuple[Assessment, str]], wanted: list[str], lang: Language) -> list[str]:
    """Each cell that matched a --fail-on condition, then the count ('2 av 28 celler treffer --fail-on red')."""

    def name(cell: Assessment) -> str:
        if cell.driver.id == OVERALL_DRIVER and cell.evidence.driver == OVERALL_DRIVER:
            return f"{cell.area.name.get(lang)} – {lang.word('overall')}"
        return cell_name(cell, lang)

    lines = [
        terminal(f"--fail-on {condition}: {name(cell)}: {cell_text(matrix.framework, cell, lang)}")
        for cell, condition in hits
    ]
    if hits:
        # what was gated: the cells when a condition is on cells, each area's overall when one is on overalls
        gated = len(matrix.cells()) if any(not c.startswith(OVERALL) for c in wanted) else 0
        if any(c.startswith(OVERALL) for c in wanted):
            gated += len(matrix.overalls)
        cells = lang.counted("cells", gated)
        option = "--fail-on " + " ".join(wanted)
        lines.append(terminal(lang.word("gate-summary", hits=str(len(hits)), cells=cells, conditions=option)))
    return lines


ABSENT = "–"  # a row not in an edition
Edition = tuple[Matrix, Assessment | None]  # an edition's matrix and a row's cell in it, None where it has no colour


def shown(matrix: Matrix, cell: Assessment | Overall | None, lang: Language) -> str:
    """A cell's colours in words, with its marks; '–' where the row is not in that edition."""
    if cell is None or not cell.colours:
        return ABSENT
    if isinstance(cell, Overall):
        return colour_text(matrix.framework, cell.colours, lang)
    return cell_text(matrix.framework, cell, lang)


def row_name(line: Line, lang: Language) -> str:
    return driver_heading(line.driver, lang, short=True) if line.driver else lang.word("overall")


def event_text(history: History, line: Line | None, event: Event, lang: Language) -> str:
    """'v2022: 🟡 Gul → 🟢 Grønn (grunnlaget endret: 10 % → 20 %)', 'v2023: fjernet', …"""
    label = history.labels[event.at]
    if event.kind == COLOUR and line is not None:
        before, after = (shown(history.matrices[i], line.cells[i], lang) for i in (event.at - 1, event.at))
        if event.change is not None:
            cause = why(event.change, lang)
        else:  # the overall: the drivers whose cells moved with it
            framework = history.matrices[event.at].framework
            cause = names(framework, event.causes, lang) if event.causes else lang.word("cause-criteria")
        return f"{label}: {before} → {after} ({cause})"
    if event.kind == RENAMED and event.names:
        before, after = (n.get(lang) for n in event.names)
        return f"{label}: {lang.word('history-renamed', before=before, after=after)}"
    if event.kind == NEW_ID:
        return f"{label}: {lang.word('history-new-id', before=event.before, after=event.after)}"
    done = lang.word("added" if event.kind in (ADDED, DRIVER_ADDED) else "removed")
    driver = f"{lang.word('driver-noun')} " if event.kind in (DRIVER_ADDED, DRIVER_REMOVED) else ""
    return f"{label}: {driver}{done}"


def rows(history: History, lang: Language) -> Iterator[tuple[Track, Line, list[Edition], list[str]]]:
    """Each row (a driver or the overall of an area): its track and line, each edition's matrix and the row's
    cell in it, and the texts of its changes: the area's own events on its first row, then the row's."""
    for track in history.tracks:
        driver = overall_driver(lang, track.area.loc)
        for line in track.lines:
            cells = (overall_cell(track.area, driver, c) if isinstance(c, Overall) else c for c in line.cells)
            coloured = (c if c is not None and c.colours else None for c in cells)
            said = [event_text(history, None, e, lang) for e in track.events] if line is track.lines[0] else []
            yield (
                track,
                line,
                list(zip(history.matrices, coloured, strict=True)),
                said + [event_text(history, line, e, lang) for e in line.events],
            )


def summary(history: History, lang: Language) -> str:
    """'veikart history v1 → v2 → v3: 2 celler endret farge, 1 område lagt til, 0 fjernet'."""
    changed = f"{lang.counted('cells', history.count(COLOUR))} {lang.word('changed-colour')}"
    added = f"{lang.counted('areas', history.count(ADDED))} {lang.word('added')}"
    removed = f"{history.count('removed')} {lang.word('removed')}"
    return f"veikart history {' → '.join(history.labels)}: {changed}, {added}, {removed}"


def notes(history: History, lang: Language) -> list[str]:
    """The symbols of the newest scale, '–', the marks of the cells shown, a renamed scale."""
    cells = [c for t in history.tracks for line in t.lines for c in line.cells if isinstance(c, Assessment)]
    lines = [scale_line(history.matrices[-1].framework, lang), f"{ABSENT} {lang.word('history-absent')}"]
    lines += mark_notes(cells, lang)
    return lines + ([lang.word("criteria-renamed")] if history.renamed else [])


def headers(history: History, lang: Language) -> tuple[str, ...]:
    return (lang.word("area"), lang.word("driver-column"), *history.labels, lang.word("changes"))


def title(history: History, lang: Language) -> str:
    return f"{history.matrices[-1].framework.title.get(lang)} – {lang.word('history')}"


def history_page(history: History, lang: Language) -> Page:
    table = []
    for track, line, cells, said in rows(history, lang):
        colours = [colour_cell(m.framework, c, lang) if c else Cell(ABSENT) for m, c in cells]
        name = Cell(track.area.name.get(lang) if line is track.lines[0] else "")
        table.append((name, Cell(row_name(line, lang)), *colours, Cell("\n".join(said))))
    blocks = (
        Paragraph(summary(history, lang)),
        Table(headers(history, lang), tuple(table)),
        Bullets(tuple(notes(history, lang))),
    )
    return Page(title(history, lang), lang, blocks)


def event_data(history: History, line: Line | None, event: Event, lang: Language) -> dict[str, Any]:
    data: dict[str, Any] = {"edition": history.labels[event.at], "kind": event.kind}
    if event.kind == COLOUR and line is not None:
        before, after = line.cells[event.at - 1], line.cells[event.at]  # a cell is None where its row is absent
        data["before"], data["after"] = before.colours if before else (), after.colours if after else ()
        if event.change is not None:
            data["causes"] = list(event.change.causes)
            data["evidence_before"] = evidence_text(event.change.before, lang)
            data["evidence_after"] = evidence_text(event.change.after, lang)
            if event.change.parts:
                data["parts"] = list(event.change.parts)
        else:
            data["cells"] = list(event.causes)
    elif event.kind == NEW_ID:
        data["before"], data["after"] = event.before, event.after
    elif event.kind == RENAMED and event.names:
        data["before"], data["after"] = (n.get(lang) for n in event.names)
    data["text"] = event_text(history, line, event, lang)
    return data


def history_json(history: History, lang: Language) -> str:
    data = {
        "veikart": 1,
        "editions": list(history.labels),
        "summary": summary(history, lang),
        "areas": [
            {
                "area": track.area.id,
                "name": track.area.name.get(lang),
                "ids": [a.id if a else None for a in track.areas],
                "events": [event_data(history, None, e, lang) for e in track.events],
                "rows": [
                    {
                        "driver": line.driver.id if line.driver else OVERALL_ID,
                        "name": row_name(line, lang),
                        "colours": [list(c.colours) if c else None for c in line.cells],
                        "events": [event_data(history, line, e, lang) for e in line.events],
                    }
                    for line in track.lines
                ],
            }
            for track in history.tracks
        ],
    }
    return json_text(data)


def history_csv(history: History, lang: Language) -> str:
    """A row per area and driver: ids, names, each edition's colour ids ('' where absent) and the changes."""
    table = [["area", "area_name", "driver", "driver_name", *history.labels, "changes"]]
    for track, line, cells, said in rows(history, lang):
        colours = ["/".join(c.colours) if c else "" for _, c in cells]
        driver = line.driver.id if line.driver else OVERALL_ID
        table.append(
            [track.area.id, track.area.name.get(lang), driver, row_name(line, lang), *colours, "; ".join(said)]
        )
    return csv_text(table)
