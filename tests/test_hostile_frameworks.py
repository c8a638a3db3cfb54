"""Careless framework files: the shipped framework and the method fixture with keys dropped and
values swapped for ones of the wrong shape, through reader → checks → engine → renderers.

What must always hold: no exception; every problem located; no framework, or no area, without
an error that says why; and a framework read without errors scores its areas and renders.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml
from conftest import FIXTURES, ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from renders import matrix_text

from veikart_cli.checks.validation import check_areas, check_framework
from veikart_cli.engine.scoring import score
from veikart_cli.model.areas import read_area
from veikart_cli.model.frameworks import read_framework
from veikart_cli.problems import Problems
from veikart_cli.syntax.nodes import parse_text

WHOLE_FILE = {"framework-count", "not-found", "file-too-large", "unreadable"}


def base(folder: Path) -> tuple[Any, list[str]]:
    framework = next((folder / "criteria").glob("*.yaml")).read_text(encoding="utf-8")
    areas = [p.read_text(encoding="utf-8") for p in sorted((folder / "areas").glob("*.yaml"))]
    return yaml.load(framework, Loader=yaml.BaseLoader), areas  # every scalar stays text


BASES = [base(ROOT), base(FIXTURES / "method")]
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's: the pure-Python one was most of the time
ODD_VALUES = ["", "x", "-1", "0", "1,5", "100 %", "no", "red", [], {}, ["x"], {"x": "1"}, [{"id": "x"}]]


def places(data: Any) -> list[tuple[Any, Any]]:
    """Every (container, key or index) in the document, depth first."""
    found = []
    items = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for key, value in items:
        found.append((data, key))
        found += places(value)
    return found


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, list[str]]:
    framework, areas = draw(st.sampled_from(BASES))
    data = copy.deepcopy(framework)
    for _ in range(draw(st.integers(1, 3))):
        spots = places(data)
        if not spots:
            break
        container, key = draw(st.sampled_from(spots))
        if draw(st.booleans()):
            del container[key]
        else:
            container[key] = copy.deepcopy(draw(st.sampled_from(ODD_VALUES)))
    return yaml.dump(data, Dumper=DUMPER, allow_unicode=True, sort_keys=False), areas


def located(problems: Problems) -> None:
    for problem in problems.items:
        if problem.code not in WHOLE_FILE:
            assert problem.location.line >= 1 and problem.location.column >= 1, str(problem)
        assert problem.code and problem.message


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_mutated_frameworks_never_crash_and_never_fail_silently(case: tuple[str, list[str]]) -> None:
    text, area_texts = case
    problems = Problems()
    node = parse_text(text, "framework.yaml", problems)
    framework = read_framework(node, "framework.yaml", problems) if node is not None else None
    if framework is None:
        assert problems.has_errors, "no framework and no error"
        return
    check_framework(framework, problems)
    located(problems)
    if problems.has_errors:
        return
    areas = []
    for number, area_text in enumerate(area_texts):
        area_problems = Problems()
        area_node = parse_text(area_text, f"{number}.yaml", area_problems)
        assert area_node is not None
        area = read_area(area_node, f"{number}.yaml", framework, area_problems)
        located(area_problems)
        if area is None:
            assert area_problems.has_errors, "no area and no error"
        elif not area_problems.has_errors:
            areas.append(area)
    check_areas(framework, areas, Problems())
    matrix = score(framework, tuple(areas))
    for fmt in ("markdown", "json", "csv", "html", "svg"):
        assert matrix_text(matrix, fmt, framework.languages[0])
