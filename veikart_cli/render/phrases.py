"""What every renderer says about a cell, per language: symbols, words, marks, notes, where a
quote stands, a series' year and trend with the arithmetic `explain` shows, and the overall as a cell."""

from __future__ import annotations

import re
from decimal import ROUND_FLOOR, Decimal

from veikart_cli.engine.rules import Reading, SimpleValue, Trend, years_left
from veikart_cli.engine.scoring import Assessment, Matrix, Overall
from veikart_cli.model.amounts import display_unit, format_amount, format_evidence, format_number
from veikart_cli.model.evidence import (
    AmountEvidence,
    Area,
    ChecklistEvidence,
    CompositeEvidence,
    Evidence,
    LevelEvidence,
    State,
    TargetEvidence,
)
from veikart_cli.model.types import (
    ChecklistRule,
    CompositeRule,
    Document,
    Driver,
    Framework,
    LevelRule,
    Rule,
    SimpleRule,
    Source,
    TargetRule,
    Text,
    Unit,
    criteria_items,
)
from veikart_cli.model.vocabulary import Language
from veikart_cli.problems import Location

OVERRIDE_MARK = "†"
INFERRED_MARK = "‡"
PRINTED_MARK = "*"  # a criterion whose text corrects what the source prints
STALE_MARK = "⌛"  # the value is older than the framework's max-age
OVERALL_ID = "overall"


def colour_text(framework: Framework, colours: tuple[str, ...], lang: Language) -> str:
    """'🟢 Grønn', or '🟡 Gul / 🔴 Rød' for a cell whose evidence spans more than one colour (as the terminal's)."""
    return " / ".join(f"{c.symbol} {c.label.get(lang)}" for c in map(framework.colour, colours))


def marks(cell: Assessment) -> str:
    """'‡†', and a series' trend and year: '↗ 2023'."""
    own = (INFERRED_MARK if cell.evidence.inferred else "") + (OVERRIDE_MARK if cell.override else "")
    trend = [cell.trend.level.symbol] if cell.trend is not None and not cell.override and not cell.state else []
    year = year_text(cell)
    series = " ".join(trend + ([year] if year else []))
    return f"{own} {series}" if own and series else own or series


def cell_text(framework: Framework, cell: Assessment, lang: Language) -> str:
    text = colour_text(framework, cell.colours, lang)
    return f"{text} {marks(cell)}" if marks(cell) else text


def cell_name(cell: Assessment, lang: Language) -> str:
    return f"{cell.area.name.get(lang)} – {cell.driver.name.get(lang)}"


def driver_heading(driver: Driver, lang: Language, short: bool = False) -> str:
    return (driver.short or driver.name).get(lang) if short else driver.name.get(lang)


def names(framework: Framework, ids: tuple[str, ...], lang: Language) -> str:
    drivers = {d.id: d for d in framework.drivers}
    return ", ".join(driver_heading(drivers[i], lang, short=True) if i in drivers else i for i in ids)


def criteria_for(driver: Driver, colour_id: str, lang: Language) -> list[str]:
    """The criterion texts of a driver's bands or levels that give this colour."""
    return [
        item.criterion.get(lang) + (f" {PRINTED_MARK}" if item.printed else "")
        for item in criteria_items(driver.rule)
        if item.colour == colour_id
    ]


def question_text(driver: Driver, lang: Language) -> str:
    return driver.question.get(lang) + (f" {PRINTED_MARK}" if driver.question_printed else "")


def is_question(text: str) -> bool:
    """Ends with a question mark, before a closing remark in brackets if there is one."""
    return re.sub(r"\s*\([^()]*\)$", "", text.rstrip()).endswith(("?", "？", "¿", "؟"))


