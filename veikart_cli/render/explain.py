"""One cell, explained as labelled fields (question, evidence, criterion, margins, colour, reasons)
and its sources: `explain` shows them as lines, the report as paragraphs."""

from __future__ import annotations

from decimal import ROUND_UP, Decimal
from typing import NamedTuple

from veikart_cli.engine.rules import Margin, margins
from veikart_cli.engine.scoring import Assessment, Matrix
from veikart_cli.model.amounts import display_units, format_number
from veikart_cli.model.types import AmountRule, CompositeRule, Framework, SimpleRule, TargetRule
from veikart_cli.model.vocabulary import Language
from veikart_cli.render.overall import explain_overall
from veikart_cli.render.phrases import (
    colour_text,
    element_lines,
    evidence_text,
    is_question,
    override_reason,
    provenance_line,
    source_line,
    trend_lines,
    value_text,
    word,
)
from veikart_cli.render.sanitize import terminal


class Field(NamedTuple):
    label: str
    text: str
    items: tuple[str, ...] = ()  # shown as a list under the field, e.g. a checklist's elements


def cell_fields(framework: Framework, cell: Assessment, lang: Language) -> list[Field]:
    question = cell.driver.question.get(lang)  # a heading names what is assessed
    fields = [Field(word("question" if is_question(question) else "assesses", lang), question)]
    evidence = Field(word("evidence", lang), evidence_text(cell, lang), tuple(element_lines(cell, lang)))
    if evidence.items or evidence.text not in [item.criterion.get(lang) for item in cell.reading.fired]:
        fields.append(evidence)  # a level chosen is its criterion: said once, below
    if cell.evidence.inferred:
        fields.append(Field(word("inferred-label", lang), word("inferred", lang)))
    for item in cell.reading.fired:
        criterion = f"{item.criterion.get(lang)} → {colour_text(framework, (item.colour,), lang)}"
        fields.append(Field(word("rule", lang), criterion))
    for result in cell.parts:  # a composite driver's: each one's value and colour, and which decided
        decided = f" ({word('deciding', lang)})" if result.part.id in cell.deciding and len(cell.parts) > 1 else ""
        colour = colour_text(framework, result.computed, lang)
        value = f"{value_text(result.part.rule, result.value, lang)} → {colour}{decided}"
        fields.append(Field(word("part", lang), f"{result.part.name.get(lang)}: {value}"))
    if cell.state is not None:
        fields.append(Field(word("state", lang), colour_text(framework, (cell.state.id,), lang)))
    rule = cell.driver.rule
    if not isinstance(rule, CompositeRule):  # how far the evidence is from the next band, either way
        fields += [
            Field(word("margin", lang), margin_text(framework, rule, m, lang)) for m in margins(rule, cell.reading)
        ]
    if cell.uncertain:
        fields.append(Field(word("uncertain-label", lang), word("uncertain", lang)))
    if cell.override:
        fields.append(Field(word("override-label", lang), override_reason(framework, cell, lang)))
    fields.append(Field(word("colour", lang), colour_text(framework, cell.colours, lang)))
    fields.append(Field(word("because", lang), cell.evidence.because.get(lang)))
    return fields


def margin_text(framework: Framework, rule: SimpleRule, margin: Margin, lang: Language) -> str:
    """'700 MNOK mer gir 🟢 Grønn', '1 element færre gir 🔴 Rød': the least change that always moves the colour,
    an amount rounded outwards in its unit; where the edge belongs to the colour it leaves, a count one more and
    an exact amount 'mer enn'."""
    colour = colour_text(framework, (margin.colour,), lang)
    way = margin.way or ("up" if margin.better else "down")
    if not isinstance(rule, (AmountRule, TargetRule)):  # a count of elements: whole steps
        steps = lang.counted("elements", int(margin.quantity) + (1 if margin.strict else 0))
        return word("margin-count-more" if way == "up" else "margin-count-fewer", lang, amount=steps, colour=colour)
    key = {"up": "margin-more", "down": "margin-less"}.get(way, "margin-closer" if margin.better else "margin-farther")
    units = display_units(rule.units)
    unit = next((u for u in units if margin.quantity >= u.factor), units[-1])
    shown = outward(margin.quantity / unit.factor)  # 0,028787 → 0,029
    name = word("percentage-points", lang) if unit.name.strip() == "%" else unit.name  # a difference of shares
    amount = f"{format_number(shown, lang)} {name}"
    if margin.strict and shown * unit.factor == margin.quantity:
        amount = word("more-than", lang, amount=amount)
    return word(key, lang, amount=amount, colour=colour)


def outward(quantity: Decimal) -> Decimal:
    """Two decimals, or two significant digits below 1, never less than the quantity."""
    if quantity <= 0:
        return Decimal(0)
    exponent = min(-2, quantity.adjusted() - 1)
    return quantity.quantize(Decimal(1).scaleb(exponent), rounding=ROUND_UP).normalize()


def explain_cell(framework: Framework, cell: Assessment, lang: Language) -> str:
    lines = [f"{cell.area.name.get(lang)} ({cell.area.section}) – {cell.driver.name.get(lang)}"]
    for field in cell_fields(framework, cell, lang):
        lines.append(f"  {field.label}: {' '.join(field.text.split())}")
        lines += [f"    - {' '.join(item.split())}" for item in field.items]
    lines += trend_lines(framework, cell, lang)  # a series' trend, with its arithmetic
    lines += [f"  {source_line(framework, s, lang)}" for s in cell.evidence.sources]
    return "\n".join(terminal(line) for line in lines)  # one line each: data never starts a line


def explain(matrix: Matrix, area_id: str, driver_id: str | None, lang: Language) -> str:
    cells = [c for c in matrix.cells() if c.area.id == area_id and driver_id in (None, c.driver.id)]
    texts = [explain_cell(matrix.framework, c, lang) for c in cells]
    if driver_id is None and matrix.overalls:
        texts.append(explain_overall(matrix, area_id, lang))
    line = provenance_line(matrix.framework, lang, full=True)
    if line:  # what this is: a reconstruction, not the source's own words (but the quotes)
        texts.append(terminal(line))
    return "\n\n".join(texts) + "\n"
