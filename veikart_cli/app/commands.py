"""The commands, without their command line: each takes typed options and an Environment, prints
its results, and returns the exit status (app/settings.py: 0 ok, 1 data problems, 2 usage, 3 a
gate, a difference or a stale file). Usage errors are raised as UsageError for the CLI to show.
"""

from __future__ import annotations

import os
import secrets
import stat
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from veikart_cli.app.data import Loaded, Request, load, load_revision, roadmap_root, working_tree_inputs
from veikart_cli.app.dataset import Inputs
from veikart_cli.app.outputs import by_extension, is_stdout
from veikart_cli.app.settings import DATA_PROBLEMS, DIFFERENT, OK, Environment, Settings, UsageError, one_of, settings
from veikart_cli.app.writer import OutputError, differences, write_atomic
from veikart_cli.files import FileProblem, read_regular
from veikart_cli.problems import Location, Problems, exit_code, plural, summary
from veikart_cli.render.sanitize import visible

if TYPE_CHECKING:
    from veikart_cli.engine.scoring import Matrix
    from veikart_cli.model.types import DataSet, Framework
    from veikart_cli.model.vocabulary import Language

T = TypeVar("T")


class Stop(Exception):
    """Ends a command early with an exit status; what needed saying is said."""

    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


def command(function: Callable[..., int]) -> Callable[..., int]:
    def run(*args: object, **kwargs: object) -> int:
        try:
            return function(*args, **kwargs)
        except Stop as stop:
            return stop.status

    run.__doc__, run.__name__ = function.__doc__, function.__name__
    return run


def say(text: str) -> None:
    """A line for the person at the terminal: stderr, so stdout stays the command's output."""
    sys.stderr.write(text + "\n")


class Options(NamedTuple):
    """Options shared by the commands that read a data set."""

    request: Request = Request()
    strict: bool | None = None
    lang: str | None = None
    color: str | None = None
    problem_format: str | None = None


def prepare(env: Environment, options: Options, problems: Problems) -> Settings:
    return settings(
        env,
        problems,
        strict=options.strict,
        lang=options.lang,
        problem_format=options.problem_format,
        color=options.color,
    )


def read(
    env: Environment,
    options: Options,
    *,
    validating: bool = False,
    fallback: bool = False,
    framework_only: bool = False,
) -> tuple[DataSet, Settings, Loaded]:
    """Settings and data, every problem reported; Stop(1) when the data cannot be used."""
    problems = Problems()
    config_settings = prepare(env, options, problems)
    if problems.has_errors:
        loaded = Loaded(None, Inputs((), ()), problems)
    else:
        loaded = load(options.request, config_settings, problems, fallback=fallback, framework_only=framework_only)
    if loaded.notice:
        say(loaded.notice)
    report_problems(loaded, config_settings, to_stdout=validating)
    if exit_code(problems, config_settings.strict) or loaded.dataset is None:
        raise Stop(DATA_PROBLEMS)
    return loaded.dataset, config_settings, loaded


def report_problems(loaded: Loaded, config: Settings, to_stdout: bool, label: str = "") -> None:
    """Text goes to stderr; GitHub commands and JSON to stdout when they are the command's output."""
    from veikart_cli.render import problems as render

    found = loaded.problems.sorted()
    verdict = summary(loaded.problems, loaded.files, config.strict)
    fmt = config.problem_format
    if found and label:
        say(f"in {label}:")
    if fmt == "text":
        if found:
            sys.stderr.write(render.problems_text(found) + verdict + "\n")
        return
    if fmt == "github":
        found = [replace(p, location=workspace_relative(p.location, config.env)) for p in found]
    text = render.problems_json(found) if fmt == "json" else render.problems_github(found)
    if found or fmt == "json":
        (sys.stdout if to_stdout else sys.stderr).write(text)
    summary_file = config.env.path("GITHUB_STEP_SUMMARY")
    if found:
        say(verdict)
    if fmt == "github" and summary_file:
        from veikart_cli.app.writer import OutputError, append

        read = loaded.inputs.criteria + loaded.inputs.areas + ((config.config.source,) if config.config.source else ())
        try:
            append(summary_file, render.problems_summary(found, verdict if found else "no problems"), read)
        except OutputError as err:  # a gate whose report is lost must not pass
            raise UsageError(
                f"step summary not written: {err}", "GITHUB_STEP_SUMMARY must name a regular file veikart can add to"
            ) from None


def workspace_relative(location: Location, env: Environment) -> Location:
    """GitHub attaches annotations by the path from the repository's top (GITHUB_WORKSPACE)."""
    import os

    workspace = env.path("GITHUB_WORKSPACE")
    if workspace is None or not location.path:
        return location
    relative = os.path.relpath(os.path.join(env.cwd, location.path), workspace)
    if relative.startswith(os.pardir):
        return location
    return location._replace(path=relative.replace(os.sep, "/"))


