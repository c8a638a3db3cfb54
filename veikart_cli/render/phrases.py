"""What every renderer says about a cell: symbols, words, marks and notes, per language."""

from __future__ import annotations

from decimal import Decimal

from veikart_cli.engine.scoring import Assessment, Matrix, PartResult
from veikart_cli.model.amounts import format_amount, format_evidence, format_number
from veikart_cli.model.evidence import (
    AmountEvidence,
    ChecklistEvidence,
    CompositeEvidence,
    ElementStatus,
    LevelEvidence,
    State,
    TargetEvidence,
    Value,
)
from veikart_cli.model.types import (
    ChecklistRule,
    CompositeRule,
    Document,
    Driver,
    Framework,
    LevelRule,
    SimpleRule,
    TargetRule,
    criteria_items,
)
from veikart_cli.model.vocabulary import Language
from veikart_cli.render.document import About
from veikart_cli.render.trendtext import legend_lines, trend_mark

OVERRIDE_MARK = "†"
INFERRED_MARK = "‡"
PRINTED_MARK = "*"  # a criterion whose text corrects what the source prints


def language(framework: Framework, code: str) -> Language:
    """The document's Language: `code` itself when it is one already, else Framework.language."""
    return code if isinstance(code, Language) else framework.language(code)


def word(key: str, lang: Language, **values: str) -> str:
    return lang.word(key, **values)


def counted(key: str, n: int, lang: Language) -> str:
    """'1 celle', '2 celler'."""
    return lang.counted(key, n)


def colour_text(framework: Framework, colours: tuple[str, ...], lang: Language) -> str:
    """'🟢 Grønn', or '🟡/🔴 Gul/Rød' for a cell whose evidence spans more than one colour."""
    scale = [framework.colour(c) for c in colours]
    return "/".join(c.symbol for c in scale) + " " + "/".join(c.label.get(lang) for c in scale)


def marks(cell: Assessment) -> str:
    own = (INFERRED_MARK if cell.evidence.inferred else "") + (OVERRIDE_MARK if cell.override else "")
    trend = trend_mark(cell)  # a series' trend and year: '↗ 2023'
    return f"{own} {trend}" if own and trend else own or trend


def cell_text(framework: Framework, cell: Assessment, lang: Language) -> str:
    text = colour_text(framework, cell.colours, lang)
    return f"{text} {marks(cell)}" if marks(cell) else text


def driver_heading(driver: Driver, lang: Language, short: bool = False) -> str:
    return (driver.short or driver.name).get(lang) if short else driver.name.get(lang)


def criteria_for(driver: Driver, colour_id: str, lang: Language) -> list[str]:
    """The criterion texts of a driver's bands or levels that give this colour."""
    return [
        item.criterion.get(lang) + (f" {PRINTED_MARK}" if item.printed else "")
        for item in criteria_items(driver.rule)
        if item.colour == colour_id
    ]


def question_text(driver: Driver, lang: Language) -> str:
    return driver.question.get(lang) + (f" {PRINTED_MARK}" if driver.question_printed else "")


def criteria_notes(framework: Framework, lang: Language) -> list[str]:
    """What the source prints where a criterion corrects it, and the data set's own conventions."""
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
    notes += method_notes(framework, lang)
    return notes


def evidence_text(cell: Assessment, lang: Language) -> str:
    """The evidence in a few words: an amount, a count of elements, or the levels chosen."""
    value, rule = cell.evidence.value, cell.driver.rule
    if cell.evidence.state is not None:
        return cell.evidence.state.reason.get(lang)
    if value is None:
        return "–"
    if isinstance(value, CompositeEvidence):
        return "; ".join(f"{r.part.name.get(lang)}: {part_value_text(r, lang)}" for r in cell.parts)
    assert not isinstance(rule, CompositeRule)
    return value_text(rule, value, lang)


def part_value_text(result: PartResult, lang: Language) -> str:
    if result.state is not None:  # a part in a state: its reason, as for a driver in one
        return result.state.reason.get(lang)
    assert not isinstance(result.value, State)
    return value_text(result.part.rule, result.value, lang)


def value_text(rule: SimpleRule, value: Value, lang: Language) -> str:
    if isinstance(value, TargetEvidence) and isinstance(rule, TargetRule):
        target = value.target if value.target is not None else rule.target
        shown = format_evidence(value.amount, rule.units, lang)
        if target is None:
            return shown
        return f"{shown} ({word('target', lang).lower()} {format_amount(target, rule.units, lang)})"
    if isinstance(value, AmountEvidence):
        return format_evidence(value, rule.units, lang)  # type: ignore[union-attr]
    if isinstance(value, ChecklistEvidence):
        total = len(value.items)
        text = f"{value.tally('present')} {word('of', lang)} {total}"
        partial = value.tally("partial")
        return text + (f" (+{partial} {word('partial', lang)})" if partial else "")
    assert isinstance(value, LevelEvidence) and isinstance(rule, LevelRule)
    return " / ".join(level.criterion.get(lang) for level in rule.levels if level.id in value.levels)


def legend(matrix: Matrix, lang: Language) -> list[str]:
    """Lines that explain the symbols of this matrix, where its colours come from, and the
    source's own caveat, quoted as its authors' words."""
    framework, cells = matrix.framework, matrix.cells()
    lines = [" · ".join(f"{c.symbol} {c.label.get(lang)}" for c in (*framework.scale, *framework.states))]
    if framework.provenance:
        lines.append(framework.provenance.get(lang))
    if any(c.uncertain for c in cells):
        lines.append(f"X/Y: {word('uncertain', lang)}.")
    if any(c.evidence.inferred for c in cells):
        lines.append(f"{INFERRED_MARK} {word('inferred-label', lang)}: {word('inferred', lang)}.")
    if any(c.override for c in cells):
        lines.append(f"{OVERRIDE_MARK} {capital(word('override', lang))}.")
    lines += legend_lines(matrix, lang)
    if framework.note:
        lines.append(framework.note.get(lang))
    if framework.caveat:
        lines.append(caveat_text(framework, lang))
    return lines


