"""One place that decides every setting: a flag, else the environment, else [tool.veikart] (from the nearest
pyproject.toml up to the project's root, a folder holding `.git`; paths relative to its folder), else the
default. The CLI passes flags and the environment in; nothing below reads either again."""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from veikart_cli.files import FileProblem, read_regular
from veikart_cli.model.reading import suggest
from veikart_cli.problems import Location, Problems
from veikart_cli.render.formats import formats

# Exit statuses, documented in the README ("Exit codes").
OK, DATA_PROBLEMS, USAGE, DIFFERENT = 0, 1, 2, 3


class UsageError(Exception):
    """The command line asks for something impossible: exit 2 with this message and a hint."""

    def __init__(self, message: str, hint: str = "", option: str = "") -> None:
        super().__init__(message)
        self.message, self.hint, self.option = message, hint, option


class Environment(NamedTuple):
    """What veikart reads from its surroundings; made once by the CLI (or a test)."""

    cwd: Path
    variables: Mapping[str, str]
    stdout_is_terminal: bool = False

    @property
    def github(self) -> bool:
        return self.variables.get("GITHUB_ACTIONS") == "true"

    def path(self, name: str) -> Path | None:
        value = self.variables.get(name, "")
        return Path(value) if value else None


class Options(NamedTuple):
    """What the command line asked for, beside each command's own arguments."""

    paths: Sequence[Path] = ()  # data folders or files
    criteria: Path | None = None  # the framework file, or a folder holding it
    example: bool = False  # the shipped data set, asked for by name
    strict: bool | None = None
    lang: str | None = None
    color: str | None = None
    problem_format: str | None = None
    at: int | None = None  # --at YEAR: the series as of that year (model/series.py)
    fmt: str | None = None
    output: Path | None = None
    check: Path | None = None
    gate: bool = False  # --exit-code: 3 when anything changed


class Settings(NamedTuple):
    env: Environment
    config: Config
    strict: bool
    lang: str | None
    problem_format: str
    color: str  # auto, always or never, after NO_COLOR and FORCE_COLOR

    def choose(self, key: str, flag: str | None, default: str, allowed: tuple[str, ...]) -> str:
        """A flag, else the setting; a setting this command cannot take is a usage error."""
        if flag is not None:
            return one_of(flag, allowed, "--" + key)
        value = str(self.config.get(key, None, default))
        if value not in allowed:
            raise UsageError(
                f"{key} = '{value}' from {self.config.source} does not apply to this command",
                f"use one of: {', '.join(allowed)}",
            )
        return value


def one_of(value: str, allowed: tuple[str, ...], option: str) -> str:
    if value not in allowed:
        raise UsageError(f"'{value}' is not one of: {', '.join(allowed)}", option=option)
    return value


def settings(env: Environment, problems: Problems, options: Options) -> Settings:
    if options.problem_format is not None:
        one_of(options.problem_format, PROBLEM_FORMATS, "--format")
    if options.color is not None:
        one_of(options.color, COLOR_MODES, "--color")
    config = load_config(env.cwd, problems)
    # NO_COLOR (https://no-color.org) and FORCE_COLOR, any non-empty value; NO_COLOR wins
    variables = env.variables
    colour = "never" if variables.get("NO_COLOR") else "always" if variables.get("FORCE_COLOR") else None
    return Settings(
        env=env,
        config=config,
        strict=bool(config.get("strict", options.strict, False)),
        lang=config.get("lang", options.lang),
        problem_format=config.get("problem-format", options.problem_format, "github" if env.github else "text"),
        color=options.color or colour or config.get("color", None, "auto"),  # a bad setting is left out of config
    )


PROBLEM_FORMATS = ("text", "github", "json")
COLOR_MODES = ("auto", "always", "never")

# key → (what it holds, the values allowed; empty: any)
KEYS: dict[str, tuple[str, tuple[str, ...]]] = {
    "criteria": ("path", ()),
    "areas": ("paths", ()),
    "lang": ("text", ()),
    "strict": ("flag", ()),
    "format": ("text", formats("matrix")),
    "problem-format": ("text", PROBLEM_FORMATS),
    "color": ("text", COLOR_MODES),
    "cache": ("flag", ()),  # accepted and ignored: earlier versions kept a cache
}

