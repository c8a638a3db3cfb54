"""The commands, run through Typer's runner: exit codes, streams, formats, files."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, Run, assert_golden


def test_validate_passes_on_the_shipped_data(run: Run) -> None:
    result = run("validate")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert "ok: 1 framework, 7 areas" in result.stderr


def test_validate_reports_every_problem_located_with_exit_1(run: Run, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\nname: X\nsection: '1'\nsummary: s\nevidence:\n  terskler: {}\n  verdiskaping: []\n")
    result = run("validate", str(bad), cwd=ROOT)
    assert result.exit_code == 1
    lines = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert [line.split(": error: ")[0] for line in lines] == [
        f"{bad}:6:3",
        f"{bad}:6:3",
        f"{bad}:7:17",
    ]
    assert "[unknown-driver]" in lines[1] and "[missing-evidence]" in lines[0] and "[wrong-type]" in lines[2]
    assert "Traceback" not in result.output


def test_strict_turns_warnings_into_failure(run: Run) -> None:
    case = FIXTURES / "invalid" / "norway-problem" / "areas"
    assert run("validate", str(case)).exit_code == 0
    assert run("validate", "--strict", str(case)).exit_code == 1


def test_usage_errors_exit_2(run: Run) -> None:
    assert run("score", "--format", "pdf").exit_code == 2
    assert run("score", "--lang", "de").exit_code == 2
    assert run("frobnicate").exit_code == 2


def test_missing_path_is_a_located_error(run: Run) -> None:
    result = run("validate", "no/such/dir")
    assert result.exit_code == 1 and "no/such/dir: error: no such file or folder [not-found]" in result.stderr


def test_a_missing_framework_is_located_and_counted_among_the_files(run: Run) -> None:
    result = run("validate", "--criteria", "nope.yaml", "areas")
    assert result.exit_code == 1 and "nope.yaml: error: no such file or folder [not-found]" in result.stderr
    assert "1 error, 0 warnings in 8 files" in result.stderr  # the seven areas and the framework named


def test_score_markdown_is_the_golden_matrix(run: Run) -> None:
    result = run("score", "--format", "markdown")
    assert result.exit_code == 0, result.stderr
    assert_golden("trondheim-matrix.nb.md", result.stdout)


def test_score_json_is_golden_and_parses(run: Run) -> None:
    result = run("score", "--format", "json", "--lang", "en")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert len(data["areas"]) == 7 and all(len(a["cells"]) == 4 for a in data["areas"])
    assert_golden("trondheim-matrix.en.json", result.stdout)


def test_score_csv_has_one_row_per_cell(run: Run) -> None:
    result = run("score", "--format", "csv")
    rows = result.stdout.splitlines()
    assert rows[0].startswith("area,area_name,driver") and len(rows) == 1 + 7 * 4


def test_terminal_table_carries_symbols_and_words_without_colour(run: Run) -> None:
    result = run("score", "--color", "never", env={"COLUMNS": "160"})
    assert result.exit_code == 0
    assert "\x1b[" not in result.stdout
    for word in ("🟢 Grønn", "🟡 Gul", "🔴 Rød", "Grunnforskning", "Terskel"):
        assert word in result.stdout


def test_color_always_emits_ansi_and_no_color_is_honoured(run: Run) -> None:
    assert "\x1b[" in run("score", "--color", "always").stdout
    assert "\x1b[" not in run("score", env={"NO_COLOR": "1", "FORCE_COLOR": ""}).stdout


def test_output_is_written_whole_and_never_over_an_input(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "matrix.md"
    assert run("score", "-f", "markdown", "-o", str(target)).exit_code == 0
    assert target.read_text(encoding="utf-8") == (
        Path(__file__).parent / "golden" / "trondheim-matrix.nb.md"
    ).read_text(encoding="utf-8")
    assert list(tmp_path.iterdir()) == [target]  # no temporary file left behind
    area = ROOT / "areas" / "1-foregangskommune.yaml"
    before = area.read_bytes()
    result = run("score", "-f", "markdown", "-o", str(area))
    assert result.exit_code == 2 and "refusing to overwrite an input file" in result.stderr
    assert area.read_bytes() == before


def test_bad_data_prints_nothing_on_stdout(run: Run) -> None:
    result = run("score", str(FIXTURES / "invalid" / "duplicate-key" / "areas"))
    assert result.exit_code == 1 and result.stdout == ""


def test_defaults_fall_back_to_the_shipped_data_outside_a_data_folder(run: Run, tmp_path: Path) -> None:
    result = run("score", "-f", "csv", cwd=tmp_path)
    assert result.exit_code == 0 and "foregangskommune" in result.stdout


def test_a_framework_with_three_drivers_and_four_colours_scores_unchanged(run: Run) -> None:
    result = run("score", str(FIXTURES / "four-colours"), "--format", "markdown")
    assert result.exit_code == 0, result.stderr
    assert_golden("four-colours.md", result.stdout)


def test_criteria_table_is_tabell_2(run: Run) -> None:
    result = run("criteria", "--format", "markdown")
    assert result.exit_code == 0
    assert_golden("trondheim-criteria.nb.md", result.stdout)


def test_version_and_help(run: Run) -> None:
    assert run("--version").stdout.startswith("veikart ")
    help_text = run("--help").stdout
    for command in ("validate", "score", "criteria"):
        assert command in help_text


def table_rows(markdown: str) -> list[list[str]]:
    """Parse with a real CommonMark parser (GFM tables on) and return the cells' text."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    rows: list[list[str]] = []
    in_table = False
    for token in tokens:
        in_table = token.type != "table_close" and (in_table or token.type == "table_open")
        if in_table and token.type == "tr_open":
            rows.append([])
        elif in_table and token.type == "inline":
            rows[-1].append(token.content)
    return rows


