"""What-if: the data set with pieces of evidence replaced. Pure: typed changes (read from the
command line by app/whatif.py) in, a data set out."""

from __future__ import annotations

from typing import NamedTuple, TypeVar

from veikart_cli.model.evidence import (
    Area,
    ChecklistEvidence,
    CompositeEvidence,
    DataSet,
    PartValue,
    TargetEvidence,
    Value,
)
from veikart_cli.model.types import Driver

Given = TypeVar("Given", Value, PartValue)


class Change(NamedTuple):
    """New evidence for one cell; of a checklist or a composite driver, only the elements or parts given change."""

    area: Area
    driver: Driver
    value: Value


def what_if(dataset: DataSet, changes: list[Change]) -> DataSet:
    """Apply each change in turn, setting aside any override or state on the cells changed."""
    for change in changes:
        area = next(a for a in dataset.areas if a.id == change.area.id)
        old = area.evidence_for(change.driver.id)
        assert old is not None  # validated data has evidence for every driver
        evidence = old._replace(value=merged(change.value, old.value), override=None, state=None)
        changed = area._replace(evidence=tuple(evidence if e is old else e for e in area.evidence))
        dataset = dataset._replace(areas=tuple(changed if a is area else a for a in dataset.areas))
    return dataset


def merged(value: Value, old: Value | None) -> Value:
    """The new value over the old one: only the checklist elements or composite parts given change."""
    if isinstance(value, ChecklistEvidence) and isinstance(old, ChecklistEvidence):
        given = {item.element: item for item in value.items}
        return ChecklistEvidence(tuple(given.get(item.element, item) for item in old.items))
    if isinstance(value, CompositeEvidence) and isinstance(old, CompositeEvidence):
        parts = dict(value.parts)
        return CompositeEvidence(tuple((name, keep_target(parts.get(name, part), part)) for name, part in old.parts))
    return keep_target(value, old)


def keep_target(value: Given, old: object) -> Given:
    """A new value for a target rule, given without a target, keeps the area's own."""
    if isinstance(value, TargetEvidence) and value.target is None and isinstance(old, TargetEvidence):
        return value._replace(target=old.target, target_text=old.target_text)
    return value
