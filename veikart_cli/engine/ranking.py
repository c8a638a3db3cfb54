"""Ranking a scored matrix's rows by their overall colour, a driver's colour or their name. Pure."""

from __future__ import annotations

from veikart_cli.engine.order import name_key, tie_key
from veikart_cli.engine.scoring import Matrix
from veikart_cli.model.types import Framework


class UnknownSort(ValueError):
    pass


def sort_keys(framework: Framework) -> tuple[str, ...]:
    return ("overall", "name", *(d.id for d in framework.drivers))


def ranked(matrix: Matrix, by: str, lang: str) -> Matrix:
    """The matrix with its rows ranked best first by the overall, a driver or the name.

    Colours rank by `colour_key`: a certain colour before an uncertain one at the same best
    colour, every colour before a state (in the framework's order of states), a cell or overall
    with nothing to show last. Ties are broken as the framework's `ties` declares (`tie_key`):
    by default they keep the matrix's order (the sort is stable)."""
    framework = matrix.framework
    rank = framework.rank
    ties = tie_key(framework, lang)
    indices = list(range(len(matrix.rows)))
    indices.sort(key=lambda i: ties(matrix.rows[i][0]))  # stable: the declared order among equals
    if by == "name":
        indices.sort(key=lambda i: name_key(matrix.rows[i][0], lang))
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
    """Best colour first; of two at the same best colour, the one whose worst is better first
    (green before green/yellow before green/red, and every one of them before yellow). A state
    ranks after every colour (Framework.rank), in the order the framework declares its states;
    nothing to show (no colour, no state) ranks last."""
    return (min(ranks), max(ranks)) if ranks else (1 << 30, 1 << 30)
