"""The README's Python examples run as written, each in a fresh interpreter from the repository root."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from conftest import ROOT

BLOCKS = re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.DOTALL)


def test_the_readme_has_python_examples() -> None:
    assert len(BLOCKS) >= 2


@pytest.mark.parametrize("code", BLOCKS, ids=[f"block{i}" for i in range(len(BLOCKS))])
def test_a_readme_python_example_runs(code: str) -> None:
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr


def test_every_api_name_resolves_and_none_is_shadowed_by_a_subpackage() -> None:
    code = (
        "import veikart_cli, veikart_cli.render, veikart_cli.engine.diff, veikart_cli.app\n"
        "for name in veikart_cli.__all__:\n"
        "    value = getattr(veikart_cli, name)\n"
        "    assert not type(value).__name__ == 'module', name\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
