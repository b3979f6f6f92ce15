"""A chart of measured internal rotation over time, both sides, against the typical band.

Drawn with QPainter: one simple line chart does not justify the extra Qt add-on package.
Dates are written as everywhere in the history windows (``dates``).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from hiptimer.base.local_format import decimal_text
from hiptimer.base.translation import _, ngettext
from hiptimer.history.motion import TYPICAL_BAND
from hiptimer.ui.history.dates import date_text
from hiptimer.ui.history.measured_words import degrees_text, side_name

SIDE_COLOURS = {"left": QColor("#1f77b4"), "right": QColor("#d95f02")}
GAP = " " * 10
"""Between the legend's two words."""


class MotionChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.measurements: list[tuple[date, str, float]] = []
        self.setMinimumSize(320, 220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAccessibleName(_("Range of motion chart"))
        self.setAccessibleDescription(self.spoken())

    def set_measurements(self, measurements: Sequence[tuple[date, str, float]]) -> None:
        self.measurements = list(measurements)
        self.setAccessibleDescription(self.spoken())
        self.update()

    def spoken(self) -> str:
        """What the chart shows, in words: a drawn chart says nothing to a screen reader."""
        band = _("Internal rotation against the typical {low}-{high}°.").format(
            low=decimal_text(TYPICAL_BAND[0], 2), high=decimal_text(TYPICAL_BAND[1], 2))
        if not self.measurements:
            return " ".join((band, _("No measurements yet.")))
        sides = []
        for side in SIDE_COLOURS:
            taken = sorted((d, v) for d, s, v in self.measurements if s == side)
            if not taken:
                continue
            (first_day, first), (last_day, last) = taken[0], taken[-1]
            sides.append(_side_said(side, len(taken)).format(
                last=degrees_text(last), last_day=date_text(last_day, self.locale()),
                first=degrees_text(first), first_day=date_text(first_day, self.locale()),
                count=len(taken)))
        return f"{band} {'; '.join(sides)}."

    def date_labels(self) -> list[str]:
        """The dates written under the time axis: the first measurement's, and the last's."""
        if not self.measurements:
            return []
        first = min(d for d, _, _ in self.measurements)
        last = max(d for d, _, _ in self.measurements)
        return [date_text(day, self.locale()) for day in ([first] if first == last
                                                          else [first, last])]

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        text = self.palette().windowText().color()
        area = QRectF(self.rect()).adjusted(48, 16, -16, -36)
        values = [d for _, _, d in self.measurements]
        top = max([60.0, *values]) + 5
        bottom = min([20.0, *values]) - 5

        def y(degrees: float) -> float:
            return area.bottom() - (degrees - bottom) / (top - bottom) * area.height()

        band = QRectF(area.left(), y(TYPICAL_BAND[1]), area.width(),
                      y(TYPICAL_BAND[0]) - y(TYPICAL_BAND[1]))
        painter.fillRect(band, QColor(46, 160, 67, 60))
        painter.setPen(text)
        painter.drawText(band.adjusted(6, 2, 0, 0), Qt.AlignmentFlag.AlignLeft,
                         _("typical {low}-{high}°").format(low=decimal_text(TYPICAL_BAND[0], 2),
                                                           high=decimal_text(TYPICAL_BAND[1], 2)))
        painter.drawLine(area.bottomLeft(), area.bottomRight())
        painter.drawLine(area.bottomLeft(), area.topLeft())
        step = 10
        for degrees in range(int(bottom) // step * step + step, int(top), step):
            painter.drawText(QRectF(0, y(degrees) - 8, 42, 16),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                             f"{degrees}°")
        if not self.measurements:
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter,
                             _("No measurements yet: add one above"))
            return
        days = [d.toordinal() for d, _, _ in self.measurements]
        first, last = min(days), max(days)
        span = max(1, last - first)

        def x(day: date) -> float:
            if first == last:
                return area.center().x()
            return area.left() + (day.toordinal() - first) / span * area.width()

        for side, colour in SIDE_COLOURS.items():
            points = [QPointF(x(d), y(v)) for d, s, v in self.measurements if s == side]
            painter.setPen(QPen(colour, 2.5))
            for a, b in itertools.pairwise(points):
                painter.drawLine(a, b)
            painter.setBrush(colour)
            for point in points:
                painter.drawEllipse(point, 4, 4)
        painter.setPen(text)
        below = QRectF(area.left(), area.bottom() + 4, area.width(), 16)
        labels = self.date_labels()
        painter.drawText(below, Qt.AlignmentFlag.AlignLeft, labels[0])
        if len(labels) > 1:
            painter.drawText(below, Qt.AlignmentFlag.AlignRight, labels[-1])
        legend = QRectF(area.left(), area.bottom() + 18, area.width(), 16)
        painter.setPen(SIDE_COLOURS["left"])
        # Both centred, each padded on the side of the other, so they stand side by side.
        painter.drawText(legend, Qt.AlignmentFlag.AlignHCenter, side_name("left") + GAP)
        painter.setPen(SIDE_COLOURS["right"])
        painter.drawText(legend, Qt.AlignmentFlag.AlignHCenter, GAP + side_name("right"))


def _side_said(side: str, count: int) -> str:
    """What the chart says of one side, before its values are filled in: its last
    measurement, and its first too when there are several."""
    if count == 1:
        return (_("Left: {last} on {last_day}") if side == "left"
                else _("Right: {last} on {last_day}"))
    if side == "left":
        return ngettext("Left: {last} on {last_day}, from {first} on {first_day} "
                        "({count} measurement)",
                        "Left: {last} on {last_day}, from {first} on {first_day} "
                        "({count} measurements)", count)
    return ngettext("Right: {last} on {last_day}, from {first} on {first_day} "
                    "({count} measurement)",
                    "Right: {last} on {last_day}, from {first} on {first_day} "
                    "({count} measurements)", count)
