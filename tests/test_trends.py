"""Issue 24, points 1 and 2: indicator series and trends, in the SDG dashboards' way.

One framework and one set of area files hold the whole SDG-style dashboard: status colours from
each goal's two worst indicators, trend arrows from each indicator's series, an indicator with no
data, and a goal-level (and area-level) trend from the indicators' trends. The expected colours
and trends are computed by hand in the comments beside them."""

from __future__ import annotations

import json
import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import ROOT, Run

from veikart_cli.engine.rules import combined, trend
from veikart_cli.model.evidence import AmountEvidence, Observation, TargetEvidence
from veikart_cli.model.types import TargetRule, Text, TrendLevel, TrendRule, Trends
from veikart_cli.problems import Location

FRAMEWORK = """\
id: sdg-trends
title: SDG-style dashboard with trends
languages: [en]
max-age: 2                              # a value more than two years older than the edition is flagged
scale:
  - {id: green, label: Goal achieved, symbol: "G", background: "#1a7f37"}
  - {id: yellow, label: Challenges remain, symbol: "Y", background: "#f2c94c"}
  - {id: orange, label: Significant challenges, symbol: "O", background: "#f0883e"}
  - {id: red, label: Major challenges, symbol: "R", background: "#cf222e"}
states:
  - {id: no-data, label: No data, symbol: "-", background: "#6e7781"}
trends:                                 # SDSN's levels: observed annual change ÷ the change needed
  levels:
    - {id: on-track, label: On track, symbol: "↑", at-least: 100 %}
    - {id: moderately-improving, label: Moderately improving, symbol: "↗", at-least: 50 %}
    - {id: stagnating, label: Stagnating, symbol: "→", at-least: 0 %}
    - {id: decreasing, label: Decreasing, symbol: "↓"}
  achieved: {id: maintaining, label: Maintaining achievement, symbol: "✓"}
  no-data: {id: not-enough-data, label: Not enough data, symbol: "·"}
overall:
  combine: worst
  trend: worst
drivers:
  - id: health
    name: Goal 3 Good health
    question: How far is the country from the goal?
    rule:
      kind: composite
      combine: mean-of-worst
      worst: 2
      states: {no-data: skip}
      trend: mean                       # the goal's trend: the mean of its indicators', rounded to the worse
      parts:
        - id: maternal
          name: Maternal mortality per 100 000 live births
          rule:
            kind: target
            unit: deaths per 100 000
            units: {deaths: 1}
            direction: lower
            measure: achieved
            target: 70 deaths
            trend: {window: 5, by: 2030}
            bands:
              - {colour: green, at-least: 100 %, criterion: At or below the target}
              - {colour: yellow, at-least: 66 %, criterion: Two thirds achieved}
              - {colour: orange, at-least: 33 %, criterion: One third achieved}
              - {colour: red, criterion: Less than a third achieved}
        - id: life
          name: Life expectancy at birth
          rule:
            kind: target
            unit: years
            units: {years: 1}
            direction: higher
            target: 80 years
            trend: {window: 5, by: 2030}
            bands:
              - {colour: green, at-least: 100 %, criterion: At the target}
              - {colour: yellow, at-least: 95 %, criterion: Within 5 %}
              - {colour: orange, at-least: 90 %, criterion: Within 10 %}
              - {colour: red, criterion: Farther}
        - id: doctors
          name: Physicians per 1 000
          rule:
            kind: target
            unit: per 1 000
            units: {per-1000: 1}
            direction: higher
            target: 4 per-1000
            trend: {window: 5, by: 2030}
            bands:
              - {colour: green, at-least: 100 %, criterion: At the target}
              - {colour: yellow, at-least: 75 %, criterion: Three quarters}
              - {colour: orange, at-least: 50 %, criterion: Half}
              - {colour: red, criterion: Less than half}
  - id: energy
    name: Goal 7 Clean energy
    question: How far is the country from the goal?
    rule:
      kind: composite
      combine: mean-of-worst
      worst: 2
      trend: mean
      parts:
        - id: renewable
          name: Renewable share
          rule:
            kind: target
            unit: "%"
            units: {"%": 1}
            direction: higher
            target: 50 %
            trend: {window: 5, by: 2030}
            bands:
              - {colour: green, at-least: 100 %, criterion: At the target}
              - {colour: yellow, at-least: 75 %, criterion: Three quarters}
              - {colour: orange, at-least: 50 %, criterion: Half}
              - {colour: red, criterion: Less than half}
        - id: carbon
          name: CO2 per kWh
          rule:
            kind: target
            unit: g per kWh
            units: {g: 1}
            direction: lower
            measure: achieved
            target: 200 g
            trend: {window: 5, by: 2030}
            bands:
              - {colour: green, at-least: 100 %, criterion: At or below the target}
              - {colour: yellow, at-least: 66 %, criterion: Two thirds achieved}
              - {colour: orange, at-least: 33 %, criterion: One third achieved}
              - {colour: red, criterion: Less than a third achieved}
"""

