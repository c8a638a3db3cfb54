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


def test_the_api_s_old_module_still_gives_every_public_name() -> None:
    import veikart_cli
    from veikart_cli import api

    assert all(getattr(api, name) is getattr(veikart_cli, name) for name in veikart_cli.__all__)
    with pytest.raises(AttributeError):
        api.not_a_name  # noqa: B018


def test_the_api_refuses_what_it_cannot_render() -> None:
    import veikart_cli as veikart

    loaded = veikart.load(veikart.example_path())
    assert loaded.dataset is not None
    matrix = veikart.score(loaded.dataset)
    assert "Grunnforskning" in veikart.render_matrix(matrix, "table")
    for fmt in ("pdf", "docx"):
        with pytest.raises(ValueError, match="is not one of"):
            veikart.render_matrix(matrix, fmt)
        with pytest.raises(ValueError, match="is not one of"):
            veikart.render_report(matrix, fmt)
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        veikart.nothing  # noqa: B018
    with pytest.raises(LookupError):
        veikart.explain(matrix, "no such area")


def test_strict_loading_refuses_data_with_warnings() -> None:
    import veikart_cli as veikart

    case = ROOT / "tests" / "fixtures" / "invalid" / "norway-problem" / "areas"
    assert veikart.load(case, criteria=ROOT / "criteria").ok
    strict = veikart.load(case, criteria=ROOT / "criteria", strict=True)
    assert strict.dataset is None and strict.problems
