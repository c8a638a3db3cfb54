"""Problems found in user input: located, coded, sortable. Imports nothing of veikart."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import NamedTuple


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"  # said, never counted: e.g. a file skipped by its name (an editor's lock file)


class Location(NamedTuple):
    """A place in a file; line and column are 1-based (0 means "the whole file").

    A named tuple rather than a dataclass: one is made for every YAML node, and tuples are
    made several times faster while still ordering and hashing by (path, line, column)."""

    path: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line == 0:
            return self.path
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True, order=True)
class Problem:
    location: Location
    severity: Severity = field(compare=False)
    code: str
    message: str
    hint: str = field(default="", compare=False)

    def __str__(self) -> str:
        text = f"{self.location}: {self.severity.value}: {self.message} [{self.code}]"
        return f"{text}\n  hint: {self.hint}" if self.hint else text


class Problems:
    """Collects problems; every stage adds to one of these rather than raising."""

    def __init__(self) -> None:
        self.items: list[Problem] = []

    def error(self, location: Location, code: str, message: str, hint: str = "") -> None:
        self.items.append(Problem(location, Severity.ERROR, code, message, hint))

    def warning(self, location: Location, code: str, message: str, hint: str = "") -> None:
        self.items.append(Problem(location, Severity.WARNING, code, message, hint))

    def note(self, location: Location, code: str, message: str, hint: str = "") -> None:
        self.items.append(Problem(location, Severity.NOTE, code, message, hint))

    @property
    def has_errors(self) -> bool:
        return any(p.severity is Severity.ERROR for p in self.items)

    def sorted(self) -> list[Problem]:
        return sorted(set(self.items))


def plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def summary(problems: Problems, files: int, strict: bool = False) -> str:
    errors = sum(1 for p in problems.items if p.severity is Severity.ERROR)
    warnings = sum(1 for p in problems.items if p.severity is Severity.WARNING)
    text = f"{plural(errors, 'error')}, {plural(warnings, 'warning')} in {plural(files, 'file')}"
    return text + " (--strict: warnings count as errors)" if strict and warnings else text


def exit_code(problems: Problems, strict: bool = False) -> int:
    """0 clean, 1 if any error (or, with strict, any warning)."""
    counted = any(p.severity is not Severity.NOTE for p in problems.items)
    return 1 if problems.has_errors or (strict and counted) else 0
