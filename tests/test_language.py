"""A document is in one language (issue 13): outside quotes, a Norwegian document has no
English sentence and an English one no Norwegian.

The check is deliberately simple, so that it is easy to trust: take away what may be in
any language — quotations («…», "…"), the names of people, places, organisations
and documents that the data set lists — and look, line by line, for small words that occur
in running text of one language and not the other ("the", "and", "which"; "og", "ikke",
"som"). A sentence cannot be written without them; a name or a number never trips them.
"""

from __future__ import annotations

import re

import pytest
from conftest import ROOT, Run

from veikart_cli.app.dataset import find_inputs, load_dataset
from veikart_cli.model.evidence import DataSet
from veikart_cli.problems import Problems

# Function words of running text, none of which is also a word of the other language.
ENGLISH = """the and of is are was were with this that these those which from not be been has have had
its it by an or than there their would could should only also but into when where what who does do why
each our we"""
NORWEGIAN = """og ikke er som det med av på fra eller men også ved vi seg sin mot denne dette være blir skal
bare hvor hvis når noen enn gjennom fordi mellom etter uten"""
MARKERS = {"en": frozenset(ENGLISH.split()), "nb": frozenset(NORWEGIAN.split())}
OTHER = {"nb": "en", "en": "nb"}

_QUOTED = re.compile(r'«[^»]*»|"[^"]*"|“[^”]*”')  # Norwegian and English quotation marks
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


@pytest.fixture(scope="module")
def names() -> list[str]:
    """Every name the data set lists: it is the same in every language."""
    problems = Problems()
    dataset: DataSet | None = load_dataset(find_inputs([ROOT], problems), ROOT, problems)
    assert dataset is not None
    found: set[str] = set()
    source = dataset.framework.source
    if source:
        found |= {source.title, source.publisher, source.commissioned_by, *source.authors}
    for area in dataset.areas:
        found |= {*area.actors, *area.research_groups, *area.projects}
        for evidence in area.evidence:
            value = evidence.value
            found |= {actor for item in getattr(value, "items", ()) for actor in item.actors}
    return sorted((n for n in found if n), key=len, reverse=True)  # longest first: a name inside a name


def foreign_lines(text: str, lang: str, names: list[str]) -> list[str]:
    """Lines that, outside quotes and names, hold a function word of the other language."""
    markers = MARKERS[OTHER[lang]]
    found = []
    for line in text.replace("\\", "").splitlines():
        if line.startswith(">"):  # a block quote: the source's words
            continue
        rest = line
        for name in names:  # first: a name may hold a quote, «Building Health»
            rest = rest.replace(name, " ")
        rest = _QUOTED.sub(" ", rest)
        hits = sorted({w for w in _WORD.findall(rest.casefold()) if w in markers})
        if hits:
            found.append(f"{hits}: {line.strip()[:160]}")
    return found


COMMANDS = [("report",), ("score", "--format", "markdown"), ("criteria", "--format", "markdown")]


@pytest.mark.parametrize("lang", ["nb", "en"])
@pytest.mark.parametrize("command", COMMANDS, ids=[" ".join(c) for c in COMMANDS])
def test_a_document_has_no_sentence_of_the_other_language_outside_quotes(
    run: Run, names: list[str], command: tuple[str, ...], lang: str
) -> None:
    result = run(*command, "--lang", lang)
    assert result.exit_code == 0, result.stderr
    assert foreign_lines(result.stdout, lang, names) == []


def test_the_check_sees_a_sentence_of_the_other_language_and_not_a_quote_or_a_name(names: list[str]) -> None:
    assert foreign_lines("**Begrunnelse:** The report gives no figure.", "nb", names)
    assert foreign_lines("**Because:** Rapporten gir ikke noe tall.", "en", names)
    assert not foreign_lines("> «Det er ikke beregnet» (4.3.2)", "en", names)
    assert not foreign_lines("**Source 4.3.2:** «Besparelsene fra dette er ikke beregnet i detalj»", "en", names)
    assert not foreign_lines(
        "- NTNU, Fakultet for medisin og helsevitenskap, Institutt for samfunnsmedisin og sykepleie", "en", names
    )
