"""The command line: commands and their options, nothing else. Each calls app/commands.py.
No `from __future__ import annotations`: Typer would evaluate the signatures' strings at every start."""

import contextlib
import itertools
import os
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from veikart_cli import __version__
from veikart_cli.app import commands, streams
from veikart_cli.app.commands import Stop
from veikart_cli.app.settings import DATA_PROBLEMS, USAGE, Environment, Options, UsageError
from veikart_cli.render.formats import EXTENSIONS, Kind, formats
from veikart_cli.render.sanitize import terminal

app = typer.Typer(
    help="Traffic-light evaluation of strategic roadmaps, from criteria/ and areas/ YAML files.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,  # they print local variables, i.e. user data
    rich_markup_mode=None,  # help texts are plain: '[default: …]' and '[tool.veikart]' stay words
    context_settings={"help_option_names": ["-h", "--help"]},
)


def option(*names: str, help: str, metavar: str | None = None) -> Any:
    """A Typer option whose default is not shown (None or off; the help says it where it matters)."""
    return typer.Option(*names, metavar=metavar, help=help, show_default=False)


DATA = (
    "Data folders (holding criteria/ and areas/), area files or folders of them. "
    "Default: [tool.veikart] in pyproject.toml, else ./criteria and ./areas."
)
PathsArg = Annotated[list[Path] | None, typer.Argument(metavar="[DATA]...", help=DATA, show_default=False)]
CriteriaOpt = Annotated[
    Path | None, option("--criteria", metavar="PATH", help="The framework file (or a folder holding it).")
]
ExampleOpt = Annotated[bool, typer.Option("--example", help="Use the shipped data set (SINTEF 2021:00617, Trondheim).")]
StrictOpt = Annotated[bool | None, option("--strict/--no-strict", help="Warnings (and overrides) count as errors.")]


def output_option(kind: Kind | None = None) -> Any:
    """--output, naming the extensions of this command's own formats (none: it has one format)."""
    values = formats(kind) if kind else ()
    extensions = " ".join(ext for ext, fmt in EXTENSIONS.items() if fmt in values)
    chooses = f"; its extension ({extensions}) chooses the format when --format is not given" if values else ""
    help = f"Write to FILE (atomically) instead of stdout{chooses}. '-' is stdout."
    return typer.Option("--output", "-o", metavar="FILE", help=help)


CHECK = "Write nothing; exit 0 if FILE already holds exactly this output, else 3 with a diff."
CheckOpt = Annotated[Path | None, option("--check", metavar="FILE", help=CHECK)]
NoCacheOpt = Annotated[bool, typer.Option("--no-cache", hidden=True)]  # accepted and ignored: there was a cache
LangOpt = Annotated[
    str | None, typer.Option(metavar="LANG", help="Language of the output; default: the framework's first.")
]
AT = "Score the series as of this year: each indicator's latest value up to it (default: the latest)."
AtOpt = Annotated[int | None, option("--at", metavar="YEAR", help=AT)]
COLOR = "Colour on a terminal: auto, always or never. Default: auto; NO_COLOR and FORCE_COLOR are honoured."
ColorOpt = Annotated[str | None, option("--color", metavar="WHEN", help=COLOR)]
ExitCodeOpt = Annotated[bool, typer.Option("--exit-code", help="Exit 3 when anything changed.")]


def format_option(kind: Kind) -> Any:
    """Choices are checked by the application, against the same list (render/formats.py)."""
    return option("--format", "-f", metavar="FORMAT", help=f"Output format: {', '.join(formats(kind))}.")


def run(function: Callable[..., int], *args: object) -> NoReturn:
    """Call the application; a usage error is shown as Typer shows its own (exit 2)."""
    try:
        status = function(Environment(Path.cwd(), os.environ, sys.stdout.isatty()), *args)
    except Stop:
        status = DATA_PROBLEMS
    except UsageError as err:
        if err.option:  # the message may quote data (e.g. "did you mean 'X'?"): shown as plain text
            message = terminal(f"{err.message}; {err.hint}" if err.hint else err.message)
            raise typer.BadParameter(message, param_hint=err.option) from None
        message, hint = terminal(err.message), terminal(err.hint)
        typer.echo(f"veikart: error: {message}" + (f"\n  hint: {hint}" if hint else ""), err=True)
        status = USAGE
    raise typer.Exit(status)


