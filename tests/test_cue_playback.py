"""Cues follow the session as it runs, extended phases included."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from hiptimer.cues.dispatch import CueDispatcher
from hiptimer.cues.names import CueName, CueSettings
from hiptimer.cues.placement import CueBank, finish_cue, plan_phase
from hiptimer.cues.sound import Sound
from hiptimer.cues.tones import built_in
from hiptimer.routine import parse_routine
from hiptimer.session import compile_timeline
from hiptimer.session.clock import FakeClock
from hiptimer.session.engine import Session
from hiptimer.session.events import Event, EventKind

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



def test_a_phase_starts_with_its_sounds_made_already() -> None:
    """The next phase's words are joined to their tone and brought to the volume while the
    phase before runs (the first phase's before the session starts, the finishing words
    during the last phase): when a phase starts or the session finishes, its cue goes out
    before any sound is made, and it is the sound that planning then would have made."""
    routine = parse_routine(b"name: t\nexercises:\n  - {name: a, hold: 5s, sides: both}\n"
                            b"  - {name: b, reps: 2, tempo: 2-1-2, sets: 2, rest: 5s}\n", "t.yaml")
    timeline = compile_timeline(routine)
    clock = FakeClock(0)
    session = Session(timeline, clock)
    bank = CueBank(TONES, FakeVoice(), CueSettings(volume=0.8))
    log: list[str] = []
    make, sink = bank.sound, RecordingSink()
    play = sink.play

    def made(name: CueName, text: str | None) -> Sound:
        log.append("made")
        return make(name, text)

    def played(sound: Sound) -> None:
        log.append("played")
        play(sound)

    bank.sound = made  # type: ignore[method-assign]
    sink.play = played  # type: ignore[method-assign]
    cues = CueDispatcher(timeline, bank, sink)
    starts: list[tuple[int, list[str], Sound]] = []

    def hear(events: Sequence[Event]) -> None:
        for event in events:
            before, heard = len(log), len(sink.played)
            cues.on_event(event)
            if event.kind is EventKind.PHASE_STARTED and event.phase is not None:
                starts.append((event.phase.index, log[before:], sink.played[heard]))
            elif event.kind is EventKind.FINISHED:
                starts.append((len(timeline.phases), log[before:], sink.played[heard]))
        cues.prepare()  # as the driver does once a deadline's events are delivered

    hear(session.start())
    clock.jump(session, deliver=hear)
    assert [index for index, _, _ in starts] == list(range(len(timeline.phases) + 1))
    assert all(work == ["played"] for _, work, _ in starts)
    fresh = CueBank(TONES, FakeVoice(), CueSettings(volume=0.8))
    *phases, (_, _, finishing) = starts
    for index, _, sound in phases:
        planned = plan_phase(timeline, index, timeline.phases[index].duration, fresh)
        assert sound.samples == planned[(EventKind.PHASE_STARTED, None, None)].sound.samples
    done = finish_cue(fresh)
    assert done is not None and finishing.samples == done.sound.samples
