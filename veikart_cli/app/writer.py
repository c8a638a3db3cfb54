"""Every file veikart writes goes through here: all or nothing, and never anywhere unexpected.

The rules (issue 15), for `--output`, the GitHub step summary and anything added later:
- only a regular file is written: a device, FIFO, socket or folder at the target is a usage
  error (`-o /dev/null` as root must not replace /dev/null with a file);
- a symlink at the target is refused, never followed or resolved: in a shared sticky folder
  another user's link would redirect the write (the kernel's protected_symlinks guard only
  holds when the kernel does the following, which O_NOFOLLOW and rename leave to it);
- a new file gets the mode the umask gives; a replaced file keeps its mode;
- never over a file read in this run (data and config), compared by device and inode, so
  hard links and other spellings of the same path are caught;
- the temporary file is removed on every exit path: an error, Ctrl-C, SIGTERM or SIGHUP
  (handled while writing), and even kill -9 where Linux has O_TMPFILE (the file has no name
  until it is complete); a temporary file that has a name (without O_TMPFILE, or killed
  between naming and renaming) names its process, and the next write into its folder
  removes it once that process no longer runs and the file is ABANDONED_NS old;
- every write, flush and sync error is an OutputError (the CLI reports it, exit 2).

The cache's chunks are written here too (write_private): the same steps, private and unsynced.
"""

from __future__ import annotations

import os
import re
import signal
import stat
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any


class OutputError(Exception):
    pass


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISLNK(mode):
        return "a symbolic link (veikart does not write through links)"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        found = os.stat(path)
    except (OSError, ValueError):
        return None
    return (found.st_dev, found.st_ino)


def check_target(target: Path, inputs: Sequence[Path] = ()) -> os.stat_result | None:
    """The target's lstat when it is a regular file we may replace, None when it does not exist."""
    try:
        found = os.lstat(target)
    except FileNotFoundError:
        found = None
    except OSError as err:
        raise OutputError(f"{target}: cannot write: {err.strerror}") from err
    if found is not None:
        if not stat.S_ISREG(found.st_mode):
            raise OutputError(f"{target}: is {_kind(found.st_mode)}; give the path of a regular file")
        same = (found.st_dev, found.st_ino)
        if any(_identity(p) == same for p in inputs):
            raise OutputError(f"{target}: refusing to overwrite an input file (this command reads it)")
    return found


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


class _Terminated(BaseException):
    """SIGTERM or SIGHUP while writing: unwinds like Ctrl-C, so `finally` cleans up."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


_UNWOUND: tuple[int, ...] = (signal.SIGTERM, signal.SIGHUP)


def _raise_terminated(signum: int, frame: FrameType | None) -> None:
    for other in _UNWOUND:  # a second signal (systemd sends SIGTERM and SIGHUP) must not cut the cleanup short
        if signal.getsignal(other) is _raise_terminated:
            signal.signal(other, signal.SIG_IGN)
    raise _Terminated(signum)


@contextmanager
def signals_unwind() -> Iterator[None]:
    """While a temporary file exists, SIGTERM/SIGHUP unwind the stack (and then end the process
    with the signal's usual status) instead of killing it before the cleanup runs."""
    previous: dict[int, Any] = {}
    try:
        for unwound in _UNWOUND:  # inside the try: a signal between the two is unwound too
            _take_over(unwound, _raise_terminated, previous)
        yield
    except _Terminated as stop:
        sys.stderr.write("veikart: terminated\n")
        raise SystemExit(128 + stop.signum) from None
    finally:
        _give_back(previous)


def _take_over(signum: int, handler: Any, previous: dict[int, Any]) -> None:
    """Handle `signum` with `handler`, unless it is ignored (nohup): then it stays ignored.
    Only the main thread may set handlers; elsewhere nothing changes."""
    import threading

    if threading.current_thread() is threading.main_thread() and signal.getsignal(signum) is not signal.SIG_IGN:
        previous[signum] = signal.signal(signum, handler)


def _give_back(previous: dict[int, Any]) -> None:
    """The handlers as they were. The signals wait meanwhile: one arriving half-way would run
    a handler that is being put back, and escape the cleanup as a traceback."""
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, previous) if previous else None
    try:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    finally:
        if blocked is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)


