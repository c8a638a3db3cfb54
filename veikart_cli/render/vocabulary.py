"""What every renderer says about a cell: symbols, words, marks and notes, per language."""

from __future__ import annotations

from veikart_cli.engine.scoring import Assessment, Matrix
from veikart_cli.model.amounts import format_range
from veikart_cli.model.types import AmountEvidence, ChecklistEvidence, Driver, Framework, LevelEvidence, LevelRule

OVERRIDE_MARK = "†"
INFERRED_MARK = "‡"

# Words of the tool itself; data labels come from the framework file. English is the fallback.
_WORDS = {
    "area": {"nb": "Mulighetsområde", "en": "Opportunity area"},
    "uncertain": {
        "nb": "to farger: evidensen spenner over begge",
        "en": "two colours: the evidence spans both",
    },
    "override": {"nb": "farge satt ved skjønn", "en": "colour set by judgement"},
    "computed": {"nb": "beregnet", "en": "computed"},
    "inferred": {
        "nb": "utledet: kilden har ingen egen omtale av driveren for dette området",
        "en": "inferred: the source has no passage on this driver for this area",
    },
    "partial": {"nb": "delvis", "en": "partly"},
    "of": {"nb": "av", "en": "of"},
    "driver": {"nb": "Driver:", "en": "Driver:"},
    "question": {"nb": "Spørsmål", "en": "Question"},
    "evidence": {"nb": "Evidens", "en": "Evidence"},
    "rule": {"nb": "Kriterium", "en": "Criterion"},
    "margin": {"nb": "Margin", "en": "Margin"},
    "colour": {"nb": "Farge", "en": "Colour"},
    "because": {"nb": "Begrunnelse", "en": "Because"},
    "source": {"nb": "Kilde", "en": "Source"},
    "to": {"nb": "til", "en": "to"},
    "above": {"nb": "over", "en": "above"},
    "elements": {"nb": "elementer", "en": "elements"},
    "evaluates": {"nb": "For hvert mulighetsområde evaluerer vi:", "en": "For each area we evaluate:"},
    "uncertain-label": {"nb": "Usikker", "en": "Uncertain"},
    "inferred-label": {"nb": "Utledet", "en": "Inferred"},
    "contents": {"nb": "Innhold", "en": "Contents"},
    "criteria": {"nb": "Kriterier", "en": "Criteria"},
    "matrix": {"nb": "Trafikklysmatrise", "en": "Traffic-light matrix"},
    "recommendations": {"nb": "Anbefalinger til kommunen", "en": "Recommendations to the municipality"},
    "actors": {"nb": "Lokale aktører", "en": "Local actors"},
    "research-groups": {"nb": "Forskningsgrupper", "en": "Research groups"},
    "projects": {"nb": "Prosjekter", "en": "Projects"},
    "lists-from": {"nb": "Listene bygger på avsnitt", "en": "The lists draw on section"},
    "sources": {"nb": "Kilder", "en": "Sources"},
    "sections-quoted": {"nb": "siterte avsnitt", "en": "sections quoted"},
    "horizon": {"nb": "Tidshorisont", "en": "Horizon"},
    "report": {"nb": "Rapport", "en": "Report"},
    "commissioned-by": {"nb": "Oppdragsgiver", "en": "Commissioned by"},
    "driver-column": {"nb": "Driver", "en": "Driver"},
    "before": {"nb": "Før", "en": "Before"},
    "after": {"nb": "Etter", "en": "After"},
    "why": {"nb": "Hvorfor", "en": "Why"},
    "cause-evidence": {"nb": "evidens endret", "en": "evidence changed"},
    "cause-criteria": {"nb": "kriteriet endret", "en": "criteria changed"},
    "cause-override-added": {"nb": "skjønn lagt til", "en": "override added"},
    "cause-override-removed": {"nb": "skjønn fjernet", "en": "override removed"},
    "cause-override-changed": {"nb": "skjønn endret", "en": "override changed"},
}


def word(key: str, lang: str) -> str:
    forms = _WORDS[key]
    return forms.get(lang, forms["en"])


