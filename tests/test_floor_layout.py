"""The session screen read from the floor three metres away, at every common screen size.

Full screen at 800x600 up to 2560x1440 (a 5:4 and 4:3 among them), at text sizes 1, 1.25 and
1.5, light and dark, in every kind of phase: the picture of the exercise keeps a quarter of
the height, the figure two fifths (a little less on a square screen), the description no
less than 3.5 % and in whole sentences (turning pages when it must), the times and what
comes next 4 % and apart, and nothing lies on top of anything else. In German and Spanish
too, whose words are longer: no line is cut, the phase word ("WIEDERHOLUNGEN") is written
smaller to fit rather than cut.

Each screen is the view alone at the screen's size, as it is with F11, showing statuses of
a real built-in routine with long descriptions, moved on by a fake clock.
"""

from __future__ import annotations

from functools import cache
from itertools import combinations

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QFontMetricsF
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from hiptimer.base.language import Language
from hiptimer.base.translation import _, installed_language
from hiptimer.routine.model import Routine
from hiptimer.routine.parse import load_routine
from hiptimer.session.clock import FakeClock
from hiptimer.session.engine import Session
from hiptimer.session.state import State
from hiptimer.session.status import Status, status_of
from hiptimer.session.timeline import Phase, PhaseKind, compile_timeline
from hiptimer.ui.common import theme
from hiptimer.ui.screen.column_text import PAGE_SECONDS, sentences
from hiptimer.ui.screen.figure import Figure
from hiptimer.ui.screen.parts import paused_word
from hiptimer.ui.screen.session_view import SessionView
from hiptimer.ui.window.main_window import RESUME_HINT, STOP_HINT

from .support.checkout import ROUTINES
from .support.languages import LANGUAGES

SIZES = [(800, 600), (1024, 768), (1280, 1024), (1366, 768), (1920, 1080), (2560, 1440)]
SCALES = [1.0, 1.25, 1.5]
LOOKS = [theme.LIGHT, theme.DARK]
KINDS = ["prepare", "hold", "reps", "switch", "rest", "paused"]


@cache
def routine() -> Routine:
    """A built-in routine whose exercises have long descriptions, reps and sides."""
    return load_routine(ROUTINES / "complete-session.yaml")


def phase_of(kind: str) -> Phase:
    phases = compile_timeline(routine()).phases
    if kind in ("hold", "paused"):
        return next(p for p in phases if p.is_hold and p.duration)
    if kind == "reps":  # the widest rep count there is, with its tempo bar
        return max((p for p in phases if p.kind is PhaseKind.WORK and p.reps and p.duration
                    and p.tempo is not None), key=lambda p: (p.reps or 0, -p.index))
    return next(p for p in phases if p.kind is PhaseKind(kind) and p.duration)


def session_at(phase: Phase, into: float = 1.5) -> tuple[Session, FakeClock]:
    """A session of the routine ``into`` seconds into ``phase``, on a fake clock."""
    clock = FakeClock(100)
    session = Session(compile_timeline(routine()), clock)
    session.start()
    while session.phase.index < phase.index:
        session.next()
    clock.advance(into)
    session.advance()
    return session, clock


def status(kind: str) -> Status:
    """The status of a phase of ``kind``, in the language installed now."""
    return _status(kind, installed_language())


@cache
def _status(kind: str, language: Language) -> Status:
    session, _ = session_at(phase_of(kind))
    if kind == "paused":
        session.pause()
    return status_of(session)


def screen(qtbot: QtBot, size: tuple[int, int], scale: float = 1.0,
           look: theme.Look = theme.LIGHT) -> SessionView:
    view = SessionView()
    qtbot.addWidget(view)
    view.resize(*size)
    view.apply_look(look, scale)
    return view


def square(size: tuple[int, int]) -> bool:
    return size[0] < 1.5 * size[1]


def painted_width(label: QLabel) -> float:
    return QFontMetricsF(label.font()).horizontalAdvance(label.text())


def shown(widget: QWidget) -> bool:
    return not widget.isHidden() and not widget.geometry().isEmpty()


