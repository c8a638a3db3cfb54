"""Issue 15, input semantics: what is read, how text and numbers compare, what is refused."""

from __future__ import annotations

import os
import socket
import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import ROOT, Run

import veikart_cli as veikart
from veikart_cli.model.amounts import format_amount, parse_single
from veikart_cli.model.types import Unit
from veikart_cli.problems import Location, Problems, exit_code
from veikart_cli.syntax.nodes import parse_text, read_text

UNITS = (Unit("NOK", Decimal(1)), Unit("MNOK", Decimal(10**6)), Unit("mrd", Decimal(10**9)))


def data_folder(tmp_path: Path) -> Path:
    for name in ("criteria", "areas"):
        (tmp_path / name).mkdir()
        for path in (ROOT / name).glob("*.yaml"):
            (tmp_path / name / path.name).write_bytes(path.read_bytes())
    return tmp_path


def clean(result) -> None:  # type: ignore[no-untyped-def]
    assert "Traceback" not in result.output and "internal error" not in result.output


# --- text ------------------------------------------------------------------------------------------


def test_a_decomposed_query_finds_the_composed_name(run: Run, tmp_path: Path) -> None:
    """Low: an NFD query got "no match for 'Helseområde'; did you mean 'Helseområde'?"."""
    data = data_folder(tmp_path)
    area = data / "areas" / "2-digitale-hjemmetjenester.yaml"
    area.write_text(area.read_text(encoding="utf-8").replace("  nb: Digitale hjemmetjenester", "  nb: Helseområde", 1))
    query = unicodedata.normalize("NFD", "Helseområde")
    assert query != "Helseområde"
    result = run("explain", query, "verdiskaping", "--data", str(data))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Helseområde (4.3.2)")


def test_set_finds_an_area_by_its_name_typed_decomposed(run: Run, tmp_path: Path) -> None:
    """Low: `--set NAME.DRIVER=…` with a Korean name typed decomposed (NFD: 3 code points a
    syllable) was not found: the look-up bounded a typed name by twice the folded one."""
    data = data_folder(tmp_path)
    area = data / "areas" / "2-digitale-hjemmetjenester.yaml"
    name = "각" * 60
    area.write_text(area.read_text(encoding="utf-8").replace("  nb: Digitale hjemmetjenester", f"  nb: {name}", 1))
    for typed in (name, unicodedata.normalize("NFD", name)):
        result = run("score", "-f", "csv", str(data), "--set", f"{typed}.lokale-behov=fokus")
        assert result.exit_code == 0, result.stderr
        assert result.stderr.startswith(f"hva om: {name} – Lokale behov: 🟢 Grønn → 🟡 Gul"), result.stderr


def test_tabs_inside_quoted_and_block_text_are_text() -> None:
    """Careless data: tabs inside quoted strings or block-scalar text were refused as indentation."""
    text = "id: x\nname: \"a\\tb\n \tc\"\nsummary: |\n  line\n  \tindented text\nquote: 'x\ty'\n"
    problems = Problems()
    node = parse_text(text, "area.yaml", problems)
    assert node is not None and [p.code for p in problems.items] == []
    problems = Problems()
    assert parse_text("id: x\n\tname: y\n", "area.yaml", problems) is None
    assert [f"{p.location} {p.code}" for p in problems.items] == ["area.yaml:2:1 tab"]
    # a quoted text's next line needs a space before any tab (yaml-test-suite DK95/01; libyaml accepts it)
    problems = Problems()
    assert parse_text('id: x\nname: "a\n\tc"\n', "area.yaml", problems) is None
    assert [f"{p.location} {p.code}" for p in problems.items] == ["area.yaml:3:1 yaml-syntax"]


# --- numbers ---------------------------------------------------------------------------------------


def test_an_amount_never_displays_rounded_up_across_a_band() -> None:
    """Low: `99,99999 MNOK` displayed as "100 MNOK"."""
    low = parse_single("99,99999 MNOK", UNITS)
    assert format_amount(low, UNITS, "nb") == "99,99999 MNOK"
    low = parse_single("99,9999999 MNOK", UNITS)
    assert format_amount(low, UNITS, "nb") == "99,999999 MNOK"  # cut, not rounded up
    assert format_amount(Decimal(250_000_000), UNITS, "en") == "250 MNOK"


