"""Workflow commands in data never act in a GitHub Actions log, and the data stays intact.

The runner acts on `::cmd::` at the start of a line and on `##[cmd]` anywhere in one. Under
Actions, every output veikart prints to the log is fenced with the runner's own
`::stop-commands::TOKEN` … `::TOKEN::`; a file (`-o`, `> file`) gets the data as it is."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, Run

PAYLOAD = "::error file=x::pwned ##[error]pwned"


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "criteria", tmp_path / "criteria")
    shutil.copytree(ROOT / "areas", tmp_path / "areas")
    area = tmp_path / "areas" / "2-digitale-hjemmetjenester.yaml"
    text = area.read_text(encoding="utf-8").replace("nb: Digitale hjemmetjenester", f"nb: '{PAYLOAD}'")
    area.write_text(text, encoding="utf-8")
    return tmp_path


def unfenced(output: str) -> list[str]:
    """The lines the runner would act on: those outside every stop-commands fence."""
    acting, token = [], None
    for line in output.splitlines():
        if token is None and (start := re.fullmatch(r"::stop-commands::(\w+)", line)):
            token = start.group(1)
        elif token is not None and line == f"::{token}::":
            token = None
        elif token is None:
            acting.append(line)
    assert token is None, "a fence is never left open"
    return acting


def inside(output: str) -> str:
    """What one fence holds, without the line break the closing marker starts with."""
    lines = output.splitlines(keepends=True)
    return "".join(lines[1:-1]).removesuffix("\n")


@pytest.mark.parametrize(
    "command",
    [
        ["score", "-f", "csv"],
        ["score", "-f", "json"],
        ["score", "-f", "markdown"],
        ["score", "-f", "html"],
        ["score", "-f", "svg"],
        ["score", "-f", "table"],
        ["report"],
        ["criteria", "-f", "markdown"],
        ["explain", "digitale-hjemmetjenester"],
        ["schema"],
    ],
)
def test_under_actions_nothing_in_the_data_acts(run: Run, hostile: Path, command: list[str]) -> None:
    result = run(*command, cwd=hostile, env={"GITHUB_ACTIONS": "true"})
    assert result.exit_code == 0, result.output
    acting = [line for line in unfenced(result.stdout) if "::" in line or "##[" in line]
    assert acting == []


def test_the_fenced_data_is_intact_for_programs(run: Run, hostile: Path) -> None:
    plain = run("score", "-f", "csv", cwd=hostile)
    fenced = run("score", "-f", "csv", cwd=hostile, env={"GITHUB_ACTIONS": "true"})
    assert inside(fenced.stdout) == plain.stdout
    assert any(PAYLOAD in row for row in csv.reader(io.StringIO(inside(fenced.stdout))))
    data = run("score", "-f", "json", cwd=hostile, env={"GITHUB_ACTIONS": "true"})
    assert PAYLOAD in json.dumps(json.loads(inside(data.stdout)), ensure_ascii=False)


def test_a_file_gets_no_fence(run: Run, hostile: Path, tmp_path: Path) -> None:
    target = tmp_path / "m.csv"
    assert run("score", "-o", str(target), cwd=hostile, env={"GITHUB_ACTIONS": "true"}).exit_code == 0
    assert "stop-commands" not in target.read_text(encoding="utf-8")
    with (tmp_path / "redirected.csv").open("w", encoding="utf-8") as out:  # `veikart score > file`
        subprocess.run(
            [sys.executable, "-m", "veikart_cli", "score", "-f", "csv"],
            cwd=hostile,
            stdout=out,
            env={"GITHUB_ACTIONS": "true", "PATH": "/usr/bin:/bin"},
            check=True,
        )
    assert (tmp_path / "redirected.csv").read_text(encoding="utf-8") == target.read_text(encoding="utf-8")


def test_check_diffs_are_fenced(run: Run, hostile: Path, tmp_path: Path) -> None:
    stale = tmp_path / "m.csv"
    stale.write_text(f"{PAYLOAD}\n", encoding="utf-8")
    result = run("score", "--check", str(stale), cwd=hostile, env={"GITHUB_ACTIONS": "true"})
    assert result.exit_code == 3 and PAYLOAD in result.stdout
    assert [line for line in unfenced(result.stdout) if "::" in line or "##[" in line] == []
