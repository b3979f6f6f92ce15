"""Opening the history database, and what is done when it cannot be used as it is.

The database holds health data, so it is created readable by the user alone. Only a
database SQLite itself calls damaged is moved aside, under a name of its own; one that is
busy, unreadable or made by a newer hiptimer is left as it is, and this run works on a
database in memory instead, with a message saying so (``problem``). Opening never raises.

SQLite opens the database and the files it keeps beside it itself, and waits on whatever it
opens: a named pipe there would hang the caller for good (signals too, inside SQLite), and a
device would be read as a database. So each is looked at first, and anything but a regular
file (or a link to one) is left alone like an unusable database (``Trouble.NOT_A_FILE``).

Each opening also settles what earlier runs left: sessions cut off by a crash or a kill
(``sessions.mark_cut_off``) and deletions older than ``KEEP_DELETED`` (``deletion``).
"""

from __future__ import annotations

import itertools
import os
import random
import sqlite3
import stat
import time
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

from hiptimer.base.files import Kind, kind_of
from hiptimer.base.privacy import PRIVATE_FILE, make_folder
from hiptimer.base.translation import N_, _
from hiptimer.history.deletion import forget_deleted
from hiptimer.history.ending import ending_path, ending_sessions
from hiptimer.history.pulse import pulse_path, pulse_sessions
from hiptimer.history.schema import SCHEMA_VERSION, migrate, refuse_newer, user_version
from hiptimer.history.sessions import mark_cut_off, utc_now
from hiptimer.history.trouble import Trouble, UnfitDatabase, trouble_of

OPEN_WAIT = 10.0
"""Seconds opening waits for another process to let go of the database (creating, migrating)."""
WRITE_WAIT = 2.0
"""Seconds a write during a session waits for a busy database: well under the engine's five
seconds of "fell behind", so a wait delays a cue but never pauses the session."""
COMPANIONS = ("-wal", "-shm", "-journal")
"""What SQLite names the files it keeps beside a database: its log, the log's index, and the
rollback journal."""


@dataclass(frozen=True)
class Opened:
    """A connection to the history, and what the user should know about it."""

    db: sqlite3.Connection
    problem: str | None
    """Why the history is not what the user would expect: moved aside, or not used."""
    in_memory: bool
    """True when this run records into memory: the file could not be used."""


def open_database(path: Path, open_wait: float, write_wait: float) -> Opened:
    """The database at ``path`` if it can be used, else a stand-in in memory; never raises
    for a file that cannot be used (``Opened.problem`` says why)."""
    opening = _Opening(path, write_wait)
    db = opening.open_any(open_wait)
    return Opened(db, opening.problem, opening.in_memory)


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


_NOT_A_FILE = {
    Kind.FOLDER: N_("the history database {file} is a folder, not a regular file"),
    Kind.FIFO: N_("the history database {file} is a named pipe, not a regular file"),
    Kind.DEVICE: N_("the history database {file} is a device, not a regular file"),
    Kind.SOCKET: N_("the history database {file} is a socket, not a regular file"),
    Kind.SPECIAL: N_("the history database {file} is a special file, not a regular file"),
}
_COMPANION_NOT_A_FILE = {
    Kind.FOLDER: N_("{file}, a file SQLite keeps beside the history database, is a folder, "
                    "not a regular file"),
    Kind.FIFO: N_("{file}, a file SQLite keeps beside the history database, is a named pipe, "
                  "not a regular file"),
    Kind.DEVICE: N_("{file}, a file SQLite keeps beside the history database, is a device, "
                    "not a regular file"),
    Kind.SOCKET: N_("{file}, a file SQLite keeps beside the history database, is a socket, "
                    "not a regular file"),
    Kind.SPECIAL: N_("{file}, a file SQLite keeps beside the history database, is a special "
                     "file, not a regular file"),
}
"""What the database, or a file SQLite keeps beside it, is when it is not a regular file."""


def _refuse_special_files(path: Path) -> None:
    """Raises ``UnfitDatabase`` (``NOT_A_FILE``) when the database or a file SQLite keeps beside
    it is there and, a link followed, is not a regular file; or when one SQLite keeps beside it
    is a link to nothing (SQLite would make its file wherever the link points). What is
    missing SQLite makes; what cannot be looked at, SQLite reports on when it tries."""
    for suffix in ("", *COMPANIONS):
        each = path.with_name(path.name + suffix)
        try:
            kind = kind_of(os.stat(each).st_mode)
        except FileNotFoundError:
            if suffix and os.path.islink(each):
                raise UnfitDatabase(Trouble.NOT_A_FILE, _(
                    "{file}, a file SQLite keeps beside the history database, is a link to "
                    "nothing").format(file=each)) from None
            continue
        except OSError:
            continue
        if kind is not None:
            message = (_NOT_A_FILE if not suffix else _COMPANION_NOT_A_FILE)[kind]
            raise UnfitDatabase(Trouble.NOT_A_FILE, _(message).format(file=each))


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


