"""Issue 24, points 4 and 6: the dashboards' aggregations and ordering, declared in the framework.

- `combine: mean-of-worst` with `worst: k` (and `round`): a group's colour from its k worst members,
  as the SDG dashboards take a goal's colour from its two worst indicators;
- `majority` for composite drivers, and a composite's parts in a state;
- a state such as no data that a combination leaves out (`skip`, the default) or counts as a colour;
- `measure: achieved`, the U4SSC's percent of the target achieved (target ÷ value where lower is
  better), with zero and negative targets refused by a located message naming 'measure: distance';
- `order: name`, `ties`, and where `--sort overall` puts two-colour overalls and state-only areas.

The worked example at the top is a small SDG-style dashboard whose colours are computed by hand in
the comments beside the expected table."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import Run
from test_method_engine import HERE, RANK, SCALE, cells_area, framework

from veikart_cli.engine.scoring import Input, combine, ranked, score
from veikart_cli.model.types import Combination, Veto

D = Decimal

# -- the worked example: an SDG-style dashboard -------------------------------------------------
SDG = """\
id: sdg-mini
title: SDG-style dashboard
languages: [en]
scale:                                  # places 0, 1, 2, 3
  - {id: green, label: Goal achieved, symbol: "G", background: "#1a7f37"}
  - {id: yellow, label: Challenges remain, symbol: "Y", background: "#f2c94c"}
  - {id: orange, label: Significant challenges, symbol: "O", background: "#f0883e"}
  - {id: red, label: Major challenges, symbol: "R", background: "#cf222e"}
states:
  - {id: no-data, label: No data, symbol: "-", background: "#6e7781"}
overall:
  combine: worst
  states: {no-data: red}                # a goal with no data at all counts as red overall
drivers:
  - id: health
    name: Goal 3 Good health
    question: How far is the country from the goal?
    rule:
      kind: composite
      combine: mean-of-worst            # the goal's colour from its two worst indicators
      worst: 2
      states: {no-data: skip}           # an indicator without data is left out
      parts:
        - id: maternal
          name: Maternal mortality per 100 000 live births
          rule:
            kind: target
            unit: deaths per 100 000
            units: {deaths: 1}
            direction: lower
            measure: achieved           # target ÷ value, as the U4SSC
            target: 70 deaths
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
            bands:
              - {colour: green, at-least: 100 %, criterion: At the target}
              - {colour: yellow, at-least: 95 %, criterion: Within 5 %}
              - {colour: orange, at-least: 90 %, criterion: Within 10 %}
              - {colour: red, criterion: Farther}
        - id: doctors
          name: Physicians
          rule:
            kind: level
            levels:
              - {id: high, colour: green, criterion: Enough}
              - {id: mid, colour: yellow, criterion: Some}
              - {id: low, colour: orange, criterion: Few}
              - {id: none, colour: red, criterion: None}
  - id: energy
    name: Goal 7 Clean energy
    question: How far is the country from the goal?
    rule:
      kind: composite
      combine: mean-of-worst
      worst: 2
      parts:
        - id: access
          name: Access to electricity
          rule:
            kind: target
            unit: "%"
            units: {"%": 1}
            direction: higher
            target: 100 %
            bands:
              - {colour: green, at-least: 98 %, criterion: Nearly all}
              - {colour: yellow, at-least: 90 %, criterion: Most}
              - {colour: orange, at-least: 80 %, criterion: Many}
              - {colour: red, criterion: Fewer}
        - id: carbon
          name: CO2 per kWh
          rule:
            kind: target
            unit: g per kWh
            units: {g: 1}
            direction: lower
            measure: achieved
            target: 200 g
            bands:
              - {colour: green, at-least: 100 %, criterion: At or below the target}
              - {colour: yellow, at-least: 66 %, criterion: Two thirds achieved}
              - {colour: orange, at-least: 33 %, criterion: One third achieved}
              - {colour: red, criterion: Less than a third achieved}
        - id: renewable
          name: Renewable share
          rule:
            kind: target
            unit: "%"
            units: {"%": 1}
            direction: higher
            target: 50 %
            bands:
              - {colour: green, at-least: 100 %, criterion: At the target}
              - {colour: yellow, at-least: 75 %, criterion: Three quarters}
              - {colour: orange, at-least: 50 %, criterion: Half}
              - {colour: red, criterion: Less than half}
