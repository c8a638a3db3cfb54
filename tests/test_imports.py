"""Every module imports cleanly on its own, first, in a fresh interpreter: no import circle
hides behind the order in which the package happens to load its modules; and none is longer than
one reader holds."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

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
