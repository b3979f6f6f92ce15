"""Cues follow the session as it runs, extended phases included."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from hiptimer.cues.dispatch import CueDispatcher
from hiptimer.cues.names import CueName, CueSettings
from hiptimer.cues.placement import CueBank
from hiptimer.cues.tones import built_in
from hiptimer.routine import parse_routine
from hiptimer.session import compile_timeline
from hiptimer.session.clock import FakeClock
from hiptimer.session.engine import Session
from hiptimer.session.events import Event

from .support.audio import FakeVoice, RecordingSink

TONES = {name: built_in(name) for name in CueName}


def run(text: str, steps: Any = None) -> tuple[list[tuple[str, float]], RecordingSink, Session]:
    routine = parse_routine(f"name: t\nexercises:\n{text}".encode(), "t.yaml")
    timeline = compile_timeline(routine)
    clock = FakeClock(0)
    session = Session(timeline, clock)
    sink = RecordingSink()
    heard: list[tuple[str, float]] = []
    cues = CueDispatcher(timeline, CueBank(TONES, FakeVoice(), CueSettings()), sink,
                         on_cue=lambda name, at: heard.append((name.value, at)))
    def hear(events: Sequence[Event]) -> None:
        for event in events:
            cues.on_event(event)

    def wake() -> list[Event]:
        if steps is not None:
            hear(steps(session, clock))
        return session.advance()

    hear(session.start())
    clock.jump(session, deliver=hear, wake=wake)
    return heard, sink, session


def test_an_uninterrupted_session_plays_its_cues_in_order() -> None:
    heard, sink, _ = run("  - {name: a, hold: 5s}\n")
    assert heard == [("get_ready", 0), ("pip", 7), ("pip", 8), ("pip_last", 9), ("work", 10),
                     ("pip", 12), ("pip", 13), ("pip_last", 14), ("finished", 15)]
    assert len(sink.played) == len(heard)
    assert sink.played[0].seconds > built_in(CueName.GET_READY).seconds  # tone and words


def test_extending_a_phase_moves_its_countdown() -> None:
    extended: list[bool] = []

    def extend_once(session: Session, clock: FakeClock) -> list[Any]:
        if session.index == 1 and not extended:
            extended.append(True)
            return session.extend(10)
        return []

    heard, _, _ = run("  - {name: a, hold: 5s}\n", extend_once)
    work = [(name, at) for name, at in heard if at >= 10]
    assert work == [("work", 10), ("pip", 22), ("pip", 23), ("pip_last", 24), ("finished", 25)]
