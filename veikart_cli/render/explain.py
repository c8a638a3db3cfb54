"""A cell or an area's overall, explained as labelled fields (question, evidence, criterion, margins,
colour, reasons) and its sources: `explain` shows them as lines, the report as paragraphs."""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_UP, Decimal
from typing import NamedTuple

from veikart_cli.engine.rules import Margin, margins
from veikart_cli.engine.scoring import Assessment, Matrix, Overall
from veikart_cli.engine.whatif import fold
from veikart_cli.model.amounts import display_unit, format_number
from veikart_cli.model.types import AmountRule, CompositeRule, Framework, SimpleRule, TargetRule
from veikart_cli.model.vocabulary import Language
from veikart_cli.render.phrases import (
    colour_text,
    element_lines,
    evidence_text,
    is_question,
    names,
    override_reason,
    percent,
    points,
    provenance_line,
    source_line,
    trend_level,
    trend_lines,
    value_text,
)
from veikart_cli.render.sanitize import terminal


class Field(NamedTuple):
    label: str
    text: str
    items: tuple[str, ...] = ()  # shown as a list under the field, e.g. a checklist's elements


def cell_fields(framework: Framework, cell: Assessment, lang: Language) -> list[Field]:
    question = cell.driver.question.get(lang)  # a heading names what is assessed
    fields = [Field(lang.word("question" if is_question(question) else "assesses"), question)]
    evidence = Field(lang.word("evidence"), evidence_text(cell, lang), tuple(element_lines(cell, lang)))
    said = [item.criterion.get(lang) for item in cell.reading.fired]  # a level chosen is its criterion, below
    if evidence.items or evidence.text not in (*said, " / ".join(said), cell.evidence.because.get(lang)):
        fields.append(evidence)  # a state's reason is its evidence: said once, as the reason
    if cell.evidence.inferred:
        fields.append(Field(lang.word("inferred-label"), lang.word("inferred")))
    for item in cell.reading.fired:
        criterion = f"{item.criterion.get(lang)} → {colour_text(framework, (item.colour,), lang)}"
        fields.append(Field(lang.word("rule"), criterion))
    for result in cell.parts:  # a composite driver's: each one's value and colour, and which decided
        decided = f" ({lang.word('deciding')})" if result.part.id in cell.deciding and len(cell.parts) > 1 else ""
        colour = colour_text(framework, result.computed, lang)
        value = f"{value_text(result.part.rule, result.value, lang)} → {colour}{decided}"
        fields.append(Field(lang.word("part"), f"{result.part.name.get(lang)}: {value}"))
    if cell.state is not None and cell.colours != (cell.state.id,):  # a state the colour does not show
        fields.append(Field(lang.word("state"), colour_text(framework, (cell.state.id,), lang)))
    rule = cell.driver.rule
    if not isinstance(rule, CompositeRule):  # how far the evidence is from the next band, either way
        fields += [
            Field(lang.word("margin"), margin_text(framework, rule, m, lang)) for m in margins(rule, cell.reading)
        ]
    if cell.uncertain:
        fields.append(Field(lang.word("uncertain-label"), lang.word("uncertain")))
    if cell.override:
        fields.append(Field(lang.word("override-label"), override_reason(framework, cell, lang)))
    fields.append(Field(lang.word("colour"), colour_text(framework, cell.colours, lang)))
    fields.append(Field(lang.word("because"), cell.evidence.because.get(lang)))
    return fields


def margin_text(framework: Framework, rule: SimpleRule, margin: Margin, lang: Language) -> str:
    """'700 MNOK mer gir 🟢 Grønn', '1 element færre gir 🔴 Rød': the least change that always moves the colour,
    an amount rounded outwards in its unit; where the edge belongs to the colour it leaves, a count one more and
    an exact amount 'mer enn'."""
    colour = colour_text(framework, (margin.colour,), lang)
    way = margin.way or ("up" if margin.better else "down")
    if not isinstance(rule, (AmountRule, TargetRule)):  # a count of elements: whole steps
        steps = lang.counted("elements", int(margin.quantity) + (1 if margin.strict else 0))
        return lang.word("margin-count-more" if way == "up" else "margin-count-fewer", amount=steps, colour=colour)
    key = {"up": "margin-more", "down": "margin-less"}.get(way, "margin-closer" if margin.better else "margin-farther")
    unit = display_unit(margin.quantity, rule.units)
    shown = outward(margin.quantity / unit.factor)  # 0,028787 → 0,029
    name = points(shown, lang) if unit.name.strip() == "%" else unit.name  # a difference of shares
    amount = f"{format_number(shown, lang)} {name}"
    if margin.strict and shown * unit.factor == margin.quantity:
        amount = lang.word("more-than", amount=amount)
    return lang.word(key, amount=amount, colour=colour)


