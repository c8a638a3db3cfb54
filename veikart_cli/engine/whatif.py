"""What-if: the data set with one piece of evidence replaced, from `AREA.DRIVER=VALUE`.

VALUE is written as in an area file: `1,5 mrd`, `prioritert`, `[prioritert, fokus]`, or for
a checklist the elements that change, `{kapital: present}`. Nothing is written to disk.
"""

from __future__ import annotations

from typing import NamedTuple

from veikart_cli.engine.lookup import NotFound, find
from veikart_cli.engine.scoring import Assessment, Matrix
from veikart_cli.model.areas import read_value
from veikart_cli.model.reading import Reader
from veikart_cli.model.types import Area, ChecklistEvidence, ChecklistRule, DataSet, Driver
from veikart_cli.problems import Problems
from veikart_cli.syntax.nodes import Mapping, Scalar, parse_text


class WhatIfError(ValueError):
    pass


class Setting(NamedTuple):
    area: Area
    driver: Driver
    text: str


def parse_setting(dataset: DataSet, setting: str) -> Setting:
    """Split `AREA.DRIVER=VALUE`; AREA and DRIVER match ids, names or aliases."""
    target, equals, value = setting.partition("=")
    if not equals or not value.strip():
        raise WhatIfError(f"'{setting}': expected AREA.DRIVER=VALUE")
    for dot in [i for i, ch in enumerate(target) if ch == "."]:  # names may hold dots: try each split
        try:
            area = find(dataset.areas, target[:dot])
            driver = find(dataset.framework.drivers, target[dot + 1 :])
        except NotFound:
            continue
        return Setting(area, driver, value.strip())
    raise WhatIfError(f"'{target}': no AREA.DRIVER matches; use ids as shown by `veikart score -f csv`")


def apply(dataset: DataSet, setting: Setting) -> DataSet:
    """The data set with the setting's evidence value replaced and any override set aside."""
    problems = Problems()
    node = parse_text(setting.text, "--set", problems)
    old = setting.area.evidence_for(setting.driver.id)
    assert old is not None  # validated data has evidence for every driver
    rule = setting.driver.rule
    if node is not None and isinstance(rule, ChecklistRule) and isinstance(node, Mapping):
        node = merge_checklist(node, old.value, setting)
    value = read_value(Reader(problems), node, setting.driver) if node is not None else None
    if problems.has_errors or value is None:
        detail = "; ".join(f"{p.message}" + (f" ({p.hint})" if p.hint else "") for p in problems.sorted())
        raise WhatIfError(f"'{setting.text}' for {setting.driver.id}: {detail or 'not a value'}")
    evidence = old._replace(value=value, override=None)
    area = setting.area._replace(evidence=tuple(evidence if e is old else e for e in setting.area.evidence))
    return dataset._replace(areas=tuple(area if a is setting.area else a for a in dataset.areas))


def merge_checklist(node: Mapping, old: object, setting: Setting) -> Mapping:
    """Elements not named keep their status: `{kapital: present}` changes one element."""
    rule = setting.driver.rule
    if not isinstance(old, ChecklistEvidence) or not isinstance(rule, ChecklistRule):
        return node
    given = {key.text for key, _ in node.items}
    names = {e.id: {e.id, *e.aliases} for e in rule.elements}
    kept = tuple(
        (Scalar(item.element, *node.loc, False), Scalar(item.status, *node.loc, False))
        for item in old.items
        if not names.get(item.element, {item.element}) & given
    )
    return Mapping(kept + node.items, *node.loc)


def moved(before: Matrix, after: Matrix) -> list[tuple[Assessment, Assessment]]:
    """Cells whose shown or computed colours differ, as (before, after)."""
    pairs = zip(before.cells(), after.cells())
    return [(b, a) for b, a in pairs if (b.colours, b.computed) != (a.colours, a.computed)]


def what_if(dataset: DataSet, settings: list[str]) -> DataSet:
    """Apply each `AREA.DRIVER=VALUE` in turn."""
    for text in settings:
        dataset = apply(dataset, parse_setting(dataset, text))
    return dataset
