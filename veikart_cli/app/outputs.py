"""Where output lands decides how it looks: `-o matrix.html` writes HTML, `-o -` is stdout. Every file veikart
writes is written whole (a temporary file renamed into place) or not at all, only as a regular file (never
through a link, into a device or folder) and never over one this command reads."""

from __future__ import annotations

import contextlib
import difflib
import os
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple

from veikart_cli.app.dataset import Inputs
from veikart_cli.app.settings import DIFFERENT, OK, Options, Settings, UsageError
from veikart_cli.files import FileProblem, kind, read_regular
from veikart_cli.model.vocabulary import Language
from veikart_cli.render.formats import EXTENSIONS, Kind, MissingLibrary, renderer
from veikart_cli.render.sanitize import visible


def is_stdout(path: Path | None) -> bool:
    """No --output, or `-o -`."""
    return path is None or path == Path("-")


def say(*lines: str) -> None:
    """Lines for the person at the terminal: stderr, so stdout stays the command's output."""
    for line in lines:
        sys.stderr.write(line + "\n")


class Destination(NamedTuple):
    """Where output goes: stdout, a file (--output), or a comparison with a file (--check)."""

    output: Path | None = None
    check: Path | None = None
    read: tuple[Path, ...] = ()  # the files the command read, pyproject.toml too: never written over
    fence: bool = False  # under GitHub Actions: stdout is fenced so that no line of data acts


def destination(options: Options, inputs: Inputs, config: Settings) -> Destination:
    """Where the output goes, knowing which files the command read."""
    source = config.config.source
    read = inputs.criteria + inputs.areas + ((source,) if source else ())
    return Destination(options.output, options.check, read, config.env.github)


def output_format(options: Options, allowed: tuple[str, ...]) -> str | None:
    """The format asked for: --format, else the extension of the file; None leaves it to the settings."""
    flag = options.fmt
    if options.output is not None and options.check is not None:
        raise UsageError("give --output or --check, not both")
    path = options.output or options.check
    if path is None or is_stdout(path):
        return flag
    suffix = path.suffix.lower()
    implied = EXTENSIONS.get(suffix)
    if implied is None:
        if flag is not None:
            return flag
        known = ", ".join(ext for ext, fmt in EXTENSIONS.items() if fmt in allowed)
        raise UsageError(
            f"cannot tell the format from the name {path}"
            + (f" ({suffix} is none of this command's)" if suffix else ""),
            f"name the file {known}, or give --format",
            option="--output",
        )
    if flag is not None and flag != implied:
        raise UsageError(
            f"--format {flag} contradicts the extension of {path} ({suffix} is {implied})",
            f"leave out --format, or name the file for {flag}",
            option="--format",
        )
    if implied not in allowed:
        raise UsageError(
            f"this command cannot write {implied} ({path})",
            f"its formats: {', '.join(allowed)}; name the file for one of them",
            option="--output",
        )
    return implied


def deliver(text: str | bytes, target: Destination, terminal: bool = False) -> int:
    """Print, write atomically, or compare; the exit status of that. Bytes (docx) never go to a terminal."""
    if target.check is not None:
        with fenced(target.fence):
            return check_file(text, target.check)
    if is_stdout(target.output):
        if isinstance(text, str):
            with fenced(target.fence):
                sys.stdout.write(text)
            return OK
        if terminal:
            raise UsageError("a Word document is binary, not for a terminal", "give --output FILE.docx", "--output")
        sys.stdout.flush()
        sys.stdout.buffer.write(text)
        sys.stdout.buffer.flush()
        return OK
    assert target.output is not None
    try:
        write_atomic(target.output, text, target.read)
    except OutputError as err:
        raise UsageError(str(err), option="--output") from None
    return OK


@contextmanager
def fenced(fence: bool) -> Iterator[None]:
    """Under GitHub Actions, stdout bound for the log is fenced by `::stop-commands::`: no `::cmd::` in it acts."""
    try:
        to_file = stat.S_ISREG(os.fstat(sys.stdout.fileno()).st_mode)
    except (AttributeError, OSError, ValueError):
        to_file = False  # no descriptor: not a file
    if not fence or to_file:
        yield
        return
    token = os.urandom(16).hex()  # not guessable by the data it fences
    sys.stdout.write(f"::stop-commands::{token}\n")
    try:
        yield
    finally:
        sys.stdout.write(f"\n::{token}::\n")


