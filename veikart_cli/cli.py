"""The command line: parse options, wire loader → engine → renderer, print, exit. No logic."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from veikart_cli import __version__
from veikart_cli.dataset import Inputs, find_inputs, load_dataset
from veikart_cli.model import DataSet
from veikart_cli.problems import Problems, exit_code, summary

app = typer.Typer(
    help="Traffic-light evaluation of strategic roadmaps, from criteria/ and areas/ YAML files.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,  # they print local variables, i.e. user data
)


class Format(str, Enum):
    table = "table"
    markdown = "markdown"
    json = "json"
    csv = "csv"
    html = "html"


class ReportFormat(str, Enum):
    markdown = "markdown"
    html = "html"


class ColorMode(str, Enum):
    auto = "auto"
    always = "always"
    never = "never"


PathsArg = Annotated[
    Optional[list[Path]],
    typer.Argument(
        help="Data folders (holding criteria/ and areas/), area files or folders of them. "
        "Default: ./criteria and ./areas, else the shipped Trondheim data set.",
        show_default=False,
    ),
]
StrictOpt = Annotated[bool, typer.Option("--strict", help="Treat warnings as errors.")]
OutputOpt = Annotated[
    Optional[Path], typer.Option("--output", "-o", help="Write to FILE (atomically) instead of stdout.")
]
CheckOpt = Annotated[
    Optional[Path],
    typer.Option(
        "--check", metavar="FILE",
        help="Write nothing; exit 0 if FILE already holds exactly this output, else 1 with a diff.",
    ),
]
FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
LangOpt = Annotated[Optional[str], typer.Option(help="Language of labels; default: the framework's first.")]
ColorOpt = Annotated[ColorMode, typer.Option(help="Colour in the terminal table; NO_COLOR is honoured.")]


def load(paths: list[Path] | None, strict: bool) -> tuple[DataSet, Inputs]:
    """Read and check everything; print the problems to stderr; exit 1 if the data is unusable."""
    problems = Problems()
    cwd = Path.cwd()
    inputs = find_inputs(list(paths or []), cwd, problems)
    dataset = load_dataset(inputs, cwd, problems, strict) if not problems.has_errors else None
    for problem in problems.sorted():
        typer.echo(str(problem), err=True)
    if problems.items:
        typer.echo(summary(problems, len(inputs.criteria) + len(inputs.areas)), err=True)
    if exit_code(problems, strict) or dataset is None:
        raise typer.Exit(1)
    return dataset, inputs


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"veikart {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool, typer.Option("--version", callback=version_callback, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """veikart: traffic lights for strategic roadmaps, every colour traced to its evidence."""


@app.command()
def validate(paths: PathsArg = None, strict: StrictOpt = False) -> None:
    """Check criteria and area files; print every problem as path:line:col. Exit 1 on errors."""
    dataset, inputs = load(paths, strict)
    typer.echo(f"ok: {len(inputs.criteria)} framework, {len(dataset.areas)} areas", err=True)


@app.command()
def score(
    paths: PathsArg = None,
    format: FormatOpt = Format.table,
    output: OutputOpt = None,
    check: CheckOpt = None,
    lang: LangOpt = None,
    color: ColorOpt = ColorMode.auto,
    strict: StrictOpt = False,
) -> None:
    """Compute the traffic-light matrix and print it (table, markdown, json, csv or html)."""
    from veikart_cli.engine import score as score_matrix

    dataset, inputs = load(paths, strict)
    language = pick_language(dataset, lang)
    matrix = score_matrix(dataset.framework, dataset.areas)
    if format is Format.table:
        from veikart_cli.render.terminal import matrix_table

        emit_rich(matrix_table(matrix, language), Target(output, check, inputs), color)
        return
    from veikart_cli.render.formats import matrix_text

    emit(matrix_text(matrix, format.value, language), Target(output, check, inputs))


@app.command()
def explain(
    area: Annotated[str, typer.Argument(help="Area id, name or alias (any case).")],
    driver: Annotated[Optional[str], typer.Argument(help="Driver id, name or alias; default: every driver.")] = None,
    paths: Annotated[
        Optional[list[Path]], typer.Option("--data", help="Data folder or files; default as for score.")
    ] = None,
    lang: LangOpt = None,
) -> None:
    """Explain a colour: evidence → criterion → colour, margins to the next colour, and sources."""
    from veikart_cli.engine import score as score_matrix
    from veikart_cli.lookup import NotFound, find
    from veikart_cli.render.explain import explain as explain_text

    dataset, _ = load(paths, strict=False)
    language = pick_language(dataset, lang)
    try:
        chosen_area = find(dataset.areas, area)
        chosen_driver = find(dataset.framework.drivers, driver) if driver else None
    except NotFound as err:
        raise typer.BadParameter(str(err)) from None
    matrix = score_matrix(dataset.framework, (chosen_area,))
    sys.stdout.write(explain_text(matrix, chosen_area.id, chosen_driver.id if chosen_driver else None, language))


@app.command()
def criteria(
    paths: PathsArg = None,
    format: FormatOpt = Format.table,
    output: OutputOpt = None,
    check: CheckOpt = None,
    lang: LangOpt = None,
    color: ColorOpt = ColorMode.auto,
) -> None:
    """Print the criteria table (the report's Tabell 2) from the framework file."""
    dataset, inputs = load(paths, strict=False)
    language = pick_language(dataset, lang)
    if format is Format.table:
        from veikart_cli.render.terminal import criteria_table

        emit_rich(criteria_table(dataset.framework, language), Target(output, check, inputs), color)
        return
    from veikart_cli.render.formats import criteria_text

    emit(criteria_text(dataset.framework, format.value, language), Target(output, check, inputs))


@app.command()
def report(
    paths: PathsArg = None,
    format: Annotated[ReportFormat, typer.Option("--format", "-f", help="Output format.")] = ReportFormat.markdown,
    output: OutputOpt = None,
    check: CheckOpt = None,
    lang: LangOpt = None,
    strict: StrictOpt = False,
) -> None:
    """Write the whole report: source, criteria, matrix, and every area with evidence and quotes."""
    from veikart_cli.engine import score as score_matrix
    from veikart_cli.render.formats import report_text

    dataset, inputs = load(paths, strict)
    language = pick_language(dataset, lang)
    matrix = score_matrix(dataset.framework, dataset.areas)
    emit(report_text(matrix, format.value, language), Target(output, check, inputs))


def pick_language(dataset: DataSet, lang: str | None) -> str:
    languages = dataset.framework.languages
    if lang is None:
        return languages[0]
    if lang not in languages:
        raise typer.BadParameter(f"'{lang}' is not one of the framework's languages: {', '.join(languages)}")
    return lang


@dataclass(frozen=True)
class Target:
    """Where output goes: stdout, a file (--output), or a comparison with a file (--check)."""

    output: Path | None
    check: Path | None
    inputs: Inputs


def emit(text: str, target: Target) -> None:
    if target.output is not None and target.check is not None:
        raise typer.BadParameter("give --output or --check, not both")
    if target.check is not None:
        check_file(text, target.check)
    elif target.output is None:
        sys.stdout.write(text)
    else:
        from veikart_cli.output import OutputError, write_atomic

        try:
            write_atomic(target.output, text, target.inputs.criteria + target.inputs.areas)
        except OutputError as err:
            typer.echo(f"error: {err}", err=True)
            raise typer.Exit(1) from None


def check_file(text: str, path: Path) -> None:
    from veikart_cli.output import OutputError, differences

    try:
        diff = differences(path, text)
    except OutputError as err:
        typer.echo(f"error: {err}", err=True)
        raise typer.Exit(1) from None
    if diff:
        sys.stdout.write(diff)
        typer.echo(f"{path}: out of date; write it again with the same command and --output {path}", err=True)
        raise typer.Exit(1)
    typer.echo(f"{path}: up to date", err=True)


def emit_rich(renderable: object, target: Target, color: ColorMode) -> None:
    from rich.console import Console

    if target.output is not None or target.check is not None:  # files get plain text, never escape codes
        import io

        console = Console(record=True, width=120, color_system=None, file=io.StringIO())
        console.print(renderable)
        emit(console.export_text(), target)
        return
    console = Console(
        force_terminal=True if color is ColorMode.always else None,
        no_color=color is ColorMode.never,
        color_system=None if color is ColorMode.never else "auto",
        highlight=False,
    )
    console.print(renderable)


def main() -> None:
    """Console entry point: no traceback ever reaches the user."""
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
    except BrokenPipeError:  # e.g. `veikart score | head`
        sys.stderr.close()
        sys.exit(0)
    except Exception as err:  # noqa: BLE001 - the last line of defence
        typer.echo(f"veikart: internal error: {type(err).__name__}: {err} (please report this)", err=True)
        sys.exit(70)
