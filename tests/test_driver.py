"""The Qt driver arms one precise timer for the engine's next deadline and re-emits its events."""

from __future__ import annotations

import itertools
import threading
from pathlib import Path

from PySide6.QtCore import Qt

from hiptimer.cues.names import CueSettings
from hiptimer.practice import Assembler, Practice
from hiptimer.qtloop.driver import SessionDriver
from hiptimer.routine import parse_routine
from hiptimer.session import compile_timeline
from hiptimer.session.clock import FakeClock
from hiptimer.session.engine import Session
from hiptimer.session.events import Event, EventKind
from hiptimer.session.state import State
from hiptimer.session.status import Status
from hiptimer.session.vocabulary import PhaseWord

from .support.audio import RecordingSink
from .support.speech import FakeMaker, ManualSpawn


def make(text: str) -> tuple[SessionDriver, FakeClock]:
    routine = parse_routine(f"name: t\nexercises:\n{text}".encode(), "t.yaml")
    clock = FakeClock(0)
    return SessionDriver(Practice(Session(compile_timeline(routine), clock))), clock


def armed(driver: SessionDriver) -> int | None:
    """Read afresh after each command (a type checker would keep the first answer)."""
    return driver.armed_in_ms


def fire(driver: SessionDriver, clock: FakeClock) -> None:
    """What the event loop does when the armed timer runs out."""
    due = driver.session.next_deadline()
    assert due is not None
    clock.set(due)
    driver._timer.timeout.emit()


def test_the_timer_is_armed_for_the_next_deadline(qtbot: object) -> None:
    driver, clock = make("  - {name: a, hold: 2.5s}\n")
    assert driver._timer.timerType() is Qt.TimerType.PreciseTimer
    assert driver._timer.isSingleShot()
    started: list[Event] = []
    driver.event_happened.connect(started.append)
    driver.start()
    assert [e.phase.kind.value for e in started
            if e.phase and e.kind is EventKind.PHASE_STARTED] == ["prepare"]
    assert driver.armed_in_ms is not None and 990 <= driver.armed_in_ms <= 1000  # next second
    clock.set(4.3)
    driver._timer.timeout.emit()  # a late wake-up still lands on the next whole second
    assert driver.armed_in_ms is not None and 690 <= driver.armed_in_ms <= 700


def test_events_and_status_changes_are_reported_in_order(qtbot: object) -> None:
    driver, clock = make("  - {name: a, reps: 2, tempo: 1-1-1}\n")
    kinds: list[str] = []
    shown: list[Status] = []
    driver.event_happened.connect(lambda event: kinds.append(event.kind.value))
    driver.status_changed.connect(shown.append)
    driver.start()
    driver.pause()
    driver.resume()
    while driver.session.state is State.RUNNING:
        fire(driver, clock)
    assert kinds[:3] == ["phase_start", "paused", "resumed"]
    assert {"second", "countdown", "rep", "tempo", "phase_end"} <= set(kinds)
    assert kinds[-1] == "finished"
    assert [s.word for s in shown[:3]] == [PhaseWord.GET_READY] * 3
    assert [s.paused for s in shown[:3]] == [False, True, False]
    assert shown[-1].word is PhaseWord.DONE
    assert all(a != b for a, b in itertools.pairwise(shown))  # only changes
    assert driver.armed_in_ms is None


def test_commands_rearm_the_timer(qtbot: object) -> None:
    driver, _ = make("  - {name: a, hold: 30s}\n")
    driver.start()
    driver.next()
    assert 990 <= (armed(driver) or 0) <= 1000
    driver.pause()
    assert armed(driver) is None
    driver.resume()
    driver.extend(10)
    driver.stop()
    assert armed(driver) is None and driver.session.state is State.STOPPED


def test_the_status_is_sent_before_the_events_that_changed_it(qtbot: object) -> None:
    driver, _ = make("  - {name: a, hold: 2s}\n")
    heard: list[str] = []
    driver.status_changed.connect(lambda status: heard.append(f"status {status.word}"))
    driver.event_happened.connect(lambda event: heard.append(event.kind.value))
    driver.start()
    driver.stop()
    assert heard == ["status GET READY", "phase_start", "status STOPPED", "stopped"]


def assembled(text: str, maker: FakeMaker, spawn: ManualSpawn,
              tmp_path: Path) -> tuple[SessionDriver, FakeClock]:
    """A driver of a practice put together as the app does, its speech made by hand."""
    clock = FakeClock(0)
    assembler = Assembler(clock, RecordingSink(), CueSettings, lambda _: None, data=tmp_path,
                          speaker=lambda: maker, spawn=spawn)
    routine = parse_routine(f"name: t\nexercises:\n{text}".encode(), "t.yaml")
    return SessionDriver(assembler.assemble(routine)), clock


def test_a_stopped_session_makes_no_more_speech_until_started_again(
        qtbot: object, tmp_path: Path) -> None:
    maker, spawn = FakeMaker(), ManualSpawn()
    driver, _ = assembled("  - {name: a, hold: 5s, sets: 2}\n", maker, spawn, tmp_path)
    driver.start()
    driver.stop()
    assert spawn.joined and not spawn.step() and maker.made == []
    driver.next()  # a command on the stopped session: still nothing is made
    assert not spawn.step() and maker.made == []
    driver.restart()
    assert spawn.step() and maker.made
    driver.stop()
    assert not spawn.step()


def test_a_finished_session_leaves_no_speech_worker_behind(
        qtbot: object, tmp_path: Path) -> None:
    """With the real worker thread, which makes the words as fast as it is let."""
    clock = FakeClock(0)
    assembler = Assembler(clock, RecordingSink(), CueSettings, lambda _: None, data=tmp_path,
                          speaker=FakeMaker)
    routine = parse_routine(b"name: t\nexercises:\n  - {name: a, hold: 2s}\n", "t.yaml")
    driver = SessionDriver(assembler.assemble(routine))
    driver.start()
    while driver.session.state is not State.FINISHED:
        fire(driver, clock)
    assert not [t for t in threading.enumerate() if t.name == "hiptimer-speech"]
