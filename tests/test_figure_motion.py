"""Where the exercise's figure is in its movement, from a real session's statuses on a fake
clock: the tempo's parts move it from where the status says over what is left of the part,
one tempo figure loops there and back at its pace, getting ready plays it once, a pause
holds it where it is and the rep goes on from there."""

from __future__ import annotations

import pytest

from hiptimer.routine.parse import parse_routine
from hiptimer.session.clock import FakeClock
from hiptimer.session.engine import Session
from hiptimer.session.status import status_of
from hiptimer.session.timeline import compile_timeline
from hiptimer.ui.screen.figure_motion import PREVIEW_SECONDS, FigureMotion


def session_of(exercise: str, prepare: int = 4) -> tuple[Session, FakeClock]:
    text = (f"name: Motion\ndefaults: {{prepare: {prepare}s}}\nexercises:\n"
            f"  - {{name: Clamshells, {exercise}}}\n")
    clock = FakeClock(100.0)
    session = Session(compile_timeline(parse_routine(text.encode(), "motion.yaml")), clock)
    session.start()
    return session, clock


def follow_at(motion: FigureMotion, session: Session, clock: FakeClock, when: float) -> None:
    clock.jump(session, 100.0 + when)
    motion.follow(status_of(session), True, clock.now())


def test_the_tempo_moves_the_figure_between_statuses() -> None:
    session, clock = session_of("reps: 3, tempo: 2-1-2")
    motion = FigureMotion()
    follow_at(motion, session, clock, 4 + 0.5)  # a quarter of the way up
    now = clock.now()
    assert motion.fraction(now) == pytest.approx(0.25)
    assert motion.fraction(now + 0.5) == pytest.approx(0.5)  # moving on its own
    assert motion.fraction(now + 5) == pytest.approx(1.0)  # and no further than the end
    follow_at(motion, session, clock, 4 + 2.2)  # holding
    assert motion.fraction(clock.now()) == 1.0 and not motion.moving(clock.now())
    follow_at(motion, session, clock, 4 + 3.5)  # a quarter of the way down
    assert motion.fraction(clock.now()) == pytest.approx(0.75)
    assert motion.fraction(clock.now() + 1.5) == pytest.approx(0.0)
    assert motion.moving(clock.now()) and not motion.moving(clock.now() + 1.5)


def test_one_tempo_figure_loops_there_and_back_at_its_pace() -> None:
    session, clock = session_of("reps: 3, tempo: 4s")
    motion = FigureMotion()
    follow_at(motion, session, clock, 4)
    now = clock.now()
    assert motion.fraction(now) == pytest.approx(0.0)
    assert motion.fraction(now + 1) == pytest.approx(0.5)
    assert motion.fraction(now + 2) == pytest.approx(1.0)  # the end, halfway through
    assert motion.fraction(now + 4) == pytest.approx(0.0, abs=1e-9)
    assert motion.moving(now + 100)


def test_a_pause_holds_a_loop_where_it_is_and_it_goes_on_from_there() -> None:
    session, clock = session_of("reps: 3, tempo: 4s")
    motion = FigureMotion()
    follow_at(motion, session, clock, 4)
    began = clock.now()
    clock.jump(session, began + 1)
    session.pause()
    motion.follow(status_of(session), True, clock.now())
    assert motion.fraction(clock.now() + 60) == pytest.approx(0.5)
    assert not motion.moving(clock.now())
    clock.jump(session, clock.now() + 60)
    session.resume()
    motion.follow(status_of(session), True, clock.now())
    assert motion.fraction(clock.now()) == pytest.approx(0.5)
    assert motion.fraction(clock.now() + 1) == pytest.approx(1.0)


def test_getting_ready_plays_the_movement_once() -> None:
    session, clock = session_of("reps: 3, tempo: 2-1-2", prepare=10)
    motion = FigureMotion()
    motion.follow(status_of(session), True, clock.now())
    now = clock.now()
    assert motion.fraction(now) == pytest.approx(0.0)
    assert motion.fraction(now + PREVIEW_SECONDS / 2) == pytest.approx(1.0)
    assert motion.moving(now + PREVIEW_SECONDS / 2)
    assert motion.fraction(now + PREVIEW_SECONDS + 1) == 0.0
    assert not motion.moving(now + PREVIEW_SECONDS + 1)


def test_a_rep_exercise_held_stands_still_at_the_end_of_its_movement() -> None:
    session, clock = session_of("hold: 20s")
    motion = FigureMotion()
    for when in (0.0, 2.0, 4.0, 10.0):  # getting ready, then holding
        follow_at(motion, session, clock, when)
        assert motion.fraction(clock.now()) == 1.0 and not motion.moving(clock.now())
