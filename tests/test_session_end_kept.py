"""The end of a session is never lost: an end the history cannot take (a lock held elsewhere,
a disk that filled during the session) is kept, tried again until it is written, written
once, and the user is told while it is not; a process that gives up leaves it beside the
history, and the next start writes it in. Real causes only: a lock another connection holds,
a real file system filled to its last byte, a file size limit."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from hiptimer.cues.names import CueSettings
from hiptimer.cues.player import SilentSink
from hiptimer.history.ending import (
    SIZE,
    ending_path,
    read_ending,
)
from hiptimer.history.recorder import (
    KEPT_BESIDE,
    RECORDED,
    RECORDED_EARLIER,
    RETRY_EVERY,
    SessionRecorder,
)
from hiptimer.history.sessions import COMPLETED, RUNNING
from hiptimer.history.store import HistoryStore
from hiptimer.history.weeks import week_count
from hiptimer.practice import Assembler, Practice
from hiptimer.routine import parse_routine
from hiptimer.session.clock import FakeClock
from hiptimer.session.state import State
from hiptimer.session.summary import UNRECORDED_LINE, summary_lines

from .support.commands import hiptimer
from .support.full_disk import files_beside, fill, locked, small_disk

LONG_TEXT = ("name: Long\ndefaults: {prepare: 5s, rest: 5s}\nexercises:\n"
             "  - {name: Hold, hold: 60-70s, sets: 3}\n")
"""Three one-minute holds at its first level, enough to count; a level up holds 65 s."""
LONG = parse_routine(LONG_TEXT.encode(), "long.yaml")
SECOND_HOLD = 100.0
"""A moment in the second hold (its row written, the third one not begun)."""
GONE = 999_999_999
"""A process id no process has."""
WAIT = 0.05
"""Seconds a write waits for a lock here: the lock never goes away while it waits."""


@pytest.fixture
def store(tmp_path: Path) -> Iterator[HistoryStore]:
    with HistoryStore(tmp_path / "history.sqlite", write_wait=WAIT) as opened:
        yield opened


class Run:
    """A practice of ``LONG`` on a fake clock, recorded into ``store``, its words kept."""

    def __init__(self, store: HistoryStore) -> None:
        self.store = store
        self.clock = FakeClock()
        self.said: list[str] = []
        self.practice: Practice = Assembler(
            self.clock, SilentSink(), lambda: CueSettings(voice=False), self.said.append,
            lambda: store, weekly_target=lambda: 2).assemble(LONG)

    @property
    def recorder(self) -> SessionRecorder:
        assert self.practice.recorder is not None
        return self.practice.recorder

    def to(self, seconds: float | None = None) -> None:
        """Run for ``seconds`` (from the start, once over or not started), or to the end."""
        session = self.practice.session
        if session.state in (State.READY, State.FINISHED, State.STOPPED):
            start = session.start if session.state is State.READY else session.restart
            self.practice.deliver(start())
        until = None if seconds is None else self.clock.now() + seconds
        self.clock.jump(session, until, self.practice.deliver)

    def pending(self) -> bool:
        """An end not in the history yet."""
        return self.recorder.pending

    def lines(self) -> list[str]:
        summary = self.practice.summary()
        assert summary is not None
        return summary_lines(summary)


def test_an_end_the_history_refuses_is_kept_told_and_written_once_it_can(
        store: HistoryStore, tmp_path: Path) -> None:
    run = Run(store)
    run.to(SECOND_HOLD)
    with locked(store.path) as lock:
        run.to()
        assert run.practice.session.state is State.FINISHED
        assert run.pending()
        assert "the end of this session could not be written" in run.said[-1]
        # The screen claims nothing the history does not hold.
        lines = run.lines()
        assert UNRECORDED_LINE in lines and "Level 0 of 2" in lines
        assert not [line for line in lines if line.startswith(("This week", "Next time"))]
        [record] = store.sessions()
        assert record.status is RUNNING and store.level("Long") == (0, False)
        # Kept beside the history meanwhile, all of it.
        kept = read_ending(ending_path(store.path, record.id))
        assert kept is not None and kept.completed and kept.step_to == 2
        for _ in range(3):
            assert not run.recorder.retry()
        lock.execute("ROLLBACK")
        assert run.recorder.retry()
    assert run.said[-1] == RECORDED
    [record] = store.sessions()
    assert record.status is COMPLETED and record.completed_work == 180
    assert record.session_seconds == run.practice.session.active_seconds()
    assert [w[4] for w in store.work(record.id)] == [60.0, 60.0, 60.0]
    assert store.level("Long") == (1, False)
    assert week_count(store.sessions(), record.started_at) == 1
    assert run.lines()[2:] == ["This week: 1 of 2 sessions", "Next time: level 1 of 2"]
    assert files_beside(tmp_path) == []
    # Tried again after it succeeded: nothing is written twice.
    assert run.recorder.retry() and not run.pending()
    assert store.level("Long") == (1, False) and len(store.work(record.id)) == 3


def test_the_next_session_does_not_lose_an_end_still_pending(store: HistoryStore) -> None:
    run = Run(store)
    with locked(store.path) as lock:
        run.to()  # locked from the first moment: not even the session's row is written
        assert run.pending() and store.sessions() == []
        run.to(SECOND_HOLD)  # started again at once, the lock still held
        assert run.pending()
        lock.execute("ROLLBACK")
    run.to()
    assert not run.pending()
    first, second = store.sessions()
    assert (first.status, second.status) == (COMPLETED, COMPLETED)
    assert first.started_at < second.started_at
    assert first.completed_work == second.completed_work == 180
    assert store.level("Long") == (2, False)  # each stepped it up once
    assert run.said[-1] == RECORDED_EARLIER  # said as soon as the history took writes again


def test_a_session_with_nothing_done_is_still_removed_once_it_can_be(
        store: HistoryStore) -> None:
    run = Run(store)
    run.to(3)  # in its get ready
    with locked(store.path) as lock:
        run.practice.deliver(run.practice.session.stop())
        assert run.pending() and not run.said  # nothing of worth is waiting
        assert UNRECORDED_LINE not in run.lines()
        lock.execute("ROLLBACK")
        assert run.recorder.retry()
    assert store.db.execute("SELECT COUNT(*) FROM sessions").fetchone() == (0,)


def test_room_for_the_end_is_made_at_the_start_and_given_back_at_the_end(
        store: HistoryStore, tmp_path: Path) -> None:
    run = Run(store)
    run.to(SECOND_HOLD)
    [room] = [p for p in tmp_path.iterdir() if ".ending-" in p.name]
    assert room.stat().st_size == SIZE and read_ending(room) is None  # blank until the end
    run.to()
    assert files_beside(tmp_path) == []


# -- a real full disk: a small file system filled during the session --------------------------

@pytest.fixture
def disk(tmp_path: Path) -> Iterator[Path]:
    with small_disk(tmp_path / "disk") as folder:
        yield folder


def test_a_disk_that_fills_during_a_session_loses_nothing_of_it(disk: Path) -> None:
    with HistoryStore(disk / "history.sqlite", write_wait=WAIT) as store:
        run = Run(store)
        run.to(SECOND_HOLD)
        filler = fill(disk)
        run.to()
        assert run.practice.session.state is State.FINISHED and run.pending()
        assert any("could not be written" in s and "full" in s for s in run.said)
        assert UNRECORDED_LINE in run.lines()
        assert [r.status for r in store.sessions()] == [RUNNING]
        assert not run.recorder.retry()  # still full
        filler.unlink()
        assert run.recorder.retry()
        [record] = store.sessions()
        assert record.status is COMPLETED and record.completed_work == 180
        assert [w[4] for w in store.work(record.id)] == [60.0, 60.0, 60.0]
        assert store.level("Long") == (1, False)
        assert run.said[-1] == RECORDED


# -- the terminal: it tries for a few seconds, then leaves the end for the next start ---------

TERMINAL = """
import os, resource, signal, sys
from pathlib import Path
from PySide6.QtCore import QCoreApplication
from hiptimer.cues.names import CueSettings
from hiptimer.cues.player import SilentSink
from hiptimer.history.store import HistoryStore
from hiptimer.practice import Assembler
from hiptimer.qtloop.driver import SessionDriver
from hiptimer.qtloop.stop_signals import StopSignals
from hiptimer.routine import parse_routine
from hiptimer.session.clock import FakeClock
from hiptimer.terminal.output import Output, StatusLine
from hiptimer.terminal.runner import Runner

