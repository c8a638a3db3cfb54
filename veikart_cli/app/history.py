"""`veikart history`: several editions of a roadmap (git revisions, tags or folders), oldest
first, in one table: each area's colours edition by edition, with the changes and their causes."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from veikart_cli.app.commands import Options, language, load_editions, prepare, report_problems
from veikart_cli.app.dataset import Inputs, Loaded
from veikart_cli.app.outputs import Destination, by_extension, render
from veikart_cli.app.settings import DATA_PROBLEMS, DIFFERENT, Environment, UsageError, one_of
from veikart_cli.engine.history import HistoryError, check_editions
from veikart_cli.engine.history import history as compile_history
from veikart_cli.problems import Problems
from veikart_cli.render.formats import HISTORY_FORMATS

EXAMPLE = "veikart history v2021 v2022 HEAD"


class Asked(NamedTuple):
    """What the command line asked for, beside the editions."""

    fmt: str | None = None
    output: Path | None = None
    lang: str | None = None
    color: str | None = None
    gate: bool = False  # --exit-code: 3 when anything changed
    changed: bool = False  # --changed: only the areas and rows that changed
    at: int | None = None  # --at YEAR: every edition's series as of that year


def history(env: Environment, editions: list[str], asked: Asked) -> int:
    """The history of `editions`; 1 when one cannot be read, 3 with `gate` when anything changed."""
    try:
        check_editions(editions)  # before any edition is read
    except HistoryError as err:
        raise UsageError(str(err), f"give each edition once, oldest first, e.g. {EXAMPLE}") from None
    fmt = by_extension(asked.fmt, asked.output, HISTORY_FORMATS) or "table"
    one_of(fmt, HISTORY_FORMATS, "--format")
    problems = Problems()
    config = prepare(env, Options(lang=asked.lang, color=asked.color), problems)
    if problems.has_errors:
        report_problems(Loaded(None, problems, Inputs((), ())), config, to_stdout=False)
        return DATA_PROBLEMS
    loaded = load_editions(editions, config, asked.at)
    if loaded is None:
        return DATA_PROBLEMS
    matrices, read_files = loaded
    found = compile_history(list(zip(editions, matrices)))
    shown = found.changed_only() if asked.changed else found
    target = Destination(asked.output).reading(read_files, config)  # never over an input
    status = render("history", shown, fmt, language(matrices[-1].framework, config), target, config)
    return DIFFERENT if asked.gate and found.changed else status
