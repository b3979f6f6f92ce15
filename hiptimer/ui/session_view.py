"""The session screen: what to do now, how long is left, and what comes next, from 3 m away.

It renders the session's ``Status`` and nothing else: it schedules nothing and decides
nothing, and it redraws only what changed since the last status it drew.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from hiptimer.session.state import State
from hiptimer.session.vocabulary import ColourRole, PhaseWord
from hiptimer.ui.bar import Bar
from hiptimer.ui.figure import Figure
from hiptimer.ui.plain import PlainLabel
from hiptimer.ui.theme import LIGHT, PHASE_COLOURS, Look

if TYPE_CHECKING:  # the status and the engine behind it load once a session starts
    from hiptimer.session.status import Status

SEPARATOR = "   ·   "


def details_text(status: Status) -> str:
    """The line under the exercise: level before the start, side, set and rep while it runs."""
    if status.state is State.READY:
        level = (f"Level {status.level} of {status.top_level}{SEPARATOR}"
                 if status.top_level else "")
        return f"{level}Press Space to start"
    if status.state is State.FINISHED:
        return "Well done."
    if status.state is State.STOPPED:
        return "Press Space to begin again"
    bits = [status.side_text()]
    if status.sets > 1:
        bits.append(f"Set {status.set} of {status.sets}")
    if status.reps is not None:
        part = status.tempo_part
        rep = f"Rep {status.rep or 1} of {status.reps}"
        bits.append(rep + (f"  {part.upper()}" if part else ""))
        if status.self_paced:
            bits.append("at your own pace: Next when done")
    if status.paused:
        bits.insert(0, "PAUSED")
    return SEPARATOR.join(bit for bit in bits if bit)


def totals_text(status: Status) -> tuple[str, str]:
    """The routine's time done and time left, beside its progress bar."""
    from hiptimer.routine.duration import format_clock

    if status.state is State.READY:
        return "0:00", format_clock(status.routine_left)
    if status.state is State.STOPPED:
        return "", ""
    if status.state is State.FINISHED:
        return format_clock(status.routine_done), "0:00"
    return format_clock(status.routine_done), f"-{format_clock(status.routine_left)}"


