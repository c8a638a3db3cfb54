"""What-if: the data set with pieces of evidence replaced. Pure: typed changes in, a data set out.

Reading `AREA.DRIVER=VALUE` from the command line into a Change is app/whatif.py's work.
"""

from __future__ import annotations

from typing import NamedTuple

from veikart_cli.model.evidence import Area, ChecklistEvidence, CompositeEvidence, DataSet, TargetEvidence, Value
from veikart_cli.model.types import Driver


class Change(NamedTuple):
    """New evidence for one cell. For a checklist, only the elements given change; for a
    composite driver, only the parts given."""

    area: Area
    driver: Driver
    value: Value


def apply(dataset: DataSet, change: Change) -> DataSet:
    """The data set with the change's evidence in place and any override on that cell set aside."""
    area = next(a for a in dataset.areas if a.id == change.area.id)
    old = area.evidence_for(change.driver.id)
    assert old is not None  # validated data has evidence for every driver
    value = change.value
    if isinstance(value, ChecklistEvidence) and isinstance(old.value, ChecklistEvidence):
        given = {item.element: item for item in value.items}
        value = ChecklistEvidence(tuple(given.get(item.element, item) for item in old.value.items))
    if isinstance(value, CompositeEvidence) and isinstance(old.value, CompositeEvidence):
        parts = dict(value.parts)  # only the parts given change
        merged = []
        for name, part in old.value.parts:
            new = parts.get(name, part)
            if isinstance(new, TargetEvidence) and new.target is None and isinstance(part, TargetEvidence):
                new = new._replace(target=part.target, target_text=part.target_text)
            merged.append((name, new))
        value = CompositeEvidence(tuple(merged))
    value = keep_target(value, old.value)
    evidence = old._replace(value=value, override=None, state=None)
    changed = area._replace(evidence=tuple(evidence if e is old else e for e in area.evidence))
    return dataset._replace(areas=tuple(changed if a is area else a for a in dataset.areas))


def keep_target(value: Value, old: Value | None) -> Value:
    """A new value for a target rule, given without a target, keeps the area's own."""
    if isinstance(value, TargetEvidence) and value.target is None and isinstance(old, TargetEvidence):
        return value._replace(target=old.target, target_text=old.target_text)
    return value


def what_if(dataset: DataSet, changes: list[Change]) -> DataSet:
    """Apply each change in turn."""
    for change in changes:
        dataset = apply(dataset, change)
    return dataset
