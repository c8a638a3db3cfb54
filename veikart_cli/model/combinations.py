"""How colours combine: an area's overall colour, and a composite driver's from its parts."""

from __future__ import annotations

import re
from decimal import Decimal

from veikart_cli.model.reading import Reader, suggest
from veikart_cli.model.types import COMBINATIONS, ROUNDINGS, SKIP, TREND_COMBINATIONS, Combination, Veto, kept
from veikart_cli.syntax.nodes import Mapping, Node

_NUMBER = re.compile(r"^-?[0-9]{1,15}(?:[.,][0-9]{1,9})?$")
COUNT = re.compile(r"^[0-9]{1,9}$")
COMBINATION_KEYS = ("weights", "majority", "veto", "worst", "round", "states", "trend")
_ONLY_WITH = {"weights": "weighted", "majority": "weighted", "worst": "mean-of-worst", "round": "mean-of-worst"}


def read_combination(
    reader: Reader,
    node: Node | None,
    what: str,
    inputs: tuple[str, ...],
    colours: tuple[str, ...],
    noun: str,
    states: tuple[str, ...],
) -> Combination | None:
    """`combine` and the keys of COMBINATION_KEYS: how the colours of several inputs (each a `noun`)
    become one, and what an input in a state counts as."""
    top = reader.mapping(node, what)
    if top is None:
        return None
    if what == "overall":
        f = reader.fields(top, "overall", ("combine",), COMBINATION_KEYS)
    else:
        f = {k.value: v for k, v in reader.pairs(top)}
    method = reader.choice(f.get("combine"), "combination", COMBINATIONS, "unknown-combination")
    if method is None:
        return None
    for key, only in _ONLY_WITH.items():
        if key in f and method != only:
            reader.warning(f[key], "unused-key", f"'{key}' counts only with 'combine: {only}'", "remove it")
    code = "unknown-part" if noun == "part" else "unknown-driver"  # an input that is not one
    weights = read_weights(reader, f.get("weights"), inputs, noun, code)
    majority = read_majority(reader, f.get("majority")) or Decimal("0.5")
    if method == "weighted":
        given = f.get("weights")
        named = {k.value for k, _ in reader.pairs(given)} if isinstance(given, Mapping) else set()
        missing = [i for i in inputs if i not in named]
        if given is None or (missing and weights):
            reader.error(
                top if given is None else given,
                "missing-weight",
                f"a weighted combination needs a weight for every {noun}"
                + ("" if given is None else ": " + ", ".join(f"'{m}'" for m in missing)),
                "e.g. 'weights: {" + ", ".join(f"{i}: 1" for i in inputs[:3]) + "}'",
            )
    worst, rounding = 0, "worse"
    if method == "mean-of-worst":
        if "worst" not in f:
            reader.error(
                top,
                "missing-key",
                f"'combine: mean-of-worst' needs 'worst': how many of the worst {noun}s count",
                "e.g. 'worst: 2' for the colour of the two worst, as the SDG dashboards take a goal's",
            )
        # without a count the rule is kept (as the worst), so the drivers and areas that use it
        # read on and show no further problems; the error stops validation before scoring
        text = reader.text(f.get("worst"), "worst", own_type=True) or "1"
        worst = int(text) if COUNT.match(text) else 0
        if worst < 1:
            reader.error(
                f["worst"],
                "bad-count",
                f"worst '{text}' is not a count of {noun}s",
                "write a whole number of one or more, e.g. 2",
            )
            worst = 1
        rounding = reader.choice(f.get("round"), "rounding", ROUNDINGS, "unknown-rounding") or rounding
    vetoes = kept(read_veto(reader, n, inputs, colours, noun, code) for n in reader.sequence(f.get("veto"), "veto"))
    counted = read_state_counts(reader, f.get("states"), colours, states)
    trend = reader.choice(f.get("trend"), "trend", TREND_COMBINATIONS, "bad-trend") or ""
    return Combination(method, reader.loc(top), weights, majority, vetoes, worst, rounding, counted, trend)


def read_state_counts(
    reader: Reader, node: Node | None, colours: tuple[str, ...], states: tuple[str, ...]
) -> tuple[tuple[str, str], ...]:
    """`states: {no-data: skip, not-assessed: red}`: a state left out, or counted as a colour."""
    top = reader.mapping(node, "states")
    if top is None:
        return ()
    counted = []
    for key, value in reader.pairs(top):
        if key.value not in states:
            reader.error(
                key,
                "unknown-state",
                f"no state '{key.value}' in the framework's 'states'",
                suggest(key.value, states) if states else "declare it under 'states:' beside 'scale:'",
            )
            continue
        choice = reader.choice(value, "colour", (SKIP, *colours), "unknown-colour")
        if choice is not None:
            counted.append((key.value, choice))
    return tuple(counted)


def read_weights(
    reader: Reader, node: Node | None, inputs: tuple[str, ...], noun: str, code: str
) -> tuple[tuple[str, Decimal], ...]:
    top = reader.mapping(node, "weights")
    if top is None:
        return ()
    weights = []
    for key, value in reader.pairs(top):
        if key.value not in inputs:
            reader.error(key, code, f"no {noun} '{key.value}' to weigh", suggest(key.value, inputs))
            continue
        text = reader.text(value, f"weight of '{key.value}'", own_type=True)
        if text is None:
            continue
        if not _NUMBER.match(text) or Decimal(text.replace(",", ".")) < 0:
            reader.error(
                value,
                "bad-weight",
                f"weight '{text}' of '{key.value}' is not a number of zero or more",
                "e.g. 2 or 0,5",
            )
            continue
        weights.append((key.value, Decimal(text.replace(",", "."))))
    if weights and sum(w for _, w in weights) == 0:
        reader.error(top, "bad-weight", "the weights add up to zero", "give at least one weight above zero")
        return ()
    return tuple(weights)


def read_majority(reader: Reader, node: Node | None) -> Decimal | None:
    """'60 %' or a share such as 0,6."""
    text = reader.text(node, "majority", own_type=True)
    if text is None or node is None:
        return None
    plain = text.replace(" ", "").replace(",", ".")
    number = plain.rstrip("%")
    if not _NUMBER.match(number):
        reader.error(node, "bad-majority", f"majority '{text}' is not a share", "write e.g. '60 %' or 0,6")
        return None
    share = Decimal(number) / 100 if plain.endswith("%") else Decimal(number)
    if share > 1:
        reader.error(
            node,
            "unreachable-majority",
            f"majority '{text}' is more than all the weight: no area can reach any colour",
            "give a share of at most 100 %",
        )
        return None
    if share <= 0:
        reader.error(node, "bad-majority", f"majority '{text}' must be above zero", "e.g. '60 %'")
        return None
    return share


def read_veto(
    reader: Reader, node: Node, inputs: tuple[str, ...], colours: tuple[str, ...], noun: str, code: str
) -> Veto | None:
    top = reader.mapping(node, "a veto")
    if top is None:
        return None
    f = reader.fields(top, "a veto", (noun, "at"), ("caps",))
    who = reader.choice(f.get(noun), noun, inputs, code)
    at = reader.choice(f.get("at"), "colour", colours, "unknown-colour")
    caps = reader.choice(f.get("caps"), "colour", colours, "unknown-colour") if "caps" in f else at
    if who is None or at is None or caps is None:
        return None
    return Veto(who, at, caps, reader.loc(top))