def test_an_amount_just_under_a_bound_compares_exactly(run: Run, tmp_path: Path) -> None:
    """Low: a 29-significant-digit amount just under 100 MNOK scored yellow (context rounding);
    the longest amount now read is MAX_DIGITS digits, and it compares exactly."""
    data = data_folder(tmp_path)
    area = data / "areas" / "2-digitale-hjemmetjenester.yaml"
    text = area.read_text(encoding="utf-8")
    assert "amount: minst 100 MNOK" in text
    area.write_text(text.replace("amount: minst 100 MNOK", "amount: 99 999 999,9999999 NOK"))
    result = run("score", "-f", "csv", str(data))
    assert result.exit_code == 0, result.stderr
    row = next(
        line
        for line in result.stdout.splitlines()
        if line.startswith("digitale-hjemmetjenester,") and ",verdiskaping," in line
    )
    assert row.split(",")[5] == "red"  # computed (the shipped cell shows its judgement beside it)
    area.write_text(area.read_text(encoding="utf-8").replace("99 999 999,9999999 NOK", "99 999 999,99999999999999 NOK"))
    result = run("validate", str(data))
    assert result.exit_code == 1 and "significant digits" in result.stderr and "[bad-amount]" in result.stderr


def test_level_empty_list_is_refused_and_score_does_not_crash(run: Run) -> None:
    """Medium: `level: []` passed validate and crashed score, report, explain and diff."""
    case = ROOT / "tests" / "fixtures" / "invalid" / "level-empty-list" / "areas"
    located = "level-empty-list/areas/area.yaml:13:12: error: level is empty [empty-value]"
    for command in (
        ("validate", str(case)),
        ("score", str(case)),
        ("report", str(case)),
        ("explain", "testomrade", "--data", str(case)),
        ("explain", "testomrade", "lokale-behov", "--data", str(case)),
        ("diff", str(ROOT), str(case)),  # the broken data as the new side, as the old, and as both
        ("diff", str(case), str(ROOT)),
        ("diff", str(case), str(case)),
    ):
        result = run(*command)
        assert result.exit_code == 1 and located in result.stderr, (command, result.output)
        clean(result)


def test_a_superscript_count_is_refused_not_a_crash(run: Run) -> None:
    """Low: checklist `from: "²"` crashed validate."""
    result = run("validate", str(ROOT / "tests" / "fixtures" / "invalid" / "checklist-count-superscript"))
    assert result.exit_code == 1 and "'²' is not a count [bad-count]" in result.stderr
    clean(result)


# --- which files are read ------------------------------------------------------------------------


def test_a_fifo_among_the_inputs_is_refused_without_hanging(run: Run, tmp_path: Path) -> None:
    """Medium: a FIFO named like an area file hung forever."""
    data = data_folder(tmp_path)
    os.mkfifo(data / "areas" / "pipe.yaml")
    result = run("validate", str(data))
    assert result.exit_code == 1 and "areas/pipe.yaml: error: is a FIFO (named pipe)" in result.stderr
    clean(result)


def test_a_socket_or_device_is_refused_where_given(run: Run, tmp_path: Path) -> None:
    data = data_folder(tmp_path)
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(data / "areas" / "sock.yaml"))
    try:
        result = run("validate", str(data))
    finally:
        server.close()
    assert result.exit_code == 1 and "sock.yaml: error: is a socket" in result.stderr
    problems = Problems()
    assert read_text(Path("/dev/zero"), "zero.yaml", problems) is None  # never read until memory runs out
    assert [p.code for p in problems.items] == ["not-a-file"]


def test_a_link_to_dev_zero_or_out_of_the_tree_is_refused(run: Run, tmp_path: Path) -> None:
    """Medium: `areas/x.yaml -> /dev/zero` read until out of memory; git can carry such a link."""
    data = data_folder(tmp_path)
    (data / "areas" / "zero.yaml").symlink_to("/dev/zero")
    (data / "areas" / "passwd.yaml").symlink_to("/etc/passwd")
    (data / "areas" / "inside.yaml").symlink_to(data / "areas" / "1-foregangskommune.yaml")
    result = run("validate", str(data))
    assert result.exit_code == 1, result.output
    assert "zero.yaml: error: is a link to a file outside the data folder" in result.stderr
    assert "passwd.yaml: error: is a link to a file outside the data folder" in result.stderr
    assert "root:" not in result.output
    given = run("validate", str(data / "areas" / "zero.yaml"), "--criteria", str(data / "criteria"))
    assert given.exit_code == 1 and "is a device" in given.stderr  # named on the command line: read, but bounded
    (data / "areas" / "zero.yaml").unlink()
    (data / "areas" / "passwd.yaml").unlink()
    inside = run("validate", str(data))
    assert inside.exit_code == 1 and "inside.yaml:3:1: error: area 'foregangskommune' is already used" in inside.stderr
    clean(result)


