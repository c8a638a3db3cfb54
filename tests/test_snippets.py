"""The README's pre-commit and GitHub Actions snippets, run as written, the way pre-commit and
the runner run them: a hook is its `entry` from .pre-commit-hooks.yaml, then the snippet's
`args`, then the changed files that match `files` (all in one run: `require_serial`)."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, Run

from veikart_cli import __version__

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def readme_blocks(kind: str) -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(rf"```{kind}\n(.*?)```", text, re.DOTALL)


def snippet(marker: str) -> dict[str, object]:
    (found,) = [yaml.safe_load(block) for block in readme_blocks("yaml") if marker in block]
    assert isinstance(found, dict)
    return found


HOOKS = {hook["id"]: hook for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}


def precommit(run: Run, repo: Path, hook_id: str, files: list[str]) -> tuple[int, str]:
    """One hook of the README's snippet, as pre-commit runs it on `files` (paths from the repo's top)."""
    (config,) = snippet("repos:")["repos"]  # type: ignore[index]
    (used,) = [hook for hook in config["hooks"] if hook["id"] == hook_id]
    hook = HOOKS[hook_id]
    assert hook["require_serial"] is True  # one run sees every changed file
    command = shlex.split(hook["entry"]) + used.get("args", hook.get("args", []))
    if hook["pass_filenames"]:
        command += [name for name in files if re.search(hook["files"], name)]
    assert command[0] == "veikart"
    result = run(*command[1:], cwd=repo)
    return result.exit_code, result.output


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@t", *args], cwd=repo, check=True, capture_output=True
    )


def roadmap(folder: Path) -> Path:
    shutil.copytree(ROOT / "criteria", folder / "criteria")
    shutil.copytree(ROOT / "areas", folder / "areas")
    return folder


def test_the_snippets_pin_a_release() -> None:
    (config,) = snippet("repos:")["repos"]  # type: ignore[index]
    assert config["rev"] == f"v{__version__}"
    (install,) = [line for line in readme_blocks("yaml")[0].splitlines() if "pip install" in line]
    assert f"@v{__version__}" in install and config["repo"] in install
    project = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert f'Source = "{config["repo"]}"' in project  # one address everywhere


def test_a_staged_duplicate_id_fails_the_hook(run: Run, tmp_path: Path) -> None:
    repo = tmp_path
    roadmap(repo / "roadmap")
    git(repo, "init", "-q")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "roadmap")
    copy = repo / "roadmap" / "areas" / "8-kopi.yaml"
    shutil.copy(repo / "roadmap" / "areas" / "5-grunnforskning.yaml", copy)
    git(repo, "add", ".")
    status, output = precommit(run, repo, "veikart-validate", ["roadmap/areas/8-kopi.yaml"])
    assert status == 1 and "duplicate-area" in output
    assert output.count("error") >= 1 and "ok:" not in output


def test_all_files_of_a_large_roadmap_find_every_planted_duplicate(run: Run, tmp_path: Path) -> None:
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from generate import generate

    generate(2000, tmp_path / "big")
    areas = sorted((tmp_path / "big" / "areas").glob("*.yaml"))
    planted = areas[::100]  # 20 files take the id of the file before them
    for file in planted:
        before = areas[areas.index(file) - 1]
        old_id = re.search(r"^id: (.+)$", file.read_text(encoding="utf-8"), re.MULTILINE)
        new_id = re.search(r"^id: (.+)$", before.read_text(encoding="utf-8"), re.MULTILINE)
        assert old_id and new_id
        file.write_text(file.read_text(encoding="utf-8").replace(old_id.group(0), new_id.group(0)), encoding="utf-8")
    files = [str(p.relative_to(tmp_path)) for p in sorted((tmp_path / "big").rglob("*.yaml"))]
    status, output = precommit(run, tmp_path, "veikart-validate", files)
    assert status == 1
    assert len(re.findall(r"duplicate-area", output)) == len(planted) == 20
    assert output.count("errors") + output.count("error,") <= 2  # one verdict


def test_two_roadmaps_in_one_repository_are_each_checked_once(run: Run, tmp_path: Path) -> None:
    roadmap(tmp_path / "helse")
    roadmap(tmp_path / "klima")
    changed = ["helse/areas/1-foregangskommune.yaml", "klima/criteria/trondheim-helse-2021.yaml"]
    status, output = precommit(run, tmp_path, "veikart-validate", changed)
    assert status == 0 and "ok: 2 roadmaps, 2 frameworks, 14 areas" in output
    broken = tmp_path / "klima" / "areas" / "3-helsedata-persontilpasset-medisin.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("id: ", "id: Ugyldig ", 1), encoding="utf-8")
    status, output = precommit(run, tmp_path, "veikart-validate", changed)
    assert status == 1 and "klima" in output and "ok:" not in output


def test_the_report_hook_works_for_a_roadmap_in_a_subfolder(run: Run, tmp_path: Path) -> None:
    roadmap(tmp_path / "roadmap")
    (tmp_path / "docs").mkdir()
    assert run("report", "-o", "docs/report.md", cwd=tmp_path).exit_code == 0
    status, output = precommit(run, tmp_path, "veikart-report-check", ["roadmap/areas/1-foregangskommune.yaml"])
    assert status == 0 and "up to date" in output and "reading the roadmap in roadmap" in output


def test_several_roadmaps_below_are_named_not_guessed(run: Run, tmp_path: Path) -> None:
    roadmap(tmp_path / "helse")
    roadmap(tmp_path / "klima")
    result = run("report", "--check", "docs/report.md", cwd=tmp_path)
    assert result.exit_code == 2 and "helse" in result.stderr and "klima" in result.stderr


def test_the_actions_job_runs_as_written(run: Run, tmp_path: Path) -> None:
    (job,) = snippet("runs-on")["jobs"].values()  # type: ignore[union-attr]
    commands = [step["run"] for step in job["steps"] if "run" in step and step["run"].startswith("veikart ")]
    assert commands, "the job runs veikart"
    shutil.copytree(ROOT / "criteria", tmp_path / "criteria")
    shutil.copytree(ROOT / "areas", tmp_path / "areas")
    (tmp_path / "docs").mkdir()
    assert run("report", "-o", "docs/report.md", cwd=tmp_path).exit_code == 0
    for command in commands:
        args = shlex.split(command)[1:]
        result = run(*args, cwd=tmp_path, env={"GITHUB_ACTIONS": "true"})
        assert result.exit_code in (0, 1), (command, result.output)  # 1: the data's own warnings under --strict
        assert "Traceback" not in result.output
