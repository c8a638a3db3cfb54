"""report, HTML, the criteria formats, --check and strict overrides (issue 4)."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, Run, assert_golden

from veikart_cli.render.document import Anchors, contrast
from veikart_cli.render.sanitize import markdown_inline as inline


def tokens(markdown: str) -> list:  # type: ignore[type-arg]
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table").parse(markdown)


def headings(markdown: str) -> list[tuple[int, str]]:
    toks = tokens(markdown)
    return [(int(t.tag[1]), toks[i + 1].content) for i, t in enumerate(toks) if t.type == "heading_open"]


def github_slug(text: str) -> str:
    """GitHub's heading ids, written independently of Anchors: drop punctuation, spaces → '-'."""
    return re.sub(r"[^\w\- ]", "", text.lower()).replace(" ", "-")


def parse_html(page: str) -> ET.Element:
    """Strict: the page must be well-formed, or this raises."""
    assert page.startswith("<!DOCTYPE html>\n")
    return ET.fromstring(page.removeprefix("<!DOCTYPE html>\n"))


def test_report_markdown_is_golden_with_headings_tables_and_working_links(run: Run) -> None:
    result = run("report")
    assert result.exit_code == 0, result.stderr
    # the committed report is the golden file: it must be what `report` writes today
    assert result.stdout == (ROOT / "docs" / "trondheim-rapport.md").read_text(encoding="utf-8")
    found = headings(result.stdout)
    assert found[0] == (1, "Veikart for Trondheim kommune på helseområdet")
    titles = [text for level, text in found if level == 2]
    assert titles[:3] == ["Innhold", "Kriterier", "Trafikklysmatrise"] and titles[-1] == "Kilder"
    assert "4.3.5 Grunnforskning" in titles and len(titles) == 3 + 7 + 1 + 1  # + chapter 5's methods
    assert titles[-2] == "5 Arbeidsformer og metoder"
    assert sum(t.type == "table_open" for t in tokens(result.stdout)) == 2
    # every contents link points at a heading id GitHub makes (repeats numbered -1, -2, …)
    ids: list[str] = []
    for _, text in found:
        slug = github_slug(text)
        ids.append(slug if slug not in ids else f"{slug}-{sum(i == slug or i.startswith(slug + '-') for i in ids)}")
    links = re.findall(r"\]\(#([^)]+)\)", result.stdout)
    assert len(links) == 3 + 7 + 1 and set(links) <= set(ids)
    assert "431-foregangskommune-for-bærekraftige-helse--og-omsorgstjenester" in links


def test_report_holds_each_areas_evidence_recommendations_and_quotes(run: Run) -> None:
    text = run("report", "--lang", "en").stdout
    section = text.split("## 4.3.2 ")[1].split("\n## ")[0]
    assert section.count("\n### ") == 4 + 4  # four drivers, then the four lists
    for heading in ("### Recommendations to the municipality", "### Local actors", "### Research groups"):
        assert heading in section
    # "minst 100 millioner/år" has no ceiling of its own: the colour is set by judgement
    assert "**Colour:** 🟡 Yellow" in section and "(the rule alone gives 🟢 Green / 🟡 Yellow)" in section
    assert "> «Besparelsene fra dette er ikke beregnet i detalj" in section
    assert "**Margin:** 700 MNOK more would make it 🟢 Green" in text.split("## 4.3.1 ")[1].split("\n## ")[0]
    assert "Strisland" in text.split("## Sources")[1]


def test_anchors_number_repeated_headings_like_github() -> None:
    anchors = Anchors()
    made = [
        anchors.make(t) for t in ("Lokale behov", "Lokale behov", "4.3.2 Digitale (hjemme)tjenester 🟢", "Lokale behov")
    ]
    assert made == ["lokale-behov", "lokale-behov-1", "432-digitale-hjemmetjenester-", "lokale-behov-2"]


@pytest.mark.parametrize(
    "text", ["1. not a list", "# not a heading", "- no item", "a *b* _c_ <b>x</b> [l](u) | ~~s~~", "---", "> no"]
)
def test_inline_text_renders_as_written(text: str) -> None:
    toks = tokens(inline(text))
    assert [t.type for t in toks] == ["paragraph_open", "inline", "paragraph_close"]
    assert "".join(child.content for child in toks[1].children or []) == text


def styled_cells(root: ET.Element) -> list[tuple[str, str]]:
    """(background, text colour) of every element with an inline colour style."""
    pairs = []
    for element in root.iter():
        style = dict(part.split(":", 1) for part in element.get("style", "").split(";") if ":" in part)
        if "background-color" in style:
            pairs.append((style["background-color"], style["color"]))
    return pairs


