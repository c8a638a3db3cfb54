"""An exact id always names its own area or driver, in `explain` and `--set`, whatever another
area's name or alias says; an alias that is another's id is an error (checks/validation.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT, Run

from veikart_cli.engine.whatif import find
from veikart_cli.model.types import Text

AREA = (FIXTURES / "invalid" / "look-alike-names" / "areas" / "area.yaml").read_text(encoding="utf-8")


def two_areas(tmp_path: Path, first_name: str, first_aliases: str = "[]") -> Path:
    """Area 'testomrade' (section 1.0, so listed first) named `first_name`, and area 'annet'."""
    areas = tmp_path / "areas"
    areas.mkdir()
    first = AREA.replace("name: Testområde\n", f"name: {first_name}\naliases: {first_aliases}\n", 1)
    (areas / "a.yaml").write_text(first.replace('section: "9.9"', 'section: "1.0"', 1), encoding="utf-8")
    second = AREA.replace("id: testomrade\n", "id: annet\n", 1).replace(
        "name: Testområde\n", "name: Et annet område\n", 1
    )
    (areas / "b.yaml").write_text(second, encoding="utf-8")
    return areas


def test_an_exact_id_wins_over_an_earlier_areas_name_in_explain(run: Run, tmp_path: Path) -> None:
    areas = two_areas(tmp_path, "Annet")
    result = run("explain", "ANNET", "--data", str(areas))  # ids match case-insensitively too
    assert result.exit_code == 0, result.output
    assert "Et annet område" in result.stdout and "Annet\n" not in result.stdout
    result = run("explain", "Annet", "--data", str(areas))
    assert "Et annet område" in result.stdout  # the id, though it is also the first area's name


def test_an_exact_id_wins_over_an_earlier_areas_name_in_set(run: Run, tmp_path: Path) -> None:
    areas = two_areas(tmp_path, "Annet")
    result = run("score", str(areas), "--set", "annet.terskel=tunge-initiativer", "-f", "csv")
    assert result.exit_code == 0, result.output
    assert "Et annet område" in result.stderr and "Annet:" not in result.stderr


def test_find_and_index_put_ids_before_names_and_aliases() -> None:
    from veikart_cli.app.dataset import find_inputs, load_dataset
    from veikart_cli.engine.whatif import index
    from veikart_cli.problems import Problems

    problems = Problems()
    dataset = load_dataset(find_inputs([ROOT], problems), ROOT, problems)
    assert dataset is not None
    first, second, *rest = dataset.areas
    first = first._replace(name=Text.of(second.id.upper()), aliases=(rest[0].id,))
    areas = (first, second, *rest)
    assert find(areas, second.id) is second and find(areas, rest[0].id) is rest[0]
    assert index(areas)[second.id] is second and index(areas)[rest[0].id] is rest[0]
    assert find(areas, first.id) is first and find(areas, "digital hjemme-oppfølgning") is areas[1]
    drivers = dataset.framework.drivers
    renamed = (drivers[0]._replace(aliases=(drivers[1].id,)), *drivers[1:])
    assert find(renamed, drivers[1].id) is renamed[1]


@pytest.mark.parametrize("case", ["alias-is-id", "driver-alias-is-id"])
def test_an_alias_that_is_another_id_is_an_error(run: Run, case: str) -> None:
    folder = FIXTURES / "invalid" / case
    result = run("validate", str(folder if (folder / "criteria").is_dir() else folder / "areas"))
    assert result.exit_code == 1 and "[alias-is-id]" in result.stderr
