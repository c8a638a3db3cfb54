"""A matrix's rows ranked best first by the overall, a driver or the name."""

from __future__ import annotations

from veikart_cli.engine.scoring import Matrix, area_key, name_key

NOTHING = (1 << 30, 1 << 30)  # a cell or overall with no colour and no state ranks last


class UnknownSort(ValueError):
    pass


def ranked(matrix: Matrix, by: str, lang: str) -> Matrix:
    """The rows ranked best first by the overall, a driver or the name (green, green/yellow, yellow, a state,
    nothing); ties broken as the framework's `ties` declares, by default in the matrix's order."""
    framework, rows = matrix.framework, matrix.rows
    ties = area_key(framework.ties, lang)
    indices = sorted(range(len(rows)), key=lambda i: ties(rows[i][0]))
    if by == "name":
        return reordered(matrix, sorted(indices, key=lambda i: name_key(rows[i][0], lang)))
    drivers = [d.id for d in framework.drivers]
    if by == "overall":
        if not matrix.overalls:
            raise UnknownSort("the framework declares no 'overall', so areas cannot be ranked by it")
        shown = [o.colours for o in matrix.overalls]
    elif by in drivers:
        column = drivers.index(by)
        shown = [cells[column].colours for _, cells in rows]
    else:
        raise UnknownSort(f"cannot sort by '{by}': use overall, name or a driver id ({', '.join(drivers)})")
    ranks = [[framework.rank(c) for c in colours] for colours in shown]
    best_first = sorted(indices, key=lambda i: (min(ranks[i]), max(ranks[i])) if ranks[i] else NOTHING)
    return reordered(matrix, best_first)


def reordered(matrix: Matrix, indices: list[int]) -> Matrix:
    rows = tuple(matrix.rows[i] for i in indices)
    return matrix._replace(rows=rows, overalls=tuple(matrix.overalls[i] for i in indices) if matrix.overalls else ())
