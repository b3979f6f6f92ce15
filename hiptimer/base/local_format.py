"""Numbers as the language spoken writes them: ``2.5`` in English, ``2,5`` in German and
Spanish. A decimal glued into a translated sentence must follow that sentence's language,
not the source code's."""

from __future__ import annotations

from typing import Final

from hiptimer.base.language import Language
from hiptimer.base.translation import installed_language

_DECIMAL_SEPARATORS: Final = {Language.ENGLISH: ".", Language.GERMAN: ",",
                              Language.SPANISH: ","}


def decimal_text(value: float, digits: int = 1, language: Language | None = None) -> str:
    """``value`` with at most ``digits`` decimals (none shown for a whole number), written
    the way ``language`` (the one installed, unless given) writes decimals."""
    written = f"{value:.{digits}f}".rstrip("0").rstrip(".") if digits > 0 else f"{value:.0f}"
    if written == "-0":
        written = "0"
    spoken_in = installed_language() if language is None else language
    return written.replace(".", _DECIMAL_SEPARATORS[spoken_in])
