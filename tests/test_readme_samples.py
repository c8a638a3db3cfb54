"""Every sample output in the README (a block that starts with `$ command`) is what the code
prints now: each is run, in the setting its text describes, and compared line for line."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, Run

README = (ROOT / "README.md").read_text(encoding="utf-8")
# A block whose output follows outside it (the history's Markdown, rendered) is tested by its own test.
SAMPLES = [(c, e) for c, e in re.findall(r"```\n\$ (.*?)\n(.*?)```", README, re.DOTALL) if e]


def shipped(folder: Path) -> Path:
    shutil.copytree(ROOT / "criteria", folder / "criteria")
    shutil.copytree(ROOT / "areas", folder / "areas")
    return folder


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@t", *args], cwd=repo, check=True, capture_output=True
    )


def two_commits(folder: Path) -> Path:
    """The repository the diff sample describes: 4.3.1's amount went from 200–300 MNOK to 1,2 mrd."""
    shipped(folder)
    git(folder, "init", "-q", "-b", "main")
    git(folder, "add", ".")
    git(folder, "commit", "-qm", "2021")
    area = folder / "areas" / "1-foregangskommune.yaml"
    text = area.read_text(encoding="utf-8")
    assert "amount: 200–300 MNOK" in text
    area.write_text(text.replace("amount: 200–300 MNOK", "amount: 1,2 mrd", 1), encoding="utf-8")
    git(folder, "commit", "-qam", "2025")
    return folder


def new_area(folder: Path) -> Path:
    """The validate sample: a new area file with a misspelt key beside the shipped framework."""
    shutil.copytree(ROOT / "criteria", folder / "criteria")
    (folder / "areas").mkdir()
    shutil.copy(FIXTURES / "invalid" / "unknown-key" / "areas" / "area.yaml", folder / "areas" / "new-area.yaml")
    return folder


# The folder each sample runs in, made from what the README's text around it says.
SETTINGS: dict[str, Callable[[Path], Path]] = {
    "veikart diff main~1 main": two_commits,
    "veikart validate areas/new-area.yaml": new_area,
}


def test_the_readme_has_samples() -> None:
    assert len(SAMPLES) >= 4


@pytest.mark.parametrize(("command", "expected"), SAMPLES, ids=[c for c, _ in SAMPLES])
def test_a_readme_sample_is_what_the_code_prints(run: Run, tmp_path: Path, command: str, expected: str) -> None:
    if "diff" in command and shutil.which("git") is None:
        pytest.skip("git is not installed")
    words = shlex.split(command)
    env = dict(word.split("=", 1) for word in words if re.fullmatch(r"[A-Z_]+=.*", word))
    words = [word for word in words if word not in {f"{k}={v}" for k, v in env.items()}]
    quiet = words[-2:] == [">", "/dev/null"]  # the sample shows what goes to stderr
    words = words[:-2] if quiet else words
    assert words[0] == "veikart"
    cwd = SETTINGS[command](tmp_path) if command in SETTINGS else ROOT
    result = run(*words[1:], cwd=cwd, env=env)
    shown = result.stderr if quiet else result.stdout + result.stderr
    if os.environ.get("VEIKART_UPDATE_GOLDEN"):  # as for the golden files: the README is rewritten
        readme = ROOT / "README.md"
        text = readme.read_text(encoding="utf-8")
        readme.write_text(text.replace(f"$ {command}\n{expected}```", f"$ {command}\n{shown}```", 1), encoding="utf-8")
        return
    assert shown == expected
