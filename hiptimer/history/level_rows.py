"""Each routine's progression level as the history database keeps it, by the routine's name.

The stored level is the routine's own, whatever its ranges are now: it is brought into
range (``level_in_range``) where it is used, so a routine whose ranges were narrowed and
widened again is back where it was. ``levels.Progression`` is the service the app uses.
"""

from __future__ import annotations

import sqlite3

from hiptimer.routine.progression import level_in_range


class LevelRows:
    """The history store's progression levels (a part of ``HistoryStore``)."""

    db: sqlite3.Connection

    def level(self, routine: str) -> tuple[int, bool]:
        """The progression level a routine is at, and whether the user holds it there."""
        row = self.db.execute("SELECT level, held FROM progression WHERE routine = ?",
                              (routine,)).fetchone()
        if row is None:
            return 0, False
        return _whole(row[0]), _whole(row[1]) != 0

    def set_level(self, routine: str, level: int, held: bool) -> None:
        self.db.execute(
            "INSERT INTO progression (routine, level, held) VALUES (?, ?, ?) "
            "ON CONFLICT(routine) DO UPDATE SET level = excluded.level, held = excluded.held",
            (routine, level, int(held)))

    def step_up(self, routine: str, top: int) -> int:
        """After a completed session: one level up, unless held or already at the top."""
        return step_up(self.db, routine, top)


def step_up(db: sqlite3.Connection, routine: str, top: int) -> int:
    """``LevelRows.step_up`` on ``db``, for a session's end written in one transaction."""
    rows = LevelRows()
    rows.db = db
    level, held = rows.level(routine)
    if not held:
        level = level_in_range(level + 1, top)
        rows.set_level(routine, level, held)
    return level


def _whole(value: object) -> int:
    """A stored level or flag: a whole number, anything else (text, a blob, a fraction, a
    damaged figure) 0, the routine's first level, never a crash."""
    if isinstance(value, bool) or not isinstance(value, int):
        return 0
    return value
