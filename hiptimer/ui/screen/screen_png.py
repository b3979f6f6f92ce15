"""``hiptimer picture --screen``: the whole session screen written to a PNG file, as it looks
during an exercise's first work phase, with no window shown and no display needed (Qt's
offscreen platform is chosen when there is no display).

The session runs on a fake clock jumped to the moment wanted: a hold a third of the way
through its countdown; a rep early in its way up (``start``) or held at its top (``end``).
The body figure moves by that clock too, so the picture shows that moment, not whatever
time passed while it was made. Nothing is played, recorded or written but the PNG.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import QByteArray, QDeadlineTimer, QEventLoop, Qt
from PySide6.QtGui import QImage, QImageWriter
from PySide6.QtWidgets import QApplication

from hiptimer.base.locations import builtin_routines_dir
from hiptimer.base.preferences import Theme
from hiptimer.base.problem import RoutineError
from hiptimer.base.translation import _
from hiptimer.routine.catalogue import NotFound, exercise_index, locate_exercise, routine_files
from hiptimer.routine.model import Routine, TextField
from hiptimer.routine.parse import load_routine
from hiptimer.session.clock import FakeClock
from hiptimer.session.engine import Session
from hiptimer.session.state import State
from hiptimer.session.status import side_mark, status_of
from hiptimer.session.timeline import Phase, PhaseKind, Timeline, compile_timeline
from hiptimer.ui.common.theme import DARK, LIGHT
from hiptimer.ui.screen.figure_motion import SELF_PACED_SECONDS
from hiptimer.ui.screen.moving_figure import MovingFigure
from hiptimer.ui.screen.session_view import SessionView

HOLD_LEFT = 2 / 3
"""A hold is shown with this share of its time left: under way, most of it to come."""
SELF_PACED_HOLD = 12.0
"""A hold that lasts until the person moves on is shown after this many seconds."""
SHOWN_REP = 3
"""The rep shown (or the last, for fewer): the count and the phase's bar have moved on."""
UP_SHARE = 0.25
"""``start`` shows the rep this far through its way up: on its way, close to the start."""
PICTURE_WAIT_MS = 5000
"""How long a routine's own picture may take to be read and drawn before it is left out."""
START = 1000.0
"""The fake clock's first reading (any will do)."""


class NoScreen(Exception):
    """There is no screen to draw; the message says why, for a person."""


class Pose(StrEnum):
    """Where in a rep the screen is shown."""

    START = "start"
    END = "end"


@dataclass(frozen=True)
class ScreenShot:
    """What ``hiptimer picture --screen`` was asked to draw."""

    name: str
    """The exercise's name."""
    routine: str | None
    """A routine file or a library routine's name; None: the first built-in routine with
    an exercise of that name."""
    side: str
    """``left`` or ``right``."""
    pose: Pose
    size: tuple[int, int]
    theme: Theme


def write_screen_png(shot: ScreenShot, path: str) -> str | None:
    """Draw the screen ``shot`` asks for into the PNG file ``path``; the problem, if any."""
    try:
        routine, index = _routine_with(shot.name, shot.routine)
        timeline = compile_timeline(routine)
        phase = _first_work(timeline, index, shot.side)
    except NoScreen as exc:
        return str(exc)
    _application()
    image = screen_image(timeline, phase, shot)
    writer = QImageWriter(path, QByteArray(b"PNG"))
    if not writer.write(image):
        # Translators: {problem} is the system's reason, as it gives it.
        return _("cannot write {path}: {problem}").format(path=path,
                                                          problem=writer.errorString())
    return None


def screen_image(timeline: Timeline, phase: Phase, shot: ScreenShot) -> QImage:
    """The session screen of ``timeline`` in its work phase ``phase``, at the moment
    ``shot``'s pose says, drawn at its size in its look (a QApplication must exist)."""
    clock = FakeClock(START)
    session = Session(timeline, clock)
    view = SessionView()
    view.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)  # drawn, never on a display
    view.resize(*shot.size)
    view.apply_look(DARK if shot.theme is Theme.DARK else LIGHT, 1.0)
    # The figure keeps the session's time, not the wall clock's.
    view.picture.moving = MovingFigure(view.picture, now=clock.now)
    view.show()
    session.start()
    _walk_to(session, clock, phase.index)
    began = clock.now()
    view.show_status(status_of(session))
    _wait_for_picture(view)
    for offset in _moments(phase, shot.pose):
        clock.jump(session, began + offset)
        view.show_status(status_of(session))
    if view.picture.moving is not None:
        view.picture.moving.setGeometry(view.picture.rect())
    image = QImage(*shot.size, QImage.Format.Format_RGB32)
    image.setDevicePixelRatio(1.0)
    view.render(image)
    view.close()
    view.deleteLater()
    return image


