"""veikart diff across two real git commits, and between folders (issue 7)."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, Run

from veikart_cli.app.writer import ABANDONED_NS

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(repo: Path, *args: str) -> str:
    env = {
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@t",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@t",
        "PATH": "/usr/bin:/bin",
    }
    done = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=True, env=env)
    return done.stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """Two commits: the shipped data, then one revised the ways a roadmap is revised."""
    shutil.copytree(ROOT / "criteria", tmp_path / "criteria")
    shutil.copytree(ROOT / "areas", tmp_path / "areas")
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "2021")
    area = tmp_path / "areas" / "1-foregangskommune.yaml"
    area.write_text(
        area.read_text(encoding="utf-8").replace("amount: 200–300 MNOK", "amount: 1,2 mrd"), encoding="utf-8"
    )
    shutil.move(tmp_path / "areas" / "6-inkluderende-fellesskap.yaml", tmp_path / "areas" / "8-ny.yaml")
    new = tmp_path / "areas" / "8-ny.yaml"
    new.write_text(
        new.read_text(encoding="utf-8").replace("id: inkluderende-fellesskap", "id: nytt-omrade"), encoding="utf-8"
    )
    basic = tmp_path / "areas" / "5-grunnforskning.yaml"
    text = basic.read_text(encoding="utf-8")
    start = text.index("    override:")
    end = text.index("    because:", start)
    basic.write_text(text[:start] + "    amount: 50 MNOK\n" + text[end:], encoding="utf-8")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "2025")
    return tmp_path


def test_diff_between_two_commits_lists_changes_and_causes(run: Run, repo: Path) -> None:
    result = run("diff", "HEAD~1", "HEAD", "--format", "json", "--lang", "en", cwd=repo)
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    changes = {(c["area"], c["driver"]): c for c in data["changes"]}
    assert changes[("foregangskommune", "verdiskaping")]["before"] == ["yellow"]
    assert changes[("foregangskommune", "verdiskaping")]["after"] == ["green"]
    assert changes[("foregangskommune", "verdiskaping")]["causes"] == ["evidence"]
    assert changes[("grunnforskning", "verdiskaping")]["causes"] == ["evidence", "override-removed"]
    assert len(changes) == 2
    assert data["areas_added"] == ["nytt-omrade"] and data["areas_removed"] == ["inkluderende-fellesskap"]
    assert git(repo, "status", "--porcelain") == ""  # read with git, nothing checked out


def test_diff_markdown_is_a_pull_request_comment(run: Run, repo: Path) -> None:
    from test_cli import table_rows

    result = run("diff", "main~1", "main", "-f", "markdown", cwd=repo)
    assert result.exit_code == 0
    assert result.stdout.startswith("### veikart diff main\\~1 → main\n")
    rows = table_rows(result.stdout)
    assert rows[0] == ["Mulighetsområde", "Driver", "Før", "Etter", "Hvorfor"]
    assert rows[1] == [
        "Foregangskommune for bærekraftige helse- og omsorgstjenester",
        "Verdiskaping",
        "🟡 Gul",
        "🟢 Grønn",
        "grunnlaget endret: 200 MNOK – 300 MNOK → 1,2 mrd",
    ]
    assert "+ Inkluderende fellesskap og livskvalitet (nytt-omrade)" in result.stdout
    assert "− Inkluderende fellesskap og livskvalitet (inkluderende-fellesskap)" in result.stdout


def test_criteria_changes_are_named_as_the_cause(run: Run, repo: Path) -> None:
    crit = repo / "criteria" / "trondheim-helse-2021.yaml"
    crit.write_text(crit.read_text(encoding="utf-8").replace("from: 1 mrd", "from: 250 MNOK"), encoding="utf-8")
    result = run("diff", "HEAD", str(repo), "-f", "json", cwd=repo)  # a revision against the working folder
    assert result.exit_code == 0, result.stderr
    causes = {c["area"]: c["causes"] for c in json.loads(result.stdout)["changes"]}
    assert causes["helsedata-persontilpasset-medisin"] == ["criteria"]  # 0–500 MNOK now reaches green


def test_exit_code_only_when_asked(run: Run, repo: Path) -> None:
    assert run("diff", "HEAD~1", "HEAD", cwd=repo).exit_code == 0
    assert run("diff", "HEAD~1", "HEAD", "--exit-code", cwd=repo).exit_code == 3
    assert run("diff", "HEAD", "HEAD", "--exit-code", cwd=repo).exit_code == 0


def test_unknown_revision_is_a_usage_error_and_broken_data_exit_1(run: Run, repo: Path) -> None:
    assert run("diff", "nope", "HEAD", cwd=repo).exit_code == 2
    (repo / "areas" / "9-broken.yaml").write_text("id: [\n")
    result = run("diff", "HEAD", str(repo), cwd=repo)
    assert result.exit_code == 1 and "9-broken.yaml:" in result.stderr


SIGNALLED_DIFF = """
import os, signal, sys
from veikart_cli.app import data
from veikart_cli.cli import main
signum = getattr(signal, sys.argv[1])
def stopped(*args, **kwargs):
    os.kill(os.getpid(), signum)
data.load_dataset = stopped
sys.argv = ["veikart", "diff", "HEAD~1", "HEAD"]
main()
"""


@pytest.mark.parametrize("signal_name", ["SIGTERM", "SIGHUP", "SIGKILL"])
def test_a_diff_ended_by_a_signal_leaves_no_temporary_folder(repo: Path, tmp_path: Path, signal_name: str) -> None:
    """Low: temporary files were left after Ctrl-C, SIGTERM or kill -9; `diff REV REV` writes
    the revisions' files into a folder of its own. SIGTERM and SIGHUP remove it before the
    process ends as the signal says; after kill -9 the next diff removes it."""
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    env = {**os.environ, "TMPDIR": str(temporary)}
    done = subprocess.run([sys.executable, "-c", SIGNALLED_DIFF, signal_name], cwd=repo, env=env, timeout=120)  # noqa: PLW1510
    assert done.returncode == -getattr(signal, signal_name)
    if signal_name == "SIGKILL":
        (left,) = temporary.iterdir()  # what kill -9 leaves …
        assert left.name.startswith("veikart-diff-")
        kept = [temporary / "veikart-diff-notes", temporary / f"veikart-diff-{os.getpid()}-abcd_123"]  # a live one's
        for folder in kept:
            folder.mkdir()
        kept.append(temporary / "veikart-diff-20240501-main.md")  # a user's own file, named alike
        kept[-1].write_text("")
        old = time.time_ns() - ABANDONED_NS - 10**9
        for path in (left, *kept):
            os.utime(path, ns=(old, old))
        again = subprocess.run([sys.executable, "-m", "veikart_cli", "diff", "HEAD~1", "HEAD"], cwd=repo, env=env)  # noqa: PLW1510
        assert again.returncode == 0
        assert sorted(temporary.iterdir()) == sorted(kept)
    else:
        assert list(temporary.iterdir()) == []


@pytest.mark.parametrize("name", ["../outside.yaml", "areas/../../outside.yaml", "areas//x.yaml", "./x.yaml"])
def test_a_crafted_tree_entry_never_writes_outside_the_snapshot(tmp_path: Path, name: str) -> None:
    # git refuses such entries when it checks objects, but a fetched repository need not be checked
    from veikart_cli.app.revisions import RevisionError, _write_into

    root = tmp_path / "snapshot"
    root.mkdir()
    with pytest.raises(RevisionError, match="cannot be a path"):
        _write_into(root, name, b"id: x\n")
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["snapshot"]
