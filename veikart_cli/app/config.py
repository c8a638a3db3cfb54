"""Settings a team fixes once, from [tool.veikart] in the nearest pyproject.toml.

Command-line flags override them. Paths are relative to the pyproject.toml's folder.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any, NamedTuple

from veikart_cli.problems import Location, Problems

# key → (what it holds, the values allowed; empty: any)
KEYS: dict[str, tuple[str, tuple[str, ...]]] = {
    "criteria": ("path", ()),
    "areas": ("paths", ()),
    "lang": ("text", ()),
    "strict": ("flag", ()),
    "format": ("text", ("table", "markdown", "json", "csv", "html", "svg")),
    "problem-format": ("text", ("text", "github", "json")),
    "color": ("text", ("auto", "always", "never")),
}


class Config(NamedTuple):
    source: Path | None = None  # the pyproject.toml read, if any
    values: tuple[tuple[str, Any], ...] = ()

    def get(self, key: str, flag: Any = None, default: Any = None) -> Any:
        """The flag if given, else the file's setting, else the default."""
        if flag is not None:
            return flag
        return dict(self.values).get(key, default)


def find_pyproject(start: Path) -> Path | None:
    """The nearest pyproject.toml with a [tool.veikart] table, from `start` upwards."""
    for folder in (start, *start.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file() and "[tool.veikart]" in candidate.read_text(encoding="utf-8", errors="replace"):
            return candidate
    return None


def load_config(cwd: Path, problems: Problems) -> Config:
    path = find_pyproject(cwd)
    if path is None:
        return Config()
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib
    text = path.read_text(encoding="utf-8", errors="replace")
    try:
        table = tomllib.loads(text).get("tool", {}).get("veikart", {})
    except tomllib.TOMLDecodeError as err:
        problems.error(Location(str(path), *_position(err)), "config", f"not valid TOML: {err}")
        return Config(path)
    values = []
    for key, value in table.items():
        checked = _check(key, value, path, text, problems)
        if checked is not None:
            values.append((key, checked))
    return Config(path, tuple(values))


def _check(key: str, value: Any, path: Path, text: str, problems: Problems) -> Any:
    where = Location(str(path), _line_of(key, text), 1)
    if key not in KEYS:
        from veikart_cli.model.reading import suggest

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
    start = next((i for i, line in enumerate(lines) if line.strip() == "[tool.veikart]"), 0)
    pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
    return next((i + 1 for i in range(start, len(lines)) if pattern.match(lines[i])), start + 1)


def _position(err: Exception) -> tuple[int, int]:
    """tomllib puts the place only in its message: '… (at line 3, column 7)'."""
    found = re.search(r"line (\d+), column (\d+)", str(err))
    return (int(found[1]), int(found[2])) if found else (0, 0)
