"""Several colours → one: an area's overall colour, or a composite driver's colour. Pure.

Works on ranks (0 = the best colour). Every combination is monotone: a better input never
makes the result worse. Uncertain inputs (a cell that may be either of two colours) are
followed honestly: the result is every colour some choice of the inputs gives.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import NamedTuple

from veikart_cli.model.types import Combination

ENUMERATION_LIMIT = 4096  # more choices than this: the result spans all-best to all-worst


class Input(NamedTuple):
    id: str  # a driver or part id
    ranks: tuple[int, ...]  # the ranks it may have, best first; one unless uncertain


class Outcome(NamedTuple):
    ranks: tuple[int, ...]  # every rank the result can take, best first
    deciding: tuple[str, ...]  # inputs that set the result (with each input at its best rank)
    vetoed: tuple[str, ...]  # inputs whose veto capped it
    lifts: tuple[str, ...]  # inputs of which one step better alone would lift the result
    support: Decimal | None = None  # weighted: share of weight at the result's colour or better
    needed: Decimal | None = None  # weighted: the share more the next better colour needs


def decide(combination: Combination, ids: Sequence[str], ranks: Sequence[int], rank_of: Callable[[str], int]) -> int:
    """The combined rank of inputs with these ranks, veto included."""
    result = _unvetoed(combination, ids, ranks)
    for veto in combination.vetoes:
        if veto.input in ids and ranks[ids.index(veto.input)] >= rank_of(veto.at):
            result = max(result, rank_of(veto.caps))
    return result


def _unvetoed(combination: Combination, ids: Sequence[str], ranks: Sequence[int]) -> int:
    method = combination.method
    if method == "worst":
        return max(ranks)
    if method == "best":
        return min(ranks)
    if method == "mean-of-worst":
        worst = worst_inputs(combination, ranks)
        mean, rest = divmod(sum(ranks[i] for i in worst), len(worst))
        return mean + 1 if rest and combination.rounding == "worse" else mean
    if method == "majority":
        counts: dict[int, int] = {}
        for rank in ranks:
            counts[rank] = counts.get(rank, 0) + 1
        most = max(counts.values())
        return max(rank for rank, count in counts.items() if count == most)  # a tie goes to the worse
    weights = [combination.weight(i) for i in ids]
    total = sum(weights, Decimal(0))
    if total == 0:
        return max(ranks)
    for rank in sorted(set(ranks)):
        if support_at(ranks, weights, rank) >= combination.majority * total:
            return rank
    return max(ranks)


def worst_inputs(combination: Combination, ranks: Sequence[int]) -> list[int]:
    """mean-of-worst: the indices of the k worst inputs; of inputs at the same colour, the first."""
    k = min(max(combination.worst, 1), len(ranks))
    return sorted(range(len(ranks)), key=lambda i: -ranks[i])[:k]


def support_at(ranks: Sequence[int], weights: Sequence[Decimal], rank: int) -> Decimal:
    """The weight of inputs at this rank or better."""
    return sum((w for r, w in zip(ranks, weights, strict=True) if r <= rank), Decimal(0))


def combine(combination: Combination, inputs: Sequence[Input], rank_of: Callable[[str], int]) -> Outcome:
    ids = [i.id for i in inputs]
    choices = 1
    for item in inputs:
        choices *= len(item.ranks)
    if choices <= ENUMERATION_LIMIT:
        results = {decide(combination, ids, pick, rank_of) for pick in itertools.product(*(i.ranks for i in inputs))}
    else:  # monotone: the all-best and all-worst choices bound every other
        low = decide(combination, ids, [i.ranks[0] for i in inputs], rank_of)
        high = decide(combination, ids, [i.ranks[-1] for i in inputs], rank_of)
        results = set(range(low, high + 1))
    best = [i.ranks[0] for i in inputs]
    return explain(combination, ids, best, rank_of)._replace(ranks=tuple(sorted(results)))


def explain(combination: Combination, ids: list[str], ranks: list[int], rank_of: Callable[[str], int]) -> Outcome:
    """Why these (certain) ranks combine as they do, and what would lift the result."""
    result = decide(combination, ids, ranks, rank_of)
    free = _unvetoed(combination, ids, ranks)
    vetoed = tuple(
        v.input
        for v in combination.vetoes
        if v.input in ids and ranks[ids.index(v.input)] >= rank_of(v.at) and rank_of(v.caps) > free
    )
    if combination.method == "weighted":
        deciding = tuple(i for i, r in zip(ids, ranks, strict=True) if r <= free)
    elif combination.method == "mean-of-worst":
        deciding = tuple(ids[i] for i in sorted(worst_inputs(combination, ranks)))
    else:
        deciding = tuple(i for i, r in zip(ids, ranks, strict=True) if r == free)
    lifts = []
    for index, rank in enumerate(ranks):
        if rank > 0:
            better = list(ranks)
            better[index] = rank - 1
            if decide(combination, ids, better, rank_of) < result:
                lifts.append(ids[index])
    support = needed = None
    if combination.method == "weighted":
        weights = [combination.weight(i) for i in ids]
        total = sum(weights, Decimal(0))
        if total:
            support = support_at(ranks, weights, free) / total
            if free > 0:
                needed = max(Decimal(0), combination.majority - support_at(ranks, weights, free - 1) / total)
    return Outcome((result,), vetoed or deciding, vetoed, tuple(lifts), support, needed)
