"""The history database: every session, recorded as it happens, in the user's data folder.

A session is written when it starts, the running work period's seconds are kept every
second (in a pulse file beside the database, see ``pulse``) and written in at its end, so a
crash or a killed process leaves an "interrupted" session with the seconds that were done.
The schema is versioned (``PRAGMA user_version``) and created or migrated inside one
exclusive transaction, so several hiptimer processes can open a new database at once.

The database holds health data, so it is created readable by the user alone. Only a
database SQLite itself calls damaged is moved aside, under a name of its own; one that is
busy, unreadable or made by a newer hiptimer is left as it is, and this run works on a
database in memory instead, with a message saying so (``problem``). Opening never raises.
"""

from __future__ import annotations

import errno
import itertools
import os
import random
import sqlite3
import stat
import time
from collections.abc import Iterable
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import Enum, StrEnum
from pathlib import Path
from typing import NamedTuple

from hiptimer.history.pulse import (
    Beat,
    Pulse,
    pulse_path,
    pulse_sessions,
    read_pulse,
    read_pulses,
    remove_pulse,
)

SCHEMA_VERSION = 6
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
    # Work periods get an id of their own, so the running one can be updated every second
    # (a rowid may change in a VACUUM); the database keeps each session's total equal to
    # the sum of its periods, whoever writes them.
    5: """
        CREATE TABLE work_periods (
            id INTEGER PRIMARY KEY,
            session_id INTEGER NOT NULL REFERENCES sessions(id),
            exercise TEXT NOT NULL,
            side TEXT,
            round INTEGER NOT NULL,
            set_number INTEGER NOT NULL,
            seconds REAL NOT NULL
        );
        INSERT INTO work_periods (session_id, exercise, side, round, set_number, seconds)
            SELECT session_id, exercise, side, round, set_number, seconds
            FROM completed_work ORDER BY rowid;
        DROP TABLE completed_work;
        ALTER TABLE work_periods RENAME TO completed_work;
        CREATE INDEX work_by_session ON completed_work(session_id);
        CREATE TRIGGER work_added AFTER INSERT ON completed_work BEGIN
            UPDATE sessions SET completed_work = (SELECT TOTAL(seconds) FROM completed_work
                WHERE session_id = NEW.session_id) WHERE id = NEW.session_id;
        END;
        CREATE TRIGGER work_changed AFTER UPDATE OF seconds ON completed_work BEGIN
            UPDATE sessions SET completed_work = (SELECT TOTAL(seconds) FROM completed_work
                WHERE session_id = NEW.session_id) WHERE id = NEW.session_id;
        END;
        CREATE TRIGGER work_removed AFTER DELETE ON completed_work BEGIN
            UPDATE sessions SET completed_work = (SELECT TOTAL(seconds) FROM completed_work
                WHERE session_id = OLD.session_id) WHERE id = OLD.session_id;
        END;
    """,
    # Deleting keeps a row, marked, for KEEP_DELETED, so a deletion can be undone from
    # another process too (the command line); opening removes older ones for good.
    6: """
        ALTER TABLE sessions ADD COLUMN deleted_at TEXT;
        ALTER TABLE motion ADD COLUMN deleted_at TEXT;
    """,
}

OPEN_WAIT = 10.0
"""Seconds opening waits for another process to let go of the database (creating, migrating)."""
WRITE_WAIT = 2.0
"""Seconds a write during a session waits for a busy database: well under the engine's five
seconds of "fell behind", so a wait delays a cue but never pauses the session."""
PRIVATE_FILE, PRIVATE_FOLDER = 0o600, 0o700
KEEP_DELETED = timedelta(days=30)
"""How long a deleted session or measurement can still be brought back."""
NOT_KEPT = "the sessions of this run are not kept"


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


class Trouble(Enum):
    """Why a database file cannot be used as it is; only DAMAGED moves it aside."""

    BUSY = "busy"
    DAMAGED = "damaged"
    NEWER = "newer"
    UNUSABLE = "unusable"


