"""One place that decides every setting: a flag, else the environment, else [tool.veikart], else
the default. The CLI passes flags and the environment in; nothing below reads either again."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

from veikart_cli.app.config import COLOR_MODES, KEYS, PROBLEM_FORMATS, Config, load_config
from veikart_cli.problems import Problems

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


def settings(
    env: Environment,
    problems: Problems,
    strict: bool | None,
    lang: str | None,
    problem_format: str | None,
    color: str | None,
) -> Settings:
    if problem_format is not None:
        one_of(problem_format, PROBLEM_FORMATS, "--format")
    if color is not None:
        one_of(color, COLOR_MODES, "--color")
    config = load_config(env.cwd, problems)
    # NO_COLOR (https://no-color.org) and FORCE_COLOR, any non-empty value; NO_COLOR wins
    variables = env.variables
    colour = "never" if variables.get("NO_COLOR") else "always" if variables.get("FORCE_COLOR") else None
    return Settings(
        env=env,
        config=config,
        strict=bool(config.get("strict", strict, False)),
        lang=config.get("lang", lang),
        problem_format=_checked(config, "problem-format", problem_format, "github" if env.github else "text"),
        color=color or colour or _checked(config, "color", None, "auto"),
    )


def _checked(config: Config, key: str, flag: str | None, default: str) -> str:
    """A setting config.py has found bad (and reported) falls back to the default."""
    value = str(config.get(key, flag, default))
    return value if value in KEYS[key][1] else default
