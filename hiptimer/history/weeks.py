"""Weeks in the user's own time zone: sessions this week, and weeks in a row on target.

Weeks are ISO weeks (Monday to Sunday), so they run across the turn of the year, and
sessions are placed by local time, so a daylight-saving change moves nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import datetime, timedelta, tzinfo

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
