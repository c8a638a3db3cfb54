"""score --fail-on (exit 3) and --set (what-if without touching files) (issue 7)."""

from __future__ import annotations

import hashlib
from pathlib import Path

from conftest import ROOT, Run


def digest(folder: Path) -> str:
    return hashlib.sha256(b"".join(p.read_bytes() for p in sorted(folder.rglob("*.yaml")))).hexdigest()


def test_fail_on_exits_3_after_printing_and_names_each_matching_cell(run: Run) -> None:
    result = run("score", "-f", "csv", "--fail-on", "red")
    assert result.exit_code == 3
    assert result.stdout.startswith("area,")  # the output is still complete
    assert "7 av 28 celler treffer --fail-on red" in result.stderr  # in the document's language
    assert "--fail-on red: Helsedata og persontilpasset medisin – Lokale behov: 🔴 Rød" in result.stderr


def test_each_condition_and_their_union(run: Run) -> None:
    counts = {}
    for condition in ("green", "uncertain", "override", "unknown", "inferred"):
        result = run("score", "-f", "csv", "--fail-on", condition)
        counts[condition] = int(result.stderr.splitlines()[-1].split()[0]) if result.exit_code == 3 else 0
    # counted by eye from the matrix in the README
    assert counts == {"green": 4, "uncertain": 3, "override": 4, "unknown": 3, "inferred": 9}
    both = run("score", "-f", "csv", "--fail-on", "override", "--fail-on", "uncertain")
    assert "7 av 28 celler treffer --fail-on override uncertain" in both.stderr  # no cell is both
    english = run("score", "-f", "csv", "--lang", "en", "--fail-on", "override")
    assert "4 of 28 cells match --fail-on override" in english.stderr


def test_no_match_exits_0_and_an_unknown_condition_is_a_usage_error(run: Run) -> None:
    from conftest import FIXTURES

    result = run("score", "-f", "csv", str(FIXTURES / "four-colours"), "--fail-on", "inferred")
    assert result.exit_code == 0 and "fail-on" not in result.stderr
    result = run("score", "--fail-on", "purple")
    assert result.exit_code == 2 and "'purple' is not one of" in result.stderr


def test_bad_data_is_1_not_3(run: Run) -> None:
    from conftest import FIXTURES

    assert run("score", str(FIXTURES / "invalid" / "unknown-key" / "areas"), "--fail-on", "red").exit_code == 1


def test_what_if_moves_cells_without_touching_files(run: Run) -> None:
    before = digest(ROOT)
    result = run(
        "score",
        "-f",
        "csv",
        "--set",
        "foregangskommune.verdiskaping=1,2 mrd",
        "--set",
        "Grunnforskning.lokale-fortrinn={kapital: present}",
    )
    assert result.exit_code == 0, result.stderr
    assert digest(ROOT) == before
    lines = [line for line in result.stderr.splitlines() if line.startswith("hva om: ")]
    assert lines == [
        "hva om: Foregangskommune for bærekraftige helse- og omsorgstjenester – Bærekraftig verdiskaping og næringsutvikling: 🟡 Gul → 🟢 Grønn",
        "hva om: Grunnforskning – Lokale fortrinn: 🟡 Gul → 🟢 Grønn",
    ]
    assert (
        "foregangskommune,Foregangskommune for bærekraftige helse- og omsorgstjenester,verdiskaping,Bærekraftig verdiskaping og næringsutvikling,green,"
        in result.stdout
    )


def test_what_if_sets_an_override_aside_and_reads_levels_as_in_files(run: Run) -> None:
    result = run(
        "score",
        "-f",
        "csv",
        "--set",
        "grunnforskning.verdiskaping=50 MNOK",
        "--set",
        "helsedata-persontilpasset-medisin.lokale-behov=[prioritert, fokus]",
    )
    assert result.exit_code == 0, result.stderr
    assert "Grunnforskning – Bærekraftig verdiskaping og næringsutvikling: 🟡 Gul † → 🔴 Rød" in result.stderr
    assert "Lokale behov: 🔴 Rød → 🟢 Grønn / 🟡 Gul" in result.stderr


def test_what_if_errors_are_usage_errors(run: Run) -> None:
    for setting in ("no-equals", "x.y=1", "grunnforskning.terskel=heavy", "grunnforskning.verdiskaping=1,500 MNOK"):
        result = run("score", "--set", setting)
        assert result.exit_code == 2, setting
        assert "Traceback" not in result.output