class SessionView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Repaints of the changing labels stop here instead of reaching the whole window.
        self.setAutoFillBackground(True)
        self.status: Status | None = None
        """The status on screen; ``None`` while no routine is under way."""
        self.look = LIGHT
        self.font_scale = 1.0
        self._colour = ColourRole.IDLE
        self._image: QPixmap | None = None

        self.banner = PlainLabel("READY")
        self.banner.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.banner.setObjectName("banner")
        self.exercise = PlainLabel()
        self.exercise.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.exercise.setWordWrap(True)
        self.details = PlainLabel()
        self.details.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.countdown = Figure()
        # Its text changes every second: its size must not, or each second relays the screen.
        self.countdown.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.countdown.setMinimumSize(QSize(10, 10))
        self.description = PlainLabel()
        self.description.setWordWrap(True)
        self.description.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.description.setSizePolicy(QSizePolicy.Policy.Preferred,
                                       QSizePolicy.Policy.Expanding)
        self.picture = PlainLabel()
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.hide()
        self.phase_bar = Bar()
        self.next_up = PlainLabel()
        self.next_up.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.routine_bar = Bar()
        # Labels of a fixed size (set with their font): a new time never relays the screen.
        self.elapsed = PlainLabel()
        self.remaining = PlainLabel()
        self.remaining.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        side = QVBoxLayout()
        side.addWidget(self.description, 1)
        side.addWidget(self.picture)
        self.middle = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.middle.addWidget(self.countdown, 3)
        self.middle.addLayout(side, 2)
        totals = QHBoxLayout()
        totals.addWidget(self.elapsed)
        totals.addWidget(self.routine_bar, 1)
        totals.addWidget(self.remaining)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(self.banner)
        layout.addWidget(self.exercise)
        layout.addWidget(self.details)
        layout.addLayout(self.middle, 1)
        layout.addWidget(self.phase_bar)
        layout.addWidget(self.next_up)
        layout.addLayout(totals)
        self.show_idle(None)

    def apply_look(self, look: Look, font_scale: float) -> None:
        self.look = look
        self.font_scale = font_scale
        self._restyle()
        self._resize_fonts()

    # -- what is shown ---------------------------------------------------------------------

    def show_idle(self, message: str | None) -> None:
        self.status = None
        self._colour = ColourRole.IDLE
        self.banner.setText(PhaseWord.IDLE.value)
        self._restyle()
        self.exercise.setText(message or "Choose a routine from the library")
        self.details.setText("Enter or double-click starts it")
        self.countdown.setText("")
        self.description.setText("")
        self._set_image(None)
        self.next_up.setText("")
        self.phase_bar.setValue(0)
        self.routine_bar.setValue(0)
        self.elapsed.setText("")
        self.remaining.setText("")

    def show_status(self, status: Status) -> None:
        """Put ``status`` on screen, touching only what differs from the last one shown."""
        before = self.status
        self.status = status
        if before is not None and before.only_time_differs(status):
            self._show_time(status)  # most seconds: the countdown, the bars, the totals
            return
        if before is None or before.colour != status.colour or before.word != status.word:
            self._colour = status.colour
            self.banner.setText(status.word.value)
            self._restyle()
        _set(self.exercise, status.exercise)
        _set(self.details, details_text(status))
        _set(self.description, status.description)
        if before is None or before.image != status.image:
            self._set_image(status.image)
        _set(self.next_up, status.next_text())
        self._show_time(status)

    def _show_time(self, status: Status) -> None:
        _set(self.countdown, status.figure())
        self.phase_bar.setValue(status.phase_progress)
        self.routine_bar.setValue(status.routine_progress)
        done, left = totals_text(status)
        _set(self.elapsed, done)
        _set(self.remaining, left)

    def _set_image(self, path: Path | None) -> None:
        pixmap = QPixmap(str(path)) if path is not None else None
        self._image = pixmap if pixmap is not None and not pixmap.isNull() else None
        self.picture.setVisible(self._image is not None)
        self._scale_image()

    def _scale_image(self) -> None:
        if self._image is None:
            return
        box = QSize(max(10, self.width() // 3), max(10, self.height() // 3))
        self.picture.setPixmap(self._image.scaled(box, Qt.AspectRatioMode.KeepAspectRatio,
                                                  Qt.TransformationMode.SmoothTransformation))

    def _restyle(self) -> None:
        colour = PHASE_COLOURS[self._colour]
        self.banner.setStyleSheet(f"background: {colour}; color: white; border-radius: 8px;"
                                  "padding: 4px;")
        self.description.setStyleSheet(f"color: {self.look.muted_text};")
        self.next_up.setStyleSheet(f"color: {self.look.muted_text};")

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        wide = self.width() >= 1.2 * self.height() and self.width() >= 900
        self.middle.setDirection(QBoxLayout.Direction.LeftToRight if wide
                                 else QBoxLayout.Direction.TopToBottom)
        self._resize_fonts()
        self._scale_image()

    def _resize_fonts(self) -> None:
        h, w = max(200, self.height()), max(200, self.width())
        scale = self.font_scale
        wide = self.middle.direction() == QBoxLayout.Direction.LeftToRight
        count_width = w * (0.6 if wide else 1.0)
        _font(self.banner, h * 0.055 * scale, bold=True)
        _font(self.exercise, h * 0.06 * scale, bold=True)
        _font(self.details, h * 0.04 * scale)
        _font(self.countdown, min(h * (0.40 if wide else 0.26), count_width * 0.26) * scale,
              bold=True)
        _font(self.description, max(13.0, h * 0.028 * scale))
        _font(self.next_up, h * 0.035 * scale)
        for total in (self.elapsed, self.remaining):
            _font(total, h * 0.03 * scale)
            metrics = total.fontMetrics()
            total.setFixedSize(metrics.horizontalAdvance("-0:00:00"), metrics.height())


def _set(label: QLabel | Figure, text: str) -> None:
    if label.text() != text:
        label.setText(text)


def _font(widget: QWidget, pixels: float, bold: bool = False) -> None:
    font = QFont(widget.font())
    font.setPixelSize(max(8, int(pixels)))
    font.setBold(bold)
    if font != widget.font():
        widget.setFont(font)