"""


def country(cid: str, health: dict[str, str], energy: dict[str, str]) -> str:
    def parts(values: dict[str, str]) -> str:
        lines = []
        for part, value in values.items():
            if value == "no-data":
                lines.append(f"      {part}: {{state: no-data, reason: Not reported}}")
            elif part == "doctors":
                lines.append(f"      {part}: {{level: {value}}}")
            else:
                lines.append(f'      {part}: {{value: "{value}"}}')
        return "\n".join(lines)

    return (
        f"id: {cid}\nname: Country {cid.upper()}\nsection: '1'\nsummary: A country.\nevidence:\n"
        f"  health:\n    parts:\n{parts(health)}\n    because: Figures.\n    sources: [{{section: '1', quote: q}}]\n"
        f"  energy:\n    parts:\n{parts(energy)}\n    because: Figures.\n    sources: [{{section: '1', quote: q}}]\n"
    )


COUNTRIES = {
    "a": country(
        "a",
        {"maternal": "70 deaths", "life": "81 years", "doctors": "high"},
        {"access": "99 %", "carbon": "300 g", "renewable": "20 %"},
    ),
    "b": country(
        "b",
        {"maternal": "105 deaths", "life": "73 years", "doctors": "no-data"},
        {"access": "85 %", "carbon": "no-data", "renewable": "40 %"},
    ),
    "c": country(
        "c",
        {"maternal": "350 deaths", "life": "80 years", "doctors": "mid"},
        {"access": "no-data", "carbon": "no-data", "renewable": "no-data"},
    ),
}

# By hand (places: green 0, yellow 1, orange 2, red 3; a mean between two goes to the worse):
# A  maternal 70/70 = 100 % green; life 81/80 = 101,25 % green; doctors green
#      health: two worst green, green → (0+0)/2 = 0 → green
#    access 99 % ≥ 98 green; carbon 200/300 = 66,7 % ≥ 66 yellow; renewable 20/50 = 40 % red
#      energy: two worst red, yellow → (3+1)/2 = 2 → orange
#    overall worst(green, orange) = orange
# B  maternal 70/105 = 66,67 % yellow (today: value ÷ target = 150 % ≤ 151.515151515152 %)
#    life 73/80 = 91,25 % orange; doctors no data: skipped
#      health: yellow, orange → (1+2)/2 = 1,5 → orange
#    access 85 % orange; carbon no data: skipped (not declared: left out); renewable 40/50 = 80 % yellow
#      energy: orange, yellow → 1,5 → orange
#    overall orange
# C  maternal 70/350 = 20 % red; life 100 % green; doctors yellow
#      health: red, yellow → (3+1)/2 = 2 → orange
#    energy: every indicator no data → the goal shows no data
#    overall: worst of orange and no data, which counts as red → red
EXPECTED = {
    "a": {
        "health": (["green"], {"maternal": ["green"], "life": ["green"], "doctors": ["green"]}),
        "energy": (["orange"], {"access": ["green"], "carbon": ["yellow"], "renewable": ["red"]}),
        "overall": ["orange"],
    },
    "b": {
        "health": (["orange"], {"maternal": ["yellow"], "life": ["orange"], "doctors": ["no-data"]}),
        "energy": (["orange"], {"access": ["orange"], "carbon": ["no-data"], "renewable": ["yellow"]}),
        "overall": ["orange"],
    },
    "c": {
        "health": (["orange"], {"maternal": ["red"], "life": ["green"], "doctors": ["yellow"]}),
        "energy": (["no-data"], {"access": ["no-data"], "carbon": ["no-data"], "renewable": ["no-data"]}),
        "overall": ["red"],
    },
}


def sdg_folder(tmp_path: Path, framework_text: str = SDG) -> Path:
    (tmp_path / "criteria").mkdir(parents=True)
    (tmp_path / "areas").mkdir()
    (tmp_path / "criteria" / "sdg.yaml").write_text(framework_text, encoding="utf-8")
    for cid, text in COUNTRIES.items():
        (tmp_path / "areas" / f"{cid}.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def test_the_sdg_style_dashboard_matches_the_hand_computation(run: Run, tmp_path: Path) -> None:
    folder = sdg_folder(tmp_path)
    assert run("validate", cwd=folder).exit_code == 0
    result = run("score", "-f", "json", cwd=folder)
    assert result.exit_code == 0, result.stderr
    found = {}
    for area in json.loads(result.stdout)["areas"]:
        row: dict[str, object] = {"overall": area["overall"]["colours"]}
        for cell in area["cells"]:
            parts = {p["part"]: p["colours"] for p in cell["parts"]}
            row[cell["driver"]] = (cell["colours"], parts)
        found[area["id"]] = row
    assert found == EXPECTED
    overall_c = next(a for a in json.loads(result.stdout)["areas"] if a["id"] == "c")["overall"]
    assert overall_c["deciding"] == ["energy"]  # no data, counted as red, set it


def test_the_sdg_dashboard_explains_which_two_indicators_decided(run: Run, tmp_path: Path) -> None:
    folder = sdg_folder(tmp_path)
    result = run("explain", "a", "energy", cwd=folder)
    assert result.exit_code == 0, result.stderr
    deciding = [line for line in result.stdout.splitlines() if "(decisive)" in line]
    assert (
        len(deciding) == 2 and any("CO2" in line for line in deciding) and any("Renewable" in line for line in deciding)
    )


def test_the_sdg_framework_is_valid_under_the_criteria_schema(run: Run, tmp_path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    yaml = pytest.importorskip("yaml")
    criteria = json.loads(run("schema", "criteria").stdout)
    assert [e.message for e in jsonschema.Draft7Validator(criteria).iter_errors(yaml.safe_load(SDG))] == []
    wrong = yaml.safe_load(SDG.replace("worst: 2\n      states", "worst: 0\n      states"))
    assert list(jsonschema.Draft7Validator(criteria).iter_errors(wrong))
    folder = sdg_folder(tmp_path)
    area = json.loads(run("schema", "area", cwd=folder).stdout)
    for text in COUNTRIES.values():  # a part in a state is in the area schema
        assert [e.message for e in jsonschema.Draft7Validator(area).iter_errors(yaml.safe_load(text))] == []


# -- combine: mean-of-worst ------------------------------------------------------------------------
def mean_of_worst(*inputs: str, k: int = 2, rounding: str = "worse", vetoes: tuple[Veto, ...] = ()):  # type: ignore[no-untyped-def]
    combination = Combination("mean-of-worst", HERE, vetoes=vetoes, worst=k, rounding=rounding)
    ids = [f"d{i}" for i in range(len(inputs))]
    given = [Input(i, tuple(RANK(c) for c in text.split("/"))) for i, text in zip(ids, inputs, strict=True)]
    result = combine(combination, given, framework(combination))
    return result.colours, result


@pytest.mark.parametrize(
    "inputs, k, rounding, expected",
    [
        (("green", "green", "red"), 2, "worse", "orange"),  # (0 + 3) / 2 = 1,5 → 2
        (("green", "green", "red"), 2, "better", "yellow"),  # 1,5 → 1
        (("green", "yellow", "green"), 2, "worse", "yellow"),  # green only if both worst are green
        (("green", "yellow", "green"), 2, "better", "green"),
        (("red", "red", "green", "green"), 2, "worse", "red"),
        (("green", "orange", "red"), 3, "worse", "orange"),  # (0 + 2 + 3) / 3 = 1,67 → 2
        (("green", "orange", "red"), 3, "better", "yellow"),
        (("green", "red"), 5, "worse", "orange"),  # fewer inputs than k: all of them
        (("green", "yellow", "red"), 1, "better", "red"),  # k = 1 is `worst`
    ],
)
def test_mean_of_worst_takes_the_mean_place_of_the_k_worst(
    inputs: tuple[str, ...], k: int, rounding: str, expected: str
) -> None:
    assert mean_of_worst(*inputs, k=k, rounding=rounding)[0] == (expected,)


def test_mean_of_worst_names_the_k_worst_and_what_lifts_it() -> None:
    colours, why = mean_of_worst("green", "red", "yellow", "red")
    assert colours == ("red",) and why.deciding == ("d1", "d3")
    assert why.lifts == ()  # either red one step better: (2 + 3) / 2 = 2,5, still red
    colours, why = mean_of_worst("green", "orange", "yellow")
    assert colours == ("orange",) and why.deciding == ("d1", "d2")  # (2 + 1) / 2 = 1,5 → orange
    assert why.lifts == ("d1", "d2")  # (1 + 1) / 2 or (2 + 0) / 2: yellow
    colours, why = mean_of_worst("yellow", "yellow", "yellow")
    assert why.deciding == ("d0", "d1")  # ties: the first ones


def test_mean_of_worst_follows_uncertain_inputs_and_vetoes() -> None:
    assert mean_of_worst("green", "green/red", "green")[0] == ("green", "orange")
    veto = Veto("d0", "yellow", "orange", HERE)
    assert mean_of_worst("yellow", "green", "green", vetoes=(veto,))[0] == ("orange",)


def test_mean_of_worst_is_monotone() -> None:
    import itertools

    for k, rounding in itertools.product((1, 2, 3), ("worse", "better")):
        for ranks in itertools.product(range(4), repeat=3):
            base = mean_of_worst(*(SCALE[r] for r in ranks), k=k, rounding=rounding)[0]
            for i in range(3):
                if ranks[i]:
                    better = list(ranks)
                    better[i] -= 1
                    lifted = mean_of_worst(*(SCALE[r] for r in better), k=k, rounding=rounding)[0]
                    assert RANK(lifted[0]) <= RANK(base[0])


# -- states in a combination -----------------------------------------------------------------------
def overall_of(combination: Combination, *cells: str):  # type: ignore[no-untyped-def]
    return score(framework(combination), (cells_area(*cells),)).overalls[0]


def test_a_state_is_left_out_unless_the_combination_counts_it() -> None:
    skipped = overall_of(Combination("worst", HERE), "green", "=not-assessed", "yellow")
    assert skipped.colours == ("yellow",) and skipped.left_out == ("d1",) and skipped.counted_states == ()
    said = overall_of(
        Combination("worst", HERE, states=(("not-assessed", "skip"),)), "green", "=not-assessed", "yellow"
    )
    assert said == skipped
    counted = overall_of(
        Combination("worst", HERE, states=(("not-assessed", "red"),)), "green", "=not-assessed", "yellow"
    )
    assert counted.colours == ("red",) and counted.left_out == () and counted.counted_states == ("d1",)
    assert counted.deciding == ("d1",)
    # a state counted in one, left out in the other
    mixed = Combination("worst", HERE, states=(("complete", "green"),))
    result = overall_of(mixed, "=complete", "=not-assessed", "yellow")
    assert result.colours == ("yellow",) and result.left_out == ("d1",) and result.counted_states == ("d0",)
    assert overall_of(mixed, "=complete", "=complete", "=complete").colours == ("green",)


def test_a_counted_state_takes_part_in_mean_of_worst() -> None:
    combination = Combination("mean-of-worst", HERE, worst=2, states=(("not-assessed", "red"),))
    assert overall_of(combination, "green", "=not-assessed", "green").colours == ("orange",)  # (3 + 0) / 2
    skipping = Combination("mean-of-worst", HERE, worst=2)
    assert overall_of(skipping, "green", "=not-assessed", "yellow").colours == ("yellow",)  # (1 + 0) / 2


# -- reading the framework -------------------------------------------------------------------------
def validate(run: Run, tmp_path: Path, framework_text: str) -> str:
    folder = sdg_folder(tmp_path / str(len(list(tmp_path.iterdir()))), framework_text)
    result = run("validate", cwd=folder)
    assert "Traceback" not in result.stderr
    return result.stderr


def test_mean_of_worst_without_worst_is_a_located_error(run: Run, tmp_path: Path) -> None:
    out = validate(
        run, tmp_path, SDG.replace("      worst: 2\n      states: {no-data: skip}", "      states: {no-data: skip}")
    )
    assert (
        "criteria/sdg.yaml:19:7: error: 'combine: mean-of-worst' needs 'worst'" in out
        and "[missing-key]" in out
        and "hint:" in out
    )


@pytest.mark.parametrize("worst", ["0", "two", "-1", "1.5"])
def test_a_bad_worst_is_a_located_error(run: Run, tmp_path: Path, worst: str) -> None:
    out = validate(run, tmp_path, SDG.replace("worst: 2\n      states", f"worst: {worst}\n      states"))
    assert f"criteria/sdg.yaml:21:14: error: worst '{worst}' is not a count of parts [bad-count]" in out


def test_worst_or_round_without_mean_of_worst_is_unused(run: Run, tmp_path: Path) -> None:
    out = validate(run, tmp_path, SDG.replace("  combine: worst\n", "  combine: worst\n  worst: 2\n  round: better\n"))
    assert "'worst' counts only with 'combine: mean-of-worst' [unused-key]" in out
    assert "'round' counts only with 'combine: mean-of-worst' [unused-key]" in out


def test_an_unknown_state_or_colour_in_states_is_a_located_error(run: Run, tmp_path: Path) -> None:
    out = validate(run, tmp_path, SDG.replace("states: {no-data: red}", "states: {no-date: red}"))
    assert "criteria/sdg.yaml:13:12: error: no state 'no-date' in the framework's 'states' [unknown-state]" in out
    assert "did you mean 'no-data'" in out
    out = validate(run, tmp_path, SDG.replace("states: {no-data: red}", "states: {no-data: crimson}"))
    assert "criteria/sdg.yaml:13:21: error: unknown colour 'crimson' [unknown-colour]" in out
    assert "hint: expected one of: skip, green, yellow, orange, red" in out


def test_majority_combines_a_composites_parts(run: Run, tmp_path: Path) -> None:
    text = SDG.replace(
        "      combine: mean-of-worst\n      worst: 2\n      parts:", "      combine: majority\n      parts:"
    )
    folder = sdg_folder(tmp_path, text)
    result = run("score", "-f", "json", cwd=folder)
    assert result.exit_code == 0, result.stderr
    energy = {a["id"]: a["cells"][1]["colours"] for a in json.loads(result.stdout)["areas"]}
    # A: green, yellow, red: one each, a tie → the worst; B: orange, yellow (no data left out) → orange
    assert energy == {"a": ["red"], "b": ["orange"], "c": ["no-data"]}


def test_a_part_in_an_undeclared_state_is_a_located_error(run: Run, tmp_path: Path) -> None:
    folder = sdg_folder(tmp_path)
    area = folder / "areas" / "b.yaml"
    area.write_text(area.read_text().replace("{state: no-data, reason: Not reported}", "{state: missing}", 1))
    result = run("validate", cwd=folder)
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert "areas/b.yaml:10:24: error: unknown state 'missing' [unknown-state]" in result.stderr
    assert "areas/b.yaml:10:16: error: part 'doctors' needs 'reason' [missing-key]" in result.stderr


# -- measure: achieved ----------------------------------------------------------------------------
ACHIEVED = """\
id: u4ssc
title: U4SSC-style
languages: [en]
scale:
  - {id: green, label: Achieved, symbol: "G", background: "#1a7f37"}
  - {id: yellow, label: Two thirds, symbol: "Y", background: "#f2c94c"}
  - {id: red, label: Less, symbol: "R", background: "#cf222e"}
