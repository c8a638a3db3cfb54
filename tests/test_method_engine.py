"""The method layer's engine at its edges: every combination rule (ties, veto, uncertain and
overridden inputs, states), every target direction (inclusive and exclusive edges), negative,
decimal and open-ended values, margins in the rule's direction. Hand-built models, no YAML."""

from __future__ import annotations

from decimal import Decimal

import pytest

from veikart_cli.engine.rules import Reading, amount_bands, margins, read
from veikart_cli.engine.scoring import Input, combine, overall, score
from veikart_cli.model.evidence import AmountEvidence, Area, Evidence, LevelEvidence, Override, State, TargetEvidence
from veikart_cli.model.types import (
    Band,
    Colour,
    Combination,
    Driver,
    Framework,
    Level,
    LevelRule,
    Source,
    TargetBand,
    TargetRule,
    Text,
    Unit,
    Veto,
)
from veikart_cli.problems import Location

HERE = Location("test", 1, 1)
D = Decimal
SCALE = ("green", "yellow", "orange", "red")
RANK = {c: i for i, c in enumerate(SCALE)}.__getitem__


def colour(cid: str) -> Colour:
    return Colour(cid, Text.of(cid.title()), cid[0].upper(), "#808080")


def outcome(method: str, *inputs: str, weights: str = "", majority: str = "0.5", vetoes: tuple[Veto, ...] = ()):  # type: ignore[no-untyped-def]
    """Inputs as 'green' or 'green/yellow' (uncertain), named d0, d1, …; weights '3 1 1'."""
    ids = [f"d{i}" for i in range(len(inputs))]
    weighted = tuple(zip(ids, (D(w) for w in weights.split()), strict=True)) if weights else ()
    combination = Combination(method, HERE, weighted, D(majority), vetoes)
    given = [Input(i, tuple(RANK(c) for c in text.split("/"))) for i, text in zip(ids, inputs, strict=True)]
    result = combine(combination, given, framework(combination))
    return result.colours, result


# -- combination rules -------------------------------------------------------------------------
def test_worst_and_best() -> None:
    assert outcome("worst", "green", "yellow", "red")[0] == ("red",)
    assert outcome("best", "green", "yellow", "red")[0] == ("green",)
    colours, why = outcome("worst", "green", "red", "red")
    assert colours == ("red",)
    assert why.deciding == ("d1", "d2") and why.lifts == ()  # two at red: no single one lifts it
    assert outcome("worst", "green", "red")[1].lifts == ("d1",)


def test_majority_takes_the_most_common_colour_and_a_tie_goes_to_the_worse() -> None:
    assert outcome("majority", "green", "green", "red")[0] == ("green",)
    assert outcome("majority", "green", "red")[0] == ("red",)
    assert outcome("majority", "green", "green", "yellow", "yellow", "red")[0] == ("yellow",)


def test_weighted_reaches_the_best_colour_whose_coalition_holds_the_majority() -> None:
    # weights 3, 1, 1 (total 5), majority 60 %: green has 3/5 = 60 % → green (edge inclusive).
    colours, why = outcome("weighted", "green", "red", "red", weights="3 1 1", majority="0.6")
    assert colours == ("green",) and why.deciding == ("d0",) and why.support == D("0.6")
    # one weight point less at green: 3/6 = 50 % < 60 %; at red or better: all → red.
    colours, why = outcome("weighted", "green", "red", "red", weights="3 2 1", majority="0.6")
    assert colours == ("red",) and why.needed == D("0.1")
    assert outcome("weighted", "green", "yellow", "red", weights="1 1 1", majority="0.6")[0] == ("yellow",)


def test_a_zero_weight_counts_for_nothing() -> None:
    assert outcome("weighted", "red", "green", weights="0 1", majority="1")[0] == ("green",)


