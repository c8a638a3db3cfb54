"""`--set AREA.DRIVER=VALUE` read into typed changes for engine/whatif.py.

VALUE is written as in an area file: `1,5 mrd`, `prioritert`, `[prioritert, fokus]`, or for
a checklist the elements that change, `{kapital: present}`. Nothing is written to disk.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from veikart_cli.engine.lookup import NotFound, find, fold, index, names
from veikart_cli.engine.whatif import Change
from veikart_cli.model.areas import read_checklist, read_rule_value, read_value
from veikart_cli.model.evidence import Area, CompositeEvidence, DataSet, Value
from veikart_cli.model.reading import Reader, suggest
from veikart_cli.model.types import ChecklistRule, CompositeRule, Driver, Part
from veikart_cli.problems import Problems
from veikart_cli.syntax.nodes import Mapping, parse_text

N = TypeVar("N", Area, Driver)


class WhatIfError(ValueError):
    pass


def parse_change(dataset: DataSet, setting: str) -> Change:
    """`AREA.DRIVER=VALUE`; AREA and DRIVER match ids, names or aliases.

    Names may hold dots, so each split is tried, but only where both sides could be a name
    (no longer than the longest) and by dictionary look-up: linear in the setting's length,
    where a lookup per dot was quadratic."""
    target, equals, text = setting.partition("=")
    if not equals or not text.strip():
        raise WhatIfError(f"'{setting}': expected AREA.DRIVER=VALUE")
    areas, drivers = _index(dataset.areas), _index(dataset.framework.drivers)
    longest_area, longest_driver = _longest(areas), _longest(drivers)
    for dot, ch in enumerate(target):
        if ch != ".":
            continue
        if dot > longest_area:
            break
        area = areas.get(fold(target[:dot]))
        if area is None:
            continue
        rest = target[dot + 1 :]
        driver = drivers.get(fold(rest)) if len(rest) <= longest_driver else None
        if driver is None:
            found = part_of(dataset, rest) if len(rest) <= 2 * longest_driver else None  # DRIVER.PART
            if found is None:
                continue
            driver, part = found
            return Change(area, driver, read_part_setting(area.id, driver, part, text.strip()))
        return Change(area, driver, read_setting(area.id, driver.id, dataset, text.strip()))
    raise _no_match(target, dataset)


def _no_match(target: str, dataset: DataSet) -> WhatIfError:
    """What did not match, with the names closest to what was typed."""
    typed_area, _, typed_driver = target.partition(".")
    try:
        area = find(dataset.areas, typed_area)
    except NotFound:
        known = [name for item in dataset.areas for name in names(item)]
        return WhatIfError(f"'{target}': no area '{typed_area}'; {suggest(typed_area, known)}")
    drivers = dataset.framework.drivers
    name, dot, typed_part = typed_driver.rpartition(".")
    try:
        driver = find(drivers, name) if dot else None
    except NotFound:
        driver = None
    if driver is not None:  # DRIVER.PART, and the part is unknown
        parts = tuple(part.id for part in driver.rule.parts) if isinstance(driver.rule, CompositeRule) else ()
        hint = suggest(typed_part, parts) if parts else f"{driver.id} has no parts"
        return WhatIfError(f"'{target}': {driver.id} has no part '{typed_part}'; {hint}")
    known = [name for item in drivers for name in names(item)]
    return WhatIfError(f"'{target}': {area.id} has no driver '{typed_driver}'; {suggest(typed_driver, known)}")


def _index(items: Sequence[N]) -> dict[str, N]:
    return index(items)


def _longest(index: dict[str, Area] | dict[str, Driver]) -> int:
    """An upper bound on a name's length as typed: case folding never shortens (ß → ss), and
    a text typed decomposed is at most four times its NFC form (no character decomposes into
    more than four: U+1FAF; Hangul three), so four times the folded length plus a margin is safe."""
    return 4 * max((len(name) for name in index), default=0) + 8


def read_setting(area_id: str, driver_id: str, dataset: DataSet, text: str) -> Value:
    """VALUE typed by the driver's rule; a checklist may name only the elements that change."""
    driver = next(d for d in dataset.framework.drivers if d.id == driver_id)
    problems = Problems()
    reader = Reader(problems)
    node = parse_text(text, "--set", problems)
    value: Value | None = None
    if node is not None and isinstance(driver.rule, ChecklistRule) and isinstance(node, Mapping):
        value = read_checklist(reader, node, driver, driver.rule, partial=True)
    elif node is not None:
        value = read_value(reader, node, driver)
    if problems.has_errors or value is None:
        detail = "; ".join(p.message + (f" ({p.hint})" if p.hint else "") for p in problems.sorted())
        raise WhatIfError(f"'{text}' for {area_id}.{driver_id}: {detail or 'not a value'}")
    return value


def parse_changes(dataset: DataSet, settings: list[str]) -> list[Change]:
    return [parse_change(dataset, setting) for setting in settings]


def part_of(dataset: DataSet, text: str) -> tuple[Driver, Part] | None:
    """`DRIVER.PART` of a composite driver, or None."""
    name, dot, part_id = text.rpartition(".")
    if not dot:
        return None
    try:
        driver = find(dataset.framework.drivers, name)
    except NotFound:
        return None
    rule = driver.rule
    part = rule.part(part_id) if isinstance(rule, CompositeRule) else None
    return (driver, part) if part is not None else None


def read_part_setting(area_id: str, driver: Driver, part: Part, text: str) -> Value:
    """One part's value, written as in an area file: the amount, the level or the elements."""
    problems = Problems()
    reader = Reader(problems)
    node = parse_text(text, "--set", problems)
    value = read_rule_value(reader, node, driver, part.rule) if node is not None else None
    if problems.has_errors or value is None:
        detail = "; ".join(p.message + (f" ({p.hint})" if p.hint else "") for p in problems.sorted())
        raise WhatIfError(f"'{text}' for {area_id}.{driver.id}.{part.id}: {detail or 'not a value'}")
    return CompositeEvidence(((part.id, value),))
