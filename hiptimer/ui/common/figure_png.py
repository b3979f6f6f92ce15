"""``hiptimer picture``: an exercise's figure written to a PNG file, as the session screen
draws it, in the work phase's colours, with no window and no display needed (Qt's offscreen
platform is chosen when there is no display). The exercise is a built-in one, by name, or
one of a routine's, drawn with its own figure file if it names one."""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QByteArray, QRectF
from PySide6.QtGui import QColor, QGuiApplication, QImage, QImageWriter, QPainter

from hiptimer.base.translation import _
from hiptimer.body.figure_file import Figure, FigureError, load_figure
from hiptimer.body.routine_figures import figure_file_for
from hiptimer.routine.catalogue import NotFound, locate_exercise
from hiptimer.routine.figures import builtin_figure_file, builtin_figure_names
from hiptimer.routine.model import TextField
from hiptimer.session.status import side_mark
from hiptimer.session.vocabulary import ColourRole
from hiptimer.ui.common.body_figure import frames_of, paint_figure
from hiptimer.ui.common.exercise_figures import on_side
from hiptimer.ui.common.theme import LIGHT, Look

ASPECT = 4 / 3
"""The picture's width over its height, as the session screen's picture box mostly is."""


class NoFigure(Exception):
    """There is no figure to draw; the message says why, for a person."""


def picture_figure(name: str, routine_wanted: str | None, side: str) -> Figure:
    """The figure of the built-in exercise called ``name``, or of the exercise of that name
    in the routine ``routine_wanted`` (a file, or a library routine's name), for the side
    labelled ``side``, mirrored in the body as the session screen shows it."""
    sides: tuple[str, ...] = ("left", "right")
    if routine_wanted is None:
        path = builtin_figure_file(name)
        if path is None:
            raise NoFigure(_("no figure for {name}; exercises with one: {names}").format(
                name=repr(name), names=", ".join(builtin_figure_names())))
    else:
        try:
            routine, index = locate_exercise(routine_wanted, name)
        except NotFound as exc:
            raise NoFigure(str(exc)) from None
        exercise = routine.exercises[index]
        path = figure_file_for(routine, exercise)
        if path is None:
            if exercise.image is not None:
                raise NoFigure(_("{exercise} has its own picture").format(
                    exercise=exercise.text(TextField.NAME)))
            raise NoFigure(_("{exercise} has no figure").format(
                exercise=exercise.text(TextField.NAME)))
        sides = exercise.sides or sides
        side = _label(side, sides)
    try:
        figure = load_figure(path)
    except FigureError as exc:
        raise NoFigure(str(exc)) from None
    return on_side(figure, side, len(sides) > 1 and sides.index(side) % 2 == 1)


def _label(side: str, sides: tuple[str, ...]) -> str:
    """The exercise's label for ``side`` (left or right): the one that names it, else the
    first listed for the left and the second for the right."""
    mark = side[0].upper()
    named = [label for label in sides if side_mark(label) == mark]
    return named[0] if named else sides[min(len(sides) - 1, 0 if mark == "L" else 1)]


def figure_image(figure: Figure, fraction: float, height: int, look: Look = LIGHT) -> QImage:
    """``figure`` ``fraction`` of the way through its movement, ``height`` pixels tall."""
    width = max(1, round(height * ASPECT))
    image = QImage(width, max(1, height), QImage.Format.Format_ARGB32_Premultiplied)
    ground = QColor(look.phase[ColourRole.WORK])
    image.fill(ground)
    painter = QPainter(image)
    paint_figure(painter, QRectF(0, 0, width, height), frames_of(figure), fraction,
                 QColor(look.on_phase), ground)
    painter.end()
    return image


def write_figure_png(figure: Figure, fraction: float, height: int, path: str,
                     look: Look = LIGHT) -> str | None:
    """Write the picture to ``path``; the problem, if it could not be written."""
    if QGuiApplication.instance() is None:
        if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _keep.append(QGuiApplication(sys.argv[:1]))
    image = figure_image(figure, fraction, height, look)
    writer = QImageWriter(path, QByteArray(b"PNG"))
    if not writer.write(image):
        # Translators: {problem} is the system's reason, as it gives it.
        return _("cannot write {path}: {problem}").format(path=path,
                                                          problem=writer.errorString())
    return None


_keep: list[QGuiApplication] = []
"""The application made here, kept alive while the command runs."""
