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
        "assesses": "Vurderes",
        "evidence": "Grunnlag",
        "rule": "Kriterium",
        "margin": "Margin",
        "colour": "Farge",
        "because": "Begrunnelse",
        "source": "Kilde",
        "computed": "regelen alene gir",
        "uncertain": "grunnlaget spenner over mer enn én farge",
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
        "margin-more": "{amount} mer gir {colour}",
        "margin-less": "{amount} mindre gir {colour}",
        "margin-count-more": "{amount} til gir {colour}",
        "margin-count-fewer": "{amount} færre gir {colour}",
        "more-than": "mer enn {amount}",
        "margin-closer": "{amount} nærmere målet gir {colour}",
        "margin-farther": "{amount} lenger fra målet gir {colour}",
        "overall": "Samlet",
        "target": "Mål",
        "part": "Delindikator",
        "decided-by": "avgjort av",
        "vetoed-by": "begrenset av veto fra",
        "lifted-by": "Løftes av",
        "lifts": "én farge bedre her alene gir bedre samlet farge",
        "weight": "Vekt",
        "support": "{share} av vekten har {colour} eller bedre (minst {majority} trengs)",
        "needed": "{amount} mer av vekten på {colour} eller bedre gir {colour} samlet",
        "percentage-points": "prosentpoeng",
        "left-out": "ikke med i den samlede fargen",
        "overall-override": "fargen for {drivers} er satt ved skjønn og teller med",
        "state": "Status",
        "reason": "Grunn",
        "criteria-renamed": "fargeskalaen har fått nye navn; fargene er sammenlignet etter plass i skalaen",
        "overall-changed": "samlet farge endret",
        "deciding": "avgjørende",
        "combine-worst": "Samlet farge: den verste fargen blant driverne.",
        "combine-best": "Samlet farge: den beste fargen blant driverne.",
        "combine-majority": "Samlet farge: fargen flest drivere har; står to likt, teller den verste.",
        "combine-weighted": "Samlet farge: den beste fargen som drivere med til sammen minst {majority} av vekten når opp til. Vekter: {weights}.",
        "veto-note": "Veto: {driver} på {at} eller verre gir høyst {caps} samlet.",
        "states-note": "Tilstander utenfor fargeskalaen, ikke med i samlet farge: {states}.",
        "reconstruction": "Dette er ikke {source} selv, men en rekonstruksjon laget med veikart.",
        "reconstruction-parts": "Sitatene er kildens egne ord; fargene og teksten rundt dem er datasettets.",
        "months": "januar februar mars april mai juni juli august september oktober november desember",
        "date": "{day}. {month} {year}",
        # a roadmap's history (veikart history)
        "history": "Historikk",
        "changes": "Endringer",
        "history-renamed": "nytt navn: {before} → {after}",
        "history-new-id": "ny id: {before} → {after}",
        "history-absent": "ikke med i denne utgaven",
        # the documents a roadmap quotes: a quote's page, the sources section
        "on-page": "s. {page}",
        # indicator series and trends (model/series.py, engine/trends.py)
        "trend": "Trend",
        "trend-values": "Verdier brukt",
        "trend-observed": "Observert endring per år",
        "trend-needed": "Nødvendig endring per år for å nå {target} innen {year}",
        "trend-ratio": "Observert ÷ nødvendig",
        "trend-reached": "målet er nådd",
        "trend-too-few": "for få verdier i vinduet på {years} år",
        "trend-combined": "fra trendene til {inputs}",
        "year-note": "Året i en celle er året verdien er fra",
        "stale": "eldre enn {years} år",
        "series-first": "første verdi er fra {when}",
    },
    "nn": {
        "area": "Mogelegheitsområde",
        "areas": ("område", "område"),
        "cells": ("celle", "celler"),
        "elements": ("element", "element"),
        "question": "Spørsmål",
        "assesses": "Vurderast",
        "evidence": "Grunnlag",
        "rule": "Kriterium",
        "margin": "Margin",
        "colour": "Farge",
        "because": "Grunngiving",
        "source": "Kjelde",
        "computed": "regelen åleine gir",
        "uncertain": "grunnlaget spenner over meir enn éin farge",
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
        "margin-more": "{amount} meir gir {colour}",
        "margin-less": "{amount} mindre gir {colour}",
        "margin-count-more": "{amount} til gir {colour}",
        "margin-count-fewer": "{amount} færre gir {colour}",
        "more-than": "meir enn {amount}",
        "margin-closer": "{amount} nærare målet gir {colour}",
        "margin-farther": "{amount} lenger frå målet gir {colour}",
        "overall": "Samla",
        "target": "Mål",
        "part": "Delindikator",
        "decided-by": "avgjort av",
        "vetoed-by": "avgrensa av veto frå",
        "lifted-by": "Løftast av",
        "lifts": "éin farge betre her åleine gir betre samla farge",
        "weight": "Vekt",
        "support": "{share} av vekta har {colour} eller betre (minst {majority} trengst)",
        "needed": "{amount} meir av vekta på {colour} eller betre gir {colour} samla",
        "percentage-points": "prosentpoeng",
        "left-out": "ikkje med i den samla fargen",
        "overall-override": "fargen for {drivers} er sett ved skjønn og tel med",
        "state": "Status",
        "reason": "Grunn",
        "criteria-renamed": "fargeskalaen har fått nye namn; fargane er samanlikna etter plass i skalaen",
        "overall-changed": "samla farge endra",
        "deciding": "avgjerande",
        "combine-worst": "Samla farge: den verste fargen blant drivarane.",
        "combine-best": "Samla farge: den beste fargen blant drivarane.",
        "combine-majority": "Samla farge: fargen flest drivarar har; står to likt, tel den verste.",
        "combine-weighted": "Samla farge: den beste fargen som drivarar med til saman minst {majority} av vekta når opp til. Vekter: {weights}.",
        "veto-note": "Veto: {driver} på {at} eller verre gir høgst {caps} samla.",
        "states-note": "Tilstandar utanfor fargeskalaen, ikkje med i samla farge: {states}.",
        "reconstruction": "Dette er ikkje {source} sjølv, men ein rekonstruksjon laga med veikart.",
        "reconstruction-parts": "Sitata er orda til kjelda; fargane og teksten rundt dei er datasettet sine.",
        "months": "januar februar mars april mai juni juli august september oktober november desember",
        "date": "{day}. {month} {year}",
        # a roadmap's history (veikart history)
        "history": "Historikk",
        "changes": "Endringar",
        "history-renamed": "nytt namn: {before} → {after}",
        "history-new-id": "ny id: {before} → {after}",
        "history-absent": "ikkje med i denne utgåva",
        # the documents a roadmap quotes: a quote's page, the sources section
        "on-page": "s. {page}",
        # indicator series and trends (model/series.py, engine/trends.py)
        "trend": "Trend",
        "trend-values": "Verdiar brukte",
        "trend-observed": "Observert endring per år",
        "trend-needed": "Naudsynt endring per år for å nå {target} innan {year}",
        "trend-ratio": "Observert ÷ naudsynt",
        "trend-reached": "målet er nådd",
        "trend-too-few": "for få verdiar i vindauget på {years} år",
        "trend-combined": "frå trendane til {inputs}",
        "year-note": "Året i ei celle er året verdien er frå",
        "stale": "eldre enn {years} år",
        "series-first": "første verdien er frå {when}",
    },
    "en": {
        "area": "Opportunity area",
        "areas": ("area", "areas"),
        "cells": ("cell", "cells"),
        "elements": ("element", "elements"),
        "question": "Question",
        "assesses": "Assessed",
        "evidence": "Evidence",
        "rule": "Criterion",
        "margin": "Margin",
        "colour": "Colour",
        "because": "Because",
        "source": "Source",
        "computed": "the rule alone gives",
        "uncertain": "the evidence spans more than one colour",
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
        "margin-more": "{amount} more would make it {colour}",
        "margin-less": "{amount} less would make it {colour}",
        "margin-count-more": "{amount} more would make it {colour}",
        "margin-count-fewer": "{amount} fewer would make it {colour}",
        "more-than": "more than {amount}",
        "margin-closer": "{amount} closer to the target would make it {colour}",
        "margin-farther": "{amount} further from the target would make it {colour}",
        "overall": "Overall",
        "target": "Target",
        "part": "Sub-indicator",
        "decided-by": "decided by",
        "vetoed-by": "capped by the veto of",
        "lifted-by": "Lifted by",
        "lifts": "one colour better here alone makes the overall better",
        "weight": "Weight",
        "support": "{share} of the weight is at {colour} or better ({majority} needed)",
        "needed": "{amount} more of the weight at {colour} or better would make the overall {colour}",
        "percentage-points": "percentage points",
        "left-out": "not counted in the overall",
        "overall-override": "the colour of {drivers} is set by judgement and counts",
        "state": "State",
        "reason": "Reason",
        "criteria-renamed": "the colour scale was renamed; colours are compared by their place in the scale",
        "overall-changed": "overall changed",
        "deciding": "decisive",
        "combine-worst": "Overall colour: the worst colour among the drivers.",
        "combine-best": "Overall colour: the best colour among the drivers.",
        "combine-majority": "Overall colour: the colour most drivers have; a tie goes to the worse.",
        "combine-weighted": "Overall colour: the best colour that drivers holding at least {majority} of the weight between them reach or beat. Weights: {weights}.",
        "veto-note": "Veto: {driver} at {at} or worse gives at most {caps} overall.",
        "states-note": "States outside the colour scale, not counted in the overall: {states}.",
        "reconstruction": "This is not {source} itself but a reconstruction made with veikart.",
        "reconstruction-parts": "The quotes are the source's own words; the colours and the text around them are the data set's.",
        "months": "January February March April May June July August September October November December",
        "date": "{day} {month} {year}",
        # a roadmap's history (veikart history)
        "history": "History",
        "changes": "Changes",
        "history-renamed": "renamed: {before} → {after}",
        "history-new-id": "new id: {before} → {after}",
        "history-absent": "not in this edition",
        # the documents a roadmap quotes: a quote's page, the sources section
        "on-page": "p. {page}",
        # indicator series and trends (model/series.py, engine/trends.py)
        "trend": "Trend",
        "trend-values": "Values used",
        "trend-observed": "Observed change per year",
        "trend-needed": "Change per year needed to reach {target} by {year}",
        "trend-ratio": "Observed ÷ needed",
        "trend-reached": "the target is reached",
        "trend-too-few": "too few values in the {years}-year window",
        "trend-combined": "from the trends of {inputs}",
        "year-note": "The year in a cell is the year its value is from",
        "stale": "older than {years} years",
        "series-first": "the first value is from {when}",
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


def word_list() -> str:
    """The README's list of the words a framework may override: key, then the built-in word in
    each language ('one / other' where it follows a count). tests/test_words.py keeps the README
    equal to it."""

    def cell(value: Word) -> str:
        text = value if isinstance(value, str) else " / ".join(value)
        return text.replace("|", "\\|")

    codes = list(BUILTIN)
    lines = ["| key | " + " | ".join(f"`{code}`" for code in codes) + " |", "|---" * (len(codes) + 1) + "|"]
    lines += [f"| `{key}` | " + " | ".join(cell(BUILTIN[c][key]) for c in codes) + " |" for key in KEYS]
    return "\n".join(lines) + "\n"


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
    """The built-in words of `code` with the framework's own on top. A word neither gives is
    written in English: validation warns of each language that lacks some (missing-vocabulary)."""
    return Language(code, {**BUILTIN["en"], **BUILTIN.get(code, {}), **(overrides or {})})


def missing(code: str, overrides: Mapping[str, Word]) -> list[str]:
    """The keys neither veikart nor the framework has a word for in `code`."""
    return [key for key in KEYS if key not in BUILTIN.get(code, {}) and key not in overrides]


def template(code: str, start: str = "en") -> str:
    """A framework's `vocabulary:` section for `code`, every word veikart writes, as `start`
    has it: the file a translator fills in. YAML, every text quoted."""

    def quoted(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    lines = ["vocabulary:", f"  {code}:"]
    for key in KEYS:
        value = BUILTIN.get(code, {}).get(key, BUILTIN[start][key])
        if isinstance(value, str):
            lines.append(f"    {key}: {quoted(value)}")
        else:
            lines.append(f"    {key}: {{one: {quoted(value[0])}, other: {quoted(value[1])}}}")
    return "\n".join(lines) + "\n"
