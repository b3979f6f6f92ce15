"""The exercise's body figure on the session screen, moving in time with the session.

It draws the figure (``common.body_figure``) where it is in its movement (``figure_motion``)
and, only while it moves, asks for a frame at most thirty times a second, and only when the
figure has moved by a pixel or so since the last one drawn: a still figure (a hold, a
pause, a rep between its parts) is not drawn again until something changes. It paints its
whole box itself, in the phase's colour, so nothing under it is painted with it.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QRectF, Qt, QTimer
from PySide6.QtGui import QHideEvent, QPainter, QPaintEvent, QShowEvent
from PySide6.QtWidgets import QWidget

from hiptimer.body.figure_file import Figure
from hiptimer.session.status import Status
from hiptimer.ui.common.body_figure import (
    FigureFrames,
    changing_rect,
    frames_of,
    paint_figure,
)
from hiptimer.ui.screen.figure_motion import FigureMotion, Motion, still

FRAME_MS = 34
"""The least time between two frames while the figure moves: at most thirty a second."""
LONGEST_MS = 200
"""The most time between two looks at a moving figure (it may be about to speed up)."""
STEP_PX = 1.25
"""A frame is drawn only when the figure's fastest point has moved this far: a slow
movement is drawn in fewer frames, each a little over a pixel on."""


class MovingFigure(QWidget):
    """An exercise's figure, still or moving as the statuses it follows say."""

    def __init__(self, parent: QWidget | None = None,
                 now: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        self.now = now
        """The clock the movement follows (a test's fake one, say)."""
        self._frames: FigureFrames | None = None
        self._motion = FigureMotion()
        self._drawn: float | None = None
        """The fraction last painted; None: paint whatever comes."""
        self._paints = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._on_timer_timeout)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    def figure(self) -> Figure | None:
        return None if self._frames is None else self._frames.figure

    def set_figure(self, figure: Figure | None) -> None:
        if figure == self.figure():
            return
        self._frames = None if figure is None else frames_of(figure)
        self._drawn = None
        if figure is None:
            self._timer.stop()
        self.update()

    def aspect(self) -> float:
        """Width over height of the box the figure fits in through its whole movement."""
        return 4 / 3 if self._frames is None else self._frames.aspect

    def follow(self, status: Status) -> None:
        """Take up where the session is: the figure moves (or stands) as it says."""
        if self._frames is None:
            return
        now = self.now()
        self._motion.follow(status, self._frames.moves, now)
        self._show(now)

    def loop(self, seconds: float) -> None:
        """Go from start to end and back in ``seconds``, again and again, led by no session
        (the editor's view, the self-test's guide); a hold stands still."""
        now = self.now()
        moves = self._frames is not None and self._frames.moves
        self._motion.motion = Motion(now, seconds=seconds, round_trip=True, loop=True) \
            if moves else still(0.0, now)
        self._show(now)

    def fraction(self) -> float:
        """How far through its movement the figure is drawn now (0: start, 1: end)."""
        return self._motion.fraction(self.now())

    def is_moving(self) -> bool:
        """Whether frames are being asked for."""
        return self._timer.isActive()

    def paints(self) -> int:
        """How many times it has been painted: a still figure is not painted again."""
        return self._paints

    def stop(self) -> None:
        self._timer.stop()

    def _on_timer_timeout(self) -> None:
        self._show(self.now())

    def _show(self, now: float) -> None:
        """Ask for a frame when the figure has moved enough to see (or come to rest off the
        frame drawn last); while it is on its way, look again when it will have moved a
        pixel, but no sooner than a frame's time."""
        fraction = self._motion.fraction(now)
        moving = self._motion.moving(now) and self.isVisible()
        if self._drawn is None:
            self.update()
        elif self._pixels(fraction - self._drawn) >= STEP_PX or (
                not moving and fraction != self._drawn):
            self._update_changing()
        if not moving:
            self._timer.stop()
            return
        ahead = FRAME_MS / 1000
        speed = self._pixels(self._motion.fraction(now + ahead) - fraction) / ahead
        wait = STEP_PX / speed * 1000 if speed > 0 else LONGEST_MS
        self._timer.start(round(min(LONGEST_MS, max(FRAME_MS, wait))))

    def _update_changing(self) -> None:
        """Ask for only the part of the figure that moves to be drawn again."""
        assert self._frames is not None
        self.update(changing_rect(self._frames, QRectF(self.rect())).toAlignedRect())

    def _pixels(self, fractions: float) -> float:
        """About how many pixels the fastest point moves over ``fractions`` of the way."""
        frames = self._frames
        if frames is None:
            return 0.0
        scale = min(self.width() / max(1e-6, frames.right - frames.left),
                    self.height() / max(1e-6, frames.top - frames.bottom))
        return abs(fractions) * frames.travel * scale

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._show(self.now())

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._timer.stop()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        ground = self.palette().window().color()
        painter.fillRect(event.rect(), ground)
        if self._frames is not None:
            fraction = self._motion.fraction(self.now())
            paint_figure(painter, QRectF(self.rect()), self._frames, fraction,
                         self.palette().windowText().color(), ground)
            self._drawn = fraction
            self._paints += 1
        painter.end()


class LoopingFigure(MovingFigure):
    """A figure going through its movement and back over and over while it is seen, each
    new figure from its start: where no session sets the pace."""

    def __init__(self, seconds: float, parent: QWidget | None = None,
                 now: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent, now)
        self._seconds = seconds

    def set_figure(self, figure: Figure | None) -> None:
        if figure == self.figure():
            return
        super().set_figure(figure)
        self.loop(self._seconds)
