"""The four example roadmaps in examples/: each validates strictly, scores with an overall
colour on every area, and renders the Markdown its golden file holds."""

from __future__ import annotations

import json

import pytest
from conftest import ROOT, Run, assert_golden

EXAMPLES = sorted(p.name for p in (ROOT / "examples").iterdir() if (p / "criteria").is_dir())


def test_there_are_four_examples() -> None:
    assert EXAMPLES == ["baerekraftsmal", "energiomstilling", "kpi-mal", "prosjektstatus"]


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
    assert "474 kg mindre gir 🟡 Nær" in text  # CO₂: lower is better
    assert "25 prosentpoeng mer gir 🟢 Nådd" in text  # renewables: higher is better


def test_init_starts_a_roadmap_that_validates_from_each_built_in_method(run: Run, tmp_path) -> None:  # type: ignore[no-untyped-def]
    for method in ("trondheim", *EXAMPLES):
        folder = tmp_path / method
        result = run("init", str(folder), "--method", method)
        assert result.exit_code == 0, result.stderr
        assert len(list((folder / "criteria").iterdir())) == 1 and len(list((folder / "areas").iterdir())) == 1
        checked = run("validate", "--strict", str(folder))
        assert checked.exit_code == 0, checked.stderr
        assert run("score", str(folder), "-f", "markdown").exit_code == 0
    framework = next((tmp_path / "energiomstilling" / "criteria").iterdir()).read_text(encoding="utf-8")
    assert framework.startswith("# Veikart for energiomstilling")  # commented as shipped
    again = run("init", str(tmp_path / "kpi-mal"), "--method", "kpi-mal")
    assert again.exit_code == 2 and "already holds a roadmap" in again.stderr
    unknown = run("init", str(tmp_path / "new"), "--method", "nope")
    assert unknown.exit_code == 2 and "kpi-mal" in unknown.stderr


def test_the_readme_s_minimal_roadmap_validates_as_written(run: Run, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import re

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n# (criteria/minimal\.yaml|areas/eksempel\.yaml)\n(.*?)```", readme, re.DOTALL)
    assert [name for name, _ in blocks] == ["criteria/minimal.yaml", "areas/eksempel.yaml"]
    for name, text in blocks:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = run("validate", "--strict", str(tmp_path))
    assert result.exit_code == 0 and "warning" not in result.stderr, result.stderr
    assert "🟡 Gul" in run("score", str(tmp_path), "-f", "markdown").stdout


def test_the_sustainability_goals_show_series_and_trends_in_both_languages(run: Run) -> None:
    # Sentrum, climate: emissions 2,8 t (2021) → 2,4 t (2025): −0,1 t a year against (2 − 2,4) / 5
    # = −0,08 needed: on track; renewables (71 − 60) / 5 = 2,2 against 9 / 5 = 1,8: on track;
    # cycling (9 − 8) / 4 = 0,25 against 11 / 5 = 2,2: stagnating. The goal: mean of 0, 0, 2 →
    # moderately improving; its colour from the two worst, red and orange: (3 + 2) / 2 → red.
    folder = str(ROOT / "examples" / "baerekraftsmal")
    data = json.loads(run("score", folder, "-f", "json").stdout)
    by_id = {a["id"]: a for a in data["areas"]}
    klima = by_id["sentrum"]["cells"][0]
    assert (klima["colours"], klima["trend"]["id"], klima["year"]) == (["rod"], "moderat", "2025")
    assert [p["trend"]["id"] for p in klima["parts"]] == ["i-rute", "i-rute", "stillestaende"]
    assert by_id["nordbyen"]["cells"][1]["stale"] is True  # physical activity last measured in 2021
    assert by_id["havna"]["overall"]["trend"]["id"] == "stillestaende"
    for lang, word in (("nb", "Moderat forbedring"), ("en", "Moderately improving")):
        assert word in run("score", folder, "-f", "markdown", "--lang", lang).stdout
    assert run("score", folder, "--fail-on", "trend:synkende").exit_code == 3
