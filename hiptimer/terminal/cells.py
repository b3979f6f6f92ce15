"""Text as a terminal draws it: how many cells it takes, and cut to fit a number of cells.

A terminal gives each character a cell, two for the wide characters of Chinese, Japanese
and Korean and for most emoji, none for an accent that combines with the letter before it.
Counting characters (``len``) would let a line with such text overrun the terminal, wrap,
and leave a stale line behind each time it is rewritten. Where terminals disagree, the count
here errs on the wide side: a cell left blank does no harm, a line one cell too wide does.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Mapping

ELLIPSIS = "…"
"""What ends a text that was cut short."""
_WIDE = frozenset({"W", "F"})
"""East Asian widths every terminal draws in two cells."""
_EAST_ASIAN_LANGUAGES = ("zh", "ja", "ko")
_VARIATION_EMOJI = "\ufe0f"
"""Asks for the character before it to be drawn as an emoji, which many terminals draw two
cells wide: counted as a cell of its own."""


def ambiguous_cells(environ: Mapping[str, str] = os.environ) -> int:
    """Cells for a character of "ambiguous" East Asian width (an accented letter, "·", "…").

    Terminals draw them in one cell unless set up for Chinese, Japanese or Korean text, as
    they usually are where the locale says such a language; the locale's first variable that
    is set decides, as it does for every program.
    """
    for name in ("LC_ALL", "LC_CTYPE", "LANG"):
        value = environ.get(name, "")
        if value:
            return 2 if value.lower().startswith(_EAST_ASIAN_LANGUAGES) else 1
    return 1


AMBIGUOUS = ambiguous_cells()
"""Cells for an ambiguous character in this process's locale: what ``ambiguous=None`` means
below."""


def char_cells(char: str, ambiguous: int | None = None) -> int:
    """The cells one character takes on a terminal (0, 1 or 2)."""
    if " " <= char <= "~":  # printable ASCII, nearly everything shown
        return 1
    if char == _VARIATION_EMOJI:
        return 1
    category = unicodedata.category(char)
    if category in ("Mn", "Me"):
        return 0  # drawn over the cell of the character before it
    if category == "Cn":
        return 2  # unknown to this Python; a newer terminal may know it as a wide emoji
    width = unicodedata.east_asian_width(char)
    if width in _WIDE:
        return 2
    if width == "A":
        return AMBIGUOUS if ambiguous is None else ambiguous
    return 1


def text_cells(text: str, ambiguous: int | None = None) -> int:
    """The cells ``text`` takes on one line of a terminal."""
    if text.isascii() and text.isprintable():
        return len(text)
    return sum(char_cells(char, ambiguous) for char in text)


def shortened(text: str, cells: int, ambiguous: int | None = None) -> str:
    """``text`` as it fits ``cells``: whole, or cut and ended with an ellipsis ("" when not
    even the ellipsis fits). A letter's combining accents stay or go with it."""
    if text_cells(text, ambiguous) <= cells:
        return text
    room = cells - text_cells(ELLIPSIS, ambiguous)
    if room < 0:
        return ""
    used = 0
    end = 0
    for index, char in enumerate(text):
        width = char_cells(char, ambiguous)
        if used + width > room:
            break
        used += width
        end = index + 1
    return text[:end].rstrip() + ELLIPSIS
