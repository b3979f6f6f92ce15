"""Speech is made on a worker while the session runs: the first phase never waits for it,
the words come in the order the session needs them, and words not made in time give way
to a shorter sentence or the tone alone, never to a late or cut-off one."""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable, Sequence
from pathlib import Path

from hiptimer.cues.announcements import DONE, in_order_of_need
from hiptimer.cues.names import CueName, CueSettings
from hiptimer.cues.sound import Sound
from hiptimer.cues.speech_worker import Spawn, on_thread
from hiptimer.cues.tones import built_in
from hiptimer.practice import Assembler, Practice
from hiptimer.routine import parse_routine
from hiptimer.session.clock import FakeClock
from hiptimer.session.events import Event

from .support.audio import RecordingSink
from .support.speech import GATE_WAIT, FakeMaker, ManualSpawn, words

SETS = ("name: t\ndefaults: {prepare: 5s, rest: 5s}\nexercises:\n"
        "  - {name: Frog, hold: 5s, sets: 2}\n")
"""Phases: get ready, work, rest, work; then the finish."""
FULL_REST = "Rest. Next: last set."


class Run:
    """A session assembled as the app does, on a fake clock, with what was heard when."""

    def __init__(self, text: str, maker: FakeMaker, spawn: Spawn, tmp_path: Path,
                 settings: CueSettings | None = None) -> None:
        self.clock = FakeClock(0)
        self.sink = RecordingSink()
        self.reported: list[str] = []
        assembler = Assembler(self.clock, self.sink, lambda: settings or CueSettings(),
                              self.reported.append, data=tmp_path, speaker=lambda: maker,
                              spawn=spawn)
        routine = parse_routine(text.encode(), "t.yaml")
        self.practice: Practice = assembler.assemble(routine)
        self.moments: list[tuple[CueName, float]] = []
        assert self.practice.cues is not None
        self.practice.cues.on_cue = lambda name, at: self.moments.append((name, at))

    def deliver(self, events: Sequence[Event]) -> None:
        """As the driver does: deliver, then the work done ahead."""
        self.practice.deliver(events)
        self.practice.prepare()

    def start(self) -> None:
        self.deliver(self.practice.session.start())

    def to_the_end(self, meanwhile: Callable[[], object] = lambda: None) -> None:
        """Every deadline in turn; ``meanwhile`` runs after each (the worker's progress)."""

        def deliver(events: Sequence[Event]) -> None:
            self.deliver(events)
            meanwhile()

        self.clock.jump(self.practice.session, deliver=deliver)

    def heard(self) -> list[tuple[CueName, float, Sound]]:
        return [(name, at, sound) for (name, at), sound
                in zip(self.moments, self.sink.played, strict=True)]


def said(name: CueName, sound: Sound, texts: Sequence[str]) -> str | None:
    """Which of ``texts`` follows the tone in ``sound``; ``None`` for the tone alone."""
    tone = built_in(name)
    if sound.samples == tone.samples:
        return None
    for text in texts:
        if sound.samples == tone.then(words(text)).samples:
            return text
    raise AssertionError(f"{name} says something else than {texts}")


def assert_nothing_overlaps(heard: list[tuple[CueName, float, Sound]]) -> None:
    """No sound starts before the one before it has ended: none is cut off."""
    for (name, at, sound), (after, next_at, _) in itertools.pairwise(heard):
        assert at + sound.seconds <= next_at + 1e-9, f"{name} at {at} runs into {after}"


def test_the_first_phase_starts_without_waiting_for_speech(tmp_path: Path) -> None:
    maker, spawn = FakeMaker(), ManualSpawn()
    run = Run(SETS, maker, spawn, tmp_path)
    run.start()
    status = run.practice.status()
    assert status.phase is not None and status.phase.index == 0
    [(name, at, sound)] = run.heard()
    assert (name, at) == (CueName.GET_READY, 0) and said(name, sound, []) is None
    assert maker.made == []  # nothing was made on the way to the first phase
    assert spawn.spawned == 1  # but the worker was set going


def test_a_warm_cache_is_heard_from_the_first_cue(tmp_path: Path) -> None:
    timeline_texts = ["Next: Frog, 2 sets of 5 seconds.", "Next: Frog.", "Frog."]
    maker, spawn = FakeMaker(warm=timeline_texts), ManualSpawn()
    run = Run(SETS, maker, spawn, tmp_path)
    run.start()
    [(name, _, sound)] = run.heard()
    # The longest that ends before the first pip, two seconds in.
    assert said(name, sound, timeline_texts) == "Next: Frog."
    assert maker.made == []  # read from the cache, not made


def test_speech_is_made_on_a_worker_thread_and_ends_with_the_practice(tmp_path: Path) -> None:
    gate = threading.Event()
    maker = FakeMaker(gate=gate)
    try:
        run = Run(SETS, maker, on_thread, tmp_path)
        run.start()
        assert maker.entered.wait(GATE_WAIT)  # the worker is held up making words...
        status = run.practice.status()
        assert status.phase is not None and status.phase.index == 0  # ...the session not
    finally:
        gate.set()
    run.practice.close()
    assert maker.threads and threading.current_thread() not in maker.threads
    assert not [t for t in threading.enumerate() if t.name == "hiptimer-speech"]


