"""The self-test's figure: the test position drawn by the body model, as every exercise is,
turning the hip in and back over and over, so the person sees the movement to measure.

The figure file is shipped beside the exercises' (not among them: those are matched to
exercise names) and is checked against anatomy like them.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QWidget

from hiptimer.base.locations import resources_dir
from hiptimer.body.figure_file import Figure, FigureError, load_figure
from hiptimer.ui.screen.figure_motion import Motion
from hiptimer.ui.screen.moving_figure import MovingFigure

GUIDE_FIGURE = Path("guide") / "seated-rotation-test.yaml"
"""The test position's figure file, under hiptimer's resources."""
ROUND_TRIP_SECONDS = 6.0
"""The hip turns in and back once in this long: slowly enough to follow the foot."""


def guide_figure_file() -> Path:
    """The test position's figure file, shipped with hiptimer's resources."""
    return resources_dir() / GUIDE_FIGURE


def guide_figure() -> Figure | None:
    """The test position, or None when the file cannot be used (the steps still say it)."""
    try:
        return load_figure(guide_figure_file())
    except FigureError:
        return None


class LoopingFigure(MovingFigure):
    """A figure moving start to end and back, over and over, as long as it is seen.

    No session leads it: it keeps its own round trip, and like the session screen's figure
    asks for frames only while it is visible and only when the figure has moved."""

    def __init__(self, figure: Figure | None, seconds: float = ROUND_TRIP_SECONDS,
                 parent: QWidget | None = None,
                 now: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent, now)
        self.set_figure(figure)
        self._motion.motion = Motion(now(), seconds=seconds, round_trip=True, loop=True)