def test_a_veto_caps_at_its_colour_or_worse_and_says_so() -> None:
    veto = (Veto("d1", "red", "yellow", HERE),)
    colours, why = outcome("best", "green", "red", vetoes=veto)
    assert colours == ("yellow",) and why.vetoed == ("d1",) and why.deciding == ("d1",)
    assert outcome("best", "green", "orange", vetoes=veto)[0] == ("green",)  # orange is above 'at'
    at_orange = (Veto("d1", "orange", "orange", HERE),)
    assert outcome("best", "green", "red", vetoes=at_orange)[0] == ("orange",)  # red is at or below orange
    # a veto never improves: worst of red stays red
    assert outcome("worst", "red", "red", vetoes=veto)[0] == ("red",)


def test_uncertain_inputs_make_the_result_uncertain_only_where_it_depends_on_them() -> None:
    assert outcome("worst", "green/yellow", "green")[0] == ("green", "yellow")
    assert outcome("worst", "green/yellow", "red")[0] == ("red",)  # red either way
    assert outcome("majority", "green/red", "green", "red")[0] == ("green", "red")
    assert outcome("weighted", "green/red", "green", "red", weights="1 1 1", majority="0.6")[0] == ("green", "red")
    veto = (Veto("d0", "red", "orange", HERE),)
    assert outcome("best", "green/red", "yellow", vetoes=veto)[0] == ("green", "orange")


def test_many_uncertain_inputs_give_the_span_from_all_best_to_all_worst() -> None:
    colours, _ = outcome("worst", *(["green/yellow"] * 14))  # 16 384 choices: bounded, not enumerated
    assert colours == ("green", "yellow")


# -- the overall of an area's cells --------------------------------------------------------------
LEVELS = LevelRule(tuple(Level(c, c, Text.of(c), HERE) for c in SCALE))
DRIVERS = tuple(Driver(f"d{i}", Text.of(f"D{i}"), Text.of("?"), LEVELS, HERE) for i in range(3))
STATES = (colour("not-assessed"), colour("complete"))


def framework(combination: Combination) -> Framework:
    scale = tuple(colour(c) for c in SCALE)
    return Framework("f", Text.of("F"), ("en",), scale, DRIVERS, "f.yaml", states=STATES, overall=combination)


def cells_area(*cells: str) -> Area:
    """'green', 'green/red', '!red' (overridden to red, computed green), '=complete' (a state)."""
    evidence = []
    for driver, text in zip(DRIVERS, cells, strict=True):
        source = (Source("1", "q", HERE),)
        if text.startswith("="):
            state = State(text[1:], Text.of("why"), HERE)
            evidence.append(Evidence(driver.id, None, Text.of("why"), (), HERE, state=state))
        elif text.startswith("!"):
            override = Override(text[1:], Text.of("judged"), HERE)
            evidence.append(
                Evidence(driver.id, LevelEvidence(("green",)), Text.of("b"), source, HERE, override=override)
            )
        else:
            evidence.append(Evidence(driver.id, LevelEvidence(tuple(text.split("/"))), Text.of("b"), source, HERE))
    return Area("a", Text.of("A"), "1", Text.of("s"), tuple(evidence), "a.yaml", HERE)


def area_overall(method: str, *cells: str):  # type: ignore[no-untyped-def]
    fw = framework(Combination(method, HERE))
    matrix = score(fw, (cells_area(*cells),))
    return matrix.overalls[0]


def test_an_override_counts_with_its_set_colour_and_the_overall_says_so() -> None:
    result = area_overall("worst", "green", "!red", "green")
    assert result.colours == ("red",) and result.overridden == ("d1",)


def test_states_are_left_out_of_the_overall() -> None:
    result = area_overall("worst", "green", "=not-assessed", "yellow")
    assert result.colours == ("yellow",) and result.left_out == ("d1",)
    assert area_overall("worst", "=complete", "=complete", "=complete").colours == ("complete",)
    assert area_overall("worst", "=complete", "=not-assessed", "=complete").colours == ("not-assessed",)


def test_an_uncertain_cell_makes_the_overall_two_coloured() -> None:
    assert area_overall("worst", "green/yellow", "green", "green").colours == ("green", "yellow")