def criteria_notes(framework: Framework, lang: Language) -> list[str]:
    """Where a criterion corrects what the source prints, the conventions, the overall's combination and the states."""
    notes = []
    printed_as = lang.word("printed-as")
    for driver in framework.drivers:
        name = driver_heading(driver, lang, short=True)
        if driver.question_printed:  # 'spørsmål' only for a question; a heading is known by its text
            what = f", {lang.word('question').lower()}" if is_question(driver.question.get(lang)) else ""
            notes.append(f"{PRINTED_MARK} {name}{what}: {printed_as} «{driver.question_printed}»")
        for item in criteria_items(driver.rule):
            if item.printed:
                colour = framework.colour(item.colour).label.get(lang)
                notes.append(f"{PRINTED_MARK} {name}, {colour.lower()}: {printed_as} «{item.printed}»")
    notes += [f"{lang.word('convention')}: {text.get(lang)}" for text in framework.conventions]
    combination = framework.overall
    if combination is not None:
        if combination.method == "weighted":
            weights = ", ".join(
                f"{names(framework, (i,), lang)} {format_number(w, lang)}" for i, w in combination.weights
            )
            notes.append(lang.word("combine-weighted", majority=percent(combination.majority, lang), weights=weights))
        elif combination.method == "mean-of-worst" and combination.worst > 1:
            notes.append(lang.word(f"combine-mean-of-worst-{combination.rounding}", worst=str(combination.worst)))
        else:  # the mean of the one worst is the worst
            method = "worst" if combination.method == "mean-of-worst" else combination.method
            notes.append(lang.word(f"combine-{method}"))
        for veto in combination.vetoes:
            at, caps = (framework.colour(c).label.get(lang) for c in (veto.at, veto.caps))
            notes.append(lang.word("veto-note", driver=names(framework, (veto.input,), lang), at=at, caps=caps))
    if framework.states:
        states = ", ".join(f"{s.symbol} {s.label.get(lang)}" for s in framework.states)
        notes.append(lang.word("states-note", states=states))
    return notes


def evidence_text(cell: Assessment, lang: Language) -> str:
    """The evidence in a few words: an amount, a count of elements, the levels chosen, or a state's reason."""
    rule, value = cell.driver.rule, cell.evidence.value
    if cell.evidence.state is not None:  # of any driver, a composite's too: why it has no value
        return cell.evidence.state.reason.get(lang)
    if value is None:
        return "–"
    if isinstance(value, CompositeEvidence):
        return "; ".join(f"{r.part.name.get(lang)}: {value_text(r.part.rule, r.value, lang)}" for r in cell.parts)
    assert not isinstance(rule, CompositeRule)
    return value_text(rule, value, lang)


def amount_text(value: AmountEvidence, units: tuple[Unit, ...], lang: Language) -> str:
    """An amount in words where an end is open, as a report writes it: 'minst 100 MNOK', 'under 3 kt'."""
    low, high = value.low, value.high
    if (low is None) == (high is None):
        return format_evidence(value, units, lang)
    if high is None:
        assert low is not None
        return lang.word("above" if value.low_excluded else "at-least", amount=format_amount(low, units, lang))
    return lang.word("below" if value.high_excluded else "at-most", amount=format_amount(high, units, lang))


def value_text(rule: SimpleRule, value: SimpleValue | State, lang: Language) -> str:
    if isinstance(value, State):  # a driver or a part in a state: why
        return value.reason.get(lang)
    if isinstance(value, TargetEvidence) and isinstance(rule, TargetRule):
        target = value.target if value.target is not None else rule.target
        shown = amount_text(value.amount, rule.units, lang)
        if target is None:
            return shown
        return f"{shown} ({lang.word('target').lower()} {format_amount(target, rule.units, lang)})"
    if isinstance(value, AmountEvidence):
        return amount_text(value, rule.units, lang)  # type: ignore[union-attr]
    if isinstance(value, ChecklistEvidence):
        text = f"{value.tally('present')} {lang.word('of')} {len(value.items)}"
        partial = value.tally("partial")
        return text + (f" (+{partial} {lang.word('partial')})" if partial else "")
    assert isinstance(value, LevelEvidence) and isinstance(rule, LevelRule)
    return " / ".join(level.criterion.get(lang) for level in rule.levels if level.id in value.levels)


