"""The summary at the end of a session: what was done, the level, and the week, on a fake clock."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hiptimer.base.preferences import WEEKLY_TARGET
from hiptimer.cues.names import CueSettings
from hiptimer.cues.player import SilentSink
from hiptimer.history.sessions import COMPLETED, STOPPED, utc_now
from hiptimer.history.store import HistoryStore
from hiptimer.practice import Assembler, Practice
from hiptimer.routine import Routine, parse_routine
from hiptimer.session import compile_timeline
from hiptimer.session.clock import FakeClock
from hiptimer.session.engine import Session
from hiptimer.session.events import Event
from hiptimer.session.state import State
from hiptimer.session.summary import (
    DoneSummary,
    SessionSummary,
    Tally,
    session_summary,
    summary_lines,
    tally,
)
from hiptimer.session.timeline import PhaseKind

from .support.history import StoreOpener

# Alternating sides: prepare, Frog left 1, switch, right 1, rest, left 2, switch, right 2;
# then prepare, Lift (2 reps of 3 s).
SMALL = parse_routine(
    b"name: Small\ndefaults: {prepare: 4s, rest: 3s, switch: 2s}\nexercises:\n"
    b"  - {name: Frog, hold: 5s, sets: 2, sides: both}\n"
    b"  - {name: Lift, reps: 2, tempo: 1-1-1}\n", "small.yaml")
RANGED = parse_routine(
    b"name: Ranged\ndefaults: {prepare: 2s}\nexercises:\n  - {name: Hold, hold: 5-15s}\n",
    "ranged.yaml")
# Long enough to count: two and a half minutes of work at its first level.
LONG = parse_routine(
    b"name: Long\ndefaults: {prepare: 5s}\nexercises:\n  - {name: Hold, hold: 150-160s}\n",
    "long.yaml")


def assembler(clock: FakeClock, store: HistoryStore | None = None,
              target: Callable[[], int] | None = None) -> Assembler:
    return Assembler(clock, SilentSink(), lambda: CueSettings(voice=False), lambda _: None,
                     lambda: store, weekly_target=target)


def run_to_end(practice: Practice, clock: FakeClock,
               pause_at: dict[int, float] | None = None) -> None:
    """Wake at every deadline, as the driver does; pause for the given seconds when a phase
    of that index starts."""
    pauses = dict(pause_at or {})
    practice.deliver(practice.session.start())
    session = practice.session

    def pause_if_due() -> None:
        if session.state is State.RUNNING and session.index in pauses:
            practice.deliver(session.pause())
            clock.advance(pauses.pop(session.index))
            practice.deliver(session.resume())

    def deliver(events: Sequence[Event]) -> None:
        practice.deliver(events)
        pause_if_due()

    pause_if_due()
    clock.jump(session, deliver=deliver)


def run_on(practice: Practice, clock: FakeClock) -> None:
    """Let a started session run to its end."""
    clock.jump(practice.session, deliver=practice.deliver)


def run_until_phase(practice: Practice, clock: FakeClock, index: int, into: float) -> None:
    """Start, then run until ``into`` seconds into phase ``index``."""
    session = practice.session
    practice.deliver(session.start())
    clock.jump(session, session.timeline.phases[index].offset + into, practice.deliver)
    assert session.index == index


def test_a_finished_session_counts_everything_and_its_time() -> None:
    clock = FakeClock(100)
    practice = assembler(clock).assemble(SMALL)
    run_to_end(practice, clock, pause_at={3: 40.0})
    done = practice.summary()
    assert done is not None
    facts = done.session
    assert facts.state is State.FINISHED and facts.completed
    assert facts.session_seconds == practice.session.active_seconds()
    assert facts.session_seconds == pytest.approx(practice.timeline.total_seconds)  # no pause
    assert practice.timeline.total_seconds == 41
    # Work: four 5 s holds and two reps of 3 s; not the get-readies, rests, switches or pause.
    assert facts.work_seconds == pytest.approx(facts.planned_work_seconds) == 26
    assert facts.done == facts.planned == Tally(("Frog", "Lift"), sets=3, sides=4, phases=10)
    assert summary_lines(done)[:2] == ["Finished: all 3 sets done", "Work 0:26 · Session 0:41"]


def test_a_session_stopped_early_counts_only_what_was_done() -> None:
    clock = FakeClock()
    practice = assembler(clock).assemble(SMALL)
    phases = practice.timeline.phases
    second_right = next(p.index for p in phases
                        if p.kind is PhaseKind.WORK and p.side == "right" and p.set == 2)
    run_until_phase(practice, clock, second_right, into=2)
    practice.deliver(practice.session.stop())
    done = practice.summary()
    assert done is not None
    facts = done.session
    assert facts.state is State.STOPPED and not facts.completed
    assert facts.session_seconds == practice.session.active_seconds() == 28
    assert phases[second_right].offset == 26
    # Set 1 on both sides and set 2 on the left; the right side of set 2 was cut short.
    assert facts.done == Tally(("Frog",), sets=2, sides=3, phases=second_right)
    assert facts.work_seconds == 5 * 3 + 2
    assert summary_lines(done)[:2] == ["Stopped: 2 of 3 sets done",
                                       "Work 0:17 of 0:26 · Session 0:28"]


def test_a_skipped_set_is_not_done() -> None:
    clock = FakeClock()
    practice = assembler(clock).assemble(SMALL)
    run_until_phase(practice, clock, 1, into=1)  # one second into Frog, left, set 1
    practice.deliver(practice.session.next())
    run_on(practice, clock)
    done = practice.summary()
    assert done is not None
    assert done.session.done == Tally(("Frog", "Lift"), sets=3, sides=3, phases=9)


def test_there_is_no_summary_before_the_end_or_without_a_start() -> None:
    clock = FakeClock()
    practice = assembler(clock).assemble(SMALL)
    assert practice.summary() is None
    practice.deliver(practice.session.start())
    clock.advance(5)
    practice.deliver(practice.session.advance())
    assert practice.summary() is None
    unstarted = assembler(clock).assemble(SMALL)
    unstarted.deliver(unstarted.session.stop())
    assert unstarted.session.state is State.STOPPED and unstarted.summary() is None


def test_without_a_history_only_the_sessions_own_facts_are_given() -> None:
    clock = FakeClock()
    practice = assembler(clock).assemble(RANGED)
    run_to_end(practice, clock)
    done = practice.summary()
    assert done is not None
    assert (done.level, done.top_level, done.next_level, done.held) == (0, 2, None, False)
    assert done.week_sessions is None and done.weekly_target is None
    assert summary_lines(done) == ["Finished: 1 set done", "Work 0:05 · Session 0:07",
                                   "Not counted: under 2 minutes of work", "Level 0 of 2"]


def test_the_history_counts_the_session_just_done_and_its_step_up(
        open_store: StoreOpener, tmp_path: Path) -> None:
    store = open_store(tmp_path / "history.sqlite")
    earlier = store.start("Other", None, "0" * 16, 600, when=utc_now())
    store.add_work(earlier, "Frog", None, 1, 1, 600)
    store.finish(earlier, COMPLETED)
    left_off = store.start("Other", None, "0" * 16, 600, when=utc_now())
    store.add_work(left_off, "Frog", None, 1, 1, 200)
    store.finish(left_off, STOPPED)  # a third of the work: it does not count
    last_week = store.start("Other", None, "0" * 16, 600, when=utc_now() - timedelta(days=7))
    store.add_work(last_week, "Frog", None, 1, 1, 600)
    store.finish(last_week, COMPLETED)
    clock = FakeClock()
    practice = assembler(clock, store, target=lambda: 3).assemble(LONG)
    run_to_end(practice, clock)
    done = practice.summary()
    assert done is not None
    assert (done.level, done.next_level, done.held) == (0, 1, False)
    assert store.level("Long") == (1, False)
    assert (done.week_sessions, done.weekly_target) == (2, 3)
    assert summary_lines(done) == ["Finished: 1 set done", "Work 2:30 · Session 2:35",
                                   "This week: 2 of 3 sessions", "Next time: level 1 of 2"]

    again = assembler(clock, store).assemble(LONG)  # the default target
    run_to_end(again, clock)
    done = again.summary()
    assert done is not None
    assert (done.level, done.next_level, done.week_sessions) == (1, 2, 3)
    assert done.weekly_target == WEEKLY_TARGET.default
    assert summary_lines(done)[2:] == ["This week: 3 sessions, on target",
                                       "Next time: level 2 of 2"]


@pytest.mark.parametrize("speed", [0.5, 2.0, 20.0])
def test_a_preview_leaves_history_and_level_untouched(open_store: StoreOpener, tmp_path: Path,
                                                      speed: float) -> None:
    store = open_store(tmp_path / "history.sqlite")
    clock = FakeClock()
    for _ in range(3):  # enough completed sessions to meet a week's target and step up
        practice = assembler(clock, store).assemble(RANGED, speed=speed)
        assert practice.timeline.preview
        run_to_end(practice, clock)
    assert store.sessions() == [] and store.level("Ranged") == (0, False)
    done = practice.summary()
    assert done is not None and done.preview and done.next_level is None
    assert summary_lines(done)[-1] == "A preview: not recorded"
    real = assembler(clock, store).assemble(RANGED)
    assert not real.timeline.preview
    run_to_end(real, clock)
    assert [s.status for s in store.sessions()] == [COMPLETED]
    assert store.level("Ranged") == (1, False)


def test_a_stopped_session_steps_nothing_up_and_is_not_counted(open_store: StoreOpener,
                                                               tmp_path: Path) -> None:
    store = open_store(tmp_path / "history.sqlite")
    store.set_level("Ranged", 1, False)
    clock = FakeClock()
    practice = assembler(clock, store).assemble(RANGED)
    run_until_phase(practice, clock, 1, into=3)
    practice.deliver(practice.session.stop())
    done = practice.summary()
    assert done is not None
    assert (done.level, done.next_level, done.week_sessions) == (1, 1, 0)
    assert summary_lines(done) == ["Stopped before a set was done",
                                   "Work 0:03 of 0:10 · Session 0:05",
                                   "Not counted: under half the work",
                                   "This week: 0 of 2 sessions", "Next time: level 1 of 2 again"]


def test_a_held_routine_and_one_at_the_top_say_so(open_store: StoreOpener,
                                                  tmp_path: Path) -> None:
    store = open_store(tmp_path / "history.sqlite")
    store.set_level("Ranged", 1, True)
    clock = FakeClock()
    practice = assembler(clock, store).assemble(RANGED)
    run_to_end(practice, clock)
    done = practice.summary()
    assert done is not None and (done.next_level, done.held) == (1, True)
    assert summary_lines(done)[-1] == "Next time: level 1 of 2 again, held"
    store.set_level("Ranged", 2, False)
    practice = assembler(clock, store).assemble(RANGED)
    run_to_end(practice, clock)
    done = practice.summary()
    assert done is not None and (done.level, done.next_level) == (2, 2)
    assert summary_lines(done)[-1] == "Next time: level 2 of 2 again, the top"


def test_a_history_that_cannot_be_read_leaves_its_values_out(open_store: StoreOpener,
                                                             tmp_path: Path) -> None:
    store = open_store(tmp_path / "history.sqlite")
    clock = FakeClock()
    practice = assembler(clock, store).assemble(RANGED)
    run_to_end(practice, clock)
    store.db.execute("DROP TABLE progression")  # as a database gone bad would answer
    done = practice.summary()
    assert done is not None and done.session.completed
    assert done.next_level is None and done.week_sessions is None


def test_lines_for_a_routine_without_ranges_or_sides() -> None:
    facts = SessionSummary("Plain", State.FINISHED, 754.6, 900, 755, False,
                           Tally(("a", "b"), 2, 0, 4), Tally(("a", "b"), 2, 0, 4))
    done = DoneSummary(facts, 0, 0, 0, False, 1, 1)
    assert summary_lines(done) == ["Finished: all 2 sets done", "Work 12:35 · Session 15:00",
                                   "This week: 1 session, on target"]


def test_a_finished_session_with_sets_skipped_says_how_many_were_done() -> None:
    facts = SessionSummary("Plain", State.FINISHED, 400, 600, 480, False,
                           Tally(("a", "b"), 3, 0, 6), Tally(("a", "b"), 4, 0, 8))
    assert summary_lines(DoneSummary(facts, 0, 0, 0, False, 3, 3))[:3] == [
        "Finished: 3 of 4 sets done", "Work 6:40 · Session 10:00",
        "This week: 3 sessions, on target"]


def test_a_stopped_self_paced_routine_gives_no_work_to_set_against() -> None:
    facts = SessionSummary("Open", State.STOPPED, 90, 130, 0, True, Tally(("a",), 2, 2, 3),
                           Tally(("a",), 3, 3, 5))
    assert summary_lines(DoneSummary(facts, 0, 0, None, False, None, None)) == [
        "Stopped: 2 of 3 sets done", "Work 1:30 · Session 2:10",
        "Not counted: under 2 minutes of work"]


def test_every_line_is_short() -> None:
    facts = SessionSummary("Long", State.STOPPED, 25 * 60 + 25, 35 * 60 + 25, 30 * 60, False,
                           Tally(tuple("abcdefghij"), 20, 20, 80),
                           Tally(tuple("abcdefghij"), 20, 20, 80))
    lines = summary_lines(DoneSummary(facts, 12, 14, 12, True, 2, 3))
    assert len(lines) == 4 and max(len(line) for line in lines) <= 40


# -- a property over random small routines -------------------------------------------------

EXERCISE = st.fixed_dictionaries({
    "work": st.sampled_from(["hold: 2s", "hold: 3.5s", "reps: 2, tempo: 1-0-1",
                             "reps: 1, tempo: 0.5-0.5-1"]),
    "sets": st.integers(1, 3),
    "sides": st.sampled_from(["", ", sides: both", ", sides: both, order: blocked"]),
})


def routine_of(exercises: list[dict[str, object]], rounds: int, rest: int,
               prepare: int) -> Routine:
    lines = [f"  - {{name: e{i % 2}, {e['work']}, sets: {e['sets']}{e['sides']}}}\n"
             for i, e in enumerate(exercises)]
    text = (f"name: Random\nrounds: {rounds}\ndefaults: {{prepare: {prepare}s, rest: {rest}s, "
            f"switch: 1s}}\nexercises:\n" + "".join(lines))
    return parse_routine(text.encode(), "random.yaml")


@settings(max_examples=150, deadline=None)
@given(exercises=st.lists(EXERCISE, min_size=1, max_size=3), rounds=st.integers(1, 2),
       rest=st.integers(0, 2), prepare=st.integers(0, 2),
       moves=st.lists(st.tuples(st.sampled_from(["wake", "pause", "next"]),
                                st.floats(0, 4)), max_size=40))
def test_counts_and_time_never_go_past_the_routine(exercises: list[dict[str, object]],
                                                   rounds: int, rest: int, prepare: int,
                                                   moves: list[tuple[str, float]]) -> None:
    timeline = compile_timeline(routine_of(exercises, rounds, rest, prepare))
    clock = FakeClock(1000)
    session = Session(timeline, clock)
    session.start()
    for move, seconds in moves:  # a person pausing and skipping, then letting it run
        if session.state is not State.RUNNING:
            break
        if move == "pause":
            session.pause()
            clock.advance(seconds)
            session.resume()
        elif move == "next":
            clock.advance(min(seconds, 0.5))
            session.advance()
            session.next()
        else:
            due = session.next_deadline()
            assert due is not None
            clock.set(due + min(seconds, 1))
            session.advance()
    clock.jump(session)
    assert session.state is State.FINISHED
    facts = session_summary(session)
    assert facts.session_seconds == session.active_seconds()
    assert facts.session_seconds <= timeline.total_seconds + 1e-9
    assert facts.work_seconds <= facts.planned_work_seconds + 1e-9
    assert facts.work_seconds <= facts.session_seconds + 1e-9
    assert facts.done.within(facts.planned) and facts.planned == tally(timeline.phases)
    assert len(facts.done.exercises) <= len(set(exercises_named(timeline.routine)))
    if not any(move == "next" for move, _ in moves):
        assert facts.done == facts.planned  # nothing skipped: everything was done
        assert facts.session_seconds == pytest.approx(timeline.total_seconds)
        assert facts.work_seconds == pytest.approx(facts.planned_work_seconds)


def exercises_named(routine: Routine) -> list[str]:
    return [exercise.name for exercise in routine.exercises]
