"""The command line: parse options, wire loader → engine → renderer, print, exit. No logic.

No `from __future__ import annotations` here: Typer reads the signatures on every run,
and string annotations would have to be evaluated first (a few ms of start-up).
"""

import gc
import os
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NamedTuple, TypeVar

import typer

from veikart_cli import __version__
from veikart_cli.app.config import Config, load_config
from veikart_cli.app.dataset import Inputs, find_inputs, load_dataset
from veikart_cli.model.types import DataSet, Framework
from veikart_cli.problems import Problems, exit_code, summary

if TYPE_CHECKING:
    from veikart_cli.engine.scoring import Matrix

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
    svg = "svg"  # score only


class ReportFormat(str, Enum):
    markdown = "markdown"
    html = "html"


class ColorMode(str, Enum):
    auto = "auto"
    always = "always"
    never = "never"


class ProblemFormat(str, Enum):
    text = "text"
    github = "github"
    json = "json"


PathsArg = Annotated[
    list[Path] | None,
    typer.Argument(
        help="Data folders (holding criteria/ and areas/), area files or folders of them. "
        "Default: [tool.veikart] in pyproject.toml, else ./criteria and ./areas, else the shipped data set.",
        show_default=False,
    ),
]
CriteriaOpt = Annotated[
    Path | None, typer.Option("--criteria", help="The framework file (or a folder holding it).", show_default=False)
]
StrictOpt = Annotated[
    bool | None,
    typer.Option("--strict/--no-strict", help="Treat warnings and overrides as errors.", show_default=False),
]
OutputOpt = Annotated[Path | None, typer.Option("--output", "-o", help="Write to FILE (atomically) instead of stdout.")]
CheckOpt = Annotated[
    Path | None,
    typer.Option(
        "--check",
        metavar="FILE",
        help="Write nothing; exit 0 if FILE already holds exactly this output, else 1 with a diff.",
    ),
]
FormatOpt = Annotated[Format | None, typer.Option("--format", "-f", help="Output format [default: table].")]
LangOpt = Annotated[str | None, typer.Option(help="Language of labels; default: the framework's first.")]
ColorOpt = Annotated[
    ColorMode | None, typer.Option(help="Colour in the terminal table [default: auto]; NO_COLOR is honoured.")
]


E = TypeVar("E", bound=Enum)


class Loaded(NamedTuple):
    dataset: DataSet
    inputs: Inputs
    config: Config

    def lang(self, flag: str | None) -> str:
        return pick_language(self.dataset.framework, self.config.get("lang", flag))

    def choose(self, kind: type[E], key: str, flag: E | None, default: E) -> E:
        return choose(kind, self.config, key, flag, default)


def pick_language(framework: Framework, lang: str | None) -> str:
    if lang is None:
        return framework.languages[0]
    if lang not in framework.languages:
        raise typer.BadParameter(f"'{lang}' is not one of the framework's languages: {', '.join(framework.languages)}")
    return lang


def choose(kind: type[E], config: Config, key: str, flag: E | None, default: E) -> E:
    """The flag, else [tool.veikart]'s setting, else the default; a setting this command lacks is a usage error."""
    value = config.get(key, flag, default)
    try:
        return kind(value)
    except ValueError:
        raise typer.BadParameter(f"{key} = '{value}' from {config.source} does not apply to this command") from None


def load(
    paths: list[Path] | None,
    framework: Path | None,
    strict: bool | None,
    problem_format: ProblemFormat | None = None,
    validating: bool = False,
    framework_only: bool = False,
) -> Loaded:
    """Read settings and data, check everything, report the problems; exit 1 if the data is unusable."""
    problems = Problems()
    cwd = Path.cwd()
    config = load_config(cwd, problems)
    strict = bool(config.get("strict", strict, False))
    inputs = Inputs((), ())
    dataset = None
    if not problems.has_errors:
        paths = paths or list(config.get("areas", None, []))
        inputs = find_inputs(paths, cwd, problems, framework or config.get("criteria"))
        inputs = Inputs(inputs.criteria, ()) if framework_only else inputs
        dataset = load_dataset(inputs, cwd, problems, strict) if not problems.has_errors else None
    on_github = os.environ.get("GITHUB_ACTIONS") == "true"
    default = ProblemFormat.github if on_github else ProblemFormat.text
    fmt = choose(ProblemFormat, config, "problem-format", problem_format, default)
    report_problems(problems, fmt, len(inputs.criteria) + len(inputs.areas), strict, to_stdout=validating)
    if exit_code(problems, strict) or dataset is None:
        raise typer.Exit(1)
    return Loaded(dataset, inputs, config)


