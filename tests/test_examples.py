"""The three example roadmaps in examples/: each validates strictly, scores with an overall
colour on every area, and renders the Markdown its golden file holds."""

from __future__ import annotations

import json

import pytest
from conftest import ROOT, Run, assert_golden

EXAMPLES = sorted(p.name for p in (ROOT / "examples").iterdir() if (p / "criteria").is_dir())


def test_there_are_three_examples() -> None:
    assert EXAMPLES == ["energiomstilling", "kpi-mal", "prosjektstatus"]


@pytest.mark.parametrize("name", EXAMPLES)
def test_an_example_validates_strictly_and_every_area_has_an_overall(run: Run, name: str) -> None:
    folder = str(ROOT / "examples" / name)
    result = run("validate", "--strict", folder)
    assert result.exit_code == 0, result.stderr
    assert "warning" not in result.stderr
    data = json.loads(run("score", folder, "-f", "json").stdout)
    assert data["areas"] and all(area["overall"]["colours"] for area in data["areas"])


@pytest.mark.parametrize("name", EXAMPLES)
def test_an_example_s_markdown_matches_its_golden_file(run: Run, name: str) -> None:
    result = run("score", str(ROOT / "examples" / name), "-f", "markdown")
    assert result.exit_code == 0, result.stderr
    assert_golden(f"example-{name}.md", result.stdout)


def test_the_energy_roadmap_ranks_by_overall_with_ties_in_section_order(run: Run) -> None:
    folder = str(ROOT / "examples" / "energiomstilling")
    data = json.loads(run("score", folder, "-f", "json", "--sort", "overall").stdout)
    assert [a["id"] for a in data["areas"]] == ["solcelle", "biogass", "datasenter", "havvind", "hydrogen"]
    datasenter = next(a for a in data["areas"] if a["id"] == "datasenter")
    assert datasenter["overall"]["vetoed"] == ["utslippskutt"]  # green by weight, capped at yellow
    havvind = next(a for a in data["areas"] if a["id"] == "havvind")
    modenhet = havvind["cells"][1]
    assert [p["part"] for p in modenhet["parts"] if p["deciding"]] == ["kostnad"]


def test_the_project_status_keeps_states_out_of_the_overall(run: Run) -> None:
    folder = str(ROOT / "examples" / "prosjektstatus")
    data = json.loads(run("score", folder, "-f", "json").stdout)
    by_id = {a["id"]: a for a in data["areas"]}
    assert by_id["arkiv"]["overall"]["colours"] == ["fullfort"]
    assert by_id["innbyggerportal"]["overall"]["left_out"] == ["budsjett"]
    assert by_id["timebestilling"]["cells"][0]["low"] == "-1"  # ahead of plan


def test_kpi_margins_speak_in_each_kpi_s_direction(run: Run) -> None:
    text = run("explain", "nordbyen", "--data", str(ROOT / "examples" / "kpi-mal")).stdout
    assert "474 kg mindre for å nå 🟡 Nær" in text  # CO₂: lower is better
    assert "25 % mer for å nå 🟢 Nådd" in text  # renewables: higher is better
