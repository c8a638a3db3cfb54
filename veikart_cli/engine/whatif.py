"""What a person asks of a data set, pure: an area or a driver found by what they type (id, name in any
language, or alias); what-if, the data set with pieces of evidence replaced by typed changes (app/whatif.py)."""

from __future__ import annotations

import difflib
import unicodedata
from collections import Counter
from collections.abc import Sequence
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

Named = TypeVar("Named", bound=Area | Driver)


class NotFound(LookupError):
    """Nothing goes by the name asked for."""


def names(item: Area | Driver) -> list[str]:
    return [item.id, *(text for _, text in item.name.values), *item.aliases]


def fold(text: str) -> str:
    """NFC and case folded: a query typed (or pasted) in decomposed form still matches."""
    return unicodedata.normalize("NFC", text.strip()).casefold()


def index(items: Sequence[Named]) -> dict[str, Named]:
    """Every folded id, name and alias → its item: an id always means its own; a shared name, the earlier.
    Last, an area's section where no other area has it ('4.3.2', as a report numbers its areas)."""
    found: dict[str, Named] = {fold(item.id): item for item in reversed(items)}  # the first of equal ids
    for item in items:
        for name in names(item)[1:]:
            found.setdefault(fold(name), item)
    sections = Counter(fold(item.section) for item in items if isinstance(item, Area))
    for item in items:
        if isinstance(item, Area) and item.section and sections[fold(item.section)] == 1:
            found.setdefault(fold(item.section), item)
    return found


def find(items: Sequence[Named], query: str) -> Named:
    """Case-insensitive exact match on id, then names and aliases; a near miss lists close names."""
    wanted = fold(query)
    known = index(items)
    if wanted in known:
        return known[wanted]
    every = {fold(n): n for item in items for n in names(item)}
    close = [n for n in every if wanted in n] or difflib.get_close_matches(wanted, list(every), n=3, cutoff=0.5)
    hint = " or ".join(f"'{c}'" for c in sorted({every[c] for c in close})[:4])
    raise NotFound(f"no match for '{query}'" + (f"; did you mean {hint}?" if hint else ""))


# -- what-if ---------------------------------------------------------------------------------------
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