def test_a_framework_without_overall_has_none() -> None:
    fw = framework(Combination("worst", HERE))._replace(overall=None)
    matrix = score(fw, (cells_area("green", "green", "green"),))
    assert matrix.overalls == () and matrix.overall("a") is None
    assert overall(fw, Combination("best", HERE), matrix.rows[0][1]).colours == ("green",)


# -- targets with a direction --------------------------------------------------------------------
UNITS = (Unit("t", D(1)), Unit("kg", D("0.001")), Unit("%", D(1)))


def target_rule(
    direction: str, measure: str, *limits: tuple[str, str | None, bool], target: str | None = "100"
) -> TargetRule:
    bands = tuple(TargetBand(c, None if lim is None else D(lim), Text.of(c), HERE, inc) for c, lim, inc in limits)
    return TargetRule("x", UNITS, direction, measure, None if target is None else D(target), bands)


FW = framework(Combination("worst", HERE))


def colours_of(
    rule: TargetRule, low: str | None, high: str | None = "", target: str | None = None, **ends: bool
) -> tuple[str, ...]:
    high_value = low if high == "" else high
    amount = AmountEvidence(None if low is None else D(low), None if high_value is None else D(high_value), "x", **ends)
    return read(FW, rule, TargetEvidence(amount, None if target is None else D(target))).computed


# Higher is better, four bands in percent of the target: ≥100, ≥66, ≥33, the rest.
KPI = target_rule(
    "higher", "percent", ("green", "100", True), ("yellow", "66", True), ("orange", "33", True), ("red", None, True)
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("100", "green"),
        ("99.99", "yellow"),
        ("66", "yellow"),
        ("65.9", "orange"),
        ("33", "orange"),
        ("32", "red"),
        ("-5", "red"),
        ("250", "green"),
    ],
)
def test_higher_is_better_in_percent_of_target_inclusive_edges(value: str, expected: str) -> None:
    assert colours_of(KPI, value) == (expected,)


def test_an_exclusive_edge_leaves_the_limit_to_the_band_after() -> None:
    rule = target_rule("higher", "percent", ("green", "100", False), ("red", None, True))
    assert colours_of(rule, "100") == ("red",)
    assert colours_of(rule, "100.01") == ("green",)


def test_lower_is_better_with_the_area_s_own_target_and_decimals() -> None:
    # CO₂ per inhabitant, target 2 t: ≤ 100 % green, < 133 % yellow, the rest red.
    rule = target_rule(
        "lower", "percent", ("green", "100", True), ("yellow", "133", False), ("red", None, True), target=None
    )
    assert colours_of(rule, "2", target="2") == ("green",)
    assert colours_of(rule, "2.01", target="2") == ("yellow",)
    assert colours_of(rule, "2.66", target="2") == ("red",)  # exactly 133 %: exclusive → red
    assert colours_of(rule, "2.65", target="2") == ("yellow",)
    assert colours_of(rule, "0.4", target="2") == ("green",)


def test_lower_is_better_in_distance_with_negative_values() -> None:
    # Schedule slippage in weeks, target 0: ≤ 0 green (ahead counts as on time), ≤ 4 amber, red beyond.
    rule = target_rule(
        "lower", "distance", ("green", "0", True), ("yellow", "4", True), ("red", None, True), target="0"
    )
    assert colours_of(rule, "-3") == ("green",)
    assert colours_of(rule, "0") == ("green",)
    assert colours_of(rule, "4") == ("yellow",)
    assert colours_of(rule, "4.5") == ("red",)
    assert colours_of(rule, "-2", "5") == ("green", "yellow", "red")


