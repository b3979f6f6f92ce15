"""The history database's schema: its versions, and bringing a database up to the newest.

The schema is versioned (``PRAGMA user_version``) and created or migrated inside one
exclusive transaction, so several hiptimer processes can open a new database at once; a
database made by a newer hiptimer is refused, never changed.
"""

from __future__ import annotations

import sqlite3

from hiptimer.base.translation import _
from hiptimer.history.trouble import Trouble, UnfitDatabase

SCHEMA_VERSION = 8
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
    # A session's length, pauses left out, as its end writes it; sessions recorded before
    # get the time from their start to their end (pauses in), the nearest there is.
    7: """
        ALTER TABLE sessions ADD COLUMN session_seconds REAL;
        UPDATE sessions SET session_seconds =
            (julianday(ended_at) - julianday(started_at)) * 86400
            WHERE ended_at IS NOT NULL AND julianday(ended_at) >= julianday(started_at);
    """,
    # How a completed session felt (``Feeling``'s value; NULL: unrated), and what its end did
    # to its routine's level, so that a rating moves the level once and a changed one by the
    # difference: the level it ran at, the routine's top then, and the levels it has moved
    # the routine so far. Sessions recorded before read as unrated, and their rating moves
    # no level (what their end did is not known).
    8: """
        ALTER TABLE sessions ADD COLUMN feeling TEXT;
        ALTER TABLE sessions ADD COLUMN level_ran INTEGER;
        ALTER TABLE sessions ADD COLUMN level_top INTEGER;
        ALTER TABLE sessions ADD COLUMN level_moved INTEGER;
    """,
}


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


def user_version(db: sqlite3.Connection) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def refuse_newer(version: int) -> None:
    if version > SCHEMA_VERSION:
        raise UnfitDatabase(Trouble.NEWER, _("it was made by a newer hiptimer (schema "
                                             "{version})").format(version=version))


def migrate(db: sqlite3.Connection) -> None:
    """Brings the schema up to date, inside one exclusive transaction so that two processes
    opening a new database at once cannot both create it."""
    version = user_version(db)
    refuse_newer(version)
    if version == SCHEMA_VERSION:
        return  # the usual case: no write, so a busy database opens at once
    db.execute("BEGIN EXCLUSIVE")
    try:
        version = user_version(db)  # another process may have done it while this one waited
        refuse_newer(version)
        for step in range(version + 1, SCHEMA_VERSION + 1):
            for statement in migration_statements(MIGRATIONS[step]):
                db.execute(statement)
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        db.execute("COMMIT")
    except BaseException:
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise
