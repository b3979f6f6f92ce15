"""The sessions in the history: their records and statuses, and a session written as it runs.

A session is written when it starts, each work period when it has run, and how it ended at
its end; the running work period's seconds go into a pulse file meanwhile (``pulse``), which
reading takes in, and which opening writes into the database once its session was cut off.
The end is written in one transaction, and only into a session not yet ended, so writing it
again changes nothing; an end its process could not write is kept in an end file
(``ending``), which opening writes in the same way.
"""

from __future__ import annotations

import math
import os
import sqlite3
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path

from hiptimer.base.translation import _, pgettext
from hiptimer.history import damage
from hiptimer.history.damage import UNKNOWN_MOMENT, Reasons
from hiptimer.history.ending import Ending, EndingRoom, read_endings, remove_ending
from hiptimer.history.level_rows import end_step
from hiptimer.history.pulse import Beat, Pulse, read_pulse, read_pulses, remove_pulse
from hiptimer.history.trouble import Trouble, trouble_of
from hiptimer.session.counting import KEPT_WORK, TOLERANCE, Shortfall, shortfall
from hiptimer.session.feeling import Feeling


class SessionStatus(StrEnum):
    RUNNING = "running"
    COMPLETED = "completed"
    STOPPED = "stopped"
    INTERRUPTED = "interrupted"
    """Cut off: the process recording it ended without saying how the session ended."""
    DAMAGED = "damaged"
    """A row that cannot be read as it is (``SessionRecord.damage`` says why): never
    stored, never counted, and deletable as any other."""

    @property
    def shown(self) -> str:
        """How the session ended, as the history's tables say it, in the language installed
        (the value is what the database and the export keep)."""
        texts = {SessionStatus.RUNNING: pgettext("session status", "running"),
                 SessionStatus.COMPLETED: pgettext("session status", "completed"),
                 SessionStatus.STOPPED: pgettext("session status", "stopped"),
                 SessionStatus.INTERRUPTED: pgettext("session status", "interrupted"),
                 SessionStatus.DAMAGED: pgettext("session status", "damaged")}
        return texts[self]


RUNNING, COMPLETED = SessionStatus.RUNNING, SessionStatus.COMPLETED
STOPPED, INTERRUPTED = SessionStatus.STOPPED, SessionStatus.INTERRUPTED
DAMAGED = SessionStatus.DAMAGED
SESSION_COLUMNS = ("id", "routine_name", "routine_file", "content_hash", "started_at",
                   "ended_at", "planned_work", "completed_work", "status", "session_seconds",
                   "feeling")
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
    damage: str | None = None
    """Why the row is damaged (each column, its value, escaped), its status then
    ``DAMAGED``; ``None`` for a sound row. What could be read is kept, the rest is 0."""
    feeling: Feeling | None = None
    """How the person said the session felt; ``None`` while unrated (and for a stored value
    this version does not know: a rating is no figure the session's counting needs)."""

    @property
    def shortfall(self) -> Shortfall | None:
        """Why this session does not count towards the week; ``None`` when it counts."""
        return shortfall(self.status is SessionStatus.COMPLETED, self.completed_work,
                         self.planned_work)

    @property
    def counts(self) -> bool:
        """Whether it counts: towards the week and the streak, and as done for a reminder.
        A damaged row never does, whatever figures could be read from it."""
        return self.damage is None and self.shortfall is None


def utc_now() -> datetime:
    return datetime.now(UTC)


def _status(value: object) -> SessionStatus:
    """A status this version does not know (a hand edit) reads as cut off, not as a crash;
    one that is no text at all is damage."""
    text = damage.text("status", value)
    try:
        status = SessionStatus(text)
    except ValueError:
        return SessionStatus.INTERRUPTED
    return SessionStatus.INTERRUPTED if status is DAMAGED else status


def stored_feeling(value: object) -> Feeling | None:
    """A stored feeling: one of ``Feeling``'s values, anything else unrated."""
    if not isinstance(value, str):
        return None
    try:
        return Feeling(value)
    except ValueError:
        return None


