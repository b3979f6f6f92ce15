"""The editor's view of the selected exercise as the session will show it: its picture, or
its body figure going through its rep, with a line saying where it comes from.

A figure with an end pose goes there and back at a calm pace, again and again, drawn by the
session screen's own ``LoopingFigure``: at most thirty frames a second, only the part that
moves, and only while it is on screen. A hold stands still and is drawn once.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtWidgets import QFrame, QStackedLayout, QVBoxLayout, QWidget

from hiptimer.base.translation import _
from hiptimer.ui.common.plain import plain_label
from hiptimer.ui.library.exercise_shown import Shown
from hiptimer.ui.screen.figure_motion import SELF_PACED_SECONDS
from hiptimer.ui.screen.moving_figure import LoopingFigure
from hiptimer.ui.screen.parts import Picture

WIDTH, HEIGHT = 160, 120
"""The view's box in pixels: a figure read at a glance beside the form, 4:3 as the
session screen's picture mostly is."""


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
        self.moving = LoopingFigure(SELF_PACED_SECONDS, now=now)
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
        self.setAccessibleName(_("Exercise as the session shows it"))
        self.picture.setAccessibleName(_("Picture of the exercise"))
        self.moving.setAccessibleName(_("Figure of the exercise"))
        self.shown: Shown | None = None

    def show_exercise(self, shown: Shown | None) -> None:
        """Show what ``shown`` says (None: no exercise selected)."""
        if shown == self.shown:
            return
        self.shown = shown
        figure = None if shown is None else shown.figure
        self.moving.set_figure(figure)
        if shown is None or figure is not None:
            self.picture.set_picture(None, False)
        else:
            self.picture.set_picture(shown.image, shown.flipped)
        self._stack.setCurrentWidget(self.moving if figure is not None else self.picture)
        caption = "" if shown is None else shown.caption()
        self.caption.setText(caption)
        self.box.setAccessibleDescription(caption)