def test_score_html_is_well_formed_with_coloured_cells_that_pass_wcag_aa(run: Run) -> None:
    result = run("score", "-f", "html")
    assert result.exit_code == 0
    assert_golden("trondheim-matrix.nb.html", result.stdout)
    root = parse_html(result.stdout)
    rows = root.findall(".//tbody/tr")
    assert len(rows) == 7 and all(len(r.findall("td")) == 5 for r in rows)
    pairs = styled_cells(root)
    assert {bg for bg, _ in pairs} == {"#2da44e", "#f2c94c", "#cf222e"}
    assert all(contrast(bg, fg) >= 4.5 for bg, fg in pairs)
    first = rows[0].findall("td")[1]
    assert "".join(first.itertext()) == "🟡 Gul"  # colour, symbol and word together
    uncertain = rows[3].findall("td")[1]  # Helsedata og ressurseffektiv tjeneste – Verdiskaping
    assert len(uncertain.findall("span")) == 2  # one shade per colour the evidence spans


def test_a_four_colour_framework_gets_readable_html_too(run: Run) -> None:
    root = parse_html(run("score", str(FIXTURES / "four-colours"), "-f", "html").stdout)
    assert all(contrast(bg, fg) >= 4.5 for bg, fg in styled_cells(root))


def test_report_html_has_the_same_sections_and_working_links(run: Run) -> None:
    root = parse_html(run("report", "-f", "html").stdout)
    ids = {e.get("id") for e in root.iter() if e.get("id")}
    links = [a.get("href", "")[1:] for a in root.iter("a")]
    assert len(links) == 3 + 7 + 1 + 2 * 28 and set(links) <= ids  # contents, then each cell and its way back
    # every matrix cell links to the heading that explains it, and that explanation links back to the cell
    cells = root.findall(".//table[@class='matrix']/tbody/tr/td[@id]")
    assert len(cells) == 28
    by_id = {e.get("id"): e for e in root.iter() if e.get("id")}
    for cell in cells:
        target = cell.find("a").get("href", "")[1:]
        assert by_id[target].tag == "h3"
        back = [a for a in root.iter("a") if a.get("href") == f"#{cell.get('id')}"]
        assert len(back) == 1, cell.get("id")
    assert len(root.findall(".//table")) == 2 and len(root.findall(".//blockquote")) > 20


def test_criteria_in_every_format(run: Run) -> None:
    data = json.loads(run("criteria", "-f", "json").stdout)
    assert [d["kind"] for d in data["drivers"]] == ["amount", "level", "checklist", "level"]
    assert data["drivers"][0]["bands"][1] == {
        "colour": "yellow",
        "minimum": "100000000",
        "criterion": "Mindre enn 1 mrd NOK/år",
        "printed": None,
    }
    rows = list(csv.DictReader(io.StringIO(run("criteria", "-f", "csv").stdout)))
    assert len(rows) == 3 + 3 + 3 + 3 and rows[3]["level"] == "prioritert"
    html = run("criteria", "-f", "html", "--lang", "en").stdout
    assert_golden("trondheim-criteria.en.html", html)
    assert len(parse_html(html).findall(".//tbody/tr")) == 1 + 3


@pytest.mark.parametrize(
    "command",
    [("score", "-f", "markdown"), ("criteria", "-f", "html"), ("report", "-f", "markdown"), ("score", "-f", "table")],
)
def test_check_passes_on_a_fresh_file_and_fails_with_a_diff_on_a_stale_one(
    run: Run, tmp_path: Path, command: tuple[str, ...]
) -> None:
    target = tmp_path / "out"
    assert run(*command, "-o", str(target)).exit_code == 0
    fresh = run(*command, "--check", str(target))
    assert fresh.exit_code == 0 and fresh.stdout == "" and "up to date" in fresh.stderr
    target.write_text(target.read_text(encoding="utf-8").replace("Gul", "Grønn", 1), encoding="utf-8")
    before = target.read_bytes()
    stale = run(*command, "--check", str(target))
    assert stale.exit_code == 3 and "out of date" in stale.stderr
    assert stale.stdout.startswith(f"--- {target}\n+++ {target} (expected)\n") and "\n-" in stale.stdout
    assert target.read_bytes() == before  # --check never writes


def test_check_of_a_missing_file_fails_and_check_with_output_is_a_usage_error(run: Run, tmp_path: Path) -> None:
    assert run("report", "--check", str(tmp_path / "none.md")).exit_code == 3
    assert run("report", "--check", "a", "-o", "b").exit_code == 2


def test_strict_reports_each_override_at_its_line(run: Run) -> None:
    result = run("validate", "--strict")
    assert result.exit_code == 1
    assert (
        "areas/5-grunnforskning.yaml:21:7: warning: 'grunnforskning' sets the colour of 'verdiskaping'" in result.stderr
    )
    assert result.stderr.count("[override]") == 4
    assert "[override]" not in run("validate").stderr


def test_a_quote_that_holds_quotes_is_not_nested_in_guillemets() -> None:
    from veikart_cli.render.document import Quote

    assert Quote("helsetvillinger som «lever et cybersikkert miljø».", "4.3.3").quoted == (
        "«helsetvillinger som ‘lever et cybersikkert miljø’.»"
    )
    report = (ROOT / "docs" / "trondheim-rapport.md").read_text(encoding="utf-8")
    assert "‘lever et cybersikkert miljø’" in report and "«lever" not in report
