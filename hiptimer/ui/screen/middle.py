"""The middle of the session screen: the huge figure and the exercise's description.

The figure keeps two fifths of the screen's height (a little less on a 4:3 screen, where a
rep count is wide), and the description gives way first: its lines get fewer and its size
smaller, down to ``DESCRIPTION_LEAST`` (more for someone who asked for larger text); then
it turns over in pages of whole sentences.
Both arrangements are tried (the text beside the figure, or under it) and the one that
keeps the figure and the text largest wins. Only a new layout (a new size, look or phase)
arranges it again, never a plain tick.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect
from PySide6.QtGui import QFont, QFontMetricsF

from hiptimer.ui.screen.column_text import ColumnText
from hiptimer.ui.screen.figure import Figure, text_width

if TYPE_CHECKING:
    pass

FIGURE_SHARE = 0.45
"""The figure's digits are at most this share of the screen's height..."""
FIGURE_LEAST = 0.40
"""...and give up room for the text down to this share, but no further..."""
FIGURE_LEAST_SQUARE = 0.35
"""...or to this one on a screen as square as 4:3, where a rep count is wide."""
SQUARE = 1.5
"""Screens narrower than this (width over height) count as square."""
BESIDE_SHARE = 0.7
"""The figure takes at most this share of the width when the text goes beside it."""
DESCRIPTION_LEAST = 0.035
"""The description's font is never smaller than this share of the height: beyond, it
turns pages."""
COLUMN_LEAST = 18
"""A column is never narrower than this many characters."""


def figure_least(width: int, height: int) -> float:
    """The least share of the height the figure keeps on a screen of this size."""
    return FIGURE_LEAST_SQUARE if width < SQUARE * height else FIGURE_LEAST


@dataclass(frozen=True)
class Plan:
    """One arrangement of the middle of the screen, as ``Middle._plan`` finds it."""

    gave_way: int
    """How far the text gave way: 0 not past the least it is asked to keep, 1 the same
    with a square screen's figure smaller, 2 in pages, 3 past all that (nothing else
    fits)."""
    figure_height: float
    figure: QRect
    text: QRect
    pixels: int
    """The description's font size."""
    columns: int
    pages: int
    beside: bool