def language(framework: Framework, config: Settings) -> Language:
    """The document's language with its words; a language without words is a usage error."""
    from veikart_cli.model.vocabulary import VocabularyError
    from veikart_cli.render.phrases import language as words_of

    lang = config.lang
    if lang is None:
        lang = framework.languages[0]
    elif lang not in framework.languages:
        raise UsageError(
            f"'{lang}' is not one of the framework's languages: {', '.join(framework.languages)}", option="--lang"
        )
    try:
        return words_of(framework, lang)
    except VocabularyError as err:
        raise UsageError(str(err), err.hint, option="--lang") from None


class Target(NamedTuple):
    """Where output goes: stdout, a file (--output), or a comparison with a file (--check)."""

    output: Path | None = None
    check: Path | None = None
    inputs: Inputs = Inputs((), ())
    config: Path | None = None  # the pyproject.toml read, if any: never written over either
    fence: bool = False  # under GitHub Actions: stdout is fenced so that no line of data acts

    def reading(self, loaded: Loaded | Inputs, config: Settings) -> Target:
        """This target, knowing which files the command read."""
        inputs = loaded.inputs if isinstance(loaded, Loaded) else loaded
        return self._replace(inputs=inputs, config=config.config.source, fence=config.env.github)

    @property
    def read(self) -> tuple[Path, ...]:
        return self.inputs.criteria + self.inputs.areas + ((self.config,) if self.config else ())

    def validate(self) -> Target:
        if self.output is not None and self.check is not None:
            raise UsageError("give --output or --check, not both")
        return self


def deliver(text: str | bytes, target: Target, terminal: bool = False) -> int:
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
    """Under GitHub Actions, stdout that reaches the log (not a file) is fenced with the runner's
    own `::stop-commands::TOKEN` … `::TOKEN::`: no `::cmd::` or `##[cmd]` in the data acts,
    and the data itself stays as it is for programs."""
    if not fence or _is_file(sys.stdout):
        yield
        return
    token = secrets.token_hex(16)
    sys.stdout.write(f"::stop-commands::{token}\n")
    try:
        yield
    finally:
        sys.stdout.write(f"\n::{token}::\n")


def _is_file(stream: object) -> bool:
    try:
        return stat.S_ISREG(os.fstat(stream.fileno()).st_mode)  # type: ignore[attr-defined]
    except (AttributeError, OSError, ValueError):
        return False  # no descriptor: not a file


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


def deliver_rich(renderable: object, target: Target, config: Settings) -> int:
    """A rich renderable: files get plain text at a fixed width, stdout colour only when wanted."""
    from rich.console import Console

    if not is_stdout(target.output) or target.check is not None:
        from veikart_cli.render.terminal import plain_text

        return deliver(plain_text(renderable), target)
    colour = config.colour_on_stdout
    console = Console(
        file=sys.stdout,
        force_terminal=colour,
        color_system="auto" if colour else None,
        highlight=False,
    )
    with fenced(target.fence):
        console.print(renderable)
    return OK


# The commands ------------------------------------------------------------------------------


@command
def validate(env: Environment, options: Options, whole: bool = False) -> int:
    """Check criteria and area files; every problem located. 1 on errors (and on warnings when strict).
    `whole`: check the whole roadmap each given path belongs to, each once, with one verdict."""
    if whole and options.request.paths:
        return validate_roadmaps(env, options)
    dataset, _, loaded = read(env, options, validating=True)
    say(f"ok: {plural(len(loaded.inputs.criteria), 'framework')}, {plural(len(dataset.areas), 'area')}")
    return OK


def validate_roadmaps(env: Environment, options: Options) -> int:
    """What a pre-commit hook needs: it passes changed files (in one batch: require_serial), and
    a duplicate id is only seen beside the files that did not change."""
    problems = Problems()
    config = prepare(env, options, problems)
    roots = sorted({roadmap_root(env.cwd / path) for path in options.request.paths})
    inputs, areas = Inputs((), ()), 0
    for root in roots if not problems.has_errors else ():
        loaded = load(Request((root,)), config, problems)
        inputs = Inputs(inputs.criteria + loaded.inputs.criteria, inputs.areas + loaded.inputs.areas)
        areas += len(loaded.dataset.areas) if loaded.dataset is not None else 0
    report_problems(Loaded(None, inputs, problems), config, to_stdout=True)
    if exit_code(problems, config.strict):
        return DATA_PROBLEMS
    say(f"ok: {plural(len(roots), 'roadmap')}, {plural(len(inputs.criteria), 'framework')}, {plural(areas, 'area')}")
    return OK


