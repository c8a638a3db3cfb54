"""Every input is read through the same limits, however many there are: a regular file, never
more than the limit. A FIFO or a huge file among hundreds of areas is a located error at once."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, Run

sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import generate


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
def test_a_fifo_and_a_huge_file_among_many_areas(tmp_path: Path) -> None:
    data = generate(300, tmp_path / "data")
    os.mkfifo(data / "areas" / "zz-fifo.yaml")  # reading it would wait for a writer forever
    with open(data / "areas" / "zz-huge.yaml", "wb") as huge:
        huge.truncate(3 * 1024**3)  # 3 GB, sparse: costs no disk
    (data / "pyproject.toml").write_text(f'[tool.veikart]\nareas = ["{data / "areas"}"]\n', encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "veikart_cli", "validate", "-f", "json"],
        cwd=data,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert '"code": "not-a-file"' in done.stdout and "zz-fifo.yaml" in done.stdout
    assert '"code": "file-too-large"' in done.stdout and "zz-huge.yaml" in done.stdout
    assert "Traceback" not in done.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
def test_a_pyproject_that_is_a_fifo_never_hangs(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pyproject.toml")
    (tmp_path / ".git").mkdir()
    done = subprocess.run(
        [sys.executable, "-m", "veikart_cli", "validate"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2 and "no roadmap data" in done.stderr and "Traceback" not in done.stderr


def test_one_file_says_at_most_twenty_problems_of_a_kind_and_counts_the_rest(run: Run, tmp_path: Path) -> None:
    data = generate(2, tmp_path / "data")
    area = min((data / "areas").glob("*.yaml"))
    area.write_text(area.read_text(encoding="utf-8") + "".join(f"extra{i}: x\n" for i in range(5000)), encoding="utf-8")
    result = run("validate", "-f", "json", str(data))
    assert result.exit_code == 1
    found = [p for p in json.loads(result.stdout) if p["code"] == "unknown-key"]
    assert len(found) == 21 and found[-1]["message"] == "and 4\u00a0980 more of the same kind"
    text = run("validate", str(data))
    assert "5000 errors" in text.stderr and len(text.stderr.splitlines()) < 60
