"""`veikart history`: several editions of a roadmap (git revisions, tags or folders), oldest
first, in one table: each area's colours edition by edition, with the changes and their causes."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NamedTuple

from veikart_cli.app.commands import Options, language, prepare, report_problems
from veikart_cli.app.data import Loaded, load_revision, working_tree_inputs
from veikart_cli.app.dataset import Inputs
from veikart_cli.app.outputs import Destination, by_extension, deliver, fenced, is_stdout
from veikart_cli.app.settings import DATA_PROBLEMS, DIFFERENT, OK, Environment, Settings, UsageError, one_of
from veikart_cli.engine.history import History
from veikart_cli.engine.history import history as compile_history
from veikart_cli.engine.scoring import Matrix
from veikart_cli.engine.scoring import score as score_matrix
from veikart_cli.model.vocabulary import Language
from veikart_cli.problems import Problems, exit_code
from veikart_cli.render.docx import MissingLibrary
from veikart_cli.render.formats import HISTORY_FORMATS, renderer

EXAMPLE = "veikart history v2021 v2022 HEAD"


class Asked(NamedTuple):
    """What the command line asked for, beside the editions."""

    fmt: str | None = None
    output: Path | None = None
    lang: str | None = None
    color: str | None = None
    gate: bool = False  # --exit-code: 3 when anything changed
    changed: bool = False  # --changed: only the areas and rows that changed


def history(env: Environment, editions: list[str], asked: Asked) -> int:
    """The history of `editions`; 1 when one cannot be read, 3 with `gate` when anything changed."""
    if len(editions) < 2:
        raise UsageError("a history needs at least two editions", f"give them oldest first, e.g. {EXAMPLE}")
    repeated = [spec for i, spec in enumerate(editions) if spec in editions[:i]]
    if repeated:
        raise UsageError(f"edition '{repeated[0]}' is given twice", "give each edition once, oldest first")
    fmt = by_extension(asked.fmt, asked.output, HISTORY_FORMATS) or "table"
    one_of(fmt, HISTORY_FORMATS, "--format")
    problems = Problems()
    config = prepare(env, Options(lang=asked.lang, color=asked.color), problems)
    if problems.has_errors:
        report_problems(Loaded(None, Inputs((), ()), problems), config, to_stdout=False)
        return DATA_PROBLEMS
    read_files = working_tree_inputs(config)
    matrices: list[tuple[str, Matrix]] = []
    for spec in editions:
        side = Problems()
        loaded = load_revision(spec, config, side)
        report_problems(loaded, config, to_stdout=False, label=spec)
        if loaded.dataset is None or exit_code(side, config.strict):
            return DATA_PROBLEMS
        matrices.append((spec, score_matrix(loaded.dataset.framework, loaded.dataset.areas)))
        read_files = Inputs(read_files.criteria + loaded.inputs.criteria, read_files.areas + loaded.inputs.areas)
    found = compile_history(matrices)
    shown = found.changed_only() if asked.changed else found
    lang = language(matrices[-1][1].framework, config)
    target = Destination(asked.output).reading(read_files, config)  # never over an input
    status = write(shown, fmt, lang, target, config)
    return DIFFERENT if asked.gate and found.changed else status


def write(found: History, fmt: str, lang: Language, target: Destination, config: Settings) -> int:
    """The table to a terminal through rich, at its width and in colour when wanted; else the format's bytes."""
    if fmt == "table" and is_stdout(target.output):
        from rich.console import Console

        from veikart_cli.render.history import history_rich
        from veikart_cli.render.terminal import print_whole

        colour = config.colour_on_stdout
        console = Console(
            file=sys.stdout, force_terminal=colour, color_system="auto" if colour else None, highlight=False
        )
        with fenced(target.fence):
            print_whole(console, history_rich(found, lang))
        return OK
    try:
        output = renderer("history", fmt)(found, lang)
    except MissingLibrary as err:
        raise UsageError(f"--format {fmt} needs python-docx ({err})", "pip install 'veikart[docx]'") from None
    return deliver(output, target, config.env.stdout_is_terminal)
