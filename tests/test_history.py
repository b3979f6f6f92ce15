"""The session history: recorded as it happens, kept safe, and counted by week."""

from __future__ import annotations

import json
import math
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from hiptimer.cli import main
from hiptimer.history.recorder import SessionRecorder
from hiptimer.history.schema import SCHEMA_VERSION
from hiptimer.history.store import HistoryStore
from hiptimer.history.weeks import counts_by_week, streak, week_of
from hiptimer.routine import parse_routine
from hiptimer.session import compile_timeline
from hiptimer.session.clock import FakeClock
from hiptimer.session.counting import kept
from hiptimer.session.engine import FELL_BEHIND, Session
from hiptimer.session.events import Event
from hiptimer.session.state import State
from hiptimer.session.timeline import PhaseKind

from .support.history import ROUTINE, StoreOpener, recorded_session

BERLIN = ZoneInfo("Europe/Berlin")


def test_a_completed_session_is_recorded_with_its_work(open_store: StoreOpener,
                                                       tmp_path: Path) -> None:
    store = open_store(tmp_path / "history.sqlite")
    recorded_session(store)
    [record] = store.sessions()
    assert (record.routine_name, record.status) == ("Rec", "completed")
    assert record.planned_work == 6 and record.completed_work == 6
    assert store.work(record.id) == [("Frog", None, 1, 1, 3.0), ("Frog", None, 1, 2, 3.0)]
    assert record.ended_at is not None and len(record.content_hash) == 16


def test_a_stopped_session_keeps_the_part_done(open_store: StoreOpener, tmp_path: Path) -> None:
    store = open_store(tmp_path / "history.sqlite")
    recorded_session(store, steps=3.5)  # stopped 1.5 s into the first hold
    [record] = store.sessions()
    assert record.status == "stopped" and record.completed_work == 1.5


