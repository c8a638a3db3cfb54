"""veikart: a traffic-light evaluator for strategic roadmaps."""

__version__ = "0.1.0"
