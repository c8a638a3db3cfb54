"""The method layer in every output: the overall colour as its own column, why it is what it
is, a composite driver's parts and a state's reason. Words come from the vocabulary."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from veikart_cli.engine.scoring import Assessment, Matrix, Overall
from veikart_cli.model.amounts import format_number
from veikart_cli.model.types import Area, Driver, Evidence, Framework, LevelRule, Text
from veikart_cli.model.vocabulary import Language
from veikart_cli.render.phrases import colour_text, word
from veikart_cli.render.sanitize import terminal

OVERALL_ID = "overall"


def with_overall(matrix: Matrix, lang: Language) -> Matrix:
    """For tables and figures: the matrix with the overall as one more column after the drivers.

    The column is an assessment like any other, so every renderer draws it as it draws a cell;
    a matrix without overall colours comes back as it is."""
    if not matrix.overalls:
        return matrix
    driver = Driver(
        OVERALL_ID, Text.of(word("overall", lang)), Text.of(""), LevelRule(()), matrix.framework.drivers[0].loc
    )
    framework = matrix.framework._replace(drivers=(*matrix.framework.drivers, driver))
    rows = tuple(
        (area, (*cells, overall_cell(area, driver, overall)))
        for (area, cells), overall in zip(matrix.rows, matrix.overalls, strict=True)
    )
    return Matrix(framework, rows)


def overall_cell(area: Area, driver: Driver, overall: Overall) -> Assessment:
    evidence = Evidence(OVERALL_ID, None, Text.of(""), (), area.loc)
    return Assessment(area, driver, evidence, overall.colours, ())


def names(framework: Framework, ids: tuple[str, ...], lang: Language) -> str:
    drivers = {d.id: d for d in framework.drivers}
    return ", ".join((drivers[i].short or drivers[i].name).get(lang) if i in drivers else i for i in ids)


def percent(share: Decimal, lang: str) -> str:
    return f"{format_number(share * 100, lang)} %"


def overall_fields(framework: Framework, overall: Overall, lang: Language) -> list[tuple[str, str]]:
    """(label, text) lines: the colour, which drivers decided it, and how close the next one is."""
    shown = colour_text(framework, overall.colours, lang) if overall.colours else "–"
    fields = [(word("colour", lang), shown)]
    if overall.uncertain:
        fields.append((word("uncertain-label", lang), word("uncertain", lang)))
    if overall.vetoed:
        fields.append((word("vetoed-by", lang).capitalize(), names(framework, overall.vetoed, lang)))
    elif overall.deciding:
        fields.append((word("decided-by", lang).capitalize(), names(framework, overall.deciding, lang)))
    if overall.support is not None and not overall.vetoed:  # under a veto the weight did not decide
        fields.append((word("margin", lang), f"{percent(overall.support, lang)} {word('support', lang)}"))
    if overall.needed and not overall.vetoed:
        fields.append((word("margin", lang), f"{percent(overall.needed, lang)} {word('needed', lang)}"))
    if overall.lifts:
        fields.append((word("margin", lang), f"{word('lifts', lang)} {names(framework, overall.lifts, lang)}"))
    if overall.overridden:
        fields.append(
            (
                word("override-label", lang),
                f"{word('overall-override', lang)}: {names(framework, overall.overridden, lang)}",
            )
        )
    if overall.left_out:
        fields.append((word("state", lang), f"{word('left-out', lang)}: {names(framework, overall.left_out, lang)}"))
    return fields


def explain_overall(matrix: Matrix, area_id: str, lang: Language) -> str:
    overall = matrix.overall(area_id)
    if overall is None:
        return ""
    area = next(a for a, _ in matrix.rows if a.id == area_id)
    lines = [f"{area.name.get(lang)} ({area.section}) – {word('overall', lang)}"]
    lines += [f"  {label}: {text}" for label, text in overall_fields(matrix.framework, overall, lang)]
    return "\n".join(terminal(line) for line in lines)  # one line each: data never starts a line


def part_fields(framework: Framework, cell: Assessment, lang: Language) -> list[tuple[str, str]]:
    """A composite driver's parts: each one's value and colour, and which decided."""
    from veikart_cli.render.phrases import part_value_text

    fields = []
    for result in cell.parts:
        decided = f" ({word('deciding', lang)})" if result.part.id in cell.deciding and len(cell.parts) > 1 else ""
        colour = colour_text(framework, result.computed, lang)
        text = f"{result.part.name.get(lang)}: {part_value_text(result, lang)} → {colour}{decided}"
        fields.append((word("part", lang), text))
    return fields


def overall_data(overall: Overall) -> dict[str, Any]:
    """The overall of an area for JSON."""
    from veikart_cli.render.data import number

    return {
        "colours": list(overall.colours),
        "uncertain": overall.uncertain,
        "deciding": list(overall.deciding),
        "vetoed": list(overall.vetoed),
        "lifts": list(overall.lifts),
        "overridden": list(overall.overridden),
        "left_out": list(overall.left_out),
        "support": number(overall.support),
        "needed": number(overall.needed),
    }


def method_notes(framework: Framework, lang: Language) -> list[str]:
    """For the criteria: how the overall colour is combined, its vetoes, and the states."""
    notes = []
    combination = framework.overall
    if combination is not None:
        if combination.method == "weighted":
            weights = ", ".join(
                f"{names(framework, (i,), lang)} {format_number(w, lang)}" for i, w in combination.weights
            )
            notes.append(word("combine-weighted", lang, majority=percent(combination.majority, lang), weights=weights))
        else:
            notes.append(word(f"combine-{combination.method}", lang))
        for veto in combination.vetoes:
            at, caps = (framework.colour(c).label.get(lang) for c in (veto.at, veto.caps))
            notes.append(word("veto-note", lang, driver=names(framework, (veto.input,), lang), at=at, caps=caps))
    if framework.states:
        states = ", ".join(f"{s.symbol} {s.label.get(lang)}" for s in framework.states)
        notes.append(word("states-note", lang, states=states))
    return notes
