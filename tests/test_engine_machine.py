"""Random presses of start, pause, skip and back never break the session's bookkeeping."""

from __future__ import annotations

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from hiptimer.routine import parse_routine
from hiptimer.session import compile_timeline
from hiptimer.session.clock import FakeClock
from hiptimer.session.engine import FELL_BEHIND, Session
from hiptimer.session.events import Event, EventKind
from hiptimer.session.state import State

ROUTINES = [
    "  - {name: a, hold: 5s, sets: 2, sides: both}\n  - {name: b, reps: 3, tempo: 1-1-1}\n",
    "  - {name: a, reps: 2, tempo: self, sets: 2}\n  - {name: b, hold: 2.5s, prepare: 0}\n",
    "  - {name: a, hold: 21s}\n",
]


class SessionMachine(RuleBasedStateMachine):
    session: Session
    clock: FakeClock

    @initialize(text=st.sampled_from(ROUTINES), start=st.floats(0, 1e6))
    def build(self, text: str, start: float) -> None:
        routine = parse_routine(f"name: t\nrounds: 2\nexercises:\n{text}".encode(), "t.yaml")
        self.clock = FakeClock(start)
        self.session = Session(compile_timeline(routine), self.clock)
        self.events: list[Event] = []
        self.over = False

    def record(self, events: list[Event]) -> None:
        if self.over:
            assert events == [], "events after the session ended"
        self.events += events
        if any(e.kind in (EventKind.FINISHED, EventKind.STOPPED) for e in events):
            self.over = True
            assert events[-1].kind in (EventKind.FINISHED, EventKind.STOPPED)

    @rule(dt=st.floats(0, FELL_BEHIND * 3))
    def wait(self, dt: float) -> None:
        self.clock.advance(dt)
        self.record(self.session.advance())

    @rule(late=st.floats(0, 0.05))
    def wake_at_deadline(self, late: float) -> None:
        due = self.session.next_deadline()
        if due is not None:
            self.clock.set(max(self.clock.now(), due + late))
            self.record(self.session.advance())

    @rule(command=st.sampled_from(["start", "pause", "resume", "toggle", "next", "previous",
                                   "next_exercise", "previous_exercise", "stop"]))
    def press(self, command: str) -> None:
        self.record(getattr(self.session, command)())

    @rule(seconds=st.integers(1, 30))
    def extend(self, seconds: int) -> None:
        self.record(self.session.extend(seconds))

    @invariant()
    def on_a_real_phase(self) -> None:
        assert 0 <= self.session.index < len(self.session.timeline.phases)

    @invariant()
    def time_never_runs_backwards(self) -> None:
        times = [e.at for e in self.events]
        assert times == sorted(times)
        assert all(t <= self.clock.now() for t in times)
        due = self.session.next_deadline()
        if due is not None and times:
            assert due >= times[-1]

    @invariant()
    def time_adds_up(self) -> None:
        s = self.session
        if s.started_at is None:
            return
        now = self.clock.now()
        if s.state in (State.FINISHED, State.STOPPED):
            assert s.ended_at is not None
            spent = sum(t for _, t in s.phase_times) + s.paused_total
            assert spent == pytest.approx(s.ended_at - s.started_at, abs=1e-6)
            return
        paused_now = now - s.paused_since if s.paused_since is not None else 0.0
        spent = (sum(t for _, t in s.phase_times) + s.elapsed_in_phase(now) + s.paused_total
                 + paused_now)
        assert spent == pytest.approx(now - s.started_at, abs=1e-6)

    @invariant()
    def a_phase_never_runs_past_its_length(self) -> None:
        s = self.session
        for index, seconds in s.phase_times:
            length = s.timeline.phases[index].duration
            if length is not None:
                assert seconds <= length + 30 * 20 + 1e-6  # its length plus any extensions
        remaining = s.remaining()
        assert remaining is None or remaining >= 0


TestSession = SessionMachine.TestCase
TestSession.settings = settings(max_examples=150, stateful_step_count=40, deadline=None)
