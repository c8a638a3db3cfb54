"""Readable text on a coloured cell: WCAG 2 relative luminance and contrast ratio."""

from __future__ import annotations

BLACK, WHITE = "#000000", "#ffffff"


def luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    """From 1 (none) to 21 (black on white); WCAG AA asks 4.5 for normal text."""
    high, low = sorted((luminance(first), luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def text_colour(background: str) -> str:
    """Black or white, whichever contrasts more with the background."""
    return BLACK if contrast(background, BLACK) >= contrast(background, WHITE) else WHITE
