"""veikart: a traffic-light evaluator for strategic roadmaps.

The public API (see the README, "Python"), stable within API_VERSION::

    import veikart_cli as veikart

    loaded = veikart.load("roadmap/")          # or veikart.example_path()
    matrix = veikart.score(loaded.dataset)     # when loaded.ok; else read loaded.problems
    print(veikart.render_matrix(matrix, "markdown"))
"""

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
