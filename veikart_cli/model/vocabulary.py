"""The words veikart writes around a framework's labels, in bokmål, nynorsk and English, and a language
code that carries them. A framework may override any per language (`vocabulary`); a word neither has
is written in English. A word may hold `{name}` fields, which an override must keep."""

from __future__ import annotations

from collections.abc import Mapping

Word = str | tuple[str, str]  # a text, or (one, other) where it follows a count

# One row per key renderers ask for: the word in nb | nn | en, "one / other" where it follows a count.
# Comment lines say where a word appears when its key does not.
_TABLE = """
area: Mulighetsområde | Mogelegheitsområde | Opportunity area
areas: område / områder | område / område | area / areas
cells: celle / celler | celle / celler | cell / cells
elements: element / elementer | element / element | element / elements
question: Spørsmål | Spørsmål | Question
assesses: Vurderes | Vurderast | Assessed
evidence: Grunnlag | Grunnlag | Evidence
rule: Kriterium | Kriterium | Criterion
margin: Margin | Margin | Margin
colour: Farge | Farge | Colour
because: Begrunnelse | Grunngiving | Because
source: Kilde | Kjelde | Source
computed: regelen alene gir | regelen åleine gir | the rule alone gives
uncertain: grunnlaget spenner over mer enn én farge | grunnlaget spenner over meir enn éin farge | the evidence spans more than one colour
uncertain-label: Usikker | Usikker | Uncertain
inferred: kilden har ingen egen omtale av driveren for dette området | kjelda har ingen eigen omtale av drivaren for dette området | the source has no passage on this driver for this area
inferred-label: Utledet | Utleidd | Inferred
override: farge satt ved skjønn | farge sett ved skjønn | colour set by judgement
override-label: Skjønn | Skjønn | Judgement
printed-as: kilden skriver | kjelda skriv | the source prints
convention: Datasettets eget valg | Datasettet sitt eige val | The data set's own choice
untranslated: ikke oversatt | ikkje omsett | not translated
partial: delvis | delvis | partly
of: av | av | of
status-present: til stede | til stades | present
status-partial: delvis | delvis | partly
status-missing: mangler | manglar | missing
# the criteria table's corner, as in Tabell 2
driver: Driver: | Drivar: | Driver:
driver-column: Driver | Drivar | Driver
driver-noun: driver | drivar | driver
evaluates: For hvert mulighetsområde evaluerer vi: | For kvart mogelegheitsområde vurderer vi: | For each area we evaluate:
contents: Innhold | Innhald | Contents
# an explanation's link back to its cell
to-matrix: Tilbake til matrisen | Tilbake til matrisa | Back to the matrix
criteria: Kriterier | Kriterium | Criteria
matrix: Trafikklysmatrise | Trafikklysmatrise | Traffic-light matrix
recommendations: Anbefalinger til kommunen | Tilrådingar til kommunen | Recommendations to the municipality
actors: Lokale aktører | Lokale aktørar | Local actors
research-groups: Fagmiljøer | Fagmiljø | Research groups
projects: Prosjekter | Prosjekt | Projects
lists-from: Listene bygger på avsnitt {section}. | Listene byggjer på avsnitt {section}. | The lists draw on section {section}.
sources: Kilder | Kjelder | Sources
sections-quoted: siterte avsnitt | siterte avsnitt | sections quoted
horizon: Tidshorisont | Tidshorisont | Horizon
report: Rapport | Rapport | Report
commissioned-by: Oppdragsgiver | Oppdragsgjevar | Commissioned by
caveat-by: Rapportens forfattere om sin egen vurdering (avsnitt {section}) | Forfattarane av rapporten om si eiga vurdering (avsnitt {section}) | The report's authors on their own assessment (section {section})
section: avsnitt {section} | avsnitt {section} | section {section}
before: Før | Før | Before
after: Etter | Etter | After
why: Hvorfor | Kvifor | Why
cause-evidence: grunnlaget endret | grunnlaget endra | evidence changed
cause-criteria: kriteriet endret | kriteriet endra | criteria changed
cause-override-added: skjønn lagt til | skjønn lagt til | override added
cause-override-removed: skjønn fjernet | skjønn fjerna | override removed
cause-override-changed: skjønn endret | skjønn endra | override changed
changed-colour: endret farge | endra farge | changed colour
added: lagt til | lagt til | added
removed: fjernet | fjerna | removed
what-if: hva om | kva om | what-if
no-change: ingen celle endrer farge | inga celle endrar farge | no cell changes colour
gate-summary: {hits} av {cells} treffer {conditions} | {hits} av {cells} treffer {conditions} | {hits} of {cells} match {conditions}
# the method layer: targets, composites, states, the overall colour
margin-more: {amount} mer gir {colour} | {amount} meir gir {colour} | {amount} more would make it {colour}
margin-less: {amount} mindre gir {colour} | {amount} mindre gir {colour} | {amount} less would make it {colour}
margin-count-more: {amount} til gir {colour} | {amount} til gir {colour} | {amount} more would make it {colour}
margin-count-fewer: {amount} færre gir {colour} | {amount} færre gir {colour} | {amount} fewer would make it {colour}
more-than: over {amount} | over {amount} | more than {amount}
at-least: minst {amount} | minst {amount} | at least {amount}
above: over {amount} | over {amount} | over {amount}
at-most: høyst {amount} | høgst {amount} | at most {amount}
below: under {amount} | under {amount} | under {amount}
margin-closer: {amount} nærmere målet gir {colour} | {amount} nærare målet gir {colour} | {amount} closer to the target would make it {colour}
margin-farther: {amount} lenger fra målet gir {colour} | {amount} lenger frå målet gir {colour} | {amount} further from the target would make it {colour}
overall: Samlet | Samla | Overall
target: Mål | Mål | Target
part: Delindikator | Delindikator | Sub-indicator
decided-by: avgjort av | avgjort av | decided by
vetoed-by: begrenset av veto fra | avgrensa av veto frå | capped by the veto of
lifted-by: Løftes av | Løftast av | Lifted by
lifts: én farge bedre her alene gir bedre samlet farge | éin farge betre her åleine gir betre samla farge | one colour better here alone makes the overall better
weight: Vekt | Vekt | Weight
support: {share} av vekten er på {colour} eller bedre (minst {majority} trengs) | {share} av vekta er på {colour} eller betre (minst {majority} trengst) | {share} of the weight is at {colour} or better ({majority} needed)
needed: {amount} mer av vekten på {colour} eller bedre gir {colour} samlet | {amount} meir av vekta på {colour} eller betre gir {colour} samla | {amount} more of the weight at {colour} or better would make the overall {colour}
percentage-points: prosentpoeng / prosentpoeng | prosentpoeng / prosentpoeng | percentage point / percentage points
left-out: ikke med i den samlede fargen | ikkje med i den samla fargen | not counted in the overall
overall-override: fargen for {drivers} er satt ved skjønn og teller med | fargen for {drivers} er sett ved skjønn og tel med | the colour of {drivers} is set by judgement and counts
state: Status | Status | State
reason: Grunn | Grunn | Reason
criteria-renamed: fargeskalaen har fått nye navn; fargene er sammenlignet etter plass i skalaen | fargeskalaen har fått nye namn; fargane er samanlikna etter plass i skalaen | the colour scale was renamed; colours are compared by their place in the scale
overall-changed: samlet farge endret | samla farge endra | overall changed
deciding: avgjørende | avgjerande | decisive
combine-worst: Samlet farge: den verste fargen blant driverne. | Samla farge: den verste fargen blant drivarane. | Overall colour: the worst colour among the drivers.
combine-best: Samlet farge: den beste fargen blant driverne. | Samla farge: den beste fargen blant drivarane. | Overall colour: the best colour among the drivers.
combine-majority: Samlet farge: fargen flest drivere har; står to likt, teller den verste. | Samla farge: fargen flest drivarar har; står to likt, tel den verste. | Overall colour: the colour most drivers have; a tie goes to the worse.
combine-weighted: Samlet farge: den beste fargen som drivere med til sammen minst {majority} av vekten når opp til. Vekter: {weights}. | Samla farge: den beste fargen som drivarar med til saman minst {majority} av vekta når opp til. Vekter: {weights}. | Overall colour: the best colour that drivers holding at least {majority} of the weight between them reach or beat. Weights: {weights}.
combine-mean-of-worst-worse: Samlet farge: gjennomsnittet av plassene på skalaen til de {worst} verste driverne; et snitt mellom to farger går til den verste. | Samla farge: gjennomsnittet av plassane på skalaen til dei {worst} verste drivarane; eit snitt mellom to fargar går til den verste. | Overall colour: the mean of the {worst} worst drivers' places in the scale; a mean between two colours goes to the worse.
combine-mean-of-worst-better: Samlet farge: gjennomsnittet av plassene på skalaen til de {worst} verste driverne; et snitt mellom to farger går til den beste. | Samla farge: gjennomsnittet av plassane på skalaen til dei {worst} verste drivarane; eit snitt mellom to fargar går til den beste. | Overall colour: the mean of the {worst} worst drivers' places in the scale; a mean between two colours goes to the better.
veto-note: Veto: {driver} på {at} eller verre gir høyst {caps} samlet. | Veto: {driver} på {at} eller verre gir høgst {caps} samla. | Veto: {driver} at {at} or worse gives at most {caps} overall.
states-note: Tilstander utenfor fargeskalaen, ikke med i samlet farge: {states}. | Tilstandar utanfor fargeskalaen, ikkje med i samla farge: {states}. | States outside the colour scale, not counted in the overall: {states}.
reconstruction: Dette er ikke {source} selv, men en rekonstruksjon laget med veikart. | Dette er ikkje {source} sjølv, men ein rekonstruksjon laga med veikart. | This is not {source} itself but a reconstruction made with veikart.
reconstruction-parts: Sitatene er kildens egne ord; fargene og teksten rundt dem er datasettets. | Sitata er orda til kjelda; fargane og teksten rundt dei er datasettet sine. | The quotes are the source's own words; the colours and the text around them are the data set's.
months: januar februar mars april mai juni juli august september oktober november desember | januar februar mars april mai juni juli august september oktober november desember | January February March April May June July August September October November December
date: {day}. {month} {year} | {day}. {month} {year} | {day} {month} {year}
# a roadmap's history (veikart history)
history: Historikk | Historikk | History
changes: Endringer | Endringar | Changes
history-renamed: nytt navn: {before} → {after} | nytt namn: {before} → {after} | renamed: {before} → {after}
history-new-id: ny id: {before} → {after} | ny id: {before} → {after} | new id: {before} → {after}
history-absent: ikke med i denne utgaven | ikkje med i denne utgåva | not in this edition
# the documents a roadmap quotes: a quote's page, the sources section
on-page: s. {page} | s. {page} | p. {page}
# indicator series and trends (model/series.py, engine/rules.py)
trend: Trend | Trend | Trend
trend-values: Brukte verdier | Brukte verdiar | Values used
trend-observed: Observert endring per år | Observert endring per år | Observed change per year
trend-needed: Nødvendig endring per år for å nå {target} innen {year} | Naudsynt endring per år for å nå {target} innan {year} | Change per year needed to reach {target} by {year}
trend-ratio: Forholdet mellom observert og nødvendig endring | Forholdet mellom observert og naudsynt endring | Ratio of observed to needed change
trend-reached: Målet er nådd | Målet er nådd | The target is reached
trend-too-few: For få verdier de siste {years} årene til å vise en trend | For få verdiar dei siste {years} åra til å vise ein trend | Too few values in the last {years} years to show a trend
trend-combined: fra trendene til {inputs} | frå trendane til {inputs} | from the trends of {inputs}
year-note: Året i en celle er året verdien er fra | Året i ei celle er året verdien er frå | The year in a cell is the year its value is from
stale: eldre enn {years} år | eldre enn {years} år | older than {years} years
series-first: første verdi er fra {when} | første verdien er frå {when} | the first value is from {when}
"""


