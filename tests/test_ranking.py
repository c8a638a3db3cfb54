"""The order of areas: a framework's declared `order`, and `score --sort` (best first, ties in
the declared order), on the shipped data and copies of it with an order or an overall added."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import ROOT, Run

DECLARED = [
    "foregangskommune",
    "digitale-hjemmetjenester",
    "helsedata-persontilpasset-medisin",
    "helsedata-ressurseffektiv-tjeneste",
    "grunnforskning",
    "inkluderende-fellesskap",
    "sammenhengende-innbyggertjenester",
]


def areas_in(run: Run, *args: str, cwd: Path = ROOT) -> list[str]:
    result = run("score", "-f", "csv", *args, cwd=cwd)
    assert result.exit_code == 0, result.stderr
    return list(dict.fromkeys(line.split(",")[0] for line in result.stdout.splitlines()[1:]))


def copy_with(tmp_path: Path, addition: str) -> Path:
    shutil.copytree(ROOT / "areas", tmp_path / "areas")
    (tmp_path / "criteria").mkdir()
    for framework in (ROOT / "criteria").glob("*.yaml"):
        text = framework.read_text(encoding="utf-8")
        (tmp_path / "criteria" / framework.name).write_text(text.rstrip("\n") + "\n" + addition, encoding="utf-8")
    return tmp_path


def test_without_an_order_areas_come_as_their_files_are_found(run: Run) -> None:
    assert areas_in(run) == DECLARED


def test_sort_by_a_driver_ranks_best_first_and_keeps_ties_in_declared_order(run: Run) -> None:
    # terskel: one green, three yellow, one yellow/red (uncertain: after the certain yellows), two red
    assert areas_in(run, "--sort", "terskel") == [
        "inkluderende-fellesskap",
        "foregangskommune",
        "helsedata-ressurseffektiv-tjeneste",
        "sammenhengende-innbyggertjenester",
        "grunnforskning",
        "digitale-hjemmetjenester",
        "helsedata-persontilpasset-medisin",
    ]


def test_sort_by_name_is_alphabetical_in_the_output_language(run: Run) -> None:
    assert areas_in(run, "--sort", "name") == [
        "digitale-hjemmetjenester",
        "foregangskommune",
        "grunnforskning",
        "helsedata-persontilpasset-medisin",
        "helsedata-ressurseffektiv-tjeneste",
        "inkluderende-fellesskap",
        "sammenhengende-innbyggertjenester",
    ]


@pytest.mark.parametrize(
    "sort, message",
    [("overall", "declares no 'overall'"), ("nope", "cannot sort by 'nope': use overall, name or a driver id")],
)
def test_an_impossible_sort_is_a_usage_error(run: Run, sort: str, message: str) -> None:
    result = run("score", "--sort", sort)
    assert result.exit_code == 2 and message in result.stderr and result.stdout == ""


def test_sort_by_overall_ranks_by_the_combined_colour(run: Run, tmp_path: Path) -> None:
    folder = copy_with(tmp_path, "overall:\n  combine: worst\n")
    ranked = areas_in(run, "--sort", "overall", cwd=folder)
    # worst of each row: the two areas without a red cell lead, in declared order
    assert ranked[:2] == ["foregangskommune", "sammenhengende-innbyggertjenester"]
    assert sorted(ranked) == sorted(DECLARED)


@pytest.mark.parametrize(
    "order, expected",
    [
        ("id", sorted(DECLARED)),
        ("section", DECLARED),  # sections 4.3.1 … 4.3.7 follow the file names here
        (
            "[grunnforskning, digitale-hjemmetjenester]",
            ["grunnforskning", "digitale-hjemmetjenester"]
            + [a for a in DECLARED if a not in ("grunnforskning", "digitale-hjemmetjenester")],
        ),
    ],
)
def test_a_declared_order_is_kept_everywhere(run: Run, tmp_path: Path, order: str, expected: list[str]) -> None:
    folder = copy_with(tmp_path, f"order: {order}\n")
    (folder / "areas" / "1-foregangskommune.yaml").rename(folder / "areas" / "9-foregangskommune.yaml")
    if order == "section":
        expected = DECLARED  # by section, whatever the file names say
    assert areas_in(run, cwd=folder) == expected


def test_sections_sort_by_number_not_by_text() -> None:
    from veikart_cli.engine.scoring import section_key

    assert sorted(["4.3.10", "4.3.9", "4.a", "4.3"], key=section_key) == ["4.3", "4.3.9", "4.3.10", "4.a"]
