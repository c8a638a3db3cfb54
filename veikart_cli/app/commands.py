"""The commands without their command line: each takes an Environment and Options, prints its results
and returns the exit status (app/settings.py); usage errors raise UsageError, an early end Stop."""

from __future__ import annotations

import os
import sys
from dataclasses import replace
from pathlib import Path

from veikart_cli.app.dataset import Inputs, Loaded, load, plan, roadmap_root, working_tree_inputs
from veikart_cli.app.outputs import Destination, append, deliver, destination, output_format, render, say, write_all
from veikart_cli.app.revisions import load_revision
from veikart_cli.app.settings import DIFFERENT, OK, Environment, Options, Settings, UsageError, one_of, settings
from veikart_cli.app.whatif import WhatIfError, parse_change
from veikart_cli.engine.diff import HistoryError, check_editions
from veikart_cli.engine.diff import diff as compare
from veikart_cli.engine.diff import history as compile_history
from veikart_cli.engine.gates import OVERALL, conditions, failing
from veikart_cli.engine.scoring import Matrix, UnknownSort, ranked
from veikart_cli.engine.scoring import score as score_matrix
from veikart_cli.engine.whatif import NotFound, find, fold
from veikart_cli.engine.whatif import what_if as apply
from veikart_cli.model.evidence import DataSet
from veikart_cli.model.reading import suggest
from veikart_cli.model.series import TooEarly, as_of
from veikart_cli.model.types import Framework
from veikart_cli.model.vocabulary import BUILTIN, Language, template
from veikart_cli.problems import Location, Problems, exit_code, plural, summary
from veikart_cli.render import problems as problem_text
from veikart_cli.render.diff import gate_lines, what_if_lines
from veikart_cli.render.explain import explain as explain_text
from veikart_cli.render.explain import explain_overall, means_overall
from veikart_cli.render.formats import formats, renderer


class Stop(Exception):
    """Ends a command early with exit status 1: the data cannot be used, and what needed saying is said."""


def prepare(env: Environment, options: Options, problems: Problems, to_stdout: bool | None = None) -> Settings:
    """The settings; unless `to_stdout` is None, a broken configuration is reported and stops the command."""
    config = settings(env, problems, options)
    if to_stdout is not None and problems.has_errors:
        report_problems(Loaded(None, problems, Inputs()), config, to_stdout)
        raise Stop
    return config


def read(
    env: Environment, options: Options, *, to_stdout: bool = False, fallback: bool = False, framework_only: bool = False
) -> tuple[DataSet, Settings, Destination]:
    """Settings, data and where the output goes (never over a file read); Stop when the data cannot be used."""
    problems = Problems()
    config = prepare(env, options, problems, to_stdout)
    loaded = load(options, config, problems, fallback=fallback, framework_only=framework_only)
    if loaded.notice:
        say(loaded.notice)
    return usable(loaded, config, options.at, to_stdout), config, destination(options, loaded.inputs, config)


def usable(loaded: Loaded, config: Settings, at: int | None, to_stdout: bool = False, label: str = "") -> DataSet:
    """The data set as of `at`, its problems reported; Stop when it cannot be used."""
    report_problems(loaded, config, to_stdout, label)
    if exit_code(loaded.problems, config.strict) or loaded.dataset is None:
        raise Stop
    try:
        return as_of(loaded.dataset, at)
    except TooEarly as err:
        raise UsageError(f"{label}: {err}" if label else str(err), err.hint, "--at") from None


def report_problems(loaded: Loaded, config: Settings, to_stdout: bool, label: str = "") -> None:
    """Text goes to stderr; GitHub commands and JSON to stdout when they are the command's output."""
    found = loaded.problems.sorted()
    if not found and config.problem_format == "text":
        return
    verdict = summary(loaded.problems, loaded.files, config.strict)
    fmt = config.problem_format
    if found and label:
        say(f"in {label}:")
    if fmt == "text":
        sys.stderr.write(problem_text.problems_text(found) + verdict + "\n")
        return
    if fmt == "github":
        found = [replace(p, location=workspace_relative(p.location, config.env)) for p in found]
    if found or fmt == "json":
        text = problem_text.problems_json(found) if fmt == "json" else problem_text.problems_github(found)
        (sys.stdout if to_stdout else sys.stderr).write(text)
        if found:
            say(verdict)
    summary_file = config.env.path("GITHUB_STEP_SUMMARY")
    if fmt == "github" and summary_file:
        read = destination(Options(), loaded.inputs, config).read
        append(summary_file, problem_text.problems_summary(found, verdict if found else "no problems"), read)


def workspace_relative(location: Location, env: Environment) -> Location:
    """GitHub attaches annotations by the path from the repository's top (GITHUB_WORKSPACE)."""
    workspace = env.path("GITHUB_WORKSPACE")
    if workspace is None or not location.path:
        return location
    relative = os.path.relpath(os.path.join(env.cwd, location.path), workspace)
    return location if relative.startswith(os.pardir) else location._replace(path=relative.replace(os.sep, "/"))