def _word(text: str) -> Word:
    one, _, other = text.partition(" / ")
    return (one, other) if other else one


_ROWS = [line.partition(": ") for line in _TABLE.splitlines() if line and not line.startswith("#")]
_WORDS = {key: [_word(text) for text in words.split(" | ")] for key, _, words in _ROWS}
BUILTIN: dict[str, dict[str, Word]] = {
    code: {key: row[i] for key, row in _WORDS.items()} for i, code in enumerate(("nb", "nn", "en"))
}
KEYS: tuple[str, ...] = tuple(_WORDS)
COUNTED = frozenset(key for key, row in _WORDS.items() if isinstance(row[2], tuple))


def fields(text: str) -> frozenset[str]:
    """The `{name}` fields of a word, which an override must keep."""
    import string  # only for a framework's own words: `string` costs more to import than this module

    return frozenset(name for _, name, _, _ in string.Formatter().parse(text) if name)


def word_fields(key: str) -> frozenset[str]:
    value = BUILTIN["en"][key]
    return fields(value if isinstance(value, str) else value[1])


class Language(str):
    """A language code (a `str`, so every comparison of codes works) that carries the words of a
    document in that language, so a renderer needs no framework at hand to say "Tiltak"."""

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
    """The built-in words of `code` with the framework's own on top; English for a word neither gives."""
    return Language(code, {**BUILTIN["en"], **BUILTIN.get(code, {}), **(overrides or {})})


def missing(code: str, overrides: Mapping[str, Word]) -> list[str]:
    """The keys neither veikart nor the framework has a word for in `code`."""
    return [key for key in KEYS if key not in BUILTIN.get(code, {}) and key not in overrides]


def template(code: str, start: str = "en") -> str:
    """A framework's `vocabulary:` section for `code` with every word as `start` has it, for a translator."""

    def quoted(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    lines = ["vocabulary:", f"  {code}:"]
    for key in KEYS:
        value = BUILTIN.get(code, {}).get(key, BUILTIN[start][key])
        word = quoted(value) if isinstance(value, str) else f"{{one: {quoted(value[0])}, other: {quoted(value[1])}}}"
        lines.append(f"    {key}: {word}")
    return "\n".join(lines) + "\n"
