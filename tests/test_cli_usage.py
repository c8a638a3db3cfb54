"""One way to say things to the CLI: explain takes the data as every command does, names the
overall colour by its word, and mistakes get a message that says what was meant."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ROOT, Run


@pytest.fixture
def klimaplan(tmp_path: Path) -> Path:
    """A roadmap of the user's own, in a folder of its own (a method with an overall colour)."""
    shutil.copytree(ROOT / "examples" / "energiomstilling", tmp_path / "klimaplan")
    return tmp_path


def test_explain_takes_the_data_folder_first(run: Run, klimaplan: Path) -> None:
    result = run("explain", "klimaplan", "havvind", cwd=klimaplan)
    assert result.exit_code == 0, result.output
    assert "Flytende havvind" in result.stdout and "Digitale" not in result.stdout
    assert "shipped example" not in result.stderr


def test_explain_never_shows_another_roadmap_for_a_folder_alone(run: Run, klimaplan: Path) -> None:
    result = run("explain", "klimaplan", cwd=klimaplan)
    assert result.exit_code == 2 and "is a folder" in result.stderr and result.stdout == ""


@pytest.mark.parametrize("word", ["overall", "Samlet", "samlet"])
def test_explain_overall_explains_the_overall_colour_only(run: Run, klimaplan: Path, word: str) -> None:
    result = run("explain", "klimaplan", "havvind", word, cwd=klimaplan)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].endswith("– Samlet") and not any(line.endswith("– Utslippskutt") for line in lines)


def test_explain_overall_where_the_framework_has_none(run: Run) -> None:
    result = run("explain", "digitale-hjemmetjenester", "overall")
    assert result.exit_code == 2 and "no overall colour" in result.stderr


@pytest.mark.parametrize(("typed", "meant"), [("rød", "red"), ("Gul", "yellow"), ("GRØNN", "green")])
def test_a_colour_typed_as_its_word_points_to_its_id(run: Run, typed: str, meant: str) -> None:
    result = run("score", "--fail-on", typed)
    assert result.exit_code == 2 and f"did you mean '{meant}'" in result.stderr


def test_an_overall_colour_typed_as_its_word_points_to_its_id(run: Run, klimaplan: Path) -> None:
    result = run("score", "klimaplan", "--fail-on", "overall:rød", cwd=klimaplan)
    assert result.exit_code == 2 and "did you mean 'overall:rod'" in result.stderr


def test_dash_h_is_help(run: Run) -> None:
    for command in ([], ["score"], ["explain"], ["validate"]):
        result = run(*command, "-h")
        assert result.exit_code == 0 and "Usage:" in result.stdout


def test_a_language_the_data_lacks_says_how_to_add_it(run: Run) -> None:
    result = run("score", "--lang", "nn")
    assert result.exit_code == 2 and "languages" in result.stderr and "nn: …" in result.stderr


@pytest.mark.parametrize("command", [["score"], ["criteria"], ["score", "--lang", "en"]])
def test_a_piped_table_has_no_trailing_spaces(run: Run, command: list[str]) -> None:
    for width in ("60", "112", "200"):
        result = run(*command, env={"COLUMNS": width})
        assert result.exit_code == 0 and result.stdout
        assert not [line for line in result.stdout.splitlines() if line != line.rstrip()], width


def test_messages_say_what_was_found(run: Run, tmp_path: Path) -> None:
    (tmp_path / "tom").mkdir()
    (tmp_path / "notes.md").write_text("# not data: yes\n")
    lone = tmp_path / "lone"
    lone.mkdir()
    shutil.copy(ROOT / "areas" / "1-foregangskommune.yaml", lone)
    cases = {
        "tom": "no YAML files in tom",
        "notes.md": "notes.md is not a YAML file",
        "lone": "found 1 area file but no framework",
    }
    for given, said in cases.items():
        result = run("validate", given, cwd=tmp_path)
        assert result.exit_code == 2 and said in result.stderr, (given, result.stderr)
    assert run("validate", "criteria").stderr.startswith("ok: 1 framework, 7 areas")  # a framework brings its areas


