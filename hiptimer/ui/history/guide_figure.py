"""The self-test's figure: the test position drawn by the body model, as every exercise is,
turning the hip in and back over and over, so the person sees the movement to measure.

The figure file is shipped beside the exercises' (not among them: those are matched to
exercise names) and is checked against anatomy like them.
"""

from __future__ import annotations

from pathlib import Path

from hiptimer.base.locations import resources_dir
from hiptimer.body.figure_file import Figure, FigureError, load_figure

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
