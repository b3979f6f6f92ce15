"""Text in columns and pages of whole sentences: the session screen's description.

The screen is read from the floor, so a sentence is never split across columns or pages;
what one page cannot hold at the least size turns over in pages, and which page shows is
worked out from the session's clock, so this paces nothing itself.
"""

from __future__ import annotations

import itertools
import math
import re
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QPaintEvent, QTextLayout, QTextOption
from PySide6.QtWidgets import QWidget

from hiptimer.base.translation import _

if TYPE_CHECKING:
    from hiptimer.session.status import Status

MEASURES_KEPT = 2000
"""How many measurements of the description are kept, at most (a few hundred a phase)."""
PAGE_SECONDS = 7
"""A description in pages shows each page this long, by the time in the phase."""


Pages = list[list[list[int]]]
"""Pages of columns of sentences (by number), as ``ColumnText.arrange`` deals them."""
_STOP = re.compile(r"(?<=[.!?])\s+")


def sentences(text: str) -> list[str]:
    """The sentences of ``text`` in order: each line, cut after a full stop (or "!", "?")
    that a capital or a digit follows, so "e.g. after" stays one sentence."""
    found: list[str] = []
    for line in text.split("\n"):
        first = True
        for part in _STOP.split(line.strip()):
            if not part:
                continue
            if not first and not (part[0].isupper() or part[0].isdigit()):
                found[-1] = f"{found[-1]} {part}"
            else:
                found.append(part)
            first = False
    return found


