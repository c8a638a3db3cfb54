"""The suite itself: ways a test could pass on broken code."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent


def calls(tree: ast.AST, name: str) -> list[ast.Call]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
            if called == name:
                found.append(node)
    return found


def test_every_in_process_cli_run_lets_exceptions_through() -> None:
    """CliRunner.invoke catches exceptions by default: a crash would read as exit 1."""
    for path in sorted(TESTS.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for call in calls(tree, "CliRunner"):
            parent_invokes = [
                c
                for c in calls(tree, "invoke")
                if isinstance(c.func, ast.Attribute) and c.func.value is call  # CliRunner().invoke(...)
            ]
            assert parent_invokes, f"{path.name}:{call.lineno}: use conftest.invoke_cli"
            for invoke in parent_invokes:
                keywords = {k.arg: k.value for k in invoke.keywords}
                flag = keywords.get("catch_exceptions")
                assert isinstance(flag, ast.Constant) and flag.value is False, (
                    f"{path.name}:{invoke.lineno}: CliRunner().invoke needs catch_exceptions=False"
                )


def test_tomli_is_declared_where_tomllib_is_missing() -> None:
    """app/settings.py imports tomli below 3.11; pytest pulls tomli in there, so only the declaration
    keeps an installed veikart from crashing on [tool.veikart] under Python 3.10."""
    from importlib.metadata import requires

    declared = [" ".join(r.replace('"', "'").split()) for r in requires("veikart") or []]
    assert any(r.startswith("tomli") and "python_version < '3.11'" in r for r in declared), declared
