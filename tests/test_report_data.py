"""The shipped data set: SINTEF report 2021:00617, seven areas × four drivers, quotes verbatim."""

from __future__ import annotations

import pytest
from conftest import ROOT, SEED

from veikart_cli.app.dataset import find_inputs, load_dataset
from veikart_cli.model.types import DataSet
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
    """The report's text as a reader sees it: the '*' around italics and bold are the PDF
    conversion's markup, not the authors' words, so quotes leave them out."""
    return _normalise(SEED.read_text(encoding="utf-8").replace("*", ""))


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


@pytest.mark.skipif(not SEED.exists(), reason=f"the report text is not at {SEED}")
def test_criterion_texts_are_tabell_2_verbatim(dataset: DataSet) -> None:
    tabell_2 = _normalise(SEED.read_text(encoding="utf-8").split("Tabell 2: Kriterier")[1].split("Vår evaluering")[0])
    for driver in dataset.framework.drivers:
        rule = driver.rule
        items = rule.levels if hasattr(rule, "levels") else rule.bands  # type: ignore[union-attr]
        for item in (*items, driver):
            text = item.question if item is driver else item.criterion  # type: ignore[union-attr]
            assert _normalise(text.get("nb")) in tabell_2
        assert driver.name.get("nb") in tabell_2
