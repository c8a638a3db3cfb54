"""The YAML layer: bytes → nodes that know their file:line:column. Knows nothing of roadmaps."""