def checked_record(row: tuple[object, ...], gain: float) -> SessionRecord:
    """A ``sessions`` row (``SESSION_COLUMNS``) checked value by value, with ``gain`` seconds of
    its running pulse: a sound record, or a damaged one that says why."""
    reasons = Reasons()
    read = reasons.read
    column = dict(zip(SESSION_COLUMNS, row, strict=True))
    started = read(lambda: damage.moment("started_at", column["started_at"]), UNKNOWN_MOMENT)
    ended_at = column["ended_at"]
    ended = None if ended_at in (None, "") else read(
        lambda: damage.moment("ended_at", ended_at), None)
    if ended is not None and started is not UNKNOWN_MOMENT and ended < started:
        ended = started  # a wall clock set back: the session ends where it began
    planned = read(lambda: damage.seconds("planned_work", column["planned_work"]), 0.0)
    done = read(lambda: damage.seconds("completed_work", column["completed_work"]), 0.0)
    status = read(lambda: _status(column["status"]), DAMAGED)
    length = column["session_seconds"]
    session_seconds = None if length is None else read(
        lambda: damage.seconds("session_seconds", length), None)
    name = read(lambda: damage.text("routine_name", column["routine_name"]), "")
    file = read(lambda: damage.optional_text("routine_file", column["routine_file"]), None)
    content = read(lambda: damage.text("content_hash", column["content_hash"]), "")
    reason = reasons.damage
    session_id = column["id"]
    assert isinstance(session_id, int)
    return SessionRecord(session_id, name, file, content, started, ended, planned,
                         min(done + gain, damage.MAX_SECONDS), DAMAGED if reason else status,
                         session_seconds, reason, stored_feeling(column["feeling"]))