def check_file(text: str | bytes, path: Path) -> int:
    """Compare with what `path` holds (a regular file, read no further than can still match)."""
    expected = text.encode("utf-8", "backslashreplace") if isinstance(text, str) else text
    if not os.path.lexists(path):
        say(f"{path}: does not exist; write it with the same command and --output {path}")
        return DIFFERENT
    try:
        current = read_regular(path, 2 * len(expected) + CHECK_SLACK, follow=False)
    except FileProblem as err:
        if err.code != "file-too-large":
            raise UsageError(f"{path}: {err.message}", err.hint, option="--check") from None
        current = None
    if current != expected:
        if not isinstance(text, str):
            sys.stdout.write(f"{visible(str(path))}: differs (binary)\n")
        elif current is not None:
            sys.stdout.write(visible(differences(path, current.decode("utf-8", "replace"), text)))
        say(f"{path}: out of date; write it again with the same command and --output {path}")
        return DIFFERENT
    say(f"{path}: up to date")
    return OK


CHECK_SLACK = 1 << 16  # a file twice the expected size and more is out of date without a diff


def render(kind: Kind, document: Any, fmt: str, lang: Language, target: Destination, config: Settings) -> int:
    """A document in `fmt`, through the format registry; the table to a terminal through rich."""
    if fmt == "table" and kind in ("matrix", "criteria", "history") and is_stdout(target.output) and not target.check:
        # the table at the terminal's width, in colour when wanted; rich is imported here only, for start-up time
        from rich.console import Console

        from veikart_cli.render.terminal import print_whole

        colour = config.color == "always" or config.color == "auto" and config.env.stdout_is_terminal
        console = Console(
            file=sys.stdout, force_terminal=colour, color_system="auto" if colour else None, highlight=False
        )
        with console.capture() as captured:  # the registry's table, before it becomes plain text
            print_whole(console, renderer(kind, "table").rich(document, lang))
        text = captured.get()
        # plain text, piped or pasted: no line ends in the spaces rich pads it with
        return deliver(text if colour else "".join(line.rstrip() + "\n" for line in text.splitlines()), target)
    try:
        output = renderer(kind, fmt)(document, lang)
    except MissingLibrary as err:
        raise UsageError(f"--format {fmt} needs python-docx ({err})", "pip install 'veikart[docx]'") from None
    return deliver(output, target, config.env.stdout_is_terminal)


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
    for path in inputs:
        with contextlib.suppress(OSError, ValueError):  # an input gone is not this file
            if os.path.samestat(os.stat(path), found):
                raise OutputError(f"{target}: refusing to overwrite an input file (this command reads it)")
    return found


def write_atomic(target: Path, text: str | bytes, inputs: Sequence[Path] = ()) -> None:
    """Write `text` (str as UTF-8, bytes as given) to `target` all at once."""
    # backslashreplace: a lone surrogate (from a file name) cannot make the write fail
    data = text.encode("utf-8", "backslashreplace") if isinstance(text, str) else text
    existing = check_target(target, inputs)
    if not target.parent.is_dir():
        raise OutputError(f"{target}: folder {target.parent} does not exist")
    umask = os.umask(0o022)
    os.umask(umask)
    mode = stat.S_IMODE(existing.st_mode) if existing is not None else 0o666 & ~umask
    tmp = ""
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".veikart.tmp")
        with open(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        check_target(target, inputs)  # again: something may have appeared meanwhile
        os.replace(tmp, target)  # replaces the entry itself; never follows a link at the target
    except BaseException as err:
        if tmp:
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


def write_all(files: list[tuple[Path, str]]) -> None:
    """A new roadmap's files, with their folders, all or none: what was made before a failure is removed."""
    made: list[Path] = []
    try:
        for path, text in files:
            for parent in reversed([path.parent, *path.parent.parents]):
                if not parent.exists():
                    parent.mkdir()
                    made.append(parent)
            write_atomic(path, text)
            made.append(path)
    except BaseException as err:  # a failed write, Ctrl-C or SIGTERM: nothing is left half-made
        for path in reversed(made):
            with contextlib.suppress(OSError):
                path.rmdir() if path.is_dir() else path.unlink()
        if not isinstance(err, (OSError, OutputError)):
            raise
        reason = err.strerror if isinstance(err, OSError) and err.strerror else str(err)
        raise UsageError(f"cannot write the roadmap: {reason}; nothing was written", "choose another folder") from None


def append(target: Path, text: str, inputs: Sequence[Path] = ()) -> None:
    """Add to the GitHub step summary, a file others also write to: a regular file, never through a link.
    Failing is a usage error: a gate whose report is lost must not pass."""
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
    except (OSError, OutputError) as err:
        reason = f"{target}: {err.strerror or err}" if isinstance(err, OSError) else str(err)
        hint = "GITHUB_STEP_SUMMARY must name a regular file veikart can add to"
        raise UsageError(f"step summary not written: {reason}", hint) from None