def write_atomic(target: Path, text: str | bytes, inputs: Sequence[Path] = ()) -> None:
    """Write `text` (str as UTF-8, bytes as given) to `target` all at once: a temporary file
    beside it, renamed into place."""
    # backslashreplace: a lone surrogate (from a file name) cannot make the write fail
    data = text.encode("utf-8", "backslashreplace") if isinstance(text, str) else text
    existing = check_target(target, inputs)
    folder = target.parent
    if not folder.is_dir():
        raise OutputError(f"{target}: folder {folder} does not exist")
    mode = stat.S_IMODE(existing.st_mode) if existing is not None else 0o666 & ~_umask()
    with signals_unwind():
        _write_new(target, folder, data, mode, inputs)


def write_private(target: Path, data: bytes) -> None:
    """Write a file only this user may read, whole or not at all, without syncing it (the
    cache's chunks: losing one in a crash is a miss). The target's folder must exist."""
    check_target(target)
    _write_new(target, target.parent, data, 0o600, (), durable=False)


def _write_new(
    target: Path, folder: Path, data: bytes, mode: int, inputs: Sequence[Path], durable: bool = True
) -> None:
    tmp: str | None = None
    _remove_abandoned(folder)
    try:
        tmp = _write_unnamed(folder, target.name, data, mode, durable) or _write_named(
            folder, target.name, data, mode, durable
        )
        check_target(target, inputs)  # again: something may have appeared meanwhile
        os.rename(tmp, target)  # replaces the entry itself; never follows a link at the target
        tmp = None
    except OSError as err:
        raise OutputError(f"{target}: cannot write: {err.strerror or err}") from err
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)


def _write_all(fd: int, data: bytes, mode: int, durable: bool) -> None:
    os.fchmod(fd, mode)
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]
    if durable:
        os.fsync(fd)


_unnamed_works = bool(getattr(os, "O_TMPFILE", 0))  # False once linking failed: the data is not written twice again


def _write_unnamed(folder: Path, name: str, data: bytes, mode: int, durable: bool) -> str | None:
    """Linux O_TMPFILE: the file gets a (temporary) name only once it is complete, so even
    kill -9 leaves nothing behind. None where the file system cannot do this."""
    global _unnamed_works
    if not _unnamed_works:
        return None
    flags = os.O_TMPFILE
    try:
        fd = os.open(folder, flags | os.O_WRONLY | os.O_CLOEXEC, 0o600)
    except OSError:
        return None
    try:
        _write_all(fd, data, mode, durable)
        for _ in range(100):
            candidate = os.path.join(folder, f".{name}.veikart-{os.getpid()}-{os.urandom(6).hex()}.tmp")
            try:
                _link(fd, candidate)
            except FileExistsError:
                continue
            except OSError:
                _unnamed_works = False  # linking refused: named files from now on
                return None
            return candidate
        return None
    finally:
        os.close(fd)


def _link(fd: int, path: str) -> None:
    """Give the unnamed file `fd` a name: through /proc, or (where /proc lies on another file
    system, as in some sandboxes) with linkat(AT_EMPTY_PATH), which needs no /proc."""
    try:
        os.link(f"/proc/self/fd/{fd}", path, follow_symlinks=True)
        return
    except FileExistsError:
        raise
    except OSError as err:
        failure = err
    from veikart_cli.app import libc

    linkat = libc.function("linkat")
    if linkat is None:
        raise failure
    at_fdcwd, at_empty_path = -100, 0x1000
    if linkat(fd, b"", at_fdcwd, os.fsencode(path), at_empty_path) != 0:
        code = libc.errno()
        raise OSError(code, os.strerror(code), path)


def _write_named(folder: Path, name: str, data: bytes, mode: int, durable: bool) -> str:
    prefix = f".{name}.veikart-{os.getpid()}-"  # a named temporary file says which process made it
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=prefix, suffix=".tmp")  # O_EXCL: never through a link
    try:
        _write_all(fd, data, mode, durable)
    except BaseException:
        os.close(fd)
        Path(tmp).unlink(missing_ok=True)
        raise
    os.close(fd)
    return tmp


# What veikart's own temporary files are called: mkstemp's 8 random characters, or the 12 hex
# digits _write_unnamed gives a file it links (diff's folders: revisions.SNAPSHOT)
TEMPORARY_FILE = re.compile(r"\..+\.veikart-(?P<pid>[0-9]{1,7})-(?:[a-z0-9_]{8}|[0-9a-f]{12})\.tmp")
ABANDONED_NS = 600 * 10**9  # a write takes milliseconds; a process on another host may share a pid
_swept: set[str] = set()


