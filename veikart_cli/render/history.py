"""A History → one table (a row per area and driver and the overall, a column per edition, a last
column of changes and causes) as page blocks, JSON and CSV (render/terminal.py prints it)."""

from __future__ import annotations

from typing import Any

from veikart_cli.engine.diff import (
    ADDED,
    COLOUR,
    DRIVER_ADDED,
    DRIVER_REMOVED,
    NEW_ID,
    RENAMED,
    Event,
    History,
    Line,
    Track,
)
from veikart_cli.engine.scoring import Assessment, Matrix, Overall
from veikart_cli.model.vocabulary import Language
from veikart_cli.render.diff import why
from veikart_cli.render.document import Bullets, Cell, Page, Paragraph, Table
from veikart_cli.render.pages import colour_cell
from veikart_cli.render.phrases import (
    OVERALL_ID,
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
from veikart_cli.render.sanitize import csv_text, json_text

ABSENT = "–"  # a row not in an edition


def editions(history: History, track: Track, line: Line, lang: Language) -> list[tuple[Matrix, Assessment | None]]:
    """Each edition's matrix and the row's cell in it (an overall as a cell); None where it has no colour."""
    area, cells = track.area, []
    for matrix, cell in zip(history.matrices, line.cells, strict=True):
        if isinstance(cell, Overall):
            cell = overall_cell(area, overall_driver(lang, area.loc), cell)
        cells.append((matrix, cell if cell is not None and cell.colours else None))
    return cells


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


def changes(history: History, track: Track, line: Line, lang: Language) -> list[str]:
    """The texts of a row's Changes cell: the area's own events on its first row, then the row's."""
    texts = [event_text(history, None, e, lang) for e in track.events] if line is track.lines[0] else []
    return texts + [event_text(history, line, e, lang) for e in line.events]


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
    rows = []
    for track in history.tracks:
        for line in track.lines:
            cells = [
                colour_cell(m.framework, c, lang) if c else Cell(ABSENT)
                for m, c in editions(history, track, line, lang)
            ]
            name = Cell(track.area.name.get(lang) if line is track.lines[0] else "")
            said = Cell("\n".join(changes(history, track, line, lang)))
            rows.append((name, Cell(row_name(line, lang)), *cells, said))
    blocks = (
        Paragraph(summary(history, lang)),
        Table(headers(history, lang), tuple(rows)),
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
    rows = [["area", "area_name", "driver", "driver_name", *history.labels, "changes"]]
    for track in history.tracks:
        for line in track.lines:
            colours = ["/".join(c.colours) if c else "" for c in line.cells]
            driver = line.driver.id if line.driver else OVERALL_ID
            said = "; ".join(changes(history, track, line, lang))
            rows.append([track.area.id, track.area.name.get(lang), driver, row_name(line, lang), *colours, said])
    return csv_text(rows)
