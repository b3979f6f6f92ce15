"""The session engine, driven by a fake clock: what a person following along would experience."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hiptimer.routine import parse_routine
from hiptimer.session import compile_timeline
from hiptimer.session.clock import FakeClock
from hiptimer.session.engine import Session
from hiptimer.session.events import Event, EventKind, PauseReason
from hiptimer.session.state import State

Write = Callable[..., Path]


def session(text: str, start: float = 100.0) -> tuple[Session, FakeClock]:
    routine = parse_routine(f"name: t\nexercises:\n{text}".encode(), "t.yaml")
    clock = FakeClock(start)
    return Session(compile_timeline(routine), clock), clock


def run_to(s: Session, clock: FakeClock, when: float) -> list[Event]:
    """Advance the way a driver does: wake at each deadline until ``when``."""
    return clock.jump(s, when)


def kinds(events: list[Event]) -> list[str]:
    return [e.kind.value if e.value is None else f"{e.kind.value}:{e.value}" for e in events]


HOLD = "  - {name: a, hold: 5s, sets: 2, rest: 3s}\n"


def test_fake_clock_never_goes_back() -> None:
    clock = FakeClock(5)
    with pytest.raises(ValueError):
        clock.advance(-1)
    with pytest.raises(ValueError):
        clock.set(4)


def test_a_hold_counts_down_second_by_second_with_cue_points() -> None:
    s, clock = session("  - {name: a, hold: 5s}\n", start=0)
    s.timeline.phases[0]
    events = s.start()
    assert kinds(events) == ["phase_start"]  # the prepare phase
    events = run_to(s, clock, 10)
    assert kinds(events)[-2:] == ["phase_end", "phase_start"]
    assert s.phase.kind.value == "work" and s.remaining() == 5
    events = run_to(s, clock, 20)
    assert kinds(events) == ["second:4", "second:3", "countdown:3", "second:2", "countdown:2",
                             "second:1", "countdown:1", "phase_end", "finished"]
    assert [e.at for e in events] == [11, 12, 12, 13, 13, 14, 14, 15, 15]
    assert s.state is State.FINISHED and s.next_deadline() is None


def test_phases_start_exactly_at_the_plans_offsets_however_late_the_driver_is() -> None:
    s, clock = session("  - {name: a, hold: 30s, sets: 3, sides: both}\n"
                       "  - {name: b, reps: 5, tempo: 2-1-2}\n", start=50)
    s.start()
    starts: list[float] = []
    while s.state is State.RUNNING:
        due = s.next_deadline()
        assert due is not None
        clock.set(due + 0.7)  # every wake-up 0.7 s late
        starts += [e.at - 50 for e in s.advance() if e.kind is EventKind.PHASE_STARTED]
    assert starts == [p.offset for p in s.timeline.phases[1:]]
    assert s.ended_at == 50 + s.timeline.total_seconds


def test_remaining_is_deadline_minus_now() -> None:
    s, clock = session(HOLD, start=0)
    s.start()
    clock.set(3.25)
    assert s.remaining() == pytest.approx(6.75) and s.deadline() == 10
    assert s.total_remaining() == pytest.approx(6.75 + 5 + 3 + 5)


def test_pause_shifts_every_deadline() -> None:
    s, clock = session(HOLD, start=0)
    s.start()
    clock.set(4)
    assert kinds(s.pause())[-1] == "paused"
    assert s.next_deadline() is None
    clock.set(64)
    assert s.remaining() == 6 and s.advance() == []
    assert kinds(s.resume()) == ["resumed"]
    assert s.deadline() == 70
    events = run_to(s, clock, 70)
    assert events[-1].kind is EventKind.PHASE_STARTED and events[-1].at == 70
    assert s.paused_total == 60


def test_toggle_starts_pauses_and_resumes() -> None:
    s, _ = session(HOLD)
    assert s.toggle()[0].kind is EventKind.PHASE_STARTED
    assert s.toggle()[-1].kind is EventKind.PAUSED
    assert s.toggle()[0].kind is EventKind.RESUMED


def test_next_skips_and_previous_goes_back_like_a_media_player() -> None:
    s, clock = session(HOLD, start=0)
    s.start()
    clock.set(1)
    # What fell due before the key press is reported first: the display's "9".
    assert kinds(s.next()) == ["second:9", "phase_end", "phase_start"] and s.index == 1
    assert s.deadline() == 6  # the skipped-to phase starts now, with its full length
    clock.set(2)
    s.previous()  # only 1 s into the phase: go back
    assert s.index == 0 and s.remaining() == 10
    clock.set(5)
    s.previous()  # 3 s in: restart the same phase
    assert s.index == 0 and s.remaining() == 10
    s.previous()  # at the very first phase: restart it
    assert s.index == 0


def test_skipping_past_the_end_finishes() -> None:
    s, _ = session("  - {name: a, hold: 5s}\n")
    s.start()
    s.next()
    assert kinds(s.next())[-1] == "finished"
    assert s.next() == [] and s.previous() == [] and s.advance() == []


def test_skipping_while_paused_stays_paused() -> None:
    s, clock = session(HOLD, start=0)
    s.start()
    s.pause()
    clock.set(30)
    s.next()
    assert s.state is State.PAUSED and s.index == 1 and s.remaining() == 5
    clock.set(40)
    s.resume()
    assert s.deadline() == 45 and s.paused_total == 40


def test_next_and_previous_exercise() -> None:
    s, clock = session("  - {name: a, hold: 5s, sets: 2}\n  - {name: b, hold: 5s}\n"
                       "  - {name: c, hold: 5s}\n", start=0)
    s.start()
    s.next_exercise()
    assert s.phase.exercise == "b" and s.phase.kind.value == "prepare"
    clock.set(1)
    s.previous_exercise()  # at the start of b: go to a
    assert s.phase.exercise == "a" and s.index == 0
    s.next_exercise()
    s.next()
    clock.set(5)
    s.previous_exercise()  # inside b: back to its start
    assert s.phase.exercise == "b" and s.phase.kind.value == "prepare"
    s.next_exercise()
    s.next_exercise()
    assert s.state is State.FINISHED


def test_extend_gives_the_phase_more_time_without_repeating_cues() -> None:
    s, clock = session("  - {name: a, hold: 5s}\n", start=0)
    s.start()
    run_to(s, clock, 12.5)  # 2.5 s into the 5 s hold; 4 and 3 shown already
    assert kinds(s.extend(10))[-1] == "extended:10"
    assert s.remaining() == 12.5
    events = run_to(s, clock, 25)
    assert kinds(events)[0] == "second:12" and kinds(events)[-1] == "finished"
    assert events[-1].at == 25


def test_reps_report_each_rep_and_tempo_part() -> None:
    s, clock = session("  - {name: a, reps: 2, tempo: 2-1-2}\n", start=0)
    s.start()
    events = s.next()  # skip get-ready at t=0: the first rep starts at once
    events += run_to(s, clock, 10)
    reps = [(e.at, e.kind.value, e.value, e.tempo) for e in events
            if e.kind in (EventKind.REP_STARTED, EventKind.TEMPO_PART)]
    assert reps == [(0, "rep", 1, None), (0, "tempo", 1, "up"), (2, "tempo", 1, "hold"),
                    (3, "tempo", 1, "down"), (5, "rep", 2, None), (5, "tempo", 2, "up"),
                    (7, "tempo", 2, "hold"), (8, "tempo", 2, "down")]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.floats(min_value=0, max_value=40, allow_nan=False), min_size=1,
                max_size=12),
       st.lists(st.sampled_from(["pause", "next", "previous", "none"]), min_size=12,
                max_size=12))
def test_the_rep_and_tempo_part_shown_are_the_last_ones_reported(
        moments: list[float], commands: list[str]) -> None:
    """Whatever the driver's steps, skips and pauses, the rep and the tempo part under way
    are the latest reported in the phase, as the events said them."""
    s, clock = session("  - {name: a, reps: 3, sets: 2, tempo: 2-1-2, rest: 4s}\n"
                       "  - {name: b, hold: 6s}\n", start=0)
    s.start()
    heard: list[Event] = []
    for moment, command in zip(sorted(moments), commands, strict=False):
        heard += run_to(s, clock, moment)
        heard += {"pause": s.toggle, "next": s.next, "previous": s.previous,
                  "none": list}[command]()
        phase_events: list[Event] = []
        for event in heard:
            if event.kind is EventKind.PHASE_STARTED:
                phase_events = []
            elif event.kind in (EventKind.REP_STARTED, EventKind.TEMPO_PART):
                phase_events.append(event)
        reps = [e.value for e in phase_events if e.kind is EventKind.REP_STARTED]
        last = phase_events[-1] if phase_events else None
        assert s.rep == (reps[-1] if reps else None)
        assert s.tempo_part == (last.tempo if last is not None
                                and last.kind is EventKind.TEMPO_PART else None)


def test_long_holds_have_a_halfway_point() -> None:
    s, clock = session("  - {name: a, hold: 40s}\n  - {name: b, hold: 10s}\n", start=0)
    s.start()
    events = run_to(s, clock, 200)
    halfway = [(e.at, e.phase.exercise) for e in events
               if e.kind is EventKind.HALFWAY and e.phase is not None]
    assert halfway == [(30, "a")]


def test_a_self_paced_phase_counts_up_until_next() -> None:
    s, clock = session("  - {name: a, reps: 10, tempo: self}\n", start=0)
    s.start()
    run_to(s, clock, 10)
    assert s.phase.open_ended and s.remaining() is None
    events = run_to(s, clock, 1000)
    counts = [e.value for e in events if e.kind is EventKind.SECOND]
    assert counts[-1] == 990  # stalls aside, it counts up and never ends on its own
    assert not any(e.kind is EventKind.COUNTDOWN for e in events)
    assert s.state is State.RUNNING
    assert kinds(s.next())[-1] == "finished"


def test_a_short_stall_is_caught_up_and_the_display_skips_ahead() -> None:
    s, clock = session("  - {name: a, hold: 30s}\n", start=0)
    s.start()
    s.next()
    clock.set(3.5)  # the driver slept through three deadlines
    events = s.advance()
    seconds = [e.value for e in events if e.kind is EventKind.SECOND]
    assert seconds == [27]
    assert s.state is State.RUNNING


def test_a_session_far_behind_pauses_where_it_was_and_says_so() -> None:
    s, clock = session(HOLD, start=0)
    s.start()
    clock.set(3)
    s.advance()
    clock.set(3 + 3600)  # the laptop slept for an hour
    events = s.advance()
    assert kinds(events) == ["paused"] and events[0].reason is PauseReason.FELL_BEHIND
    assert s.state is State.PAUSED and s.index == 0
    assert s.remaining() == 6  # paused at the first deadline it missed (t=4)
    clock.advance(10)
    events = s.resume()
    assert kinds(events) == ["resumed", "second:6"] and s.deadline() == 3 + 3600 + 10 + 6


def test_a_key_pressed_just_after_a_deadline_acts_on_the_phase_now_shown() -> None:
    s, clock = session(HOLD, start=0)
    s.start()
    run_to(s, clock, 9.99)
    clock.set(10.004)  # the prepare phase ended 4 ms ago; the timer has not fired yet
    events = s.next()
    assert kinds(events) == ["phase_end", "phase_start", "phase_end", "phase_start"]
    assert s.phase.kind.value == "rest"  # skipped the hold that had just begun, not the prepare
    assert s.phase_times[0] == (0, 10)


def test_extending_after_halfway_does_not_say_halfway_again() -> None:
    s, clock = session("  - {name: a, hold: 30s}\n", start=0)
    s.start()
    s.next()
    run_to(s, clock, 20)
    s.extend(30)
    events = run_to(s, clock, 100)
    assert not any(e.kind is EventKind.HALFWAY for e in events)
    assert s.extend(0) == [] and s.state is State.FINISHED


def test_restart_from_ready_just_starts() -> None:
    s, _ = session(HOLD)
    assert kinds(s.restart()) == ["phase_start"]


def test_stop_and_restart() -> None:
    s, clock = session(HOLD, start=0)
    s.start()
    clock.set(2)
    assert kinds(s.stop()) == ["second:8", "stopped"]
    assert s.state is State.STOPPED and s.advance() == [] and s.next() == []
    assert s.ended_at == 2 and s.phase_times == [(0, 2)]
    clock.set(5)
    events = s.restart()
    assert kinds(events) == ["phase_start"] and s.index == 0 and s.deadline() == 15
