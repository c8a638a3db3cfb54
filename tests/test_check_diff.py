"""The diff `--check` prints: difflib's for small files, writer.unified (linear, one hunk) for
large ones. A patch tool must be able to apply either to the stale file and get the output."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from veikart_cli.app import writer
from veikart_cli.app.writer import OutputError, differences, unified

HUNK = re.compile(r"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@$")


def apply(old: list[str], diff: str) -> list[str]:
    """Apply a one-hunk unified diff (as --check prints it) to `old`, whose lines all end in a
    newline; checks the hunk's counts too."""
    lines = diff.splitlines(keepends=True)
    assert lines[0].startswith("--- ") and lines[1].startswith("+++ ")
    match = HUNK.match(lines[2].rstrip("\n"))
    assert match, lines[2]
    start = int(match[1]) - (0 if match[2] == "0" else 1)
    removed: list[str] = []
    added: list[str] = []
    for line in lines[3:]:
        prefix, text = line[0], line[1:]
        if prefix in " -":
            removed.append(text)
        if prefix in " +":
            added.append(text)
    assert int(match[2] or 1) == len(removed) and int(match[4] or 1) == len(added), diff
    assert old[start : start + len(removed)] == removed, "the context and removed lines are what the file holds"
    return old[:start] + added + old[start + len(removed) :]


lines = st.lists(st.sampled_from(["a\n", "b\n", "c\n", "d\n", "e\n"]), max_size=12)


@settings(max_examples=300, derandomize=True, deadline=None)
@given(lines, lines)
def test_the_linear_diff_turns_the_old_file_into_the_new(old: list[str], new: list[str]) -> None:
    diff = unified(old, new, "old", "new")
    if old == new:
        return
    assert apply(old, diff) == new


def test_the_linear_diff_is_difflibs_when_one_run_of_lines_changed() -> None:
    old = [f"{i}\n" for i in range(20)]
    new = old[:8] + ["x\n", "y\n"] + old[11:]
    assert unified(old, new, "a", "b") == "".join(difflib.unified_diff(old, new, "a", "b"))


def test_large_files_get_the_linear_diff(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    stale = tmp_path / "report.md"
    stale.write_text("one\ntwo\nthree", encoding="utf-8")  # no newline at the end
    monkeypatch.setattr(writer, "SMALL_DIFF", 0)
    diff = differences(stale, "one\n2\nthree\n")
    assert diff.splitlines()[2:] == [
        "@@ -1,3 +1,3 @@",
        " one",
        "-two",
        "-three",
        "\\ No newline at end of file",
        "+2",
        "+three",
    ]


def test_a_file_that_is_not_utf8_cannot_be_checked(tmp_path: Path) -> None:
    stale = tmp_path / "report.md"
    stale.write_bytes(b"caf\xe9\n")
    with pytest.raises(OutputError, match="cannot read"):
        differences(stale, "café\n")


def test_an_unchanged_file_has_no_diff(tmp_path: Path) -> None:
    same = tmp_path / "report.md"
    same.write_text("x\n", encoding="utf-8")
    assert differences(same, "x\n") == ""