def test_within_scores_the_distance_either_way() -> None:
    # Budget variance ±%: within 5 green, within 10 (inclusive) yellow, beyond red.
    rule = target_rule(
        "within", "distance", ("green", "5", True), ("yellow", "10", True), ("red", None, True), target="0"
    )
    for value, expected in (("-5", "green"), ("5", "green"), ("-5.1", "yellow"), ("10", "yellow"), ("-10.5", "red")):
        assert colours_of(rule, value) == (expected,), value
    assert colours_of(rule, "-12", "3") == ("green", "yellow", "red")  # the range covers the target
    assert colours_of(rule, "6", "12") == ("yellow", "red")
    exclusive = target_rule("within", "distance", ("green", "5", False), ("red", None, True), target="0")
    assert colours_of(exclusive, "-5") == ("red",)


def test_within_in_percent_of_the_target() -> None:
    rule = target_rule("within", "percent", ("green", "10", True), ("red", None, True), target="200")
    assert colours_of(rule, "180") == ("green",)  # 90 % of the target: 10 % off
    assert colours_of(rule, "179") == ("red",)
    assert colours_of(rule, "220") == ("green",)


def test_open_ended_values_reach_every_band_on_their_open_side() -> None:
    assert colours_of(KPI, "66", None) == ("green", "yellow")  # at least 66 %
    assert colours_of(KPI, "66", None, low_excluded=True) == ("green", "yellow")
    assert colours_of(KPI, None, "66", high_excluded=True) == ("orange", "red")  # under 66 %
    assert colours_of(KPI, None, "66") == ("yellow", "orange", "red")
    lower = target_rule("lower", "distance", ("green", "0", True), ("red", None, True), target="0")
    assert colours_of(lower, None, "-1") == ("green",)


def test_open_ended_amounts_in_amount_bands() -> None:
    bands = (
        Band("red", None, Text.of("r"), HERE),
        Band("yellow", D(100), Text.of("y"), HERE),
        Band("green", D(1000), Text.of("g"), HERE),
    )

    def fired(low: str | None, high: str | None, **ends: bool) -> list[str]:
        value = AmountEvidence(None if low is None else D(low), None if high is None else D(high), "x", **ends)
        return [b.colour for b in amount_bands(bands, value)]

    assert fired("100", None) == ["yellow", "green"]  # minst 100
    assert fired("1000", None, low_excluded=True) == ["green"]  # over 1 mrd
    assert fired(None, "100", high_excluded=True) == ["red"]  # under 100: the edge is not reached
    assert fired(None, "100") == ["red", "yellow"]  # inntil 100
    assert fired("-50", "-10") == ["red"]
    above = bands[:2] + (Band("green", D(1000), Text.of("g"), HERE, inclusive=False),)
    assert [b.colour for b in amount_bands(above, AmountEvidence(D(1000), D(1000), "x"))] == ["yellow"]


# -- margins speak in the rule's direction ------------------------------------------------------
def margins_of(rule: TargetRule, value: str, target: str | None = None) -> list[tuple[str, Decimal, bool, str]]:
    reading: Reading = read(
        FW, rule, TargetEvidence(AmountEvidence(D(value), D(value), "x"), None if target is None else D(target))
    )
    return [(m.colour, m.quantity, m.better, m.way) for m in margins(rule, reading)]


def test_margins_lower_is_better_say_how_much_less() -> None:
    rule = target_rule("lower", "percent", ("green", "100", True), ("yellow", "133", False), ("red", None, True))
    # target 2 t, value 2.4 t (120 %): 0.4 t less to reach green; 0.26 t before it falls to red.
    assert margins_of(rule, "2.4", "2") == [("green", D("0.4"), True, "down"), ("red", D("0.26"), False, "up")]


def test_margins_higher_is_better_say_how_much_more() -> None:
    assert margins_of(KPI, "80") == [("green", D(20), True, "up"), ("orange", D(14), False, "down")]


def test_margins_within_say_how_much_closer() -> None:
    rule = target_rule(
        "within", "distance", ("green", "5", True), ("yellow", "10", True), ("red", None, True), target="0"
    )
    assert margins_of(rule, "-7") == [("green", D(2), True, "closer"), ("red", D(3), False, "closer")]
