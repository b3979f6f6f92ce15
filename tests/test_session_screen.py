"""The session screen as it is seen from the floor: sizes, colours, the side, the picture.

Each screen is the view alone at a full screen's size (as it is with F11: nothing else in
the window), showing the status of a real session moved on by a fake clock.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QFont, QPaintEvent, QPixmap, QTextLayout
from pytestqt.qtbot import QtBot

from hiptimer.routine.model import Routine
from hiptimer.routine.parse import load_routine
from hiptimer.session.clock import FakeClock
from hiptimer.session.engine import Session
from hiptimer.session.state import State
from hiptimer.session.status import Status, status_of
from hiptimer.session.timeline import Phase, PhaseKind, compile_timeline
from hiptimer.ui.common import theme
from hiptimer.ui.screen.column_text import ColumnText
from hiptimer.ui.screen.figure import Figure
from hiptimer.ui.screen.parts import PauseVeil
from hiptimer.ui.screen.session_view import SessionView

from .support.checkout import REPO

SCREENS = [(800, 600), (1024, 768), (1280, 720), (1366, 768), (1920, 1080), (2560, 1440)]
BUILTINS = sorted((REPO / "routines").glob("*.yaml"))


def session_at(routine: Routine, phase_of: Phase, into: float = 1.5) -> Session:
    """A session of ``routine`` running ``into`` seconds into ``phase_of``."""
    clock = FakeClock(100)
    session = Session(compile_timeline(routine), clock)
    session.start()
    while session.phase.index < phase_of.index:
        session.next()
    clock.advance(into)
    session.advance()
    return session


def screen(qtbot: QtBot, status: Status, size: tuple[int, int], scale: float = 1.0,
           look: theme.Look = theme.LIGHT) -> SessionView:
    view = SessionView()
    qtbot.addWidget(view)
    view.resize(*size)
    view.apply_look(look, scale)
    view.show_status(status)
    return view


def first(routine: Routine, hold: bool) -> Phase:
    return next(p for p in compile_timeline(routine).phases
                if p.kind is PhaseKind.WORK and p.is_hold == hold and p.duration)


def text_fits(view: SessionView) -> bool:
    text = view.description
    return text.height_needed(text.font(), text.width(), text.columns()) <= text.height()


@pytest.mark.parametrize("size", SCREENS, ids=[f"{w}x{h}" for w, h in SCREENS])
def test_a_holds_countdown_is_at_least_two_fifths_of_the_screen(qtbot: QtBot,
                                                                size: tuple[int, int]) -> None:
    for path in BUILTINS:
        routine = load_routine(path)
        if not any(e.hold for e in routine.exercises):
            continue
        view = screen(qtbot, status_of(session_at(routine, first(routine, hold=True))), size)
        assert view.countdown.text().isdigit() or ":" in view.countdown.text()
        assert view.countdown.digit_height() >= 0.40 * size[1], (path.name, size)
        assert view.countdown.geometry().height() >= view.countdown.digit_height()


@pytest.mark.parametrize("size", SCREENS, ids=[f"{w}x{h}" for w, h in SCREENS])
def test_reps_show_the_rep_count_big_and_the_tempo_as_a_bar(qtbot: QtBot,
                                                           size: tuple[int, int]) -> None:
    routine = load_routine(REPO / "routines" / "hip-strength.yaml")
    # The first lift paced up-hold-down (the warm-up before it has a plain tempo).
    reps = next(p for p in compile_timeline(routine).phases if p.kind is PhaseKind.WORK
                and not p.is_hold and p.tempo is not None and len(p.tempo.parts) == 3)
    session = session_at(routine, reps, into=0.5)
    view = screen(qtbot, status_of(session), size)
    assert view.countdown.text() == f"1/{reps.reps}"
    assert not view.tempo.isHidden() and view.tempo.word() == "UP"
    assert view.tempo.width() >= 0.9 * size[0]
    assert "left" in view.details.text()  # the phase's time moved to a smaller line
    # As big as a hold's; on a 4:3 screen the picture and the description cost a little.
    wide = size[0] >= 1.5 * size[1]
    assert view.countdown.digit_height() >= (0.40 if wide else 0.35) * size[1]
    two_digits = next(p for p in compile_timeline(routine).phases
                      if p.kind is PhaseKind.WORK and p.reps and p.reps >= 10)
    view = screen(qtbot, status_of(session_at(routine, two_digits, into=0.5)), size)
    assert view.countdown.text() == f"1/{two_digits.reps}"
    assert view.countdown.digit_height() >= (0.40 if wide else 0.35) * size[1]


@pytest.mark.parametrize("scale", [1.0, 1.25, 1.5])
@pytest.mark.parametrize("size", SCREENS, ids=[f"{w}x{h}" for w, h in SCREENS])
def test_descriptions_are_large_and_never_cut(qtbot: QtBot, size: tuple[int, int],
                                              scale: float) -> None:
    for path in BUILTINS:
        routine = load_routine(path)
        timeline = compile_timeline(routine)
        seen: set[str] = set()
        for phase in timeline.phases:
            if phase.kind is not PhaseKind.WORK or phase.exercise in seen or not phase.duration:
                continue
            seen.add(phase.exercise)
            view = screen(qtbot, status_of(session_at(routine, phase)), size, scale)
            assert view.description.text(), phase.exercise
            assert view.description.font().pixelSize() >= 0.035 * size[1] - 1e-6
            assert text_fits(view), (path.name, phase.exercise, size, scale)
            assert QRect(0, 0, *size).contains(view.description.geometry())
            assert not view.description.geometry().intersects(view.countdown.geometry()) \
                or view.countdown.text() == ""


def test_every_builtin_exercise_has_its_picture_flipped_for_the_other_side(
        qtbot: QtBot) -> None:
    for path in BUILTINS:
        routine = load_routine(path)
        for phase in compile_timeline(routine).phases:
            if phase.kind is not PhaseKind.WORK or not phase.duration:
                continue
            status = status_of(session_at(routine, phase))
            view = screen(qtbot, status, (1280, 720))
            assert view.picture.has_picture() and not view.picture.isHidden(), phase.exercise
            if status.side_mark() in ("L", "R"):
                assert view.picture.is_mirrored() == (status.side_mark() == "R")
                assert view.side.mark() == status.side_mark() and not view.side.isHidden()


@pytest.mark.parametrize("look", [theme.LIGHT, theme.DARK], ids=["light", "dark"])
def test_the_whole_screen_takes_the_phase_colour_and_text_keeps_contrast(
        qtbot: QtBot, look: theme.Look) -> None:
    routine = load_routine(REPO / "routines" / "daily-short.yaml")
    timeline = compile_timeline(routine)
    seen = set()
    for phase in timeline.phases:
        if phase.kind in seen or not phase.duration:
            continue
        seen.add(phase.kind)
        view = screen(qtbot, status_of(session_at(routine, phase)), (1280, 720), look=look)
        ground = view.palette().window().color().name()
        ink = view.palette().windowText().color().name()
        assert view.status is not None and ground == look.phase[view.status.colour]
        assert view.autoFillBackground() and theme.contrast(ground, ink) >= 4.5
        corner = view.grab().toImage().pixelColor(2, 2).name()
        assert corner == ground  # edge to edge
    assert len(seen) == 4  # get ready, work, rest, switch
    for ground in look.phase.values():
        assert theme.contrast(ground, look.on_phase) >= 4.5
        dimmed = "#{:02x}{:02x}{:02x}".format(
            *(round(int(ground[i:i + 2], 16) * (1 - PauseVeil.DIM)) for i in (1, 3, 5)))
        assert theme.contrast(dimmed, "#ffffff") >= 4.5  # PAUSED on the veil


def test_paused_veils_the_screen_and_muted_shows_the_sign(qtbot: QtBot) -> None:
    routine = load_routine(REPO / "routines" / "daily-short.yaml")
    session = session_at(routine, first(routine, hold=True))
    view = screen(qtbot, status_of(session, muted=True), (1280, 720))
    view.show()
    assert view.mute.isVisible() and not view.veil.isVisible()
    assert view.mute.geometry().height() >= 0.07 * 720
    session.pause()
    view.show_status(status_of(session, muted=False))
    assert view.veil.isVisible() and view.veil.geometry() == view.rect()
    assert not view.mute.isVisible()
    session.resume()
    view.show_status(status_of(session))
    assert not view.veil.isVisible()


def test_the_end_says_what_was_done(qtbot: QtBot) -> None:
    routine = load_routine(REPO / "routines" / "daily-short.yaml")
    clock = FakeClock(0)
    session = Session(compile_timeline(routine), clock)
    session.start()
    while session.state is State.RUNNING:
        session.next()
    view = screen(qtbot, status_of(session), (1280, 720))
    view.show_summary(["Worked 10:00", "3 exercises"])
    assert view.countdown.text() == "✓" and view.banner.text() == "DONE"
    assert view.description.text() == "Worked 10:00\n3 exercises"
    assert text_fits(view)


def test_a_long_label_for_a_side_is_written_out(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text("name: R\nexercises:\n  - name: Lunge\n    hold: 30s\n"
                    "    sides: [front foot, back foot]\n")
    routine = load_routine(path)
    view = screen(qtbot, status_of(session_at(routine, first(routine, hold=True))),
                  (1280, 720))
    assert view.side.mark() == "Front foot" and view.side.width() > view.side.height()
    assert view.side.geometry().right() < 1280


def test_a_side_label_of_any_length_stays_on_the_screen(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    long = "with the knee turned well in " * 3
    path.write_text(f"name: R\nexercises:\n  - name: Lunge\n    hold: 30s\n"
                    f"    sides: ['{long.strip()}', 'other']\n")
    routine = load_routine(path)
    view = screen(qtbot, status_of(session_at(routine, first(routine, hold=True))),
                  (800, 600))
    assert view.side.width() <= 400 and view.side.geometry().right() < 800
    assert view.exercise.geometry().right() < view.side.geometry().left()
    view.side.grab()  # paints, writing the label smaller to fit


def test_the_tempo_bar_fills_evenly_over_the_part(qtbot: QtBot) -> None:
    routine = load_routine(REPO / "routines" / "hip-strength.yaml")
    reps = first(routine, hold=False)
    view = screen(qtbot, status_of(session_at(routine, reps, into=0.5)), (1280, 720))
    view.tempo.show_part("UP", 0, 2000, running=True)
    filling = view.tempo._timeline  # what moves the bar between statuses
    assert [filling.frameForTime(ms) for ms in (0, 500, 1000, 1500)] == [0, 250, 500, 750]
    view.tempo.stop()


class CountedFigure(Figure):
    """A figure that notes the boxes Qt asks it to paint again."""

    def __init__(self) -> None:
        super().__init__()
        self.painted: list[QRect] = []

    def paintEvent(self, event: QPaintEvent) -> None:
        self.painted.append(event.rect())
        super().paintEvent(event)


def test_a_new_second_paints_only_the_digits_that_changed(qtbot: QtBot) -> None:
    """Most seconds one digit changes: only its box is painted again, and what the figure
    shows after any run of seconds is what a figure showing that time from the start shows."""
    counting, fresh = CountedFigure(), Figure()
    for figure in (counting, fresh):
        qtbot.addWidget(figure)
        figure.resize(900, 400)
        figure.set_digit_height(300)
        figure.show()
        qtbot.waitExposed(figure)
    counting.setText("1:00")
    qtbot.waitUntil(lambda: bool(counting.painted))
    for seconds in range(59, 7, -1):
        counting.painted.clear()
        counting.setText(f"0:{seconds:02d}")
        qtbot.waitUntil(lambda: bool(counting.painted))
        if seconds % 10 != 9:  # only the last digit changed
            assert [box.width() < counting.width() // 4 for box in counting.painted] == [True]
    fresh.setText("0:08")
    assert counting.grab().toImage() == fresh.grab().toImage()


class DrawCountingFigure(Figure):
    """A figure that counts the characters it draws afresh (not copied from its cache)."""

    def __init__(self) -> None:
        super().__init__()
        self.drawn: list[tuple[str, int]] = []

    def _draw_glyph(self, ch: str, colour: QColor) -> QPixmap:
        self.drawn.append((ch, self.digit_height()))
        return super()._draw_glyph(ch, colour)


def test_phases_that_take_turns_at_two_heights_draw_their_digits_once(qtbot: QtBot) -> None:
    """Reps, rest, reps again: the rep count and the countdown have digits of their own
    heights; coming back to a height copies the digits drawn before and looks the same."""
    figure, fresh = DrawCountingFigure(), Figure()
    for widget in (figure, fresh):
        qtbot.addWidget(widget)
        widget.resize(900, 400)
        widget.show()
        qtbot.waitExposed(widget)
    turns = [(300, "3/10"), (360, "0:30"), (300, "4/10"), (360, "0:29")]
    for height, text in turns:
        figure.set_digit_height(height)
        figure.setText(text)
        figure.grab()  # painted, as the screen shows it
    assert sorted(figure.drawn) == sorted({(ch, h) for h, text in turns for ch in set(text)})
    fresh.set_digit_height(360)
    fresh.setText("0:29")
    assert figure.grab().toImage() == fresh.grab().toImage()


def test_a_phase_like_an_earlier_one_is_laid_out_alike_without_measuring_again(
        qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    """The second set of an exercise, after its rest, has the first set's screen: the same
    sizes and places, found from what was measured for the first."""
    routine = load_routine(REPO / "routines" / "complete-session.yaml")
    phases = compile_timeline(routine).phases
    work = [p for p in phases if p.kind is PhaseKind.WORK]
    index = next(p.exercise_index for p in work  # the first exercise of more than one set
                 if sum(q.exercise_index == p.exercise_index for q in work) > 1)
    sets = [p for p in work if p.exercise_index == index]
    rest = next(p for p in phases[phases.index(sets[0]):] if p.kind is PhaseKind.REST)
    view = screen(qtbot, status_of(session_at(routine, sets[0])), (1280, 720))
    first_places = [w.geometry() for w in (view.countdown, view.description, view.picture)]
    first_font = view.description.font().pixelSize()
    view.show_status(status_of(session_at(routine, rest)))
    measured: list[float] = []
    lines = ColumnText._lines

    def measuring(text: ColumnText, font: QFont, width: float) -> list[QTextLayout]:
        measured.append(width)
        return lines(text, font, width)

    monkeypatch.setattr(ColumnText, "_lines", measuring)
    view.show_status(status_of(session_at(routine, sets[1])))
    assert measured == []
    assert [w.geometry() for w in (view.countdown, view.description, view.picture)] \
        == first_places
    assert view.description.font().pixelSize() == first_font
    assert text_fits(view)