_TABLE = re.compile(r"^\s*\[\s*tool\s*\.\s*veikart\s*\]", re.MULTILINE)


class Config(NamedTuple):
    source: Path | None = None  # the pyproject.toml read, if any
    values: tuple[tuple[str, Any], ...] = ()

    def get(self, key: str, flag: Any = None, default: Any = None) -> Any:
        """The flag if given, else the file's setting, else the default."""
        if flag is not None:
            return flag
        return dict(self.values).get(key, default)


def load_config(cwd: Path, problems: Problems) -> Config:
    """[tool.veikart] of the nearest pyproject.toml up to the project's root, if it is ours or root's:
    another user's is noted in `problems`, never dropped unseen."""
    folders = (cwd, *cwd.parents)
    ends = (f / "pyproject.toml" for f in folders if (f / "pyproject.toml").is_file() or (f / ".git").exists())
    path = next(ends, None)
    if path is None or not path.is_file():  # .git ends the search
        return Config()
    try:
        text, unread = read_regular(path, MAX_CONFIG, "a TOML file").decode("utf-8", "replace"), None
    except FileProblem as err:
        text, unread = "", err
    if unread is None and not _TABLE.search(text):
        return Config()
    getuid = getattr(os, "getuid", None)
    if getuid is not None and path.stat().st_uid not in (0, getuid()):
        if unread is None:
            hint = "veikart reads settings only from a file you or root own"
            problems.note(Location(str(path)), "config", "not read: another user owns this pyproject.toml", hint)
        return Config()
    if unread is not None:
        problems.error(Location(str(path)), "config", unread.message, unread.hint)
        return Config(path)
    # tomllib only here: most projects have no [tool.veikart], and it costs start-up time
    if sys.version_info >= (3, 11):
        import tomllib
    else:
        import tomli as tomllib
    try:
        table = tomllib.loads(text).get("tool", {}).get("veikart", {})
    except tomllib.TOMLDecodeError as err:
        at = re.search(r"line (\d+), column (\d+)", str(err))  # tomllib gives the place only in its message
        where = Location(str(path), int(at[1]), int(at[2])) if at else Location(str(path))
        problems.error(where, "config", f"not valid TOML: {err}")
        return Config(path)
    checked = [(key, _check(key, value, path, text, problems)) for key, value in table.items()]
    return Config(path, tuple((key, value) for key, value in checked if value is not None))


MAX_CONFIG = 1_000_000


def _check(key: str, value: Any, path: Path, text: str, problems: Problems) -> Any:
    where = Location(str(path), _line_of(key, text), 1)
    if key not in KEYS:
        problems.error(where, "config", f"unknown key '{key}' in [tool.veikart]", suggest(key, tuple(KEYS)))
        return None
    kind, choices = KEYS[key]
    folder = path.parent
    if kind == "flag" and isinstance(value, bool):
        return value
    if kind in ("text", "path") and isinstance(value, str) and (not choices or value in choices):
        return folder / value if kind == "path" else value
    if kind == "paths" and isinstance(value, (str, list)) and all(isinstance(v, str) for v in value):
        return tuple(folder / v for v in ([value] if isinstance(value, str) else value))
    expected = f"one of {', '.join(choices)}" if choices else _EXPECTED[kind]
    problems.error(where, "config", f"'{key}' in [tool.veikart] must be {expected}, not {value!r}")
    return None


_EXPECTED = {"flag": "true or false", "paths": "a path or a list of paths", "path": "a path", "text": "a string"}


def _line_of(key: str, text: str) -> int:
    """The line of `key = …` after the [tool.veikart] header (TOML parsers give no positions)."""
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if _TABLE.match(line)), 0)
    pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
    return next((i + 1 for i in range(start, len(lines)) if pattern.match(lines[i])), start + 1)
