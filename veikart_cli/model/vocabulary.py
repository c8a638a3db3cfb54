"""The tool's own words in bokmål, nynorsk and English, and a language code that carries them.

Data labels (drivers, colours, areas) come from the framework file; these are the words
veikart itself writes around them. A framework may override or add any of them in its
`vocabulary` section, per language, so a method can call its areas "tiltak"; a language
with neither built-in words nor a complete set from the framework cannot be written in.

A word is one text, or two forms (one, other) where it follows a count ("1 celle", "2 celler").
Words may hold `{name}` fields, filled in by the renderer; an override must keep them.
"""

from __future__ import annotations

import string
from collections.abc import Mapping

Forms = tuple[str, str]  # (one, other)
Word = str | Forms

# Keys are what renderers ask for; comments say where a word appears when its key does not.
BUILTIN: dict[str, dict[str, Word]] = {
    "nb": {
        "area": "Mulighetsområde",
        "areas": ("område", "områder"),
        "cells": ("celle", "celler"),
        "elements": ("element", "elementer"),
        "question": "Spørsmål",
        "evidence": "Grunnlag",
        "rule": "Kriterium",
        "margin": "Margin",
        "colour": "Farge",
        "because": "Begrunnelse",
        "source": "Kilde",
        "computed": "beregnet",
        "uncertain": "grunnlaget spenner over to farger",
        "uncertain-label": "Usikker",
        "inferred": "kilden har ingen egen omtale av driveren for dette området",
        "inferred-label": "Utledet",
        "override": "farge satt ved skjønn",
        "override-label": "Skjønn",
        "printed-as": "kilden skriver",
        "convention": "Datasettets eget valg",
        "untranslated": "ikke oversatt",
        "partial": "delvis",
        "of": "av",
        "to": "til",
        "above": "over",
        "status-present": "til stede",
        "status-partial": "delvis",
        "status-missing": "mangler",
        "driver": "Driver:",  # the criteria table's corner, as in Tabell 2
        "driver-column": "Driver",
        "driver-noun": "driver",
        "evaluates": "For hvert mulighetsområde evaluerer vi:",
        "contents": "Innhold",
        "to-matrix": "Tilbake til matrisen",  # an explanation's link back to its cell
        "criteria": "Kriterier",
        "matrix": "Trafikklysmatrise",
        "recommendations": "Anbefalinger til kommunen",
        "actors": "Lokale aktører",
        "research-groups": "Fagmiljøer",
        "projects": "Prosjekter",
        "lists-from": "Listene bygger på avsnitt {section}.",
        "sources": "Kilder",
        "sections-quoted": "siterte avsnitt",
        "horizon": "Tidshorisont",
        "report": "Rapport",
        "commissioned-by": "Oppdragsgiver",
        "caveat-by": "Rapportens forfattere om sin egen vurdering (avsnitt {section})",
        "section": "avsnitt {section}",
        "before": "Før",
        "after": "Etter",
        "why": "Hvorfor",
        "cause-evidence": "grunnlaget endret",
        "cause-criteria": "kriteriet endret",
        "cause-override-added": "skjønn lagt til",
        "cause-override-removed": "skjønn fjernet",
        "cause-override-changed": "skjønn endret",
        "changed-colour": "endret farge",
        "added": "lagt til",
        "removed": "fjernet",
        "what-if": "hva om",
        "no-change": "ingen celle endrer farge",
        "gate-summary": "{hits} av {cells} treffer {conditions}",
        # the method layer: targets, composites, states, the overall colour
        "margin-up": "mer for å nå",
        "margin-down": "mindre for å nå",
        "margin-closer": "nærmere målet for å nå",
        "margin-room": "før det faller til",
        "overall": "Samlet",
        "target": "Mål",
        "part": "Delindikator",
        "decided-by": "avgjort av",
        "vetoed-by": "begrenset av veto fra",
        "lifts": "én farge bedre alene løfter den samlede fargen:",
        "support": "av vekten har denne fargen eller bedre",
        "needed": "mer vekt trengs for neste farge",
        "left-out": "ikke med i den samlede fargen",
        "overall-override": "farge satt ved skjønn teller med",
        "state": "Status",
        "reason": "Grunn",
        "criteria-renamed": "fargeskalaen har fått nye navn; fargene er sammenlignet etter plass i skalaen",
        "overall-changed": "samlet farge endret",
        "deciding": "avgjørende",
        "combine-worst": "Samlet farge: den verste fargen blant driverne.",
        "combine-best": "Samlet farge: den beste fargen blant driverne.",
        "combine-majority": "Samlet farge: fargen flest drivere har; står to likt, teller den verste.",
        "combine-weighted": "Samlet farge: den beste fargen som drivere med minst {majority} av vekten har, eller bedre. Vekter: {weights}.",
        "veto-note": "Veto: {driver} på {at} eller verre gir høyst {caps} samlet.",
        "states-note": "Tilstander utenfor fargeskalaen, ikke med i samlet farge: {states}.",
        # a roadmap's history (veikart history)
        "history": "Historikk",
        "changes": "Endringer",
        "history-renamed": "nytt navn: {before} → {after}",
        "history-new-id": "ny id: {before} → {after}",
        "history-absent": "ikke med i denne utgaven",
    },
    "nn": {
        "area": "Mogelegheitsområde",
        "areas": ("område", "område"),
        "cells": ("celle", "celler"),
        "elements": ("element", "element"),
        "question": "Spørsmål",
        "evidence": "Grunnlag",
        "rule": "Kriterium",
        "margin": "Margin",
        "colour": "Farge",
        "because": "Grunngiving",
        "source": "Kjelde",
        "computed": "rekna ut",
        "uncertain": "grunnlaget spenner over to fargar",
        "uncertain-label": "Usikker",
        "inferred": "kjelda har ingen eigen omtale av drivaren for dette området",
        "inferred-label": "Utleidd",
        "override": "farge sett ved skjønn",
        "override-label": "Skjønn",
        "printed-as": "kjelda skriv",
        "convention": "Datasettet sitt eige val",
        "untranslated": "ikkje omsett",
        "partial": "delvis",
        "of": "av",
        "to": "til",
        "above": "over",
        "status-present": "til stades",
        "status-partial": "delvis",
        "status-missing": "manglar",
        "driver": "Drivar:",
        "driver-column": "Drivar",
        "driver-noun": "drivar",
        "evaluates": "For kvart mogelegheitsområde vurderer vi:",
        "contents": "Innhald",
        "to-matrix": "Tilbake til matrisa",
        "criteria": "Kriterium",
        "matrix": "Trafikklysmatrise",
        "recommendations": "Tilrådingar til kommunen",
        "actors": "Lokale aktørar",
        "research-groups": "Fagmiljø",
        "projects": "Prosjekt",
        "lists-from": "Listene byggjer på avsnitt {section}.",
        "sources": "Kjelder",
        "sections-quoted": "siterte avsnitt",
        "horizon": "Tidshorisont",
        "report": "Rapport",
        "commissioned-by": "Oppdragsgjevar",
        "caveat-by": "Forfattarane av rapporten om si eiga vurdering (avsnitt {section})",
        "section": "avsnitt {section}",
        "before": "Før",
        "after": "Etter",
        "why": "Kvifor",
        "cause-evidence": "grunnlaget endra",
        "cause-criteria": "kriteriet endra",
        "cause-override-added": "skjønn lagt til",
        "cause-override-removed": "skjønn fjerna",
        "cause-override-changed": "skjønn endra",
        "changed-colour": "endra farge",
        "added": "lagt til",
        "removed": "fjerna",
        "what-if": "kva om",
        "no-change": "inga celle endrar farge",
        "gate-summary": "{hits} av {cells} treffer {conditions}",
        # the method layer: targets, composites, states, the overall colour
        "margin-up": "meir for å nå",
        "margin-down": "mindre for å nå",
        "margin-closer": "nærare målet for å nå",
        "margin-room": "før det fell til",
        "overall": "Samla",
        "target": "Mål",
        "part": "Delindikator",
        "decided-by": "avgjort av",
        "vetoed-by": "avgrensa av veto frå",
        "lifts": "éin farge betre åleine løftar den samla fargen:",
        "support": "av vekta har denne fargen eller betre",
        "needed": "meir vekt trengst for neste farge",
        "left-out": "ikkje med i den samla fargen",
        "overall-override": "farge sett ved skjøn tel med",
        "state": "Status",
        "reason": "Grunn",
        "criteria-renamed": "fargeskalaen har fått nye namn; fargane er samanlikna etter plass i skalaen",
        "overall-changed": "samla farge endra",
        "deciding": "avgjerande",
        "combine-worst": "Samla farge: den verste fargen blant drivarane.",
        "combine-best": "Samla farge: den beste fargen blant drivarane.",
        "combine-majority": "Samla farge: fargen flest drivarar har; står to likt, tel den verste.",
        "combine-weighted": "Samla farge: den beste fargen som drivarar med minst {majority} av vekta har, eller betre. Vekter: {weights}.",
        "veto-note": "Veto: {driver} på {at} eller verre gir høgst {caps} samla.",
        "states-note": "Tilstandar utanfor fargeskalaen, ikkje med i samla farge: {states}.",
        # a roadmap's history (veikart history)
        "history": "Historikk",
        "changes": "Endringar",
        "history-renamed": "nytt namn: {before} → {after}",
        "history-new-id": "ny id: {before} → {after}",
        "history-absent": "ikkje med i denne utgåva",
    },
    "en": {
        "area": "Opportunity area",
        "areas": ("area", "areas"),
        "cells": ("cell", "cells"),
        "elements": ("element", "elements"),
        "question": "Question",
        "evidence": "Evidence",
        "rule": "Criterion",
        "margin": "Margin",
        "colour": "Colour",
        "because": "Because",
        "source": "Source",
        "computed": "computed",
        "uncertain": "the evidence spans two colours",
        "uncertain-label": "Uncertain",
        "inferred": "the source has no passage on this driver for this area",
        "inferred-label": "Inferred",
        "override": "colour set by judgement",
        "override-label": "Judgement",
        "printed-as": "the source prints",
        "convention": "The data set's own choice",
        "untranslated": "not translated",
        "partial": "partly",
        "of": "of",
        "to": "to",
        "above": "above",
        "status-present": "present",
        "status-partial": "partly",
        "status-missing": "missing",
        "driver": "Driver:",
        "driver-column": "Driver",
        "driver-noun": "driver",
        "evaluates": "For each area we evaluate:",
        "contents": "Contents",
        "to-matrix": "Back to the matrix",
        "criteria": "Criteria",
        "matrix": "Traffic-light matrix",
        "recommendations": "Recommendations to the municipality",
        "actors": "Local actors",
        "research-groups": "Research groups",
        "projects": "Projects",
        "lists-from": "The lists draw on section {section}.",
        "sources": "Sources",
        "sections-quoted": "sections quoted",
        "horizon": "Horizon",
        "report": "Report",
        "commissioned-by": "Commissioned by",
        "caveat-by": "The report's authors on their own assessment (section {section})",
        "section": "section {section}",
        "before": "Before",
        "after": "After",
        "why": "Why",
        "cause-evidence": "evidence changed",
        "cause-criteria": "criteria changed",
        "cause-override-added": "override added",
        "cause-override-removed": "override removed",
        "cause-override-changed": "override changed",
        "changed-colour": "changed colour",
        "added": "added",
        "removed": "removed",
        "what-if": "what-if",
        "no-change": "no cell changes colour",
        "gate-summary": "{hits} of {cells} match {conditions}",
        # the method layer: targets, composites, states, the overall colour
        "margin-up": "more to reach",
        "margin-down": "less to reach",
        "margin-closer": "closer to the target to reach",
        "margin-room": "before it falls to",
        "overall": "Overall",
        "target": "Target",
        "part": "Sub-indicator",
        "decided-by": "decided by",
        "vetoed-by": "capped by the veto of",
        "lifts": "one colour better alone lifts the overall:",
        "support": "of the weight is at this colour or better",
        "needed": "more weight needed for the next colour",
        "left-out": "not counted in the overall",
        "overall-override": "a colour set by judgement counts",
        "state": "State",
        "reason": "Reason",
        "criteria-renamed": "the colour scale was renamed; colours are compared by their place in the scale",
        "overall-changed": "overall changed",
        "deciding": "decisive",
        "combine-worst": "Overall colour: the worst colour among the drivers.",
        "combine-best": "Overall colour: the best colour among the drivers.",
        "combine-majority": "Overall colour: the colour most drivers have; a tie goes to the worse.",
        "combine-weighted": "Overall colour: the best colour that drivers with at least {majority} of the weight have, or better. Weights: {weights}.",
        "veto-note": "Veto: {driver} at {at} or worse gives at most {caps} overall.",
        "states-note": "States outside the colour scale, not counted in the overall: {states}.",
        # a roadmap's history (veikart history)
        "history": "History",
        "changes": "Changes",
        "history-renamed": "renamed: {before} → {after}",
        "history-new-id": "new id: {before} → {after}",
        "history-absent": "not in this edition",
    },
}

