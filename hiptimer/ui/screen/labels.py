"""The session screen's labels: placed by hand at a fixed size, each on one line.

Nothing on the session screen is in a layout, so a new time never makes the window lay
itself out again; these place a label and fit its one line to the room it has.
"""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import QLabel


def put(label: QLabel, box: QRect) -> None:
    """Place a label at a fixed size: a label whose size may change asks its parent to lay
    itself out at every new text, and the times change every second."""
    label.setFixedSize(box.size())
    label.move(box.topLeft())


def set_text(label: QLabel, text: str) -> None:
    """Change the text only when it differs: a label told the same text repaints anyway."""
    if label.text() != text:
        label.setText(text)


def fit_line(label: QLabel, pixels: float, width: int) -> None:
    """One line at ``pixels``, smaller if it would not fit ``width`` (a long word, as some
    languages have, is written smaller, never cut)."""
    font = QFont(label.font())
    font.setPixelSize(max(6, round(pixels)))
    advance = QFontMetricsF(font).horizontalAdvance(label.text())
    if advance > width > 0:
        size = max(6, int(pixels * width / advance))
        font.setPixelSize(size)
        # Text does not shrink exactly in step with its size (hinting): a pixel less until
        # it fits.
        while size > 6 and QFontMetricsF(font).horizontalAdvance(label.text()) > width:
            size -= 1
            font.setPixelSize(size)
    if font != label.font():
        label.setFont(font)
