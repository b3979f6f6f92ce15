"""A plain progress bar whose fill moves without any code of ours running to paint it.

``QProgressBar.setValue`` paints at once, outside the event loop's batching, every time it
is called, and a session sets two bars every second. Here the fill is a child widget that
Qt paints in the highlight colour: a new value only moves its edge, and only when the edge
would move by a pixel.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QPalette, QResizeEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from hiptimer.session.vocabulary import BAR_FULL


class Bar(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._value = 0
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.setAutoFillBackground(True)
        self._fill = QWidget(self)
        self._fill.setBackgroundRole(QPalette.ColorRole.Highlight)
        self._fill.setAutoFillBackground(True)
        self._place()

    def sizeHint(self) -> QSize:
        return QSize(100, max(8, self.fontMetrics().height() // 2))

    def value(self) -> int:
        """Thousandths filled."""
        return self._value

    def setValue(self, value: int) -> None:
        value = max(0, min(BAR_FULL, value))
        if value != self._value:
            self._value = value
            self._place()

    def _place(self) -> None:
        width = self.width() * self._value // BAR_FULL
        if (width, self.height()) != (self._fill.width(), self._fill.height()):
            self._fill.setGeometry(0, 0, width, self.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place()