def test_files_skipped_by_their_names_are_reported(run: Run, tmp_path: Path) -> None:
    """Low: symlinked subfolders and *.YAML files were skipped without a word; an editor's
    lock file (.#x.yaml) made validate fail."""
    data = data_folder(tmp_path)
    (data / "areas" / ".#1-foregangskommune.yaml").symlink_to("user@host.1234:1700000000")  # as Emacs makes it
    (data / "areas" / "2-digitale-hjemmetjenester.yaml.orig").write_text("id: old\n")
    (data / "areas" / "EKSTRA.YAML").write_text("id: ekstra\n")
    (tmp_path / "more").mkdir()
    (data / "areas" / "linked").symlink_to(tmp_path / "more", target_is_directory=True)
    result = run("validate", str(data))
    err = result.stderr
    assert "EKSTRA.YAML:1:1: error" in err  # read, so its problems are found
    assert ".#1-foregangskommune.yaml: note: hidden file not read" in err
    assert "2-digitale-hjemmetjenester.yaml.orig: note: not read" in err
    assert "linked: warning: a linked folder is not followed" in err
    (data / "areas" / "EKSTRA.YAML").unlink()
    (data / "areas" / "linked").unlink()
    result = run("validate", str(data))
    assert result.exit_code == 0 and "0 errors, 0 warnings" in result.stderr  # a lock file no longer fails
    notes = Problems()
    notes.note(Location("x"), "skipped-hidden", "hidden file not read")
    assert exit_code(notes, strict=True) == 0  # notes never fail a run, even strict


# --- output size -----------------------------------------------------------------------------------


def test_one_very_long_name_does_not_pad_every_markdown_row(run: Run, tmp_path: Path) -> None:
    """Medium: output and memory grew as areas × the longest name (MemoryError at 1 000 areas)."""
    data = data_folder(tmp_path)
    area = data / "areas" / "1-foregangskommune.yaml"  # no override: its name is not repeated in a note
    long_name = "Foregangskommune " + "x" * 50_000
    text = area.read_text(encoding="utf-8")
    area.write_text(
        text.replace("  nb: Foregangskommune for bærekraftige helse- og omsorgstjenester", f"  nb: {long_name}", 1)
    )
    result = run("score", "-f", "markdown", str(data))
    assert result.exit_code == 0
    assert len(result.stdout) < 2 * len(long_name)  # the long name once, no row padded to it


@pytest.mark.parametrize("dots", [1, 5_000])
def test_set_with_many_dots_is_a_usage_error(run: Run, dots: int) -> None:
    result = run("score", "--set", "." * dots + "=1")
    assert result.exit_code == 2 and "no area" in result.stderr
    assert run("score", "--set", "digitale-hjemmetjenester.verdiskaping=2 mrd").exit_code == 0


def test_a_superscript_section_does_not_crash_the_report_or_the_order(run: Run, tmp_path: Path) -> None:
    """Found by the fuzz run: a section like "4.³" crashed report (int('³'): str.isdigit() is true)."""
    data = data_folder(tmp_path)
    area = data / "areas" / "2-digitale-hjemmetjenester.yaml"
    text = area.read_text(encoding="utf-8")
    assert 'section: "4.3.2"' in text
    area.write_text(text.replace('section: "4.3.2"', 'section: "4.³"'), encoding="utf-8")
    for command in (("report",), ("score", "-f", "markdown")):
        result = run(*command, str(data))
        assert result.exit_code == 0, result.output
        clean(result)


def test_scoring_indexes_an_areas_evidence_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Low: drivers × evidence work grew quadratically (each driver searched the evidence list).
    The timing is benchmarks/hostile.py's; here the search itself: never once per driver."""
    from veikart_cli.engine.scoring import score
    from veikart_cli.model.evidence import Area

    dataset = veikart.load(ROOT).dataset
    assert dataset is not None
    searches: list[str] = []
    real = Area.evidence_for
    monkeypatch.setattr(Area, "evidence_for", lambda self, driver: searches.append(driver) or real(self, driver))
    matrix = score(dataset.framework, dataset.areas)
    assert len(matrix.rows) == 7 and searches == []
