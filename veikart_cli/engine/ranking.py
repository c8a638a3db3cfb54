"""The order of areas: declared, else by section, else by id; and ranking by a colour. Pure."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from veikart_cli.model.types import Area, Framework

if TYPE_CHECKING:
    from veikart_cli.engine.scoring import Matrix


def section_key(section: str) -> tuple[tuple[int, int | str], ...]:
    """'4.3.10' after '4.3.9'; anything not numeric sorts by its text."""
    return tuple((0, int(p)) if p.isascii() and p.isdigit() else (1, p) for p in section.split("."))  # not "³"


def ordered(framework: Framework, areas: Iterable[Area]) -> tuple[Area, ...]:
    """The areas in the framework's declared `order`: a list of ids (the rest after them, by
    section, then id), or `section` or `id`. Without one, as found (by file path), as always."""
    order = framework.order
    if not order:
        return tuple(areas)
    if order == ("id",):
        return tuple(sorted(areas, key=lambda a: a.id))
    place = {area_id: i for i, area_id in enumerate(order) if order != ("section",)}
    last = len(place)
    return tuple(sorted(areas, key=lambda a: (place.get(a.id, last), section_key(a.section), a.id)))


class UnknownSort(ValueError):
    pass


def sort_keys(framework: Framework) -> tuple[str, ...]:
    return ("overall", "name", *(d.id for d in framework.drivers))


def ranked(matrix: Matrix, by: str, lang: str) -> Matrix:
    """The matrix with its rows ranked best first by the overall, a driver or the name; ties
    keep the declared order (the sort is stable)."""
    framework = matrix.framework
    rank = framework.rank
    indices = list(range(len(matrix.rows)))
    if by == "name":
        indices.sort(key=lambda i: matrix.rows[i][0].name.get(lang).casefold())
    elif by == "overall":
        if not matrix.overalls:
            raise UnknownSort("the framework declares no 'overall', so areas cannot be ranked by it")
        indices.sort(key=lambda i: colour_key(tuple(rank(c) for c in matrix.overalls[i].colours)))
    else:
        column = next((j for j, d in enumerate(framework.drivers) if d.id == by), None)
        if column is None:
            raise UnknownSort(
                f"cannot sort by '{by}': use overall, name or a driver id ({', '.join(sort_keys(framework)[2:])})"
            )
        indices.sort(key=lambda i: colour_key(tuple(rank(c) for c in matrix.rows[i][1][column].colours)))
    rows = tuple(matrix.rows[i] for i in indices)
    overalls = tuple(matrix.overalls[i] for i in indices) if matrix.overalls else ()
    return matrix._replace(rows=rows, overalls=overalls)


def colour_key(ranks: tuple[int, ...]) -> tuple[int, int]:
    """Best colour first; an uncertain cell after a certain one at its best colour."""
    return (min(ranks), max(ranks)) if ranks else (1 << 30, 1 << 30)
