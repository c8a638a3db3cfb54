"""Where output lands decides how it looks: `-o matrix.html` writes HTML, `-o -` is stdout; a
--format that contradicts the extension is a usage error."""

from __future__ import annotations

import os
import stat
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple

from veikart_cli.app.dataset import Inputs
from veikart_cli.app.settings import DIFFERENT, OK, Settings, UsageError
from veikart_cli.app.writer import OutputError, differences, write_atomic
from veikart_cli.files import FileProblem, read_regular
from veikart_cli.model.vocabulary import Language
from veikart_cli.render.formats import EXTENSIONS, Kind, MissingLibrary, renderer
from veikart_cli.render.sanitize import visible

STDOUT = Path("-")


def is_stdout(path: Path | None) -> bool:
    """No --output, or `-o -`."""
    return path is None or path == STDOUT


def say(text: str) -> None:
    """A line for the person at the terminal: stderr, so stdout stays the command's output."""
    sys.stderr.write(text + "\n")


class Destination(NamedTuple):
    """Where output goes: stdout, a file (--output), or a comparison with a file (--check)."""

    output: Path | None = None
    check: Path | None = None
    inputs: Inputs = Inputs((), ())
    config: Path | None = None  # the pyproject.toml read, if any: never written over either
    fence: bool = False  # under GitHub Actions: stdout is fenced so that no line of data acts

    def reading(self, inputs: Inputs, config: Settings) -> Destination:
        """This target, knowing which files the command read."""
        return self._replace(inputs=inputs, config=config.config.source, fence=config.env.github)

    @property
    def read(self) -> tuple[Path, ...]:
        return self.inputs.criteria + self.inputs.areas + ((self.config,) if self.config else ())

    def format(self, flag: str | None, allowed: tuple[str, ...]) -> str | None:
        """The format asked for: --format, else the extension of the file; None leaves it to the settings."""
        if self.output is not None and self.check is not None:
            raise UsageError("give --output or --check, not both")
        path = self.output or self.check
        if is_stdout(path):
            return flag
        assert path is not None
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
        return print_table(kind, document, lang, target, config)
    try:
        output = renderer(kind, fmt)(document, lang)
    except MissingLibrary as err:
        raise UsageError(f"--format {fmt} needs python-docx ({err})", "pip install 'veikart[docx]'") from None
    return deliver(output, target, config.env.stdout_is_terminal)


def print_table(kind: Kind, document: Any, lang: Language, target: Destination, config: Settings) -> int:
    """The table at the terminal's width, in colour when wanted."""
    # rich is imported here only: most commands print no table, and it costs start-up time
    from rich.console import Console

    from veikart_cli.render.terminal import print_whole

    colour = config.color == "always" or config.color == "auto" and config.env.stdout_is_terminal
    console = Console(file=sys.stdout, force_terminal=colour, color_system="auto" if colour else None, highlight=False)
    table = renderer(kind, "table").rich(document, lang)  # the registry's table, before it becomes plain text
    with fenced(target.fence):
        if colour:
            print_whole(console, table)
        else:  # plain text, piped or pasted: no line ends in the spaces rich pads it with
            with console.capture() as captured:
                print_whole(console, table)
            sys.stdout.write("".join(line.rstrip() + "\n" for line in captured.get().splitlines()))
    return OK