def check_screen(view: SessionView, size: tuple[int, int], kind: str) -> None:
    """Everything the floor needs, on the screen as it is now."""
    w, h = size
    where = f"{kind} at {w}x{h}, text {view.font_scale}"
    status = view.status
    assert status is not None
    # The position: a quarter of the height, wherever there is an exercise.
    assert view.picture.figure() is not None, where
    assert shown(view.picture), where
    assert view.picture.drawn_size().height() >= 0.25 * h, where
    # The figure: two fifths of the height (35 % on a square screen), whole on screen.
    figure = view.countdown
    assert figure.digit_height() >= (0.35 if square(size) else 0.40) * h, where
    ink = figure.ink_rect().translated(figure.pos())
    assert figure.geometry().contains(ink) and view.rect().contains(ink), where
    # The description: large, in whole sentences, in columns and pages that fit.
    text = view.description
    assert text.font().pixelSize() >= 0.035 * h - 1e-6, where
    assert text.height_needed(text.font(), text.width(), text.columns()) <= text.height()
    dealt = [n for page in text.pages() for column in page for n in column]
    assert dealt == list(range(len(sentences(status.description)))), where
    assert bool(text.page_marker()) == (len(text.pages()) > 1), where
    # The phase, the exercise and the details: whole on their line, in any language (a
    # long word is written smaller, never cut).
    assert view.banner.text() == status.word.shown, where
    for label in (view.banner, view.exercise, view.details):
        assert painted_width(label) <= label.width(), (where, label.text())
    # What comes next and the routine's times: 4 % of the height, apart, not cut.
    bottom = [view.next_up, view.elapsed, view.remaining]
    for label in bottom:
        assert label.font().pixelSize() >= 0.04 * h - 1e-6, (where, label.text())
        assert painted_width(label) <= label.width(), (where, label.text())
    # Nothing on top of anything else, and all of it on the screen.
    parts: list[QWidget] = [view.banner, view.exercise, view.details, view.picture,
                            view.side, view.mute, figure, text, view.phase_bar, view.tempo,
                            view.routine_bar, *bottom]
    boxes = [(part, part.geometry()) for part in parts if shown(part)]
    for part, box in boxes:
        assert view.rect().contains(box), (where, describe(part))
    for (a, box_a), (b, box_b) in combinations(boxes, 2):
        assert not box_a.intersects(box_b), (where, describe(a), describe(b))
    # Paused: the word and what to press on a block of their own, whole.
    if kind == "paused":
        veil = view.veil
        assert shown(veil) and veil.geometry() == view.rect(), where
        for hint in (_(STOP_HINT), _(RESUME_HINT)):
            veil.set_hint(hint)
            block = veil.block()
            assert QRectF(view.rect()).contains(block), where
            advance = QFontMetricsF(veil.hint_font()).horizontalAdvance(hint)
            assert advance <= block.width(), where
            word = QFontMetricsF(veil.word_font()).horizontalAdvance(paused_word())
            assert word <= block.width(), where


def describe(widget: QWidget) -> str:
    if isinstance(widget, QLabel):
        return widget.text()
    return widget.accessibleName() or type(widget).__name__


@pytest.mark.parametrize("spoken", LANGUAGES, indirect=True, ids=lambda x: x.code)
@pytest.mark.parametrize("scale", SCALES)
@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_every_phase_reads_from_the_floor(qtbot: QtBot, size: tuple[int, int],
                                          scale: float, spoken: Language) -> None:
    for look in LOOKS:
        view = screen(qtbot, size, scale, look)
        for kind in KINDS:
            view.show_status(status(kind))
            check_screen(view, size, kind)


def test_a_long_description_turns_pages_of_whole_sentences_by_the_clock(
        qtbot: QtBot) -> None:
    """Where the description cannot fit the room at its least size it turns pages, every
    few seconds of the phase, and the pages stand still while the session is paused."""
    view = screen(qtbot, (800, 600), 1.5)
    session, clock = session_at(phase_of("reps"), into=0.5)
    view.show_status(status_of(session))
    text = view.description
    count = len(text.pages())
    assert count > 1 and text.page_marker() == f"1/{count}"
    phase = session.phase.index
    seen: list[str] = []
    for page in range(count):
        assert text.page_marker() == f"{page + 1}/{count}"
        seen += [sentence for column in text.shown() for sentence in column]
        clock.jump(session, clock.now() + PAGE_SECONDS)
        view.show_status(status_of(session))
    assert seen == sentences(session.timeline.routine.exercises[
        session.phase.exercise_index].description)
    assert text.page_marker() == f"1/{count}"  # round again
    clock.jump(session, clock.now() + PAGE_SECONDS)
    view.show_status(status_of(session))
    session.pause()
    clock.advance(60)
    view.show_status(status_of(session))
    assert text.page_marker() == f"2/{count}"
    assert session.phase.index == phase


