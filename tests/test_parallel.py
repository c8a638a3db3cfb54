"""Reading areas in worker processes gives exactly what reading them here gives."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT

from veikart_cli.app import parallel
from veikart_cli.app.dataset import find_inputs, load_dataset
from veikart_cli.problems import Problems


def load(root: Path, jobs: int) -> tuple[object, list[str]]:
    problems = Problems()
    dataset = load_dataset(find_inputs([root], problems), root, problems, jobs=jobs)
    return dataset, [str(p) for p in problems.items]  # in the order found, not sorted


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux only")
def test_workers_give_the_same_areas_and_problems_in_the_same_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(ROOT / "criteria", tmp_path / "criteria")
    shutil.copytree(ROOT / "areas", tmp_path / "areas")
    for broken in sorted(FIXTURES.glob("invalid/*/areas/*.yaml")):  # valid and broken files mixed
        shutil.copy(broken, tmp_path / "areas" / f"{broken.parent.parent.name}-{broken.name}")
    monkeypatch.setattr(parallel, "CHUNK", 4)  # many chunks, so their order matters

    here, problems_here = load(tmp_path, jobs=1)
    there, problems_there = load(tmp_path, jobs=2)

    assert problems_here and len(here.areas) >= 7  # type: ignore[attr-defined]
    assert there == here
    assert problems_there == problems_here


def test_small_data_sets_are_read_in_this_process() -> None:
    assert parallel.workers(7) == 1
    assert parallel.workers(2 * parallel.PER_WORKER - 1) == 1