drivers:
  - id: energy
    name: Energy use
    question: How much per inhabitant?
    rule:
      kind: target
      unit: kWh
      units: {kWh: 1}
      direction: lower
      measure: MEASURE
      target: TARGET
      bands:
        - {colour: green, KEY: LIMIT1, criterion: Achieved}
        - {colour: yellow, KEY: LIMIT2, criterion: Two thirds}
        - {colour: red, criterion: Less}
"""


def u4ssc(tmp_path: Path, values: list[str], measure: str = "achieved", target: str = "100 kWh", **band: str) -> Path:
    key = band.get("key", "at-least")
    text = ACHIEVED.replace("MEASURE", measure).replace("TARGET", target).replace("KEY", key)
    text = text.replace("LIMIT1", band.get("limit1", "100 %")).replace("LIMIT2", band.get("limit2", "66 %"))
    folder = tmp_path / f"{measure}-{key}-{len(list(tmp_path.iterdir()))}"
    (folder / "criteria").mkdir(parents=True)
    (folder / "areas").mkdir()
    (folder / "criteria" / "u4ssc.yaml").write_text(text, encoding="utf-8")
    for i, value in enumerate(values):
        (folder / "areas" / f"a{i:02}.yaml").write_text(
            f"id: a{i:02}\nname: A{i:02}\nsection: '{i}'\nsummary: s\nevidence:\n  energy:\n"
            f"    value: {value}\n    because: b\n    sources: [{{section: '1', quote: q}}]\n",
            encoding="utf-8",
        )
    return folder


def colours(run: Run, folder: Path) -> list[list[str]]:
    result = run("score", "-f", "json", cwd=folder)
    assert result.exit_code == 0, result.stderr
    return [a["cells"][0]["colours"] for a in json.loads(result.stdout)["areas"]]


@pytest.mark.parametrize(
    "value, expected",
    [
        ("100 kWh", ["green"]),  # 100/100 = 100 %, the edge kept
        ("0 kWh", ["green"]),  # zero: beyond every percent
        ("-5 kWh", ["green"]),  # below zero, where the measure allows it
        ("151 kWh", ["yellow"]),  # 100/151 = 66,2 %
        ("152 kWh", ["red"]),  # 100/152 = 65,8 %
        ("'under 100 kWh'", ["green"]),
        ("'over 100 kWh'", ["yellow", "red"]),  # just above 100: just under 100 %, down to 0 %
        ("'120–160 kWh'", ["yellow", "red"]),
        ("'minst 200 kWh'", ["red"]),
    ],
)
def test_achieved_is_target_over_value_where_lower_is_better(
    run: Run, tmp_path: Path, value: str, expected: list[str]
) -> None:
    assert colours(run, u4ssc(tmp_path, [value])) == [expected]


def test_achieved_bands_as_the_method_states_them_match_the_hand_converted_edges(run: Run, tmp_path: Path) -> None:
    values = [f"{v} kWh" for v in (50, 99, 100, 101, 120, 140, 150, 151, 152, 160, 200, 300)]
    stated = colours(run, u4ssc(tmp_path, values))
    by_hand = colours(
        run, u4ssc(tmp_path, values, "percent", key="at-most", limit1="100 %", limit2="151.515151515152 %")
    )
    assert stated == by_hand
    assert stated.count(["yellow"]) == 5  # 101 … 151


def test_achieved_higher_is_value_over_target(run: Run, tmp_path: Path) -> None:
    text_folder = u4ssc(tmp_path, ["100 kWh", "66 kWh", "65 kWh"])
    framework_file = text_folder / "criteria" / "u4ssc.yaml"
    framework_file.write_text(framework_file.read_text().replace("direction: lower", "direction: higher"))
    assert colours(run, text_folder) == [["green"], ["yellow"], ["red"]]


def test_achieved_bands_end_with_at_least(run: Run, tmp_path: Path) -> None:
    result = run("validate", cwd=u4ssc(tmp_path, ["1 kWh"], key="at-most"))
    assert result.exit_code == 1
    assert (
        "criteria/u4ssc.yaml:20:36: error: 'at-most' does not fit direction 'lower' measured as 'achieved'"
        in result.stderr
    )
    assert "ends with 'at-least' (edge kept) or 'above'" in result.stderr


@pytest.mark.parametrize("target", ["0 kWh", "-10 kWh"])
def test_a_target_of_zero_or_less_names_the_measure_that_takes_it(run: Run, tmp_path: Path, target: str) -> None:
    result = run("validate", cwd=u4ssc(tmp_path, ["1 kWh"], target=target))
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert "criteria/u4ssc.yaml:18:15: error: a target of zero or less cannot be scored in percent" in result.stderr
    assert "'measure: distance'" in result.stderr


def test_an_areas_own_target_of_zero_is_a_located_error_under_achieved(run: Run, tmp_path: Path) -> None:
    folder = u4ssc(tmp_path, ["1 kWh"])
    framework_file = folder / "criteria" / "u4ssc.yaml"
    framework_file.write_text(framework_file.read_text().replace("      target: 100 kWh\n", ""))
    area = folder / "areas" / "a00.yaml"
    area.write_text(area.read_text().replace("    because:", "    target: 0 kWh\n    because:"))
    result = run("validate", cwd=folder)
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert "areas/a00.yaml:8:13: error: a target of zero or less" in result.stderr
    assert "'measure: distance'" in result.stderr


@pytest.mark.parametrize("target, expected", [("0 kWh", [["green"], ["red"]]), ("-10 kWh", [["yellow"], ["red"]])])
def test_distance_takes_zero_and_negative_targets(
    run: Run, tmp_path: Path, target: str, expected: list[list[str]]
) -> None:
    folder = u4ssc(tmp_path, ["0 kWh", "20 kWh"], "distance", target, key="at-most", limit1="0 kWh", limit2="10 kWh")
    assert colours(run, folder) == expected


def test_achieved_within_is_a_located_error(run: Run, tmp_path: Path) -> None:
    folder = u4ssc(tmp_path, ["1 kWh"])
    framework_file = folder / "criteria" / "u4ssc.yaml"
    framework_file.write_text(framework_file.read_text().replace("direction: lower", "direction: within"))
    result = run("validate", cwd=folder)
    assert (
        "criteria/u4ssc.yaml:17:16: error: 'measure: achieved' is the percent of the target achieved" in result.stderr
    )
    assert "[bad-measure]" in result.stderr and "hint:" in result.stderr


def test_explain_gives_the_margin_under_achieved(run: Run, tmp_path: Path) -> None:
    folder = u4ssc(tmp_path, ["120 kWh"])
    result = run("explain", "a00", "energy", cwd=folder)
    assert result.exit_code == 0, result.stderr
    # 100 ÷ 120 = 83 %: 20 kWh down reaches 100 % (green); 100 ÷ 66 % = 151,5 kWh is the red edge
    assert "Margin: 20 kWh less would make it G Achieved" in result.stdout
    assert "Margin: 31.52 kWh more would make it R Less" in result.stdout  # rounded up: 151.52 kWh is red


# -- ordering --------------------------------------------------------------------------------------
def test_order_name_lists_areas_by_name(run: Run, tmp_path: Path) -> None:
    folder = sdg_folder(tmp_path)
    for cid, name in (("a", "Zambia"), ("b", "albania"), ("c", "Mali")):
        path = folder / "areas" / f"{cid}.yaml"
        path.write_text(path.read_text().replace(f"Country {cid.upper()}", name))
    framework_file = folder / "criteria" / "sdg.yaml"
    framework_file.write_text(framework_file.read_text() + "order: name\n")
    result = run("score", "-f", "csv", cwd=folder)
    assert result.exit_code == 0, result.stderr
    assert list(dict.fromkeys(line.split(",")[0] for line in result.stdout.splitlines()[1:])) == ["b", "c", "a"]
    assert "unknown-area" not in run("validate", cwd=folder).stderr


def sorted_ids(run: Run, folder: Path, *args: str) -> list[str]:
    result = run("score", "-f", "csv", *args, cwd=folder)
    assert result.exit_code == 0, result.stderr
    return list(dict.fromkeys(line.split(",")[0] for line in result.stdout.splitlines()[1:]))


@pytest.mark.parametrize(
    "ties, expected",
    [
        ("", ["a", "b", "c"]),  # the matrix's order
        ("ties: order\n", ["a", "b", "c"]),
        ("ties: name\n", ["b", "c", "a"]),  # albania, Mali, Zambia
        ("ties: id\n", ["a", "b", "c"]),
        ("ties: section\n", ["c", "b", "a"]),
    ],
)
def test_ties_are_broken_as_declared(run: Run, tmp_path: Path, ties: str, expected: list[str]) -> None:
    folder = sdg_folder(tmp_path)
    for cid, name, section in (("a", "Zambia", "3"), ("b", "albania", "2"), ("c", "Mali", "1")):
        path = folder / "areas" / f"{cid}.yaml"
        path.write_text(
            path.read_text().replace(f"Country {cid.upper()}", name).replace("section: '1'", f"section: '{section}'")
        )
    framework_file = folder / "criteria" / "sdg.yaml"
    framework_file.write_text(
        framework_file.read_text().replace("states: {no-data: red}", "states: {no-data: orange}") + ties
    )
    # every overall is orange now: all three tie under --sort overall
    assert sorted_ids(run, folder, "--sort", "overall") == expected


def test_an_unknown_ties_rule_is_a_located_error(run: Run, tmp_path: Path) -> None:
    out = validate(run, tmp_path, SDG + "ties: random\n")
    assert "criteria/sdg.yaml:" in out and "unknown ties 'random'" in out and "[unknown-order]" in out


def test_sort_overall_puts_two_colour_overalls_after_certain_ones_and_states_last() -> None:
    fw = framework(Combination("worst", HERE))
    rows = {
        "red": ("green", "green", "red"),
        "green": ("green", "green", "green"),
        "yellow": ("yellow", "green", "green"),
        "green-red": ("green/red", "green", "green"),
        "green-yellow": ("green/yellow", "green", "green"),
        "not-assessed": ("=not-assessed", "=not-assessed", "=not-assessed"),
        "complete": ("=complete", "=complete", "=complete"),
        "yellow-orange": ("yellow/orange", "green", "green"),
    }
    areas = tuple(cells_area(*cells)._replace(id=name) for name, cells in rows.items())
    matrix = ranked(score(fw, areas), "overall", "en")
    # after every colour, the states in the order the framework declares them (not-assessed, complete)
    from test_method_engine import STATES

    states = [s.id for s in STATES]
    expected = ["green", "green-yellow", "green-red", "yellow", "yellow-orange", "red", *states]
    assert [area.id for area, _ in matrix.rows] == expected


# -- diff: a changed aggregation is a change of criteria -----------------------------------------
def test_diff_names_a_changed_aggregation_as_criteria_and_not_a_moved_state(tmp_path: Path) -> None:
    from veikart_cli import load
    from veikart_cli.engine.diff import causes, evidence_key

    before = load(sdg_folder(tmp_path / "before")).dataset
    after_folder = sdg_folder(tmp_path / "after", SDG.replace("worst: 2\n      states", "worst: 3\n      states"))
    area = after_folder / "areas" / "b.yaml"
    area.write_text(area.read_text().replace("  health:\n", "  health:\n\n\n"))  # the part's state moves down
    after = load(after_folder).dataset
    assert before is not None and after is not None
    old = next(c for c in score(before.framework, before.areas).cells() if (c.area.id, c.driver.id) == ("b", "health"))
    new = next(c for c in score(after.framework, after.areas).cells() if (c.area.id, c.driver.id) == ("b", "health"))
    assert evidence_key(old.evidence) == evidence_key(new.evidence)
    assert causes(old, new) == ("criteria",)


def test_explain_gives_the_margin_under_achieved_where_higher_is_better(run: Run, tmp_path: Path) -> None:
    folder = u4ssc(tmp_path, ["80 kWh"])
    framework_file = folder / "criteria" / "u4ssc.yaml"
    framework_file.write_text(framework_file.read_text().replace("direction: lower", "direction: higher"))
    result = run("explain", "a00", "energy", cwd=folder)
    assert result.exit_code == 0, result.stderr
    # 80 ÷ 100 = 80 %: 20 kWh up reaches 100 % (green); below 66 % of 100 kWh (66 kWh) is red
    assert "Margin: 20 kWh more would make it G Achieved" in result.stdout
    assert "Margin: more than 14 kWh less would make it R Less" in result.stdout  # 66 kWh is still yellow


def test_an_order_is_not_checked_against_areas_that_were_not_read(run: Run, tmp_path: Path) -> None:
    """`schema area` reads the framework alone: its 'order' names areas no one looked for."""
    folder = sdg_folder(tmp_path)
    framework_file = folder / "criteria" / "sdg.yaml"
    framework_file.write_text(framework_file.read_text() + "order: [c, a, b]\n")
    result = run("schema", "area", cwd=folder)
    assert result.exit_code == 0 and "unknown-area" not in result.stderr, result.stderr
    assert "unknown-area" not in run("validate", cwd=folder).stderr
