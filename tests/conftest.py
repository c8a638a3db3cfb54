from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from veikart_cli.cli import app

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
GOLDEN = Path(__file__).resolve().parent / "golden"
SEED = ROOT.parent / "shared" / "seeds" / "000_fd9e2c9e3851f556.txt"

Run = Callable[..., Result]


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch) -> Run:
    """Invoke the CLI in-process from a given folder (the repository root by default)."""

    for name in ("GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "NO_COLOR"):  # the tests choose these
        monkeypatch.delenv(name, raising=False)

    def invoke(*args: str, cwd: Path = ROOT, env: dict[str, str] | None = None) -> Result:
        monkeypatch.chdir(cwd)
        return invoke_cli(*args, env=env)

    return invoke


def invoke_cli(*args: str, env: dict[str, str] | None = None) -> Result:
    """Run the CLI in-process and let any exception through.

    CliRunner's default turns a crash into exit 1 with nothing in the output, so a test
    that checks for an exit code or for "no Traceback" would pass on a crash. Every test
    that runs the CLI in-process goes through here (test_integrity.py checks that)."""
    return CliRunner().invoke(app, list(args), env=env, catch_exceptions=False)


def assert_golden(name: str, text: str) -> None:
    """Compare with tests/golden/NAME; VEIKART_UPDATE_GOLDEN=1 rewrites the file instead."""
    path = GOLDEN / name
    if os.environ.get("VEIKART_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"missing golden file {path}; run with VEIKART_UPDATE_GOLDEN=1"
    assert text == path.read_text(encoding="utf-8")
