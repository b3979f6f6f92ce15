"""The huge countdown: one centred line of text that changes every second, drawn cheaply.

A ``QLabel`` asks its layout to recompute on every ``setText``, and draws text this large
as outlines each time. A ``Figure`` keeps the size the layout gave it, repaints only where
the old and the new text are, and draws each character once per font, colour and screen,
then copies it.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import QWidget

SAMPLE = "0:00"
"""The text its size hint is made for."""


class Figure(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._glyph_key: tuple[str, int, float] | None = None
        self._glyphs: dict[str, QPixmap] = {}

    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:
        if text != self._text:
            before = self._text_rect()
            self._text = text
            self.update(before.united(self._text_rect()).adjusted(-1, -1, 1, 1))

    def sizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        return QSize(metrics.horizontalAdvance(SAMPLE), metrics.height())

    def _text_rect(self) -> QRect:
        """Where the text is drawn: centred, one character after the other."""
        if not self._text:
            return QRect()
        metrics = self.fontMetrics()
        width = sum(metrics.horizontalAdvance(ch) for ch in self._text)
        centre = self.rect().center()
        return QRect(centre.x() - width // 2, centre.y() - metrics.height() // 2, width,
                     metrics.height())

    def paintEvent(self, event: QPaintEvent) -> None:
        colour = self.palette().windowText().color()
        key = (self.font().key(), colour.rgba(), self.devicePixelRatioF())
        if key != self._glyph_key:
            self._glyph_key, self._glyphs = key, {}
        metrics = self.fontMetrics()
        where = self._text_rect()
        x = where.left()
        painter = QPainter(self)
        for ch in self._text:
            glyph = self._glyphs.get(ch)
            if glyph is None:
                glyph = self._glyphs[ch] = self._draw_glyph(ch, colour)
            painter.drawPixmap(x, where.top(), glyph)
            x += metrics.horizontalAdvance(ch)
        painter.end()

    def _draw_glyph(self, ch: str, colour: QColor) -> QPixmap:
        metrics = self.fontMetrics()
        ratio = self.devicePixelRatioF()
        glyph = QPixmap(QSize(round(metrics.horizontalAdvance(ch) * ratio),
                              round(metrics.height() * ratio)))
        glyph.setDevicePixelRatio(ratio)
        glyph.fill(Qt.GlobalColor.transparent)
        painter = QPainter(glyph)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        painter.setFont(self.font())
        painter.setPen(colour)
        painter.drawText(0, metrics.ascent(), ch)
        painter.end()
        return glyph