def language(framework: Framework, config: Settings) -> Language:
    """The document's language with its words; a language the framework lacks is a usage error."""
    lang = framework.languages[0] if config.lang is None else config.lang
    try:
        return framework.language(lang)
    except ValueError as err:  # a language it does not declare
        hint = (
            f"to add it, list it in the framework's 'languages' and give each text in it too, "
            f"as {{{framework.languages[0]}: …, {lang}: …}}; veikart's own words exist in nb, nn and en"
        )
        raise UsageError(str(err), hint, option="--lang") from None


# The commands ------------------------------------------------------------------------------


def validate(env: Environment, options: Options, whole: bool = False) -> int:
    """Check criteria and area files: 1 on errors. With `whole`, each given path's whole roadmap once, with one
    verdict: a pre-commit hook passes only the changed files."""
    if not whole or not options.paths:
        dataset = read(env, options, to_stdout=True)[0]
        say(f"ok: 1 framework, {plural(len(dataset.areas), 'area')}")  # a data set has exactly one
        return OK
    problems = Problems()
    config = prepare(env, options, problems, to_stdout=True)
    roots = sorted({roadmap_root(env.cwd / path) for path in options.paths})
    inputs, areas = Inputs(), 0
    for root in roots:
        loaded = load(Options((root,)), config, problems)
        inputs = inputs.plus(loaded.inputs)
        areas += len(loaded.dataset.areas) if loaded.dataset else 0
    report_problems(Loaded(None, problems, inputs), config, to_stdout=True)
    if exit_code(problems, config.strict):
        raise Stop
    say(f"ok: {plural(len(roots), 'roadmap')}, {plural(len(inputs.criteria), 'framework')}, {plural(areas, 'area')}")
    return OK


def score(env: Environment, options: Options, fail_on: list[str], settings_: list[str], sort: str = "") -> int:
    """The matrix, as if --set held, ranked by --sort; 3 when a cell matches a --fail-on condition."""
    fmt = output_format(options, formats("matrix"))
    dataset, config, target = read(env, options, fallback=options.check is None and not fail_on)
    chosen = config.choose("format", fmt, "table", formats("matrix"))
    framework, lang = dataset.framework, language(dataset.framework, config)
    known = conditions(framework)
    for condition in fail_on:
        if condition not in known:
            raise UsageError(
                f"'{condition}' is not one of: {', '.join(known)}", _meant(framework, condition, known), "--fail-on"
            )
    matrix = score_matrix(framework, dataset.areas)
    if settings_:
        matrix = what_if(dataset, settings_, matrix, lang)
    try:
        matrix = ranked(matrix, sort, lang) if sort else matrix
    except UnknownSort as err:
        raise UsageError(str(err), option="--sort") from None
    status = render("matrix", matrix, chosen, lang, target, config)
    hits = failing(matrix, fail_on)
    say(*gate_lines(matrix, hits, fail_on, lang))
    return DIFFERENT if hits else status


def _meant(framework: Framework, condition: str, known: dict[str, str]) -> str:
    """A colour typed as its word (rød) is pointed to its id (rod)."""
    prefix = OVERALL if condition.startswith(OVERALL) else ""
    typed = fold(condition[len(prefix) :])
    for colour in framework.scale:
        meant = prefix + colour.id
        if meant in known and typed in {fold(colour.id), *(fold(text) for _, text in colour.label.values)}:
            return f"did you mean '{meant}'? --fail-on takes the colour's id"
    return suggest(condition, tuple(known))


def what_if(dataset: DataSet, changes: list[str], before: Matrix, lang: Language) -> Matrix:
    """The matrix as if the --set changes held; the cells and overall colours that move are said."""
    try:
        changed = apply(dataset, [parse_change(dataset, change) for change in changes])
    except WhatIfError as err:
        raise UsageError(str(err), option="--set") from None
    after = score_matrix(changed.framework, changed.areas)
    say(*what_if_lines(before, after, lang))
    return after


def explain(env: Environment, options: Options, area: str, driver: str | None) -> int:
    """One area's cells (or one of them, or its overall colour) explained."""
    dataset, config, target = read(env, options._replace(strict=False), fallback=not options.paths)
    framework, lang = dataset.framework, language(dataset.framework, config)
    overall = driver is not None and means_overall(framework, driver)
    try:
        chosen_area = find(dataset.areas, area)
        chosen_driver = find(framework.drivers, driver).id if driver and not overall else None
    except NotFound as err:
        raise UsageError(str(err)) from None
    matrix = score_matrix(framework, (chosen_area,))
    if overall and not matrix.overalls:
        raise UsageError("this framework has no overall colour", "leave out 'overall' to explain every driver")
    if overall:
        return deliver(explain_overall(matrix, chosen_area.id, lang) + "\n", target)
    return deliver(explain_text(matrix, chosen_area.id, chosen_driver, lang), target)


