"""Problems found in user input: located, coded, sortable. Imports nothing of veikart."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import Enum
from typing import NamedTuple


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"  # said, never counted: e.g. a file skipped by its name (an editor's lock file)


class Location(NamedTuple):
    """A place in a file; line and column are 1-based (0 means "the whole file")."""

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
    """Collects problems rather than raising; beyond PER_FILE of one kind in a file, the rest are counted."""

    PER_FILE = 20

    def __init__(self) -> None:
        self.items: list[Problem] = []
        self.counts: dict[tuple[str, str], int] = {}  # (path, code) → problems of that kind

    def error(self, location: Location, code: str, message: str, hint: str = "") -> None:
        self._add(Problem(location, Severity.ERROR, code, message, hint))

    def warning(self, location: Location, code: str, message: str, hint: str = "") -> None:
        self._add(Problem(location, Severity.WARNING, code, message, hint))

    def note(self, location: Location, code: str, message: str, hint: str = "") -> None:
        self._add(Problem(location, Severity.NOTE, code, message, hint))

    def _add(self, problem: Problem) -> None:
        kind = (problem.location.path, problem.code)
        count = self.counts[kind] = self.counts.get(kind, 0) + 1
        if count <= self.PER_FILE:
            self.items.append(problem)

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.sorted())

    def __len__(self) -> int:
        return len(self.items) + len(self.left_out())

    @property
    def has_errors(self) -> bool:
        return any(p.severity is Severity.ERROR for p in self.items)

    def left_out(self) -> list[tuple[Problem, int]]:
        """(the last problem kept, how many more of its kind were not kept), per kind over the cap."""
        over = {kind: n - self.PER_FILE for kind, n in self.counts.items() if n > self.PER_FILE}
        if not over:
            return []
        last = {(p.location.path, p.code): p for p in self.items if (p.location.path, p.code) in over}
        return [(last[kind], n) for kind, n in over.items()]

    def sorted(self) -> list[Problem]:
        """Every problem kept, in place order; after each kind over the cap, one line counting the rest."""
        rest = [
            Problem(
                last.location._replace(column=last.location.column + 1),
                last.severity,
                last.code,
                f"and {n:,} more of the same kind".replace(",", "\u00a0"),
            )
            for last, n in self.left_out()
        ]
        return sorted(set(self.items) | set(rest))


def plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def summary(problems: Problems, files: int, strict: bool = False) -> str:
    counted = [(p, 1) for p in problems.items] + problems.left_out()
    errors = sum(n for p, n in counted if p.severity is Severity.ERROR)
    warnings = sum(n for p, n in counted if p.severity is Severity.WARNING)
    text = f"{plural(errors, 'error')}, {plural(warnings, 'warning')} in {plural(files, 'file')}"
    return text + " (--strict: warnings count as errors)" if strict and warnings else text


def exit_code(problems: Problems, strict: bool = False) -> int:
    """0 clean, 1 if any error (or, with strict, any warning)."""
    counted = any(p.severity is not Severity.NOTE for p in problems.items)
    return 1 if problems.has_errors or (strict and counted) else 0
