"""Every file veikart writes goes through here: whole (a temporary file renamed into place) or not at
all, only a regular file (never a link, device or folder) and never one this command reads."""

from __future__ import annotations

import difflib
import os
import stat
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from veikart_cli.files import kind


class OutputError(Exception):
    pass


def check_target(target: Path, inputs: Sequence[Path] = ()) -> os.stat_result | None:
    """The target's lstat when it is a regular file we may replace, None when it does not exist."""
    try:
        found = os.lstat(target)
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as err:
        raise OutputError(f"{target}: cannot write: {getattr(err, 'strerror', None) or err}") from err
    if stat.S_ISLNK(found.st_mode):
        raise OutputError(
            f"{target}: is a symbolic link (veikart does not write through links); give the path of a regular file"
        )
    if not stat.S_ISREG(found.st_mode):
        raise OutputError(f"{target}: is {kind(found.st_mode, 'a folder')}; give the path of a regular file")
    if any(_identity(path) == (found.st_dev, found.st_ino) for path in inputs):
        raise OutputError(f"{target}: refusing to overwrite an input file (this command reads it)")
    return found


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        found = os.stat(path)
    except (OSError, ValueError):
        return None
    return (found.st_dev, found.st_ino)


def write_atomic(target: Path, text: str | bytes, inputs: Sequence[Path] = ()) -> None:
    """Write `text` (str as UTF-8, bytes as given) to `target` all at once."""
    # backslashreplace: a lone surrogate (from a file name) cannot make the write fail
    data = text.encode("utf-8", "backslashreplace") if isinstance(text, str) else text
    existing = check_target(target, inputs)
    if not target.parent.is_dir():
        raise OutputError(f"{target}: folder {target.parent} does not exist")
    if existing is not None:
        mode = stat.S_IMODE(existing.st_mode)
    else:
        umask = os.umask(0o022)
        os.umask(umask)
        mode = 0o666 & ~umask
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".veikart.tmp")
    except OSError as err:
        raise OutputError(f"{target}: cannot write: {err.strerror or err}") from err
    try:
        with open(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        check_target(target, inputs)  # again: something may have appeared meanwhile
        os.replace(tmp, target)  # replaces the entry itself; never follows a link at the target
    except BaseException as err:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(err, OSError):
            raise OutputError(f"{target}: cannot write: {err.strerror or err}") from err
        raise


def differences(path: Path, current: str, text: str) -> str:
    """A unified diff from `current` (what `path` holds) to `text`: difflib's, or `unified` beyond SMALL_DIFF."""
    if current == text:
        return ""
    old, new = current.splitlines(keepends=True), text.splitlines(keepends=True)
    names = f"{path}", f"{path} (expected)"
    if len(old) * len(new) <= SMALL_DIFF:  # difflib's hunks read best, and cost little here
        return _ended(difflib.unified_diff(old, new, *names))
    return unified(old, new, *names)


SMALL_DIFF = 1_000_000  # old lines × new lines: difflib's worst case stays well under a second


def unified(old: list[str], new: list[str], old_name: str, new_name: str, context: int = 3) -> str:
    """A unified diff in linear time: one hunk from the first to the last differing line."""
    head = 0
    while head < min(len(old), len(new)) and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < min(len(old), len(new)) - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    start, after = max(0, head - context), min(tail, context)
    old_end, new_end = len(old) - tail, len(new) - tail
    ranges = [_range(start, end + after - start) for end in (old_end, new_end)]
    return _ended(
        [f"--- {old_name}\n", f"+++ {new_name}\n", f"@@ -{ranges[0]} +{ranges[1]} @@\n"]
        + [" " + line for line in old[start:head]]
        + ["-" + line for line in old[head:old_end]]
        + ["+" + line for line in new[head:new_end]]
        + [" " + line for line in old[old_end : old_end + after]]
    )


def _ended(lines: Iterable[str]) -> str:
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


def _range(start: int, count: int) -> str:
    first = start + 1 if count else start
    return f"{first},{count}" if count != 1 else f"{first}"


def append(target: Path, text: str, inputs: Sequence[Path] = ()) -> None:
    """Add to a file others also write to (a GitHub step summary): a regular file, never through a link."""
    flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        check_target(target, inputs)
        fd = os.open(target, flags, 0o666)
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):  # swapped in since the check
                raise OutputError(f"{target}: not a regular file")
            view = memoryview(text.encode("utf-8", "backslashreplace"))
            while view:
                view = view[os.write(fd, view) :]
        finally:
            os.close(fd)
    except OSError as err:
        raise OutputError(f"{target}: {err.strerror or err}") from err
