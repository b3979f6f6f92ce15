"""Weeks in the user's own time zone: sessions this week, and weeks in a row on target.

Weeks are ISO weeks (Monday to Sunday), so they run across the turn of the year, and
sessions are placed by local time, so a daylight-saving change moves nothing. Only sessions
that count (``SessionRecord.counts``, the rule of ``hiptimer.session.counting``) are
counted: ``week_count`` and ``weeks_on_target`` take the records and apply it, so every
caller counts the same sessions.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import datetime, timedelta, tzinfo

from hiptimer.history.sessions import SessionRecord

Week = tuple[int, int]


def week_of(moment: datetime, zone: tzinfo | None = None) -> Week:
    local = moment.astimezone(zone)
    year, week, _ = local.isocalendar()
    return year, week


def previous_week(week: Week) -> Week:
    monday = datetime.fromisocalendar(week[0], week[1], 1)
    year, number, _ = (monday - timedelta(days=7)).isocalendar()
    return year, number


def counts_by_week(starts: Iterable[datetime], zone: tzinfo | None = None) -> Counter[Week]:
    return Counter(week_of(start, zone) for start in starts)


def streak(starts: Iterable[datetime], target: int, now: datetime,
           zone: tzinfo | None = None) -> int:
    """Weeks in a row with at least ``target`` sessions, ending with this week when it is
    already on target, otherwise with last week (this week is still open)."""
    counts = counts_by_week(starts, zone)
    week = week_of(now, zone)
    if counts[week] < target:
        week = previous_week(week)
    run = 0
    while counts[week] >= target:
        run += 1
        week = previous_week(week)
    return run


def counted_starts(records: Iterable[SessionRecord]) -> list[datetime]:
    """When each session that counts began: what the weeks are counted from."""
    return [record.started_at for record in records if record.counts]


def week_count(records: Iterable[SessionRecord], moment: datetime,
               zone: tzinfo | None = None) -> int:
    """The sessions that count in the week of ``moment``."""
    return counts_by_week(counted_starts(records), zone)[week_of(moment, zone)]


def weeks_on_target(records: Iterable[SessionRecord], target: int, now: datetime,
                    zone: tzinfo | None = None) -> int:
    """The streak (``streak``) of the sessions that count."""
    return streak(counted_starts(records), target, now, zone)
