"""The engine on hand-built models: no YAML, no files."""

from __future__ import annotations

from decimal import Decimal

import pytest

from veikart_cli.engine.scoring import score
from veikart_cli.model.evidence import (
    AmountEvidence,
    Area,
    ChecklistEvidence,
    ElementStatus,
    Evidence,
    LevelEvidence,
    Override,
    Value,
)
from veikart_cli.model.types import (
    AmountRule,
    Band,
    ChecklistRule,
    Colour,
    Driver,
    Element,
    Framework,
    Level,
    LevelRule,
    Source,
    Text,
    Unit,
)
from veikart_cli.problems import Location

HERE = Location("test", 1, 1)
M = Decimal(10**6)


def colour(cid: str) -> Colour:
    return Colour(cid, Text.of(cid.title()), cid[0].upper(), "#808080")


def band(cid: str, minimum: Decimal | None) -> Band:
    return Band(cid, minimum, Text.of(cid), HERE)


AMOUNT = Driver(
    id="value",
    name=Text.of("Value"),
    question=Text.of("How much?"),
    loc=HERE,
    rule=AmountRule(
        "NOK/yr", (Unit("MNOK", M),), (band("red", None), band("yellow", 100 * M), band("green", 1000 * M))
    ),
)
ELEMENTS = tuple(Element(e, Text.of(e)) for e in "abcde")
CHECKLIST = Driver(
    id="eco",
    name=Text.of("Ecosystem"),
    question=Text.of("Which?"),
    loc=HERE,
    rule=ChecklistRule(ELEMENTS, (band("red", None), band("yellow", Decimal(2)), band("green", Decimal(5)))),
)
LEVEL = Driver(
    id="need",
    name=Text.of("Need"),
    question=Text.of("Planned?"),
    loc=HERE,
    rule=LevelRule(
        tuple(Level(i, c, Text.of(i), HERE) for i, c in (("high", "green"), ("some", "yellow"), ("none", "red")))
    ),
)
FRAMEWORK = Framework(
    id="f",
    title=Text.of("F"),
    languages=("en",),
    scale=tuple(colour(c) for c in ("green", "yellow", "red")),
    drivers=(AMOUNT, CHECKLIST, LEVEL),
    path="f.yaml",
)


def evidence(driver: str, value: Value | None, override: Override | None = None) -> Evidence:
    return Evidence(driver, value, Text.of("because"), (Source("1", "q", HERE),), HERE, override=override)


def area(
    amount: Value | None = None,
    checklist: Value | None = None,
    level: Value | None = None,
    override: Override | None = None,
) -> Area:
    return Area(
        id="a",
        name=Text.of("A"),
        section="1",
        summary=Text.of("s"),
        path="a.yaml",
        loc=HERE,
        evidence=(
            evidence("value", amount or AmountEvidence(0 * M, 0 * M, "0 MNOK"), override),
            evidence("eco", checklist or statuses("mmmmm")),
            evidence("need", level or LevelEvidence(("none",))),
        ),
    )


def statuses(codes: str) -> ChecklistEvidence:
    names = {"p": "present", "h": "partial", "m": "missing"}
    return ChecklistEvidence(tuple(ElementStatus(e.id, names[c]) for e, c in zip(ELEMENTS, codes)))


def cell(a: Area, driver: int):  # type: ignore[no-untyped-def]
    return score(FRAMEWORK, (a,)).rows[0][1][driver]


@pytest.mark.parametrize(
    ("low", "high", "colours"),
    [
        (99, 99, ("red",)),
        (100, 100, ("yellow",)),  # exactly 100 MNOK: not "less than 100", so yellow
        (999, 999, ("yellow",)),
        (1000, 1000, ("green",)),  # exactly 1 mrd: bounds are inclusive, so green
        (200, 300, ("yellow",)),
        (50, 150, ("yellow", "red")),  # a range across an edge is uncertain
        (0, 5000, ("green", "yellow", "red")),
    ],
)
def test_amount_bands_by_inclusive_lower_bound(low: int, high: int, colours: tuple[str, ...]) -> None:
    result = cell(area(amount=AmountEvidence(low * M, high * M, "x")), 0)
    assert result.colours == colours
    assert result.uncertain == (len(colours) > 1)


@pytest.mark.parametrize(
    ("codes", "colours"),
    [
        ("mmmmm", ("red",)),  # 0 of 5: the report has no band; the red band covers it
        ("pmmmm", ("red",)),
        ("ppmmm", ("yellow",)),
        ("pppph", ("green", "yellow")),  # a partial element may or may not count
        ("ppppp", ("green",)),
        ("phmmm", ("yellow", "red")),
    ],
)
def test_checklist_counts_present_elements(codes: str, colours: tuple[str, ...]) -> None:
    assert cell(area(checklist=statuses(codes)), 1).colours == colours


def test_levels_map_to_their_colours_and_several_levels_are_uncertain() -> None:
    assert cell(area(level=LevelEvidence(("some",))), 2).colours == ("yellow",)
    both = cell(area(level=LevelEvidence(("none", "high"))), 2)
    assert both.colours == ("green", "red") and both.uncertain


def test_an_override_sets_the_colour_and_keeps_the_computed_one() -> None:
    judged = cell(
        area(amount=AmountEvidence(50 * M, 50 * M, "50 MNOK"), override=Override("green", Text.of("because"), HERE)), 0
    )
    assert judged.colours == ("green",) and judged.computed == ("red",)
    no_figure = cell(area(override=Override("yellow", Text.of("no figure"), HERE)), 0)
    assert no_figure.colours == ("yellow",)


def test_an_override_without_a_figure_computes_nothing() -> None:
    a = area(override=Override("yellow", Text.of("no figure"), HERE))
    a = a._replace(evidence=(evidence("value", None, a.evidence[0].override), *a.evidence[1:]))
    result = cell(a, 0)
    assert result.colours == ("yellow",) and result.computed == () and result.reading.fired == ()


def test_the_matrix_keeps_area_and_driver_order() -> None:
    """Rows in the order the areas were given (not sorted by id), cells in the framework's
    driver order whatever order each area gives its evidence in."""
    first = area(level=LevelEvidence(("high",)))._replace(id="zeta")
    second = area()._replace(id="alpha", evidence=tuple(reversed(area().evidence)))
    matrix = score(FRAMEWORK, (first, second))
    assert [a.id for a, _ in matrix.rows] == ["zeta", "alpha"]
    assert [[c.driver.id for c in row] for _, row in matrix.rows] == [["value", "eco", "need"]] * 2
    assert [row[2].colours for _, row in matrix.rows] == [("green",), ("red",)]  # each row its own area's


def test_value_types_compare_by_value_and_rules_keep_their_kind() -> None:
    from decimal import Decimal

    from veikart_cli.model.types import AmountRule, Band, Text
    from veikart_cli.problems import Location

    assert Location("a.yaml", 1, 2) == Location("a.yaml", 1, 2) != Location("a.yaml", 1, 3)
    assert hash(Location("a.yaml", 1, 2)) == hash(Location("a.yaml", 1, 2))
    band = Band("red", Decimal(1), Text.of("x"), Location("f"))
    assert band == Band(*band) and hash(band) == hash(Band(*band))
    with pytest.raises(TypeError):
        AmountRule("NOK", (), (), kind="level")  # type: ignore[call-arg]
    assert AmountRule("NOK", (), ()).kind == "amount"