history, how, text, moment = Path(sys.argv[1]), sys.argv[2], sys.argv[3], float(sys.argv[4])
limit = resource.getrlimit(resource.RLIMIT_FSIZE)
clock = FakeClock()
naps = []

def fail():
    if how.startswith("fill:"):
        with open(how[5:], "wb", buffering=0) as out:
            try:
                while True:
                    out.write(bytes(65536))
            except OSError:
                pass
    else:  # files may not grow: every write fails with EFBIG
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (1, limit[1]))

def sleep(seconds):
    naps.append(seconds)
    clock.advance(seconds)
    if how == "limit-lifted" and len(naps) == 3:
        resource.setrlimit(resource.RLIMIT_FSIZE, limit)

app = QCoreApplication([])
with StopSignals() as signals, HistoryStore(history) as store:
    status = StatusLine(Output(sys.stdout), live=False, keys=False)
    practice = Assembler(clock, SilentSink(), lambda: CueSettings(voice=False), status.say,
                         lambda: store, weekly_target=lambda: 2).assemble(
        parse_routine(text.encode(), "long.yaml"))
    driver = SessionDriver(practice)
    runner = Runner(app, driver, status, False, signals)
    driver.start()
    clock.jump(driver.session, moment, wake=driver.catch_up)
    fail()
    clock.jump(driver.session, wake=driver.catch_up)
    recorded = runner.settle(sleep)
    print("RECORDED" if recorded else "LEFT", len(naps), flush=True)
    runner.close()
    practice.close()
