"""The order of areas in a matrix: declared, else by section, else by id. Pure.

Its own module so that scoring (which orders the rows) and ranking (which reorders a
scored matrix) both stand on it rather than on each other."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from veikart_cli.model.evidence import Area
from veikart_cli.model.types import Framework


def section_key(section: str) -> tuple[tuple[int, int | str], ...]:
    """'4.3.10' after '4.3.9'; anything not numeric sorts by its text."""
    return tuple((0, int(p)) if p.isascii() and p.isdigit() else (1, p) for p in section.split("."))  # not "³"


def name_key(area: Area, lang: str) -> str:
    """An area's name in `lang` (the framework's first language when the order is declared),
    compared without case."""
    return area.name.get(lang).casefold()


def ordered(framework: Framework, areas: Iterable[Area]) -> tuple[Area, ...]:
    """The areas in the framework's declared `order`: a list of ids (the rest after them, by
    section, then id), or `section`, `id` or `name` (in the framework's first language, then
    id). Without one, as found (by file path)."""
    order = framework.order
    if not order:
        return tuple(areas)
    if order == ("id",):
        return tuple(sorted(areas, key=lambda a: a.id))
    if order == ("name",):
        lang = framework.languages[0]
        return tuple(sorted(areas, key=lambda a: (name_key(a, lang), a.id)))
    place = {area_id: i for i, area_id in enumerate(order) if order != ("section",)}
    last = len(place)
    return tuple(sorted(areas, key=lambda a: (place.get(a.id, last), section_key(a.section), a.id)))


def tie_key(framework: Framework, lang: str) -> Callable[[Area], tuple[object, ...]]:
    """What `--sort` falls back on when two areas rank the same, as the framework's `ties`
    declares: `order` (the default: the matrix's order, as the sort is stable), `name` (in the
    output language), `id` or `section`; each then by id, so no two areas tie."""
    ties = framework.ties or "order"
    if ties == "name":
        return lambda a: (name_key(a, lang), a.id)
    if ties == "id":
        return lambda a: (a.id,)
    if ties == "section":
        return lambda a: (section_key(a.section), a.id)
    return lambda a: ()
