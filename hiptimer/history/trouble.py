"""What an SQLite error means for the history: busy, damaged, too new, or otherwise unusable;
and, found before SQLite is asked, a database that is not a file at all.

Opening decides from it whether to move a database aside (only when SQLite itself calls it
damaged); writes decide whether to say "try again" (busy) or that it cannot be changed.
"""

from __future__ import annotations

import sqlite3
from enum import Enum


class Trouble(Enum):
    """Why a database file cannot be used as it is; only DAMAGED moves it aside."""

    BUSY = "busy"
    DAMAGED = "damaged"
    NEWER = "newer"
    UNUSABLE = "unusable"
    NOT_A_FILE = "not a file"
    """The database, or a file SQLite keeps beside it, is a named pipe, a device or a folder:
    found before SQLite opens it, which would wait on a pipe for good."""


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
