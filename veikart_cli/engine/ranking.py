"""Ranking a scored matrix's rows by their overall colour, a driver's colour or their name. Pure."""

from __future__ import annotations

from veikart_cli.engine.scoring import Matrix
from veikart_cli.model.types import Framework


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