def test_a_sentence_is_one_even_after_an_abbreviation() -> None:
    assert sentences("Sit, e.g. on a cushion. Breathe out.\nHold 30 s. 2 sets.") == [
        "Sit, e.g. on a cushion.", "Breathe out.", "Hold 30 s.", "2 sets."]


def test_a_rest_shows_the_picture_of_what_comes_next(qtbot: QtBot) -> None:
    view = screen(qtbot, (1366, 768))
    rest = status("rest")
    following = rest.next_phase
    assert following is not None
    view.show_status(rest)
    work = routine().exercises[following.exercise_index]
    figure = view.picture.figure()
    assert figure is not None and figure.exercise.casefold() == work.name.casefold()
    assert shown(view.picture) and view.picture.drawn_size().height() >= 0.25 * 768


def test_the_slash_of_a_rep_count_sits_evenly_between_the_numbers(qtbot: QtBot) -> None:
    figure = Figure()
    qtbot.addWidget(figure)
    figure.resize(1200, 300)
    figure.set_digit_height(200)
    for text in ("1/10", "5/10", "10/10", "3/8", "1/8"):
        figure.setText(text)
        image = figure.grab().toImage()
        ground = figure.palette().window().color()
        inked = [any(QColor(image.pixel(x, y)) != ground for y in range(0, image.height(), 2))
                 for x in range(image.width())]
        runs: list[tuple[int, int]] = []  # each character's ink, left to right
        for x, ink in enumerate(inked):
            if ink and (not runs or runs[-1][1] != x - 1):
                runs.append((x, x))
            elif ink:
                runs[-1] = (runs[-1][0], x)
        slash = text.index("/")
        assert len(runs) == len(text), text
        before = runs[slash][0] - runs[slash - 1][1]
        after = runs[slash + 1][0] - runs[slash][1]
        assert abs(before - after) <= 3, (text, before, after)


def test_before_any_start_the_screen_shows_no_empty_bars_or_boxes(qtbot: QtBot) -> None:
    view = screen(qtbot, (1366, 768))
    view.show_idle(None)
    assert view.exercise.text() and view.details.text()
    assert view.phase_bar.isHidden() and view.routine_bar.isHidden()
    assert not view.elapsed.text() and not view.remaining.text()
    view.show_status(status("hold"))  # a session came and went: its parts are made
    view.show_idle(None)
    for part in (view.phase_bar, view.routine_bar, view.tempo, view.picture, view.side,
                 view.veil):
        assert part.isHidden(), describe(part)
    assert not view.description.text() and not view.countdown.text()


def test_a_stopped_session_shows_no_bar_without_its_times(qtbot: QtBot) -> None:
    view = screen(qtbot, (1366, 768))
    session, _ = session_at(phase_of("hold"))
    view.show_status(status_of(session))
    assert not view.routine_bar.isHidden() and view.elapsed.text()
    session.stop()
    stopped = status_of(session)
    assert stopped.state is State.STOPPED
    view.show_status(stopped)
    assert view.routine_bar.isHidden() and view.phase_bar.isHidden()
    assert not view.elapsed.text() and not view.remaining.text()
    assert shown(view.picture)  # what was under way stays in view


@pytest.mark.parametrize("spoken", LANGUAGES, indirect=True, ids=lambda x: x.code)
@pytest.mark.parametrize("size", [(800, 600), (1920, 1080)], ids=["800x600", "1920x1080"])
def test_the_pause_hint_is_said_whole_on_its_block(qtbot: QtBot, size: tuple[int, int],
                                                   spoken: Language) -> None:
    view = screen(qtbot, size, 1.5)
    view.show_status(status("paused"))
    veil = view.veil
    assert veil.hint() == _(RESUME_HINT)
    stop_hint = _(STOP_HINT)
    veil.set_hint(stop_hint)
    assert veil.hint() == stop_hint and veil.accessibleDescription() == stop_hint
    block = veil.block()
    assert QFontMetricsF(veil.hint_font()).horizontalAdvance(stop_hint) <= block.width()
    assert QRectF(view.rect()).contains(block)
    # The block is solid: nothing of the screen under it shows through, even where the
    # description was.
    image = view.grab().toImage()
    margin = round(block.left() + size[1] * 0.01)
    edge = [QColor(image.pixel(margin, y))
            for y in range(round(block.top() + block.height() * 0.3),
                           round(block.bottom() - block.height() * 0.3))]
    assert edge and all(colour == veil.BLOCK for colour in edge)


@pytest.mark.parametrize("size", [(800, 600), (1366, 768), (1920, 1080)],
                         ids=["800x600", "1366x768", "1920x1080"])
