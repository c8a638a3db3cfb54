"""Sources beyond one report: a roadmap declares the documents it quotes (`documents:`), a quote
names its document and page, the report, `explain` and the sources section say them, and a
document's text file has every quote from it checked word for word."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from conftest import ROOT, Run
from test_schema import errors, schema

from veikart_cli.app.dataset import methods

FRAMEWORK = """\
id: klimaplan
title: {{nb: Klimaplan for Fjordby, nn: Klimaplan for Fjordby, en: Fjordby climate plan}}
languages: [nb, nn, en]
scale:
  - {{id: gronn, label: {{nb: Grønn, nn: Grøn, en: Green}}, symbol: "🟢", background: "#2da44e"}}
  - {{id: rod, label: {{nb: Rød, nn: Raud, en: Red}}, symbol: "🔴", background: "#cf222e"}}
documents:
  - id: klimabudsjett-2025
    title: {title}
    publisher: Fjordby kommune
    year: 2025
    url: https://fjordby.kommune.no/klimabudsjett-2025
    text: dokumenter/klimabudsjett-2025.txt
  - id: sykkelplan
    title: Sykkelplan 2024–2030
    publisher: Fjordby kommune
    year: 2024
drivers:
  - id: behov
    name: {{nb: Behov, nn: Behov, en: Need}}
    question: {{nb: Er det satt av penger?, nn: Er det sett av pengar?, en: Is money set aside?}}
    rule:
      kind: level
      levels:
        - {{id: ja, colour: gronn, criterion: {{nb: Ja, nn: Ja, en: "Yes"}}}}
        - {{id: nei, colour: rod, criterion: {{nb: Nei, nn: Nei, en: "No"}}}}
"""

AREA = """\
id: transport
name: {{nb: Transport, nn: Transport, en: Transport}}
section: "1"
summary: {{nb: Ladepunkter., nn: Ladepunkt., en: Charging points.}}
evidence:
  behov:
    level: ja
    because: {{nb: Budsjettet har pengene., nn: Budsjettet har pengane., en: The budget has the money.}}
    sources:
      - document: {document}
        section: "3.2"
        page: "14"
        quote: "{quote}"
      - document: sykkelplan
        section: "2"
        quote: "Sykkelveien langs fjorden bygges først."
"""

TEXT = """Klimabudsjett 2025

3.2 Transport

Kommunen setter av 12 millioner
kroner til ladepunkter i 2025.
"""
QUOTE = "Kommunen setter av 12 millioner kroner til ladepunkter"


def roadmap(
    folder: Path, quote: str = QUOTE, document: str = "klimabudsjett-2025", title: str = "Klimabudsjett 2025"
) -> Path:
    (folder / "criteria").mkdir(parents=True)
    (folder / "areas").mkdir()
    (folder / "dokumenter").mkdir()
    (folder / "criteria" / "klimaplan.yaml").write_text(FRAMEWORK.format(title=title), encoding="utf-8")
    (folder / "areas" / "transport.yaml").write_text(AREA.format(document=document, quote=quote), encoding="utf-8")
    (folder / "dokumenter" / "klimabudsjett-2025.txt").write_text(TEXT, encoding="utf-8")
    return folder


def test_a_quote_from_the_municipalitys_own_budget_passes_strict(run: Run, tmp_path: Path) -> None:
    result = run("validate", "--strict", str(roadmap(tmp_path)))
    assert result.exit_code == 0, result.stderr
    assert "unknown-document" not in result.stderr


@pytest.mark.parametrize(
    ("lang", "cite"),
    [
        ("nb", "(Klimabudsjett 2025, avsnitt 3.2, s. 14)"),
        ("nn", "(Klimabudsjett 2025, avsnitt 3.2, s. 14)"),
        ("en", "(Klimabudsjett 2025, section 3.2, p. 14)"),
    ],
)
def test_the_quote_line_names_document_and_page(run: Run, tmp_path: Path, lang: str, cite: str) -> None:
    result = run("report", "--lang", lang, str(roadmap(tmp_path)))
    assert result.exit_code == 0, result.stderr
    assert f"> «{QUOTE}» {cite}" in result.stdout
    section = "section 2" if lang == "en" else "avsnitt 2"  # a bare number after a title reads as a volume's
    assert f"> «Sykkelveien langs fjorden bygges først.» (Sykkelplan 2024–2030, {section})" in result.stdout


def test_explain_names_document_and_page(run: Run, tmp_path: Path) -> None:
    result = run("explain", str(roadmap(tmp_path)), "transport", "behov")
    assert result.exit_code == 0, result.stderr
    assert f"Kilde (Klimabudsjett 2025, avsnitt 3.2, s. 14): «{QUOTE}»" in result.stdout


def test_the_sources_section_names_each_document_and_the_pages_quoted(run: Run, tmp_path: Path) -> None:
    result = run("report", str(roadmap(tmp_path)))
    sources = result.stdout.split("\n## Kilder\n", 1)[1]
    assert "- Fjordby kommune (2025). Klimabudsjett 2025. https" in sources  # a link shown as text, never live
    assert "://fjordby.kommune.no/klimabudsjett-2025\n" in sources
    assert "- Fjordby kommune (2024). Sykkelplan 2024–2030." in sources
    line = "- Transport: Klimabudsjett 2025, siterte avsnitt 3.2 (s. 14); Sykkelplan 2024–2030, siterte avsnitt 2"
    assert line in sources
    assert "siterte avsnitt Klimabudsjett" not in result.stdout


def test_the_shipped_reports_quote_lines_and_sources_are_as_before(run: Run) -> None:
    """The framework's own source is named once, at the top: its quotes cite the section alone."""
    report = (ROOT / "docs" / "trondheim-rapport.md").read_text(encoding="utf-8")
    assert "2-300 millioner per år» (4.3.1)\n" in report
    assert "\n- Foregangskommune for bærekraftige helse- og omsorgstjenester: siterte avsnitt 3.2.3, 4.3.1\n" in report


