"""A Diff → plain text for the terminal, Markdown for a pull-request comment, JSON for programs."""

from __future__ import annotations

from typing import Any

from veikart_cli.engine.diff import CellChange, Diff, OverallChange
from veikart_cli.engine.gates import OVERALL, OVERALL_DRIVER
from veikart_cli.engine.rules import Trend, trend_id
from veikart_cli.engine.scoring import Assessment, Matrix
from veikart_cli.model.types import Framework
from veikart_cli.model.vocabulary import Language
from veikart_cli.render.document import Block, Bullets, Cell, Heading, Page, Paragraph, Table, page_markdown
from veikart_cli.render.phrases import (
    cell_name,
    cell_text,
    colour_text,
    driver_heading,
    evidence_text,
    language,
    names,
    word,
)
from veikart_cli.render.sanitize import json_text, terminal


def why(change: CellChange, lang: Language) -> str:
    parts = []
    for cause in change.causes:
        text = word(f"cause-{cause}", lang)
        if cause == "evidence" and change.parts:  # a composite: name the parts that moved
            names = {r.part.id: r.part.name.get(lang) for r in change.after.parts}
            text += ": " + ", ".join(f"{word('part', lang).lower()} {names[p]}" for p in change.parts)
        elif cause == "evidence":
            text += f": {evidence_text(change.before, lang)} → {evidence_text(change.after, lang)}"
        parts.append(text)
    return "; ".join(parts) or "–"


def overall_lines(diff: Diff, lang: Language) -> list[str]:
    """An area's overall that changed, with the drivers whose cells moved; and a renamed scale."""
    lines = [f"! {word('criteria-renamed', lang)}"] if diff.renamed else []
    new = diff.new.framework
    for change in diff.overall_changes:
        before = colour_text(diff.old.framework, change.before.colours, lang) if change.before.colours else "–"
        after = colour_text(new, change.after.colours, lang) if change.after.colours else "–"
        before += f" {change.before.trend.level.symbol}" if change.before.trend is not None else ""
        after += f" {change.after.trend.level.symbol}" if change.after.trend is not None else ""
        cause = names(new, change.cells, lang) or word("cause-criteria", lang)
        lines.append(f"~ {change.area.name.get(lang)} – {word('overall', lang)}: {before} → {after} ({cause})")
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
    changed = f"{lang.counted('cells', len(diff.changes) + len(diff.overall_changes))} {word('changed-colour', lang)}"
    added = f"{lang.counted('areas', len(diff.added))} {word('added', lang)}"
    return f"{changed}, {added}, {len(diff.removed)} {word('removed', lang)}"


def entry_lines(diff: Diff, lang: Language, minus: str) -> list[str]:
    """Areas and drivers added ('+') and removed."""
    driver = word("driver-noun", lang)
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
        headers = tuple(word(key, lang) for key in ("area", "driver-column", "before", "after", "why"))
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


def what_if_lines(framework: Framework, pairs: list[tuple[Assessment, Assessment]], code: str) -> list[str]:
    """One line per cell that a --set moved ('🟡 Gul → 🟢 Grønn', with the computed colours when an
    override hides them); one line saying so when none did."""
    lang = language(framework, code)
    prefix = word("what-if", lang)

    def shown(cell: Assessment) -> str:
        text = cell_text(framework, cell, lang) if cell.colours else "–"
        if cell.override and cell.computed:
            text += f" ({word('computed', lang)} {colour_text(framework, cell.computed, lang)})"
        return text

    lines = [f"{prefix}: {cell_name(new, lang)}: {shown(old)} → {shown(new)}" for old, new in pairs]
    return [terminal(line) for line in lines or [f"{prefix}: {word('no-change', lang)}"]]


def gate_lines(matrix: Matrix, hits: list[tuple[Assessment, str]], wanted: list[str], code: str) -> list[str]:
    """Each cell that matched a --fail-on condition, then the count ('2 av 28 celler treffer --fail-on red')."""
    lang = language(matrix.framework, code)

    def name(cell: Assessment) -> str:
        if cell.driver.id == OVERALL_DRIVER and cell.evidence.driver == OVERALL_DRIVER:
            return f"{cell.area.name.get(lang)} – {word('overall', lang)}"
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
        lines.append(terminal(word("gate-summary", lang, hits=str(len(hits)), cells=cells, conditions=option)))
    return lines


def what_if_overall_lines(before: Matrix, after: Matrix, changes: tuple[OverallChange, ...], code: str) -> list[str]:
    """One line per area whose overall colour a --set moved."""
    lang = language(after.framework, code)
    prefix = word("what-if", lang)
    lines = []
    for change in changes:
        old = colour_text(before.framework, change.before.colours, lang) if change.before.colours else "–"
        new = colour_text(after.framework, change.after.colours, lang) if change.after.colours else "–"
        lines.append(terminal(f"{prefix}: {change.area.name.get(lang)} – {word('overall', lang)}: {old} → {new}"))
    return lines
