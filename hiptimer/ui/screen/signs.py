"""The session screen's two signs: the side as a big letter in a solid block, and the
sound muted as a crossed-out loudspeaker, each in the view's palette; and the bold font and
text widths the painted parts share."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFont, QFontMetricsF, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from hiptimer.base.translation import _


def bold_font(widget: QWidget, pixels: float, bold: bool = True) -> QFont:
    font = QFont(widget.font())
    font.setPixelSize(max(6, round(pixels)))
    font.setBold(bold)
    return font


class SideBadge(QWidget):
    """The side as a big letter (L, R) or the routine's label, in a solid rounded block."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._mark = ""
        self.setAccessibleName(_("Side"))

    def mark(self) -> str:
        return self._mark

    def set_mark(self, mark: str) -> None:
        if mark != self._mark:
            self._mark = mark
            self.setVisible(bool(mark))
            self.update()

    def wanted_width(self, height: int) -> int:
        """Square for one letter; wider for a label, which is written smaller."""
        if len(self._mark) <= 1:
            return height
        font = bold_font(self, height * 0.3)
        return round(advance(font, self._mark) + height * 0.3)

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self._mark:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        ink = self.palette().windowText().color()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(ink)
        radius = min(self.width(), self.height()) * 0.12
        painter.drawRoundedRect(QRectF(self.rect()), radius, radius)
        size = self.height() * (0.8 if len(self._mark) <= 1 else 0.3)
        font = bold_font(self, size)
        room = self.width() * 0.9
        wide = advance(font, self._mark)
        if wide > room > 0:  # a long label is written smaller, never cut
            font = bold_font(self, size * room / wide)
        painter.setFont(font)
        painter.setPen(self.palette().window().color())
        painter.drawText(QRectF(self.rect()), Qt.AlignmentFlag.AlignCenter, self._mark)
        painter.end()


def advance(font: QFont, text: str) -> float:
    return QFontMetricsF(font).horizontalAdvance(text)


class MuteSign(QWidget):
    """A loudspeaker crossed out: the sound is off, seen without reading."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(_("Sound muted"))

    def paintEvent(self, event: QPaintEvent) -> None:
        side = min(self.width(), self.height())
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.translate((self.width() - side) / 2, (self.height() - side) / 2)
        painter.scale(side, side)
        ink = self.palette().windowText().color()
        speaker = QPainterPath()
        speaker.moveTo(0.08, 0.36)
        speaker.lineTo(0.26, 0.36)
        speaker.lineTo(0.50, 0.14)
        speaker.lineTo(0.50, 0.86)
        speaker.lineTo(0.26, 0.64)
        speaker.lineTo(0.08, 0.64)
        speaker.closeSubpath()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(ink)
        painter.drawPath(speaker)
        pen = QPen(ink, 0.09, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.drawLine(QPointF(0.64, 0.34), QPointF(0.94, 0.66))
        painter.drawLine(QPointF(0.64, 0.66), QPointF(0.94, 0.34))
        painter.end()
