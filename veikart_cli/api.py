"""Where the public API was before it moved to `veikart_cli` itself: `from veikart_cli.api import load`
keeps working for programs written against earlier versions."""

import veikart_cli


def __getattr__(name: str) -> object:
    if name in veikart_cli.__all__:
        return getattr(veikart_cli, name)
    raise AttributeError(f"module 'veikart_cli.api' has no attribute {name!r}")
