"""What every renderer says about a cell, per language: symbols, words, marks, notes, where a
quote stands, and a series' year and trend with the arithmetic `explain` shows."""

from __future__ import annotations

from decimal import Decimal

from veikart_cli.engine.rules import SimpleValue, Trend, years_left
from veikart_cli.engine.scoring import Assessment, Matrix
from veikart_cli.model.amounts import format_amount, format_evidence, format_number
from veikart_cli.model.evidence import (
    AmountEvidence,
    ChecklistEvidence,
    CompositeEvidence,
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
    criteria_items,
)
from veikart_cli.model.vocabulary import Language
from veikart_cli.render.document import About

OVERRIDE_MARK = "†"
INFERRED_MARK = "‡"
PRINTED_MARK = "*"  # a criterion whose text corrects what the source prints
STALE_MARK = "⌛"  # the value is older than the framework's max-age


def language(framework: Framework, code: str) -> Language:
    """The document's Language: `code` itself when it is one already, else Framework.language."""
    return code if isinstance(code, Language) else framework.language(code)


def word(key: str, lang: Language, **values: str) -> str:
    return lang.word(key, **values)


def colour_text(framework: Framework, colours: tuple[str, ...], lang: Language) -> str:
    """'🟢 Grønn', or '🟡/🔴 Gul/Rød' for a cell whose evidence spans more than one colour."""
    scale = [framework.colour(c) for c in colours]
    return "/".join(c.symbol for c in scale) + " " + "/".join(c.label.get(lang) for c in scale)


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
    return text.rstrip().endswith(("?", "？", "¿", "؟"))


def criteria_notes(framework: Framework, lang: Language) -> list[str]:
    """Where a criterion corrects what the source prints, the conventions, the overall's combination and the states."""
    notes = []
    printed_as = word("printed-as", lang)
    for driver in framework.drivers:
        name = driver_heading(driver, lang, short=True)
        if driver.question_printed:  # 'spørsmål' only for a question; a heading is known by its text
            what = f", {word('question', lang).lower()}" if is_question(driver.question.get(lang)) else ""
            notes.append(f"{PRINTED_MARK} {name}{what}: {printed_as} «{driver.question_printed}»")
        for item in criteria_items(driver.rule):
            if item.printed:
                colour = framework.colour(item.colour).label.get(lang)
                notes.append(f"{PRINTED_MARK} {name}, {colour.lower()}: {printed_as} «{item.printed}»")
    notes += [f"{word('convention', lang)}: {text.get(lang)}" for text in framework.conventions]
    combination = framework.overall
    if combination is not None:
        if combination.method == "weighted":
            weights = ", ".join(
                f"{names(framework, (i,), lang)} {format_number(w, lang)}" for i, w in combination.weights
            )
            notes.append(word("combine-weighted", lang, majority=percent(combination.majority, lang), weights=weights))
        elif combination.method == "mean-of-worst" and combination.worst > 1:
            notes.append(word(f"combine-mean-of-worst-{combination.rounding}", lang, worst=str(combination.worst)))
        else:  # the mean of the one worst is the worst
            method = "worst" if combination.method == "mean-of-worst" else combination.method
            notes.append(word(f"combine-{method}", lang))
        for veto in combination.vetoes:
            at, caps = (framework.colour(c).label.get(lang) for c in (veto.at, veto.caps))
            notes.append(word("veto-note", lang, driver=names(framework, (veto.input,), lang), at=at, caps=caps))
    if framework.states:
        states = ", ".join(f"{s.symbol} {s.label.get(lang)}" for s in framework.states)
        notes.append(word("states-note", lang, states=states))
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


def value_text(rule: SimpleRule, value: SimpleValue | State, lang: Language) -> str:
    if isinstance(value, State):  # a driver or a part in a state: why
        return value.reason.get(lang)
    if isinstance(value, TargetEvidence) and isinstance(rule, TargetRule):
        target = value.target if value.target is not None else rule.target
        shown = format_evidence(value.amount, rule.units, lang)
        if target is None:
            return shown
        return f"{shown} ({word('target', lang).lower()} {format_amount(target, rule.units, lang)})"
    if isinstance(value, AmountEvidence):
        return format_evidence(value, rule.units, lang)  # type: ignore[union-attr]
    if isinstance(value, ChecklistEvidence):
        text = f"{value.tally('present')} {word('of', lang)} {len(value.items)}"
        partial = value.tally("partial")
        return text + (f" (+{partial} {word('partial', lang)})" if partial else "")
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
        text = f"{names.get(item.element, item.element)}: {word(f'status-{item.status}', lang)}"
        text += f" ({', '.join(item.actors)})" if item.actors else ""
        lines.append(f"{text}. {item.note.get(lang)}" if item.note else text)
    return lines


