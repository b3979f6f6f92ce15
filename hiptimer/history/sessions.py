"""The sessions in the history: their records and statuses, and a session written as it runs.

A session is written when it starts, each work period when it has run, and how it ended at
its end; the running work period's seconds go into a pulse file meanwhile (``pulse``), which
reading takes in, and which opening writes into the database once its session was cut off.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path

from hiptimer.history.pulse import Beat, Pulse, read_pulse, read_pulses, remove_pulse
from hiptimer.history.trouble import Trouble, trouble_of
from hiptimer.session.counting import KEPT_WORK, TOLERANCE, Shortfall, shortfall


class SessionStatus(StrEnum):
    RUNNING = "running"
    COMPLETED = "completed"
    STOPPED = "stopped"
    INTERRUPTED = "interrupted"
    """Cut off: the process recording it ended without saying how the session ended."""


RUNNING, COMPLETED = SessionStatus.RUNNING, SessionStatus.COMPLETED
STOPPED, INTERRUPTED = SessionStatus.STOPPED, SessionStatus.INTERRUPTED
_PULSE_COUNTS = (f"session_id IN (SELECT id FROM sessions WHERE status IN "
                 f"('{RUNNING.value}', '{INTERRUPTED.value}'))")
"""Where a pulse counts: for a session running, or cut off (and not yet written in)."""


@dataclass(frozen=True)
class SessionRecord:
    id: int
    routine_name: str
    routine_file: str | None
    content_hash: str
    started_at: datetime
    ended_at: datetime | None
    planned_work: float
    """The work the routine planned at the level it ran at, self-paced phases left out."""
    completed_work: float
    """Work: seconds spent in work phases (holds and reps), pauses left out; the figure the
    summary at the end shows too."""
    status: SessionStatus
    session_seconds: float | None = None
    """The session's length, pauses left out; ``None`` while it runs or once cut off.
    (Sessions recorded before it was kept have the time from start to end instead.)"""

    @property
    def shortfall(self) -> Shortfall | None:
        """Why this session does not count towards the week; ``None`` when it counts."""
        return shortfall(self.status is SessionStatus.COMPLETED, self.completed_work,
                         self.planned_work)

    @property
    def counts(self) -> bool:
        """Whether it counts: towards the week and the streak, and as done for a reminder."""
        return self.shortfall is None


def utc_now() -> datetime:
    return datetime.now(UTC)


def _status(text: str) -> SessionStatus:
    """A status this version does not know (a hand edit) reads as cut off, not as a crash."""
    try:
        return SessionStatus(text)
    except ValueError:
        return SessionStatus.INTERRUPTED


def _alive(pid: int | None) -> bool:
    if pid is None:
        return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists, but belongs to someone else
    return True


def mark_cut_off(db: sqlite3.Connection, path: Path) -> None:
    """A session still "running" whose process is gone was cut off (a crash, a kill); one
    whose process lives (the window, while 'hiptimer history' looks) is not. A cut-off
    session's pulse (its last seconds) goes into the database, and the file goes."""
    # Pulses first: a pulse file is made after its session's row, so every one listed
    # here has its session in the query below.
    pulses = read_pulses(path)
    rows = db.execute("SELECT id, pid FROM sessions WHERE status = ?", (RUNNING.value,))
    alive: set[int] = set()
    gone: list[tuple[str, int, str]] = []
    for row_id, pid in rows.fetchall():
        if _alive(pid):
            alive.add(row_id)
        else:
            gone.append((INTERRUPTED.value, row_id, RUNNING.value))
    settled = {session: beat for session, beat in pulses.items() if session not in alive}
    if not gone and not settled:
        return
    try:
        with db:
            db.execute("BEGIN IMMEDIATE")
            db.executemany(
                "UPDATE completed_work SET seconds = MAX(seconds, ?) WHERE id = ? AND "
                f"session_id = ? AND {_PULSE_COUNTS}",
                [(beat.seconds, beat.work_id, session)
                 for session, beat in settled.items() if beat is not None])
            db.executemany("UPDATE sessions SET status = ? WHERE id = ? AND status = ?",
                           gone)
    except sqlite3.Error as exc:
        if trouble_of(exc) is Trouble.DAMAGED:
            raise
        # Busy for seconds, or a file that cannot be written (opening says so): the next
        # opening that can write marks them; the history still reads, pulses and all.
        return
    for session in settled:
        remove_pulse(path, session)