def test_markdown_matrix_is_a_real_gfm_table(run: Run) -> None:
    rows = table_rows(run("score", "-f", "markdown").stdout)
    assert len(rows) == 1 + 7 and all(len(r) == 1 + 4 for r in rows)
    assert rows[0][1] == "Bærekraftig verdiskaping og næringsutvikling"


def test_pipes_in_cells_are_escaped(run: Run) -> None:
    rows = table_rows(run("score", str(FIXTURES / "four-colours"), "-f", "markdown").stdout)
    assert len(rows) == 3 and all(len(r) == 4 for r in rows)
    assert rows[1][0] == "District heating | phase 2"


def test_explain_traces_a_cell_from_evidence_to_colour(run: Run) -> None:
    result = run("explain", "Foregangskommune for bærekraftige helse- og omsorgstjenester", "VERDISKAPING")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert (
        lines[0]
        == "Foregangskommune for bærekraftige helse- og omsorgstjenester (4.3.1) – Bærekraftig verdiskaping og næringsutvikling"
    )
    assert "  Grunnlag: 200–300 MNOK" in lines
    assert "  Kriterium: Mindre enn 1 mrd NOK/år → 🟡 Gul" in lines
    assert "  Margin: 700 MNOK mer gir 🟢 Grønn" in lines
    assert any(line.startswith("  Kilde (4.3.1): «tilsvarer dette en reduksjon") for line in lines)
    # an open amount ("minst 100 MNOK", 4.3.2) reaches every colour above its floor; the data
    # set caps it by judgement (the report's own figures bound it), and explain shows both
    opened = run("explain", "Digital hjemme-oppfølgning", "verdiskaping").stdout.splitlines()
    assert "  Grunnlag: minst 100 MNOK" in opened and "  Farge: 🟡 Gul" in opened
    assert any(
        line.startswith("  Skjønn: ") and line.endswith("(regelen alene gir 🟢 Grønn / 🟡 Gul)") for line in opened
    )


def test_explain_without_a_driver_explains_every_cell(run: Run) -> None:
    result = run("explain", "grunnforskning", "--lang", "en")
    assert result.exit_code == 0
    assert result.stdout.count("Basic research (4.3.5) – ") == 4
    assert "Judgement: The report gives no market figure" in result.stdout


def test_explain_finds_an_area_by_its_section_where_no_other_area_shares_it(run: Run, tmp_path: Path) -> None:
    assert run("explain", "4.3.5", "terskel").stdout.startswith("Grunnforskning (4.3.5) – Terskel")
    shutil.copytree(ROOT / "criteria", tmp_path / "criteria")
    shutil.copytree(ROOT / "areas", tmp_path / "areas")
    second = tmp_path / "areas" / "2-digitale-hjemmetjenester.yaml"
    second.write_text(
        second.read_text(encoding="utf-8").replace('section: "4.3.2"', 'section: "4.3.5"'), encoding="utf-8"
    )
    shared = run("explain", str(tmp_path), "4.3.5")  # two areas in 4.3.5: neither is chosen for the reader
    assert shared.exit_code == 2 and "no match for '4.3.5'" in shared.stderr


def test_explain_suggests_close_names_for_a_near_miss(run: Run) -> None:
    result = run("explain", "helsedata")
    assert result.exit_code == 2
    assert "did you mean" in result.stderr and "persontilpasset" in result.stderr


GOLDEN_RUNS = {
    "trondheim-matrix.nb.txt": ("score", "--color", "never"),
    "trondheim-criteria.en.txt": ("criteria", "--color", "never", "--lang", "en"),
    "trondheim-matrix.nb.csv": ("score", "-f", "csv"),
    "explain-grunnforskning.en.txt": ("explain", "grunnforskning", "--lang", "en"),
}


def test_every_other_command_and_format_matches_its_golden_file(run: Run) -> None:
    for name, args in GOLDEN_RUNS.items():
        result = run(*args, env={"COLUMNS": "112"})
        assert result.exit_code == 0, result.stderr
        assert_golden(name, result.stdout)


@pytest.mark.parametrize(
    "command", ["", "validate", "score", "explain", "criteria", "report", "diff", "schema", "init", "words", "history"]
)
def test_help_offers_no_negative_flag_but_the_declared_one(run: Run, command: str) -> None:
    """A bare bool option becomes an on/off pair in Typer unless its name is given: only --strict/--no-strict is one."""
    shown = run(*([command] if command else []), "--help").stdout
    assert set(re.findall(r"--no-[a-z-]+", shown)) <= {"--no-strict"}
