"""The history database: every session, recorded as it happens, in the user's data folder.

A session is written when it starts and updated as each work period completes, so a crash
or a killed process leaves an "interrupted" session with what was done. The schema is
versioned (``PRAGMA user_version``) and migrated on open; a database that cannot be read
is moved aside with a message, never silently emptied.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

SCHEMA_VERSION = 4
MIGRATIONS = {
    1: """
        CREATE TABLE sessions (
            id INTEGER PRIMARY KEY,
            routine_name TEXT NOT NULL,
            routine_file TEXT,
            content_hash TEXT NOT NULL,
            started_at TEXT NOT NULL,
            ended_at TEXT,
            planned_work REAL NOT NULL,
            completed_work REAL NOT NULL DEFAULT 0,
            status TEXT NOT NULL
        );
        CREATE TABLE completed_work (
            session_id INTEGER NOT NULL REFERENCES sessions(id),
            exercise TEXT NOT NULL,
            side TEXT,
            round INTEGER NOT NULL,
            set_number INTEGER NOT NULL,
            seconds REAL NOT NULL
        );
        CREATE INDEX sessions_by_start ON sessions(started_at);
    """,
    2: """
        CREATE TABLE progression (
            routine TEXT PRIMARY KEY,
            level INTEGER NOT NULL DEFAULT 0,
            held INTEGER NOT NULL DEFAULT 0
        );
    """,
    3: """
        CREATE TABLE motion (
            id INTEGER PRIMARY KEY,
            measured_on TEXT NOT NULL,
            side TEXT NOT NULL CHECK (side IN ('left', 'right')),
            degrees REAL NOT NULL
        );
    """,
    4: """
        ALTER TABLE sessions ADD COLUMN pid INTEGER;
    """,
}
RUNNING, COMPLETED, STOPPED, INTERRUPTED = "running", "completed", "stopped", "interrupted"


@dataclass(frozen=True)
class SessionRecord:
    id: int
    routine_name: str
    routine_file: str | None
    content_hash: str
    started_at: datetime
    ended_at: datetime | None
    planned_work: float
    completed_work: float
    status: str


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


def utc_now() -> datetime:
    return datetime.now(UTC)


class HistoryStore:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.problem: str | None = None
        """Set when the database had to be moved aside and started anew."""
        try:
            self.db = self._open()
        except sqlite3.DatabaseError as exc:
            moved = self._move_aside()
            self.problem = (f"the history database {path} could not be read ({exc}); it was "
                            f"moved to {moved.name} and a new one started")
            self.db = self._open()

    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA foreign_keys=ON")
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise sqlite3.DatabaseError(f"made by a newer hiptimer (schema {version})")
            for step in range(version + 1, SCHEMA_VERSION + 1):
                db.executescript(f"BEGIN; {MIGRATIONS[step]} PRAGMA user_version = {step}; "
                                 "COMMIT;")
            # A session still "running" whose process is gone was cut off (a crash, a kill);
            # one whose process lives (the window, while 'hiptimer history' looks) is not.
            for row_id, pid in db.execute("SELECT id, pid FROM sessions WHERE status = ?",
                                          (RUNNING,)).fetchall():
                if not _alive(pid):
                    db.execute("UPDATE sessions SET status = ? WHERE id = ?",
                               (INTERRUPTED, row_id))
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    def _move_aside(self) -> Path:
        stamp = utc_now().strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        self.path.rename(target)
        for suffix in ("-wal", "-shm"):
            extra = self.path.with_name(self.path.name + suffix)
            if extra.exists():
                extra.rename(target.with_name(target.name + suffix))
        return target

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> HistoryStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def start(self, routine_name: str, routine_file: str | None, content_hash: str,
              planned_work: float, when: datetime | None = None) -> int:
        cursor = self.db.execute(
            "INSERT INTO sessions (routine_name, routine_file, content_hash, started_at, "
            "planned_work, status, pid) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (routine_name, routine_file, content_hash, (when or utc_now()).isoformat(),
             planned_work, RUNNING, os.getpid()))
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def add_work(self, session_id: int, exercise: str, side: str | None, round_: int,
                 set_number: int, seconds: float) -> None:
        with self.db:
            self.db.execute("BEGIN")
            self.db.execute(
                "INSERT INTO completed_work VALUES (?, ?, ?, ?, ?, ?)",
                (session_id, exercise, side, round_, set_number, seconds))
            self.db.execute("UPDATE sessions SET completed_work = completed_work + ? "
                            "WHERE id = ?", (seconds, session_id))

    def finish(self, session_id: int, status: str, when: datetime | None = None) -> None:
        self.db.execute("UPDATE sessions SET status = ?, ended_at = ? WHERE id = ?",
                        (status, (when or utc_now()).isoformat(), session_id))

    def level(self, routine: str) -> tuple[int, bool]:
        """The progression level a routine is at, and whether the user holds it there."""
        row = self.db.execute("SELECT level, held FROM progression WHERE routine = ?",
                              (routine,)).fetchone()
        return (int(row[0]), bool(row[1])) if row else (0, False)

    def set_level(self, routine: str, level: int, held: bool) -> None:
        self.db.execute(
            "INSERT INTO progression (routine, level, held) VALUES (?, ?, ?) "
            "ON CONFLICT(routine) DO UPDATE SET level = excluded.level, held = excluded.held",
            (routine, max(0, level), int(held)))

    def step_up(self, routine: str, top: int) -> int:
        """After a completed session: one level up, unless held or already at the top."""
        level, held = self.level(routine)
        if not held:
            level = min(top, level + 1)
            self.set_level(routine, level, held)
        return level

    def add_motion(self, measured_on: date, side: str, degrees: float) -> None:
        """A measured hip internal rotation angle for one side, in degrees."""
        self.db.execute("INSERT INTO motion (measured_on, side, degrees) VALUES (?, ?, ?)",
                        (measured_on.isoformat(), side, degrees))

    def motion(self) -> list[tuple[date, str, float]]:
        rows = self.db.execute(
            "SELECT measured_on, side, degrees FROM motion ORDER BY measured_on, id")
        return [(date.fromisoformat(r[0]), str(r[1]), float(r[2])) for r in rows]

    def sessions(self) -> list[SessionRecord]:
        rows = self.db.execute(
            "SELECT id, routine_name, routine_file, content_hash, started_at, ended_at, "
            "planned_work, completed_work, status FROM sessions ORDER BY started_at, id")
        return [SessionRecord(r[0], r[1], r[2], r[3], datetime.fromisoformat(r[4]),
                              datetime.fromisoformat(r[5]) if r[5] else None, r[6], r[7], r[8])
                for r in rows]

    def work(self, session_id: int) -> list[tuple[str, str | None, int, int, float]]:
        rows = self.db.execute(
            "SELECT exercise, side, round, set_number, seconds FROM completed_work "
            "WHERE session_id = ? ORDER BY rowid", (session_id,))
        return [tuple(r) for r in rows]
