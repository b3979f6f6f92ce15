"""The middle of the session screen: the figure, the exercise's picture and its description.

The figure is made as big as the text leaves room for, and the text is never cut: both
arrangements are tried (the text beside the figure, or under it), the picture giving up
room first, then the figure, then the text's size, and the one with the bigger figure wins.
Only a new layout (a new size, look or phase) arranges it again, never a plain tick.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect
from PySide6.QtGui import QFont, QFontMetricsF

from hiptimer.ui.screen.figure import Figure, text_width

if TYPE_CHECKING:
    from hiptimer.ui.screen.parts import ColumnText, Picture

FIGURE_SHARE = 0.45
"""The figure's digits are at most this share of the screen's height..."""
FIGURE_LEAST = 0.2
"""...and give up room for text down to this share, but no further."""
PICTURE_SHARES = (0.5, 0.4, 0.3, 0.22, 0.0)
"""The share of the text's side the picture may take, tried in turn while text needs room."""
DESCRIPTION_LEAST = 0.035
"""The description's font is never smaller than this share of the height, unless nothing
else fits."""


@dataclass(frozen=True)
class Plan:
    """One arrangement of the middle of the screen, as ``Middle._plan`` finds it."""

    figure_height: float
    figure: QRect
    text: QRect
    picture: QRect
    font: QFont
    """The description's font in this arrangement."""
    columns: int | None
    """The description's columns; None when it does not fit at the least size tried."""


