"""What a window counts over the whole history: the sessions that count this week, the weeks
in a row on target, and each routine's sessions and work, worked out by the database.

A long history (a hundred thousand sessions) is never read into Python whole. The database
adds up the rows it can vouch for (``SOUND``: each value of the type and within the bounds
that ``sessions`` checks, and the times in the one form hiptimer writes them); the few it
cannot (a hand edit, a time written some other way, a damaged work period, a session with a
pulse file) are read and checked as ``sessions`` reads them. The figures are those that
``week_count``, ``weeks_on_target`` and ``SessionRecord.counts`` give over ``sessions()``:
the same rule, the same weeks.
"""

from __future__ import annotations

import json
import math
import sqlite3
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from hiptimer.history import damage
from hiptimer.history.session_pages import KEPT, SessionPages, id_list
from hiptimer.history.sessions import COMPLETED, ODD_WORK, SESSION_COLUMNS
from hiptimer.history.weeks import Week, previous_week, week_of
from hiptimer.session.counting import DONE_SHARE, MIN_WORK, TOLERANCE

_UNIX_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_UNIX_EPOCH_DAY = 2440587.5
"""The Julian day at which 1970 began, in UTC."""
_FORMS = tuple(f"____-__-__T__:__:__{fraction}{sign}__:__" for sign in "+-"
               for fraction in (".______", ""))
"""Times as hiptimer writes them, ``2026-03-02T17:00:00.123456+00:00`` (or with no fraction
of a second, when it is 0), as ``LIKE`` patterns."""


def _moment(column: str) -> str:
    """Where ``column`` holds a time that ``damage.moment`` reads as written: in one of the
    forms hiptimer writes (its offset at most 14:59, as the database reads offsets), with
    digits where they belong, a day its month has (a day the database moves into the next
    month when it works out from it) and an hour before 24, well within the moments a
    session can be at."""
    forms = " OR ".join(f"{column} LIKE '{form}'" for form in _FORMS)
    return (f"(typeof({column}) = 'text' AND ({forms}) "
            f"AND (length({column}) = 25 OR substr({column}, 26, 1) BETWEEN '0' AND '9') "
            f"AND substr({column}, 12, 2) < '24' "
            f"AND julianday({column}) BETWEEN :earliest AND :latest "
            f"AND (substr({column}, 9, 2) <= '28' "
            f"OR date(substr({column}, 1, 10), '+0 days') = substr({column}, 1, 10)))")


SOUND = ("typeof(routine_name) = 'text' AND typeof(content_hash) = 'text' "
         "AND typeof(status) = 'text' AND (routine_file IS NULL OR typeof(routine_file) = 'text') "
         "AND planned_work BETWEEN 0 AND :most AND completed_work BETWEEN 0 AND :most "
         "AND (session_seconds IS NULL OR session_seconds BETWEEN 0 AND :most) "
         f"AND {_moment('started_at')} "
         f"AND (ended_at IS NULL OR ended_at = '' OR {_moment('ended_at')}) "
         "AND id NOT IN (SELECT value FROM json_each(:aside))")
"""A row ``sessions`` reads as sound, with its values as they are stored, and not one set
aside to be read in Python (``:aside``). (A text or a blob is never between two numbers.)"""
COUNTS = (f"completed_work > :kept_work AND (status = '{COMPLETED.value}' OR "
          "completed_work + :tolerance >= :share * planned_work) "
          "AND completed_work + :tolerance >= :min_work")
"""A sound row's session counts: the rule of ``hiptimer.session.counting``, as it reads."""
CHUNK = 4000
"""Sessions counted in one part (a few hundredths of a second)."""
WEEKS = 200
"""Weeks of a streak gone through in one part."""


@dataclass(frozen=True)
class RoutineTotal:
    """A routine's sessions that count and those that do not, and their work in seconds."""

    name: str
    counted: int
    not_counted: int
    work: float