def test_a_quote_not_word_for_word_in_the_documents_text_is_a_located_error(run: Run, tmp_path: Path) -> None:
    result = run("validate", str(roadmap(tmp_path, quote="Kommunen setter av 20 millioner kroner til ladepunkter")))
    assert result.exit_code == 1
    assert "transport.yaml:10:9: error: the quote is not word for word in 'Klimabudsjett 2025'" in result.stderr
    assert "[quote-not-in-document]" in result.stderr and "  hint: " in result.stderr


def test_an_undeclared_document_is_a_warning_that_says_what_to_do(run: Run, tmp_path: Path) -> None:
    result = run("validate", "--strict", str(roadmap(tmp_path, document="klimabudsjet-2025")))
    assert result.exit_code == 1
    assert "transport.yaml:10:9: warning: document 'klimabudsjet-2025' is not declared" in result.stderr
    assert "hint: did you mean 'klimabudsjett-2025'?" in result.stderr


def test_a_documents_title_is_data_and_rendered_as_text(run: Run, tmp_path: Path) -> None:
    title = '"<script>x</script> [lenke](https://evil.example) \\e[31m @alle"'
    folder = roadmap(tmp_path, title=title)
    markdown = run("report", str(folder)).stdout
    html = run("report", "--format", "html", str(folder)).stdout
    assert "<script>" not in markdown and "](https://evil" not in markdown and "\x1b" not in markdown
    assert "<script>" not in html and "&lt;script&gt;" in html
    explained = run("explain", str(folder), "transport", "behov")
    assert "\x1b" not in explained.stdout and "Kilde " in explained.stdout


def _sources(folder: Path) -> list[dict[str, str]]:
    found = []
    for path in sorted((folder / "areas").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for evidence in data["evidence"].values():
            found += evidence.get("sources", [])
    return found


@pytest.mark.parametrize("method", sorted(methods()))
def test_every_init_method_declares_its_documents_and_cites_places_not_titles(
    run: Run, tmp_path: Path, method: str
) -> None:
    target = tmp_path / "ny"
    assert run("init", str(target), "--method", method).exit_code == 0
    assert run("validate", "--strict", str(target)).exit_code == 0
    framework = yaml.safe_load(next((target / "criteria").glob("*.yaml")).read_text(encoding="utf-8"))
    documents = [framework["source"]] if "source" in framework else []
    documents += framework.get("documents", [])
    titles, ids = {d["title"] for d in documents}, {d["id"] for d in documents}
    for source in _sources(methods()[method]):
        assert source["section"] not in titles, source
        assert not any(title in source["section"] for title in titles), source
        assert source.get("document", next(iter(ids))) in ids, source
        if "source" not in framework:  # no report of its own: every quote names its document
            assert "document" in source, source
    for doc in framework.get("documents", []):
        assert {"publisher", "year"} <= doc.keys() or {"authors", "date"} <= doc.keys(), doc
    report = run("report", str(target)).stdout
    assert not any(f"siterte avsnitt {title}" in report for title in titles)


@pytest.mark.parametrize("method", sorted(methods()))
def test_the_schemas_describe_documents_and_accept_every_method(run: Run, method: str) -> None:
    folder = methods()[method]
    criteria = schema(run, "criteria")
    assert {"documents"} <= criteria["properties"].keys()
    document = criteria["properties"]["documents"]["items"]["properties"]
    assert {"id", "title", "publisher", "year", "url", "text"} <= document.keys()
    for path in sorted((folder / "criteria").glob("*.yaml")):
        assert errors(criteria, path) == [], path
    area = schema(run, "area", str(folder))
    for path in sorted((folder / "areas").glob("*.yaml")):
        assert errors(area, path) == [], path


def test_the_caveats_page_is_shown_beside_its_section(run: Run, tmp_path: Path) -> None:
    folder = roadmap(tmp_path)
    framework = folder / "criteria" / "klimaplan.yaml"
    caveat = 'caveat: {section: "1.2", page: "3", quote: "Fargene er foreløpige."}\ndrivers:\n'
    framework.write_text(framework.read_text(encoding="utf-8").replace("drivers:\n", caveat, 1), encoding="utf-8")
    result = run("report", str(folder))
    assert result.exit_code == 0, result.stderr
    assert "(avsnitt 1.2, s. 3): «Fargene er foreløpige.»" in result.stdout
