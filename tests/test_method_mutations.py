"""The method layer's files, broken one value at a time: every mutation of every value in the
example frameworks and areas gives located problems or a valid data set that scores and
renders — never an exception. (Every user-caused error is a located message, never a traceback.)"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT
from renders import matrix_text

from veikart_cli.checks.validation import check_areas, check_framework
from veikart_cli.engine.scoring import score
from veikart_cli.model.areas import read_area
from veikart_cli.model.frameworks import read_framework
from veikart_cli.problems import Problem, Problems
from veikart_cli.syntax.nodes import Node, parse_text

FOLDERS = [FIXTURES / "method", *(p for p in sorted((ROOT / "examples").iterdir()) if (p / "criteria").is_dir())]
VALUE = re.compile(r"^(\s*(?:- )?[\w-]+: )(\S.*)$")
REPLACEMENTS = ("[x, y]", "{a: b}", "-1", "120 %")


def mutations(text: str) -> list[str]:
    """The text with one `key: value` line's value replaced, for each such line and replacement."""
    lines = text.splitlines()
    variants = []
    for i, line in enumerate(lines):
        match = VALUE.match(line)
        if match is None or match[2].startswith(("#", ">", "|")):
            continue
        for replacement in REPLACEMENTS:
            changed = [*lines]
            changed[i] = match[1] + replacement
            variants.append("\n".join(changed) + "\n")
    return variants


@functools.lru_cache(maxsize=64)
def parsed(text: str, name: str) -> tuple[Node | None, tuple[Problem, ...]]:
    """A file's nodes (immutable) and problems, parsed once: a variant changes one file only."""
    problems = Problems()
    node = parse_text(text, name, problems)
    return node, tuple(problems.items)


def parse(text: str, name: str, problems: Problems) -> Node | None:
    node, found = parsed(text, name)
    problems.items.extend(found)
    return node


def load(framework_text: str, area_texts: list[str]) -> None:
    problems = Problems()
    root = parse(framework_text, "criteria/f.yaml", problems)
    framework = read_framework(root, "criteria/f.yaml", problems) if root is not None else None
    if framework is None:
        assert problems.has_errors
        return
    check_framework(framework, problems)
    areas = []
    for i, text in enumerate(area_texts):
        node = parse(text, f"areas/{i}.yaml", problems)
        area = read_area(node, f"areas/{i}.yaml", framework, problems) if node is not None else None
        if area is not None:
            areas.append(area)
    check_areas(framework, areas, problems)
    for problem in problems.sorted():
        assert problem.location.line >= 1, problem
    if not problems.has_errors:
        matrix = score(framework, tuple(areas))
        for fmt in ("markdown", "json", "csv", "svg"):
            assert matrix_text(matrix, fmt, framework.languages[0])  # in English where words are missing


@pytest.mark.parametrize("folder", FOLDERS, ids=[f.name for f in FOLDERS])
def test_every_framework_mutation_is_a_located_problem_or_scores(folder: Path) -> None:
    framework = next((folder / "criteria").iterdir()).read_text(encoding="utf-8")
    areas = [p.read_text(encoding="utf-8") for p in sorted((folder / "areas").iterdir())]
    for variant in mutations(framework):
        load(variant, areas)


@pytest.mark.parametrize("folder", FOLDERS, ids=[f.name for f in FOLDERS])
def test_every_area_mutation_is_a_located_problem_or_scores(folder: Path) -> None:
    framework = next((folder / "criteria").iterdir()).read_text(encoding="utf-8")
    areas = [p.read_text(encoding="utf-8") for p in sorted((folder / "areas").iterdir())]
    for variant in mutations(areas[0]):  # one area each: its siblings stay as they are
        load(framework, [variant, *areas[1:]])