@dataclass(frozen=True)
class Tallies:
    sessions: int
    """The sessions kept (those the snapshot's pages hold)."""
    this_week: int
    """The sessions that count in the week of the moment asked about."""
    in_a_row: int
    """Weeks in a row on target (``weeks.streak``)."""
    routines: list[RoutineTotal]
    """Each routine's totals, by name."""


def _utc_text(moment: datetime) -> str:
    """A moment as ISO text in UTC, to the second: what a time written at that moment with
    no offset begins with."""
    return moment.astimezone(UTC).isoformat()[:19]


def _julian_day(moment: datetime) -> float:
    """A moment as the database's ``julianday`` gives it."""
    return (moment - _UNIX_EPOCH) / timedelta(days=1) + _UNIX_EPOCH_DAY


def _parts(db: sqlite3.Connection, table: str, size: int,
           top: int | None = None) -> Iterator[tuple[float, int]]:
    """``table``'s ids (up to ``top``) in runs of about ``size`` rows: what each run comes
    after (at first less than any id), and its last id."""
    if top is None:
        row = db.execute(f"SELECT MAX(id) FROM {table}").fetchone()
        top = row[0] if row is not None and isinstance(row[0], int) else 0
    after = -math.inf
    while after < top:
        row = db.execute(f"SELECT id FROM {table} WHERE id > ? AND id <= ? ORDER BY id "
                         "LIMIT 1 OFFSET ?", (after, top, size - 1)).fetchone()
        last = int(row[0]) if row is not None else top
        yield after, last
        after = last


def _week_span(week: Week, zone: tzinfo | None) -> tuple[datetime, datetime]:
    """The moments from the start of ``week`` to the start of the next, with hours to spare
    for a change of clocks at midnight; a day to spare each side where local time cannot be
    worked out."""
    monday = date.fromisocalendar(week[0], week[1], 1)
    spare = timedelta(hours=3)
    try:
        start = datetime.combine(monday, time())
        begins = start.replace(tzinfo=zone) if zone is not None else start.astimezone()
        return begins - spare, begins + timedelta(days=7) + spare
    except (OverflowError, OSError, ValueError):
        begins = datetime.combine(monday, time(), UTC)
        return begins - timedelta(days=1), begins + timedelta(days=8)


