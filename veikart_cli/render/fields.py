"""A cell's explanation as labelled fields: question, evidence, criterion, margins, colour, reasons.

`explain` and the report both show them, each in its own form.
"""

from __future__ import annotations

from decimal import ROUND_UP, Decimal
from typing import NamedTuple

from veikart_cli.engine.margins import Margin
from veikart_cli.engine.margins import margins as engine_margins
from veikart_cli.engine.scoring import Assessment, Reading
from veikart_cli.model.amounts import display_units, format_number
from veikart_cli.model.types import AmountRule, CompositeRule, Framework, SimpleRule, TargetRule
from veikart_cli.model.vocabulary import Language
from veikart_cli.render.overall import part_fields
from veikart_cli.render.phrases import (
    colour_text,
    counted,
    element_lines,
    evidence_text,
    override_reason,
    question_word,
    word,
)


class Field(NamedTuple):
    label: str
    text: str
    items: tuple[str, ...] = ()  # shown as a list under the field, e.g. a checklist's elements


def cell_fields(framework: Framework, cell: Assessment, lang: Language) -> list[Field]:
    """Fields from question to reasoning; `explain` and `report` both show them."""
    fields = [Field(question_word(cell.driver, lang), cell.driver.question.get(lang))]
    evidence = Field(word("evidence", lang), evidence_text(cell, lang), tuple(element_lines(cell, lang)))
    criteria = [item.criterion.get(lang) for item in cell.fired]
    if evidence.items or evidence.text not in criteria:  # a level chosen is its criterion: said once, below
        fields.append(evidence)
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
        fields.append(Field(word("override-label", lang), override_reason(framework, cell, lang)))
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


# Which way a margin's change goes: the amount or count the rule measures grows or shrinks, or
# the value comes closer to (or goes further from) the target.
_WAY_KEYS = {"up": "margin-more", "down": "margin-less", "closer": "margin-closer"}
_FALL_KEYS = {"up": "margin-more", "down": "margin-less", "closer": "margin-farther"}


def margin_text(framework: Framework, rule: SimpleRule, margin: Margin, lang: Language) -> str:
    """One phrasing for every margin: '700 MNOK mer gir 🟢 Grønn', '1 element færre gir 🔴 Rød'.

    The change shown always moves the colour: a count is one more where the edge belongs to
    the colour it leaves; an amount is rounded outwards, and said as 'mer enn' where it is
    exact and the edge itself does not yet change the colour."""
    colour = colour_text(framework, (margin.colour,), lang)
    way = margin.way or ("up" if margin.better else "down")
    key = (_WAY_KEYS if margin.better else _FALL_KEYS)[way]
    if not isinstance(rule, (AmountRule, TargetRule)):  # a count of elements: whole steps
        steps = int(margin.quantity) + (1 if margin.strict else 0)
        key = "margin-count-more" if way == "up" else "margin-count-fewer"
        return word(key, lang, amount=counted("elements", steps, lang), colour=colour)
    amount, exact = amount_text(margin.quantity, rule, lang)
    if margin.strict and exact:
        amount = word("more-than", lang, amount=amount)
    return word(key, lang, amount=amount, colour=colour)


def amount_text(quantity: Decimal, rule: AmountRule | TargetRule, lang: Language) -> tuple[str, bool]:
    """A margin in the unit it is shown in, rounded outwards so that it never understates the
    change needed (0,028787 → 0,029), and whether it is still exact. A margin on a value in per
    cent is a difference of shares: percentage points."""
    units = display_units(rule.units)
    unit = next((u for u in units if quantity >= u.factor), units[-1])
    shown = outward(quantity / unit.factor)
    name = lang.word("percentage-points") if unit.name.strip() == "%" else unit.name
    return f"{format_number(shown, lang)} {name}", shown * unit.factor == quantity


def outward(quantity: Decimal) -> Decimal:
    """Two decimals, or two significant digits below 1, never less than the quantity."""
    if quantity <= 0:
        return Decimal(0)
    exponent = min(-2, quantity.adjusted() - 1)
    return quantity.quantize(Decimal(1).scaleb(exponent), rounding=ROUND_UP).normalize()