def report_problems(problems: Problems, fmt: ProblemFormat, files: int, strict: bool, to_stdout: bool) -> None:
    """Text goes to stderr; GitHub commands and JSON to stdout when they are the command's output."""
    from veikart_cli.render import problems as render

    found = problems.sorted()
    verdict = summary(problems, files)
    if fmt is ProblemFormat.text:
        if found:
            typer.echo(render.problems_text(found) + verdict, err=True)
        return
    text = render.problems_json(found) if fmt is ProblemFormat.json else render.problems_github(found)
    if found or fmt is ProblemFormat.json:
        typer.echo(text, err=not to_stdout, nl=False)
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if fmt is ProblemFormat.github and summary_file:
        from veikart_cli.app.writer import append

        append(Path(summary_file), render.problems_summary(found, verdict if found else "no problems"))
    if found:
        typer.echo(verdict, err=True)


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
def validate(
    paths: PathsArg = None,
    criteria: CriteriaOpt = None,
    strict: StrictOpt = None,
    format: Annotated[
        ProblemFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="How to print problems: text, github (workflow commands; the default under GitHub Actions) or json.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Check criteria and area files; print every problem as path:line:col. Exit 1 on errors."""
    loaded = load(paths, criteria, strict, format, validating=True)
    typer.echo(f"ok: {len(loaded.inputs.criteria)} framework, {len(loaded.dataset.areas)} areas", err=True)


@app.command()
def score(
    paths: PathsArg = None,
    criteria: CriteriaOpt = None,
    format: FormatOpt = None,
    output: OutputOpt = None,
    check: CheckOpt = None,
    lang: LangOpt = None,
    color: ColorOpt = None,
    strict: StrictOpt = None,
    fail_on: Annotated[
        list[str] | None,
        typer.Option(
            "--fail-on",
            metavar="CONDITION",
            help="Exit 3 when a cell matches: a colour id (e.g. red), uncertain, override, unknown or inferred. Repeatable.",
        ),
    ] = None,
    set_: Annotated[
        list[str] | None,
        typer.Option(
            "--set",
            metavar="AREA.DRIVER=VALUE",
            help="Score as if this evidence were given (files stay untouched); lists the cells that move. Repeatable.",
        ),
    ] = None,
) -> None:
    """Compute the traffic-light matrix and print it (table, markdown, json, csv, html or svg)."""
    from veikart_cli.engine.scoring import score as score_matrix

    loaded = load(paths, criteria, strict)
    fmt, language = loaded.choose(Format, "format", format, Format.table), loaded.lang(lang)
    framework = loaded.dataset.framework
    check_conditions(framework, fail_on or [])
    matrix = score_matrix(framework, loaded.dataset.areas)
    if set_:
        matrix = score_what_if(loaded.dataset, set_, matrix, language)
    target = Target(output, check, loaded.inputs)
    if fmt is Format.table:
        from veikart_cli.render.terminal import matrix_table

        emit_rich(matrix_table(matrix, language), target, loaded.choose(ColorMode, "color", color, ColorMode.auto))
    else:
        from veikart_cli.render.formats import matrix_text

        emit(matrix_text(matrix, fmt.value, language), target)
    if fail_on:
        gate(matrix, fail_on, language)


def check_conditions(framework: Framework, wanted: list[str]) -> None:
    from veikart_cli.engine.gates import conditions

    known = conditions(framework)
    for condition in wanted:
        if condition not in known:
            raise typer.BadParameter(f"'{condition}' is not one of: {', '.join(known)}", param_hint="--fail-on")


def score_what_if(dataset: DataSet, settings: list[str], before: "Matrix", lang: str) -> "Matrix":
    from veikart_cli.engine.scoring import score as score_matrix
    from veikart_cli.engine.whatif import WhatIfError, moved, what_if
    from veikart_cli.render.vocabulary import cell_name, change_text

    try:
        changed = what_if(dataset, settings)
    except WhatIfError as err:
        raise typer.BadParameter(str(err), param_hint="--set") from None
    after = score_matrix(changed.framework, changed.areas)
    pairs = moved(before, after)
    for old, new in pairs:
        typer.echo(f"what-if: {cell_name(new, lang)}: {change_text(after.framework, old, new, lang)}", err=True)
    if not pairs:
        typer.echo("what-if: no cell changes colour", err=True)
    return after


def gate(matrix: "Matrix", wanted: list[str], lang: str) -> None:
    """Exit 3 (data fine, result not) when any cell matches a --fail-on condition."""
    from veikart_cli.engine.gates import failing
    from veikart_cli.render.vocabulary import cell_name, cell_text

    hits = failing(matrix, wanted)
    for cell, condition in hits:
        typer.echo(f"fail-on {condition}: {cell_name(cell, lang)}: {cell_text(matrix.framework, cell, lang)}", err=True)
    if hits:
        typer.echo(f"{len(hits)} of {len(matrix.cells())} cells match --fail-on {' '.join(wanted)}", err=True)
        raise typer.Exit(3)


@app.command()
def explain(
    area: Annotated[str, typer.Argument(help="Area id, name or alias (any case).")],
    driver: Annotated[str | None, typer.Argument(help="Driver id, name or alias; default: every driver.")] = None,
    paths: Annotated[
        list[Path] | None, typer.Option("--data", help="Data folder or files; default as for score.")
    ] = None,
    criteria: CriteriaOpt = None,
    lang: LangOpt = None,
) -> None:
    """Explain a colour: evidence → criterion → colour, margins to the next colour, and sources."""
    from veikart_cli.engine.lookup import NotFound, find
    from veikart_cli.engine.scoring import score as score_matrix
    from veikart_cli.render.explain import explain as explain_text

    loaded = load(paths, criteria, strict=False)
    dataset, language = loaded.dataset, loaded.lang(lang)
    try:
        chosen_area = find(dataset.areas, area)
        chosen_driver = find(dataset.framework.drivers, driver) if driver else None
    except NotFound as err:
        raise typer.BadParameter(str(err)) from None
    matrix = score_matrix(dataset.framework, (chosen_area,))
    sys.stdout.write(explain_text(matrix, chosen_area.id, chosen_driver.id if chosen_driver else None, language))


@app.command("criteria")
def criteria_command(
    paths: PathsArg = None,
    criteria: CriteriaOpt = None,
    format: FormatOpt = None,
    output: OutputOpt = None,
    check: CheckOpt = None,
    lang: LangOpt = None,
    color: ColorOpt = None,
) -> None:
    """Print the criteria table (the report's Tabell 2) from the framework file."""
    loaded = load(paths, criteria, strict=False)
    fmt, language = loaded.choose(Format, "format", format, Format.table), loaded.lang(lang)
    if fmt is Format.svg:
        raise typer.BadParameter("svg draws the matrix; use it with score", param_hint="--format")
    framework, target = loaded.dataset.framework, Target(output, check, loaded.inputs)
    if fmt is Format.table:
        from veikart_cli.render.terminal import criteria_table

        emit_rich(criteria_table(framework, language), target, loaded.choose(ColorMode, "color", color, ColorMode.auto))
        return
    from veikart_cli.render.formats import criteria_text

    emit(criteria_text(framework, fmt.value, language), target)


@app.command()
def report(
    paths: PathsArg = None,
    criteria: CriteriaOpt = None,
    format: Annotated[ReportFormat, typer.Option("--format", "-f", help="Output format.")] = ReportFormat.markdown,
    output: OutputOpt = None,
    check: CheckOpt = None,
    lang: LangOpt = None,
    strict: StrictOpt = None,
) -> None:
    """Write the whole report: source, criteria, matrix, and every area with evidence and quotes."""
    from veikart_cli.engine.scoring import score as score_matrix
    from veikart_cli.render.formats import report_text

    loaded = load(paths, criteria, strict)
    matrix = score_matrix(loaded.dataset.framework, loaded.dataset.areas)
    emit(report_text(matrix, format.value, loaded.lang(lang)), Target(output, check, loaded.inputs))


class DiffFormat(str, Enum):
    table = "table"
    markdown = "markdown"
    json = "json"


@app.command()
def diff(
    old: Annotated[str, typer.Argument(help="A data folder or a git revision (e.g. main).")],
    new: Annotated[str, typer.Argument(help="A data folder or a git revision (e.g. HEAD).")],
    format: Annotated[DiffFormat, typer.Option("--format", "-f", help="Output format.")] = DiffFormat.table,
    output: OutputOpt = None,
    lang: LangOpt = None,
    exit_code_: Annotated[
        bool, typer.Option("--exit-code", help="Exit 1 when anything changed, as git diff --exit-code does.")
    ] = False,
) -> None:
    """Cells whose colour changed between two evaluations, areas added or removed, and why."""
    from veikart_cli.app.revisions import RevisionError, data_root
    from veikart_cli.engine.diff import diff as compare
    from veikart_cli.engine.scoring import score as score_matrix
    from veikart_cli.render import diff as render

    cwd = Path.cwd()
    matrices, read = [], Inputs((), ())
    try:
        for spec in (old, new):
            with data_root(spec, cwd) as root:
                dataset, inputs = load_root(root, spec)
                matrices.append(score_matrix(dataset.framework, dataset.areas))
                read = Inputs(read.criteria + inputs.criteria, read.areas + inputs.areas)
    except RevisionError as err:
        raise typer.BadParameter(str(err)) from None
    language = pick_language(matrices[1].framework, lang)
    changes = compare(matrices[0], matrices[1])
    renderer = {
        DiffFormat.table: render.diff_text,
        DiffFormat.markdown: render.diff_markdown,
        DiffFormat.json: render.diff_json,
    }
    emit(renderer[format](changes, (old, new), language), Target(output, None, read))  # never over an input
    if exit_code_ and not changes.empty:
        raise typer.Exit(1)


def load_root(root: Path, label: str) -> tuple[DataSet, Inputs]:
    """One side of a diff: its problems are printed under its label; errors exit 1."""
    problems = Problems()
    inputs = find_inputs([root], root, problems)
    dataset = load_dataset(inputs, root, problems)
    if problems.items:
        typer.echo(f"in {label}:", err=True)
        report_problems(problems, ProblemFormat.text, len(inputs.criteria) + len(inputs.areas), False, to_stdout=False)
    if problems.has_errors or dataset is None:
        raise typer.Exit(1)
    return dataset, inputs


class SchemaKind(str, Enum):
    area = "area"
    criteria = "criteria"


@app.command()
def schema(
    kind: Annotated[SchemaKind, typer.Argument(help="Which file kind.")] = SchemaKind.area,
    paths: PathsArg = None,
    criteria: CriteriaOpt = None,
    output: OutputOpt = None,
) -> None:
    """Print a JSON Schema (draft-07) of area or criteria files, for editors and other validators.

    The area schema is made from the framework, so driver ids, levels and elements complete.
    """
    from veikart_cli.checks.schema import area_schema, criteria_schema, schema_json

    if kind is SchemaKind.criteria:
        emit(schema_json(criteria_schema()), Target(output, None, Inputs((), ())))
        return
    loaded = load(paths, criteria, strict=False, framework_only=True)  # broken areas must not block the schema
    emit(schema_json(area_schema(loaded.dataset.framework)), Target(output, None, loaded.inputs))


class Target(NamedTuple):
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
        from veikart_cli.app.writer import OutputError, write_atomic

        try:
            write_atomic(target.output, text, target.inputs.criteria + target.inputs.areas)
        except OutputError as err:
            typer.echo(f"error: {err}", err=True)
            raise typer.Exit(1) from None


def check_file(text: str, path: Path) -> None:
    from veikart_cli.app.writer import OutputError, differences

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
    # One command, then exit: the few reference cycles made meanwhile can wait for the end,
    # while the cyclic collector would walk every node and area read, again and again, as
    # a large data set grows.
    gc.disable()
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
