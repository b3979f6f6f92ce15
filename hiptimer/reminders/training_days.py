"""The weekly training plan: which routine on which days, at what time of day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time
from enum import IntEnum

from hiptimer.base.translation import pgettext
from hiptimer.history.dates import weekday_abbreviation


class Weekday(IntEnum):
    """A day of the week, numbered as ``date.weekday()`` numbers them (Monday is 0)."""

    MONDAY = 0
    TUESDAY = 1
    WEDNESDAY = 2
    THURSDAY = 3
    FRIDAY = 4
    SATURDAY = 5
    SUNDAY = 6

    @property
    def short(self) -> str:
        """The three-letter word the plan file uses: ``mon`` ... ``sun``."""
        return self.name[:3].lower()

    @property
    def title(self) -> str:
        """The day's name as a person reads it, in the language installed: "Monday"."""
        # Translators: the days' names, standing alone (a label, not inside a sentence).
        return (pgettext("weekday", "Monday"), pgettext("weekday", "Tuesday"),
                pgettext("weekday", "Wednesday"), pgettext("weekday", "Thursday"),
                pgettext("weekday", "Friday"), pgettext("weekday", "Saturday"),
                pgettext("weekday", "Sunday"))[self]

    @property
    def abbreviation(self) -> str:
        """The day's short name as a person reads it, in the language installed: "Mon"
        (the same word a moment in the history is written with)."""
        return weekday_abbreviation(self)

    @property
    def next(self) -> Weekday:
        return Weekday((self + 1) % 7)


EVERY_DAY = frozenset(Weekday)


@dataclass(frozen=True)
class PlanEntry:
    """One routine to be reminded of: its name or file name (as ``hiptimer plan`` takes it),
    the days and the time of day."""

    routine: str
    days: frozenset[Weekday]
    at: time

    @property
    def key(self) -> str:
        """What a reminder is remembered by: a routine planned twice a day is two reminders."""
        return f"{self.at:%H:%M} {self.routine.casefold()}"


@dataclass(frozen=True)
class Plan:
    entries: tuple[PlanEntry, ...] = ()


STRENGTH_ROUTINE = "hip-strength"
MOBILITY_ROUTINE = "hip-mobility"

DEFAULT_PLAN = Plan((
    # The source material: strength work 2-3 times a week, never on consecutive days, so
    # the muscles recover; Friday to Monday leaves the weekend free.
    PlanEntry(STRENGTH_ROUTINE, frozenset({Weekday.MONDAY, Weekday.WEDNESDAY, Weekday.FRIDAY}),
              time(18, 0)),
    # Gentle stretching suits every day, best after a day of sitting.
    PlanEntry(MOBILITY_ROUTINE, frozenset({Weekday.TUESDAY, Weekday.THURSDAY,
                                           Weekday.SATURDAY, Weekday.SUNDAY}), time(18, 0)),
))
"""The plan used until the user saves one of their own."""
