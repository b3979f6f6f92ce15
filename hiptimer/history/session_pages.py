"""The sessions kept, the newest first, read a page at a time: what a window that shows a long
history asks for, so that it holds only the rows on screen.

Each row is checked as ``SessionRows.sessions`` checks it, with the very same readers: a
damaged row (or one with a damaged work period) reads as damaged with its reason, and a
running session has its pulse's seconds. A reading is a snapshot of the sessions there were
when it was made (``SessionPages``): a session started later is not among its rows, so that
the rows do not shift under a person scrolling them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

from hiptimer.base.translation import _
from hiptimer.history import damage
from hiptimer.history.pulse import pulse_sessions, read_pulse
from hiptimer.history.sessions import (
    ODD_WORK,
    RUNNING,
    SESSION_COLUMNS,
    WORK_COLUMNS,
    SessionRecord,
    SessionRows,
    checked_period,
    checked_record,
    with_damage,
)
from hiptimer.session.counting import KEPT_WORK, TOLERANCE

KEPT = ("deleted_at IS NULL AND (completed_work > :kept_work OR status = :running) "
        "AND id <= :top")
"""The rows ``sessions`` keeps, among those of a snapshot (its parameters: ``kept``)."""
NEWEST_FIRST = "ORDER BY started_at DESC, id DESC"
"""The order of the rows: ``sessions`` turned round."""
OLDEST_FIRST = "ORDER BY started_at, id"


def id_list(ids: Iterable[int]) -> str:
    """Ids as one parameter, for ``id IN (SELECT value FROM json_each(?))``."""
    return json.dumps(sorted(set(ids)))


class SessionPages:
    """A snapshot of the sessions kept in ``store``, read a page at a time."""

    def __init__(self, store: SessionRows) -> None:
        self.store = store
        row = store.db.execute("SELECT MAX(id) FROM sessions").fetchone()
        self.top = row[0] if row is not None and isinstance(row[0], int) else 0
        """The newest session of the snapshot: those after it are not among its rows."""
        self.pulsing = [] if store.in_memory else pulse_sessions(store.path)
        """The sessions with a pulse file: their work may be more than the database has."""
        self._count: int | None = None

    def kept(self, **more: object) -> dict[str, object]:
        """The parameters of ``KEPT``, with ``more``."""
        return {"kept_work": KEPT_WORK + TOLERANCE, "running": RUNNING.value, "top": self.top,
                **more}

    def count(self) -> int:
        """How many sessions the snapshot holds (counted once)."""
        if self._count is None:
            row = self.store.db.execute(f"SELECT COUNT(*) FROM sessions WHERE {KEPT}",
                                        self.kept()).fetchone()
            self._count = int(row[0])
        return self._count

    def _rows(self, columns: str, offset: int, limit: int) -> list[tuple[object, ...]]:
        """``columns`` of the sessions from the ``offset``-th newest on, at most ``limit``:
        counted from the nearer end, so that the oldest are read as soon as the newest."""
        offset, limit = max(offset, 0), max(limit, 0)
        behind = self.count() - offset - limit
        if behind >= offset:
            return self.store.db.execute(
                f"SELECT {columns} FROM sessions WHERE {KEPT} {NEWEST_FIRST} "
                "LIMIT :limit OFFSET :offset", self.kept(limit=limit, offset=offset)).fetchall()
        rows = self.store.db.execute(
            f"SELECT {columns} FROM sessions WHERE {KEPT} {OLDEST_FIRST} "
            "LIMIT :limit OFFSET :offset",
            self.kept(limit=max(limit + min(behind, 0), 0), offset=max(behind, 0))).fetchall()
        return rows[::-1]

    def page(self, offset: int, limit: int) -> list[SessionRecord]:
        """The sessions from the ``offset``-th newest on, at most ``limit`` of them, each read
        as ``sessions`` reads it. Fewer when the history lost some since the snapshot."""
        return self.records(self._rows(", ".join(SESSION_COLUMNS), offset, limit))

    def records(self, rows: Sequence[tuple[object, ...]]) -> list[SessionRecord]:
        """``sessions`` rows (``SESSION_COLUMNS``) read as ``sessions`` reads them: their pulses'
        seconds added, their damaged work periods named."""
        ids = [row[0] for row in rows if isinstance(row[0], int)]
        pulsing = set(self.pulsing).intersection(ids)
        gains = {session: self.store.pulse_gain(session, read_pulse(self.store.path, session))
                 for session in pulsing}
        records = [checked_record(row, gains.get(row[0], 0.0) if isinstance(row[0], int) else 0.0)
                   for row in rows]
        broken = self.damaged_work(ids)
        return [with_damage(r, broken[r.id]) if r.id in broken else r for r in records]

    def damaged_work(self, sessions: Iterable[int]) -> dict[int, str]:
        """Why each of ``sessions`` with a damaged work period is damaged (as ``sessions``
        says it: the first such period)."""
        rows = self.store.db.execute(
            f"SELECT {WORK_COLUMNS}, session_id FROM completed_work WHERE session_id IN "
            f"(SELECT value FROM json_each(?)) AND ({ODD_WORK}) ORDER BY id",
            (id_list(sessions), damage.MAX_PERIOD_SECONDS))
        found: dict[int, str] = {}
        for row in rows:
            reason = checked_period(row[:-1])[1]
            if reason is not None and isinstance(row[-1], int):
                found.setdefault(row[-1], _("work period {number}: {reason}").format(
                    number=row[0], reason=reason))
        return found

    def ids(self, offset: int, limit: int) -> list[int]:
        """The ids of the sessions from the ``offset``-th newest on, at most ``limit``: what a
        selection of many rows deletes, without reading each row."""
        return [row[0] for row in self._rows("id", offset, limit) if isinstance(row[0], int)]

    def places(self, ids: Iterable[int]) -> dict[int, int]:
        """Where each of ``ids`` is (0 the newest), for those the snapshot holds."""
        rows = self.store.db.execute(
            f"SELECT id, place FROM (SELECT id, ROW_NUMBER() OVER ({NEWEST_FIRST}) - 1 AS place "
            f"FROM sessions WHERE {KEPT}) WHERE id IN (SELECT value FROM json_each(:ids))",
            self.kept(ids=id_list(ids)))
        return {int(row[0]): int(row[1]) for row in rows}
