"""The package's shape: every module imports on its own (no import circle hides behind the order
in which others happen to load), and none grows past what one reader can hold."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "veikart_cli"
MODULES = sorted(
    ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts).removesuffix(".__init__")
    for path in PACKAGE.rglob("*.py")
    if path.name != "__main__.py"  # importing it runs the command line
)
MAX_LINES = 450

# Each module first, in one process: the package's modules are forgotten before each import.
IMPORT_EACH_FIRST = """
import importlib, sys
for name in sys.argv[1:]:
    for loaded in [m for m in sys.modules if m == "veikart_cli" or m.startswith("veikart_cli.")]:
        del sys.modules[loaded]
    try:
        importlib.import_module(name)
    except Exception as err:
        print(f"{name}: {type(err).__name__}: {err}")
"""


def test_every_module_imports_on_its_own() -> None:
    run = subprocess.run(
        [sys.executable, "-c", IMPORT_EACH_FIRST, *MODULES], capture_output=True, text=True, check=False
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout == ""


def test_no_module_is_longer_than_a_reader_holds() -> None:
    lengths = {
        path.relative_to(PACKAGE).as_posix(): len(path.read_bytes().splitlines()) for path in PACKAGE.rglob("*.py")
    }
    assert {name: n for name, n in lengths.items() if n > MAX_LINES} == {}