KEYS: tuple[str, ...] = tuple(BUILTIN["en"])
COUNTED = frozenset(key for key, value in BUILTIN["en"].items() if isinstance(value, tuple))


def fields(text: str) -> frozenset[str]:
    """The `{name}` fields of a word, which an override must keep."""
    return frozenset(name for _, name, _, _ in string.Formatter().parse(text) if name)


def word_fields(key: str) -> frozenset[str]:
    value = BUILTIN["en"][key]
    return fields(value if isinstance(value, str) else value[1])


class VocabularyError(ValueError):
    """A document was asked for in a language veikart has no words for."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.hint = hint


class Language(str):
    """A language code that carries the words of a document in that language.

    A `str`, so that `Text.get(lang)` and every comparison of codes work unchanged; the
    words travel with it, so a renderer needs no framework at hand to say "Tiltak".
    """

    words: Mapping[str, Word]

    def __new__(cls, code: str, words: Mapping[str, Word]) -> Language:  # noqa: PYI034 - typing.Self is 3.11+
        self = super().__new__(cls, code)
        self.words = words
        return self

    def word(self, key: str, **values: str) -> str:
        value = self.words[key]
        text = value if isinstance(value, str) else value[1]
        return text.format(**values) if values else text

    def counted(self, key: str, n: int) -> str:
        """'1 celle', '2 celler': the number and the form of the word that goes with it."""
        value = self.words[key]
        forms = (value, value) if isinstance(value, str) else value
        return f"{n} {forms[0] if n == 1 else forms[1]}"


def language(code: str, overrides: Mapping[str, Word] | None = None) -> Language:
    """The built-in words of `code` with the framework's own on top; an error if any is missing."""
    words = {**BUILTIN.get(code, {}), **(overrides or {})}
    missing = [key for key in KEYS if key not in words]
    if missing:
        known = ", ".join(BUILTIN)
        raise VocabularyError(
            f"veikart has no words for language '{code}' ({len(missing)} missing, e.g. '{missing[0]}')",
            f"write in one of {known} with --lang, or give every word under 'vocabulary: {code}:' "
            "in the framework file (see `veikart schema criteria`)",
        )
    return Language(code, words)
