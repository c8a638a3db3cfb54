"""`score --set` that cannot be applied: a usage error (exit 2) that names what was wrong."""

from __future__ import annotations

import pytest
from conftest import FIXTURES, Run

METHOD = str(FIXTURES / "method")


@pytest.mark.parametrize(
    "setting, message",
    [
        ("b.modenhet.trl=nonsense", "'nonsense' for b.modenhet.trl: unknown level 'nonsense'"),
        ("b.utslipp.trl=hoy", "utslipp has no part 'trl'; utslipp has no parts"),  # a part of a driver that has none
        ("b.nope.trl=hoy", "has no driver 'nope.trl'"),
        ("b.modenhet.nope=hoy", "modenhet has no part 'nope'"),
        ("nope.modenhet=hoy", "no area 'nope'"),
    ],
)
def test_a_setting_that_cannot_apply_is_a_usage_error(run: Run, setting: str, message: str) -> None:
    result = run("score", METHOD, "--set", setting)
    assert result.exit_code == 2 and message in result.stderr and result.stdout == ""


def test_a_part_of_a_composite_driver_can_be_set(run: Run) -> None:
    before = run("score", METHOD, "-f", "csv")
    after = run("score", METHOD, "-f", "csv", "--set", "a.modenhet.trl=lav")  # worst of the parts
    assert before.exit_code == after.exit_code == 0, after.stderr
    assert "a,A,modenhet,Modenhet,gul," in before.stdout
    assert "a,A,modenhet,Modenhet,rod," in after.stdout
