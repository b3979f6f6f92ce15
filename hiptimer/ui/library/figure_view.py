"""The editor's view of the selected exercise as the session will show it: its picture, or
its body figure going through its rep, with a line saying where it comes from.

A figure with an end pose goes there and back at a calm pace, again and again; it asks for
a frame at most thirty times a second (``moving_figure.FRAME_MS``), only for the part of it
that moves, and only while it is on screen and moves. A hold stands still and is drawn once.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QRectF, Qt, QTimer
from PySide6.QtGui import QHideEvent, QPainter, QPaintEvent, QShowEvent
from PySide6.QtWidgets import QFrame, QStackedLayout, QVBoxLayout, QWidget

from hiptimer.body.figure_file import Figure
from hiptimer.ui.common.body_figure import FigureFrames, changing_rect, frames_of, paint_figure
from hiptimer.ui.common.plain import plain_label
from hiptimer.ui.library.exercise_shown import Shown
from hiptimer.ui.screen.figure_motion import SELF_PACED_SECONDS, Motion, still
from hiptimer.ui.screen.moving_figure import FRAME_MS
from hiptimer.ui.screen.parts import Picture

WIDTH, HEIGHT = 160, 120
"""The view's box in pixels: a figure read at a glance beside the form, 4:3 as the
session screen's picture mostly is."""


class RepFigure(QWidget):
    """A figure going through its rep and back, over and over (a hold: still)."""

    def __init__(self, parent: QWidget | None = None,
                 now: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        self.now = now
        """The clock the movement follows (a test's fake one, say)."""
        self._frames: FigureFrames | None = None
        self._motion = still(0.0)
        self._paints = 0
        self._timer = QTimer(self)
        self._timer.setInterval(FRAME_MS)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._on_timer_timeout)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def figure(self) -> Figure | None:
        return None if self._frames is None else self._frames.figure

    def set_figure(self, figure: Figure | None) -> None:
        """Show ``figure`` from the start of its movement (nothing: None)."""
        if figure == self.figure():
            return
        self._frames = None if figure is None else frames_of(figure)
        moves = self._frames is not None and self._frames.moves
        self._motion = (Motion(self.now(), seconds=SELF_PACED_SECONDS, round_trip=True,
                               loop=True) if moves else still(0.0))
        self._run()
        self.update()

    def fraction(self) -> float:
        """How far through its movement the figure is drawn now (0: start, 1: end)."""
        return self._motion.at(self.now())

    def is_moving(self) -> bool:
        """Whether frames are being asked for."""
        return self._timer.isActive()

    def paints(self) -> int:
        """How many times it has been painted."""
        return self._paints

    def _run(self) -> None:
        if self._frames is not None and self._frames.moves and self.isVisible():
            if not self._timer.isActive():
                self._timer.start()
        else:
            self._timer.stop()

    def _on_timer_timeout(self) -> None:
        if self._frames is not None:
            self.update(changing_rect(self._frames, QRectF(self.rect())).toAlignedRect())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._run()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._timer.stop()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        ground = self.palette().window().color()
        painter.fillRect(event.rect(), ground)
        if self._frames is not None:
            paint_figure(painter, QRectF(self.rect()), self._frames, self.fraction(),
                         self.palette().windowText().color(), ground)
            self._paints += 1
        painter.end()


class FigureView(QWidget):
    """The selected exercise as the session will show it, and where that comes from."""

    def __init__(self, parent: QWidget | None = None,
                 now: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        self.box = QFrame()
        self.box.setFrameShape(QFrame.Shape.StyledPanel)
        self.box.setFixedSize(WIDTH + 2 * self.box.frameWidth(),
                              HEIGHT + 2 * self.box.frameWidth())
        self.picture = Picture()
        self.moving = RepFigure(now=now)
        self._stack = QStackedLayout(self.box)
        self._stack.setContentsMargins(*(self.box.frameWidth(),) * 4)
        self._stack.addWidget(self.picture)
        self._stack.addWidget(self.moving)
        self.caption = plain_label()
        self.caption.setWordWrap(True)
        self.caption.setFixedWidth(self.box.width())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.box)
        layout.addWidget(self.caption)
        layout.addStretch(1)
        self.setAccessibleName("Exercise as the session shows it")
        self.picture.setAccessibleName("Picture of the exercise")
        self.moving.setAccessibleName("Figure of the exercise")
        self.shown: Shown | None = None

    def show_exercise(self, shown: Shown | None) -> None:
        """Show what ``shown`` says (None: no exercise selected)."""
        if shown == self.shown:
            return
        self.shown = shown
        figure = None if shown is None else shown.figure
        self.moving.set_figure(figure)
        if shown is None or figure is not None:
            self.picture.set_picture(None, False, False)
        else:
            self.picture.set_picture(shown.image, shown.flipped, shown.recolour)
        self._stack.setCurrentWidget(self.moving if figure is not None else self.picture)
        caption = "" if shown is None else shown.caption()
        self.caption.setText(caption)
        self.box.setAccessibleDescription(caption)
