"""A plain progress bar that repaints only when its filled part moves by a pixel.

``QProgressBar.setValue`` paints at once, outside the event loop's batching, every time it
is called; a session sets two bars every second, so this one only asks for a repaint,
and only when what it shows would change.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from hiptimer.session.vocabulary import BAR_FULL


class Bar(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._value = 0
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(100, max(8, self.fontMetrics().height() // 2))

    def value(self) -> int:
        """Thousandths filled."""
        return self._value

    def setValue(self, value: int) -> None:
        value = max(0, min(BAR_FULL, value))
        if value == self._value:
            return
        before = self._filled(self._value)
        self._value = value
        if self._filled(value) != before:
            self.update()

    def _filled(self, value: int) -> int:
        return self.width() * value // BAR_FULL

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        whole = self.rect()
        painter.fillRect(whole, palette.color(QPalette.ColorRole.Base))
        filled = self._filled(self._value)
        if filled:
            painter.fillRect(QRect(whole.left(), whole.top(), filled, whole.height()),
                             palette.color(QPalette.ColorRole.Highlight))
        painter.end()
