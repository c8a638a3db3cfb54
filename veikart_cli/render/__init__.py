"""Renderers: a Matrix (or problems) → text. They never read files or print."""