"""


def terminal_session(data: Path, how: str) -> list[str]:
    """A session in a process of its own, as the terminal runs it, on a fake clock whose
    sleep only moves it; its output's lines."""
    done = subprocess.run(
        [sys.executable, "-c", TERMINAL, str(data / "history.sqlite"), how, LONG_TEXT,
         str(SECOND_HOLD)], capture_output=True, text=True, timeout=120, check=False,
        env={**os.environ, "HIPTIMER_DATA_DIR": str(data)})
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    return done.stdout.splitlines()


def history_of(data: Path) -> list[dict[str, object]]:
    """``hiptimer history --json`` in the data folder: the next start of hiptimer."""
    proc = hiptimer("history", "--json", env={**os.environ, "HIPTIMER_DATA_DIR": str(data)})
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    sessions: list[dict[str, object]] = json.loads(out)["sessions"]
    return sessions


def level_of(data: Path) -> tuple[int, bool]:
    with closing(sqlite3.connect(data / "history.sqlite")) as db:
        row = db.execute("SELECT level, held FROM progression WHERE routine = 'Long'"
                         ).fetchone()
    return (0, False) if row is None else (row[0], bool(row[1]))


@pytest.fixture
def tries() -> int:
    """How many times the terminal tries an end again before it gives up (its runner, run in
    a process of its own here, needs Qt's core)."""
    from hiptimer.terminal.runner import END_TRIES_SECONDS

    return round(END_TRIES_SECONDS / RETRY_EVERY)


def test_the_terminal_leaves_an_end_a_full_disk_refused_for_the_next_start(
        disk: Path, tries: int) -> None:
    filler = disk / "filler"
    lines = terminal_session(disk, f"fill:{filler}")
    assert UNRECORDED_LINE in lines and "Finished. Well done." in lines
    assert not [line for line in lines if line.startswith(("This week", "Next time"))]
    told = lines[lines.index("Finished. Well done.") + 1]
    assert told.startswith("the end of this session could not be written to the history")
    assert told.endswith("it is kept beside the history, and the next start of hiptimer "
                         "writes it in")
    assert KEPT_BESIDE.split("(")[0] in told
    assert lines[-1] == f"LEFT {tries}"  # a few seconds of tries, none slept for real
    filler.unlink()
    [session] = history_of(disk)
    assert session["status"] == "completed" and session["counts"] is True
    assert session["work_seconds"] == 180 and session["session_seconds"] == 195
    assert level_of(disk) == (1, False)
    assert files_beside(disk) == []


def test_the_terminal_keeps_trying_while_files_may_not_grow(data_dir: Path,
                                                           tries: int) -> None:
    lines = terminal_session(data_dir, "limit-lifted")
    assert UNRECORDED_LINE in lines
    assert tries > 3 and lines[-2:] == [RECORDED, "RECORDED 3"]
    [session] = history_of(data_dir)
    assert session["status"] == "completed" and session["work_seconds"] == 180
    assert level_of(data_dir) == (1, False)


def test_the_terminal_says_plainly_when_the_end_is_lost(data_dir: Path, tries: int) -> None:
    lines = terminal_session(data_dir, "limit-kept")  # the room cannot be written either
    assert lines[-1] == f"LEFT {tries}"
    told = lines[-2]
    assert told.startswith("the end of this session could not be written to the history")
    assert "nor kept beside it" in told and "cut off" in told
    [session] = history_of(data_dir)
    assert session["status"] == "interrupted" and level_of(data_dir) == (0, False)
