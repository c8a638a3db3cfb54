"""Several colours → one: an area's overall colour, or a composite driver's. Pure; on ranks (0 the
best). Every combination is monotone; uncertain inputs give every colour some choice of them gives."""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import NamedTuple

from veikart_cli.model.types import Combination, Veto

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


def combine(combination: Combination, inputs: Sequence[Input], rank_of: Callable[[str], int]) -> Outcome:
    ids = [i.id for i in inputs]
    if math.prod(len(i.ranks) for i in inputs) <= ENUMERATION_LIMIT:
        results = {decide(combination, ids, pick, rank_of) for pick in itertools.product(*(i.ranks for i in inputs))}
    else:  # monotone: the all-best and all-worst choices bound every other
        low = decide(combination, ids, [i.ranks[0] for i in inputs], rank_of)
        high = decide(combination, ids, [i.ranks[-1] for i in inputs], rank_of)
        results = set(range(low, high + 1))
    best = [i.ranks[0] for i in inputs]
    return explain(combination, ids, best, rank_of)._replace(ranks=tuple(sorted(results)))


def decide(combination: Combination, ids: Sequence[str], ranks: Sequence[int], rank_of: Callable[[str], int]) -> int:
    """The combined rank of inputs with these ranks, veto included."""
    caps = (rank_of(v.caps) for v in vetoing(combination, ids, ranks, rank_of))
    return max([unvetoed(combination, ids, ranks), *caps])


def vetoing(
    combination: Combination, ids: Sequence[str], ranks: Sequence[int], rank_of: Callable[[str], int]
) -> list[Veto]:
    """The vetoes whose input is at their colour or worse."""
    return [v for v in combination.vetoes if v.input in ids and ranks[ids.index(v.input)] >= rank_of(v.at)]


def unvetoed(combination: Combination, ids: Sequence[str], ranks: Sequence[int]) -> int:
    method = combination.method
    if method in ("worst", "best"):
        return max(ranks) if method == "worst" else min(ranks)
    if method == "mean-of-worst":
        worst = worst_inputs(combination, ranks)
        mean, rest = divmod(sum(ranks[i] for i in worst), len(worst))
        return mean + 1 if rest and combination.rounding == "worse" else mean
    if method == "majority":
        counts = Counter(ranks)
        most = max(counts.values())
        return max(rank for rank, count in counts.items() if count == most)  # a tie goes to the worse
    weights = [combination.weight(i) for i in ids]
    total = sum(weights, Decimal(0))
    reached = (r for r in sorted(set(ranks)) if support_at(ranks, weights, r) >= combination.majority * total)
    return next(reached, max(ranks)) if total else max(ranks)


def worst_inputs(combination: Combination, ranks: Sequence[int]) -> list[int]:
    """mean-of-worst: the indices of the k worst inputs; of inputs at the same colour, the first."""
    k = min(max(combination.worst, 1), len(ranks))
    return sorted(range(len(ranks)), key=lambda i: -ranks[i])[:k]


def support_at(ranks: Sequence[int], weights: Sequence[Decimal], rank: int) -> Decimal:
    """The weight of inputs at this rank or better."""
    return sum((w for r, w in zip(ranks, weights, strict=True) if r <= rank), Decimal(0))


def explain(combination: Combination, ids: list[str], ranks: list[int], rank_of: Callable[[str], int]) -> Outcome:
    """Why these (certain) ranks combine as they do, and what would lift the result."""
    result = decide(combination, ids, ranks, rank_of)
    free = unvetoed(combination, ids, ranks)
    vetoed = tuple(v.input for v in vetoing(combination, ids, ranks, rank_of) if rank_of(v.caps) > free)
    if combination.method == "weighted":
        deciding = tuple(i for i, r in zip(ids, ranks, strict=True) if r <= free)
    elif combination.method == "mean-of-worst":
        deciding = tuple(ids[i] for i in sorted(worst_inputs(combination, ranks)))
    else:
        deciding = tuple(i for i, r in zip(ids, ranks, strict=True) if r == free)
    lifts = tuple(
        ids[i]
        for i, rank in enumerate(ranks)
        if rank > 0 and decide(combination, ids, [*ranks[:i], rank - 1, *ranks[i + 1 :]], rank_of) < result
    )
    support = needed = None
    if combination.method == "weighted":
        weights = [combination.weight(i) for i in ids]
        total = sum(weights, Decimal(0))
        if total:
            support = support_at(ranks, weights, free) / total
            if free > 0:
                needed = max(Decimal(0), combination.majority - support_at(ranks, weights, free - 1) / total)
    return Outcome((result,), vetoed or deciding, vetoed, lifts, support, needed)