def colour_text(framework: Framework, colours: tuple[str, ...], lang: str) -> str:
    """'🟢 Grønn', or '🟡/🔴 Gul/Rød' for a cell whose evidence spans two colours."""
    scale = [framework.colour(c) for c in colours]
    return "/".join(c.symbol for c in scale) + " " + "/".join(c.label.get(lang) for c in scale)


def marks(cell: Assessment) -> str:
    return (INFERRED_MARK if cell.evidence.inferred else "") + (OVERRIDE_MARK if cell.override else "")


def cell_text(framework: Framework, cell: Assessment, lang: str) -> str:
    text = colour_text(framework, cell.colours, lang)
    return f"{text} {marks(cell)}" if marks(cell) else text


def driver_heading(driver: Driver, lang: str, short: bool = False) -> str:
    return (driver.short or driver.name).get(lang) if short else driver.name.get(lang)


def criteria_for(driver: Driver, colour_id: str, lang: str) -> list[str]:
    """The criterion texts of a driver's bands or levels that give this colour."""
    rule = driver.rule
    items = rule.levels if isinstance(rule, LevelRule) else rule.bands
    return [item.criterion.get(lang) for item in items if item.colour == colour_id]


def evidence_text(cell: Assessment, lang: str) -> str:
    """The evidence in a few words: an amount, a count of elements, or the levels chosen."""
    value, rule = cell.evidence.value, cell.driver.rule
    if value is None:
        return "–"
    if isinstance(value, AmountEvidence):
        return format_range(value.low, value.high, rule.units, lang)  # type: ignore[union-attr]
    if isinstance(value, ChecklistEvidence):
        total = len(value.items)
        text = f"{value.tally('present')} {word('of', lang)} {total}"
        partial = value.tally("partial")
        return text + (f" (+{partial} {word('partial', lang)})" if partial else "")
    assert isinstance(value, LevelEvidence) and isinstance(rule, LevelRule)
    return " / ".join(level.criterion.get(lang) for level in rule.levels if level.id in value.levels)


def legend(matrix: Matrix, lang: str) -> list[str]:
    """Lines that explain the symbols used in this matrix, and the framework's caveat."""
    framework, cells = matrix.framework, matrix.cells()
    lines = [" · ".join(f"{c.symbol} {c.label.get(lang)}" for c in framework.scale)]
    if any(c.uncertain for c in cells):
        lines.append(f"X/Y: {word('uncertain', lang)}.")
    if any(c.evidence.inferred for c in cells):
        lines.append(f"{INFERRED_MARK} {word('inferred', lang)}.")
    if any(c.override for c in cells):
        lines.append(f"{OVERRIDE_MARK} {word('override', lang)}.")
    if framework.caveat:
        lines.append(framework.caveat.get(lang))
    return lines


def override_notes(matrix: Matrix, lang: str) -> list[str]:
    """One line per overridden cell: where, why, and what the rule would have given."""
    notes = []
    for cell in matrix.cells():
        if cell.override:
            computed = colour_text(matrix.framework, cell.computed, lang) if cell.computed else "–"
            notes.append(
                f"{OVERRIDE_MARK} {cell.area.name.get(lang)} – {cell.driver.name.get(lang)}: "
                f"{cell.override.reason.get(lang)} ({word('computed', lang)}: {computed})"
            )
    return notes


def cell_name(cell: Assessment, lang: str) -> str:
    return f"{cell.area.name.get(lang)} – {cell.driver.name.get(lang)}"


def change_text(framework: Framework, before: Assessment, after: Assessment, lang: str) -> str:
    """'🟡 Gul → 🟢 Grønn', with the computed colours when an override hides them."""

    def shown(cell: Assessment) -> str:
        text = cell_text(framework, cell, lang) if cell.colours else "–"
        if cell.override:
            computed = colour_text(framework, cell.computed, lang) if cell.computed else "–"
            text += f" ({word('computed', lang)}: {computed})"
        return text

    return f"{shown(before)} → {shown(after)}"