def element_lines(cell: Assessment, lang: Language) -> list[str]:
    """Each checklist element with its status, its actors and its note: why the count is what it is."""
    value, rule = cell.evidence.value, cell.driver.rule
    if not isinstance(value, ChecklistEvidence) or not isinstance(rule, ChecklistRule):
        return []
    names = {e.id: e.name.get(lang) for e in rule.elements}
    lines = []
    for item in value.items:
        text = f"{names.get(item.element, item.element)}: {lang.word(f'status-{item.status}')}"
        text += f" ({', '.join(item.actors)})" if item.actors else ""
        lines.append(f"{text}. {item.note.get(lang)}" if item.note else text)
    return lines


def scale_line(framework: Framework, lang: Language) -> str:
    return " · ".join(f"{c.symbol} {c.label.get(lang)}" for c in (*framework.scale, *framework.states))


def mark_notes(cells: list[Assessment], lang: Language) -> list[str]:
    """What ‡ and † mean, where a cell shown has one."""
    lines = []
    if any(c.evidence.inferred for c in cells):
        lines.append(f"{INFERRED_MARK} {lang.word('inferred-label')}: {lang.word('inferred')}.")
    if any(c.override for c in cells):
        override = lang.word("override")
        lines.append(f"{OVERRIDE_MARK} {override[:1].upper()}{override[1:]}.")
    return lines


def legend(matrix: Matrix, lang: Language) -> list[str]:
    """What is said under the matrix: its symbols, where its colours come from, the source's own caveat in its
    authors' words, and the overridden cells' reasons."""
    framework, cells = matrix.framework, matrix.cells()
    lines = [scale_line(framework, lang)]
    if framework.provenance:
        lines.append(framework.provenance.get(lang))
    if any(c.uncertain for c in cells):
        lines.append(f"X/Y: {lang.word('uncertain')}.")
    lines += mark_notes(cells, lang)
    if framework.trends is not None:
        levels = (*framework.trends.levels, framework.trends.achieved, framework.trends.no_data)
        lines.append(f"{lang.word('trend')}: " + " · ".join(f"{lv.symbol} {lv.label.get(lang)}" for lv in levels))
    if any(series_values(c) for c in cells):
        lines.append(lang.word("year-note") + ".")
    if framework.max_age is not None and any(STALE_MARK in year_text(c) for c in cells):
        lines.append(f"{STALE_MARK} {lang.word('stale', years=str(framework.max_age))}.")
    if framework.note:
        lines.append(framework.note.get(lang))
    if framework.caveat:
        lines.append(caveat_text(framework, lang))
    return lines + [override_note(framework, c, lang) for c in cells if c.override]


def provenance_line(framework: Framework, lang: Language, full: bool = False) -> str:
    """A reconstruction of the source it names, said before anything reads as the source's own;
    `full` (outputs without the legend) adds the framework's `provenance`."""
    if framework.source is None:
        return " ".join(framework.provenance.get(lang).split()) if full and framework.provenance else ""
    parts = [lang.word("reconstruction", source=source_name(framework.source))]
    parts.append(framework.provenance.get(lang) if full and framework.provenance else lang.word("reconstruction-parts"))
    return " ".join(" ".join(part.split()) for part in parts)


def source_name(doc: Document) -> str:
    """'SINTEF 2021:00617 «Veikart for Trondheim kommune på helseområdet»'."""
    name = " ".join(p for p in (doc.publisher, doc.number) if p)
    return f"{name} «{doc.title}»" if name else f"«{doc.title}»"


def caveat_text(framework: Framework, lang: Language) -> str:
    """'The report's authors on their own assessment (section 4.1.2): «…»'."""
    assert framework.caveat is not None
    caveat = framework.caveat
    section = f"{caveat.section}, {lang.word('on-page', page=caveat.page)}" if caveat.page else caveat.section
    return f"{lang.word('caveat-by', section=section)}: «{' '.join(caveat.quote.split())}»"


