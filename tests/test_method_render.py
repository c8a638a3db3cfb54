"""The method layer in every output: the overall as its own column (terminal, Markdown, HTML,
SVG, CSV, JSON), explain AREA and the report; a target's margins; a composite's parts; states."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, Run

DATA = str(FIXTURES / "method")


def test_markdown_and_terminal_show_the_overall_as_a_column(run: Run) -> None:
    markdown = run("score", DATA, "-f", "markdown").stdout
    assert markdown.splitlines()[0].split("|")[-2].strip() == "Samlet"
    assert "| B                 | - Ikke vurdert | G Grønn    | G Grønn  |" in markdown
    assert "- Ikke vurdert" in markdown.splitlines()[-1]  # the legend names the state
    table = run("score", DATA, env={"COLUMNS": "120"}).stdout
    assert "Samlet" in table


def test_json_carries_overall_on_every_area_and_states_and_parts_on_cells(run: Run) -> None:
    data = json.loads(run("score", DATA, "-f", "json").stdout)
    assert [a["id"] for a in data["areas"]] == ["b", "a"]  # the declared order
    assert all("overall" in a for a in data["areas"])
    b, a = data["areas"]
    assert b["overall"]["colours"] == ["gronn"] and b["overall"]["left_out"] == ["utslipp"]
    assert a["overall"]["colours"] == ["gul"] and a["overall"]["lifts"] == ["utslipp"]
    assert b["cells"][0]["state"] == {"id": "ikke-vurdert", "reason": "Ikke målt ennå."}
    assert [p["part"] for p in a["cells"][1]["parts"]] == ["kostnad", "trl"]
    assert a["cells"][0]["target"] == "2"


def test_csv_has_an_overall_column(run: Run) -> None:
    rows = list(csv.DictReader(io.StringIO(run("score", DATA, "-f", "csv").stdout)))
    assert {r["area"]: r["overall"] for r in rows} == {"a": "gul", "b": "gronn"}


def test_svg_and_html_draw_the_overall_cell(run: Run) -> None:
    svg = run("score", DATA, "-f", "svg").stdout
    assert 'id="cell-a-overall"' in svg and 'id="cell-b-overall"' in svg
    html = run("score", DATA, "-f", "html").stdout
    assert "Samlet" in html


def test_explain_area_says_what_decided_the_overall_and_how_close_the_next_colour_is(run: Run) -> None:
    text = run("explain", "a", "--data", DATA).stdout
    overall = text.split("A (1) – Samlet\n", 1)[1]
    assert "Avgjort av: Utslipp, Modenhet" in overall
    assert "60 prosentpoeng mer av vekten på G Grønn eller bedre gir G Grønn samlet" in overall
    assert "Løftes av: Utslipp (én farge bedre her alene gir bedre samlet farge)" in overall
    # the target's margins speak in its direction (lower is better): less to reach green
    assert "400 kg mindre gir G Grønn" in text
    assert "Delindikator: Kostnad: 0,62 NOK/kWh → Y Gul" in text


def test_a_state_is_neither_an_override_nor_a_strict_problem(run: Run) -> None:
    result = run("validate", "--strict", DATA)
    assert result.exit_code == 0, result.stderr


def test_the_report_has_an_overall_section_per_area(run: Run) -> None:
    report = run("report", DATA).stdout
    assert report.count("### Samlet") == 2


def copy_with(tmp_path, edits: dict[str, list[tuple[str, str]]]):  # type: ignore[no-untyped-def]
    import shutil

    target = tmp_path / "edition"
    shutil.copytree(FIXTURES / "method", target)
    for name, pairs in edits.items():
        path = target / name
        text = path.read_text(encoding="utf-8")
        for old, new in pairs:
            assert old in text
            text = text.replace(old, new)
        path.write_text(text, encoding="utf-8")
    return target


def test_sort_ranks_best_first_with_ties_in_the_declared_order(run: Run) -> None:
    def order(*args: str) -> list[str]:
        return [a["id"] for a in json.loads(run("score", DATA, "-f", "json", *args).stdout)["areas"]]

    assert order("--sort", "overall") == ["b", "a"]
    assert order("--sort", "name") == ["a", "b"]
    assert order("--sort", "modenhet") == ["b", "a"]
    assert order("--sort", "utslipp") == ["a", "b"]  # a state ranks after every colour
    result = run("score", DATA, "--sort", "nothing")
    assert result.exit_code == 2 and "overall, name or a driver id" in result.output


def test_fail_on_the_overall_alone_and_on_states(run: Run) -> None:
    result = run("score", DATA, "-f", "csv", "--fail-on", "overall:gul")
    assert result.exit_code == 3 and "--fail-on overall:gul: A – Samlet: Y Gul" in result.stderr
    assert run("score", DATA, "-f", "csv", "--fail-on", "overall:rod").exit_code == 0
    state = run("score", DATA, "-f", "csv", "--fail-on", "ikke-vurdert")
    assert state.exit_code == 3 and "B – Utslipp" in state.stderr


def test_the_gate_count_counts_the_overalls_it_gated(run: Run) -> None:
    """The count says how many cells were gated: the overalls alone for overall: conditions, cells and overalls for both."""
    result = run("score", DATA, "-f", "csv", *("--fail-on", "overall:gul", "--fail-on", "overall:gronn"))
    assert result.exit_code == 3 and "2 av 2 celler treffer --fail-on overall:gul overall:gronn" in result.stderr
    both = run("score", DATA, "-f", "csv", *("--fail-on", "gul", "--fail-on", "gronn", "--fail-on", "overall:gul"))
    assert "4 av 6 celler treffer" in both.stderr
    cells = run("score", DATA, "-f", "csv", "--fail-on", "gul")
    assert "2 av 4 celler treffer --fail-on gul" in cells.stderr  # no overall gated: the drivers' cells


def test_what_if_on_one_part_of_a_composite_and_the_overall_it_moves(run: Run) -> None:
    result = run("score", DATA, "-f", "csv", "--set", "a.modenhet.trl=lav")
    assert "A – Modenhet: Y Gul → R Rød" in result.stderr
    lifted = run("score", DATA, "-f", "csv", "--set", "a.utslipp=1,9 t")
    assert "A – Samlet: Y Gul → G Grønn" in lifted.stderr


def test_diff_names_the_part_that_moved_and_the_overall_it_changed(run: Run, tmp_path) -> None:  # type: ignore[no-untyped-def]
    edits = [("trl: {level: middels}", "trl: {level: lav}"), ("value: 2,4 t", "value: 3 t")]
    new = copy_with(tmp_path, {"areas/a.yaml": edits})
    data = json.loads(run("diff", DATA, str(new), "-f", "json").stdout)
    assert [c.get("parts") for c in data["changes"]] == [None, ["trl"]]
    cells = ["utslipp", "modenhet"]
    assert data["overall_changes"] == [{"area": "a", "before": ["gul"], "after": ["rod"], "cells": cells}]
    text = run("diff", DATA, str(new)).stdout
    assert "A – Samlet: Y Gul → R Rød (Utslipp, Modenhet)" in text
    assert "delindikator TRL" in text


def test_diff_compares_renamed_colours_by_their_place_in_the_scale(run: Run, tmp_path) -> None:  # type: ignore[no-untyped-def]
    renames = [("gronn", "green"), ("gul", "yellow"), ("rod", "red")]
    new = copy_with(tmp_path, {"criteria/framework.yaml": renames, "areas/a.yaml": [], "areas/b.yaml": []})
    data = json.loads(run("diff", DATA, str(new), "-f", "json").stdout)
    assert data["changes"] == [] and data["renamed_colours"] is True
    assert "fargeskalaen har fått nye navn" in run("diff", DATA, str(new)).stdout


def test_the_criteria_say_how_the_overall_is_combined_its_vetoes_and_the_states(run: Run) -> None:
    text = run("criteria", DATA, "-f", "markdown").stdout
    assert "Samlet farge: den beste fargen som drivere med til sammen minst 60 % av vekten når opp til." in text
    assert "Vekter: Utslipp 2, Modenhet 1." in text
    assert "Veto: Utslipp på Rød eller verre gir høyst Gul samlet." in text
    assert "Tilstander utenfor fargeskalaen, ikke med i samlet farge: - Ikke vurdert." in text
    english = run("criteria", str(ROOT / "examples" / "prosjektstatus"), "-f", "markdown").stdout
    assert "Samlet farge: den verste fargen blant driverne." in english


def test_what_if_on_a_target_keeps_the_area_s_own_target(run: Run) -> None:
    kpi = str(ROOT / "examples" / "kpi-mal")
    result = run("score", kpi, "-f", "csv", "--set", "nordbyen.utslipp=2,2 t")  # its own target is 2,2 t
    assert result.exit_code == 0, result.stderr
    assert "Nordbyen – Klimagassutslipp per innbygger: 🟠 Et stykke unna → 🟢 Nådd" in result.stderr
    # the overall honestly spans what the uncertain renewables cell leaves open (a tie goes to the worse)
    assert "Nordbyen – Samlet: 🟡 Nær / 🟠 Et stykke unna → 🟡 Nær / 🔴 Langt unna" in result.stderr


def test_what_if_on_a_part_with_a_bad_value_or_an_unknown_part_is_a_usage_error(run: Run) -> None:
    bad = run("score", DATA, "--set", "a.modenhet.trl=svaert-hoy")
    assert bad.exit_code == 2 and "a.modenhet.trl" in bad.output
    unknown = run("score", DATA, "--set", "a.modenhet.pris=1 NOK/kWh")
    assert unknown.exit_code == 2 and "modenhet has no part 'pris'" in unknown.output
    amount = run("score", DATA, "-f", "csv", "--set", "a.modenhet.kostnad=2 NOK/kWh")
    assert "A – Modenhet: Y Gul → R Rød" in amount.stderr


def test_an_overall_condition_is_the_framework_s_id_even_where_a_keyword_has_its_name(run: Run, tmp_path: Path) -> None:
    """A state named 'unknown' (a cell keyword): overall:unknown is the overall in that state, not 'no computed colour'."""
    data = tmp_path / "prosjektstatus"
    shutil.copytree(ROOT / "examples" / "prosjektstatus", data)
    for file in [*data.glob("criteria/*.yaml"), *data.glob("areas/*.yaml")]:
        file.write_text(file.read_text(encoding="utf-8").replace("fullfort", "unknown"), encoding="utf-8")
    result = run("score", str(data), "-f", "csv", "--fail-on", "overall:unknown")
    assert result.exit_code == 3 and "--fail-on overall:unknown:" in result.stderr and "Samlet" in result.stderr


@pytest.mark.parametrize(
    ("rule", "said"),
    [
        ("worst: 2", "the mean of the 2 worst drivers' places in the scale; a mean between two colours goes to the worse"),
        ("worst: 3\n  round: better", "the mean of the 3 worst drivers' places in the scale; a mean between two colours goes to the better"),
        ("worst: 1", "Overall colour: the worst colour among the drivers."),
    ],
)  # fmt: skip
def test_an_overall_of_the_k_worst_is_said_in_the_criteria_and_the_report(
    run: Run, tmp_path: Path, rule: str, said: str
) -> None:
    data = tmp_path / "sdg"
    shutil.copytree(ROOT / "examples" / "baerekraftsmal", data)
    framework = data / "criteria" / "baerekraftsmal.yaml"
    text = framework.read_text(encoding="utf-8")
    framework.write_text(
        text.replace("  combine: worst\n", f"  combine: mean-of-worst\n  {rule}\n", 1), encoding="utf-8"
    )
    for command in (("criteria", "-f", "markdown"), ("report", "-f", "markdown")):
        result = run(*command, str(data), "--lang", "en")
        assert result.exit_code == 0 and said in result.stdout, result.output
    assert "gjennomsnittet av plassene" in run("criteria", str(data), "-f", "markdown").stdout or rule == "worst: 1"