def _alive(pid: object) -> bool:
    """Whether the process ``pid`` lives; a stored pid that is no process's (text, 0, a
    negative one naming a process group) does not."""
    if isinstance(pid, bool) or not isinstance(pid, int) or not 0 < pid < 2**31:
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
    whose process lives (the window, while 'hiptimer history' looks) is not. An end its
    process kept in an end file, because it could not write the database, is written now;
    a session cut off without one gets its pulse (its last seconds). Then the files go."""
    # Files first: each is made after its session's row, so every session listed here has
    # its row in the query below.
    pulses = read_pulses(path)
    endings = read_endings(path)
    rows = db.execute("SELECT id, pid FROM sessions WHERE status = ?", (RUNNING.value,))
    alive: set[int] = set()
    gone: list[tuple[str, int, str]] = []
    for row_id, pid in rows.fetchall():
        if _alive(pid):
            alive.add(row_id)
        else:
            gone.append((INTERRUPTED.value, row_id, RUNNING.value))
    settled = {session: beat for session, beat in pulses.items() if session not in alive}
    ended = {session: end for session, end in endings.items() if session not in alive}
    if not gone and not settled and not ended:
        return
    try:
        with db:
            db.execute("BEGIN IMMEDIATE")
            for session, end in ended.items():
                if end is not None:
                    _write_end(db, session, end)
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
    for session in ended:
        remove_ending(path, session)


def _write_end(db: sqlite3.Connection, session_id: int, end: Ending) -> bool:
    """Writes ``end`` into the session, inside a transaction the caller holds: the work
    periods' last seconds, how and when it ended, and the level's step up. Only a session
    still running or cut off takes an end; False (and nothing written) for any other."""
    row = db.execute("SELECT routine_name FROM sessions WHERE id = ? AND status IN (?, ?)",
                     (session_id, RUNNING.value, INTERRUPTED.value)).fetchone()
    if row is None:
        return False
    for final in end.final:
        if final.seconds > 0:
            db.execute("UPDATE completed_work SET seconds = ? WHERE id = ? AND session_id = ?",
                       (_bounded(final.seconds), final.work_id, session_id))
        else:
            db.execute("DELETE FROM completed_work WHERE id = ? AND session_id = ?",
                       (final.work_id, session_id))
    db.executemany(
        "INSERT INTO completed_work (session_id, exercise, side, round, set_number, "
        "seconds) VALUES (?, ?, ?, ?, ?, ?)",
        [(session_id, u.exercise, u.side, u.round, u.set_number, _bounded(u.seconds))
         for u in end.unwritten if u.seconds > 0])
    _finish(db, session_id, COMPLETED if end.completed else STOPPED, end.ended_at,
            end.session_seconds)
    if end.completed and end.step_to is not None and isinstance(row[0], str):
        stepped = end_step(db, row[0], end.step_to)[1]
        if stepped is not None:  # kept for a rating of it (``ratings``)
            db.execute("UPDATE sessions SET level_ran = ?, level_top = ?, level_moved = ? "
                       "WHERE id = ?", (stepped.ran, end.step_to, stepped.moved, session_id))
    return True


def _finish(db: sqlite3.Connection, session_id: int, status: SessionStatus,
            when: datetime | None, session_seconds: float | None) -> None:
    end = (when or utc_now()).isoformat()
    length = None if session_seconds is None else _bounded(session_seconds, damage.MAX_SECONDS)
    db.execute(
        "UPDATE sessions SET status = ?, session_seconds = ?, ended_at = CASE WHEN "
        "julianday(?) < julianday(started_at) THEN started_at ELSE ? END WHERE id = ?",
        (status.value, length, end, end, session_id))


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

    def end_room(self, session_id: int) -> EndingRoom | None:
        """Room set aside beside the database for the session's end, so that a disk that
        fills meanwhile cannot lose it; None for a history in memory, or when the room
        cannot be made (the disk is full already)."""
        if self.in_memory:
            return None
        try:
            return EndingRoom.make(self.path, session_id)
        except OSError:
            return None

    def end(self, session_id: int, end: Ending) -> bool:
        """Writes the session's end, all of it in one transaction (``_write_end``): written
        twice, it is written once. False when the session had ended already, or is gone."""
        with self.db:
            self.db.execute("BEGIN IMMEDIATE")
            return _write_end(self.db, session_id, end)

    def add_work(self, session_id: int, exercise: str, side: str | None, round_: int,
                 set_number: int, seconds: float) -> int:
        """A work period done, or the one running so far; returns its id for updates."""
        cursor = self.db.execute(
            "INSERT INTO completed_work (session_id, exercise, side, round, set_number, "
            "seconds) VALUES (?, ?, ?, ?, ?, ?)",
            (session_id, exercise, side, round_, set_number, _bounded(seconds)))
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def set_work(self, work_id: int, seconds: float) -> None:
        """The seconds of a work period so far: one small write, the session total follows."""
        self.db.execute("UPDATE completed_work SET seconds = ? WHERE id = ?",
                        (_bounded(seconds), work_id))

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
        """How the session ended, when, and (as the engine counts it) how long it ran. An
        end before the start (a wall clock set back) is written as the start."""
        _finish(self.db, session_id, status, when, session_seconds)

    def sessions(self) -> list[SessionRecord]:
        """The sessions kept, the oldest first. One over with less than a second of work (a
        start by mistake cut off, or recorded by an older hiptimer) is left out, as if never
        written; one under way is there from its start."""
        rows = self.db.execute(
            f"SELECT {', '.join(SESSION_COLUMNS)} FROM sessions "
            "WHERE deleted_at IS NULL AND (completed_work > ? OR status = ?) "
            "ORDER BY started_at, id", (KEPT_WORK + TOLERANCE, RUNNING.value))
        ahead = {} if self.in_memory else {
            session: gain for session, beat in read_pulses(self.path).items()
            if (gain := self.pulse_gain(session, beat))}
        records = [checked_record(row, ahead.get(row[0], 0.0)) for row in rows]
        broken = self._damaged_work()
        return [with_damage(r, broken[r.id]) if r.id in broken else r for r in records]

    def _damaged_work(self) -> dict[int, str]:
        """Why each session with a damaged work period is damaged, by session: a work period
        that cannot be read leaves its session's figures in doubt."""
        rows = self.db.execute(
            f"SELECT {WORK_COLUMNS}, session_id FROM completed_work WHERE {ODD_WORK}",
            (damage.MAX_PERIOD_SECONDS,))
        found: dict[int, str] = {}
        for row in rows:
            reason = checked_period(row[:-1])[1]
            if reason is not None and isinstance(row[-1], int):
                found.setdefault(row[-1], _("work period {number}: {reason}").format(
                    number=row[0], reason=reason))
        return found

    def work(self, session_id: int) -> list[tuple[str, str | None, int, int, float]]:
        """The session's work periods, the oldest first: exercise, side, round, set and
        seconds; a damaged one is left out (its session reads as damaged)."""
        rows = self.db.execute(
            f"SELECT {WORK_COLUMNS} FROM completed_work WHERE session_id = ? ORDER BY id",
            (session_id,))
        beat = None if self.in_memory else read_pulse(self.path, session_id)
        if beat is not None and not self.pulse_gain(session_id, beat):
            beat = None
        periods = []
        for row in rows:
            period, reason = checked_period(row)
            if period is None or reason is not None:
                continue
            if beat is not None and beat.work_id == row[0]:
                period = (*period[:4], beat.seconds)
            periods.append(period)
        return periods

    def pulse_gain(self, session_id: int, beat: Beat | None) -> float:
        """The seconds ``beat`` holds beyond the database (a running session's, or a cut-off
        one's not yet written in), or 0 when it holds nothing more or does not count."""
        if beat is None:
            return 0.0
        row = self.db.execute(
            f"SELECT seconds FROM completed_work WHERE id = ? AND session_id = ? AND "
            f"{_PULSE_COUNTS}", (beat.work_id, session_id)).fetchone()
        if row is None or isinstance(row[0], bool) or not isinstance(row[0], int | float):
            return 0.0
        gain = beat.seconds - row[0]
        return gain if math.isfinite(gain) and gain > 0 else 0.0