def _remove_abandoned(folder: Path) -> None:
    """Temporary files left in `folder` by a veikart killed mid-write (kill -9 runs no
    cleanup); looked for once per folder and run."""
    if str(folder) not in _swept:
        _swept.add(str(folder))
        remove_abandoned(folder, TEMPORARY_FILE, stat.S_ISREG)


def remove_abandoned(folder: Path, pattern: re.Pattern[str], kind: Callable[[int], bool]) -> None:
    """Entries of `folder` named as `pattern` says veikart names them (with the pid of the
    process that made them), of the right kind, this user's, untouched for ABANDONED_NS, whose
    process no longer runs: removed (a folder with what it holds). Nothing else is touched."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    now = time.time_ns()
    for entry in entries:
        found = pattern.fullmatch(entry.name)
        try:
            if found is None:
                continue
            info = entry.stat(follow_symlinks=False)
            if not kind(info.st_mode) or info.st_uid != os.getuid() or now - info.st_mtime_ns < ABANDONED_NS:
                continue
            if _alive(int(found.group("pid"))):
                continue
            if stat.S_ISDIR(info.st_mode):
                import shutil

                shutil.rmtree(entry.path, ignore_errors=True)
            else:
                os.unlink(entry.path)
        except OSError:
            pass


@contextmanager
def removed_on_signals(path: Path) -> Iterator[None]:
    """A temporary folder removed if SIGTERM or SIGHUP ends the process meanwhile: the handler
    removes it, then the signal ends the process as it would have (workers die with it)."""
    owner = os.getpid()

    def remove_and_die(signum: int, frame: FrameType | None) -> None:
        if os.getpid() == owner:  # not in a forked child that kept the handler
            import shutil

            shutil.rmtree(path, ignore_errors=True)
        signal.signal(signum, signal.SIG_DFL)
        os.kill(os.getpid(), signum)

    previous: dict[int, Any] = {}
    try:
        for signum in _UNWOUND:
            _take_over(signum, remove_and_die, previous)
        yield
    finally:
        _give_back(previous)


def _alive(pid: int) -> bool:
    if pid < 2:  # 0 is one's own process group, 1 init: never "gone"
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # another user's, or not ours to ask: leave it
    return True


def differences(path: Path, text: str) -> str:
    """A unified diff from what `path` holds to `text`; empty when they are the same.

    difflib's matcher is quadratic on large, very different files (a stale 4 000-area report
    took minutes), so beyond SMALL_DIFF the diff is `unified`: linear, one hunk."""
    try:
        current = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        current = ""
    except (OSError, UnicodeDecodeError) as err:
        raise OutputError(f"{path}: cannot read: {getattr(err, 'strerror', None) or err}") from err
    if current == text:
        return ""
    old, new = current.splitlines(keepends=True), text.splitlines(keepends=True)
    names = f"{path}", f"{path} (expected)"
    if len(old) * len(new) <= SMALL_DIFF:  # difflib's hunks read best, and cost little here
        import difflib

        lines = difflib.unified_diff(old, new, *names)
        return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)
    return unified(old, new, *names)


SMALL_DIFF = 1_000_000  # old lines × new lines: difflib's worst case stays well under a second


def unified(old: list[str], new: list[str], old_name: str, new_name: str, context: int = 3) -> str:
    """A unified diff: one hunk from the first to the last differing line, with context.
    The common head and tail are skipped; what lies between is shown as removed then added."""
    head = 0
    while head < len(old) and head < len(new) and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < len(old) - head and tail < len(new) - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    start = max(0, head - context)
    old_end, new_end = len(old) - tail, len(new) - tail
    after = min(tail, context)
    lines = [f"--- {old_name}\n", f"+++ {new_name}\n"]
    old_count = old_end + after - start
    new_count = new_end + after - start
    lines.append(f"@@ -{_range(start, old_count)} +{_range(start, new_count)} @@\n")
    lines += [" " + line for line in old[start:head]]
    lines += ["-" + line for line in old[head:old_end]]
    lines += ["+" + line for line in new[head:new_end]]
    lines += [" " + line for line in old[old_end : old_end + after]]
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


def _range(start: int, count: int) -> str:
    first = start + 1 if count else start
    return f"{first},{count}" if count != 1 else f"{first}"


def append(target: Path, text: str, inputs: Sequence[Path] = ()) -> None:
    """Add to a file others also write to (a GitHub step summary): a regular file only, never
    through a link, never an input; any failure is an OutputError."""
    try:
        check_target(target, inputs)
        flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
        fd = os.open(target, flags, 0o666)  # O_NONBLOCK: a FIFO swapped in fails instead of hanging
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