def cite(framework: Framework, source: Source, lang: Language) -> str:
    """Where a quote is: '4.3.2', or in another document than the framework's own 'Klimabudsjett 2025, avsnitt 3.1,
    s. 14' (a bare number after a title would read as a volume's)."""
    own = not source.document or (framework.source is not None and source.document == framework.source.id)
    doc = None if own else framework.document(source.document)
    section = source.section
    if not own and _NUMBERED.fullmatch(section):
        section = lang.word("section", section=section)
    parts = [] if own else [doc.title if doc is not None else source.document]
    parts += [section, lang.word("on-page", page=source.page) if source.page else ""]
    return ", ".join(p for p in parts if p)


_NUMBERED = re.compile(r"\d+(\.\d+)*")


def source_line(framework: Framework, source: Source, lang: Language) -> str:
    """'Kilde (4.3.2): «…»', 'Kilde (Klimaregnskap 2021, Tabell 2): «…»'."""
    return f"{lang.word('source')} ({cite(framework, source, lang)}): «{source.quote}»"


def override_note(framework: Framework, cell: Assessment, lang: Language) -> str:
    """An overridden cell: where, why, and what the rule would have given."""
    return f"{OVERRIDE_MARK} {cell_name(cell, lang)}: {override_reason(framework, cell, lang)}"


def override_reason(framework: Framework, cell: Assessment, lang: Language) -> str:
    """The reason for a colour set by judgement, and the colour the rule alone gives, if it gives one."""
    assert cell.override is not None
    reason = cell.override.reason.get(lang)
    if not cell.computed:
        return reason
    return f"{reason} ({lang.word('computed')} {colour_text(framework, cell.computed, lang)})"


def long_date(iso: str, lang: Language) -> str:
    """'2021-06-04' as '4. juni 2021' (nb, nn) or '4 June 2021' (en); any other text as it is."""
    parts = iso.split("-")
    if len(parts) != 3 or not all(p.isdigit() for p in parts) or not 1 <= int(parts[1]) <= 12:
        return iso
    months = lang.word("months").split()
    if len(months) != 12:
        return iso
    return lang.word("date", day=str(int(parts[2])), month=months[int(parts[1]) - 1], year=parts[0])


def percent(share: Decimal, lang: Language, rounding: str = "", difference: bool = False) -> str:
    """A share as per cent ('87,5 %') or a difference of shares in points: one decimal where exact, else whole
    and rounded the way given (up for what is needed, down for what is had)."""
    value = share * 100
    if rounding and value != value.quantize(Decimal("0.1")):
        value = value.quantize(Decimal(1), rounding=rounding)
    return f"{format_number(value, lang)} {points(value, lang) if difference else '%'}"


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


def trend_level(trend: Trend, lang: Language) -> str:
    return f"{trend.level.symbol} {trend.level.label.get(lang)}"


def trend_lines(framework: Framework, cell: Assessment, lang: Language) -> list[str]:
    """The trend's arithmetic for `explain`: a part's (or the cell's) values, rates and level."""
    series: list[tuple[str, Rule, Trend | None]] = [
        (r.part.name.get(lang), r.part.rule, r.reading.trend) for r in cell.parts
    ]
    lines: list[str] = []
    for name, rule, trend in series or [("", cell.driver.rule, cell.trend)]:
        if trend is not None and isinstance(rule, TargetRule):
            lines += arithmetic(framework, name, rule, trend, lang)
    if series and cell.trend is not None:
        names = ", ".join(r.part.name.get(lang) for r in cell.parts if r.part.id in cell.trend.inputs)
        source = f" ({lang.word('trend-combined', inputs=names)})" if names else ""
        lines.append(f"  {lang.word('trend')}: {trend_level(cell.trend, lang)}{source}")
    return lines