@pytest.mark.parametrize("scale", [1.0, 1.5])
def test_what_the_session_came_to_keeps_each_line_whole(qtbot: QtBot, size: tuple[int, int],
                                                        scale: float) -> None:
    view = screen(qtbot, size, scale)
    session, _ = session_at(phase_of("hold"))
    while session.state is not State.FINISHED:
        session.next()
    view.show_status(status_of(session))
    lines = ["Finished: all 12 sets done", "Work 16:00 · Session 22:50",
             "This week: 3 sessions, on target", "Next time: level 3 of 11 again, held"]
    view.show_summary(lines)
    text = view.description
    font = text.font()
    column = text.column_width(font, text.width(), text.columns())
    for line in lines:  # none is broken in two, "Session" on one line and "22:50" on the next
        assert QFontMetricsF(font).horizontalAdvance(line) <= column, (line, size, scale)
    assert font.pixelSize() >= 0.035 * size[1]


def exercise_statuses() -> tuple[Status, ...]:
    """``_exercise_statuses`` in the language installed now."""
    return _exercise_statuses(installed_language())


@cache
def _exercise_statuses(language: Language) -> tuple[Status, ...]:
    """One status a second into each exercise's first work phase, for every exercise of
    every built-in routine (a wide figure lying on the floor as well as an upright one)."""
    seen: dict[str, Status] = {}
    for path in sorted(ROUTINES.glob("*.yaml")):
        timeline = compile_timeline(load_routine(path))
        for phase in timeline.phases:
            if phase.exercise in seen or phase.kind is not PhaseKind.WORK:
                continue
            clock = FakeClock(100)
            session = Session(timeline, clock)
            session.start()
            while session.phase.index < phase.index:
                session.next()
            clock.advance(1)
            session.advance()
            seen[phase.exercise] = status_of(session)
    return tuple(seen.values())


@pytest.mark.parametrize("spoken", LANGUAGES, indirect=True, ids=lambda x: x.code)
@pytest.mark.parametrize("scale", [1.0, 1.5])
@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_every_exercises_position_keeps_a_quarter_of_the_height(
        qtbot: QtBot, size: tuple[int, int], scale: float, spoken: Language) -> None:
    view = screen(qtbot, size, scale)
    for each in exercise_statuses():
        view.show_status(each)
        where = f"{each.exercise} at {size[0]}x{size[1]}, text {scale}"
        assert shown(view.picture), where
        assert view.picture.drawn_size().height() >= 0.25 * size[1], where
        for label in (view.banner, view.exercise, view.details):  # whole, not cut
            assert painted_width(label) <= label.width(), (where, label.text())


@pytest.mark.parametrize("size", [(800, 600), (1366, 768), (1920, 1080)],
                         ids=["800x600", "1366x768", "1920x1080"])
def test_a_body_lying_along_the_floor_is_drawn_as_wide_as_the_words_leave_room(
        qtbot: QtBot, size: tuple[int, int]) -> None:
    """A lying body is wide and low: it is drawn across the room beside the words, its
    height kept, not shrunk into a box as narrow as an upright body's."""
    view = screen(qtbot, size)
    lying = 0
    for each in exercise_statuses():
        view.show_status(each)
        if view.picture.aspect() < 2:
            continue
        lying += 1
        where = f"{each.exercise} at {size[0]}x{size[1]}"
        drawn = view.picture.drawn_size()
        assert drawn.height() >= 0.25 * size[1], where
        room = (0.3 if size[0] / size[1] < 1.5 else 0.36) * size[0]
        assert drawn.width() >= min(room, view.picture.aspect() * drawn.height() - 2), where
    assert lying >= 4  # clamshells, reverse clamshells, the band rotation, figure four


@pytest.mark.parametrize("spoken", LANGUAGES, indirect=True)
def test_a_wide_screen_says_the_coming_side_and_a_narrow_one_may_leave_it_out(
        qtbot: QtBot, spoken: Language) -> None:
    hold = status("hold")
    full, short = hold.next_texts()
    assert full.startswith(short.removesuffix(".")) and len(full) > len(short)
    wide = screen(qtbot, (1920, 1080))
    wide.show_status(hold)
    assert wide.next_up.text() == full
    narrow = screen(qtbot, (800, 600), 1.5)
    narrow.show_status(hold)
    assert narrow.next_up.text() in (full, short)
    assert narrow.next_up.font().pixelSize() >= 0.04 * 600 - 1e-6