def outward(quantity: Decimal) -> Decimal:
    """Two decimals, or two significant digits below 1, never less than the quantity."""
    if quantity <= 0:
        return Decimal(0)
    exponent = min(-2, quantity.adjusted() - 1)
    return quantity.quantize(Decimal(1).scaleb(exponent), rounding=ROUND_UP).normalize()


def overall_fields(framework: Framework, overall: Overall, lang: Language) -> list[Field]:
    """The overall's colour, the drivers that decided it, a weighted one's share at its colour and the points
    the next colour needs (rounded outwards, so the figure shown is always enough), and its trend."""
    shown = colour_text(framework, overall.colours, lang) if overall.colours else "–"
    fields = [Field(lang.word("colour"), shown)]
    if overall.uncertain:
        fields.append(Field(lang.word("uncertain-label"), lang.word("uncertain")))
    if overall.vetoed:
        fields.append(Field(lang.word("vetoed-by").capitalize(), names(framework, overall.vetoed, lang)))
    elif overall.deciding:
        fields.append(Field(lang.word("decided-by").capitalize(), names(framework, overall.deciding, lang)))
    combination, last = framework.overall, len(framework.scale) - 1
    if not overall.vetoed and combination is not None and overall.colours:  # under a veto the weight did not decide
        best = min(framework.rank(c) for c in overall.colours)
        if overall.support is not None and best < last:
            colour = colour_text(framework, (framework.scale[best].id,), lang)
            share = percent(overall.support, lang, rounding=ROUND_FLOOR)
            support = lang.word("support", share=share, colour=colour, majority=percent(combination.majority, lang))
            fields.append(Field(lang.word("weight"), support))
        if overall.needed and 0 < best <= last:
            colour = colour_text(framework, (framework.scale[best - 1].id,), lang)
            points = percent(overall.needed, lang, rounding=ROUND_CEILING, difference=True)
            fields.append(Field(lang.word("margin"), lang.word("needed", amount=points, colour=colour)))
    if overall.lifts:
        fields.append(Field(lang.word("lifted-by"), f"{names(framework, overall.lifts, lang)} ({lang.word('lifts')})"))
    if overall.overridden:
        drivers = names(framework, overall.overridden, lang)
        fields.append(Field(lang.word("override-label"), lang.word("overall-override", drivers=drivers)))
    if overall.left_out:
        left_out = lang.word("left-out")
        fields.append(Field(left_out[:1].upper() + left_out[1:], names(framework, overall.left_out, lang)))
    if overall.trend is not None:  # the area's trend from its drivers' (engine/rules.py)
        inputs = lang.word("trend-combined", inputs=names(framework, overall.trend.inputs, lang))
        level = trend_level(overall.trend, lang)
        fields.append(Field(lang.word("trend"), f"{level} ({inputs})" if overall.trend.inputs else level))
    return fields


def explain_overall(matrix: Matrix, area_id: str, lang: Language) -> str:
    overall = matrix.overall(area_id)
    if overall is None:
        return ""
    area = next(a for a, _ in matrix.rows if a.id == area_id)
    lines = [f"{area.name.get(lang)} ({area.section}) – {lang.word('overall')}"]
    lines += [f"  {f.label}: {f.text}" for f in overall_fields(matrix.framework, overall, lang)]
    return "\n".join(terminal(line) for line in lines)  # one line each: data never starts a line


def means_overall(framework: Framework, driver: str) -> bool:
    """'overall', or the overall column's word in any of the framework's languages (samlet), unless a driver's id."""
    words = {"overall"} | {fold(framework.language(code).word("overall")) for code in framework.languages}
    return fold(driver) in words and all(fold(d.id) != fold(driver) for d in framework.drivers)


def explain(matrix: Matrix, area_id: str, driver_id: str | None, lang: Language) -> str:
    """An area's cells (or one) and its overall as lines: fields, a series' trend, the sources' quotes."""
    framework, texts = matrix.framework, []
    for cell in (c for c in matrix.cells() if c.area.id == area_id and driver_id in (None, c.driver.id)):
        lines = [f"{cell.area.name.get(lang)} ({cell.area.section}) – {cell.driver.name.get(lang)}"]
        for field in cell_fields(framework, cell, lang):
            lines.append(f"  {field.label}: {' '.join(field.text.split())}")
            lines += [f"    - {' '.join(item.split())}" for item in field.items]
        lines += trend_lines(framework, cell, lang)
        lines += [f"  {source_line(framework, s, lang)}" for s in cell.evidence.sources]
        texts.append("\n".join(terminal(line) for line in lines))  # one line each: data never starts a line
    if driver_id is None and matrix.overalls:
        texts.append(explain_overall(matrix, area_id, lang))
    line = provenance_line(matrix.framework, lang, full=True)
    if line:  # what this is: a reconstruction, not the source's own words (but the quotes)
        texts.append(terminal(line))
    return "\n\n".join(texts) + "\n"
