"""Every module imports cleanly on its own, first, in a fresh interpreter: no import circle
hides behind the order in which the package happens to load its modules; and none is longer than
one reader holds."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "veikart_cli"


def modules() -> list[str]:
    names = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "__main__.py":  # runs the command line
            continue
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def test_every_module_imports_first_on_its_own() -> None:
    # One interpreter per module, all started at once: a second or two in all.
    running = {
        name: subprocess.Popen(
            [sys.executable, "-c", f"import {name}"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for name in modules()
    }
    failed = {}
    for name, process in running.items():
        _, err = process.communicate(timeout=60)
        if process.returncode:
            failed[name] = err.strip().splitlines()[-1:]
    assert len(running) > 40 and not failed, failed


def test_no_module_is_longer_than_a_reader_holds() -> None:
    lengths = {
        path.relative_to(PACKAGE).as_posix(): len(path.read_bytes().splitlines()) for path in PACKAGE.rglob("*.py")
    }
    assert {name: n for name, n in lengths.items() if n > 450} == {}


# What a command that prints no table needs not load: rich (about 20 ms of start-up) and python-docx.
NOT_LOADED = """
import sys
from veikart_cli.cli import main
sys.argv = ["veikart", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
print(sorted(m for m in sys.modules if m.split(".")[0] in ("rich", "docx")), file=sys.stderr)
"""
PROSJEKT = str(PACKAGE.parent / "examples" / "prosjektstatus")


@pytest.mark.parametrize(
    "args",
    [
        ("validate", PROSJEKT),
        ("score", PROSJEKT, "-f", "json"),
        ("report", PROSJEKT, "-f", "markdown"),
        ("history", "{old}", PROSJEKT, "-f", "json"),
        ("diff", "{old}", PROSJEKT, "-f", "markdown"),
    ],
)
def test_a_command_that_prints_no_table_loads_neither_rich_nor_docx(args: tuple[str, ...], tmp_path: Path) -> None:
    shutil.copytree(PROSJEKT, tmp_path / "old")  # an earlier edition: another folder
    given = [arg.format(old=tmp_path / "old") for arg in args]
    done = subprocess.run([sys.executable, "-c", NOT_LOADED, *given], capture_output=True, text=True, check=False)
    assert done.stderr.splitlines()[-1] == "[]", done.stderr
