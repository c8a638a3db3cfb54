"""The shipped data set: SINTEF report 2021:00617, seven areas × four drivers, quotes verbatim."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT, SEED

from veikart_cli.app.dataset import find_inputs, load_dataset
from veikart_cli.model.types import DataSet, LevelRule, Source
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
