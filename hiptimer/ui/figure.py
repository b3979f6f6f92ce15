"""Text that changes every second without making the window lay itself out again.

A ``QLabel`` asks its layout to recompute on every ``setText``, and the session screen's
layout holds word-wrapped text that is costly to measure. A ``Figure`` keeps the size the
layout gave it and only repaints itself, so a ticking countdown costs one small paint.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPixmap
from PySide6.QtWidgets import QSizePolicy, QWidget


class Figure(QWidget):
    def __init__(self, alignment: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignCenter,
                 sample: str = "0:00", cached: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._alignment = alignment
        self._sample = sample
        """The widest text it is expected to show, for its size hint."""
        self._cached = cached
        """Drawn from a cache of its characters: for one line of huge text, always centred."""
        self._glyph_key: tuple[str, int, float] | None = None
        self._glyphs: dict[str, QPixmap] = {}
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:
        if text != self._text:
            # Only where the old and the new text are: a few digits, not the whole widget.
            before = self._text_rect()
            self._text = text
            self.update(before.united(self._text_rect()))

    def _text_rect(self) -> QRect:
        if not self._text:
            return QRect()
        metrics = self.fontMetrics()
        if self._cached:
            width = sum(metrics.horizontalAdvance(ch) for ch in self._text)
            centre = self.rect().center()
            return QRect(centre.x() - width // 2 - 1, centre.y() - metrics.height() // 2 - 1,
                         width + 2, metrics.height() + 2)
        return metrics.boundingRect(self.rect(), self._alignment, self._text).adjusted(
            -2, -2, 2, 2)

    def sizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        return QSize(metrics.horizontalAdvance(self._sample), metrics.height())

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        colour = self.palette().windowText().color()
        if not self._cached:
            painter.setPen(colour)
            painter.drawText(self.rect(), self._alignment, self._text)
            painter.end()
            return
        # Huge text is drawn as outlines, costly each time: each character is drawn once
        # per font, colour and screen, then copied.
        key = (self.font().key(), colour.rgba(), self.devicePixelRatioF())
        if key != self._glyph_key:
            self._glyph_key, self._glyphs = key, {}
        metrics = self.fontMetrics()
        width = sum(metrics.horizontalAdvance(ch) for ch in self._text)
        x = self.rect().center().x() - width // 2
        y = self.rect().center().y() - metrics.height() // 2
        for ch in self._text:
            glyph = self._glyphs.get(ch)
            if glyph is None:
                glyph = self._glyphs[ch] = self._draw_glyph(ch, colour)
            painter.drawPixmap(x, y, glyph)
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