@pytest.mark.parametrize(
    ("setting", "said"),
    [
        (
            "digitale-hjemmetjenestr.verdiskaping=1 mrd",
            "no area 'digitale-hjemmetjenestr'; did you mean 'digitale-hjemmetjenester'",
        ),
        ("grunnforskning.verdiskapin=1 mrd", "grunnforskning has no driver 'verdiskapin'; did you mean 'verdiskaping'"),
    ],
)
def test_set_says_which_name_it_did_not_know_and_what_was_meant(run: Run, setting: str, said: str) -> None:
    result = run("score", "--set", setting)
    assert result.exit_code == 2 and said in result.stderr


def test_a_gate_on_overalls_counts_the_overalls_it_gated(run: Run, klimaplan: Path) -> None:
    only = run("score", "klimaplan", "--fail-on", "overall:rod", cwd=klimaplan)
    assert only.exit_code == 3 and only.stderr.splitlines()[-1].startswith("2 av 5 celler")
    both = run("score", "klimaplan", "--fail-on", "rod", "--fail-on", "overall:rod", cwd=klimaplan)
    assert both.stderr.splitlines()[-1].startswith("9 av 25 celler")  # 20 cells and 5 overalls


def test_diff_counts_every_colour_it_lists(run: Run, klimaplan: Path) -> None:
    shutil.copytree(klimaplan / "klimaplan", klimaplan / "ny")
    area = klimaplan / "ny" / "areas" / "havvind.yaml"
    area.write_text(area.read_text(encoding="utf-8").replace("value: 40 kt", "value: 110 kt"), encoding="utf-8")
    lines = run("diff", "klimaplan", "ny", cwd=klimaplan).stdout.splitlines()
    listed = [line for line in lines if line.startswith("~ ")]
    assert len(listed) == 2 and "– Samlet:" in listed[1]  # the cell, and the area's overall it moved
    assert lines[0].endswith(": 2 celler endret farge, 0 satsinger lagt til, 0 fjernet")


def test_a_cells_symbol_and_word_stay_on_one_line_at_every_width(run: Run) -> None:
    for width in range(40, 131, 3):
        out = run("score", env={"COLUMNS": str(width)}).stdout
        for symbol in ("🟢", "🟡", "🔴"):
            for line in (line for line in out.splitlines() if line.startswith(("│", "  "))):  # cells, not notes
                at = line.find(symbol)
                while at >= 0:
                    assert line[at + 1 : at + 3].strip() and line[at + 1] == " ", (width, line)
                    at = line.find(symbol, at + 1)


def test_a_typo_in_a_rule_kind_is_the_one_error_said(run: Run, tmp_path: Path) -> None:
    shutil.copytree(ROOT / "examples" / "kpi-mal", tmp_path / "plan")
    framework = tmp_path / "plan" / "criteria" / "kpi-mal.yaml"
    framework.write_text(
        framework.read_text(encoding="utf-8").replace("kind: target", "kind: mål", 1), encoding="utf-8"
    )
    result = run("validate", str(tmp_path / "plan"))
    assert result.exit_code == 1 and "unknown rule kind 'mål'" in result.stderr
    assert "unknown-driver" not in result.stderr and result.stderr.count("error:") == 1


@pytest.mark.parametrize(("word", "status"), [("nei", "missing"), ("delvis", "partial"), ("ja", "present")])
def test_a_checklist_status_in_the_frameworks_language(run: Run, tmp_path: Path, word: str, status: str) -> None:
    shutil.copytree(ROOT / "criteria", tmp_path / "criteria")
    shutil.copytree(ROOT / "areas", tmp_path / "areas")
    area = tmp_path / "areas" / "5-grunnforskning.yaml"
    text = area.read_text(encoding="utf-8")
    written = run("score", str(tmp_path), "-f", "json").stdout
    area.write_text(text.replace("        status: missing", f"        status: {word}", 1), encoding="utf-8")
    said = run("score", str(tmp_path), "-f", "json")
    assert said.exit_code == 0, said.output
    area.write_text(text.replace("        status: missing", f"        status: {status}", 1), encoding="utf-8")
    assert said.stdout == run("score", str(tmp_path), "-f", "json").stdout
    assert (said.stdout == written) == (status == "missing")


def test_output_help_names_only_the_commands_own_formats(run: Run) -> None:
    criteria = " ".join(run("criteria", "-h").stdout.split())
    assert ".docx" in criteria and ".svg" not in criteria  # criteria has no SVG
    score = " ".join(run("score", "-h").stdout.split())
    assert ".svg" in score and "-o, --output FILE" in score and "[DATA]..." in score
