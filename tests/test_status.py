"""The one session status every front end renders: what it says at each moment of a session."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from hiptimer.practice import Practice
from hiptimer.routine import parse_routine
from hiptimer.session import compile_timeline
from hiptimer.session.clock import FakeClock
from hiptimer.session.engine import Session
from hiptimer.session.events import Event, PauseReason, TempoPart
from hiptimer.session.state import State
from hiptimer.session.status import status_of
from hiptimer.session.vocabulary import BAR_FULL, ColourRole, PhaseWord
from hiptimer.terminal.output import status_text

ROUTINE = ("name: Hips\ndescription: Two moves.\ndefaults: {prepare: 5s, rest: 10s, switch: 5s}\n"
           "exercises:\n"
           "  - name: Pigeon\n    description: Fold forward.\n    hold: 30s\n    sides: both\n"
           "  - name: Lift\n    reps: 3\n    sets: 2\n    tempo: 2-1-2\n"
           "  - name: Clams\n    reps: 8\n    tempo: self\n")


def start(text: str = ROUTINE) -> tuple[Session, FakeClock]:
    clock = FakeClock(50)
    session = Session(compile_timeline(parse_routine(text.encode(), "t.yaml")), clock)
    return session, clock


def go_to(session: Session, clock: FakeClock, when: float) -> None:
    clock.jump(session, when)


def test_before_the_start_it_shows_the_routine() -> None:
    session, _ = start()
    status = status_of(session)
    assert (status.word, status.colour, status.exercise) == (PhaseWord.READY, ColourRole.IDLE,
                                                            "Hips")
    assert status.description == "Two moves." and status.next_text() == "First: Pigeon"
    assert status.figure() == "2:00" and status.routine_done == 0


def test_a_hold_shows_side_countdown_and_what_comes_next() -> None:
    session, clock = start()
    session.start()
    go_to(session, clock, 50 + 5 + 12.3)
    status = status_of(session)
    assert (status.word, status.colour) == (PhaseWord.HOLD, ColourRole.WORK)
    assert status.exercise == "Pigeon" and status.description == "Fold forward."
    assert status.side_text() == "Left side" and status.figure() == "18"
    assert status.next_text() == "Next: Switch sides 5s, right side"
    assert status.phase_progress == 400


def test_a_reps_phase_shows_the_rep_and_its_tempo_part() -> None:
    session, clock = start()
    session.start()
    session.next_exercise()  # to Lift's get-ready
    session.next()
    go_to(session, clock, clock.now() + 5 + 2.5)  # rep 2, its hold part
    status = status_of(session)
    assert status.word is PhaseWord.REPS
    assert (status.rep, status.reps, status.tempo_part) == (2, 3, TempoPart.HOLD)
    assert (status.set, status.sets) == (1, 2)
    assert status_text(status) == "REPS  Lift  set 1/2  rep 2/3 HOLD  0:08  total 0:38 left"


def test_a_self_paced_phase_counts_up() -> None:
    session, clock = start()
    session.start()
    while session.phase.exercise != "Clams" or session.phase.duration is not None:
        session.next()
    go_to(session, clock, clock.now() + 75.4)
    status = status_of(session)
    assert status.self_paced and status.remaining is None and status.rep is None
    assert status.figure() == "1:15"
    assert "self-paced: space or n when done" in status_text(status)


def test_paused_muted_done_and_stopped() -> None:
    session, clock = start()
    session.start()
    session.pause()
    status = status_of(session, muted=True)
    assert status.paused and status.muted and status.pause_reason is PauseReason.USER
    assert status_text(status).startswith("PAUSED  GET READY")
    session.resume()
    session.stop()
    stopped = status_of(session)
    assert (stopped.word, stopped.figure(), stopped.next_text()) == (PhaseWord.STOPPED, "", "")
    assert stopped.exercise == "Pigeon" and stopped.routine_progress == 0
    clock.advance(100)
    assert status_of(session) == stopped  # nothing moves once it is over
    session.restart()
    while session.state is State.RUNNING:
        session.next()
    done = status_of(session)
    assert (done.word, done.colour, done.figure()) == (PhaseWord.DONE, ColourRole.DONE, "✓")
    assert done.exercise == "Hips" and done.routine_progress == BAR_FULL


def test_statuses_change_only_when_something_shown_changes() -> None:
    session, clock = start()
    practice = Practice(session)
    assert practice.deliver(session.start()) is not None
    clock.advance(0.4)
    assert practice.deliver(session.advance()) is None  # still the same second
    clock.advance(0.6)
    changed = practice.deliver(session.advance())
    assert changed is not None and changed.figure() == "4"


@settings(max_examples=200, deadline=None)
@given(moments=st.lists(st.floats(min_value=0, max_value=200, allow_nan=False), min_size=1,
                        max_size=6),
       pause=st.booleans())
def test_time_done_and_time_left_always_add_up_to_the_routine(moments: list[float],
                                                              pause: bool) -> None:
    session, clock = start()
    total = int(-(-session.timeline.total_seconds // 1))
    session.start()
    for moment in sorted(moments):
        go_to(session, clock, 50 + moment)
        if pause:
            session.toggle()
        status = status_of(session)
        assert status.routine_done + status.routine_left == total
        assert 0 <= status.routine_progress <= BAR_FULL
        assert 0 <= status.phase_progress <= BAR_FULL


def test_a_plain_tick_differs_only_in_time() -> None:
    session, clock = start()
    session.start()
    before = status_of(session)
    go_to(session, clock, 50 + 1)
    tick = status_of(session)
    assert tick != before and before.only_time_differs(tick)
    go_to(session, clock, 50 + 5)  # the hold begins
    assert not tick.only_time_differs(status_of(session))


STEPS = st.lists(st.tuples(st.floats(min_value=0, max_value=12, allow_nan=False),
                           st.sampled_from(["wait", "wait", "wait", "toggle", "next",
                                            "previous", "extend", "sleep"])), max_size=40)


@settings(max_examples=150, deadline=None)
@given(steps=STEPS)
def test_what_a_practice_reports_is_always_the_status_worked_out_afresh(
        steps: list[tuple[float, str]]) -> None:
    """Most seconds only the clocks and bars are worked out again: whatever a session does,
    the status a front end was last given is the one a fresh look at the session gives."""
    session, clock = start()
    practice = Practice(session)
    shown = practice.deliver(session.start())
    def extend() -> list[Event]:
        return session.extend(10)

    def show(events: Sequence[Event]) -> None:
        nonlocal shown
        shown = practice.deliver(events) or shown
        assert shown == status_of(session)

    commands: dict[str, Callable[[], list[Event]]] = {
        "toggle": session.toggle, "next": session.next, "previous": session.previous,
        "extend": extend}
    for wait, command in steps:
        if command == "sleep":  # the machine slept past deadlines: the session pauses
            clock.advance(wait * 60)
            shown = practice.deliver(session.advance()) or shown
            assert shown == status_of(session)
            continue
        clock.jump(session, clock.now() + wait, show)
        if command != "wait":
            shown = practice.deliver(commands[command]()) or shown
            assert shown == status_of(session)


def test_a_tick_is_told_apart_by_every_field_but_the_clocks_and_bars() -> None:
    from dataclasses import fields, replace

    session, _clock = start()
    session.start()
    before = status_of(session)
    clocks_and_bars = {"remaining", "elapsed", "tempo_done", "tempo_left_ms", "phase_progress",
                       "routine_progress", "routine_done", "routine_left"}
    for field in fields(before):
        something_else: dict[str, Any] = {field.name: object()}
        changed = replace(before, **something_else)
        assert before.only_time_differs(changed) is (field.name in clocks_and_bars), field.name


def test_the_side_is_one_big_letter_when_the_label_names_one_side() -> None:
    from hiptimer.session.status import mirrored, side_mark

    assert side_mark("left leg back") == "L" and side_mark("Right ankle crossed") == "R"
    assert side_mark("to the left") == "L" and side_mark("left") == "L"
    assert side_mark("front foot") == "Front foot" and side_mark(None) == ""
    assert side_mark("left over right") == "Left over right"  # names both: the label
    sides = ("front foot", "back foot")
    assert not mirrored("front foot", sides) and mirrored("back foot", sides)
    assert mirrored("right leg on top", ("right leg on top", "left leg on top"))
    assert not mirrored("left leg on top", ("right leg on top", "left leg on top"))


@given(st.text(max_size=40))
def test_a_side_mark_is_a_letter_or_the_label_itself(label: str) -> None:
    from hiptimer.session.status import side_label, side_mark

    assert side_mark(label) in ("L", "R", side_label(label))


def test_a_rep_shows_how_far_its_tempo_part_is() -> None:
    session, clock = start()
    session.start()
    # Pigeon: 5 + 30 + 5 + 30, rest 10; Lift starts after its 5 s get ready, at 85 s.
    lift = next(p for p in session.timeline.phases if p.exercise == "Lift" and p.reps)
    go_to(session, clock, 50 + lift.offset + 2.5)  # rep 1: up 2 s, then hold 1 s
    status = status_of(session)
    assert status.tempo_part is TempoPart.HOLD and status.rep == 1
    assert status.tempo_done == 500 and status.tempo_left_ms == 500


def test_space_in_a_self_paced_phase_says_done() -> None:
    session, _ = start()
    session.start()
    clams = next(p for p in session.timeline.phases if p.exercise == "Clams" and p.reps)
    while session.phase.index < clams.index:
        session.next()
    assert session.phase.open_ended and session.state is State.RUNNING
    session.toggle()
    assert session.phase.index == clams.index + 1 or session.is_live() is False


def test_what_comes_next_says_how_many_reps_and_how_long_a_hold() -> None:
    """Walking through the routine, "Next:" says what a person prepares for: a hold and a
    rest by their seconds, reps by their count, on whichever side."""
    text = ("name: Mixed\ndefaults: {prepare: 5s, rest: 10s, switch: 5s}\nexercises:\n"
            "  - {name: Pigeon, hold: 30s, sides: both}\n"
            "  - {name: Lift, reps: 10, sides: both, tempo: 1-0-1, sets: 2}\n"
            "  - {name: Bridge, reps: 1, tempo: 2-2-2}\n  - {name: Clams, reps: 8, tempo: self}\n")
    session, _ = start(text)
    session.start()
    said = [status_of(session).next_text()]
    while session.is_live():
        session.next()
        if session.is_live():
            said.append(status_of(session).next_text())
    assert said == [
        "Next: Hold 30s, left side",  # getting ready for Pigeon
        "Next: Switch sides 5s, right side",
        "Next: Hold 30s, right side",
        "Next: Lift",  # Lift's get-ready comes next
        "Next: 10 reps, left side",
        "Next: Switch sides 5s, right side",
        "Next: 10 reps, right side",
        "Next: Rest 10s, left side",  # between Lift's two sets
        "Next: 10 reps, left side",
        "Next: Switch sides 5s, right side",
        "Next: 10 reps, right side",
        "Next: Bridge",
        "Next: 1 rep",
        "Next: Clams",
        "Next: 8 reps",  # self-paced: as many reps, no seconds
        "Next: done",
    ]
