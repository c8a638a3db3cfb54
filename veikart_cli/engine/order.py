"""The order of areas in a matrix: declared, else as found; scoring and ranking both use it. Pure."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from veikart_cli.model.evidence import Area
from veikart_cli.model.types import Framework

KEYS = ("id", "name", "section")  # an order (or a tie-break) by one of these, then by id


def section_key(section: str) -> tuple[tuple[int, int | str], ...]:
    """'4.3.10' after '4.3.9'; anything not numeric sorts by its text."""
    return tuple((0, int(p)) if p.isascii() and p.isdigit() else (1, p) for p in section.split("."))  # not "³"


def name_key(area: Area, lang: str) -> str:
    return area.name.get(lang).casefold()


def area_key(by: str, lang: str) -> Callable[[Area], tuple[object, ...]]:
    """Areas by name (in `lang`, without case), id or section, then id; else as they are (a stable sort)."""
    if by == "name":
        return lambda a: (name_key(a, lang), a.id)
    if by == "section":
        return lambda a: (section_key(a.section), a.id)
    return lambda a: (a.id,) if by == "id" else ()


def ordered(framework: Framework, areas: Iterable[Area]) -> tuple[Area, ...]:
    """The areas in the framework's declared `order`: `id`, `name` (in its first language), `section`,
    or a list of ids (the rest after them by section, then id); without one, as found (by file path)."""
    order = framework.order
    if not order:
        return tuple(areas)
    if len(order) == 1 and order[0] in KEYS:
        return tuple(sorted(areas, key=area_key(order[0], framework.languages[0])))
    place = {area_id: i for i, area_id in enumerate(order)}
    return tuple(sorted(areas, key=lambda a: (place.get(a.id, len(place)), section_key(a.section), a.id)))
