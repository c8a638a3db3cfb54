"""A cell's explanation as labelled fields: question, evidence, criterion, margins, colour, reasons.

`explain` and the report both show them, each in its own form.
"""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from veikart_cli.engine.margins import Margin
from veikart_cli.engine.margins import margins as engine_margins
from veikart_cli.engine.scoring import Assessment, Reading
from veikart_cli.model.amounts import format_amount
from veikart_cli.model.types import AmountRule, CompositeRule, Framework, SimpleRule, TargetRule
from veikart_cli.model.vocabulary import Language
from veikart_cli.render.overall import part_fields
from veikart_cli.render.phrases import colour_text, counted, element_lines, evidence_text, word


class Field(NamedTuple):
    label: str
    text: str
    items: tuple[str, ...] = ()  # shown as a list under the field, e.g. a checklist's elements


def cell_fields(framework: Framework, cell: Assessment, lang: Language) -> list[Field]:
    """Fields from question to reasoning; `explain` and `report` both show them."""
    fields = [
        Field(word("question", lang), cell.driver.question.get(lang)),
        Field(word("evidence", lang), evidence_text(cell, lang), tuple(element_lines(cell, lang))),
    ]
    if cell.evidence.inferred:
        fields.append(Field(word("inferred-label", lang), word("inferred", lang)))
    for item in cell.fired:
        criterion = f"{item.criterion.get(lang)} → {colour_text(framework, (item.colour,), lang)}"
        fields.append(Field(word("rule", lang), criterion))
    fields += [Field(label, text) for label, text in part_fields(framework, cell, lang)]
    if cell.state is not None:
        fields.append(Field(word("state", lang), colour_text(framework, (cell.state.id,), lang)))
    fields += [Field(word("margin", lang), m) for m in margins(framework, cell, lang)]
    if cell.uncertain:
        fields.append(Field(word("uncertain-label", lang), word("uncertain", lang)))
    if cell.override:
        computed = colour_text(framework, cell.computed, lang) if cell.computed else "–"
        reason = f"{cell.override.reason.get(lang)} ({word('computed', lang)}: {computed})"
        fields.append(Field(word("override-label", lang), reason))
    fields.append(Field(word("colour", lang), colour_text(framework, cell.colours, lang)))
    fields.append(Field(word("because", lang), cell.evidence.because.get(lang)))
    return fields


def margins(framework: Framework, cell: Assessment, lang: Language) -> list[str]:
    """How far the evidence is from the next band up (and from falling into the one below)."""
    rule = cell.driver.rule
    if isinstance(rule, CompositeRule):
        return []
    reading = Reading(cell.computed, cell.fired, cell.low, cell.high, cell.target)
    return [margin_text(framework, rule, m, lang) for m in engine_margins(rule, reading)]


def margin_text(framework: Framework, rule: SimpleRule, margin: Margin, lang: Language) -> str:
    colour = colour_text(framework, (margin.colour,), lang)
    quantity = show(margin.quantity, rule, lang)
    if not margin.way:  # amount and checklist bands: up to the next, above the one below
        return (
            f"+{quantity} {word('to', lang)} {colour}"
            if margin.better
            else f"{quantity} {word('above', lang)} {colour}"
        )
    if margin.better:
        return f"{quantity} {word('margin-' + margin.way, lang)} {colour}"
    return f"{quantity} {word('margin-room', lang)} {colour}"


def show(quantity: Decimal, rule: SimpleRule, lang: Language) -> str:
    if isinstance(rule, (AmountRule, TargetRule)):
        return "0" if quantity == 0 else format_amount(quantity, rule.units, lang)
    return counted("elements", int(quantity), lang)
