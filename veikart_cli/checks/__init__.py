"""Checks across files (validation.py) and the JSON Schemas editors use (schema.py)."""
