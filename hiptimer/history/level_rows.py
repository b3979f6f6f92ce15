"""Each routine's progression level as the history database keeps it, by the routine's name.

The stored level is the routine's own, whatever its ranges are now: it is brought into
range (``level_in_range``) where it is used, so a routine whose ranges were narrowed and
widened again is back where it was. ``levels.Progression`` is the service the app uses.

A completed session moves its routine's level as it felt (``session.feeling``): its end
steps it as an unrated one, and a rating given or changed later moves it by the difference
(``rated_level``, the one place that sum is done). Each session keeps what it needs for that
beside its row: the level it ran at, the routine's top then, and how far it has moved the
level so far.
"""

from __future__ import annotations

import sqlite3
from typing import NamedTuple

from hiptimer.routine.progression import level_in_range
from hiptimer.session.feeling import Feeling, level_step


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


class Moved(NamedTuple):
    """Where a rating leaves the routine, and what its session has moved it by all told."""

    level: int
    moved: int


def rated_level(level: int, top: int, ran: int, moved: int, feeling: Feeling | None) -> Moved:
    """The routine's level once a completed session is rated ``feeling`` (``None``: unrated,
    as its end takes it), from ``level`` now.

    The session ran at ``ran`` of ``top`` and has moved the level by ``moved`` so far. Rated
    at the time, it would have left the level at ``ran`` plus its step, within 0 and
    ``top``; that, less what it has moved already, is added to the level now, never below 0
    nor above ``top`` (a level above ``top`` already, from ranges widened since, is not
    pulled down to it). Rating the latest session, with nothing else changed since, leaves
    the level exactly where that rating at the time would have.
    """
    wanted = level_in_range(ran + level_step(feeling), top) - ran
    change = wanted - moved
    if change == 0:
        return Moved(level, moved)
    now = max(0, min(level + change, max(top, level)))
    return Moved(now, moved + now - level)


def step_up(db: sqlite3.Connection, routine: str, top: int) -> int:
    """``LevelRows.step_up`` on ``db``, for a session's end written in one transaction."""
    return end_step(db, routine, top)[0]


class Stepped(NamedTuple):
    """What a completed session's end did to its routine's level, kept with the session."""

    ran: int
    """The level it ran at (the stored one, within 0 and the top)."""
    moved: int
    """Levels its end moved the routine: 1, or 0 at the top."""


def end_step(db: sqlite3.Connection, routine: str, top: int) -> tuple[int, Stepped | None]:
    """A completed session's step, as an unrated one: the level then, and what the step did
    (``None`` when the user holds the level: nothing moves, and a rating of this session
    will not move it either)."""
    rows = LevelRows()
    rows.db = db
    level, held = rows.level(routine)
    if held:
        return level, None
    ran = level_in_range(level, top)
    after = rated_level(ran, top, ran, 0, None)
    rows.set_level(routine, after.level, held)
    return after.level, Stepped(ran, after.moved)


def _whole(value: object) -> int:
    """A stored level or flag: a whole number, anything else (text, a blob, a fraction, a
    damaged figure) 0, the routine's first level, never a crash."""
    if isinstance(value, bool) or not isinstance(value, int):
        return 0
    return value
