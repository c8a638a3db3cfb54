"""No raw line feed inside a CSV cell or an SVG text: every text from data stays on its line.

A quoted CSV cell or an SVG <text> may legally hold a line feed, but in the file it starts a line
of its own: a CI log (a workflow command such as `::error::`), a `--check` diff, a line-based
tool all read it as one. Each text of the data that reaches CSV or SVG gets a break here.
"""

from __future__ import annotations

import csv
import io
import re
import xml.etree.ElementTree as ET

import pytest
from conftest import ROOT
from renders import criteria_text, matrix_text

from veikart_cli.app.dataset import find_inputs, load_dataset
from veikart_cli.engine.scoring import Matrix, score
from veikart_cli.model.evidence import DataSet
from veikart_cli.model.types import LevelRule, Text
from veikart_cli.problems import Problems

BREAKS = ["\n::error::x", "\r\n::warning::y", "\n\n##[group]z", "\n=1+1", "\n"]


def shipped() -> DataSet:
    problems = Problems()
    dataset = load_dataset(find_inputs([ROOT], problems), ROOT, problems)
    assert dataset is not None
    return dataset


def broken(brk: str) -> Matrix:
    """The shipped data with the break inside every text CSV and SVG show: title, colour labels,
    driver names and headings, criteria, area names."""
    dataset = shipped()
    framework = dataset.framework

    def t(text: Text) -> Text:
        return Text.of(f"a{brk}b {text.get('nb')}")

    drivers = []
    for d in framework.drivers:
        rule = d.rule
        if isinstance(rule, LevelRule):
            rule = rule._replace(levels=tuple(level._replace(criterion=t(level.criterion)) for level in rule.levels))
        drivers.append(d._replace(name=t(d.name), short=t(d.short) if d.short else None, rule=rule))
    framework = framework._replace(
        title=t(framework.title),
        scale=tuple(c._replace(label=t(c.label)) for c in framework.scale),
        drivers=tuple(drivers),
    )
    areas = tuple(a._replace(name=t(a.name)) for a in dataset.areas)
    return score(framework, areas)


@pytest.mark.parametrize("brk", BREAKS, ids=repr)
def test_csv_cells_hold_no_line_break(brk: str) -> None:
    matrix = broken(brk)
    for out in (matrix_text(matrix, "csv", "nb"), criteria_text(matrix.framework, "csv", "nb")):
        records = list(csv.reader(io.StringIO(out)))
        assert len(records) == out.count("\n"), "one line per record"
        assert all("\n" not in cell and "\r" not in cell for record in records for cell in record)
        assert not any(cell.startswith(("=", "+", "-", "@")) for record in records[1:] for cell in record[1:2])
        assert "a" + re.sub("\r\n|[\r\n]", " ", brk) + "b" in out  # each break a space, the rest as written


@pytest.mark.parametrize("brk", BREAKS, ids=repr)
def test_svg_texts_hold_no_line_break(brk: str) -> None:
    svg = matrix_text(broken(brk), "svg", "nb")
    root = ET.fromstring(svg)
    for element in root.iter():
        if element.tag.endswith(("}text", "}tspan", "}title")):
            assert "\n" not in (element.text or ""), element.tag
    for line in svg.splitlines():
        assert not re.match(r"\s*(::|##\[)", line), line
