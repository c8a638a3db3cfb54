"""The one place an input file is opened: a regular file only (a FIFO would block, /dev/zero never
ends, a link may point at a secret), never beyond a limit."""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

# POSIX only: Windows has no FIFOs in the file system, and open() follows no links there.
_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)


class FileProblem(Exception):
    """Why a file was not read: a problem code, a message and a hint."""

    def __init__(self, code: str, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.code, self.message, self.hint = code, message, hint


def read_regular(path: Path, limit: int, what: str = "a file", follow: bool = True) -> bytes:
    """The file's bytes; FileProblem if it is no regular file, unreadable or over `limit` (or a link, unless `follow`)."""
    if not follow:
        _refuse_special(path, os.lstat, what)
    try:
        fd = os.open(path, _FLAGS | (0 if follow else getattr(os, "O_NOFOLLOW", 0)))
    except OSError as err:
        _refuse_special(path, os.stat, what)  # a socket cannot even be opened, nor a folder on Windows
        raise FileProblem("unreadable", f"cannot read file: {err.strerror or err}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise FileProblem("not-a-file", f"is {kind(info.st_mode)}, expected {what}", "give regular files only")
        data = b"" if info.st_size > limit else _read_at_most(fd, limit + 1)
    except OSError as err:
        raise FileProblem("unreadable", f"cannot read file: {err.strerror or err}") from None
    finally:
        os.close(fd)
    if info.st_size > limit or len(data) > limit:
        size = max(info.st_size, len(data))
        raise FileProblem(
            "file-too-large", f"file is {size} bytes; the limit is {limit}", "split the data into smaller files"
        )
    return data


def _refuse_special(path: Path, look: Callable[[Path], os.stat_result], what: str) -> None:
    try:
        mode = look(path).st_mode
    except (OSError, ValueError):
        return
    if stat.S_ISLNK(mode):
        raise FileProblem("not-a-file", "is a symbolic link; not followed", "give the file itself")
    if not stat.S_ISREG(mode):
        raise FileProblem("not-a-file", f"is {kind(mode)}, expected {what}", "give regular files only")


def kind(mode: int, folder: str = "a directory") -> str:
    """What a file of this mode is, in words (`folder`: the word for a directory)."""
    kinds = [(stat.S_ISDIR, folder), (stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISSOCK, "a socket")]
    kinds += [(stat.S_ISLNK, "a symbolic link"), (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device")]
    return next((word for test, word in kinds if test(mode)), "not a regular file")


def _read_at_most(fd: int, limit: int) -> bytes:
    parts, size = [], 0
    while size < limit:
        part = os.read(fd, min(1 << 20, limit - size))
        if not part:
            break
        parts.append(part)
        size += len(part)
    return b"".join(parts)