def arithmetic(framework: Framework, name: str, rule: TargetRule, trend: Trend, lang: Language) -> list[str]:
    level, units = trend_level(trend, lang), rule.units
    lines = [f"  {lang.word('trend')}" + (f" – {name}" if name else "") + f": {level}"]
    if trend.used:
        values = ", ".join(f"{o.when}: {format_evidence(o.amount, units, lang)}" for o in trend.used)
        lines.append(f"    {lang.word('trend-values')}: {values}")
    lines += [f"    {source_line(framework, o.source, lang)}" for o in trend.used if o.source]
    if trend.ratio is None:
        if trend.target is not None and framework.trends is not None and trend.level.id == framework.trends.achieved.id:
            lines.append(f"    {lang.word('trend-reached')} ({format_amount(trend.target, units, lang)})")
        elif trend.target is not None:
            lines.append(f"    {lang.word('trend-too-few', years=str(rule.trend.window) if rule.trend else '')}")
        return lines
    assert trend.observed is not None and trend.needed is not None and trend.target is not None
    first, last = trend.used[0], trend.used[-1]
    latest, target = format_evidence(last.amount, units, lang), format_amount(trend.target, units, lang)
    span, left = (
        format_number(rounded(last.time - first.time), lang),
        format_number(rounded(years_left(trend.by, last.time)), lang),
    )
    observed = f"({latest} − {format_evidence(first.amount, units, lang)}) / {span}"
    lines.append(f"    {lang.word('trend-observed')}: {observed} {change(trend.observed, units, lang)}")
    needed = lang.word("trend-needed", target=target, year=str(trend.by))
    lines.append(f"    {needed}: ({target} − {latest}) / {left} {change(trend.needed, units, lang)}")
    ratio = percent(trend.ratio, lang, rounding=ROUND_FLOOR)  # never shown as reaching a level it does not
    lines.append(f"    {lang.word('trend-ratio')}: {ratio} → {level}")
    return lines


def rounded(value: Decimal) -> Decimal:
    """Three significant digits: a figure to follow the arithmetic by, not to compare with a limit."""
    return value.quantize(Decimal(1).scaleb(value.adjusted() - 2)).normalize() if value else value


def change(value: Decimal, units: tuple[Unit, ...], lang: Language) -> str:
    """'= -100 kg', or '≈ 0,4 prosentpoeng' where three significant digits round it; a share changes in points."""
    shown = rounded(value)
    unit = display_unit(shown, units)
    name = points(shown / unit.factor, lang) if unit.name.strip() == "%" else unit.name
    return f"{'=' if shown == value else '≈'} {format_number(shown / unit.factor, lang)} {name}"


def points(number: Decimal, lang: Language) -> str:
    """The word for a difference of shares: 'percentage point' after ±1, else 'percentage points'."""
    return lang.counted("percentage-points", 1 if abs(number) == 1 else 2).partition(" ")[2]


def overall_driver(lang: Language, loc: Location) -> Driver:
    """The overall as a driver, so that a renderer draws it as it draws a cell."""
    return Driver(OVERALL_ID, Text.of(lang.word("overall")), Text.of(""), LevelRule(()), loc)


def with_overall(matrix: Matrix, lang: Language) -> Matrix:
    """For tables and figures: the overall as one more column of assessments (none without overall colours)."""
    if not matrix.overalls:
        return matrix
    driver = overall_driver(lang, matrix.framework.drivers[0].loc)
    framework = matrix.framework._replace(drivers=(*matrix.framework.drivers, driver))
    rows = tuple(
        (area, (*cells, overall_cell(area, driver, overall)))
        for (area, cells), overall in zip(matrix.rows, matrix.overalls, strict=True)
    )
    return Matrix(framework, rows)


def overall_cell(area: Area, driver: Driver, overall: Overall) -> Assessment:
    evidence = Evidence(OVERALL_ID, None, Text.of(""), (), area.loc)
    return Assessment(area, driver, evidence, Reading(overall.colours, (), trend=overall.trend))
