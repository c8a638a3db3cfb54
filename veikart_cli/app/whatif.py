"""`--set AREA.DRIVER=VALUE` read into typed changes for engine/whatif.py. VALUE is written as in an
area file (`1,5 mrd`, `[prioritert, fokus]`; a checklist's changed elements: `{kapital: present}`)."""

from __future__ import annotations

from veikart_cli.engine.whatif import Change, fold, index, names
from veikart_cli.model.areas import read_checklist, read_rule_value, read_value
from veikart_cli.model.evidence import Area, ChecklistEvidence, CompositeEvidence, DataSet, Value
from veikart_cli.model.reading import Reader, suggest
from veikart_cli.model.types import ChecklistRule, CompositeRule, Driver, Part
from veikart_cli.problems import Problems
from veikart_cli.syntax.nodes import Mapping, parse_text


class WhatIfError(ValueError):
    pass


def parse_change(dataset: DataSet, setting: str) -> Change:
    """`AREA.DRIVER=VALUE` (or AREA.DRIVER.PART=VALUE). Names may hold dots: each split where both sides
    could be a name is tried, by dictionary look-up."""
    target, equals, text = setting.partition("=")
    if not equals or not text.strip():
        raise WhatIfError(f"'{setting}': expected AREA.DRIVER=VALUE")
    areas, drivers = index(dataset.areas), index(dataset.framework.drivers)
    longest_area, longest_driver = _longest(areas), _longest(drivers)
    for dot in (at for at, char in enumerate(target[: longest_area + 1]) if char == "."):
        area, rest = areas.get(fold(target[:dot])), target[dot + 1 :]
        if area is None or len(rest) > 2 * longest_driver:
            continue
        found = drivers.get(fold(rest)) if len(rest) <= longest_driver else None
        driver, part = (found, None) if found is not None else part_of(drivers, rest)
        if driver is not None:
            where = ".".join([area.id, driver.id, *([part.id] if part else [])])
            return Change(area, driver, _whole(area, driver, _value(text, where, driver, part), where))
    raise _no_match(target, dataset)


def _whole(area: Area, driver: Driver, value: Value, where: str) -> Value:
    """A value that changes only some parts or elements needs one to change: not a state's or an override's."""
    rule = driver.rule
    if isinstance(value, CompositeEvidence) and isinstance(rule, CompositeRule):
        some = len(value.parts) < len(rule.parts)
    elif isinstance(value, ChecklistEvidence) and isinstance(rule, ChecklistRule):
        some = len(value.items) < len(rule.elements)
    else:
        some = False
    if some and next((e.value for e in area.evidence if e.driver == driver.id), None) is None:
        raise WhatIfError(
            f"'{where}': {area.id} gives no value for {driver.id} (a state, or a colour set by judgement) to change "
            f"a part of; give the whole value: {area.id}.{driver.id}={{...}}"
        )
    return value


def _no_match(target: str, dataset: DataSet) -> WhatIfError:
    """What did not match, with the names closest to what was typed."""
    typed_area, _, typed_driver = target.partition(".")
    area = index(dataset.areas).get(fold(typed_area))
    if area is None:
        known = [name for item in dataset.areas for name in names(item)]
        return WhatIfError(f"'{target}': no area '{typed_area}'; {suggest(typed_area, known)}")
    drivers = dataset.framework.drivers
    name, _, typed_part = typed_driver.rpartition(".")
    driver = index(drivers).get(fold(name))
    if driver is not None:  # DRIVER.PART, and the part is unknown
        parts = tuple(part.id for part in driver.rule.parts) if isinstance(driver.rule, CompositeRule) else ()
        hint = suggest(typed_part, parts) if parts else f"{driver.id} has no parts"
        return WhatIfError(f"'{target}': {driver.id} has no part '{typed_part}'; {hint}")
    known = [name for item in drivers for name in names(item)]
    return WhatIfError(f"'{target}': {area.id} has no driver '{typed_driver}'; {suggest(typed_driver, known)}")


def _longest(index: dict[str, Area] | dict[str, Driver]) -> int:
    """An upper bound on a name's length as typed: no character folds into more than four."""
    return 4 * max((len(name) for name in index), default=0) + 8


def part_of(drivers: dict[str, Driver], text: str) -> tuple[Driver | None, Part | None]:
    """`DRIVER.PART` of a composite driver, or (None, None)."""
    name, _, part_id = text.rpartition(".")
    driver = drivers.get(fold(name))
    part = driver.rule.part(part_id) if driver is not None and isinstance(driver.rule, CompositeRule) else None
    return (driver, part) if part is not None else (None, None)


def _value(text: str, where: str, driver: Driver, part: Part | None) -> Value:
    """VALUE read as in an area file: a part's, or the driver's (a checklist's may name only the elements that
    change); every problem with it is one WhatIfError."""
    problems = Problems()
    node = parse_text(text.strip(), "--set", problems)
    reader = Reader(problems)
    value: Value | None = None
    if node is not None and part is not None:
        read = read_rule_value(reader, node, driver, part.rule)
        value = CompositeEvidence(((part.id, read),)) if read is not None else None
    elif isinstance(driver.rule, ChecklistRule) and isinstance(node, Mapping):
        value = read_checklist(reader, node, driver, driver.rule, partial=True)
    elif node is not None:
        value = read_value(reader, node, driver)
    if problems.has_errors or value is None:
        detail = "; ".join(p.message + (f" ({p.hint})" if p.hint else "") for p in problems.sorted())
        raise WhatIfError(f"'{text.strip()}' for {where}: {detail or 'not a value'}")
    return value