def provenance_line(framework: Framework, lang: Language, full: bool = False) -> str:
    """What the document is, said before anything can be read as the source's own: a
    reconstruction of the source it names, and whose words are whose. `full`, for outputs
    without the matrix's legend (`explain`, CSV), says where the colours come from with the
    framework's own `provenance` when it has one."""
    if framework.source is None:
        return " ".join(framework.provenance.get(lang).split()) if full and framework.provenance else ""
    parts = [word("reconstruction", lang, source=source_name(framework.source))]
    parts.append(
        framework.provenance.get(lang) if full and framework.provenance else word("reconstruction-parts", lang)
    )
    return " ".join(" ".join(part.split()) for part in parts)


def about(framework: Framework, kind: str, lang: Language) -> About:
    """A page's subject ('Rapport – SINTEF 2021:00617 «…»'), its creator (veikart and the
    framework it was made from) and its date (the source's)."""
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
    by = word("caveat-by", lang, section=section)
    return f"{by}: «{' '.join(framework.caveat.quote.split())}»"


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def element_lines(cell: Assessment, lang: Language) -> list[str]:
    """Each checklist element with its status, its actors and its note: why the count is what it is."""
    value, rule = cell.evidence.value, cell.driver.rule
    if not isinstance(value, ChecklistEvidence) or not isinstance(rule, ChecklistRule):
        return []
    names = {e.id: e.name.get(lang) for e in rule.elements}
    return [element_line(item, names.get(item.element, item.element), lang) for item in value.items]


def element_line(item: ElementStatus, name: str, lang: Language) -> str:
    text = f"{name}: {word(f'status-{item.status}', lang)}"
    if item.actors:
        text += f" ({', '.join(item.actors)})"
    return f"{text}. {item.note.get(lang)}" if item.note else text


def override_notes(matrix: Matrix, lang: Language) -> list[str]:
    """One line per overridden cell: where, why, and what the rule would have given."""
    notes = []
    for cell in matrix.cells():
        if cell.override:
            reason = override_reason(matrix.framework, cell, lang)
            notes.append(f"{OVERRIDE_MARK} {cell.area.name.get(lang)} – {cell.driver.name.get(lang)}: {reason}")
    return notes


def override_reason(framework: Framework, cell: Assessment, lang: Language) -> str:
    """The reason for a colour set by judgement, and the colour the rule alone gives, if it gives one."""
    assert cell.override is not None
    reason = cell.override.reason.get(lang)
    if not cell.computed:
        return reason
    return f"{reason} ({word('computed', lang)} {colour_text(framework, cell.computed, lang)})"


def question_word(driver: Driver, lang: Language) -> str:
    """'Spørsmål' for a question; for a heading such as 'Norske muligheter i et globalt marked',
    what it names is what is assessed: 'Vurderes'."""
    return word("question" if is_question(driver.question.get(lang)) else "assesses", lang)


def is_question(text: str) -> bool:
    return text.rstrip().endswith(("?", "？", "¿", "؟"))


def long_date(iso: str, lang: Language) -> str:
    """'2021-06-04' as '4. juni 2021' (nb, nn) or '4 June 2021' (en); a year alone, or any other
    text, as it is."""
    parts = iso.split("-")
    if len(parts) != 3 or not all(p.isdigit() for p in parts) or not 1 <= int(parts[1]) <= 12:
        return iso
    months = word("months", lang).split()
    if len(months) != 12:
        return iso
    return word("date", lang, day=str(int(parts[2])), month=months[int(parts[1]) - 1], year=parts[0])


def cell_name(cell: Assessment, lang: Language) -> str:
    return f"{cell.area.name.get(lang)} – {cell.driver.name.get(lang)}"


def change_text(framework: Framework, before: Assessment, after: Assessment, lang: Language) -> str:
    """'🟡 Gul → 🟢 Grønn', with the computed colours when an override hides them."""

    def shown(cell: Assessment) -> str:
        text = cell_text(framework, cell, lang) if cell.colours else "–"
        if cell.override and cell.computed:
            text += f" ({word('computed', lang)} {colour_text(framework, cell.computed, lang)})"
        return text

    return f"{shown(before)} → {shown(after)}"


def names(framework: Framework, ids: tuple[str, ...], lang: Language) -> str:
    drivers = {d.id: d for d in framework.drivers}
    return ", ".join((drivers[i].short or drivers[i].name).get(lang) if i in drivers else i for i in ids)


def percent(share: Decimal, lang: Language, rounding: str = "", unit: str = "%") -> str:
    """A share as per cent ('87,5 %'), or a difference of shares with the unit 'prosentpoeng'.

    Shares of a few weights are fractions like 13/30: shown to one decimal where that is exact,
    else to a whole number, rounded the way given (ROUND_CEILING for what is needed, so the
    figure is enough; ROUND_FLOOR for what is had, so it is not overstated)."""
    value = share * 100
    if rounding and value != value.quantize(Decimal("0.1")):
        value = value.quantize(Decimal(1), rounding=rounding)
    return f"{format_number(value, lang)} {unit}"


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