WORK_COLUMNS = "id, exercise, side, round, set_number, seconds"
ODD_WORK = ("typeof(exercise) != 'text' OR typeof(side) NOT IN ('text', 'null') OR "
             "typeof(round) != 'integer' OR typeof(set_number) != 'integer' OR "
             "typeof(seconds) NOT IN ('integer', 'real') OR seconds < 0 OR seconds > ?")
"""Work periods that may be damaged, found by the database; ``checked_period`` says why."""


def checked_period(row: tuple[object, ...]
            ) -> tuple[tuple[str, str | None, int, int, float] | None, str | None]:
    """A ``completed_work`` row (``WORK_COLUMNS``) checked: the period, or why it is not."""
    reasons = Reasons()
    read = reasons.read
    exercise = read(lambda: damage.text("exercise", row[1]), "")
    side = read(lambda: damage.optional_text("side", row[2]), None)
    round_ = read(lambda: damage.whole("round", row[3]), 0)
    number = read(lambda: damage.whole("set_number", row[4]), 0)
    seconds = read(lambda: damage.seconds("seconds", row[5], damage.MAX_PERIOD_SECONDS), 0.0)
    reason = reasons.damage
    return (None if reason else (exercise, side, round_, number, seconds)), reason


def with_damage(record: SessionRecord, reason: str) -> SessionRecord:
    joined = f"{record.damage}; {reason}" if record.damage else reason
    return replace(record, status=DAMAGED, damage=joined)


def _bounded(seconds: float, most: float = damage.MAX_PERIOD_SECONDS) -> float:
    """Seconds as written: from 0 to ``most``, whatever a clock said (NaN is 0)."""
    return min(max(seconds, 0.0), most) if math.isfinite(seconds) else (
        most if seconds == math.inf else 0.0)
