"""The typed model (types.py) and its reading from YAML nodes (frameworks.py, areas.py, amounts.py)."""