def show_version(value: bool) -> None:
    if value:
        typer.echo(f"veikart {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool, typer.Option("--version", callback=show_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """veikart: traffic lights for strategic roadmaps, every colour traced to its evidence."""


PROBLEM_FORMAT = "How to print problems: text, github (workflow commands; the default under GitHub Actions) or json."
WHOLE = (
    "Check the whole roadmap each given file belongs to (cross-file checks included), each once, "
    "with one verdict: for a pre-commit hook, which passes only the changed files."
)


@app.command()
def validate(
    paths: PathsArg = None,
    criteria: CriteriaOpt = None,
    example: ExampleOpt = False,
    strict: StrictOpt = None,
    format: Annotated[str | None, option("--format", "-f", metavar="FORMAT", help=PROBLEM_FORMAT)] = None,
    whole: Annotated[bool, option("--whole", help=WHOLE)] = False,
    no_cache: NoCacheOpt = False,
) -> None:
    """Check criteria and area files; print every problem as path:line:col. Exit 1 on errors."""
    run(commands.validate, Options(paths or (), criteria, example, strict=strict, problem_format=format), whole)


FAIL_ON = (
    "Exit 3 when a cell matches: one of the framework's colour ids (`veikart criteria -f csv` lists "
    "them; the shipped framework's are green, yellow and red) or states, uncertain, override, unknown or "
    "inferred; an area's overall colour: overall:ID, overall:uncertain; or a trend: trend:LEVEL. Repeatable."
)
SET = (
    "Score as if this evidence were given (files stay untouched); lists the cells that move. "
    "AREA.DRIVER.PART=VALUE sets one part of a composite driver. Repeatable."
)
SORT = "Rank areas best first by 'overall', a driver id, or 'name'; ties as the framework's 'ties' says (default: the matrix's order)."


@app.command()
def score(
    paths: PathsArg = None,
    criteria: CriteriaOpt = None,
    example: ExampleOpt = False,
    format: Annotated[str | None, format_option("matrix")] = None,
    output: Annotated[Path | None, output_option("matrix")] = None,
    check: CheckOpt = None,
    lang: LangOpt = None,
    color: ColorOpt = None,
    strict: StrictOpt = None,
    fail_on: Annotated[list[str] | None, option("--fail-on", metavar="CONDITION", help=FAIL_ON)] = None,
    set_: Annotated[list[str] | None, option("--set", metavar="AREA.DRIVER=VALUE", help=SET)] = None,
    sort: Annotated[str | None, option("--sort", metavar="KEY", help=SORT)] = None,
    no_cache: NoCacheOpt = False,
    at: AtOpt = None,
) -> None:
    """Compute the traffic-light matrix and print it (table, markdown, json, csv, html or svg)."""
    chosen = Options(paths or (), criteria, example, strict, lang, color, at=at, fmt=format, output=output, check=check)
    run(commands.score, chosen, fail_on or [], set_ or [], sort or "")


EXPLAINED = (
    "Data folders or files first, as for every command (default as for score); then the area "
    "(id, name or alias, any case, or its section such as 4.3.2); then a driver, or 'overall' for the overall colour (default: every driver)."
)


@app.command()
def explain(
    words: Annotated[list[str], typer.Argument(metavar="[DATA]... AREA [DRIVER]", help=EXPLAINED, show_default=False)],
    paths: Annotated[list[Path] | None, typer.Option("--data", metavar="PATH", hidden=True)] = None,
    criteria: CriteriaOpt = None,
    example: ExampleOpt = False,
    lang: LangOpt = None,
    no_cache: NoCacheOpt = False,
    at: AtOpt = None,
) -> None:
    """Explain a colour: evidence → criterion → colour, margins to the next colour, and sources."""
    # leading words that name existing files or folders (never the last) are data; an area (and a driver) follow
    data = [Path(word) for word in itertools.takewhile(lambda word: Path(word).exists(), words[:-1])]
    rest = words[len(data) :]
    if not rest or len(rest) > 2:
        raise typer.BadParameter("give [DATA]... AREA [DRIVER]: one area, and at most one driver", param_hint="AREA")
    if not data and len(rest) == 1 and Path(rest[0]).is_dir():
        raise typer.BadParameter(f"{rest[0]} is a folder: give the area to explain after it", param_hint="AREA")
    chosen = Options([*data, *(paths or [])], criteria, example, lang=lang, at=at)
    run(commands.explain, chosen, rest[0], rest[1] if len(rest) > 1 else None)


@app.command("criteria")
def criteria_command(
    paths: PathsArg = None,
    criteria: CriteriaOpt = None,
    example: ExampleOpt = False,
    format: Annotated[str | None, format_option("criteria")] = None,
    output: Annotated[Path | None, output_option("criteria")] = None,
    check: CheckOpt = None,
    lang: LangOpt = None,
    color: ColorOpt = None,
) -> None:
    """Print the criteria table (the report's Tabell 2) from the framework file."""
    chosen = Options(paths or (), criteria, example, lang=lang, color=color, fmt=format, output=output, check=check)
    run(commands.criteria, chosen)


@app.command()
def report(
    paths: PathsArg = None,
    criteria: CriteriaOpt = None,
    example: ExampleOpt = False,
    format: Annotated[str | None, format_option("report")] = None,
    output: Annotated[Path | None, output_option("report")] = None,
    check: CheckOpt = None,
    lang: LangOpt = None,
    strict: StrictOpt = None,
    no_cache: NoCacheOpt = False,
    at: AtOpt = None,
) -> None:
    """Write the whole report: source, criteria, matrix, and every area with evidence and quotes."""
    chosen = Options(paths or (), criteria, example, strict, lang, at=at, fmt=format, output=output, check=check)
    run(commands.report, chosen)


@app.command()
def diff(
    old: Annotated[str, typer.Argument(help="A data folder or a git revision (e.g. main).")],
    new: Annotated[str, typer.Argument(help="A data folder or a git revision (e.g. HEAD).")],
    format: Annotated[str, format_option("diff")] = "table",
    output: Annotated[Path | None, output_option("diff")] = None,
    lang: LangOpt = None,
    exit_code: ExitCodeOpt = False,
    at: AtOpt = None,
) -> None:
    """Cells whose colour changed between two evaluations, areas added or removed, and why."""
    run(commands.diff, Options(lang=lang, at=at, fmt=format, output=output, gate=exit_code), old, new)


@app.command()
def schema(
    kind: Annotated[str, typer.Argument(help="Which file kind: area or criteria.")] = "area",
    paths: PathsArg = None,
    criteria: CriteriaOpt = None,
    example: ExampleOpt = False,
    output: Annotated[Path | None, output_option()] = None,
    lang: LangOpt = None,
) -> None:
    """Print a JSON Schema (draft-07) of area or criteria files, for editors and other validators.

    The area schema is made from the framework, so driver ids, levels and elements complete;
    its drivers are described by their names in the framework's (or --lang's) language.
    """
    run(commands.schema, Options(paths or (), criteria, example, lang=lang, output=output), kind)


METHODS = (
    "The built-in method to start from: trondheim (the shipped one), kpi-mal, prosjektstatus, "
    "energiomstilling or baerekraftsmal (series and trends)."
)


@app.command()
def init(
    folder: Annotated[Path, typer.Argument(help="Where to start the roadmap: criteria/ and areas/ are made in it.")],
    method: Annotated[str, typer.Option("--method", metavar="NAME", help=METHODS)] = "trondheim",
) -> None:
    """Start a new roadmap from a built-in method: its commented framework and one example area."""
    run(commands.init, folder, method)


@app.command()
def words(
    lang: Annotated[str, typer.Argument(metavar="LANG", help="The language to translate into, e.g. fr.")],
    start: Annotated[
        str, typer.Option("--from", metavar="LANG", help="The built-in words to start from: nb, nn or en.")
    ] = "en",
    output: Annotated[Path | None, typer.Option("--output", "-o", metavar="FILE", help="Write to FILE.")] = None,
) -> None:
    """Print every word veikart writes, as a framework's 'vocabulary:' section to translate."""
    run(commands.words, Options(output=output), lang, start)


EDITIONS = "Two or more editions, oldest first: git revisions or tags of this repository, or data folders."


@app.command()
def history(
    editions: Annotated[list[str], typer.Argument(help=EDITIONS, show_default=False)],
    format: Annotated[str | None, format_option("history")] = None,
    output: Annotated[Path | None, output_option("history")] = None,
    lang: LangOpt = None,
    color: ColorOpt = None,
    changed: Annotated[bool, typer.Option("--changed", help="Only the areas and rows that changed.")] = False,
    exit_code: ExitCodeOpt = False,
    at: AtOpt = None,
) -> None:
    """Each area's colours edition by edition, with every change and its cause, in one table."""
    chosen = Options(lang=lang, color=color, at=at, fmt=format, output=output, gate=exit_code)
    run(commands.history, chosen, editions, changed)


def _terminated(signum: int, frame: object) -> None:
    """SIGTERM and SIGHUP end veikart as an exception would, with the status a shell shows for the signal."""
    raise SystemExit(128 + signum)


def main() -> None:
    """Console entry point: no traceback ever reaches the user."""
    for name in ("SIGTERM", "SIGHUP"):  # Windows has no SIGHUP
        signum = getattr(signal, name, None)
        if signum is not None and signal.getsignal(signum) is not signal.SIG_IGN:  # nohup's stays ignored
            signal.signal(signum, _terminated)
    streams.prepare()
    status = ended(app, 0)
    if status != streams.BROKEN_PIPE:  # what stdout still holds is written here, and may fail too
        status = ended(sys.stdout.flush, status)
    sys.exit(status)


def ended(call: Callable[[], object], status: int | str | None) -> int | str | None:
    """`status` when `call` returns, else the exit status of how it ended."""
    try:
        call()
    except SystemExit as done:
        return done.code
    except KeyboardInterrupt:
        return 130
    except (BrokenPipeError, streams.PipeClosed):  # e.g. `veikart score | head -1`: quietly, as cat ends
        return streams.BROKEN_PIPE
    except streams.StreamError as err:  # a full disk, a closed stdout: said if stderr still can
        with contextlib.suppress(OSError, streams.StreamError):
            sys.stderr.write(f"veikart: error: {err}\n")
            sys.stderr.flush()
        return 1
    except Exception as err:  # noqa: BLE001 - the last line of defence
        message = terminal(f"{type(err).__name__}: {err}")
        sys.stderr.write(f"veikart: internal error: {message} (please report this)\n")
        return 70
    return status