def test_a_killed_runner_leaves_an_interrupted_session(open_store: StoreOpener, tmp_path: Path,
                                                       data_dir: Path) -> None:
    routine = tmp_path / "open.yaml"
    # Over a second of work: one cut off before that is left out, as a start by mistake.
    routine.write_text("name: Open\ndefaults: {prepare: 0}\nexercises:\n"
                       "  - {name: Warm-up, hold: 1.2s}\n  - {name: Lift, reps: 5, tempo: self}\n")
    proc = subprocess.Popen([sys.executable, "-m", "hiptimer", "run", "--no-gui", str(routine),
                             "--mute"], stdout=subprocess.PIPE, text=True,
                            stdin=subprocess.DEVNULL, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    assert proc.stdout is not None
    for line in proc.stdout:
        if line.startswith("REPS  Lift"):
            break
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    proc.stdout.close()
    store = open_store(data_dir / "history.sqlite")
    [record] = store.sessions()
    assert record.status == "interrupted"
    assert [w[0] for w in store.work(record.id)] == ["Warm-up"]


def test_a_runner_killed_mid_hold_keeps_the_seconds_done(open_store: StoreOpener,
                                                         tmp_path: Path, data_dir: Path) -> None:
    routine = tmp_path / "long.yaml"
    routine.write_text("name: Long\ndefaults: {prepare: 0, rest: 0}\nexercises:\n"
                       "  - {name: Frog, hold: 0.5s}\n  - {name: Deep hold, hold: 600s}\n")
    read_end, write_end = os.pipe()
    proc = subprocess.Popen(
        [sys.executable, "-m", "hiptimer", "run", "--no-gui", str(routine), "--mute",
         "--events", f"/dev/fd/{write_end}"], pass_fds=(write_end,),
        stdout=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    os.close(write_end)
    seconds_left: list[int] = []
    try:
        with os.fdopen(read_end, encoding="utf-8") as events:
            hold = False
            for line in events:  # each event reaches the history before it reaches this log
                event = json.loads(line)
                if event["event"] == "phase_start":
                    hold = event["exercise"] == "Deep hold"
                elif event["event"] == "second" and hold:
                    seconds_left.append(event["value"])  # even those written as it was killed
                    if len(seconds_left) == 2:
                        proc.send_signal(signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait(timeout=30)
    assert len(seconds_left) >= 2, "the runner ended before the hold had run two seconds"
    done = 600 - seconds_left[-1]
    store = open_store(data_dir / "history.sqlite")
    [record] = store.sessions()
    assert record.status == "interrupted"
    [warm_up, deep] = store.work(record.id)
    assert warm_up == ("Frog", None, 1, 1, 0.5)
    # The next second may have been written in the moment before the kill landed.
    assert deep[:4] == ("Deep hold", None, 1, 1) and deep[4] in (done, done + 1)
    assert record.completed_work == 0.5 + deep[4]


def test_the_running_hold_is_in_the_history_every_second(open_store: StoreOpener,
                                                         tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    store = open_store(path)
    session = recorded_session(store, until=4.5)  # 2.5 s into the first 3 s hold
    assert session.state is State.RUNNING
    looking = open_store(path)  # another process, as after a kill
    [record] = looking.sessions()
    assert record.status == "running" and record.completed_work == 2
    assert looking.work(record.id) == [("Frog", None, 1, 1, 2.0)]


def test_a_restart_keeps_the_run_before_it(open_store: StoreOpener, tmp_path: Path) -> None:
    store = open_store(tmp_path / "history.sqlite")
    timeline = compile_timeline(parse_routine(ROUTINE.encode(), "rec.yaml"))
    clock = FakeClock(0)
    session = Session(timeline, clock)
    recorder = SessionRecorder(store, session)
    for event in session.start():
        recorder.on_event(event)
    clock.set(4.2)  # 2.2 s into the first hold
    for event in session.advance() + session.restart():
        recorder.on_event(event)
    first, second = store.sessions()
    assert (first.status, second.status) == ("stopped", "running")
    assert store.work(first.id) == [("Frog", None, 1, 1, 2.0)] and first.completed_work == 2
    # Its length: the 2 s to get ready, and the whole seconds of the hold the restart cut.
    assert first.session_seconds == 4


def test_an_unreadable_database_is_moved_aside_not_emptied(open_store: StoreOpener,
                                                           tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    store = open_store(path)
    assert store.problem is not None and "moved to history.sqlite.corrupt-" in store.problem
    assert store.sessions() == []
    [aside] = tmp_path.glob("history.sqlite.corrupt-*")
    assert aside.read_bytes().startswith(b"this is not a database")


def test_a_database_from_a_newer_version_is_left_alone(open_store: StoreOpener,
                                                       tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    before = path.read_bytes()
    store = open_store(path)
    assert store.problem is not None and "newer hiptimer" in store.problem
    assert "sessions of this run are not kept" in store.problem
    assert path.read_bytes() == before and list(tmp_path.glob("*corrupt*")) == []
    recorded_session(store)  # the app works on, in memory
    assert [s.status for s in store.sessions()] == ["completed"]


def test_an_old_database_is_migrated(open_store: StoreOpener, tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    sqlite3.connect(path).close()  # version 0: an empty database
    store = open_store(path)
    assert store.problem is None
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def test_weeks_run_across_the_new_year() -> None:
    # 2026-12-31 is a Thursday of ISO week 2026-53; 2027-01-03 is its Sunday.
    assert week_of(utc(2026, 12, 31, 12), BERLIN) == week_of(utc(2027, 1, 3, 12), BERLIN)
    assert week_of(utc(2027, 1, 4, 12), BERLIN) == (2027, 1)


def test_weeks_follow_local_time_through_daylight_saving() -> None:
    # Sunday 2026-03-29 at 23:30 in Berlin (summer time) is 21:30 UTC: still that week.
    sunday_night = utc(2026, 3, 29, 21, 30)
    assert week_of(sunday_night, BERLIN) == (2026, 13)
    assert week_of(sunday_night + timedelta(hours=1), BERLIN) == (2026, 14)
    # And in winter time, 23:30 on Sunday 2026-10-25 is 22:30 UTC.
    assert week_of(utc(2026, 10, 25, 22, 30), BERLIN) == (2026, 43)


def test_the_streak_counts_weeks_on_target_in_a_row() -> None:
    monday = utc(2026, 12, 21, 9)
    done = [monday - timedelta(weeks=w) + timedelta(days=d) for w in range(1, 4) for d in (0, 2)]
    done.append(monday - timedelta(weeks=5))  # an older week below target
    now = utc(2027, 1, 1, 12)  # a week later, across the year end
    assert streak(done, 2, now, BERLIN) == 0  # last week (the one of 12-21) had none
    now = monday + timedelta(days=3)
    assert streak(done, 2, now, BERLIN) == 3  # this week still open, the 3 before on target
    assert streak([*done, monday, monday + timedelta(days=1)], 2, now, BERLIN) == 4
    assert counts_by_week(done, BERLIN)[week_of(monday - timedelta(weeks=1), BERLIN)] == 2


def test_history_and_export_commands(open_store: StoreOpener, tmp_path: Path, data_dir: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    store = open_store(data_dir / "history.sqlite")
    recorded_session(store)
    store.close()
    assert main(["history", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    [done] = report["sessions"]
    assert done["status"] == "completed" and (done["work_seconds"], done["session_seconds"]) \
        == (6, 9)
    assert not done["counts"] and report["this_week"] == 0  # 6 s of work: under 2 minutes
    assert report["weekly_target"] == 2
    assert main(["history"]) == 0
    assert "This week: 0 of 2 sessions." in capsys.readouterr().out
    out = tmp_path / "h.csv"
    assert main(["export", "--csv", str(out)]) == 0
    lines = out.read_text().splitlines()
    # The columns of earlier versions first, as they were, then the newer ones.
    assert lines[0] == ("started_at,ended_at,routine,file,status,planned,done,planned_seconds,"
                        "done_seconds,exercises,sides,sets,work,work_seconds,session,"
                        "session_seconds,counts,id,damage,feeling")
    # Two 3 s sets of Frog: whole seconds and m:ss, and what was done; 2 s to get ready and
    # a 1 s rest make the session 9 s long.
    assert lines[1].split(",")[2:] == ["Rec", "", "completed", "0:06", "0:06", "6", "6",
                                       "Frog", "0", "2", "0:06", "6", "0:09", "9", "no",
                                       lines[1].split(",")[-3], "", ""]
    capsys.readouterr()
    assert main(["export", "--csv", "-"]) == 0  # to standard output, not a file named '-'
    assert capsys.readouterr().out.splitlines() == lines
    assert not Path("-").exists()


def test_a_session_still_running_elsewhere_is_not_called_interrupted(open_store: StoreOpener,
                                                                     tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    recording = open_store(path)
    session = recording.start("Rec", None, "x", 60)
    recording.add_work(session, "Frog", None, 1, 1, 5)
    looking = open_store(path)  # 'hiptimer history' while the window records
    assert [s.status for s in looking.sessions()] == ["running"]
    recording.db.execute("UPDATE sessions SET pid = 999999999 WHERE id = ?", (session,))
    assert [s.status for s in open_store(path).sessions()] == ["interrupted"]


MACHINE_ROUTINES = [
    "  - {name: a, hold: 5s, sets: 2, sides: both}\n  - {name: b, reps: 3, tempo: 1-1-1}\n",
    "  - {name: a, reps: 2, tempo: self, sets: 2}\n  - {name: b, hold: 2.5s, prepare: 0}\n",
    "  - {name: a, hold: 21s}\n",
]


class RecordingMachine(RuleBasedStateMachine):
    """Random presses and waits: the history always holds what was done, and each session's
    total is the sum of its work periods."""

    @initialize(text=st.sampled_from(MACHINE_ROUTINES), start=st.floats(0, 1e6))
    def build(self, text: str, start: float) -> None:
        routine = parse_routine(f"name: t\nrounds: 2\nexercises:\n{text}".encode(), "t.yaml")
        self.folder = tempfile.TemporaryDirectory()
        self.store = HistoryStore(Path(self.folder.name) / "history.sqlite")
        self.clock = FakeClock(start)
        self.session = Session(compile_timeline(routine), self.clock)
        self.recorder = SessionRecorder(self.store, self.session)

    def teardown(self) -> None:
        if hasattr(self, "store"):
            self.store.close()
            self.folder.cleanup()

    def feed(self, events: list[Event]) -> None:
        for event in events:
            self.recorder.on_event(event)

    @rule(dt=st.floats(0, FELL_BEHIND * 3))
    def wait(self, dt: float) -> None:
        self.clock.advance(dt)
        self.feed(self.session.advance())

    @rule(late=st.floats(0, 0.05))
    def wake_at_deadline(self, late: float) -> None:
        due = self.session.next_deadline()
        if due is not None:
            self.clock.set(max(self.clock.now(), due + late))
            self.feed(self.session.advance())

    @rule(command=st.sampled_from(["start", "pause", "resume", "next", "previous",
                                   "next_exercise", "previous_exercise", "stop"]))
    def press(self, command: str) -> None:
        self.feed(getattr(self.session, command)())

    @rule(seconds=st.integers(1, 30))
    def extend(self, seconds: int) -> None:
        self.feed(self.session.extend(seconds))

    @precondition(lambda self: hasattr(self, "store"))
    @rule()
    def a_kill_now_loses_nothing(self) -> None:
        """The files as a kill at this moment would leave them (the database, its log, the
        running exercise's pulse), opened afresh: the same sessions, the same seconds."""
        # One cut off before any work is left out, as a start by mistake.
        records = [r for r in self.store.sessions() if kept(r.completed_work)]
        shown = [(r.id, self.store.work(r.id)) for r in records]
        totals = [r.completed_work for r in records]
        with tempfile.TemporaryDirectory() as after:
            for name in os.listdir(self.folder.name):
                if not name.endswith("-shm"):  # an index SQLite builds again
                    shutil.copy(Path(self.folder.name, name), Path(after, name))
            path = Path(after) / "history.sqlite"
            if not path.exists():
                return
            with sqlite3.connect(path) as db:
                db.execute("UPDATE sessions SET pid = 999999999")
            db.close()
            with HistoryStore(path) as store:
                found = store.sessions()
                assert [(r.id, store.work(r.id)) for r in found] == shown
                assert [r.completed_work for r in found] == pytest.approx(totals)
                assert "running" not in [r.status for r in found]
            assert not [n for n in os.listdir(after) if ".running-" in n]

    @precondition(lambda self: hasattr(self, "store"))
    @invariant()
    def totals_are_the_sum_of_their_periods(self) -> None:
        for record in self.store.sessions():
            periods = sum(w[4] for w in self.store.work(record.id))
            assert record.completed_work == pytest.approx(periods, abs=1e-9)

    @precondition(lambda self: hasattr(self, "store"))
    @invariant()
    def the_history_holds_what_was_done(self) -> None:
        s = self.session
        records = self.store.sessions()
        if s.started_at is None:  # never started (perhaps stopped before it began)
            assert records == []
            return
        phases = s.timeline.phases
        over = s.state in (State.FINISHED, State.STOPPED)
        work = sum(seconds for i, seconds in s.phase_times if phases[i].kind is PhaseKind.WORK)
        if over and not kept(work):  # a start by mistake: nothing kept
            assert records == []
            return
        [record] = records
        done = [(phases[i].exercise, phases[i].side, phases[i].round, phases[i].set, seconds)
                for i, seconds in s.phase_times
                if phases[i].kind is PhaseKind.WORK and seconds > 0]
        rows = self.store.work(record.id)
        if s.state in (State.FINISHED, State.STOPPED):
            assert rows == done
            assert record.status == ("completed" if s.state is State.FINISHED else "stopped")
            return
        assert record.status == "running" and rows[:len(done)] == done
        running = rows[len(done):]
        if s.phase.kind is not PhaseKind.WORK:
            assert running == []
            return
        elapsed = s.elapsed_in_phase()
        if running:  # the whole seconds passed, at most one behind
            [(*_, seconds)] = running
            assert elapsed - 1 - 1e-6 <= seconds <= elapsed + 1e-6
        else:  # no second of it has passed yet
            length = s.phase_duration
            first = 1.0 if length is None else length - (math.ceil(length) - 1)
            assert elapsed <= first + 1e-6


TestRecording = RecordingMachine.TestCase
TestRecording.settings = settings(max_examples=100, stateful_step_count=30, deadline=None)
