"""The order of areas in a matrix: declared, else by section, else by id. Pure.

Its own module so that scoring (which orders the rows) and ranking (which reorders a
scored matrix) both stand on it rather than on each other."""

from __future__ import annotations

from collections.abc import Iterable

from veikart_cli.model.types import Area, Framework


def section_key(section: str) -> tuple[tuple[int, int | str], ...]:
    """'4.3.10' after '4.3.9'; anything not numeric sorts by its text."""
    return tuple((0, int(p)) if p.isascii() and p.isdigit() else (1, p) for p in section.split("."))  # not "³"


def ordered(framework: Framework, areas: Iterable[Area]) -> tuple[Area, ...]:
    """The areas in the framework's declared `order`: a list of ids (the rest after them, by
    section, then id), or `section` or `id`. Without one, as found (by file path)."""
    order = framework.order
    if not order:
        return tuple(areas)
    if order == ("id",):
        return tuple(sorted(areas, key=lambda a: a.id))
    place = {area_id: i for i, area_id in enumerate(order) if order != ("section",)}
    last = len(place)
    return tuple(sorted(areas, key=lambda a: (place.get(a.id, last), section_key(a.section), a.id)))
