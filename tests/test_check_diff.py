"""The diff `--check` prints: difflib's for small files, outputs.unified (linear, one hunk) for
large ones. A patch tool must be able to apply either to the stale file and get the output."""

from __future__ import annotations

import difflib
import os
import re
from pathlib import Path

import pytest
from conftest import Run
from hypothesis import given, settings
from hypothesis import strategies as st

from veikart_cli.app import outputs
from veikart_cli.app.outputs import differences, unified

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


@settings(deadline=None)
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
    monkeypatch.setattr(outputs, "SMALL_DIFF", 0)
    diff = differences(stale, stale.read_text(encoding="utf-8"), "one\n2\nthree\n")
    assert diff.splitlines()[2:] == [
        "@@ -1,3 +1,3 @@",
        " one",
        "-two",
        "-three",
        "\\ No newline at end of file",
        "+2",
        "+three",
    ]


def test_an_unchanged_file_has_no_diff(tmp_path: Path) -> None:
    assert differences(tmp_path / "report.md", "x\n", "x\n") == ""


@pytest.fixture
def expected(run: Run) -> str:
    result = run("score", "--example", "-f", "markdown")
    assert result.exit_code == 0
    return result.stdout


def test_a_file_that_is_not_utf8_is_out_of_date_with_a_diff(run: Run, tmp_path: Path, expected: str) -> None:
    stale = tmp_path / "m.md"
    stale.write_bytes(b"caf\xe9\n")
    result = run("score", "--example", "-f", "markdown", "--check", str(stale))
    assert result.exit_code == 3 and "-caf\ufffd" in result.stdout


def test_check_never_follows_a_link(run: Run, tmp_path: Path) -> None:
    secret = tmp_path / "secret.md"
    secret.write_text("TOKEN=hunter2\n")
    (tmp_path / "m.md").symlink_to(secret)
    result = run("score", "--example", "-f", "markdown", "--check", str(tmp_path / "m.md"))
    assert result.exit_code == 2 and "symbolic link" in result.stderr
    assert "hunter2" not in result.output


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX FIFOs")
@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_check_reads_only_a_regular_file(run: Run, tmp_path: Path, kind: str) -> None:
    target = tmp_path / "m.md"
    if kind == "fifo":
        os.mkfifo(target)  # opening it for reading would wait for a writer forever
    else:
        target = Path("/dev/zero")  # never ends
    result = run("score", "--example", "-f", "markdown", "--check", str(target))
    assert result.exit_code == 2 and "expected a file" in result.stderr


def test_a_stale_file_far_larger_than_the_output_is_not_read_whole(
    run: Run, tmp_path: Path, expected: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    stale = tmp_path / "m.md"
    stale.write_text(expected + "x" * (2 * len(expected.encode()) + (1 << 16)), encoding="utf-8")
    opened: set[int] = set()
    read: list[int] = []
    real_open, real_read = os.open, os.read

    def open_(path: object, *args: int) -> int:
        fd = real_open(path, *args)  # type: ignore[arg-type]
        if str(path) == str(stale):
            opened.add(fd)
        return fd

    monkeypatch.setattr(os, "open", open_)
    monkeypatch.setattr(os, "read", lambda fd, size: (fd in opened and read.append(size)) or real_read(fd, size))
    result = run("score", "--example", "-f", "markdown", "--check", str(stale))
    assert result.exit_code == 3 and "out of date" in result.stderr and result.stdout == ""
    assert sum(read) <= 2 * len(expected.encode()) + (1 << 16) + 1


def test_the_diff_shows_control_characters_of_the_checked_file(run: Run, tmp_path: Path, expected: str) -> None:
    stale = tmp_path / "m.md"
    stale.write_text("\x1b]0;pwned\x07\x1b[2J\n" + expected, encoding="utf-8")
    result = run("score", "--example", "-f", "markdown", "--check", str(stale))
    assert result.exit_code == 3 and "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "\u241b]0;pwned" in result.stdout
