from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import settings
from typer.testing import CliRunner, Result

from veikart_cli.cli import app

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
GOLDEN = Path(__file__).resolve().parent / "golden"
SEED = ROOT.parent / "shared" / "seeds" / "000_fd9e2c9e3851f556.txt"

Run = Callable[..., Result]

# Property tests: a budget that finds what they are for without dominating the suite; they run
# the same examples every time (derandomize). HYPOTHESIS_PROFILE=thorough looks far harder.
settings.register_profile("default", max_examples=100, derandomize=True, deadline=None)
settings.register_profile("thorough", max_examples=2000, derandomize=False, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

NOBODY = 65534  # the user a root test run drops to for what only a non-root user sees


# Coverage follows child processes (pyproject.toml: patch = subprocess) only in the modules whose
# children run code that no test reaches in-process: main() and its streams, the README's
# examples. Elsewhere (the hostile suite's hundred processes) following them adds no line.
CHILDREN_MEASURED = {"test_main", "test_readme", "test_writer", "test_processes"}


@pytest.fixture(autouse=True, scope="module")
def _children_measured_only_where_they_add_lines(request: pytest.FixtureRequest) -> Iterator[None]:
    with pytest.MonkeyPatch.context() as patch:
        if request.module.__name__ not in CHILDREN_MEASURED:
            patch.delenv("COVERAGE_PROCESS_CONFIG", raising=False)
        yield


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


@pytest.fixture
def shared_tmp() -> Iterator[Path]:
    """A fresh folder every user can enter (pytest's tmp_path sits under a private folder),
    for files a test reads as another user (run_unprivileged)."""
    folder = Path(tempfile.mkdtemp(prefix="veikart-test-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def run_unprivileged(*args: str, cwd: Path) -> tuple[int, str, str]:
    """(exit status, stdout, stderr) of a read-only CLI command run as a user who is not root.

    Run as root (CI), a forked child drops to `nobody` and runs the CLI in-process: root reads
    any file and owns none of another user's, so what a user sees of unreadable files or
    another user's pyproject.toml would otherwise go untested. The child first runs the same
    command as root, to import what the command imports while the interpreter's own files are
    still readable (under /root, pyenv's are not readable to nobody). Not root: run as is."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        here = Path.cwd()
        os.chdir(cwd)
        try:
            result = invoke_cli(*args)
        finally:
            os.chdir(here)
        return result.exit_code, result.stdout, result.stderr
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        status = 1
        try:
            os.close(read)
            os.chdir(cwd)
            invoke_cli(*args)  # imports, as root
            os.setgroups([])
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            result = invoke_cli(*args)
            with os.fdopen(write, "w", encoding="utf-8") as out:
                json.dump([result.exit_code, result.stdout, result.stderr], out)
            status = 0
        finally:
            os._exit(status)
    os.close(write)
    with os.fdopen(read, encoding="utf-8") as answer:
        text = answer.read()
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0 and text, "the unprivileged child failed"
    code, stdout, stderr = json.loads(text)
    return code, stdout, stderr
