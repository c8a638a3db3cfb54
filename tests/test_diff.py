"""veikart diff across two real git commits, and between folders (issue 7)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, Run

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
        "grunnlaget endret: 200–300 MNOK → 1,2 mrd",
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


def test_a_revision_is_read_in_memory_and_nothing_is_written(repo: Path, tmp_path: Path) -> None:
    temporary = tmp_path / "tmp"
    temporary.mkdir()
    env = {**os.environ, "TMPDIR": str(temporary)}
    done = subprocess.run([sys.executable, "-m", "veikart_cli", "diff", "HEAD~1", "HEAD"], cwd=repo, env=env)  # noqa: PLW1510
    assert done.returncode == 0
    assert list(temporary.iterdir()) == []
    assert git(repo, "status", "--porcelain", "--ignored") == ""


def test_a_folder_named_like_a_revision_is_an_error_naming_both(run: Run, repo: Path) -> None:
    shutil.copytree(repo / "areas", repo / "main" / "areas")
    shutil.copytree(repo / "criteria", repo / "main" / "criteria")
    result = run("diff", "main", "HEAD", "--exit-code", cwd=repo)
    assert result.exit_code == 2
    assert "both a folder and a git revision" in result.stderr and "./main" in result.stderr
    assert run("diff", "./main", "HEAD", cwd=repo).exit_code in (0, 3)  # the folder, said so
    assert run("diff", "main^{commit}", "HEAD", cwd=repo).exit_code == 0  # the revision, said so


def test_a_file_over_the_size_limit_at_a_revision_is_not_read(run: Run, repo: Path) -> None:
    big = repo / "areas" / "9-big.yaml"
    big.write_text("# " + "x" * 1_000_001 + "\n")
    (repo / "notes.bin").write_bytes(b"\0" * 3_000_000)  # outside the roadmap: never read
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "big")
    result = run("diff", "HEAD~1", "HEAD", cwd=repo)
    assert result.exit_code == 1
    assert "9-big.yaml" in result.stderr and "limit" in result.stderr


def test_a_missing_object_is_a_located_error(run: Run, repo: Path) -> None:
    sha = git(repo, "rev-parse", "HEAD:areas/8-ny.yaml").strip()
    (repo / ".git" / "objects" / sha[:2] / sha[2:]).unlink()
    result = run("diff", "HEAD~1", "HEAD", cwd=repo)
    assert result.exit_code == 1
    assert "8-ny.yaml" in result.stderr and "no contents" in result.stderr


def test_diff_never_writes_over_the_working_trees_data(run: Run, repo: Path) -> None:
    target = repo / "areas" / "8-ny.yaml"
    before = target.read_bytes()
    result = run("diff", "HEAD~1", "HEAD", "-o", str(target), cwd=repo)
    assert result.exit_code == 2 and "input" in result.stderr
    untracked = repo / "areas" / "9-new.yaml"  # in neither revision
    shutil.copy(target, untracked)
    untracked.write_text(untracked.read_text().replace("id: nytt-omrade", "id: nyere"))
    assert run("diff", "HEAD~1", "HEAD", "-o", str(untracked), cwd=repo).exit_code == 2
    assert target.read_bytes() == before


def test_a_configured_framework_missing_at_a_revision_is_a_located_error(run: Run, tmp_path: Path) -> None:
    """[tool.veikart] names the framework as it is now; at the older revision it had another name."""
    (tmp_path / "fw").mkdir()
    shutil.copy(next((ROOT / "criteria").glob("*.yaml")), tmp_path / "fw" / "old.yaml")
    shutil.copytree(ROOT / "areas", tmp_path / "areas")
    config = tmp_path / "pyproject.toml"
    config.write_text('[tool.veikart]\ncriteria = "fw/old.yaml"\nareas = "areas"\n', encoding="utf-8")
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "1")
    git(tmp_path, "mv", "fw/old.yaml", "fw/new.yaml")
    config.write_text(config.read_text(encoding="utf-8").replace("old.yaml", "new.yaml"), encoding="utf-8")
    git(tmp_path, "commit", "-q", "-am", "2")
    for command in (("diff",), ("history",)):
        result = run(*command, "HEAD~1", "HEAD", cwd=tmp_path)
        assert result.exit_code == 1, (command, result.stderr)
        assert "HEAD~1" in result.stderr and "fw/new.yaml" in result.stderr, result.stderr
        assert "internal error" not in result.stderr