def _routine_with(name: str, wanted: str | None) -> tuple[Routine, int]:
    """The routine asked for (or the first built-in one with an exercise called ``name``),
    and that exercise's place in it."""
    if wanted is not None:
        try:
            return locate_exercise(wanted, name)
        except NotFound as exc:
            raise NoScreen(str(exc)) from None
    for path in routine_files(builtin_routines_dir()):
        try:
            routine = load_routine(path)
        except RoutineError:
            continue
        index = exercise_index(routine, name)
        if index is not None:
            return routine, index
    # Translators: --routine is the command's option, as typed.
    raise NoScreen(_("no built-in routine has an exercise called {name}; name the routine "
                     "it is in with --routine").format(name=repr(name)))


def _first_work(timeline: Timeline, index: int, side: str) -> Phase:
    """The exercise's first work phase on ``side`` (left or right): the one whose label
    names it, else the first side listed for the left and the second for the right."""
    work = [p for p in timeline.phases if p.kind is PhaseKind.WORK and p.exercise_index == index]
    if not work:
        raise NoScreen(_("{exercise} has no work to show").format(
            exercise=timeline.routine.exercises[index].text(TextField.NAME)))
    mark = side[0].upper()
    named = [p for p in work if side_mark(p.side) == mark]
    if named:
        return named[0]
    sides = list(dict.fromkeys(p.side for p in work))
    wanted = sides[min(len(sides) - 1, 0 if mark == "L" else 1)]
    return next(p for p in work if p.side == wanted)


def _walk_to(session: Session, clock: FakeClock, index: int) -> None:
    """Run the session to the start of phase ``index`` as it would go, phase end to phase
    end; a phase that waits for the person is moved on from at once."""
    while session.index < index and session.state is State.RUNNING:
        before = session.index
        deadline = session.deadline()
        if deadline is not None:
            clock.jump(session, deadline)
        if session.index == before:
            session.next()


def _moments(phase: Phase, pose: Pose) -> list[float]:
    """Seconds into the phase at which the screen is shown, the last being the picture's:
    a rep is shown at its start first, for the figure to move from there."""
    if phase.reps is None:
        if phase.duration is None:
            return [SELF_PACED_HOLD]
        return [max(1.0, phase.duration - round(phase.duration * HOLD_LEFT))]
    tempo = phase.tempo
    if tempo is None or tempo.self_paced:
        seconds = SELF_PACED_SECONDS
        return [UP_SHARE * seconds / 2 if pose is Pose.START else seconds / 2]
    step = tempo.seconds_per_rep
    rep = min(SHOWN_REP, phase.reps)
    if phase.duration is not None:
        rep = max(1, min(rep, int(phase.duration // step)))
    at = (rep - 1) * step
    if len(tempo.parts) == 3:
        up, hold, _ = tempo.parts
        inside = up * UP_SHARE if pose is Pose.START else up + hold / 2
    else:  # there and back over the rep: its end is halfway
        inside = step * UP_SHARE / 2 if pose is Pose.START else step / 2
    return [at, at + inside]


def _wait_for_picture(view: SessionView) -> None:
    """Let a routine's own picture be read and drawn on its worker, for a while."""
    deadline = QDeadlineTimer(PICTURE_WAIT_MS)
    while view.picture.is_waiting() and not deadline.hasExpired():
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


def _application() -> None:
    """A QApplication for the widgets, offscreen when there is no display."""
    if QApplication.instance() is None:
        if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _keep.append(QApplication(sys.argv[:1]))


_keep: list[QApplication] = []
"""The application made here, kept alive while the command runs."""
