"""An animated picture played on the session screen: its frames, decoded and fitted to
their box on a worker (``picture_drawer.draw_frames``), shown one after another at the
delays the file asks for, as many times as it says.

One single-shot timer waits for the next frame, and only while the picture is on screen and
the session runs: a picture nobody sees, or a paused session, costs nothing. A
frame asking for less than ``MIN_DELAY_MS`` is shown that long: never more than 30 frames a
second. (Qt already reads a delay of none or a hundredth of a second as a tenth, as web
browsers do: GIFs that ask for none were made to be seen at that pace.)
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QImage

from hiptimer.ui.screen.picture_drawer import Frame

MIN_DELAY_MS = 34
"""The shortest a frame is shown: a thirtieth of a second, rounded up to whole ms."""
FOREVER = -1
"""Loops that never end, as Qt reads a GIF's NETSCAPE2.0 block of 0."""


def shown_for(frame: Frame) -> int:
    """How long ``frame`` is shown, in milliseconds."""
    return max(MIN_DELAY_MS, frame.delay_ms)


class FramePlayer(QObject):
    """Steps through an animation's frames: ``step`` shows the next (the timer's work, or a
    test's), ``current`` is the frame shown, ``frame_changed`` says when it changed."""

    frame_changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._frames: tuple[Frame, ...] = ()
        self._index = 0
        self._again = 0
        """How many more times it plays from the start (``FOREVER``: without end)."""
        self._on_screen = False
        self._held = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timer_timeout)

    def load(self, frames: Sequence[Frame], loops: int, fresh: bool) -> None:
        """Play ``frames`` (none: nothing), ``loops`` more times after the first. A
        ``fresh`` animation starts from its first frame; the same one drawn for another box
        goes on from the frame it shows, at the pace it was keeping."""
        frames = tuple(frames)
        if fresh or len(frames) != len(self._frames):
            self._index, self._again = 0, loops
            self._timer.stop()
        self._frames = frames
        self._schedule()

    def current(self) -> QImage | None:
        """The frame shown now, if there is an animation."""
        return self._frames[self._index].image if self._frames else None

    def index(self) -> int:
        return self._index

    def is_playing(self) -> bool:
        """A next frame is awaited: there is one, it is on screen and not held."""
        return self._timer.isActive()

    def next_in(self) -> int | None:
        """How long the frame shown is shown in all, in ms, while it plays; else None."""
        return self._timer.interval() if self._timer.isActive() else None

    def set_on_screen(self, on_screen: bool) -> None:
        """Play only while the picture can be seen."""
        if on_screen != self._on_screen:
            self._on_screen = on_screen
            self._schedule()

    def set_held(self, held: bool) -> None:
        """Hold the frame shown (a paused session); let go, it is shown its whole delay
        again."""
        if held != self._held:
            self._held = held
            self._schedule()

    def step(self) -> None:
        """Show the next frame: after the last, the first again while loops are left; at the
        very end the last frame stays."""
        if len(self._frames) < 2:
            return
        if self._index + 1 < len(self._frames):
            self._index += 1
        elif self._again != 0:
            self._index = 0
            if self._again != FOREVER:
                self._again -= 1
        else:
            self._timer.stop()
            return
        self._timer.stop()
        self._schedule()
        self.frame_changed.emit()

    def _finished(self) -> bool:
        return self._index == len(self._frames) - 1 and self._again == 0

    def _schedule(self) -> None:
        """The timer armed for the next frame when one is due to be seen; else stopped."""
        if len(self._frames) < 2 or not self._on_screen or self._held or self._finished():
            self._timer.stop()
        elif not self._timer.isActive():
            self._timer.start(shown_for(self._frames[self._index]))

    def _on_timer_timeout(self) -> None:
        self.step()
