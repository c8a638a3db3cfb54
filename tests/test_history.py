"""veikart history: three quarterly editions of the prosjektstatus example, as git tags and as
folders, against a table written by hand from the area files below (issue 24, point 3)."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, Run

from veikart_cli.engine.diff import HistoryError, history
from veikart_cli.engine.scoring import score

EXAMPLE = ROOT / "examples" / "prosjektstatus"
FRAMEWORK = "criteria/prosjektstatus.yaml"

# 1st and 2nd quarter: the budget's yellow band reached ±15 %; the 3rd quarter's edition (the
# shipped example, as it is) narrowed it to ±10 %.
OLD_BAND = (
    "{colour: gul, at-most: 10 %, criterion: Innenfor ±10 %}",
    "{colour: gul, at-most: 15 %, criterion: Innenfor ±15 %}",
)

SOURCE = "    sources:\n      - section: Statusmøte\n        quote: Som referert.\n"
RISK = "  risiko:\n    level: {level}\n    because: Risikologgen.\n" + SOURCE


def area(id_: str, name: str, section: str, weeks: str, budget: str, risk: str, extra: str = "") -> str:
    return (
        f'id: {id_}\nname: {name}\nsection: "{section}"\nsummary: Et prosjekt.\n{extra}evidence:\n'
        f"  fremdrift:\n    value: {weeks}\n    because: Statusmøtet.\n{SOURCE}"
        f'  budsjett:\n    value: "{budget}"\n    because: Økonomirapporten.\n{SOURCE}' + RISK.format(level=risk)
    )


Q1 = {
    "timebestilling.yaml": area("timebestilling", "Digital timebestilling", "P1", "5 uker", "-3 %", "middels"),
    "velferdsteknologi.yaml": area(
        "velferdsteknologi", "Velferdsteknologi i hjemmetjenesten", "P2", "2 uker", "4 %", "middels"
    ),
    "arkiv.yaml": area("sak-arkiv", "Sak- og arkivsystem", "P3", "1 uke", "8 %", "lav"),
    "byggesak.yaml": area("byggesak", "Digital byggesøknad", "P5", "0 uker", "2 %", "lav"),
}
Q2 = {
    "timebestilling.yaml": area("timebestilling", "Digital timebestilling", "P1", "1 uke", "-3 %", "middels"),
    "velferdsteknologi.yaml": area(
        "velferdsteknologi", "Velferdsteknologi i hjemmetjenesten", "P2", "4–8 uker", "12 %", "middels"
    ),
    # a new id, the old one kept as an alias; and a new name
    "arkiv.yaml": area("arkiv", "Nytt sak- og arkivsystem", "P3", "1 uke", "3 %", "lav", "aliases: [sak-arkiv]\n"),
    "innbyggerportal.yaml": (EXAMPLE / "areas" / "innbyggerportal.yaml").read_text(encoding="utf-8"),
}

# The table, by hand. 1st → 2nd quarter: timebestilling's delay 5 → 1 week (yellow → green);
# velferdsteknologi's delay 2 → 4–8 weeks (green → yellow/red) and budget 4 → 12 % (green →
# yellow under ±15 %), so its overall (the worst) goes yellow → yellow/red; the archive gets a new
# id and name and its budget 8 → 3 % (yellow → green), overall yellow → green; byggesak is gone,
# innbyggerportal is new. 2nd → 3rd: the narrower budget band makes 12 % red (the criteria
# alone); risiko middels → hoy; that overall goes red; the archive is finished (every cell a
# state; the budget's rule changed too); timebestilling's delay -1 week is still green: no change.
EXPECTED_COLOURS = [
    # area, driver, q1, q2, q3
    ("timebestilling", "fremdrift", "gul", "gronn", "gronn"),
    ("timebestilling", "budsjett", "gronn", "gronn", "gronn"),
    ("timebestilling", "risiko", "gul", "gul", "gul"),
    ("timebestilling", "overall", "gul", "gul", "gul"),
    ("velferdsteknologi", "fremdrift", "gronn", "gul/rod", "gul/rod"),
    ("velferdsteknologi", "budsjett", "gronn", "gul", "rod"),
    ("velferdsteknologi", "risiko", "gul", "gul", "rod"),
    ("velferdsteknologi", "overall", "gul", "gul/rod", "rod"),
    ("arkiv", "fremdrift", "gronn", "gronn", "fullfort"),
    ("arkiv", "budsjett", "gul", "gronn", "fullfort"),
    ("arkiv", "risiko", "gronn", "gronn", "fullfort"),
    ("arkiv", "overall", "gul", "gronn", "fullfort"),
    ("innbyggerportal", "fremdrift", "", "gul", "gul"),
    ("innbyggerportal", "budsjett", "", "ikke-vurdert", "ikke-vurdert"),
    ("innbyggerportal", "risiko", "", "gronn", "gronn"),
    ("innbyggerportal", "overall", "", "gul", "gul"),
    ("byggesak", "fremdrift", "gronn", "", ""),
    ("byggesak", "budsjett", "gronn", "", ""),
    ("byggesak", "risiko", "gronn", "", ""),
    ("byggesak", "overall", "gronn", "", ""),
]

# Evidence is worded as `veikart diff` words it (render/phrases.py evidence_text), amounts as
# model/amounts.py writes them: "1 uker", and the target 0 in the last unit declared ("0 dager").
EXPECTED_CHANGES = {
    (
        "timebestilling",
        "fremdrift",
    ): "q2: 🟡 Gul → 🟢 Grønn (grunnlaget endret: 5 uker (mål 0 dager) → 1 uker (mål 0 dager))",
    (
        "velferdsteknologi",
        "fremdrift",
    ): "q2: 🟢 Grønn → 🟡 Gul / 🔴 Rød (grunnlaget endret: 2 uker (mål 0 dager) → 4–8 uker (mål 0 dager))",
    ("velferdsteknologi", "budsjett"): "q2: 🟢 Grønn → 🟡 Gul (grunnlaget endret: 4 % (mål 0 %) → 12 % (mål 0 %)); "
    "q3: 🟡 Gul → 🔴 Rød (kriteriet endret)",
    ("velferdsteknologi", "risiko"): "q3: 🟡 Gul → 🔴 Rød (grunnlaget endret: Minst én middels risiko med tiltak → "
    "Minst én høy risiko uten tiltak)",
    ("velferdsteknologi", "overall"): "q2: 🟡 Gul → 🟡 Gul / 🔴 Rød (Fremdrift, Budsjettavvik); "
    "q3: 🟡 Gul / 🔴 Rød → 🔴 Rød (Budsjettavvik, Risiko)",
    (
        "arkiv",
        "fremdrift",
    ): "q2: ny id: sak-arkiv → arkiv; q2: nytt navn: Sak- og arkivsystem → Nytt sak- og arkivsystem; "
    "q3: 🟢 Grønn → 🔵 Fullført (grunnlaget endret: 1 uker (mål 0 dager) → Systemet ble satt i drift 1. september; "
    "prosjektet er avsluttet.)",
    ("arkiv", "budsjett"): "q2: 🟡 Gul → 🟢 Grønn (grunnlaget endret: 8 % (mål 0 %) → 3 % (mål 0 %)); "
    "q3: 🟢 Grønn → 🔵 Fullført (grunnlaget endret: 3 % (mål 0 %) → Sluttregnskapet er godkjent.; kriteriet endret)",
    ("arkiv", "risiko"): "q3: 🟢 Grønn → 🔵 Fullført (grunnlaget endret: Ingen risiko over middels → "
    "Risikologgen er lukket ved avslutning.)",
    (
        "arkiv",
        "overall",
    ): "q2: 🟡 Gul → 🟢 Grønn (Budsjettavvik); q3: 🟢 Grønn → 🔵 Fullført (Fremdrift, Budsjettavvik, Risiko)",
    ("innbyggerportal", "fremdrift"): "q2: lagt til",
    ("byggesak", "fremdrift"): "q2: fjernet",
}


def git(repo: Path, *args: str) -> None:
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t"}
    subprocess.run(["git", *args], cwd=repo, capture_output=True, check=True, env={**env, "PATH": "/usr/bin:/bin"})


def edition(folder: Path, areas: dict[str, str] | None) -> Path:
    """The example as it is (the 3rd quarter), or the older framework with these area files."""
    shutil.copytree(EXAMPLE, folder, dirs_exist_ok=True)
    if areas is not None:
        framework = folder / FRAMEWORK
        framework.write_text(framework.read_text(encoding="utf-8").replace(*OLD_BAND), encoding="utf-8")
        shutil.rmtree(folder / "areas")
        (folder / "areas").mkdir()
        for name, text in areas.items():
            (folder / "areas" / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def folders(tmp_path: Path) -> Path:
    for name, areas in (("q1", Q1), ("q2", Q2), ("q3", None)):
        edition(tmp_path / name, areas)
    return tmp_path


def table(csv_text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(csv_text)))


def test_three_folders_give_the_table_written_by_hand(run: Run, folders: Path) -> None:
    result = run("history", "q1", "q2", "q3", "-f", "csv", cwd=folders)
    assert result.exit_code == 0, result.stderr
    rows = table(result.stdout)
    assert rows[0] == ["area", "area_name", "driver", "driver_name", "q1", "q2", "q3", "changes"]
    assert [(r[0], r[2], r[4], r[5], r[6]) for r in rows[1:]] == EXPECTED_COLOURS
    changes = {(r[0], r[2]): r[7] for r in rows[1:] if r[7]}
    assert changes == EXPECTED_CHANGES
    names = {r[0]: r[1] for r in rows[1:]}
    assert names["arkiv"] == "Nytt sak- og arkivsystem" and names["byggesak"] == "Digital byggesøknad"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The same three editions as commits of one repository, tagged q1, q2 and q3."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    git(tmp_path, "init", "-q", "-b", "main")
    for name, areas in (("q1", Q1), ("q2", Q2), ("q3", None)):
        if (tmp_path / "areas").exists():
            shutil.rmtree(tmp_path / "areas")
        edition(tmp_path, areas)
        git(tmp_path, "add", "-A")
        git(tmp_path, "commit", "-q", "-m", name)
        git(tmp_path, "tag", name)
    return tmp_path


def test_three_git_tags_give_the_same_table_and_follow_areas_by_id(run: Run, repo: Path) -> None:
    result = run("history", "q1", "q2", "q3", "-f", "json", cwd=repo)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["editions"] == ["q1", "q2", "q3"]
    areas = {a["area"]: a for a in data["areas"]}
    assert list(areas) == ["timebestilling", "velferdsteknologi", "arkiv", "innbyggerportal", "byggesak"]
    assert areas["arkiv"]["ids"] == ["sak-arkiv", "arkiv", "arkiv"]  # one area, followed through its new id
    assert [(e["edition"], e["kind"]) for e in areas["arkiv"]["events"]] == [("q2", "new-id"), ("q2", "renamed")]
    assert areas["arkiv"]["events"][1]["before"] == "Sak- og arkivsystem"
    assert areas["innbyggerportal"]["ids"] == [None, "innbyggerportal", "innbyggerportal"]
    assert [e["kind"] for e in areas["byggesak"]["events"]] == ["removed"]
    rows = {(a["area"], r["driver"]): r for a in data["areas"] for r in a["rows"]}
    budget = rows[("velferdsteknologi", "budsjett")]
    assert budget["colours"] == [["gronn"], ["gul"], ["rod"]]
    assert [(e["edition"], e["causes"]) for e in budget["events"]] == [("q2", ["evidence"]), ("q3", ["criteria"])]
    assert budget["events"][0]["evidence_before"] == "4 % (mål 0 %)"
    overall = rows[("velferdsteknologi", "overall")]
    assert overall["events"][1] == {
        "edition": "q3",
        "kind": "colour",
        "before": ["gul", "rod"],
        "after": ["rod"],
        "cells": ["budsjett", "risiko"],
        "text": "q3: 🟡 Gul / 🔴 Rød → 🔴 Rød (Budsjettavvik, Risiko)",
    }
    assert rows[("byggesak", "risiko")]["colours"] == [["gronn"], None, None]
    gated = run("history", "q1", "q2", "q3", "--exit-code", "-f", "csv", cwd=repo)
    assert gated.exit_code == 3 and gated.stdout == run("history", "q1", "q2", "q3", "-f", "csv", cwd=repo).stdout
    assert run("history", "q3", "HEAD", "main", "--exit-code", cwd=repo).exit_code == 0  # nothing changed


MARKDOWN_HEAD = ["Prosjekt", "Driver", "q1", "q2", "q3", "Endringer"]
MARKDOWN_ROWS = [  # the first two areas, by hand
    [
        "Digital timebestilling",
        "Fremdrift",
        "🟡 Gul",
        "🟢 Grønn",
        "🟢 Grønn",
        EXPECTED_CHANGES[("timebestilling", "fremdrift")],
    ],
    ["", "Budsjettavvik", "🟢 Grønn", "🟢 Grønn", "🟢 Grønn", ""],
    ["", "Risiko", "🟡 Gul", "🟡 Gul", "🟡 Gul", ""],
    ["", "Samlet", "🟡 Gul", "🟡 Gul", "🟡 Gul", ""],
    [
        "Velferdsteknologi i hjemmetjenesten",
        "Fremdrift",
        "🟢 Grønn",
        "🟡 Gul / 🔴 Rød",
        "🟡 Gul / 🔴 Rød",
        EXPECTED_CHANGES[("velferdsteknologi", "fremdrift")],
    ],
]


def test_every_document_format_shows_the_table(run: Run, folders: Path) -> None:
    from test_cli import table_rows

    markdown = run("history", "q1", "q2", "q3", "-f", "markdown", cwd=folders)
    assert markdown.exit_code == 0, markdown.stderr
    assert markdown.stdout.startswith(
        "veikart history q1 → q2 → q3: 9 celler endret farge, 1 prosjekt lagt til, 1 fjernet\n"
    )
    rows = [[c.replace("<br>", "; ") for c in row] for row in table_rows(markdown.stdout)]
    assert rows[0] == MARKDOWN_HEAD
    assert rows[1:6] == MARKDOWN_ROWS
    assert rows[-4:] == [
        ["Digital byggesøknad", "Fremdrift", "🟢 Grønn", "–", "–", "q2: fjernet"],
        ["", "Budsjettavvik", "🟢 Grønn", "–", "–", ""],
        ["", "Risiko", "🟢 Grønn", "–", "–", ""],
        ["", "Samlet", "🟢 Grønn", "–", "–", ""],
    ]
    assert "- – ikke med i denne utgaven" in markdown.stdout

    html = run("history", "q1", "q2", "q3", "-o", str(folders / "h.html"), cwd=folders)
    assert html.exit_code == 0, html.stderr
    page = (folders / "h.html").read_text(encoding="utf-8")
    assert "<th>Endringer</th>" in page and "q3: 🟡 Gul → 🔴 Rød (kriteriet endret)" in page
    assert page.count("<tr>") == 21  # the header and 20 rows

    text = run("history", "q1", "q2", "q3", "-o", str(folders / "h.txt"), cwd=folders)
    assert text.exit_code == 0
    plain = (folders / "h.txt").read_text(encoding="utf-8")
    assert "Endringer" in plain and "q2: ny id: sak-arkiv →" in plain and "\x1b" not in plain

    terminal = run("history", "q1", "q2", "q3", "--color", "always", env={"COLUMNS": "240"}, cwd=folders)
    assert terminal.exit_code == 0 and "\x1b[" in terminal.stdout and "Nytt sak- og arkivsystem" in terminal.stdout

    pytest.importorskip("docx")
    word = run("history", "q1", "q2", "q3", "-o", str(folders / "h.docx"), cwd=folders)
    assert word.exit_code == 0, word.stderr
    import docx

    tables = docx.Document(str(folders / "h.docx")).tables
    assert [c.text for c in tables[0].rows[0].cells] == MARKDOWN_HEAD
    assert [c.text for c in tables[0].rows[2].cells][:5] == ["", "Budsjettavvik", "🟢 Grønn", "🟢 Grønn", "🟢 Grønn"]


def test_changed_keeps_only_what_changed(run: Run, folders: Path) -> None:
    result = run("history", "q1", "q2", "q3", "--changed", "-f", "csv", cwd=folders)
    assert result.exit_code == 0, result.stderr
    kept = [(r[0], r[2]) for r in table(result.stdout)[1:]]
    assert ("timebestilling", "budsjett") not in kept and ("timebestilling", "fremdrift") in kept
    assert [k for k in kept if k[0] == "innbyggerportal"] == [  # added: every row, to show what came
        ("innbyggerportal", d) for d in ("fremdrift", "budsjett", "risiko", "overall")
    ]
    assert (
        len(kept) == 1 + 4 + 4 + 4 + 4
    )  # timebestilling, velferdsteknologi; every row of arkiv (renamed) and the added and removed areas


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("q1",), "at least two editions"),
        (("q1", "q2", "q1"), "edition 'q1' is given twice"),
        (("q1", "nowhere"), "'nowhere' is neither a folder nor a git revision"),
        (("q1", "q2", "-f", "svg"), "'svg' is not one of: table, markdown, json, csv, html, docx"),
        (("q1", "q2", "-o", "h.pdf"), "cannot tell the format"),
        (("q1", "q2", "--lang", "en"), "'en' is not one of the framework's languages"),
    ],
)
def test_user_errors_are_messages_with_exit_2(run: Run, folders: Path, args: tuple[str, ...], message: str) -> None:
    result = run("history", *args, cwd=folders)
    assert result.exit_code == 2, result.output
    assert message in result.stderr and "Traceback" not in result.output


def test_a_broken_edition_is_reported_with_its_label(run: Run, folders: Path) -> None:
    broken = folders / "q2" / "areas" / "arkiv.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("level: lav", "level: ukjent"), encoding="utf-8")
    result = run("history", "q1", "q2", "q3", cwd=folders)
    assert result.exit_code == 1 and "in q2:" in result.stderr and result.stdout == ""


def test_data_text_cannot_act_in_any_format(run: Run, folders: Path) -> None:
    hostile = "=cmd|x ::error::a\x1b[31m <b>**b**</b> @all"
    path = folders / "q3" / "areas" / "arkiv.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("Nytt sak- og arkivsystem", json.dumps(hostile)), encoding="utf-8"
    )
    plain = run("history", "q1", "q2", "q3", env={"COLUMNS": "300"}, cwd=folders).stdout
    assert "\x1b" not in plain and "::error::" not in plain and "␛[31m" in plain
    markdown = run("history", "q1", "q2", "q3", "-f", "markdown", cwd=folders).stdout
    assert "<b>" not in markdown and "\\*\\*b\\*\\*" in markdown and "@&#8203;all" in markdown
    html = run("history", "q1", "q2", "q3", "-f", "html", cwd=folders).stdout
    assert "<b>" not in html and "&lt;b&gt;" in html
    rows = table(run("history", "q1", "q2", "q3", "-f", "csv", cwd=folders).stdout)
    assert next(r for r in rows if r[0] == "arkiv")[1].startswith("'=cmd")
    data = run("history", "q1", "q2", "q3", "-f", "json", cwd=folders).stdout
    assert json.loads(data)["areas"][2]["name"] == hostile


def test_the_engine_follows_an_id_that_comes_back_and_refuses_a_single_edition() -> None:
    import veikart_cli as veikart

    loaded = veikart.load(EXAMPLE)
    assert loaded.dataset is not None
    full = score(loaded.dataset.framework, loaded.dataset.areas)
    fewer = score(loaded.dataset.framework, tuple(a for a in loaded.dataset.areas if a.id != "arkiv"))
    found = history([("a", full), ("b", fewer), ("c", full)])
    archive = next(t for t in found.tracks if t.area.id == "arkiv")
    assert [(e.at, e.kind) for e in archive.events] == [(1, "removed"), (2, "added")]
    assert len(found.tracks) == 4 and not found.count("colour")
    with pytest.raises(HistoryError, match="at least two"):
        history([("a", full)])
    with pytest.raises(HistoryError, match="given twice"):
        history([("a", full), ("a", full)])


def test_the_readme_sample_is_what_the_command_prints(run: Run, folders: Path) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = "$ veikart history q1 q2 q3 --changed -f markdown\n```\n\n"
    sample = readme[readme.index(command) + len(command) : readme.index("\n\n**Gates.**")] + "\n"
    assert run("history", "q1", "q2", "q3", "--changed", "-f", "markdown", cwd=folders).stdout == sample