def scale_line(framework: Framework, lang: Language) -> str:
    return " · ".join(f"{c.symbol} {c.label.get(lang)}" for c in (*framework.scale, *framework.states))


def mark_notes(cells: list[Assessment], lang: Language) -> list[str]:
    """What ‡ and † mean, where a cell shown has one."""
    lines = []
    if any(c.evidence.inferred for c in cells):
        lines.append(f"{INFERRED_MARK} {word('inferred-label', lang)}: {word('inferred', lang)}.")
    if any(c.override for c in cells):
        override = word("override", lang)
        lines.append(f"{OVERRIDE_MARK} {override[:1].upper()}{override[1:]}.")
    return lines


def legend(matrix: Matrix, lang: Language) -> list[str]:
    """The matrix's symbols, where its colours come from, and the source's own caveat in its authors' words."""
    framework, cells = matrix.framework, matrix.cells()
    lines = [scale_line(framework, lang)]
    if framework.provenance:
        lines.append(framework.provenance.get(lang))
    if any(c.uncertain for c in cells):
        lines.append(f"X/Y: {word('uncertain', lang)}.")
    lines += mark_notes(cells, lang)
    if framework.trends is not None:
        levels = (*framework.trends.levels, framework.trends.achieved, framework.trends.no_data)
        lines.append(f"{word('trend', lang)}: " + " · ".join(f"{lv.symbol} {lv.label.get(lang)}" for lv in levels))
    if any(series_values(c) for c in cells):
        lines.append(word("year-note", lang) + ".")
    if framework.max_age is not None and any(STALE_MARK in year_text(c) for c in cells):
        lines.append(f"{STALE_MARK} {word('stale', lang, years=str(framework.max_age))}.")
    if framework.note:
        lines.append(framework.note.get(lang))
    if framework.caveat:
        lines.append(caveat_text(framework, lang))
    return lines


def provenance_line(framework: Framework, lang: Language, full: bool = False) -> str:
    """A reconstruction of the source it names, said before anything reads as the source's own;
    `full` (outputs without the legend) adds the framework's `provenance`."""
    if framework.source is None:
        return " ".join(framework.provenance.get(lang).split()) if full and framework.provenance else ""
    parts = [word("reconstruction", lang, source=source_name(framework.source))]
    parts.append(
        framework.provenance.get(lang) if full and framework.provenance else word("reconstruction-parts", lang)
    )
    return " ".join(" ".join(part.split()) for part in parts)


def about(framework: Framework, kind: str, lang: Language) -> About:
    """A page's subject ('Rapport – SINTEF 2021:00617 «…»'), its creator and its date (the source's)."""
    subject = f"{kind} – {source_name(framework.source)}" if framework.source else kind
    date = framework.source.date if framework.source else ""
    return About(subject, f"veikart ({framework.id})", date)


def source_name(doc: Document) -> str:
    """'SINTEF 2021:00617 «Veikart for Trondheim kommune på helseområdet»'."""
    name = " ".join(p for p in (doc.publisher, doc.number) if p)
    return f"{name} «{doc.title}»" if name else f"«{doc.title}»"


def caveat_text(framework: Framework, lang: Language) -> str:
    """'The report's authors on their own assessment (section 4.1.2): «…»'."""
    assert framework.caveat is not None
    caveat = framework.caveat
    section = f"{caveat.section}, {word('on-page', lang, page=caveat.page)}" if caveat.page else caveat.section
    return f"{word('caveat-by', lang, section=section)}: «{' '.join(caveat.quote.split())}»"


