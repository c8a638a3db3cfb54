"""What every renderer says about a cell's series and trend: the mark beside the colour (the
trend's symbol and the year the value is from), its JSON and CSV fields, the legend, and the
arithmetic `explain` shows."""

from __future__ import annotations

from typing import Any

from veikart_cli.engine.scoring import Assessment, Matrix
from veikart_cli.engine.trends import Trend, point, years_left
from veikart_cli.model.amounts import format_amount, format_evidence, format_number
from veikart_cli.model.evidence import TargetEvidence
from veikart_cli.model.types import Framework, TargetRule
from veikart_cli.model.vocabulary import Language
from veikart_cli.render.citation import cite

STALE_MARK = "⌛"  # the value is older than the framework's max-age


def series_values(cell: Assessment) -> list[TargetEvidence]:
    """The cell's values from series: its own, or its parts'."""
    values = [r.value for r in cell.parts] if cell.parts else [cell.evidence.value]
    return [v for v in values if isinstance(v, TargetEvidence) and v.series]


def year_text(cell: Assessment) -> str:
    """The year (or date) the cell's value is from; a composite's from–to; '' without a series."""
    values = series_values(cell)
    if not values or cell.override or cell.state:
        return ""
    whens = sorted({v.when for v in values})
    text = whens[0] if len(whens) == 1 else f"{whens[0]}–{whens[-1]}"
    return text + (STALE_MARK if any(v.stale for v in values) else "")


def trend_mark(cell: Assessment) -> str:
    """'↗ 2023' beside the colour: the trend's symbol and the value's year; '' when neither."""
    shown = [cell.trend.level.symbol] if cell.trend is not None and not cell.override and not cell.state else []
    year = year_text(cell)
    return " ".join(shown + ([year] if year else []))


def has_series(matrix: Matrix) -> bool:
    return matrix.framework.trends is not None or any(series_values(c) for c in matrix.cells())


def trend_data(trend: Trend | None, lang: Language) -> dict[str, Any] | None:
    if trend is None:
        return None

    def num(value: Any) -> str | None:
        return None if value is None else format(value.normalize(), "f")

    return {
        "id": trend.level.id,
        "label": trend.level.label.get(lang),
        "symbol": trend.level.symbol,
        "values": [{"when": o.when, "value": num(point(o))} for o in trend.used],
        "observed": num(trend.observed),
        "needed": num(trend.needed),
        "ratio": num(trend.ratio),
        "target": num(trend.target),
        "by": trend.by or None,
        "from": list(trend.inputs),
    }


def cell_series_data(cell: Assessment, lang: Language) -> dict[str, Any]:
    """The JSON fields of a cell with a series or a trend (none otherwise)."""
    data: dict[str, Any] = {}
    if cell.trend is not None:
        data["trend"] = trend_data(cell.trend, lang)
    value = cell.evidence.value
    if isinstance(value, TargetEvidence) and value.series:
        data["year"] = value.when
        data["stale"] = value.stale
        data["series"] = [
            {
                "when": o.when,
                "value": o.amount.text,
                "source": {"section": o.source.section, "quote": o.source.quote} if o.source else None,
            }
            for o in value.series
        ]
    elif series_values(cell):
        data["year"] = year_text(cell).rstrip(STALE_MARK)
        data["stale"] = year_text(cell).endswith(STALE_MARK)
    return data


def part_series_data(trend: Trend | None, value: object, lang: Language) -> dict[str, Any]:
    data: dict[str, Any] = {}
    if trend is not None:
        data["trend"] = trend_data(trend, lang)
    if isinstance(value, TargetEvidence) and value.series:
        data["year"] = value.when
        data["stale"] = value.stale
    return data


def legend_lines(matrix: Matrix, lang: Language) -> list[str]:
    framework = matrix.framework
    if not has_series(matrix):
        return []
    lines = []
    if framework.trends is not None:
        t = framework.trends
        levels = (*t.levels, t.achieved, t.no_data)
        lines.append(f"{lang.word('trend')}: " + " · ".join(f"{lv.symbol} {lv.label.get(lang)}" for lv in levels))
    if any(series_values(c) for c in matrix.cells()):
        lines.append(lang.word("year-note") + ".")
    if framework.max_age is not None and any(STALE_MARK in year_text(c) for c in matrix.cells()):
        lines.append(f"{STALE_MARK} {lang.word('stale', years=str(framework.max_age))}.")
    return lines


def trend_lines(framework: Framework, cell: Assessment, lang: Language) -> list[str]:
    """The trend's arithmetic for `explain`: a part's (or the cell's) values, rates and level."""
    lines: list[str] = []
    if cell.parts:
        for result in cell.parts:
            if result.reading.trend is not None and isinstance(result.part.rule, TargetRule):
                lines += arithmetic(framework, result.part.name.get(lang), result.part.rule, result.reading.trend, lang)
        if cell.trend is not None:
            names = ", ".join(r.part.name.get(lang) for r in cell.parts if r.part.id in cell.trend.inputs)
            combined = f"{cell.trend.level.symbol} {cell.trend.level.label.get(lang)}"
            source = f" ({lang.word('trend-combined', inputs=names)})" if names else ""
            lines.append(f"  {lang.word('trend')}: {combined}{source}")
        return lines
    rule = cell.driver.rule
    if cell.trend is not None and isinstance(rule, TargetRule):
        lines += arithmetic(framework, "", rule, cell.trend, lang)
    return lines


def arithmetic(framework: Framework, name: str, rule: TargetRule, trend: Trend, lang: Language) -> list[str]:
    head = f"  {lang.word('trend')}" + (f" – {name}" if name else "") + ":"
    level = f"{trend.level.symbol} {trend.level.label.get(lang)}"
    units = rule.units
    values = ", ".join(f"{o.when}: {format_evidence(o.amount, units, lang)}" for o in trend.used)
    lines = [f"{head} {level}"]
    if values:
        lines.append(f"    {lang.word('trend-values')}: {values}")
    lines += [
        f"    {lang.word('source')} {cite(framework, o.source, lang)}: «{o.source.quote}»"
        for o in trend.used
        if o.source
    ]
    if trend.ratio is None:
        if trend.target is None:
            return lines
        target = format_amount(trend.target, units, lang)
        window = str(rule.trend.window) if rule.trend else ""
        why = (
            lang.word("trend-reached")
            if framework.trends and trend.level.id == framework.trends.achieved.id
            else lang.word("trend-too-few", years=window)
        )
        lines.append(f"    {why} ({target})")
        return lines
    assert trend.observed is not None and trend.needed is not None and trend.target is not None
    first, last = trend.used[0], trend.used[-1]
    span = format_number(last.time - first.time, lang)
    observed = f"({format_evidence(last.amount, units, lang)} − {format_evidence(first.amount, units, lang)}) ÷ {span}"
    lines.append(f"    {lang.word('trend-observed')}: {observed} = {format_amount(trend.observed, units, lang)}")
    needed_word = lang.word("trend-needed", target=format_amount(trend.target, units, lang), year=str(trend.by))
    left = format_number(years_left(trend.by, last.time), lang)
    needed = f"({format_amount(trend.target, units, lang)} − {format_evidence(last.amount, units, lang)}) ÷ {left}"
    lines.append(f"    {needed_word}: {needed} = {format_amount(trend.needed, units, lang)}")
    ratio = format_number(trend.ratio * 100, lang)
    lines.append(f"    {lang.word('trend-ratio')}: {ratio} % → {level}")
    return lines