@command
def score(
    env: Environment,
    options: Options,
    fmt: str | None,
    target: Target,
    fail_on: list[str],
    settings_: list[str],
    sort: str = "",
) -> int:
    from veikart_cli.engine.scoring import score as score_matrix
    from veikart_cli.render.formats import MATRIX_FORMATS

    target.validate()
    fmt = by_extension(fmt, target.output or target.check, MATRIX_FORMATS)
    quiet_fallback = target.check is None and not fail_on
    dataset, config, loaded = read(env, options, fallback=quiet_fallback)
    chosen = config.choose("format", fmt, "table", MATRIX_FORMATS)
    lang, framework = language(dataset.framework, config), dataset.framework
    check_conditions(framework, fail_on)
    matrix = score_matrix(framework, dataset.areas)
    if settings_:
        matrix = what_if(dataset, settings_, matrix, lang)
    if sort:
        from veikart_cli.engine.ranking import UnknownSort, ranked

        try:
            matrix = ranked(matrix, sort, lang)
        except UnknownSort as err:
            raise UsageError(str(err), option="--sort") from None
    status = render_matrix(matrix, chosen, lang, target.reading(loaded, config), config)
    return (gate(matrix, fail_on, lang) if fail_on else OK) or status  # no gate: nothing to import


def render_matrix(matrix: Matrix, fmt: str, lang: str, target: Target, config: Settings) -> int:
    if fmt == "table":
        from veikart_cli.render.terminal import rich_matrix

        return deliver_rich(rich_matrix(matrix, lang), target, config)
    from veikart_cli.render.formats import BINARY_FORMATS, matrix_bytes, matrix_text

    if fmt in BINARY_FORMATS:
        return deliver(binary(matrix_bytes, matrix, fmt, lang), target, config.env.stdout_is_terminal)
    return deliver(matrix_text(matrix, fmt, lang), target)


def binary(render: Callable[[T, str, str], bytes], what: T, fmt: str, lang: str) -> bytes:
    """A binary format, or a usage error naming the extra that brings its library."""
    from veikart_cli.render.docx import MissingLibrary

    try:
        return render(what, fmt, lang)
    except MissingLibrary as err:
        raise UsageError(f"--format {fmt} needs python-docx ({err})", "pip install 'veikart[docx]'") from None


def check_conditions(framework: Framework, wanted: list[str]) -> None:
    from veikart_cli.engine.gates import conditions

    known = conditions(framework)
    for condition in wanted:
        if condition not in known:
            raise UsageError(f"'{condition}' is not one of: {', '.join(known)}", option="--fail-on")


def what_if(dataset: DataSet, changes: list[str], before: Matrix, lang: str) -> Matrix:
    from veikart_cli.app.whatif import WhatIfError, parse_changes
    from veikart_cli.engine.diff import moved
    from veikart_cli.engine.scoring import score as score_matrix
    from veikart_cli.engine.whatif import what_if as apply
    from veikart_cli.render.diff import what_if_lines

    try:
        changed = apply(dataset, parse_changes(dataset, changes))
    except WhatIfError as err:
        raise UsageError(str(err), option="--set") from None
    after = score_matrix(changed.framework, changed.areas)
    for line in what_if_lines(after.framework, moved(before, after), lang):
        say(line)
    from veikart_cli.engine.diff import overall_changes
    from veikart_cli.render.diff import what_if_overall_lines

    for line in what_if_overall_lines(before, after, overall_changes(before, after, []), lang):
        say(line)
    return after


def gate(matrix: Matrix, wanted: list[str], lang: str) -> int:
    """3 (data fine, result not) when any cell matches a --fail-on condition."""
    from veikart_cli.engine.gates import failing
    from veikart_cli.render.diff import gate_lines

    hits = failing(matrix, wanted)
    for line in gate_lines(matrix, hits, wanted, lang):
        say(line)
    return DIFFERENT if hits else OK


@command
def explain(env: Environment, options: Options, area: str, driver: str | None) -> int:
    from veikart_cli.engine.lookup import NotFound, find
    from veikart_cli.engine.scoring import score as score_matrix
    from veikart_cli.render.explain import explain as explain_text

    dataset, config, _ = read(env, options._replace(strict=False), fallback=True)
    lang = language(dataset.framework, config)
    try:
        chosen_area = find(dataset.areas, area)
        chosen_driver = find(dataset.framework.drivers, driver) if driver else None
    except NotFound as err:
        raise UsageError(str(err)) from None
    matrix = score_matrix(dataset.framework, (chosen_area,))
    with fenced(config.env.github):
        sys.stdout.write(explain_text(matrix, chosen_area.id, chosen_driver.id if chosen_driver else None, lang))
    return OK