def test_announcements_are_made_in_the_order_the_session_needs_them(tmp_path: Path) -> None:
    maker, spawn = FakeMaker(), ManualSpawn()
    run = Run(SETS, maker, spawn, tmp_path)
    assert spawn.spawned == 0  # the way to the first phase shares nothing with the worker
    run.start()
    spawn.run()
    assert maker.made == ["Frog.", "Next: Frog.", "Next: Frog, 2 sets of 5 seconds.",
                          "Rest.", FULL_REST, DONE]
    assert maker.made == in_order_of_need(run.practice.timeline)


def test_words_the_planner_asks_for_are_made_next(tmp_path: Path) -> None:
    """Skipped straight to the rest: its words jump the queue."""
    maker, spawn = FakeMaker(), ManualSpawn()
    run = Run(SETS, maker, spawn, tmp_path)
    run.start()
    run.deliver(run.practice.session.next())  # to the first work phase: the rest is next
    spawn.step()
    spawn.step()
    assert maker.made == ["Rest.", FULL_REST]


def test_a_slow_engine_costs_only_the_words_not_yet_made(tmp_path: Path) -> None:
    """One text made a second: the first phase has its tone alone, every later one its
    words, at the same moments as with every word ready, none cut off."""
    text = ("name: t\ndefaults: {prepare: 6s}\nexercises:\n"
            + "".join(f"  - {{name: Move {n}, hold: 3s}}\n" for n in range(6)))
    made = ManualSpawn()
    ready = Run(text, FakeMaker(), made, tmp_path)
    made.run()
    ready.start()
    ready.to_the_end()
    slow, spawn = FakeMaker(), ManualSpawn()
    run = Run(text, slow, spawn, tmp_path)
    run.start()
    run.to_the_end(spawn.step)
    heard = run.heard()
    assert [(name, at) for name, at, _ in heard] == [(n, at) for n, at, _ in ready.heard()]
    assert_nothing_overlaps(heard)
    starts = [(name, sound) for name, _, sound in heard if name is CueName.GET_READY]
    assert said(*starts[0], []) is None
    assert [said(name, sound, [f"Next: Move {n}, 3 seconds."])
            for n, (name, sound) in enumerate(starts)][1:] == [
        f"Next: Move {n}, 3 seconds." for n in range(1, 6)]
    assert run.reported == []


def test_words_not_ready_in_time_give_way_to_a_shorter_sentence_or_the_tone(
        tmp_path: Path) -> None:
    maker, spawn = FakeMaker(), ManualSpawn()
    run = Run(SETS, maker, spawn, tmp_path)
    run.start()
    while not maker.made or maker.made[-1] != "Rest.":
        assert spawn.step()  # only the short rest made: the engine stalls there
    run.to_the_end()
    heard = run.heard()
    assert_nothing_overlaps(heard)
    assert [(name, at) for name, at, _ in heard] == [
        (CueName.GET_READY, 0), (CueName.PIP, 2), (CueName.PIP, 3), (CueName.PIP_LAST, 4),
        (CueName.WORK, 5), (CueName.PIP, 7), (CueName.PIP, 8), (CueName.PIP_LAST, 9),
        (CueName.REST, 10), (CueName.PIP, 12), (CueName.PIP, 13), (CueName.PIP_LAST, 14),
        (CueName.WORK, 15), (CueName.PIP, 17), (CueName.PIP, 18), (CueName.PIP_LAST, 19),
        (CueName.FINISHED, 20)]
    rest = next(sound for name, _, sound in heard if name is CueName.REST)
    assert said(CueName.REST, rest, [FULL_REST, "Rest."]) == "Rest."
    finish = heard[-1][2]
    assert said(CueName.FINISHED, finish, [DONE]) is None


def test_a_crash_while_making_speech_costs_the_words_only(tmp_path: Path) -> None:
    maker, spawn = FakeMaker(fault=RuntimeError("out of its mind")), ManualSpawn()
    run = Run(SETS, maker, spawn, tmp_path)
    run.start()
    run.to_the_end(spawn.step)
    heard = run.heard()
    assert len(heard) == 17 and heard[-1][0] is CueName.FINISHED
    assert all(said(name, sound, []) is None for name, _, sound in heard)
    [problem] = run.reported
    assert problem.startswith("spoken announcements are off") and "out of its mind" in problem
    assert spawn.spawned == 1  # given up after the first failure: not tried again and again


def test_a_crash_on_the_worker_thread_is_caught_and_told_once(tmp_path: Path) -> None:
    maker = FakeMaker(fault=RuntimeError("out of its mind"))
    run = Run(SETS, maker, on_thread, tmp_path)
    run.start()
    assert maker.entered.wait(GATE_WAIT)
    run.practice.close()  # waits for the worker, which has met the fault
    run.to_the_end()
    assert len(run.reported) == 1 and "out of its mind" in run.reported[0]
    assert len(run.heard()) == 17


def test_no_speech_engine_is_told_at_once_and_the_session_has_its_tones(
        tmp_path: Path) -> None:
    missing = "espeak-ng is not installed, so cues are tones only"
    maker, spawn = FakeMaker(problem=missing), ManualSpawn()
    run = Run(SETS, maker, spawn, tmp_path)
    assert run.reported == [missing]
    run.start()
    run.to_the_end(spawn.step)
    assert run.reported == [missing] and spawn.spawned == 0 and maker.made == []
    assert len(run.heard()) == 17


def test_with_the_voice_off_nothing_is_made(tmp_path: Path) -> None:
    maker, spawn = FakeMaker(), ManualSpawn()
    run = Run(SETS, maker, spawn, tmp_path, CueSettings(voice=False))
    run.start()
    run.to_the_end(spawn.step)
    assert spawn.spawned == 0 and maker.made == [] and len(run.heard()) == 17