AREAS = {
    "a": """\
id: a
name: Country A
section: '1'
summary: A country.
evidence:
  health:
    parts:
      maternal:
        series:
          - {year: 2018, value: 100 deaths, source: {section: "T1", quote: "100 in 2018"}}
          - {year: 2020, value: 90 deaths}
          - {year: 2022, value: 80 deaths}
      life: {series: {2017: 78 years, 2022: "78,5 years"}}
      doctors: {series: {2021: "4,2 per-1000", 2022: "4,5 per-1000"}}
    because: Figures.
    sources: [{section: '1', quote: q}]
  energy:
    parts:
      renewable: {series: {2016: 30 %, 2019: 28 %, 2022: 25 %}}
      carbon: {value: 250 g}
    because: Figures.
    sources: [{section: '1', quote: q}]
""",
    "b": """\
id: b
name: Country B
section: '1'
summary: A country.
evidence:
  health:
    parts:
      maternal: {series: {2020: 60 deaths, 2022: 65 deaths}}
      life: {series: {2021: 70 years}}
      doctors: {state: no-data, reason: Not reported}
    because: Figures.
    sources: [{section: '1', quote: q}]
  energy:
    parts:
      renewable: {series: {2018: 40 %, 2020: 44 %, 2022: 46 %}}
      carbon: {series: {2015: 300 g, 2018: 300 g}}
    because: Figures.
    sources: [{section: '1', quote: q}]
""",
}

