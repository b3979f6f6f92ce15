"""How a completed session felt, rated after it (the check-in) or corrected later, and what
that does to its routine's level.

The end of a completed session stepped its routine's level as an unrated one does; a rating
moves the level as if it had been given at the time (``level_rows.rated_level``), and a
rating changed later moves it by the difference between the new rating's effect and the
old one's. All of it is one transaction: the feeling and the level change together or not
at all. A level the user holds does not move; the feeling is kept all the same.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from hiptimer.base.translation import N_, _
from hiptimer.history import damage
from hiptimer.history.deletion import why_unwritable
from hiptimer.history.level_rows import LevelRows, Stepped, rated_level
from hiptimer.history.sessions import COMPLETED, SessionStatus
from hiptimer.routine.progression import level_in_range
from hiptimer.session.feeling import Feeling

_NOT_COMPLETED = frozenset(status.value for status in SessionStatus) - {COMPLETED.value}
_NOT_RATEABLE = {
    SessionStatus.RUNNING: N_("session {number} did not complete (it is running): only a "
                              "completed session can be rated"),
    SessionStatus.STOPPED: N_("session {number} did not complete (it is stopped): only a "
                              "completed session can be rated"),
    SessionStatus.INTERRUPTED: N_("session {number} did not complete (it is interrupted): only "
                                  "a completed session can be rated"),
    SessionStatus.DAMAGED: N_("session {number} did not complete (it is damaged): only a "
                              "completed session can be rated"),
}
"""Why a session that did not complete cannot be rated, by how it stands."""
MOST_LEVEL = 10**6
"""The highest top level a stored session's step is trusted with (no routine comes near)."""


class NotRated(Exception):
    """A rating that names no session kept, a session that did not complete, or a history
    that cannot be written now; nothing was changed. The message says which, for the user."""


@dataclass(frozen=True)
class Rated:
    """What a rating did: for the words that say so."""

    session_id: int
    routine: str
    feeling: Feeling
    before: int
    """The routine's stored level before the rating."""
    level: int
    """Its stored level now."""
    top: int | None
    """The routine's top level when the session ended; ``None`` when the session's end
    moved no level (the level was held then, or it was recorded before ratings were
    kept): its rating moves none either."""
    held: bool
    """The user holds the level: the rating was kept, the level left as it was."""
    told_from: int
    """The level the move is told from: where the session ran, while the level is where
    that session left it (the usual case, the latest session rated: hard "stays" where it
    ran), else the level before the rating."""

    @property
    def shown_level(self) -> int:
        """The level as the routine's sessions run at it: never above the top."""
        return self.shown(self.level)

    def shown(self, level: int) -> int:
        return level if self.top is None else level_in_range(level, self.top)


def kept_step(ran: object, top: object, moved: object) -> tuple[Stepped, int] | None:
    """What a session's end did to the level, as stored beside it, with the top then; None
    when it did nothing (held, or recorded before) or the stored figures are not ones an end
    writes (a hand edit): such a session's rating moves no level, and never crashes."""
    try:
        top_level = damage.whole("level_top", top)
        ran_level = damage.whole("level_ran", ran)
        moved_by = damage.whole("level_moved", moved)
    except damage.Damaged:
        return None
    if not (0 <= top_level <= MOST_LEVEL and 0 <= ran_level <= top_level
            and -1 <= moved_by <= 1):
        return None
    return Stepped(ran_level, moved_by), top_level


class RatingRows:
    """The history store's ratings of sessions (a part of ``HistoryStore``)."""

    db: sqlite3.Connection
    path: Path

    def rate(self, session_id: int, feeling: Feeling) -> None:
        """Keeps how session ``session_id`` felt and moves its routine's level to match, as
        ``rate_session`` does. Raises ``NotRated`` (nothing changed) for a session the
        history does not keep, one that did not complete, or a history that cannot be
        written now."""
        self.rate_session(session_id, feeling)

    def rate_session(self, session_id: int, feeling: Feeling) -> Rated:
        """Rates (or rates again) a completed session, in one transaction; says what it did.
        Rating it as it is rated already changes nothing."""
        try:
            with self.db:
                self.db.execute("BEGIN IMMEDIATE")
                return self._rate(session_id, feeling)
        except sqlite3.Error as exc:
            raise NotRated(why_unwritable(exc, self.path)) from exc

    def _rate(self, session_id: int, feeling: Feeling) -> Rated:
        row = self.db.execute(
            "SELECT routine_name, status, deleted_at, level_ran, level_top, level_moved "
            "FROM sessions WHERE id = ?", (session_id,)).fetchone()
        if row is None or row[2] is not None:
            raise NotRated(_("there is no session {number}").format(number=session_id))
        name, status = row[0], row[1]
        if status != COMPLETED.value or not isinstance(name, str):
            how = status if status in _NOT_COMPLETED else SessionStatus.DAMAGED.value
            raise NotRated(_(_NOT_RATEABLE[SessionStatus(how)]).format(number=session_id))
        levels = LevelRows()
        levels.db = self.db
        before, held = levels.level(name)
        step = kept_step(row[3], row[4], row[5])
        level, top, told_from = before, None if step is None else step[1], before
        if step is not None and not held:
            (ran, moved), top_then = step
            if before == ran + moved:
                told_from = ran
            after = rated_level(before, top_then, ran, moved, feeling)
            level = after.level
            if level != before:
                levels.set_level(name, level, held)
            self.db.execute("UPDATE sessions SET level_moved = ? WHERE id = ?",
                            (after.moved, session_id))
        self.db.execute("UPDATE sessions SET feeling = ? WHERE id = ?",
                        (feeling.value, session_id))
        return Rated(session_id, name, feeling, before, level, top, held, told_from)
