"""One cell, explained: question, evidence, the band or level that fired, margins, sources."""

from __future__ import annotations

from decimal import Decimal

from veikart_cli.amounts import format_amount
from veikart_cli.engine import Assessment, Matrix, band_index
from veikart_cli.model import AmountRule, ChecklistRule, Framework
from veikart_cli.render.cells import colour_text, evidence_text, word


def explain_cell(framework: Framework, cell: Assessment, lang: str) -> str:
    lines = [
        f"{cell.area.name.get(lang)} ({cell.area.section}) – {cell.driver.name.get(lang)}",
        f"  {word('question', lang)}: {cell.driver.question.get(lang)}",
        f"  {word('evidence', lang)}: {evidence_text(cell, lang)}",
    ]
    if cell.evidence.inferred:
        lines.append(f"  {word('inferred', lang)}")
    for item in cell.fired:
        lines.append(f"  {word('rule', lang)}: {item.criterion.get(lang)} → {colour_text(framework, (item.colour,), lang)}")
    lines += [f"  {word('margin', lang)}: {m}" for m in margins(framework, cell, lang)]
    if cell.uncertain:
        lines.append(f"  {word('uncertain', lang)}: {colour_text(framework, cell.colours, lang)}")
    if cell.override:
        computed = colour_text(framework, cell.computed, lang) if cell.computed else "–"
        lines.append(f"  {word('override', lang)}: {cell.override.reason.get(lang)} ({word('computed', lang)}: {computed})")
    lines.append(f"  {word('colour', lang)}: {colour_text(framework, cell.colours, lang)}")
    lines.append(f"  {word('because', lang)}: {cell.evidence.because.get(lang)}")
    lines += [f"  {word('source', lang)} {s.section}: «{s.quote}»" for s in cell.evidence.sources]
    return "\n".join(lines)


def margins(framework: Framework, cell: Assessment, lang: str) -> list[str]:
    """How far the evidence is from the next band up (and from falling into the one below)."""
    rule, low, high = cell.driver.rule, cell.low, cell.high
    if low is None or high is None or not isinstance(rule, (AmountRule, ChecklistRule)):
        return []
    bands = rule.bands
    result = []
    top = band_index(bands, high)
    if top + 1 < len(bands):
        up = bands[top + 1]
        gap = up.minimum - high  # type: ignore[operator]
        result.append(f"+{show(gap, rule, lang)} {word('to', lang)} {colour_text(framework, (up.colour,), lang)}")
    bottom = band_index(bands, low)
    if bottom > 0 and bands[bottom].minimum is not None:
        room = low - bands[bottom].minimum  # type: ignore[operator]
        below = colour_text(framework, (bands[bottom - 1].colour,), lang)
        result.append(f"{show(room, rule, lang)} {word('above', lang)} {below}")
    return result


def show(quantity: Decimal, rule: AmountRule | ChecklistRule, lang: str) -> str:
    if isinstance(rule, AmountRule):
        return "0" if quantity == 0 else format_amount(quantity, rule.units, lang)
    return f"{quantity} {word('elements', lang)}"


def explain(matrix: Matrix, area_id: str, driver_id: str | None, lang: str) -> str:
    cells = [c for _, row in matrix.rows for c in row if c.area.id == area_id and driver_id in (None, c.driver.id)]
    return "\n\n".join(explain_cell(matrix.framework, c, lang) for c in cells) + "\n"