# By hand. Trend levels by observed ÷ needed annual change: on track ≥ 100 %, moderately
# improving ≥ 50 %, stagnating ≥ 0 %, else decreasing; at or past the target: maintaining.
# The window is the last 5 years up to the latest value; the target year 2030.
# A maternal 2018 100, 2020 90, 2022 80 → 70/80 = 87,5 % achieved: yellow
#     observed (80 − 100) / 4 = −5 a year; needed (70 − 80) / (2030 − 2022) = −1,25; 400 %: on track
#   life 2017 78, 2022 78,5 → 98,1 %: yellow; observed 0,5 / 5 = 0,1; needed 1,5 / 8 = 0,1875;
#     53,3 %: moderately improving
#   doctors 2021 4,2, 2022 4,5 ≥ 4: green, maintaining achievement
#   health: two worst yellow, yellow → yellow; trend: mean of places (0, 1, 0 for maintaining)
#     = 0,33 → the worse level, 1: moderately improving
#   renewable 2016 30, 2019 28, 2022 25 → 25/50 = 50 %: orange; the window from 2017 holds 2019 and
#     2022: observed −3 / 3 = −1; needed 25 / 8 = 3,125; −32 %: decreasing
#   carbon one value, 250 g → 200/250 = 80 %: yellow; no series: not enough data
#   energy: orange, yellow → 1,5 → orange; trend: carbon left out, decreasing
#   overall worst(yellow, orange) = orange; trend worst(moderately improving, decreasing) = decreasing
# B maternal 2020 60, 2022 65 ≤ 70: green, maintaining
#   life 2021 70 → 87,5 %: red; one value: not enough data
#   doctors no data: left out of the colour and of the trend
#   health: green, red → 1,5 → orange; trend: maintaining counts as on track (0) → on track
#   renewable 2018 40, 2020 44, 2022 46 → 92 %: yellow; observed 6 / 4 = 1,5; needed 4 / 8 = 0,5;
#     300 %: on track
#   carbon 2015 300, 2018 300 → 66,7 %: yellow; observed 0; needed −100 / 12; 0 %: stagnating;
#     2018 is four years before the edition's 2022, more than max-age 2: flagged
#   energy: yellow, yellow → yellow; trend mean(0, 2) = 1: moderately improving
#   overall worst(orange, yellow) = orange; trend worst(on track, moderately improving) = moderately improving
EXPECTED = {
    "a": {
        "health": (
            "yellow",
            "moderately-improving",
            {
                "maternal": ("yellow", "on-track"),
                "life": ("yellow", "moderately-improving"),
                "doctors": ("green", "maintaining"),
            },
        ),
        "energy": (
            "orange",
            "decreasing",
            {"renewable": ("orange", "decreasing"), "carbon": ("yellow", "not-enough-data")},
        ),
        "overall": ("orange", "decreasing"),
    },
    "b": {
        "health": (
            "orange",
            "on-track",
            {"maternal": ("green", "maintaining"), "life": ("red", "not-enough-data"), "doctors": ("no-data", None)},
        ),
        "energy": (
            "yellow",
            "moderately-improving",
            {"renewable": ("yellow", "on-track"), "carbon": ("yellow", "stagnating")},
        ),
        "overall": ("orange", "moderately-improving"),
    },
}