class UnfitDatabase(Exception):
    """The database file cannot be used as it is; ``trouble`` says whether to move it aside."""

    def __init__(self, trouble: Trouble, detail: str) -> None:
        super().__init__(detail)
        self.trouble = trouble
        self.detail = detail


def trouble_of(exc: sqlite3.Error) -> Trouble:
    """What SQLite's own error code says: damage only when it reports damage."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is None:
        return Trouble.UNUSABLE
    primary = code & 0xFF  # extended codes carry the primary code in their low byte
    if primary in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
        return Trouble.DAMAGED
    if primary in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return Trouble.BUSY
    return Trouble.UNUSABLE


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
    status: SessionStatus


class Measurement(NamedTuple):
    """One measured hip internal rotation angle, in degrees, for one side."""

    id: int
    measured_on: date
    side: str
    degrees: float


class NotDeletable(Exception):
    """A deletion or restoration that names a row there is none of, one already in that
    state, or a running session, or a history that cannot be written now; nothing was
    changed. The message says which, for the user."""


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


def utc_now() -> datetime:
    return datetime.now(UTC)


def _stamp(moment: datetime) -> str:
    """A deletion time as stored: in UTC, so that text order is time order (the last batch,
    what is old enough to be forgotten)."""
    return moment.astimezone(UTC).isoformat()


def migration_statements(script: str) -> list[str]:
    """A migration's statements one by one: ``executescript`` would commit the transaction
    the migration has to run in."""
    statements, pending = [], ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            statements.append(pending.strip())
            pending = ""
    if pending.strip():
        raise ValueError(f"an unfinished statement in a migration: {pending.strip()}")
    return statements


def _user_version(db: sqlite3.Connection) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def _refuse_newer(version: int) -> None:
    if version > SCHEMA_VERSION:
        raise UnfitDatabase(Trouble.NEWER, f"it was made by a newer hiptimer (schema {version})")


def migrate(db: sqlite3.Connection) -> None:
    """Brings the schema up to date, inside one exclusive transaction so that two processes
    opening a new database at once cannot both create it."""
    version = _user_version(db)
    _refuse_newer(version)
    if version == SCHEMA_VERSION:
        return  # the usual case: no write, so a busy database opens at once
    db.execute("BEGIN EXCLUSIVE")
    try:
        version = _user_version(db)  # another process may have done it while this one waited
        _refuse_newer(version)
        for step in range(version + 1, SCHEMA_VERSION + 1):
            for statement in migration_statements(MIGRATIONS[step]):
                db.execute(statement)
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise


def _use_wal(db: sqlite3.Connection, wait: float) -> None:
    """WAL mode, so that reading never waits for writing. Switching needs every other
    connection out of the file, and SQLite does not wait for that itself: try for ``wait``
    seconds, then go on in the mode the file has (the next opening switches it)."""
    deadline = time.monotonic() + wait
    while True:
        try:
            if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                db.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as exc:
            if trouble_of(exc) is not Trouble.BUSY:
                raise
            if time.monotonic() > deadline:
                return
            time.sleep(random.uniform(0.005, 0.05))  # the others are opening it too


def _make_folder(folder: Path) -> None:
    """Creates the data folder, and any folder above it that is missing, for the user alone
    (as the XDG base directory rules ask); a folder that exists keeps its mode."""
    missing = []
    while not folder.is_dir():
        missing.append(folder)
        if folder.parent == folder:
            break
        folder = folder.parent
    for each in reversed(missing):
        try:
            each.mkdir(mode=PRIVATE_FOLDER)
        except FileExistsError:
            if each.is_dir():
                continue  # another process made it a moment ago: its mode is not ours to set
            raise NotADirectoryError(errno.ENOTDIR, f"{each} is a file, not a folder") from None
        os.chmod(each, PRIVATE_FOLDER)  # whatever the umask left


def _make_private(path: Path) -> None:
    """Creates the database file for the user alone (SQLite gives its -wal and -shm files the
    same mode), and takes group and other access away from one an older version made."""
    with suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE))
    for name in (path.name, path.name + "-wal", path.name + "-shm"):
        try:
            info = os.lstat(path.with_name(name))
            if stat.S_ISREG(info.st_mode) and info.st_mode & 0o077:
                os.chmod(path.with_name(name), stat.S_IMODE(info.st_mode) & 0o700)
        except OSError:
            continue  # gone, or someone else's file: SQLite says whether it can be used


def _claim_name(path: Path) -> Path:
    """A name for a moved-aside copy that nothing has: two moves in one second each get one,
    and an existing copy is never overwritten."""
    base = f"{path.name}.corrupt-{utc_now():%Y%m%d-%H%M%S}"
    for number in itertools.count(1):
        name = base if number == 1 else f"{base}-{number}"
        target = path.with_name(name)
        if any(os.path.lexists(target.with_name(name + s)) for s in ("-wal", "-shm")):
            continue
        try:
            os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE))
        except FileExistsError:
            continue
        return target
    raise AssertionError("unreachable")


class HistoryStore:
    def __init__(self, path: Path, *, open_wait: float = OPEN_WAIT,
                 write_wait: float = WRITE_WAIT) -> None:
        self.path = path
        self.write_wait = write_wait
        self.problem: str | None = None
        """Why the history is not what the user would expect: moved aside, or not used."""
        self.in_memory = False
        """True when this run records into memory: the file could not be used."""
        self.db = self._open_any(open_wait)

    def _open_any(self, wait: float) -> sqlite3.Connection:
        """The database at ``path`` if it can be used, else a stand-in in memory."""
        folder = self.path.parent
        try:
            _make_folder(folder)
            _make_private(self.path)
        except OSError as exc:
            return self._stand_in(f"the history folder {folder} cannot be used "
                                  f"({exc.strerror or exc}); {NOT_KEPT}")
        try:
            return self._open(wait)
        except UnfitDatabase as exc:
            if exc.trouble is not Trouble.DAMAGED:
                return self._stand_in(self._left_alone(exc))
            damage = exc.detail
        try:
            moved = self._move_aside()
        except OSError as exc:
            return self._stand_in(f"the history database {self.path} is damaged ({damage}) "
                                  f"and could not be moved aside ({exc.strerror or exc}); it "
                                  f"was left as it is, and {NOT_KEPT}")
        moved_text = (f"the history database {self.path} is damaged ({damage}); it was moved "
                      f"to {moved.name}" if moved else None)
        try:
            _make_private(self.path)
            db = self._open(wait)
        except (UnfitDatabase, OSError) as exc:
            reason = exc.detail if isinstance(exc, UnfitDatabase) else exc.strerror or str(exc)
            return self._stand_in(f"{moved_text or 'the history database was damaged'}, and "
                                  f"a new one could not be started ({reason}); {NOT_KEPT}")
        if moved_text:
            self.problem = f"{moved_text} and a new one started"
        return db

    def _left_alone(self, exc: UnfitDatabase) -> str:
        where = f"the history database {self.path}"
        if exc.trouble is Trouble.BUSY:
            return (f"{where} is in use by another program ({exc.detail}); it was left as it "
                    f"is, and {NOT_KEPT}: close the other program and start hiptimer again")
        if exc.trouble is Trouble.NEWER:
            return f"{where} was left as it is: {exc.detail}, and {NOT_KEPT}"
        return f"{where} cannot be used ({exc.detail}); it was left as it is, and {NOT_KEPT}"

    def _stand_in(self, problem: str) -> sqlite3.Connection:
        """A database in memory, so the app works on and this run's sessions still show."""
        self.problem = problem
        self.in_memory = True
        db = sqlite3.connect(":memory:", isolation_level=None)
        db.execute("PRAGMA foreign_keys=ON")
        migrate(db)
        return db

    def _open(self, wait: float) -> sqlite3.Connection:
        self._inspect(wait)
        try:
            db = sqlite3.connect(self.path, timeout=wait, isolation_level=None)
        except sqlite3.Error as exc:
            raise UnfitDatabase(trouble_of(exc), str(exc)) from exc
        try:
            _use_wal(db, wait)
            # A kill loses nothing in WAL mode with NORMAL; only a power cut may lose the
            # last second. It spares a disk flush for every second of every hold.
            db.execute("PRAGMA synchronous=NORMAL")
            db.execute("PRAGMA foreign_keys=ON")
            migrate(db)
            db.execute(f"PRAGMA busy_timeout = {round(self.write_wait * 1000)}")
            self._mark_cut_off(db)
            self._check_writable(db)
            self._forget_deleted(db)
        except sqlite3.Error as exc:
            db.close()
            raise UnfitDatabase(trouble_of(exc), str(exc)) from exc
        except BaseException:
            db.close()
            raise
        return db

    def _inspect(self, wait: float) -> None:
        """Asks SQLite whether the file is damaged, or too new, through a connection that can
        write nothing: closing it can neither change the file nor delete its -wal, so a
        damaged database is moved aside exactly as it was."""
        uri = f"{self.path.absolute().as_uri()}?mode=ro"
        try:
            db = sqlite3.connect(uri, uri=True, timeout=wait, isolation_level=None)
        except sqlite3.Error as exc:
            raise UnfitDatabase(trouble_of(exc), str(exc)) from exc
        try:
            found = [str(row[0]) for row in db.execute("PRAGMA quick_check(1)")]
            if found != ["ok"]:
                raise UnfitDatabase(Trouble.DAMAGED, "; ".join(found) or "no check result")
            _refuse_newer(_user_version(db))
        except sqlite3.Error as exc:
            raise UnfitDatabase(trouble_of(exc), str(exc)) from exc
        finally:
            db.close()

    def _mark_cut_off(self, db: sqlite3.Connection) -> None:
        """A session still "running" whose process is gone was cut off (a crash, a kill); one
        whose process lives (the window, while 'hiptimer history' looks) is not. A cut-off
        session's pulse (its last seconds) goes into the database, and the file goes."""
        # Pulses first: a pulse file is made after its session's row, so every one listed
        # here has its session in the query below.
        pulses = read_pulses(self.path)
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
            # Busy for seconds, or a file that cannot be written (_check_writable says so):
            # the next opening that can write marks them; the history still reads, pulses
            # and all.
            return
        for session in settled:
            remove_pulse(self.path, session)

    def _check_writable(self, db: sqlite3.Connection) -> None:
        """A database that reads but cannot be written (a read-only file) is said so now,
        not at the end of the first session."""
        db.execute("PRAGMA busy_timeout = 0")
        try:
            db.execute("BEGIN IMMEDIATE")  # (which a read-only file in WAL mode allows)
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")  # a write, rolled back
        except sqlite3.Error as exc:
            if trouble_of(exc) is not Trouble.BUSY:
                self.problem = (f"the history database {self.path} can be read but not "
                                f"written ({exc}); {NOT_KEPT}")
        finally:
            if db.in_transaction:
                db.execute("ROLLBACK")
            db.execute(f"PRAGMA busy_timeout = {round(self.write_wait * 1000)}")

    @staticmethod
    def _forget_deleted(db: sqlite3.Connection) -> None:
        """Removes for good what was deleted more than KEEP_DELETED ago."""
        before = _stamp(utc_now() - KEEP_DELETED)
        old = "SELECT id FROM sessions WHERE deleted_at < ?"
        if not db.execute(f"{old} UNION ALL SELECT id FROM motion WHERE deleted_at < ?",
                          (before, before)).fetchone():
            return  # the usual case: no write
        try:
            with db:
                db.execute("BEGIN IMMEDIATE")
                db.execute(f"DELETE FROM completed_work WHERE session_id IN ({old})", (before,))
                db.execute("DELETE FROM sessions WHERE deleted_at < ?", (before,))
                db.execute("DELETE FROM motion WHERE deleted_at < ?", (before,))
        except sqlite3.Error as exc:
            if trouble_of(exc) is Trouble.DAMAGED:
                raise
            # Busy, or a file that reads but cannot be written (which _check_writable has
            # said): the rows stay hidden, and an opening that can write removes them.

    def _move_aside(self) -> Path | None:
        """Renames the damaged database (and its -wal) to a name of its own; None when
        another process moved it first."""
        judged = os.stat(self.path)
        target = _claim_name(self.path)
        try:
            now = os.stat(self.path)
            if (now.st_dev, now.st_ino) != (judged.st_dev, judged.st_ino):
                target.unlink()
                return None  # already moved, and perhaps a new one started: leave that be
            os.replace(self.path, target)
        except FileNotFoundError:
            target.unlink()
            return None
        except BaseException:
            target.unlink()
            raise
        # Its log goes along: left beside a new database it would be read into that one.
        log = self.path.with_name(self.path.name + "-wal")
        with suppress(FileNotFoundError):
            if log.stat().st_size:
                os.replace(log, target.with_name(target.name + "-wal"))
            else:
                log.unlink()
        with suppress(FileNotFoundError):  # an index of the log, which SQLite makes anew
            os.unlink(self.path.with_name(self.path.name + "-shm"))
        for session in pulse_sessions(self.path):  # their rows are in the moved database
            with suppress(OSError):
                os.replace(pulse_path(self.path, session), pulse_path(target, session))
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

    def finish(self, session_id: int, status: SessionStatus,
               when: datetime | None = None) -> None:
        self.db.execute("UPDATE sessions SET status = ?, ended_at = ? WHERE id = ?",
                        (status.value, (when or utc_now()).isoformat(), session_id))

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

    def add_motion(self, measured_on: date, side: str, degrees: float) -> int:
        """A measured hip internal rotation angle for one side, in degrees; returns its id."""
        cursor = self.db.execute(
            "INSERT INTO motion (measured_on, side, degrees) VALUES (?, ?, ?)",
            (measured_on.isoformat(), side, degrees))
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def measurements(self) -> list[Measurement]:
        """The measurements not deleted, the oldest first."""
        rows = self.db.execute(
            "SELECT id, measured_on, side, degrees FROM motion WHERE deleted_at IS NULL "
            "ORDER BY measured_on, id")
        return [Measurement(int(r[0]), date.fromisoformat(r[1]), str(r[2]), float(r[3]))
                for r in rows]

    def motion(self) -> list[tuple[date, str, float]]:
        return [(m.measured_on, m.side, m.degrees) for m in self.measurements()]

    def correct_motion(self, corrected: Measurement) -> Measurement:
        """Writes ``corrected`` over the measurement with its id; returns the one it was,
        so the correction can be undone."""
        row = self.db.execute(
            "SELECT id, measured_on, side, degrees FROM motion "
            "WHERE id = ? AND deleted_at IS NULL", (corrected.id,)).fetchone()
        if row is None:
            raise NotDeletable(f"there is no measurement {corrected.id}")
        try:
            self.db.execute(
                "UPDATE motion SET measured_on = ?, side = ?, degrees = ? WHERE id = ?",
                (corrected.measured_on.isoformat(), corrected.side, corrected.degrees,
                 corrected.id))
        except sqlite3.Error as exc:
            raise NotDeletable(self._why_unwritable(exc)) from exc
        return Measurement(int(row[0]), date.fromisoformat(row[1]), str(row[2]),
                           float(row[3]))

    def delete_motion(self, ids: Iterable[int], when: datetime | None = None) -> None:
        self._mark_deleted("motion", "measurement", ids, when)

    def restore_motion(self, ids: Iterable[int]) -> None:
        self._mark_deleted("motion", "measurement", ids, None, restore=True)

    def delete_sessions(self, ids: Iterable[int], when: datetime | None = None) -> None:
        """Marks sessions deleted: they leave every list, count and export at once, and
        ``restore_sessions`` brings them back for KEEP_DELETED. A running session cannot be
        deleted; nothing changes then (``NotDeletable``)."""
        self._mark_deleted("sessions", "session", ids, when)

    def restore_sessions(self, ids: Iterable[int]) -> None:
        self._mark_deleted("sessions", "session", ids, None, restore=True)

    def last_deleted_sessions(self) -> list[int]:
        """The sessions deleted together most recently and not yet restored (for an undo
        from the command line)."""
        rows = self.db.execute(
            "SELECT id FROM sessions WHERE deleted_at = (SELECT MAX(deleted_at) FROM sessions) "
            "ORDER BY started_at, id")
        return [int(r[0]) for r in rows]

    def _mark_deleted(self, table: str, what: str, ids: Iterable[int],
                      when: datetime | None, *, restore: bool = False) -> None:
        """Sets or clears ``deleted_at`` for all of ``ids`` in one transaction, or, when one of
        them is missing, not in the state to change, or a running session, for none. A
        history that cannot be written now is a ``NotDeletable`` too, with nothing changed."""
        ids = list(dict.fromkeys(ids))
        condition = "deleted_at IS NOT NULL" if restore else "deleted_at IS NULL"
        if table == "sessions" and not restore:
            condition += f" AND status != '{RUNNING.value}'"
        stamp = None if restore else _stamp(when or utc_now())
        try:
            with self.db:
                self.db.execute("BEGIN IMMEDIATE")
                for row_id in ids:
                    changed = self.db.execute(
                        f"UPDATE {table} SET deleted_at = ? WHERE id = ? AND {condition}",
                        (stamp, row_id)).rowcount
                    if not changed:
                        raise NotDeletable(self._why_unchanged(table, what, row_id, restore))
        except sqlite3.Error as exc:
            raise NotDeletable(self._why_unwritable(exc)) from exc

    def _why_unchanged(self, table: str, what: str, row_id: int, restore: bool) -> str:
        """Why ``row_id`` could not be marked (or unmarked), in the user's words."""
        row = self.db.execute(f"SELECT deleted_at FROM {table} WHERE id = ?",
                              (row_id,)).fetchone()
        if row is None:
            return f"there is no {what} {row_id}"
        if restore:
            return f"{what} {row_id} is not deleted"
        if row[0] is not None:
            return f"{what} {row_id} is deleted already"
        # Named by its start too: the history window shows no numbers.
        started = self.db.execute("SELECT started_at FROM sessions WHERE id = ?",
                                  (row_id,)).fetchone()[0]
        local = datetime.fromisoformat(started).astimezone()
        return f"session {row_id} (started {local:%Y-%m-%d %H:%M}) is still running: stop it first"

    def _why_unwritable(self, exc: sqlite3.Error) -> str:
        if trouble_of(exc) is Trouble.BUSY:
            return f"the history is busy in another program ({exc}): try again in a moment"
        return f"the history {self.path} cannot be changed ({exc})"

    def sessions(self) -> list[SessionRecord]:
        rows = self.db.execute(
            "SELECT id, routine_name, routine_file, content_hash, started_at, ended_at, "
            "planned_work, completed_work, status FROM sessions WHERE deleted_at IS NULL "
            "ORDER BY started_at, id")
        ahead = {} if self.in_memory else {
            session: gain for session, beat in read_pulses(self.path).items()
            if (gain := self._pulse_gain(session, beat))}
        return [SessionRecord(r[0], r[1], r[2], r[3], datetime.fromisoformat(r[4]),
                              datetime.fromisoformat(r[5]) if r[5] else None, r[6],
                              r[7] + ahead.get(r[0], 0.0), _status(r[8]))
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


HISTORY_FILE = "history.sqlite"


def open_history() -> HistoryStore:
    """The user's own history, in the data folder."""
    from hiptimer.base.locations import data_dir

    return HistoryStore(data_dir() / HISTORY_FILE)