class SessionRows:
    """The history store's sessions and their work periods (a part of ``HistoryStore``)."""

    db: sqlite3.Connection
    path: Path
    in_memory: bool

    def start(self, routine_name: str, routine_file: str | None, content_hash: str,
              planned_work: float, when: datetime | None = None) -> int:
        cursor = self.db.execute(
            "INSERT INTO sessions (routine_name, routine_file, content_hash, started_at, "
            "planned_work, status, pid) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (routine_name, routine_file, content_hash, (when or utc_now()).isoformat(),
             planned_work, RUNNING.value, os.getpid()))
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def pulse(self, session_id: int) -> Pulse | None:
        """Where the running work period's seconds go each second, beside the database;
        None for a history in memory, which a kill loses anyway."""
        if self.in_memory:
            return None
        remove_pulse(self.path, session_id)  # left by a database that had the same numbers
        return Pulse(self.path, session_id)

    def add_work(self, session_id: int, exercise: str, side: str | None, round_: int,
                 set_number: int, seconds: float) -> int:
        """A work period done, or the one running so far; returns its id for updates."""
        cursor = self.db.execute(
            "INSERT INTO completed_work (session_id, exercise, side, round, set_number, "
            "seconds) VALUES (?, ?, ?, ?, ?, ?)",
            (session_id, exercise, side, round_, set_number, seconds))
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def set_work(self, work_id: int, seconds: float) -> None:
        """The seconds of a work period so far: one small write, the session total follows."""
        self.db.execute("UPDATE completed_work SET seconds = ? WHERE id = ?", (seconds, work_id))

    def remove_work(self, work_id: int) -> None:
        self.db.execute("DELETE FROM completed_work WHERE id = ?", (work_id,))

    def forget(self, session_id: int) -> None:
        """Removes a session and its work for good: one that ended with nothing done, a
        start by mistake (not a deletion to undo: there is nothing to bring back)."""
        with self.db:
            self.db.execute("BEGIN IMMEDIATE")
            self.db.execute("DELETE FROM completed_work WHERE session_id = ?", (session_id,))
            self.db.execute("DELETE FROM sessions WHERE id = ?", (session_id,))

    def finish(self, session_id: int, status: SessionStatus, when: datetime | None = None,
               session_seconds: float | None = None) -> None:
        """How the session ended, when, and (as the engine counts it) how long it ran."""
        self.db.execute(
            "UPDATE sessions SET status = ?, ended_at = ?, session_seconds = ? WHERE id = ?",
            (status.value, (when or utc_now()).isoformat(), session_seconds, session_id))

    def sessions(self) -> list[SessionRecord]:
        """The sessions kept, the oldest first. One over with less than a second of work (a
        start by mistake cut off, or recorded by an older hiptimer) is left out, as if never
        written; one under way is there from its start."""
        rows = self.db.execute(
            "SELECT id, routine_name, routine_file, content_hash, started_at, ended_at, "
            "planned_work, completed_work, status, session_seconds FROM sessions "
            "WHERE deleted_at IS NULL AND (completed_work > ? OR status = ?) "
            "ORDER BY started_at, id", (KEPT_WORK + TOLERANCE, RUNNING.value))
        ahead = {} if self.in_memory else {
            session: gain for session, beat in read_pulses(self.path).items()
            if (gain := self._pulse_gain(session, beat))}
        return [SessionRecord(r[0], r[1], r[2], r[3], datetime.fromisoformat(r[4]),
                              datetime.fromisoformat(r[5]) if r[5] else None, r[6],
                              r[7] + ahead.get(r[0], 0.0), _status(r[8]), r[9])
                for r in rows]

    def work(self, session_id: int) -> list[tuple[str, str | None, int, int, float]]:
        rows = self.db.execute(
            "SELECT id, exercise, side, round, set_number, seconds FROM completed_work "
            "WHERE session_id = ? ORDER BY id", (session_id,))
        beat = None if self.in_memory else read_pulse(self.path, session_id)
        if beat is not None and not self._pulse_gain(session_id, beat):
            beat = None
        return [(r[1], r[2], r[3], r[4], beat.seconds if beat and beat.work_id == r[0] else r[5])
                for r in rows]

    def _pulse_gain(self, session_id: int, beat: Beat | None) -> float:
        """The seconds ``beat`` holds beyond the database (a running session's, or a cut-off
        one's not yet written in), or 0 when it holds nothing more or does not count."""
        if beat is None:
            return 0.0
        row = self.db.execute(
            f"SELECT seconds FROM completed_work WHERE id = ? AND session_id = ? AND "
            f"{_PULSE_COUNTS}", (beat.work_id, session_id)).fetchone()
        return max(0.0, beat.seconds - row[0]) if row is not None else 0.0
