"""A measured side and its degrees as the history windows write them, and what a saved
self-test kept, in the language installed: the history keeps the side as ``Side``'s value
("left", "right") whatever language it is read in, so only what is shown is translated."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QLocale

from hiptimer.base.local_format import decimal_text
from hiptimer.base.translation import _, pgettext
from hiptimer.history.motion import Side
from hiptimer.ui.history.dates import date_text

DEGREE = "°"


def side_name(side: str) -> str:
    """The side as a list or a table names it ("left"); a side the history does not know
    (a row written by hand) as it is kept."""
    if side == Side.LEFT:
        return pgettext("measured side", "left")
    if side == Side.RIGHT:
        return pgettext("measured side", "right")
    return side


def degrees_text(degrees: float) -> str:
    """Degrees as a reading is written: ``38°``, ``38.5°`` (``38,5°`` where the language
    writes decimals so)."""
    return decimal_text(degrees, 2) + DEGREE


def saved_text(measured: list[tuple[date, str, float]], locale: QLocale) -> str:
    """What a saved self-test kept: ``Saved the self-test of 6/12/26: left 38°, right 41°.``"""
    # Translators: one side of a saved self-test, "left 38°"; the sides are listed with ", ".
    sides = ", ".join(_("{side} {degrees}").format(side=side_name(side),
                                                   degrees=degrees_text(degrees))
                      for unused, side, degrees in measured)
    return _("Saved the self-test of {date}: {sides}.").format(
        date=date_text(measured[0][0], locale), sides=sides)