def cite(framework: Framework, source: Source, lang: Language) -> str:
    """Where a quote is: '4.3.2', or in another document than the framework's own 'Klimabudsjett 2025, 3.1, s. 14'."""
    own = not source.document or (framework.source is not None and source.document == framework.source.id)
    doc = None if own else framework.document(source.document)
    parts = [] if own else [doc.title if doc is not None else source.document]
    parts += [source.section, word("on-page", lang, page=source.page) if source.page else ""]
    return ", ".join(p for p in parts if p)


def source_line(framework: Framework, source: Source, lang: Language) -> str:
    return f"{word('source', lang)} {cite(framework, source, lang)}: «{source.quote}»"


def override_notes(matrix: Matrix, lang: Language) -> list[str]:
    """One line per overridden cell: where, why, and what the rule would have given."""
    return [
        f"{OVERRIDE_MARK} {cell_name(cell, lang)}: {override_reason(matrix.framework, cell, lang)}"
        for cell in matrix.cells()
        if cell.override
    ]


def override_reason(framework: Framework, cell: Assessment, lang: Language) -> str:
    """The reason for a colour set by judgement, and the colour the rule alone gives, if it gives one."""
    assert cell.override is not None
    reason = cell.override.reason.get(lang)
    if not cell.computed:
        return reason
    return f"{reason} ({word('computed', lang)} {colour_text(framework, cell.computed, lang)})"


def long_date(iso: str, lang: Language) -> str:
    """'2021-06-04' as '4. juni 2021' (nb, nn) or '4 June 2021' (en); any other text as it is."""
    parts = iso.split("-")
    if len(parts) != 3 or not all(p.isdigit() for p in parts) or not 1 <= int(parts[1]) <= 12:
        return iso
    months = word("months", lang).split()
    if len(months) != 12:
        return iso
    return word("date", lang, day=str(int(parts[2])), month=months[int(parts[1]) - 1], year=parts[0])


def percent(share: Decimal, lang: Language, rounding: str = "", unit: str = "%") -> str:
    """A share as per cent ('87,5 %') or a difference in points: one decimal where exact, else whole and rounded
    the way given (up for what is needed, down for what is had)."""
    value = share * 100
    if rounding and value != value.quantize(Decimal("0.1")):
        value = value.quantize(Decimal(1), rounding=rounding)
    return f"{format_number(value, lang)} {unit}"


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
        source = f" ({word('trend-combined', lang, inputs=names)})" if names else ""
        lines.append(f"  {word('trend', lang)}: {trend_level(cell.trend, lang)}{source}")
    return lines


def arithmetic(framework: Framework, name: str, rule: TargetRule, trend: Trend, lang: Language) -> list[str]:
    level, units = trend_level(trend, lang), rule.units
    lines = [f"  {word('trend', lang)}" + (f" – {name}" if name else "") + f": {level}"]
    if trend.used:
        values = ", ".join(f"{o.when}: {format_evidence(o.amount, units, lang)}" for o in trend.used)
        lines.append(f"    {word('trend-values', lang)}: {values}")
    lines += [f"    {source_line(framework, o.source, lang)}" for o in trend.used if o.source]
    if trend.ratio is None:
        if trend.target is not None:
            reached = framework.trends is not None and trend.level.id == framework.trends.achieved.id
            window = str(rule.trend.window) if rule.trend else ""
            why = word("trend-reached", lang) if reached else word("trend-too-few", lang, years=window)
            lines.append(f"    {why} ({format_amount(trend.target, units, lang)})")
        return lines
    assert trend.observed is not None and trend.needed is not None and trend.target is not None
    first, last = trend.used[0], trend.used[-1]
    latest, target = format_evidence(last.amount, units, lang), format_amount(trend.target, units, lang)
    span, left = format_number(last.time - first.time, lang), format_number(years_left(trend.by, last.time), lang)
    observed = f"({latest} − {format_evidence(first.amount, units, lang)}) ÷ {span}"
    lines.append(f"    {word('trend-observed', lang)}: {observed} = {format_amount(trend.observed, units, lang)}")
    needed = word("trend-needed", lang, target=target, year=str(trend.by))
    lines.append(f"    {needed}: ({target} − {latest}) ÷ {left} = {format_amount(trend.needed, units, lang)}")
    lines.append(f"    {word('trend-ratio', lang)}: {format_number(trend.ratio * 100, lang)} % → {level}")
    return lines
