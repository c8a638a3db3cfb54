"""The few libc functions veikart calls through ctypes, loaded once (Linux).

Loaded before any worker is forked (app/parallel.py): a child of a process with threads (the
pool's own) must not import or load libraries, since a lock held at fork stays held; a worker
then finds them here already loaded.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

_NAMES = ("prctl", "linkat")
_loaded: dict[str, Callable[..., int]] | None = None


def load() -> dict[str, Callable[..., int]]:
    global _loaded
    if _loaded is None:
        found: dict[str, Callable[..., int]] = {}
        try:
            import ctypes

            library: Any = ctypes.CDLL(None, use_errno=True)
            found = {name: getattr(library, name) for name in _NAMES if hasattr(library, name)}
        except OSError:  # pragma: no cover - no C library to load (not Linux)
            pass
        _loaded = found
    return _loaded


def function(name: str) -> Callable[..., int] | None:
    return load().get(name)


def errno() -> int:
    import ctypes

    return ctypes.get_errno()
