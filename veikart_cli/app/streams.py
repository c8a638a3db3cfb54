"""Standard output and error that cannot crash veikart, wherever it runs.

- A closed descriptor (`veikart score >&-`) is held by /dev/null, so no file veikart opens
  can take its number and receive the output; writing to a closed stdout is then an error.
- Every write error on stdout (a full disk: `> /dev/full`, EIO, a closed descriptor) becomes
  StreamError: the CLI says so and exits 1, instead of exiting 0 with a short file.
- A broken pipe (`veikart score | head -1`) ends veikart quietly with the status a process
  killed by SIGPIPE has (141), as `cat` and `grep` do (Click would make it 1).
- In any locale (ISO-8859-1, a Windows cp1252 redirect, ASCII), characters the encoding
  cannot carry fall back to ASCII look-alikes (→ as ->, – as -, 🟢 as o) instead of raising.
"""

from __future__ import annotations

import codecs
import errno
import io
import os
import sys
import unicodedata

BROKEN_PIPE = 128 + 13  # what a shell shows for a process SIGPIPE ended


class StreamError(Exception):
    """Writing to standard output failed."""


class PipeClosed(Exception):
    """The reader of stdout has gone. Not an OSError: Click would turn that into exit 1."""


# Look-alikes for characters veikart itself prints, and for common symbols in frameworks.
_ASCII = {
    "→": "->",
    "←": "<-",
    "–": "-",
    "—": "--",
    "−": "-",
    "«": '"',
    "»": '"',
    "“": '"',
    "”": '"',
    "‘": "'",
    "’": "'",
    "…": "...",
    "·": "*",
    "•": "*",
    "†": "+",
    "‡": "++",
    "␛": "^[",
    "⟨": "<",
    "⟩": ">",
    "∶": ":",
    "＃": "#",
    "✓": "v",
    "✗": "x",
    "\u00a0": " ",
}


def _fallback(err: UnicodeError) -> tuple[str, int]:
    """codecs error handler 'veikart-ascii': a look-alike the encoding can carry, else '?'."""
    if not isinstance(err, UnicodeEncodeError):
        raise err
    out = []
    for char in err.object[err.start : err.end]:
        out.append(_one(char, err.encoding))
    return "".join(out), err.end


def _one(char: str, encoding: str) -> str:
    candidates = [_ASCII.get(char, "")]
    if 0x2400 <= ord(char) <= 0x241F:  # a control picture: ␍ as ^M
        candidates.append("^" + chr(ord(char) - 0x2400 + 0x40))
    if unicodedata.category(char) == "So":  # a symbol such as 🟢: the word beside it says the colour
        candidates.append("o")
    decomposed = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    candidates += [decomposed, f"<U+{ord(char):04X}>"]
    for candidate in candidates:
        if candidate and candidate != char:
            try:
                candidate.encode(encoding)
            except (UnicodeError, LookupError):
                continue
            return candidate
    return "?"


codecs.register_error("veikart-ascii", _fallback)


class _Output(io.RawIOBase):
    """File descriptor 1 (or 2) with errors that say what happened."""

    def __init__(self, fd: int, closed_at_start: bool, quiet: bool) -> None:
        super().__init__()
        self.fd, self.closed_at_start, self.failed = fd, closed_at_start, closed_at_start and quiet
        self.quiet = quiet  # stderr: nowhere to report its own failure, so it is dropped

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self.fd

    def isatty(self) -> bool:
        return not self.closed_at_start and os.isatty(self.fd)

    def write(self, data: bytes | bytearray | memoryview) -> int:  # type: ignore[override]
        size = len(data)
        if self.failed:
            return size  # said once; the rest goes nowhere
        if self.closed_at_start:
            self.failed = True
            raise StreamError("standard output is closed")
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(self.fd, view) :]
        except OSError as err:
            self.failed = True
            if self.quiet:
                return size
            if err.errno == errno.EPIPE:
                raise PipeClosed() from None
            raise StreamError(f"cannot write to standard output: {err.strerror}") from None
        return size


def _reserve(fd: int) -> bool:
    """True if `fd` was closed; it then holds /dev/null, so nothing else is opened on it."""
    try:
        os.fstat(fd)
        return False
    except OSError:
        pass
    null = os.open(os.devnull, os.O_RDWR)
    if null != fd:
        os.dup2(null, fd)
        os.close(null)
    return True


def _wrap(fd: int, original: object, closed: bool) -> io.TextIOWrapper:
    encoding = getattr(original, "encoding", None) or "utf-8"
    utf8 = codecs.lookup(encoding).name in ("utf-8", "utf-8-sig")
    line_buffering = bool(getattr(original, "line_buffering", False))
    buffered = io.BufferedWriter(_Output(fd, closed, quiet=fd == 2))  # type: ignore[type-var]
    return io.TextIOWrapper(
        buffered,
        encoding=encoding,
        errors="surrogateescape" if utf8 else "veikart-ascii",  # file names: as the bytes they were
        newline="\n",
        line_buffering=line_buffering,
        write_through=False,
    )


def prepare() -> None:
    """Make stdout and stderr safe; called once by the console entry point."""
    closed = {fd: _reserve(fd) for fd in (0, 1, 2)}
    for fd, name in ((1, "stdout"), (2, "stderr")):
        original = getattr(sys, name)
        if original is not None:
            try:
                original.flush()
            except (OSError, ValueError):
                pass
        setattr(sys, name, _wrap(fd, original, closed[fd]))


def finish() -> int | None:
    """Flush stdout; the exit status to use instead when that failed (None: keep the status)."""
    try:
        sys.stdout.flush()
    except (BrokenPipeError, PipeClosed):
        return BROKEN_PIPE
    except StreamError as err:
        failed(err)
        return 1
    return None


def failed(err: StreamError) -> None:
    try:
        sys.stderr.write(f"veikart: error: {err}\n")
        sys.stderr.flush()
    except (OSError, StreamError):
        pass
