"""Each folder in fixtures/invalid/ is one broken input and the located problems it must give."""

from __future__ import annotations

import re

import pytest
from conftest import FIXTURES, Run

CASES = sorted(p for p in (FIXTURES / "invalid").iterdir() if p.is_dir())
LOCATED = re.compile(r"^\S+:\d+:\d+: (error|warning): .+ \[[a-z0-9-]+\]$")
# Problems about a whole file (which file, not which place in it) have no line and column.
WHOLE_FILE = re.compile(r"^\S+: (error|warning): .+ \[(framework-count|not-found|file-too-large|unreadable)\]$")


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_invalid_input_gives_its_expected_located_problems(run: Run, case) -> None:  # type: ignore[no-untyped-def]
    target = case if (case / "criteria").is_dir() else case / "areas"
    options = (case / "args").read_text(encoding="utf-8").split() if (case / "args").exists() else []
    result = run("validate", *options, str(target.relative_to(FIXTURES.parent.parent)))
    prefix = f"tests/fixtures/invalid/{case.name}/"
    problems = [
        line.replace(prefix, "")
        for line in result.stderr.splitlines()
        if not line.startswith(("  hint:", "ok:")) and ": " in line and not re.match(r"^\d+ errors?,", line)
    ]
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert problems == expected
    assert all(LOCATED.match(line) or WHOLE_FILE.match(line) for line in expected), "file:line:col and a code"
    has_error = any(": error: " in line for line in expected)
    assert result.exit_code == (1 if has_error or "--strict" in options and expected else 0)
    assert "Traceback" not in result.output
