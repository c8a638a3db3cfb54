"""Which characters show nothing: Unicode's own sets, for the sanitisers and for the checks on data.

Python's unicodedata has no Default_Ignorable_Code_Point property (and is one Unicode version
behind), so the sets are embedded here as ranges. A hand-picked list missed characters that a
text can hide behind (U+034F, the Mongolian variation selectors, U+2065, the Hangul fillers).
No veikart imports: the model's readers and the renderers both use it.
"""

from __future__ import annotations

import re
import unicodedata

# Default_Ignorable_Code_Point, from DerivedCoreProperties.txt of Unicode 15.0
# (https://www.unicode.org/Public/15.0.0/ucd/DerivedCoreProperties.txt): characters a renderer
# shows as nothing when it has no glyph for them. Inclusive ranges.
DEFAULT_IGNORABLE: tuple[tuple[int, int], ...] = (
    (0x00AD, 0x00AD),
    (0x034F, 0x034F),
    (0x061C, 0x061C),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x206F),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0),
    (0xFFF0, 0xFFF8),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
)

# General_Category=Cf (format characters), from UnicodeData.txt of Unicode 15.0: they change how
# neighbouring text looks or is ordered (bidi, joiners, prepended marks such as U+0600).
FORMAT: tuple[tuple[int, int], ...] = (
    (0x00AD, 0x00AD),
    (0x0600, 0x0605),
    (0x061C, 0x061C),
    (0x06DD, 0x06DD),
    (0x070F, 0x070F),
    (0x0890, 0x0891),
    (0x08E2, 0x08E2),
    (0x180E, 0x180E),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x2064),
    (0x2066, 0x206F),
    (0xFEFF, 0xFEFF),
    (0xFFF9, 0xFFFB),
    (0x110BD, 0x110BD),
    (0x110CD, 0x110CD),
    (0x13430, 0x1343F),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0001, 0xE0001),
    (0xE0020, 0xE007F),
)

# Line and paragraph separators: not ignorable, but they break a line where no renderer expects it.
SEPARATORS: tuple[tuple[int, int], ...] = ((0x2028, 0x2029),)

# Variation selectors that may follow a base character to choose its emoji or text form (⚠️):
# one of them right after a visible character is the ordinary way to write a symbol.
PRESENTATION = "\ufe0e\ufe0f"


def _merged(*tables: tuple[tuple[int, int], ...]) -> tuple[tuple[int, int], ...]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(r for table in tables for r in table):
        if merged and start <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)


INVISIBLE_RANGES = _merged(DEFAULT_IGNORABLE, FORMAT, SEPARATORS)


def char_class(ranges: tuple[tuple[int, int], ...]) -> str:
    """The inside of a regular expression's [...] matching exactly these code points."""
    return "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges)


INVISIBLE = char_class(INVISIBLE_RANGES)  # for [...] in the sanitisers' patterns
_INVISIBLE = re.compile(f"[{INVISIBLE}]")

# Runs of characters that may show: not whitespace, controls, invisible characters, or the
# blank that is a symbol, not a space (braille pattern blank U+2800).
_MAY_SHOW = re.compile(f"[^\\s\x00-\x1f\x7f-\x9f{INVISIBLE}\u2800]+")
_SPACES = re.compile(r"(\s+)")


def is_invisible(char: str) -> bool:
    """A default-ignorable, format or line-separator character."""
    return _INVISIBLE.fullmatch(char) is not None


def shows_something(text: str) -> bool:
    """True if the text shows anything: not only spaces, controls, invisible characters, blanks
    and combining marks (a mark with no base is nothing a reader can see or tell apart)."""
    for run in _MAY_SHOW.finditer(text):
        if any(not unicodedata.category(c).startswith("M") for c in run.group()):
            return True
    return False


def without_invisible(text: str) -> str:
    """What a reader sees of the text: every invisible character removed, and every combining
    mark with no base to attach to (at the start, or after a space)."""
    text = _INVISIBLE.sub("", text) if _INVISIBLE.search(text) else text
    if text.isascii():
        return text
    return "".join(_without_leading_marks(part) for part in _SPACES.split(text))


def _without_leading_marks(word: str) -> str:
    start = 0
    while start < len(word) and unicodedata.category(word[start]).startswith("M"):
        start += 1
    return word[start:]