class ColumnText(QWidget):
    """Sentences in one or more columns, never cut and never split: a column holds whole
    sentences, each starting on a line of its own. What one page cannot hold turns over in
    pages of whole sentences, marked "1/2" in the corner; which page shows follows the
    turn the screen gives (``set_page``, from the session's clock), so it paces nothing."""

    PAGE_MARK = 0.7
    """The page marker's size, as a share of the text's."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._sentences: list[str] = []
        self._columns = 1
        self._turn = 0
        self._heights: dict[tuple[str, str, float], tuple[float, ...]] = {}
        """Each sentence's height, by text, font and column width: a phase like an earlier
        one (the next set) is laid out without measuring."""
        self._widest: dict[tuple[str, str], float] = {}
        self._whole_lines = False
        self._pages: tuple[tuple[object, ...], Pages] | None = None
        """The pages as last dealt for this widget's own font, size and columns."""
        self.setAccessibleName(_("Description"))

    def text(self) -> str:
        return self._text

    def columns(self) -> int:
        return self._columns

    def set_text(self, text: str, whole_lines: bool = False) -> None:
        """Show ``text``; with ``whole_lines``, each of its lines is kept on one line (a
        summary's "Work 16:00 · Session 22:50" is not broken), made smaller if it must."""
        self._whole_lines = whole_lines
        if text != self._text:
            self._text = text
            self._sentences = sentences(text)
            self.setAccessibleDescription(text)
            self.update()

    def set_columns(self, columns: int) -> None:
        if columns != self._columns:
            self._columns = columns
            self.update()

    def follow(self, status: Status) -> None:
        """Show the page for ``status``'s time in its phase: each for ``PAGE_SECONDS``, so
        the pages follow the session's clock (and stand still while it is paused)."""
        phase, left = status.phase, status.remaining
        into = 0
        if status.live and phase is not None:
            into = (status.elapsed if left is None or phase.duration is None
                    else max(0, math.ceil(phase.duration - 1e-9) - left))
        self.set_page(into // PAGE_SECONDS)

    def set_page(self, turn: int) -> None:
        """Show page ``turn`` (counting on past the last page from the first again)."""
        if turn != self._turn:
            shown = self.page()
            self._turn = turn
            if self.page() != shown:
                self.update()

    def page(self) -> int:
        """The number (from 0) of the page on screen."""
        pages = self.pages()
        return self._turn % len(pages) if pages else 0

    def pages(self) -> Pages:
        """The sentences (by number) in pages of columns, as this widget deals them."""
        font = self.font()
        key = (self._text, font.key(), self.width(), self.height(), self._columns)
        if self._pages is None or self._pages[0] != key:
            pages = self.arrange(font, self.width(), self.height(), self._columns)
            if pages is None:  # a sentence taller than the box: one a column, shown cut
                pages = [[[n]] for n in range(len(self._sentences))]
            self._pages = (key, pages)
        return self._pages[1]

    def page_marker(self) -> str:
        """"2/3" while the text is in pages; "" when it is all on one."""
        count = len(self.pages())
        return f"{self.page() + 1}/{count}" if count > 1 else ""

    def shown(self) -> list[list[str]]:
        """The columns of sentences on the page on screen."""
        pages = self.pages()
        return ([[self._sentences[n] for n in column] for column in pages[self.page()]]
                if pages else [])

    def arrange(self, font: QFont, width: float, height: float, columns: int) -> Pages | None:
        """The sentences dealt into ``columns`` columns across ``width``, on one page of
        ``height`` when they fit, balanced; else on as many pages as it takes, with room
        left for the marker. None when one sentence alone is taller than a page."""
        if not self._sentences:
            return []
        heights = self.sentence_heights(font, self.column_width(font, width, columns))
        if max(heights) > height:
            return None
        if len(_deal(heights, height)) <= columns:  # one page: as even as it goes
            ends = list(itertools.accumulate(heights, initial=0.0))
            limits = sorted({b - a for i, a in enumerate(ends) for b in ends[i + 1:]
                             if b - a <= height + 1e-6})
            low, high = 0, len(limits) - 1  # the least column height that still holds all
            while low < high:
                middle = (low + high) // 2
                if len(_deal(heights, limits[middle])) <= columns:
                    high = middle
                else:
                    low = middle + 1
            return [_deal(heights, limits[low])]
        room = height - self.marker_height(font)
        if max(heights) > room:
            return None
        dealt = _deal(heights, room)
        return [dealt[i:i + columns] for i in range(0, len(dealt), columns)]

    def height_needed(self, font: QFont, width: float, columns: int) -> float:
        """The height the text takes at ``font`` over ``width`` in pages as tall as this
        widget: more than it has when a sentence alone is taller."""
        return self.tallest(font, width, self.height(), columns)

    def tallest(self, font: QFont, width: float, height: float, columns: int) -> float:
        """The height of the tallest column (and the marker under it, in pages) when the
        text is dealt into pages ``height`` tall."""
        heights = self.sentence_heights(font, self.column_width(font, width, columns))
        pages = self.arrange(font, width, height, columns)
        if not heights or pages is None:
            return max(heights, default=0.0)
        tallest = max(sum(heights[n] for n in column) for page in pages for column in page)
        return tallest + (self.marker_height(font) if len(pages) > 1 else 0.0)

    def marker_height(self, font: QFont) -> float:
        return _line_height(self._marker_font(font))

    def _marker_font(self, font: QFont) -> QFont:
        marker = QFont(font)
        marker.setPixelSize(max(6, round(font.pixelSize() * self.PAGE_MARK)))
        marker.setBold(True)
        return marker

    def sentence_heights(self, font: QFont, width: float) -> tuple[float, ...]:
        """Each sentence's height wrapped to ``width``."""
        key = (self._text, font.key(), width)
        heights = self._heights.get(key)
        if heights is None:
            step = _line_height(font)
            heights = tuple(layout.lineCount() * step for layout in self._lines(font, width))
            if len(self._heights) >= MEASURES_KEPT:
                self._heights.clear()  # a long session's old phases: measured again if needed
            self._heights[key] = heights
        return heights

    def widest_word(self, font: QFont) -> float:
        """The widest piece that must fit a column: a word, or a whole line when lines are
        kept whole."""
        key = (self._text, font.key() + ("\n" if self._whole_lines else ""))
        width = self._widest.get(key)
        if width is None:
            metrics = QFontMetricsF(font)
            pieces = self._text.split("\n") if self._whole_lines else self._text.split()
            width = max((metrics.horizontalAdvance(piece) for piece in set(pieces)),
                        default=0.0)
            if len(self._widest) >= MEASURES_KEPT:
                self._widest.clear()
            self._widest[key] = width
        return width

    def column_width(self, font: QFont, width: float, columns: int) -> float:
        """One column's width when ``columns`` share ``width``, a line's height apart."""
        return (width - (columns - 1) * _line_height(font)) / columns

    def _lines(self, font: QFont, width: float) -> list[QTextLayout]:
        """Each sentence laid out in lines ``width`` wide."""
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layouts = []
        for sentence in self._sentences:
            layout = QTextLayout(sentence, font)
            layout.setTextOption(option)
            layout.beginLayout()
            while True:
                line = layout.createLine()
                if not line.isValid():
                    break
                line.setLineWidth(max(1.0, width))
            layout.endLayout()
            layouts.append(layout)
        return layouts

    def paintEvent(self, event: QPaintEvent) -> None:
        pages = self.pages()
        if not pages:
            return
        font = self.font()
        width = self.column_width(font, self.width(), self._columns)
        layouts = self._lines(font, width)
        step = _line_height(font)
        painter = QPainter(self)
        ink = self.palette().windowText().color()
        painter.setPen(ink)
        for number, column in enumerate(pages[self.page()]):
            x, y = number * (width + step), 0.0
            for sentence in column:
                layout = layouts[sentence]
                for index in range(layout.lineCount()):
                    line = layout.lineAt(index)
                    line.draw(painter, QPointF(x - line.x(), y - line.y()))
                    y += step
        marker = self.page_marker()
        if marker:
            painter.setFont(self._marker_font(font))
            painter.drawText(QRectF(self.rect()),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom, marker)
        painter.end()


def _deal(heights: tuple[float, ...], limit: float) -> list[list[int]]:
    """Sentences (by number) into columns in order, each column as full as ``limit``
    allows (every sentence is no taller than it)."""
    columns: list[list[int]] = [[]]
    used = 0.0
    for number, height in enumerate(heights):
        if columns[-1] and used + height > limit + 1e-6:
            columns.append([])
            used = 0.0
        columns[-1].append(number)
        used += height
    return columns


def _line_height(font: QFont) -> float:
    return QFontMetricsF(font).lineSpacing()
