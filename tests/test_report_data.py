"""The shipped data set: SINTEF report 2021:00617, seven areas × four drivers, quotes verbatim."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT, SEED

from veikart_cli.app.dataset import find_inputs, load_dataset
from veikart_cli.model.evidence import DataSet
from veikart_cli.model.types import LevelRule, Source
from veikart_cli.problems import Problems


@pytest.fixture(scope="module")
def dataset() -> DataSet:
    problems = Problems()
    data = load_dataset(find_inputs([ROOT], problems), ROOT, problems)
    assert problems.items == [], [str(p) for p in problems.items]  # not even a warning
    assert data is not None
    return data


def test_seven_areas_of_section_4_3_with_every_driver(dataset: DataSet) -> None:
    assert [a.section for a in dataset.areas] == [f"4.3.{i}" for i in range(1, 8)]
    assert [d.id for d in dataset.framework.drivers] == ["verdiskaping", "lokale-behov", "lokale-fortrinn", "terskel"]
    for area in dataset.areas:
        assert {e.driver for e in area.evidence} == {d.id for d in dataset.framework.drivers}
        assert all(e.sources for e in area.evidence)
        assert area.recommendations and area.actors and area.research_groups and area.projects


def test_names_from_both_the_headings_and_the_4_2_list_are_known(dataset: DataSet) -> None:
    names = {n for a in dataset.areas for n in (*(v for _, v in a.name.values), *a.aliases)}
    assert {"Digitale hjemmetjenester", "Digital hjemme-oppfølgning"} <= names


def _normalise(text: str) -> str:
    return " ".join(text.split())


def _report_words() -> str:
    """The report's text as a reader sees it: the '*' around italics and bold, and the
    '<i>…</i>' of one table cell (with the space it leaves before a comma), are the PDF
    conversion's markup, not the authors' words, so quotes leave them out."""
    text = SEED.read_text(encoding="utf-8").replace("*", "")
    text = re.sub(r"</i>\s+(?=[,.;:])", "", text)
    return _normalise(re.sub(r"</?i>", "", text))


@pytest.mark.skipif(not SEED.exists(), reason=f"the report text is not at {SEED}")
def test_every_quote_appears_word_for_word_in_the_report(dataset: DataSet) -> None:
    report = _report_words()
    missing = [
        f"{s.loc}: {s.quote}"
        for a in dataset.areas
        for e in a.evidence
        for s in e.sources
        if _normalise(s.quote) not in report
    ]
    assert missing == []


def test_no_quote_keeps_the_pdf_conversions_emphasis_marks(dataset: DataSet) -> None:
    marked = [f"{s.loc}: {s.quote}" for a in dataset.areas for e in a.evidence for s in e.sources if "*" in s.quote]
    assert marked == []


def _framework_quotes(dataset: DataSet) -> list[Source]:
    """The framework's own quotes: the authors' caveat and the report's method descriptions."""
    framework = dataset.framework
    quotes = [framework.caveat] if framework.caveat else []
    if framework.methods:
        quotes += [m.quote for g in framework.methods.groups for m in g.methods if m.quote]
    return quotes


@pytest.mark.skipif(not SEED.exists(), reason=f"the report text is not at {SEED}")
def test_the_caveat_and_every_method_quote_are_the_reports_words(dataset: DataSet) -> None:
    report = _report_words()
    quotes = _framework_quotes(dataset)
    assert dataset.framework.caveat is not None and len(quotes) > 30
    assert [f"{q.loc}: {q.quote}" for q in quotes if _normalise(q.quote) not in report] == []
    assert [f"{q.loc}: {q.quote}" for q in quotes if "*" in q.quote or "<" in q.quote] == []


def test_chapter_5_methods_in_its_four_groups(dataset: DataSet) -> None:
    methods = dataset.framework.methods
    assert methods is not None and methods.section == "5"
    assert [(g.section, g.name.get("nb")) for g in methods.groups] == [
        ("5.2", "Kunnskapsbygging og rekruttering"),
        ("5.3", "Innovasjon"),
        ("5.4", "Kompetanse og FoU"),
        ("5.5", "Samhandling"),
    ]
    assert [len(g.methods) for g in methods.groups] == [8, 13, 11, 5]  # the rows of the report's tables


@pytest.mark.skipif(not SEED.exists(), reason=f"the report text is not at {SEED}")
def test_criterion_texts_are_tabell_2_verbatim(dataset: DataSet) -> None:
    """Each criterion is Tabell 2's text or, where Tabell 2 misprints, corrected with the
    printed text kept beside it; a correction changes only single words."""
    tabell_2 = _normalise(SEED.read_text(encoding="utf-8").split("Tabell 2: Kriterier")[1].split("Vår evaluering")[0])
    for driver in dataset.framework.drivers:
        rule = driver.rule
        items = rule.levels if isinstance(rule, LevelRule) else rule.bands
        texts = [(item.criterion.get("nb"), item.printed) for item in items]
        texts.append((driver.question.get("nb"), driver.question_printed))
        for text, printed in texts:
            assert _normalise(printed or text) in tabell_2
            if printed:
                assert text != printed and len(text.split()) == len(printed.split())
        assert driver.name.get("nb") in tabell_2


# --- Issue 23 §4: the data set re-read against the report --------------------------------------

# Every cell, as this data set reads the report ('!' = set by judgement). A colour change must
# change this table, and its commit must say why.
COLOURS = {
    "foregangskommune": ["yellow", "yellow", "yellow", "yellow"],
    "digitale-hjemmetjenester": ["yellow!", "green", "yellow", "red"],
    "helsedata-persontilpasset-medisin": ["yellow/red", "red", "yellow", "red"],
    "helsedata-ressurseffektiv-tjeneste": ["yellow/red", "yellow", "yellow", "yellow"],
    "grunnforskning": ["yellow!", "yellow", "yellow", "yellow/red"],
    "inkluderende-fellesskap": ["red!", "green", "yellow", "green"],
    "sammenhengende-innbyggertjenester": ["yellow!", "green", "yellow", "yellow"],
}