class _Opening:
    """One opening of the history at ``path``: the connection it ends with, and what it
    found on the way."""

    def __init__(self, path: Path, write_wait: float) -> None:
        self.path = path
        self.write_wait = write_wait
        self.problem: str | None = None
        self.in_memory = False

    def open_any(self, wait: float) -> sqlite3.Connection:
        """The database at ``path`` if it can be used, else a stand-in in memory."""
        folder = self.path.parent
        try:
            make_folder(folder)
            _make_private(self.path)
        except OSError as exc:
            return self._stand_in(_("the history folder {folder} cannot be used ({error}); "
                                    "the sessions of this run are not kept").format(
                                        folder=folder, error=exc.strerror or exc))
        try:
            return self._open(wait)
        except UnfitDatabase as exc:
            if exc.trouble is not Trouble.DAMAGED:
                return self._stand_in(self._left_alone(exc))
            damage = exc.detail
        try:
            moved = self._move_aside()
        except OSError as exc:
            return self._stand_in(_(
                "the history database {file} is damaged ({damage}) and could not be moved "
                "aside ({error}); it was left as it is, and the sessions of this run are not "
                "kept").format(file=self.path, damage=damage, error=exc.strerror or exc))
        try:
            _make_private(self.path)
            db = self._open(wait)
        except (UnfitDatabase, OSError) as exc:
            reason = exc.detail if isinstance(exc, UnfitDatabase) else exc.strerror or str(exc)
            if moved is None:
                return self._stand_in(_(
                    "the history database was damaged, and a new one could not be started "
                    "({reason}); the sessions of this run are not kept").format(reason=reason))
            return self._stand_in(_(
                "the history database {file} is damaged ({damage}); it was moved to {moved}, "
                "and a new one could not be started ({reason}); the sessions of this run are "
                "not kept").format(file=self.path, damage=damage, moved=moved.name,
                                   reason=reason))
        if moved is not None:
            self.problem = _("the history database {file} is damaged ({damage}); it was moved "
                             "to {moved} and a new one started").format(
                                 file=self.path, damage=damage, moved=moved.name)
        return db

    def _left_alone(self, exc: UnfitDatabase) -> str:
        if exc.trouble is Trouble.BUSY:
            message = _("the history database {file} is in use by another program ({problem}); "
                        "it was left as it is, and the sessions of this run are not kept: close "
                        "the other program and start hiptimer again")
        elif exc.trouble is Trouble.NEWER:
            message = _("the history database {file} was left as it is: {problem}, and the "
                        "sessions of this run are not kept")
        elif exc.trouble is Trouble.NOT_A_FILE:
            message = _("{problem}; it was left as it is, and the sessions of this run are not "
                        "kept: put it elsewhere and start hiptimer again")
        else:
            message = _("the history database {file} cannot be used ({problem}); it was left "
                        "as it is, and the sessions of this run are not kept")
        return message.format(file=self.path, problem=exc.detail)

    def _stand_in(self, problem: str) -> sqlite3.Connection:
        """A database in memory, so the app works on and this run's sessions still show."""
        self.problem = problem
        self.in_memory = True
        db = sqlite3.connect(":memory:", isolation_level=None)
        db.execute("PRAGMA foreign_keys=ON")
        migrate(db)
        return db

    def _open(self, wait: float) -> sqlite3.Connection:
        _refuse_special_files(self.path)
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
            mark_cut_off(db, self.path)
            self._check_writable(db)
            forget_deleted(db)
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
            refuse_newer(user_version(db))
        except sqlite3.Error as exc:
            raise UnfitDatabase(trouble_of(exc), str(exc)) from exc
        finally:
            db.close()

    def _check_writable(self, db: sqlite3.Connection) -> None:
        """A database that reads but cannot be written (a read-only file) is said so now,
        not at the end of the first session."""
        db.execute("PRAGMA busy_timeout = 0")
        try:
            db.execute("BEGIN IMMEDIATE")  # (which a read-only file in WAL mode allows)
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")  # a write, rolled back
        except sqlite3.Error as exc:
            if trouble_of(exc) is not Trouble.BUSY:
                self.problem = _("the history database {file} can be read but not written "
                                 "({problem}); the sessions of this run are not kept").format(
                                     file=self.path, problem=exc)
        finally:
            if db.in_transaction:
                db.execute("ROLLBACK")
            db.execute(f"PRAGMA busy_timeout = {round(self.write_wait * 1000)}")

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
        for session in ending_sessions(self.path):  # and so are the ends kept beside it
            with suppress(OSError):
                os.replace(ending_path(self.path, session), ending_path(target, session))
        return target