@command
def criteria(env: Environment, options: Options, fmt: str | None, target: Target) -> int:
    from veikart_cli.render.formats import CRITERIA_FORMATS

    target.validate()
    fmt = by_extension(fmt, target.output or target.check, CRITERIA_FORMATS)
    dataset, config, loaded = read(env, options._replace(strict=False), fallback=target.check is None)
    chosen = config.choose("format", fmt, "table", CRITERIA_FORMATS)
    framework, lang = dataset.framework, language(dataset.framework, config)
    target = target.reading(loaded, config)
    if chosen == "table":
        from veikart_cli.render.terminal import rich_criteria

        return deliver_rich(rich_criteria(framework, lang), target, config)
    from veikart_cli.render.formats import BINARY_FORMATS, criteria_bytes, criteria_text

    if chosen in BINARY_FORMATS:
        return deliver(binary(criteria_bytes, framework, chosen, lang), target, config.env.stdout_is_terminal)
    return deliver(criteria_text(framework, chosen, lang), target)


@command
def report(env: Environment, options: Options, fmt: str | None, target: Target) -> int:
    from veikart_cli.engine.scoring import score as score_matrix
    from veikart_cli.render.formats import BINARY_FORMATS, REPORT_FORMATS, report_bytes, report_text

    if fmt is not None:
        one_of(fmt, REPORT_FORMATS, "--format")
    target.validate()
    fmt = by_extension(fmt, target.output or target.check, REPORT_FORMATS) or "markdown"
    dataset, config, loaded = read(env, options, fallback=target.check is None)
    matrix, lang = score_matrix(dataset.framework, dataset.areas), language(dataset.framework, config)
    target = target.reading(loaded, config)
    if fmt in BINARY_FORMATS:
        return deliver(binary(report_bytes, matrix, fmt, lang), target, config.env.stdout_is_terminal)
    return deliver(report_text(matrix, fmt, lang), target)


@command
def diff(env: Environment, old: str, new: str, fmt: str, output: Path | None, lang: str | None, gate: bool) -> int:
    """Two evaluations compared; 3 with `gate` (--exit-code) when anything changed."""
    from veikart_cli.engine.diff import diff as compare
    from veikart_cli.engine.scoring import score as score_matrix
    from veikart_cli.render.formats import DIFF_FORMATS, diff_text

    one_of(fmt, DIFF_FORMATS, "--format")
    problems = Problems()
    config = prepare(env, Options(lang=lang), problems)
    if problems.has_errors:
        report_problems(Loaded(None, Inputs((), ()), problems), config, to_stdout=False)
        return DATA_PROBLEMS
    matrices, read_files = [], working_tree_inputs(config)
    for spec in (old, new):
        side = Problems()
        loaded = load_revision(spec, config, side)
        report_problems(loaded, config, to_stdout=False, label=spec)
        if loaded.dataset is None or exit_code(side, config.strict):
            return DATA_PROBLEMS
        matrices.append(score_matrix(loaded.dataset.framework, loaded.dataset.areas))
        read_files = Inputs(read_files.criteria + loaded.inputs.criteria, read_files.areas + loaded.inputs.areas)
    changes = compare(matrices[0], matrices[1])
    text = diff_text(changes, fmt, (old, new), language(matrices[1].framework, config))
    status = deliver(text, Target(output).reading(read_files, config))  # never over an input
    return DIFFERENT if gate and not changes.empty else status


@command
def schema(env: Environment, options: Options, kind: str, output: Path | None) -> int:
    from veikart_cli.checks.schema import area_schema, criteria_schema
    from veikart_cli.render.data import schema_text

    if one_of(kind, ("area", "criteria"), "KIND") == "criteria":
        problems = Problems()
        config = prepare(env, options, problems)  # read only to keep it from being written over
        return deliver(schema_text(criteria_schema()), Target(output).reading(Inputs((), ()), config))
    # broken areas must not block the schema
    dataset, config, loaded = read(env, options._replace(strict=False), fallback=True, framework_only=True)
    names = area_schema(dataset.framework, language(dataset.framework, config))
    return deliver(schema_text(names), Target(output).reading(loaded, config))


@command
def init(env: Environment, folder: Path, method: str) -> int:
    """Start a roadmap in `folder` from a built-in method; usage errors for an unknown method
    or a folder that already holds one."""
    from veikart_cli.app.init import InitError, plan, write

    target = folder if folder.is_absolute() else env.cwd / folder
    try:
        files = plan(target, method)
        write(files)
    except InitError as err:
        raise UsageError(str(err), err.hint) from None
    for path, _ in files:
        say(f"veikart: wrote {path}")
    say(f"veikart: next: veikart validate {folder}")
    return OK
