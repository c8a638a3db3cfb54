"""veikart: a traffic-light evaluator for strategic roadmaps. The names in __all__ are its public
API (see the README, "Python"), stable within API_VERSION: load, score, render_matrix and the rest."""

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
