"""Which characters show nothing: Unicode's own sets (unicodedata has no Default_Ignorable_Code_Point),
for the sanitisers and the checks on data."""

from __future__ import annotations

import re
import unicodedata


def _ranges(table: str) -> tuple[tuple[int, int], ...]:
    """Code points as Unicode's data files write them ('00AD 115F-1160') as inclusive ranges."""
    bounds = [item.partition("-") for item in table.split()]
    return tuple((int(start, 16), int(end or start, 16)) for start, _, end in bounds)


# Default_Ignorable_Code_Point, from DerivedCoreProperties.txt of Unicode 15.0: characters a
# renderer shows as nothing when it has no glyph for them.
DEFAULT_IGNORABLE = _ranges(
    "00AD 034F 061C 115F-1160 17B4-17B5 180B-180F 200B-200F 202A-202E 2060-206F 3164 FE00-FE0F FEFF FFA0 "
    "FFF0-FFF8 1BCA0-1BCA3 1D173-1D17A E0000-E0FFF"
)
# General_Category=Cf (format characters), from UnicodeData.txt of Unicode 15.0: they change how
# neighbouring text looks or is ordered (bidi, joiners, prepended marks such as U+0600).
FORMAT = _ranges(
    "00AD 0600-0605 061C 06DD 070F 0890-0891 08E2 180E 200B-200F 202A-202E 2060-2064 2066-206F FEFF "
    "FFF9-FFFB 110BD 110CD 13430-1343F 1BCA0-1BCA3 1D173-1D17A E0001 E0020-E007F"
)
# Line and paragraph separators: not ignorable, but they break a line where no renderer expects it.
SEPARATORS = _ranges("2028-2029")

# Variation selectors that may follow a base character to choose its emoji or text form (⚠️):
# one of them right after a visible character is the ordinary way to write a symbol.
PRESENTATION = "\ufe0e\ufe0f"

INVISIBLE_RANGES = DEFAULT_IGNORABLE + FORMAT + SEPARATORS  # they overlap, as a regular expression's [...] may
# the inside of a regular expression's [...] matching exactly these code points, for the sanitisers' patterns
INVISIBLE = "".join(
    re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in INVISIBLE_RANGES
)
_INVISIBLE = re.compile(f"[{INVISIBLE}]")

# Runs of characters that may show: not whitespace, controls, invisible characters, or the
# blank that is a symbol, not a space (braille pattern blank U+2800).
_MAY_SHOW = re.compile(f"[^\\s\x00-\x1f\x7f-\x9f{INVISIBLE}\u2800]+")
_SPACES = re.compile(r"(\s+)")


def is_invisible(char: str) -> bool:
    """A default-ignorable, format or line-separator character."""
    return _INVISIBLE.fullmatch(char) is not None


def shows_something(text: str) -> bool:
    """True unless the text is only spaces, controls, invisible characters, blanks and combining marks."""
    return any(not unicodedata.category(c).startswith("M") for run in _MAY_SHOW.finditer(text) for c in run.group())


def without_invisible(text: str) -> str:
    """What a reader sees: the text without invisible characters and combining marks with no base."""
    text = _INVISIBLE.sub("", text) if _INVISIBLE.search(text) else text
    if text.isascii():
        return text
    return "".join(_without_leading_marks(part) for part in _SPACES.split(text))


def _without_leading_marks(word: str) -> str:
    start = 0
    while start < len(word) and unicodedata.category(word[start]).startswith("M"):
        start += 1
    return word[start:]
