"""veikart: a traffic-light evaluator for strategic roadmaps.

The public API (see the README, "Python"), stable within API_VERSION::

    import veikart_cli as veikart

    loaded = veikart.load("roadmap/")          # or veikart.example_path()
    matrix = veikart.score(loaded.dataset)     # when loaded.ok; else read loaded.problems
    print(veikart.render_matrix(matrix, "markdown"))

The names are imported on first use, so `veikart --version` and the CLI start fast.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.3.0"

__all__ = [
    "API_VERSION",
    "DataSet",
    "Diff",
    "Loaded",
    "Matrix",
    "Problem",
    "diff",
    "example_path",
    "explain",
    "load",
    "rank",
    "render_matrix",
    "render_report",
    "score",
    "what_if",
]

if TYPE_CHECKING:
    from veikart_cli.api import (
        API_VERSION,
        diff,
        example_path,
        explain,
        load,
        rank,
        render_matrix,
        render_report,
        score,
        what_if,
    )
    from veikart_cli.app.dataset import Loaded
    from veikart_cli.engine.diff import Diff
    from veikart_cli.engine.scoring import Matrix
    from veikart_cli.model.evidence import DataSet
    from veikart_cli.problems import Problem

# Where each name lives; an API name must not be a subpackage's name (e.g. `render`), which
# would shadow it once that subpackage is imported.
_TYPES = {
    "Loaded": "app.dataset",
    "DataSet": "model.evidence",
    "Diff": "engine.diff",
    "Matrix": "engine.scoring",
    "Problem": "problems",
}


def __getattr__(name: str) -> Any:
    if name not in __all__:
        raise AttributeError(f"module 'veikart_cli' has no attribute '{name}'")
    module = importlib.import_module(f"veikart_cli.{_TYPES.get(name, 'api')}")
    return getattr(module, name)