def test_every_cell_has_the_colour_this_data_set_argues_for(dataset: DataSet) -> None:
    from veikart_cli.engine.scoring import score

    matrix = score(dataset.framework, dataset.areas)
    found = {
        area.id: ["/".join(cell.colours) + ("!" if cell.override else "") for cell in row] for area, row in matrix.rows
    }
    assert found == COLOURS


def test_an_amount_with_only_a_floor_is_bounded_by_judgement(dataset: DataSet) -> None:
    """The framework's convention: «minst 100 millioner/år» is not open upwards (4.3.2 was green/yellow)."""
    from veikart_cli.model.evidence import AmountEvidence

    open_ended = [
        (a.id, e)
        for a in dataset.areas
        for e in a.evidence
        if isinstance(e.value, AmountEvidence) and e.value.high is None
    ]
    assert [a for a, _ in open_ended] == ["digitale-hjemmetjenester"]
    assert all(e.override is not None for _, e in open_ended)
    conventions = " ".join(c.get("nb") for c in dataset.framework.conventions)
    assert "«minst»" in conventions and "3,1 mrd" in conventions
    assert "innsparing i kommunens eget budsjett" in conventions  # the savings-versus-market rule


def _area(dataset: DataSet, area_id: str):  # type: ignore[no-untyped-def]
    return next(a for a in dataset.areas if a.id == area_id)


def _evidence(dataset: DataSet, area_id: str, driver: str):  # type: ignore[no-untyped-def]
    return next(e for e in _area(dataset, area_id).evidence if e.driver == driver)


def test_quotes_are_not_cut_where_they_turn_against_the_colour(dataset: DataSet) -> None:
    behov = _evidence(dataset, "digitale-hjemmetjenester", "lokale-behov")
    assert any("overordnede intensjoner" in s.quote for s in behov.sources)  # the words 4.3.4 refuses green with
    gul = _evidence(dataset, "foregangskommune", "lokale-behov")
    assert any(s.quote.startswith("Det er forståelse i kommunen for at budsjetter") for s in gul.sources)
    terskel = _evidence(dataset, "grunnforskning", "terskel")
    assert any("det tar tid fra grunnforskning" in s.quote for s in terskel.sources)


def _data_text() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "criteria").glob("*.yaml"))) + "\n".join(
        p.read_text(encoding="utf-8") for p in sorted((ROOT / "areas").glob("*.yaml"))
    )


def test_the_texts_keep_the_reports_hedges_and_plain_norwegian() -> None:
    text = _normalise(_data_text())
    slips = [
        "betyr ikke at",  # the report: «trenger ikke … bety»
        "betyr her ikke",
        "does not mean",
        "lokale tiltak ikke kan",  # the report: «uten at lokale tiltak nødvendigvis vil kunne»
        "cannot remove",
        "kan trenge 5–10 år",  # the report: «opp mot 5-10 år»
        "tidshorisont på 5–10 år",
        "may need 5–10 years",
        "gulv uten tak",
        "floor with no ceiling",
        "ikke kjenner",
        "does not know",
        "spenner over grensen",
        "span the edge",
        "span the yellow/green edge",
        "levende laboratorier",
        "i NTNU",
        "ble innført",  # Helseplattformen was not yet in use in 2021
        "Kapittel 3 viser",  # the regional plan is in 2.3
        "utelukker rød,",
        "mellom gul og grønn",
        "mer enn gul tillater",
        "går rød foran",
        "14 mrd for",  # 14 mrd and 3,4 mrd are per one per cent
        "skjøn ",
        "skjøn.",
        "Møteplass mellom",
        "Partnermøter",
        "&#8203;",
    ]
    assert [s for s in slips if s in text] == []
    assert "opp mot 5–10 år" in text and "up to 5–10 years" in text


CHAPTER_5_MISPRINTS = {  # the report's name → the name as this data set spells it
    "Offentlig ph.d": "Offentlig ph.d.",
    "læreinstusjoner": "læreinstitusjoner",
    "Post-doc “innovasjon”": "Postdoc «innovasjon»",
    "Innovasjonsevne i kommune\t": "Innovasjonsevne i kommunen\t",
    "Strømningjeforme": "Strømlinjeforme",
    "helse-logistikk": "helselogistikk",
    "Fremtidslab'en": "Fremtidslaben",
}


@pytest.mark.skipif(not SEED.exists(), reason=f"the report text is not at {SEED}")
def test_chapter_5_methods_carry_the_reports_own_names_and_descriptions(dataset: DataSet) -> None:
    chapter = SEED.read_text(encoding="utf-8").split("\n5.2 Kunnskapsbygging")[1].split("\n6 VEDLEGG")[0]
    for printed, corrected in CHAPTER_5_MISPRINTS.items():
        assert printed in chapter
        chapter = chapter.replace(printed, corrected)
    names = {line.split("\t")[0] for line in chapter.splitlines() if "\t" in line} - {"Metode/arbeidsform"}
    methods = dataset.framework.methods
    assert methods is not None
    ours = [_normalise(m.name.get("nb")) for g in methods.groups for m in g.methods]
    assert sorted(ours) == sorted(names)
    assert [m.name.get("nb") for g in methods.groups for m in g.methods if m.quote is None] == []


def test_the_committed_report_holds_no_invisible_entities_in_quotes() -> None:
    report = (ROOT / "docs" / "trondheim-rapport.md").read_text(encoding="utf-8")
    assert "&#8203;" not in report