def criteria(env: Environment, options: Options) -> int:
    """The criteria table, from the framework alone."""
    fmt = output_format(options, formats("criteria"))
    dataset, config, target = read(env, options._replace(strict=False), fallback=options.check is None)
    chosen = config.choose("format", fmt, "table", formats("criteria"))
    return render("criteria", dataset.framework, chosen, language(dataset.framework, config), target, config)


def report(env: Environment, options: Options) -> int:
    """The whole report, in markdown unless --format or the file's extension says otherwise."""
    if options.fmt is not None:
        one_of(options.fmt, formats("report"), "--format")
    fmt = output_format(options, formats("report")) or "markdown"
    dataset, config, target = read(env, options, fallback=options.check is None)
    matrix, lang = score_matrix(dataset.framework, dataset.areas), language(dataset.framework, config)
    return render("report", matrix, fmt, lang, target, config)


def diff(env: Environment, options: Options, old: str, new: str) -> int:
    """Two evaluations compared; 3 with --exit-code when anything changed."""
    fmt = one_of("table" if options.fmt is None else options.fmt, formats("diff"), "--format")
    matrices, config, target = editions(env, options, [old, new])
    changes = compare(matrices[0], matrices[1])
    status = deliver(renderer("diff", fmt)(changes, (old, new), language(matrices[1].framework, config)), target)
    return DIFFERENT if options.gate and not changes.empty else status


def history(env: Environment, options: Options, specs: list[str], changed: bool) -> int:
    """Each area's colours edition by edition (only what changed, with `changed`); 3 with --exit-code when any did."""
    try:
        check_editions(specs)  # before any edition is read
    except HistoryError as err:
        hint = "give each edition once, oldest first, e.g. veikart history v2021 v2022 HEAD"
        raise UsageError(str(err), hint) from None
    fmt = one_of(output_format(options, formats("history")) or "table", formats("history"), "--format")
    matrices, config, target = editions(env, options, specs)
    found = compile_history(list(zip(specs, matrices)))
    shown = found.changed_only() if changed else found
    status = render("history", shown, fmt, language(matrices[-1].framework, config), target, config)
    return DIFFERENT if options.gate and found.changed else status


def editions(env: Environment, options: Options, specs: list[str]) -> tuple[list[Matrix], Settings, Destination]:
    """Each edition scored as of --at, the settings, and the output's destination, never over a file read (nor the
    working tree's)."""
    config = prepare(env, options, Problems(), to_stdout=False)
    matrices, read = [], working_tree_inputs(config)
    for spec in specs:
        loaded = load_revision(spec, config, Problems())
        dataset = usable(loaded, config, options.at, label=spec)
        matrices.append(score_matrix(dataset.framework, dataset.areas))
        read = read.plus(loaded.inputs)
    return matrices, config, destination(options, read, config)


def schema(env: Environment, options: Options, kind: str) -> int:
    """The JSON Schema of criteria files, or of area files made from the framework."""
    from veikart_cli.checks.schema import area_schema, criteria_schema  # imported here: 1 ms of every start-up
    from veikart_cli.render.data import schema_text

    if one_of(kind, ("area", "criteria"), "KIND") == "criteria":
        config = prepare(env, options, Problems())  # read only to keep it from being written over
        return deliver(schema_text(criteria_schema()), destination(options, Inputs(), config))
    # broken areas must not block the schema
    dataset, config, target = read(env, options._replace(strict=False), fallback=True, framework_only=True)
    roadmap = working_tree_inputs(config, options)  # its areas, though not read, are never written over
    target = target._replace(read=target.read + roadmap.criteria + roadmap.areas)
    return deliver(schema_text(area_schema(dataset.framework, language(dataset.framework, config))), target)


def words(env: Environment, options: Options, lang: str, start: str) -> int:
    """The template of tool words for `lang`, starting from `start`'s built-in words."""
    one_of(start, tuple(BUILTIN), "--from")
    if not lang.strip() or not lang.replace("-", "").isalnum():
        raise UsageError(f"'{lang}' is not a language code", "give a code such as fr, de or se", option="LANG")
    config = prepare(env, options, Problems())
    return deliver(template(lang, start), destination(options, working_tree_inputs(config), config))


def init(env: Environment, folder: Path, method: str) -> int:
    """Start a roadmap in `folder` from a built-in method."""
    files = plan(folder if folder.is_absolute() else env.cwd / folder, method)
    write_all(files)
    say(*[f"veikart: wrote {path}" for path, _ in files], f"veikart: next: veikart validate {folder}")
    return OK