def folder(tmp_path: Path) -> Path:
    (tmp_path / "criteria").mkdir(parents=True)
    (tmp_path / "areas").mkdir()
    (tmp_path / "criteria" / "sdg.yaml").write_text(FRAMEWORK, encoding="utf-8")
    for name, text in AREAS.items():
        (tmp_path / "areas" / f"{name}.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def scored(run: Run, where: Path, *args: str) -> dict[str, dict[str, object]]:
    result = run("score", "-f", "json", *args, cwd=where)
    assert result.exit_code == 0, result.stderr
    found: dict[str, dict[str, object]] = {}
    for area in json.loads(result.stdout)["areas"]:
        row: dict[str, object] = {"overall": (area["overall"]["colours"][0], area["overall"]["trend"]["id"])}
        for cell in area["cells"]:
            parts = {p["part"]: (p["colours"][0], p["trend"]["id"] if "trend" in p else None) for p in cell["parts"]}
            row[cell["driver"]] = (cell["colours"][0], cell["trend"]["id"], parts)
        found[area["id"]] = row
    return found


def test_the_sdg_dashboard_with_trends_matches_the_hand_computation(run: Run, tmp_path: Path) -> None:
    where = folder(tmp_path)
    assert run("validate", cwd=where).exit_code == 0
    assert scored(run, where) == EXPECTED


def test_the_json_says_which_year_each_value_is_from_and_flags_an_old_one(run: Run, tmp_path: Path) -> None:
    areas = json.loads(run("score", "-f", "json", cwd=folder(tmp_path)).stdout)["areas"]
    energy_b = areas[1]["cells"][1]
    assert energy_b["year"] == "2018–2022" and energy_b["stale"] is True
    carbon = energy_b["parts"][1]
    assert carbon["year"] == "2018" and carbon["stale"] is True
    assert carbon["trend"]["values"] == [{"when": "2015", "value": "300"}, {"when": "2018", "value": "300"}]
    maternal = areas[0]["cells"][0]["parts"][0]
    assert (maternal["trend"]["observed"], maternal["trend"]["needed"], maternal["trend"]["ratio"]) == (
        "-5",
        "-1.25",
        "4",
    )


def test_explain_shows_the_trend_arithmetic(run: Run, tmp_path: Path) -> None:
    where = folder(tmp_path)
    result = run("explain", "a", "health", cwd=where)
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    assert "  Trend – Maternal mortality per 100 000 live births: ↑ On track" in text
    assert "    Values used: 2018: 100 deaths, 2020: 90 deaths, 2022: 80 deaths" in text
    assert "    Observed change per year: (80 deaths − 100 deaths) / 4 = -5 deaths" in text
    assert "    Change per year needed to reach 70 deaths by 2030: (70 deaths − 80 deaths) / 8 = -1.25 deaths" in text
    assert "    Ratio of observed to needed change: 400 % → ↑ On track" in text
    assert "The target is reached (4 per-1000)" in text
    assert "  Trend: ↗ Moderately improving (from the trends of" in text
    overall = run("explain", "a", "overall", cwd=where).stdout
    assert "Trend: ↓ Decreasing (from the trends of Goal 3 Good health, Goal 7 Clean energy)" in overall


def test_at_a_year_scores_the_values_known_then(run: Run, tmp_path: Path) -> None:
    # A as of 2021: maternal's latest is 2020's 90 → 70/90 = 77,8 %: yellow; observed (90 − 100) / 2
    # = −5, needed (70 − 90) / (2030 − 2020) = −2: 250 %, on track. life 2017 only: not enough data,
    # and four years before 2021 (more than max-age 2): flagged. 2022's values are not used.
    where = folder(tmp_path)
    result = run("score", "-f", "json", "--at", "2021", cwd=where)
    assert result.exit_code == 0, result.stderr
    areas = json.loads(result.stdout)["areas"]
    maternal, life = areas[0]["cells"][0]["parts"][:2]
    assert (maternal["colours"], maternal["year"], maternal["trend"]["ratio"]) == (["yellow"], "2020", "2.5")
    assert (life["year"], life["stale"], life["trend"]["id"]) == ("2017", True, "not-enough-data")
    assert "2017: 78 years" in run("explain", "a", "health", "--at", "2021", cwd=where).stdout


@pytest.mark.parametrize("fmt", ["table", "markdown", "html", "svg", "csv"])
def test_every_format_shows_the_trend_beside_the_colour(run: Run, tmp_path: Path, fmt: str) -> None:
    result = run("score", "-f", fmt, "--color", "never", cwd=folder(tmp_path), env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.stderr
    shown = {"csv": "orange,decreasing,2022", "svg": 'challenges ↓</tspan><tspan x="276" dy="15">2022<'}
    assert shown.get(fmt, "↓ 2022") in result.stdout
    if fmt != "csv":
        assert "Moderately improving" in result.stdout  # the legend


def test_word_shows_the_trend(run: Run, tmp_path: Path) -> None:
    pytest.importorskip("docx")
    out = tmp_path / "out.docx"
    assert run("report", "-f", "docx", "-o", str(out), cwd=folder(tmp_path)).exit_code == 0
    import zipfile

    assert "↓ 2022" in zipfile.ZipFile(out).read("word/document.xml").decode("utf-8")


def test_fail_on_a_trend_gates(run: Run, tmp_path: Path) -> None:
    where = folder(tmp_path)
    result = run("score", "--fail-on", "trend:decreasing", cwd=where)
    assert result.exit_code == 3
    gates = [line for line in result.output.splitlines() if line.startswith("--fail-on")]
    assert gates == ["--fail-on trend:decreasing: Country A – Goal 7 Clean energy: O Significant challenges ↓ 2022"]
    assert run("score", "--fail-on", "trend:stagnating", cwd=where).exit_code == 3  # B's carbon, a part
    assert run("score", "--fail-on", "trend:falling", cwd=where).exit_code == 2


# -- the levels' edges, without files -----------------------------------------------------------
HERE = Location("t.yaml", 1, 1)


def level(level_id: str, at_least: str | None = None) -> TrendLevel:
    return TrendLevel(level_id, Text.of(level_id), level_id[0], None if at_least is None else Decimal(at_least), HERE)


TRENDS = Trends(
    (level("on-track", "1"), level("moderately-improving", "0.5"), level("stagnating", "0"), level("decreasing")),
    level("maintaining"),
    level("not-enough-data"),
)


def series(*pairs: tuple[int, str]) -> TargetEvidence:
    observations = tuple(
        Observation(str(y), Decimal(y), AmountEvidence(Decimal(v), Decimal(v), v), HERE) for y, v in pairs
    )
    return TargetEvidence(observations[-1].amount, None, series=observations, when=observations[-1].when)


def rule(direction: str = "higher") -> TargetRule:
    return TargetRule("x", (), direction, "percent", Decimal(100), (), TrendRule(5, 2030, HERE))


@pytest.mark.parametrize(
    "values, expected",
    [
        (((2020, "60"), (2022, "70")), "on-track"),  # 5 a year; needed 30 / 8 = 3,75: 133 %
        (((2022, "60"), (2026, "80")), "on-track"),  # 5 a year; needed 20 / 4 = 5: exactly 100 %
        (((2020, "76"), (2022, "80")), "moderately-improving"),  # 2 a year; needed 20 / 8 = 2,5: 80 %
        (((2018, "75"), (2022, "80")), "moderately-improving"),  # 1,25 a year; needed 2,5: exactly 50 %
        (((2020, "80"), (2022, "80")), "stagnating"),  # 0 %: stagnating, not decreasing
        (((2020, "82"), (2022, "80")), "decreasing"),
        (((2020, "90"), (2022, "100")), "maintaining"),  # at the target
        (((2022, "80"),), "not-enough-data"),
        (((2010, "50"), (2022, "80")), "not-enough-data"),  # 2010 is outside the 5-year window
    ],
)
def test_trend_levels_at_their_edges(values: tuple[tuple[int, str], ...], expected: str) -> None:
    assert trend(TRENDS, rule(), series(*values), Decimal(100)).level.id == expected  # type: ignore[union-attr]


def test_lower_is_better_trends_turn_the_sign_round() -> None:
    down = series((2020, "140"), (2022, "130"))  # −5 a year; needed (100 − 130) / 8 = −3,75: 133 %
    assert trend(TRENDS, rule("lower"), down, Decimal(100)).level.id == "on-track"  # type: ignore[union-attr]
    up = series((2020, "120"), (2022, "130"))
    assert trend(TRENDS, rule("lower"), up, Decimal(100)).level.id == "decreasing"  # type: ignore[union-attr]


def test_a_goal_trend_leaves_out_no_data_and_rounds_to_the_worse() -> None:
    def t(level: str):  # type: ignore[no-untyped-def]
        from veikart_cli.engine.rules import Trend

        return Trend(next(lv for lv in (*TRENDS.levels, TRENDS.achieved, TRENDS.no_data) if lv.id == level))

    given = [("a", t("on-track")), ("b", t("stagnating")), ("c", t("not-enough-data"))]
    assert combined(TRENDS, "mean", given).level.id == "moderately-improving"  # type: ignore[union-attr]
    assert combined(TRENDS, "worst", given).level.id == "stagnating"  # type: ignore[union-attr]
    assert combined(TRENDS, "best", given).level.id == "on-track"  # type: ignore[union-attr]
    assert combined(TRENDS, "mean", [("c", t("not-enough-data"))]).level.id == "not-enough-data"  # type: ignore[union-attr]
    assert combined(TRENDS, "", given) is None


def test_the_schemas_describe_series_and_trends(run: Run, tmp_path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    yaml = pytest.importorskip("yaml")
    where = folder(tmp_path)
    criteria = json.loads(run("schema", "criteria", cwd=where).stdout)
    assert [e.message for e in jsonschema.Draft7Validator(criteria).iter_errors(yaml.safe_load(FRAMEWORK))] == []
    wrong = yaml.safe_load(FRAMEWORK.replace("trend: {window: 5, by: 2030}", "trend: {window: 5}", 1))
    assert list(jsonschema.Draft7Validator(criteria).iter_errors(wrong))
    area = json.loads(run("schema", "area", cwd=where).stdout)
    for text in AREAS.values():
        assert [e.message for e in jsonschema.Draft7Validator(area).iter_errors(yaml.safe_load(text))] == []
    both = yaml.safe_load(
        AREAS["b"].replace("{series: {2021: 70 years}}", "{value: 70 years, series: {2021: 70 years}}")
    )
    assert list(jsonschema.Draft7Validator(area).iter_errors(both))


def test_diff_shows_a_trend_that_changed(run: Run, tmp_path: Path) -> None:
    # A's renewable share 2022 at 35 % instead of 25 %: 70 % of the target, still orange; the goal's
    # colour stays orange, but its trend turns: (35 − 28) / 3 = 2,33 a year against (50 − 35) / 8
    # = 1,875 needed, 124 %: on track, and carbon has no data: the goal is on track.
    old = folder(tmp_path / "old")
    new = folder(tmp_path / "new")
    path = new / "areas" / "a.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("2022: 25 %", "2022: 35 %"), encoding="utf-8")
    result = run("diff", str(old), str(new), "-f", "json")
    change = json.loads(result.stdout)["changes"]
    assert [(c["driver"], c["before"], c["after"], c["trend_before"], c["trend_after"]) for c in change] == [
        ("energy", ["orange"], ["orange"], "decreasing", "on-track")
    ]
    text = run("diff", str(old), str(new)).stdout
    assert "O Significant challenges ↓ 2022 → O Significant challenges ↑ 2022" in text


def test_a_year_before_a_series_begins_is_refused_or_given_the_declared_state(run: Run, tmp_path: Path) -> None:
    where = folder(tmp_path)
    refused = run("score", "--at", "2019", cwd=where)  # B's maternal series begins in 2020
    assert refused.exit_code == 2
    said = " ".join(refused.stderr.split())
    assert "no value by 2019 in a.health.doctors, b.health.maternal, b.health.life;" in said
    assert "choose --at 2021 or later, or declare 'series-missing: STATE'" in said
    path = where / "criteria" / "sdg.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("max-age: 2 ", "max-age: 2\nseries-missing: no-data "))
    # B as of 2019: maternal and life have no value yet (no data), doctors is not reported: the
    # health goal has no indicator with data, so no data. Renewable 2018 40 % (80 %) and carbon 2018
    # 300 g (66,7 %) are both yellow: the energy goal yellow.
    result = run("score", "-f", "json", "--at", "2019", cwd=where)
    assert result.exit_code == 0, result.stderr
    areas = json.loads(result.stdout)["areas"]
    health, energy = areas[1]["cells"]
    assert [p["colours"] for p in health["parts"]] == [["no-data"], ["no-data"], ["no-data"]]
    assert health["colours"] == ["no-data"] and energy["colours"] == ["yellow"]
    assert "the first value is from 2020" in run("explain", "b", "health", "--at", "2019", cwd=where).stdout


ONE_DRIVER = """\
id: one
title: One indicator
languages: [en]
scale:
  - {id: green, label: Green, symbol: "G", background: "#1a7f37"}
  - {id: red, label: Red, symbol: "R", background: "#cf222e"}
TRENDS
drivers:
  - id: share
    name: Renewable share
    question: How far from the target?
    rule:
      kind: target
      unit: "%"
      units: {"%": 1}
      direction: higher
      target: 50 %
      trend: {window: 4, by: 2030}
      bands:
        - {colour: green, at-least: 100 %, criterion: At the target}
        - {colour: red, criterion: Below it}
"""
LEVELS = """\
trends:
  levels:
    - {id: on-track, label: On track, symbol: "↑", at-least: 100 %}
    - {id: decreasing, label: Decreasing, symbol: "↓"}
  achieved: {id: maintaining, label: Maintaining, symbol: "✓"}
  no-data: {id: none, label: Not enough data, symbol: "·"}"""
ONE_AREA = """\
id: a
name: A
section: '1'
summary: An area.
evidence:
  share:
    series: {2020: 40 %, 2022: 44 %, "2024-07-01": 45 %}
    because: Figures.
    sources: [{section: '1', quote: q}]
"""


def one_driver(tmp_path: Path, levels: str = LEVELS) -> Path:
    (tmp_path / "criteria").mkdir()
    (tmp_path / "areas").mkdir()
    (tmp_path / "criteria" / "one.yaml").write_text(ONE_DRIVER.replace("TRENDS", levels), encoding="utf-8")
    (tmp_path / "areas" / "a.yaml").write_text(ONE_AREA, encoding="utf-8")
    return tmp_path


def test_a_driver_of_its_own_takes_a_series_with_a_date(run: Run, tmp_path: Path) -> None:
    # 2024-07-01 is day 183 of 366: 2024 + 182/366 = 2024,4973. The window of 4 years from it holds
    # 2022 and the date: observed (45 − 44) / 2,4973 = 0,4004 a year; needed (50 − 45) / 5,5027
    # = 0,9086; 44 %: below 100 %, so the last level, decreasing.
    where = one_driver(tmp_path)
    cell = json.loads(run("score", "-f", "json", cwd=where).stdout)["areas"][0]["cells"][0]
    assert (cell["colours"], cell["year"], cell["trend"]["id"]) == (["red"], "2024-07-01", "decreasing")
    assert [v["when"] for v in cell["trend"]["values"]] == ["2022", "2024-07-01"]
    text = run("explain", "a", "share", cwd=where).stdout
    assert "Observed change per year: (45 % − 44 %) / 2.5 ≈ 0.4 percentage points" in text
    assert "Trend: ↓ Decreasing" in text


def test_a_trend_without_trend_levels_is_a_located_problem(run: Run, tmp_path: Path) -> None:
    result = run("validate", cwd=one_driver(tmp_path, levels=""))
    assert result.exit_code == 1
    assert (
        "criteria/one.yaml:18:14: error: driver 'share' has a trend, but the framework declares no trend levels [bad-trend]"
        in result.stderr
    )


def test_the_report_shows_each_trends_arithmetic(run: Run) -> None:
    report = run("report", str(ROOT / "examples" / "baerekraftsmal"), "--lang", "en").stdout
    assert "- Ratio of observed to needed change: 125 % → ⬆ On track" in report
    assert "- Change per year needed to reach 2 t by 2030: (2 t − 2.4 t) / 5 = -80 kg" in report


def test_diff_lists_an_areas_overall_trend_that_changed(run: Run, tmp_path: Path) -> None:
    for edition in ("before", "after"):
        shutil.copytree(ROOT / "examples" / "baerekraftsmal", tmp_path / edition)
    area = tmp_path / "after" / "areas" / "sentrum.yaml"
    text = area.read_text(encoding="utf-8")
    assert "sykkel: {series: {2021: 8 %, 2025: 9 %}}" in text
    area.write_text(
        text.replace("{2021: 8 %, 2025: 9 %}", "{2023: 4 %, 2025: 9 %}"), encoding="utf-8"
    )  # same value, faster
    lines = run("diff", "before", "after", cwd=tmp_path).stdout.splitlines()
    assert "~ Sentrum – Samlet: 🔴 Alvorlige utfordringer ↗ → 🔴 Alvorlige utfordringer ⬆ (Klima)" in lines


def test_diff_and_history_take_at_for_every_edition(run: Run, tmp_path: Path) -> None:
    for edition in ("before", "after"):
        shutil.copytree(ROOT / "examples" / "baerekraftsmal", tmp_path / edition)
    area = tmp_path / "after" / "areas" / "sentrum.yaml"
    text = area.read_text(encoding="utf-8")
    area.write_text(text.replace("{2021: 8 %, 2025: 9 %}", "{2023: 4 %, 2025: 9 %}"), encoding="utf-8")
    assert run("diff", "before", "after", "--exit-code", cwd=tmp_path).exit_code == 3  # 2025: the trend moved
    as_of_2021 = run("diff", "before", "after", "--exit-code", "--at", "2021", cwd=tmp_path)
    assert as_of_2021.exit_code == 3 and "sykkel" in as_of_2021.stdout  # 2021: 8 % before, no value yet after
    history = run("history", "before", "after", "--at", "2021", "-f", "json", cwd=tmp_path)
    assert history.exit_code == 0, history.output


def test_a_composite_driver_in_a_state_shows_its_reason_in_every_command(run: Run, tmp_path: Path) -> None:
    """A composite (helse: aktivitet and ventetid) given a state instead of parts: every command shows the reason."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "examples" / "baerekraftsmal", data)
    area = data / "areas" / "havna.yaml"
    text = area.read_text(encoding="utf-8")
    state = "  helse:\n    state: ingen-data\n    reason: {nb: Ikke målt., en: Not measured.}\n"
    area.write_text(re.sub(r"  helse:\n(    .*\n|      .*\n)*", state, text), encoding="utf-8")
    assert run("validate", str(data)).exit_code == 0
    explained = run("explain", str(data), "havna", "helse", "--lang", "en")
    assert explained.exit_code == 0 and "Not measured." in explained.output
    cells = json.loads(run("score", str(data), "-f", "json").output)
    assert "Ikke målt." in json.dumps(cells, ensure_ascii=False)
    assert "Ikke målt." in run("report", str(data), "-f", "markdown").output
    assert run("diff", str(ROOT / "examples" / "baerekraftsmal"), str(data)).exit_code == 0


def test_set_one_part_of_a_composite_in_a_state_asks_for_the_whole_value(run: Run, tmp_path: Path) -> None:
    """A composite in a state has no parts to change one of (it was a ValueError, exit 70)."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "examples" / "baerekraftsmal", data)
    area = data / "areas" / "havna.yaml"
    state = "  helse:\n    state: ingen-data\n    reason: {nb: Ikke målt., en: Not measured.}\n"
    area.write_text(
        re.sub(r"  helse:\n(    .*\n|      .*\n)*", state, area.read_text(encoding="utf-8")), encoding="utf-8"
    )
    one = run("score", str(data), "--set", "havna.helse.ventetid=10 dager")
    assert one.exit_code == 2 and "give the whole value: havna.helse=" in one.stderr
    whole = run(
        "score", str(data), "-f", "csv", "--set", "havna.helse={aktivitet: {value: 61 %}, ventetid: {value: 10 dager}}"
    )
    assert whole.exit_code == 0, whole.output


def test_the_trend_arithmetic_reads_as_a_norwegian_reader_reads(run: Run) -> None:
    # '÷' is a minus sign to many Norwegian readers; a computed rate to three significant digits, '≈'
    # where that rounds it; a change of a share in percentage points; the ratio rounded down, so it never
    # shows as reaching a level it does not (122,222 % → 122 %, -31,25 % → -32 %).
    for lang in ("nb", "nn", "en"):
        report = run("report", str(ROOT / "examples" / "baerekraftsmal"), "--lang", lang).stdout
        assert "÷" not in report
        assert re.findall(r"\d[.,]\d{4,}", report) == []
    report = run("report", str(ROOT / "examples" / "baerekraftsmal"), "--lang", "nb").stdout
    assert "- Observert endring per år: (71 % − 60 %) / 5 = 2,2 prosentpoeng" in report
    assert "- Forholdet mellom observert og nødvendig endring: 122 % → ⬆ I rute" in report
    assert "- Forholdet mellom observert og nødvendig endring: -32 % → ⬇ Går feil vei" in report
    english = run("explain", str(ROOT / "examples" / "baerekraftsmal"), "havna", "klima", "--lang", "en").stdout
    assert "(14 % − 12 %) / 2 = 1 percentage point\n" in english
