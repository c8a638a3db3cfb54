"""The program as users run it: the installed `veikart` script and `python -m veikart_cli`,
in their own processes, and main()'s last line of defence (exit status, never a traceback)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT

SCRIPT = Path(sys.executable).parent / ("veikart.exe" if os.name == "nt" else "veikart")


def run(*command: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "VEIKART_"))}
    return subprocess.run(
        list(command), cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8", check=False
    )


def smoke_cases(other: Path) -> list[tuple[list[str], int]]:
    """(arguments, exit status): every command once and every exit status main() gives.

    Each output format and each way a command can fail is tested in-process (test_cli.py,
    test_outputs.py and others); here what matters is the program around them."""
    broken = str(FIXTURES / "invalid" / "unknown-key" / "areas")
    cases: list[tuple[list[str], int]] = [(["--version"], 0), (["--help"], 0), ([], 2), (["nonsense"], 2)]
    cases += [(["validate"], 0), (["validate", broken], 1), (["score"], 0), (["score", "-f", "svg"], 0)]
    cases += [(["score", "--fail-on", "red"], 3), (["score", "-f", "pdf"], 2), (["criteria"], 0)]
    cases += [(["report", "-f", "html"], 0), (["explain", "digitale-hjemmetjenester"], 0)]
    cases += [(["explain", "no-such-area"], 2), (["diff", str(other), "."], 0)]
    cases += [(["diff", "--exit-code", str(other), "."], 3), (["schema", "criteria"], 0)]
    return cases


@pytest.fixture(scope="module")
def other(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import shutil

    folder = tmp_path_factory.mktemp("older")
    shutil.copytree(ROOT / "criteria", folder / "criteria")
    shutil.copytree(ROOT / "areas", folder / "areas", ignore=shutil.ignore_patterns("5-*"))
    return folder


def test_the_installed_script_runs_every_command(other: Path) -> None:
    assert SCRIPT.exists(), f"{SCRIPT}: install the project (pip install -e '.[test]') to run this test"
    for args, status in smoke_cases(other):
        done = run(str(SCRIPT), *args)
        assert done.returncode == status, (args, done.stderr)
        assert "Traceback" not in done.stderr + done.stdout, args
        if status == 0 and "--help" not in args and args[:1] != ["validate"]:
            assert done.stdout.strip(), args


def test_python_m_runs_the_same_program() -> None:
    for args in (["--version"], ["score", "-f", "csv"]):
        module = run(sys.executable, "-m", "veikart_cli", *args)
        script = run(str(SCRIPT), *args)
        assert module.returncode == 0 and "Traceback" not in module.stderr, module.stderr
        assert module.stdout == script.stdout and module.stdout


# main() with app() replaced, in a process of its own: main() takes over stdout and stderr.
MAIN = """
import sys
from veikart_cli import cli
from veikart_cli.app import streams

def app():
    raise {raise_}

cli.app = app
cli.main()
"""


@pytest.mark.parametrize(
    "raise_, status, stderr",
    [
        ("KeyboardInterrupt", 130, ""),
        ("BrokenPipeError(32, 'Broken pipe')", 141, ""),
        ("streams.PipeClosed()", 141, ""),
        ("SystemExit(3)", 3, ""),
        ("RuntimeError('boom')", 70, "veikart: internal error: RuntimeError: boom (please report this)\n"),
        ("ValueError('\\x1b[31mred')", 70, "veikart: internal error: ValueError: ␛[31mred (please report this)\n"),
    ],
)
def test_main_turns_every_ending_into_an_exit_status_without_a_traceback(raise_: str, status: int, stderr: str) -> None:
    done = run(sys.executable, "-c", MAIN.format(raise_=raise_))
    assert done.returncode == status
    assert done.stderr == stderr and done.stdout == ""


def test_main_reports_a_failed_write_and_exits_1() -> None:
    done = run(sys.executable, "-c", MAIN.format(raise_="streams.StreamError('No space left on device')"))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "No space left on device" in done.stderr


def test_main_runs_the_command_and_exits_0() -> None:
    code = "import sys; sys.argv = ['veikart', '--version']; from veikart_cli.cli import main; main()"
    done = run(sys.executable, "-c", code)
    assert done.returncode == 0 and done.stdout.startswith("veikart ") and done.stderr == ""
