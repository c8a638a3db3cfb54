"""Standard output and error that cannot crash veikart: a write error on stdout is a StreamError (exit 1),
a broken pipe ends quietly as `cat` does, failures on stderr are dropped, and characters the encoding
cannot carry fall back to ASCII look-alikes as wide as they are (→ as ->, 🟢 as "o "), so tables stay aligned."""

from __future__ import annotations

import codecs
import contextlib
import errno
import io
import os
import sys
import unicodedata
from typing import TYPE_CHECKING

from veikart_cli.text import PRESENTATION

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer

BROKEN_PIPE = 128 + 13  # what a shell shows for a process SIGPIPE ended


class StreamError(Exception):
    """Writing to standard output failed."""


class PipeClosed(Exception):
    """The reader of stdout has gone. Not an OSError: Click would turn that into exit 1."""


# Look-alikes for characters veikart itself prints, and for common symbols in frameworks.
_ASCII = str.maketrans("–−«»“”‘’·•†⟨⟩∶✓✗", '--""""\'\'**+<>:vx') | str.maketrans(
    {"→": "->", "←": "<-", "—": "--", "‡": "++"}
)


def _fallback(err: UnicodeError) -> tuple[str, int]:
    """codecs error handler 'veikart-ascii': a look-alike the encoding can carry, else '?'."""
    if not isinstance(err, UnicodeEncodeError):
        raise err
    return "".join(_one(char, err.encoding) for char in err.object[err.start : err.end]), err.end


def _one(char: str, encoding: str) -> str:
    """A look-alike as wide as `char` in a terminal, so that tables laid out for it stay aligned."""
    if char in PRESENTATION:  # chooses how the symbol before it looks: nothing to stand in for
        return ""
    wide = unicodedata.east_asian_width(char) in "WF"
    candidates = [char.translate(_ASCII)]
    if 0x2400 <= ord(char) <= 0x241F:  # a control picture: ␍ as ^M
        candidates.append("^" + chr(ord(char) - 0x2400 + 0x40))
    if unicodedata.category(char) == "So":  # a symbol such as 🟢: the word beside it says the colour
        candidates.append("o")
    candidates.append("".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)))
    for candidate in [*candidates, f"<U+{ord(char):04X}>"]:
        if candidate and candidate != char:
            try:
                candidate.encode(encoding)
            except (UnicodeError, LookupError):
                continue
            return candidate + " " if wide and len(candidate) == 1 else candidate
    return "? " if wide else "?"


codecs.register_error("veikart-ascii", _fallback)


class _Output(io.FileIO):
    """Descriptor 1 or 2: after a failed write (said once, on stdout only) the rest goes nowhere."""

    def __init__(self, fd: int, closed: bool) -> None:
        super().__init__(fd, "w", closefd=False)
        self.failed, self.closed_at_start = closed and fd == 2, closed

    def write(self, data: ReadableBuffer) -> int:
        size = len(memoryview(data))
        if self.failed:
            return size  # said once; the rest goes nowhere
        self.failed = True  # until the write succeeds
        if self.closed_at_start:
            raise StreamError("standard output is closed")
        try:
            written = super().write(data)  # may be short: BufferedWriter writes the rest
            if written is None:  # a full non-blocking pipe: an error, as a blocking write's would be
                raise BlockingIOError(errno.EAGAIN, os.strerror(errno.EAGAIN))
        except OSError as err:
            if self.fileno() == 2:
                return size  # stderr: nowhere to say its own failure
            if err.errno == errno.EPIPE:
                raise PipeClosed() from None
            raise StreamError(f"cannot write to standard output: {err.strerror}") from None
        self.failed = False
        return written


def _reserve(fd: int) -> bool:
    """True if `fd` was closed; it then holds /dev/null, so nothing else is opened on it."""
    try:
        os.fstat(fd)
        return False
    except OSError:
        null = os.open(os.devnull, os.O_RDWR)
    if null != fd:
        os.dup2(null, fd)
        os.close(null)
    return True


def prepare() -> None:
    """Make stdout and stderr safe; called once by the console entry point."""
    closed = {fd: _reserve(fd) for fd in (0, 1, 2)}
    for fd, name in ((1, "stdout"), (2, "stderr")):
        original = getattr(sys, name)
        with contextlib.suppress(AttributeError, OSError, ValueError):
            original.flush()
        encoding = getattr(original, "encoding", None) or "utf-8"
        utf8 = codecs.lookup(encoding).name in ("utf-8", "utf-8-sig")
        stream = io.TextIOWrapper(
            io.BufferedWriter(_Output(fd, closed[fd])),
            encoding=encoding,
            errors="surrogateescape" if utf8 else "veikart-ascii",  # file names: as the bytes they were
            newline="\n",
            line_buffering=bool(getattr(original, "line_buffering", False)),
        )
        setattr(sys, name, stream)