class Tally:
    """Counts over the sessions of ``pages``' snapshot against a weekly ``target`` in the week
    of ``now``, made a part at a time (``steps``), so that a window can show the rest while
    a long history is counted; ``result`` is set once the last part is made."""

    def __init__(self, pages: SessionPages, target: int, now: datetime,
                 zone: tzinfo | None = None) -> None:
        self.pages = pages
        self.target = target
        self.now = now
        self.zone = zone
        self.result: Tallies | None = None
        self._aside: set[int] = set(pages.pulsing)
        """Sessions read in Python, not counted by the database: those with a pulse file or
        a work period that may be damaged."""
        self._routines: dict[str, list[float]] = {}
        self._odd_weeks: Counter[Week] = Counter()
        self._parameters = pages.kept(
            most=damage.MAX_SECONDS, tolerance=TOLERANCE, share=DONE_SHARE, min_work=MIN_WORK,
            earliest=_julian_day(damage.EARLIEST + timedelta(days=2)),
            latest=_julian_day(damage.LATEST - timedelta(days=2)))

    def run(self) -> Tallies:
        """Every part at once."""
        for _ in self.steps():
            pass
        assert self.result is not None
        return self.result

    def steps(self) -> Iterator[None]:
        """Makes the counts a part at a time: stops after each part (``CHUNK`` sessions or
        work periods, or ``WEEKS`` weeks of the streak) until ``result`` is set."""
        db = self.pages.store.db
        for after, last in _parts(db, "completed_work", 3 * CHUNK):
            self._aside.update(row[0] for row in db.execute(
                f"SELECT session_id FROM completed_work WHERE id > ? AND id <= ? "
                f"AND ({ODD_WORK})", (after, last, damage.MAX_PERIOD_SECONDS))
                if isinstance(row[0], int))
            yield
        self._parameters["aside"] = id_list(self._aside)
        for after, last in _parts(db, "sessions", CHUNK, self.pages.top):
            self._count_sessions(after, last)
            yield
        week = week_of(self.now, self.zone)
        this_week = self._count_week(week)
        if this_week < self.target:
            week = previous_week(week)
        run = 0
        while self._count_week(week, self.target) >= self.target:
            run += 1
            week = previous_week(week)
            if run % WEEKS == 0:
                yield
        routines = [RoutineTotal(name, int(v[0]), int(v[1]), v[2])
                    for name, v in sorted(self._routines.items())]
        self.result = Tallies(sum(r.counted + r.not_counted for r in routines), this_week,
                              run, routines)

    def _count_sessions(self, after: float, last: int) -> None:
        """Counts the sessions from after ``after`` to ``last`` (ids) into the routines'
        totals: those the database vouches for there, the rest read in Python."""
        db = self.pages.store.db
        odd: list[int] = []
        for name, kept, counted, work, ids in db.execute(
                f"WITH part AS MATERIALIZED (SELECT id, routine_name, completed_work, "
                f"coalesce({SOUND}, 0) AS sound, {COUNTS} AS counts FROM sessions "
                f"WHERE id > :after AND id <= :last AND {KEPT}) "
                "SELECT routine_name, COUNT(*) FILTER (WHERE sound), "
                "TOTAL(counts) FILTER (WHERE sound), TOTAL(completed_work) FILTER (WHERE sound), "
                "json_group_array(id) FILTER (WHERE NOT sound) FROM part GROUP BY routine_name",
                {**self._parameters, "after": after, "last": last}):
            odd.extend(json.loads(ids))
            if kept:
                row = self._routines.setdefault(name, [0, 0, 0.0])
                row[0] += counted
                row[1] += kept - counted
                row[2] += work
        rows = db.execute(f"SELECT {', '.join(SESSION_COLUMNS)} FROM sessions WHERE id IN "
                          f"(SELECT value FROM json_each(?)) ORDER BY id", (id_list(odd),))
        for record in self.pages.records(rows.fetchall()):
            row = self._routines.setdefault(record.routine_name, [0, 0, 0.0])
            row[0 if record.counts else 1] += 1
            row[2] += record.completed_work
            if record.counts:
                self._odd_weeks[week_of(record.started_at, self.zone)] += 1

    def _count_week(self, week: Week, enough: int | None = None) -> int:
        """The sessions that count in ``week``; reading stops at ``enough`` of them. (Once
        every session has been gone through, for those read in Python.)"""
        found = self._odd_weeks[week]
        if enough is not None and found >= enough:
            return found
        begins, ends = _week_span(week, self.zone)
        rows = self.pages.store.db.execute(
            f"SELECT started_at FROM sessions WHERE started_at >= :low AND started_at < :high "
            f"AND julianday(started_at) >= :begins AND julianday(started_at) < :ends "
            f"AND {KEPT} AND {SOUND} AND {COUNTS}",
            {**self._parameters, "begins": _julian_day(begins), "ends": _julian_day(ends),
             # The text of a time is its moment shifted by its offset: under a day.
             "low": _utc_text(begins - timedelta(days=1)),
             "high": _utc_text(ends + timedelta(days=1))})
        for (started,) in rows:
            if week_of(datetime.fromisoformat(started), self.zone) == week:
                found += 1
                if enough is not None and found >= enough:
                    break
        return found


def tally(pages: SessionPages, target: int, now: datetime,
          zone: tzinfo | None = None) -> Tallies:
    """Everything a history window counts over ``pages``' snapshot, at once."""
    return Tally(pages, target, now, zone).run()