class Middle:
    """The figure, the picture and the description of a screen ``height`` pixels high (at
    least 200), whose user asked for text ``font_scale`` times the usual size."""

    def __init__(self, figure: Figure, picture: Picture, description: ColumnText,
                 height: int, font_scale: float) -> None:
        self.figure = figure
        self.picture = picture
        self.description = description
        self.height = height
        self.font_scale = font_scale

    def place(self, box: QRect, widest: str, wanted_text: float, gap: int) -> None:
        """Arrange the three in ``box``, the description at ``wanted_text`` pixels if it fits;
        ``widest`` is the widest figure the phase will show."""
        h = self.height
        # The text as large as asked, else down to the least any screen gets, else smaller.
        for least in (self._least_description(), DESCRIPTION_LEAST * h, 6.0):
            plans = [self._plan(box, widest, wanted_text, gap, beside, least)
                     for beside in (True, False)]
            fitting = [plan for plan in plans if plan.columns]
            if fitting:
                break
        plan = max(fitting or plans, key=lambda plan: (
            plan.figure_height, plan.text.width() * plan.text.height()))
        self.description.set_columns(plan.columns or self.description.columns())
        self.description.setFont(plan.font)
        self.description.setGeometry(plan.text)
        self.picture.setGeometry(plan.picture)
        self.picture.setVisible(self.picture.has_picture() and plan.picture.height() > 8)
        self.figure.setGeometry(plan.figure)
        self.figure.set_digit_height(round(plan.figure_height))

    def _plan(self, box: QRect, widest: str, wanted_text: float, gap: int, beside: bool,
              least_text: float) -> Plan:
        """One arrangement: text beside the figure, or under it."""
        h = self.height
        has_text = bool(self.description.text())
        has_picture = self.picture.has_picture()
        per_height = text_width(widest, 1.0) if widest else 0.0
        want = min(FIGURE_SHARE * h, box.height())
        if per_height:
            share = 0.7 if beside and (has_text or has_picture) else 1.0
            want = min(want, box.width() * share / per_height)
        least = min(want, FIGURE_LEAST * h)
        font = QFont(self.description.font())
        figure_h = want
        text_box = picture_box = QRect()
        columns: int | None = None
        while True:
            # The picture gives up room first, then the figure, down to their least.
            for share in PICTURE_SHARES:
                if beside:
                    column = QRect(round(box.left() + per_height * figure_h + 2 * gap),
                                   box.top(), 0, box.height())
                    column.setRight(box.right())
                    text_box, picture_box = _split_column(column, has_picture, has_text,
                                                          self.picture.aspect(), gap, share)
                else:
                    strip = QRect(box.left(), round(box.top() + figure_h + gap), box.width(),
                                  0)
                    strip.setBottom(box.bottom())
                    text_box, picture_box = _split_strip(strip, has_picture, has_text,
                                                         self.picture.aspect(), gap, share)
                columns = self._fit_description(font, text_box, wanted_text,
                                                least_text)
                if columns:
                    break
            if columns or figure_h <= least:
                break
            figure_h = max(least, figure_h * 0.95)
        if beside and (has_text or has_picture):
            figure_box = QRect(box.left(), box.top(), round(per_height * figure_h + 2 * gap),
                               box.height())
        elif beside:
            figure_box = QRect(box)
        else:
            figure_box = QRect(box.left(), box.top(), box.width(), round(figure_h + gap))
        return Plan(figure_h, figure_box, text_box, picture_box, font, columns)

    def _least_description(self) -> float:
        """The smallest the description may get before the figure gives up room: larger
        text asked for in the settings is kept larger."""
        return DESCRIPTION_LEAST * self.height * max(1.0, self.font_scale * 0.85)

    def _fit_description(self, font: QFont, box: QRect, wanted: float,
                         least: float) -> int | None:
        """Set ``font`` to the largest size from ``wanted`` down to ``least`` at which the
        whole description fits ``box``, and say in how many columns; None if none does."""
        if not self.description.text():
            font.setPixelSize(max(6, round(wanted)))
            return 1
        if box.height() <= 0 or box.width() <= 0:
            return None
        low, high = max(6, math.ceil(least - 1e-6)), max(6, round(wanted))
        if low > high or self._columns_at(font, box, low) is None:
            return None  # what does not fit at the least fits at no larger size
        while low < high:  # the largest size that fits, by halving
            middle = (low + high + 1) // 2
            if self._columns_at(font, box, middle) is not None:
                low = middle
            else:
                high = middle - 1
        return self._columns_at(font, box, low)  # which also leaves the font at ``low``

    def _columns_at(self, font: QFont, box: QRect, px: int) -> int | None:
        """In how many columns (1 or 2) the description fits ``box`` at ``px``, if any."""
        text = self.description
        font.setPixelSize(px)
        em = QFontMetricsF(font).averageCharWidth()
        for columns in (1, 2):
            column_w = text.column_width(font, box.width(), columns)
            if columns > 1 and column_w < 18 * em:
                return None
            if text.widest_word(font) > column_w:
                continue
            if text.height_needed(font, box.width(), columns) <= box.height():
                return columns
        return None



def _split_column(column: QRect, picture: bool, text: bool, aspect: float,
                  gap: int, share: float) -> tuple[QRect, QRect]:
    """Beside the figure: the picture on top (``share`` of the height at most), the text
    under it."""
    if not picture:
        return column, QRect()
    height = min(round(column.width() / aspect),
                 round(column.height() * share) if text else column.height())
    picture_box = QRect(column.left(), column.top(), column.width(), height)
    text_box = QRect(column.left(), column.top() + height + gap, column.width(),
                     column.height() - height - gap)
    return (text_box if text else QRect()), picture_box


def _split_strip(strip: QRect, picture: bool, text: bool, aspect: float,
                 gap: int, share: float) -> tuple[QRect, QRect]:
    """Under the figure: the picture on the left (``share`` of the width at most, as in a
    column beside), the text beside it."""
    if not picture:
        return strip, QRect()
    width = min(round(strip.height() * aspect),
                round(strip.width() * share * 0.8) if text else strip.width())
    picture_box = QRect(strip.left(), strip.top(), width, strip.height())
    text_box = QRect(strip.left() + width + gap, strip.top(), strip.width() - width - gap,
                     strip.height())
    return (text_box if text else QRect()), picture_box
