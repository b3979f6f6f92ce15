"""Deleting from the history, undoing it, and forgetting for good after ``KEEP_DELETED``.

A deleted session or measurement keeps its row, marked with when it was deleted, so a
deletion can be undone from another process too (the command line); every list, count and
export leaves marked rows out at once. Opening removes those marked longer ago.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from hiptimer.base.translation import N_, _
from hiptimer.history.damage import Damaged, moment
from hiptimer.history.dates import moment_text
from hiptimer.history.sessions import RUNNING, utc_now
from hiptimer.history.trouble import Trouble, trouble_of

KEEP_DELETED = timedelta(days=30)
"""How long a deleted session or measurement can still be brought back."""


class NotDeletable(Exception):
    """A deletion or restoration that names a row there is none of, one already in that
    state, or a running session, or a history that cannot be written now; nothing was
    changed. The message says which, for the user."""


def _stamp(moment: datetime) -> str:
    """A deletion time as stored: in UTC, so that text order is time order (the last batch,
    what is old enough to be forgotten)."""
    return moment.astimezone(UTC).isoformat()


def forget_deleted(db: sqlite3.Connection) -> None:
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
        # Busy, or a file that reads but cannot be written (which opening has said): the
        # rows stay hidden, and an opening that can write removes them.


_UNCHANGED = {
    "session": (N_("there is no session {number}"), N_("session {number} is not deleted"),
                N_("session {number} is deleted already")),
    "measurement": (N_("there is no measurement {number}"),
                    N_("measurement {number} is not deleted"),
                    N_("measurement {number} is deleted already")),
}
"""Why a row could not be deleted or restored, by what it is: none has that number, it is
not deleted (to restore), it is deleted already."""


def why_unwritable(exc: sqlite3.Error, path: Path) -> str:
    """Why a change to the history at ``path`` failed, in the user's words."""
    if trouble_of(exc) is Trouble.BUSY:
        return _("the history is busy in another program ({problem}): try again in a "
                 "moment").format(problem=exc)
    return _("the history {file} cannot be changed ({problem})").format(file=path, problem=exc)


class Deletions:
    """The history store's deleting and restoring (a part of ``HistoryStore``)."""

    db: sqlite3.Connection
    path: Path

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
            raise NotDeletable(why_unwritable(exc, self.path)) from exc

    def _why_unchanged(self, table: str, what: str, row_id: int, restore: bool) -> str:
        """Why ``row_id`` could not be marked (or unmarked), in the user's words."""
        row = self.db.execute(f"SELECT deleted_at FROM {table} WHERE id = ?",
                              (row_id,)).fetchone()
        missing, not_deleted, deleted = _UNCHANGED[what]
        if row is None:
            return _(missing).format(number=row_id)
        if restore:
            return _(not_deleted).format(number=row_id)
        if row[0] is not None:
            return _(deleted).format(number=row_id)
        # Named by its start too: the history window shows no numbers.
        started = self.db.execute("SELECT started_at FROM sessions WHERE id = ?",
                                  (row_id,)).fetchone()[0]
        try:
            when = moment_text(moment("started_at", started))
        except Damaged:
            return _("session {number} is still running: stop it first").format(number=row_id)
        return _("session {number} (started {when}) is still running: stop it first").format(
            number=row_id, when=when)
