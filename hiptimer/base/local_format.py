"""Numbers as the language spoken writes them: ``2.5`` in English, ``2,5`` in German and
Spanish, and ``40%`` in English but ``40 %`` in both. A number glued into a translated
sentence must follow that sentence's language, not the source code's."""

from __future__ import annotations

from typing import Final

from hiptimer.base.language import Language
from hiptimer.base.translation import installed_language

_DECIMAL_SEPARATORS: Final = {Language.ENGLISH: ".", Language.GERMAN: ",",
                              Language.SPANISH: ","}
_PERCENT_FORMS: Final = {Language.ENGLISH: "{number}%", Language.GERMAN: "{number} %",
                         Language.SPANISH: "{number} %"}


def decimal_separator(language: Language | None = None) -> str:
    """What ``language`` (the one installed, unless given) writes between the whole part of
    a number and its decimals."""
    return _DECIMAL_SEPARATORS[installed_language() if language is None else language]


def decimal_text(value: float, digits: int = 1, language: Language | None = None, *,
                 trim: bool = True) -> str:
    """``value`` with at most ``digits`` decimals (none shown for a whole number), written
    the way ``language`` (the one installed, unless given) writes decimals. ``trim=False``
    keeps every one of the ``digits`` ("2.0"), for a measure whose precision is the point."""
    written = f"{value:.{max(digits, 0)}f}"
    if trim and digits > 0:
        written = written.rstrip("0").rstrip(".")
    if written.lstrip("-0.") == "":
        written = written.lstrip("-")
    return written.replace(".", decimal_separator(language))


def number_text(value: float, language: Language | None = None) -> str:
    """``value`` as briefly as Python's ``:g`` writes it (``12.5``, ``90``: no trailing zeros,
    at most six significant digits), with ``language``'s decimal separator."""
    return f"{value:g}".replace(".", decimal_separator(language))


def percent_text(fraction: float, language: Language | None = None) -> str:
    """``fraction`` (0.4) as a whole percentage the way ``language`` writes one: "40%" in
    English, "40 %" in German and Spanish."""
    number = f"{fraction:.0%}".removesuffix("%")
    spoken_in = installed_language() if language is None else language
    return _PERCENT_FORMS[spoken_in].format(number=number)
