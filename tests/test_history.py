"""The session history: recorded as it happens, kept safe, and counted by week."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from hiptimer.cli import main
from hiptimer.history.recorder import SessionRecorder
from hiptimer.history.store import SCHEMA_VERSION, HistoryStore
from hiptimer.history.weeks import counts_by_week, streak, week_of
from hiptimer.routine import parse_routine
from hiptimer.session import compile_timeline
from hiptimer.session.clock import FakeClock
from hiptimer.session.engine import Session, State

from .conftest import StoreOpener

ROUTINE = ("name: Rec\ndefaults: {prepare: 2s, rest: 1s}\nexercises:\n"
           "  - {name: Frog, hold: 3s, sets: 2}\n")
BERLIN = ZoneInfo("Europe/Berlin")


def recorded_session(store: HistoryStore, steps: float | None = None) -> Session:
    timeline = compile_timeline(parse_routine(ROUTINE.encode(), "rec.yaml"))
    clock = FakeClock(0)
    session = Session(timeline, clock)
    recorder = SessionRecorder(store, session)
    for event in session.start():
        recorder.on_event(event)
    while session.state is State.RUNNING:
        due = session.next_deadline()
        assert due is not None
        if steps is not None and due > steps:
            clock.set(steps)
            for event in session.stop():
                recorder.on_event(event)
            break
        clock.set(due)
        for event in session.advance():
            recorder.on_event(event)
    return session


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
    routine.write_text("name: Open\ndefaults: {prepare: 0}\nexercises:\n"
                       "  - {name: Warm-up, hold: 0.2s}\n  - {name: Lift, reps: 5, tempo: self}\n")
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


def test_an_unreadable_database_is_moved_aside_not_emptied(open_store: StoreOpener,
                                                           tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    store = open_store(path)
    assert store.problem is not None and "moved to history.sqlite.corrupt-" in store.problem
    assert store.sessions() == []
    [aside] = tmp_path.glob("history.sqlite.corrupt-*")
    assert aside.read_bytes().startswith(b"this is not a database")


def test_a_database_from_a_newer_version_is_kept_aside(open_store: StoreOpener,
                                                       tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    store = open_store(path)
    assert store.problem is not None and "newer hiptimer" in store.problem


def test_an_old_database_is_migrated(open_store: StoreOpener, tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    sqlite3.connect(path).close()  # version 0: an empty database
    store = open_store(path)
    assert store.problem is None
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


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
    assert report["sessions"][0]["status"] == "completed" and report["this_week"] == 1
    assert report["weekly_target"] == 2
    assert main(["history"]) == 0
    assert "This week: 1 of 2 sessions." in capsys.readouterr().out
    out = tmp_path / "h.csv"
    assert main(["export", "--csv", str(out)]) == 0
    lines = out.read_text().splitlines()
    assert lines[0].startswith("started_at,ended_at,routine") and ",Rec,,completed," in lines[1]


def test_a_session_still_running_elsewhere_is_not_called_interrupted(open_store: StoreOpener,
                                                                     tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    recording = open_store(path)
    session = recording.start("Rec", None, "x", 60)
    looking = open_store(path)  # 'hiptimer history' while the window records
    assert [s.status for s in looking.sessions()] == ["running"]
    recording.db.execute("UPDATE sessions SET pid = 999999999 WHERE id = ?", (session,))
    assert [s.status for s in open_store(path).sessions()] == ["interrupted"]
