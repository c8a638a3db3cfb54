"""Settings a team fixes once, from [tool.veikart] in the project's pyproject.toml: the nearest one up
to the project's root (a folder holding `.git`), never a shared parent's; paths relative to its folder."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import Any, NamedTuple

from veikart_cli.files import FileProblem, read_regular
from veikart_cli.model.reading import suggest
from veikart_cli.problems import Location, Problems
from veikart_cli.render.formats import MATRIX_FORMATS

PROBLEM_FORMATS = ("text", "github", "json")
COLOR_MODES = ("auto", "always", "never")

# key → (what it holds, the values allowed; empty: any)
KEYS: dict[str, tuple[str, tuple[str, ...]]] = {
    "criteria": ("path", ()),
    "areas": ("paths", ()),
    "lang": ("text", ()),
    "strict": ("flag", ()),
    "format": ("text", MATRIX_FORMATS),
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


def find_pyproject(start: Path, problems: Problems | None = None) -> Path | None:
    """The nearest pyproject.toml up to the project's root if it has [tool.veikart] (or cannot be read)
    and is ours or root's; another user's is noted in `problems`: never dropped unseen."""
    path = project_file(start)
    if path is None:
        return None
    try:
        has_table: bool | None = _TABLE.search(_text(path)) is not None
    except FileProblem:
        has_table = None  # load_config says why
    if has_table is False:
        return None
    getuid = getattr(os, "getuid", None)
    if getuid is not None and path.stat().st_uid not in (0, getuid()):
        if has_table and problems is not None:
            note = "not read: another user owns this pyproject.toml"
            problems.note(
                Location(str(path)), "config", note, "veikart reads settings only from a file you or root own"
            )
        return None
    return path


def _text(path: Path) -> str:
    return read_regular(path, MAX_CONFIG, "a TOML file").decode("utf-8", "replace")


MAX_CONFIG = 1_000_000


def project_file(start: Path) -> Path | None:
    """The nearest pyproject.toml from `start` up to the project's root (the first folder with .git)."""
    for folder in (start, *start.parents):
        if (folder / "pyproject.toml").is_file():
            return folder / "pyproject.toml"
        if (folder / ".git").exists():
            return None
    return None


def load_config(cwd: Path, problems: Problems) -> Config:
    path = find_pyproject(cwd, problems)
    if path is None:
        return Config()
    # tomllib only here: most projects have no [tool.veikart], and it costs start-up time
    if sys.version_info >= (3, 11):
        import tomllib
    else:
        import tomli as tomllib
    try:
        text = _text(path)
        table = tomllib.loads(text).get("tool", {}).get("veikart", {})
    except FileProblem as err:
        problems.error(Location(str(path)), "config", err.message, err.hint)
        return Config(path)
    except tomllib.TOMLDecodeError as err:
        at = re.search(r"line (\d+), column (\d+)", str(err))  # tomllib gives the place only in its message
        where = Location(str(path), int(at[1]), int(at[2])) if at else Location(str(path))
        problems.error(where, "config", f"not valid TOML: {err}")
        return Config(path)
    checked = [(key, _check(key, value, path, text, problems)) for key, value in table.items()]
    return Config(path, tuple((key, value) for key, value in checked if value is not None))


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
