"""Find an area or a driver by what a person types: id, name in any language, or alias."""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Sequence
from typing import TypeVar

from veikart_cli.model.evidence import Area
from veikart_cli.model.types import Driver

Named = TypeVar("Named", bound=Area | Driver)


class NotFound(LookupError):
    """Nothing goes by the name asked for."""


def names(item: Area | Driver) -> list[str]:
    return [item.id, *(text for _, text in item.name.values), *item.aliases]


def fold(text: str) -> str:
    """NFC and case folded: a query typed (or pasted) in decomposed form still matches."""
    return unicodedata.normalize("NFC", text.strip()).casefold()


def index(items: Sequence[Named]) -> dict[str, Named]:
    """Every folded id, name and alias → its item: an id always means its own; a shared name, the earlier."""
    found: dict[str, Named] = {fold(item.id): item for item in reversed(items)}  # the first of equal ids
    for item in items:
        for name in names(item)[1:]:
            found.setdefault(fold(name), item)
    return found


def find(items: Sequence[Named], query: str) -> Named:
    """Case-insensitive exact match on id, then names and aliases; a near miss lists close names."""
    wanted = fold(query)
    known = index(items)
    if wanted in known:
        return known[wanted]
    every = {fold(n): n for item in items for n in names(item)}
    close = [n for n in every if wanted in n] or difflib.get_close_matches(wanted, list(every), n=3, cutoff=0.5)
    hint = " or ".join(f"'{c}'" for c in sorted({every[c] for c in close})[:4])
    raise NotFound(f"no match for '{query}'" + (f"; did you mean {hint}?" if hint else ""))