class Middle:
    """The figure and the description of a screen ``width`` by ``height`` pixels, whose
    user asked for text ``font_scale`` times the usual size; ``turning``: pages may turn
    (a session's clock runs), else the text is made smaller still before it is paged."""

    def __init__(self, figure: Figure, description: ColumnText, size: tuple[int, int],
                 font_scale: float, turning: bool) -> None:
        self.figure = figure
        self.description = description
        self.width, self.height = size
        self.font_scale = font_scale
        self.turning = turning

    def place(self, box: QRect, widest: str, wanted_text: float, gap: int) -> None:
        """Arrange the two in ``box``, the description at ``wanted_text`` pixels if it fits;
        ``widest`` is the widest figure the phase will show."""
        least = figure_least(self.width, self.height) * self.height - 0.5
        plans = [self._plan(box, widest, wanted_text, gap, beside) for beside in (True, False)]
        plan = max(plans, key=lambda plan: (
            plan.figure_height >= least, -plan.gave_way, round(plan.figure_height),
            plan.pixels, -plan.pages, plan.text.width() * plan.text.height()))
        font = QFont(self.description.font())
        font.setPixelSize(plan.pixels)
        text = QRect(plan.text)
        if plan.beside and plan.pages == 1:  # its middle level with the figure's
            tall = math.ceil(self.description.tallest(font, text.width(), text.height(),
                                                      plan.columns))
            text = QRect(text.left(), text.top() + (text.height() - tall) // 2, text.width(),
                         tall)
        self.description.set_columns(plan.columns)
        self.description.setFont(font)
        self.description.setGeometry(text)
        self.figure.setGeometry(plan.figure)
        self.figure.set_digit_height(math.floor(plan.figure_height + 1e-6))

    def _plan(self, box: QRect, widest: str, wanted: float, gap: int, beside: bool) -> Plan:
        """The best arrangement with the text beside the figure, or under it."""
        h = self.height
        has_text = bool(self.description.text())
        per_height = text_width(widest, 1.0) if widest else 0.0
        top = min(FIGURE_SHARE * h, box.height())
        if per_height:
            top = min(top, box.width() * (BESIDE_SHARE if beside and has_text else 1.0)
                      / per_height)
        least = min(top, math.ceil(figure_least(self.width, h) * h))
        if not has_text:
            return Plan(0, top, QRect(box), QRect(), max(6, round(wanted)), 1, 1, beside)

        def made(gave_way: int, figure_h: float, found: tuple[int, int, int]) -> Plan:
            if beside:
                figure = QRect(box.left(), box.top(),
                               round(per_height * figure_h + 2 * gap) if per_height else 0,
                               box.height())
            else:
                figure = QRect(box.left(), box.top(), box.width(), round(figure_h + gap))
            return Plan(gave_way, figure_h, figure, self._text_box(box, per_height, figure_h,
                                                                   gap, beside), *found,
                        beside)

        asked = self._least_description()
        usual = min(top, math.ceil(FIGURE_LEAST * h))  # a square screen gives more only last
        for figure_h in sorted({top, (top + usual) / 2, usual}, reverse=True):
            found = self._one_page(self._text_box(box, per_height, figure_h, gap, beside),
                                   wanted, asked)
            if found:
                return made(0, figure_h, found)
        text_box = self._text_box(box, per_height, least, gap, beside)
        found = self._one_page(text_box, wanted, asked)
        if found:
            return made(1, least, found)
        # Text asked larger turns pages at that size before it gets smaller still.
        least_text = DESCRIPTION_LEAST * h
        found = (self._paged(text_box, asked) if self.turning
                 else self._one_page(text_box, asked, 6))
        if found:
            return made(2, least, found)
        for pixels in range(math.floor(asked), 5, -1):
            found = (self._one_page(text_box, pixels, pixels) if pixels >= least_text
                     else None) or self._paged(text_box, pixels)
            if found:
                return made(3, least, found)
        return made(3, least, (6, 1, 1))

    @staticmethod
    def _text_box(box: QRect, per_height: float, figure_h: float, gap: int,
                  beside: bool) -> QRect:
        if beside:  # (the whole box when there is no figure)
            left = (round(box.left() + per_height * figure_h + 2 * gap) if per_height
                    else box.left())
            return QRect(left, box.top(), box.right() + 1 - left, box.height())
        top = round(box.top() + figure_h + gap)
        return QRect(box.left(), top, box.width(), box.bottom() + 1 - top)

    def _least_description(self) -> float:
        """The smallest the description gets before it turns pages: larger text asked
        for in the settings is kept larger."""
        return DESCRIPTION_LEAST * self.height * max(1.0, self.font_scale * 0.85)

    def _one_page(self, box: QRect, wanted: float,
                  least: float) -> tuple[int, int, int] | None:
        """The largest size from ``wanted`` down to ``least`` at which the whole description
        fits ``box`` on one page, with its columns and pages (1); None if none does."""
        if box.height() <= 0 or box.width() <= 0:
            return None
        low = max(6, math.ceil(least - 1e-6))
        high = max(low, round(wanted))
        if self._columns_at(box, low, one_page=True) is None:
            return None  # what does not fit at the least fits at no larger size
        while low < high:  # the largest size that fits, by halving
            middle = (low + high + 1) // 2
            if self._columns_at(box, middle, one_page=True) is not None:
                low = middle
            else:
                high = middle - 1
        columns = self._columns_at(box, low, one_page=True)
        return None if columns is None else (low, columns[0], 1)

    def _paged(self, box: QRect, pixels: float) -> tuple[int, int, int] | None:
        """The description in pages at ``pixels``: its size, columns and pages."""
        if box.height() <= 0 or box.width() <= 0:
            return None
        size = max(6, math.ceil(pixels - 1e-6))
        found = self._columns_at(box, size, one_page=False)
        return None if found is None else (size, *found)

    def _columns_at(self, box: QRect, pixels: int,
                    one_page: bool) -> tuple[int, int] | None:
        """In how many columns (1 to 3) the description goes in ``box`` at ``pixels``, the
        fewest on one page (``one_page``) or in the fewest pages; and the pages."""
        text = self.description
        font = QFont(text.font())
        font.setPixelSize(pixels)
        em = QFontMetricsF(font).averageCharWidth()
        best: tuple[int, int] | None = None
        for columns in (1, 2, 3):
            column_w = text.column_width(font, box.width(), columns)
            if columns > 1 and column_w < COLUMN_LEAST * em:
                break
            if text.widest_word(font) > column_w:
                continue
            pages = text.arrange(font, box.width(), box.height(), columns)
            if pages is None:
                continue
            if len(pages) <= 1:
                return columns, 1
            if not one_page and (best is None or len(pages) < best[1]):
                best = (columns, len(pages))
        return best
