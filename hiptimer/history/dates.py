"""How the core writes a moment for a person: one format for the terminal and the history's
own messages. (The window writes moments its locale's way: ``ui/history/dates``.)

Local time with the weekday, in the order and with the weekday names of the language spoken:
``Mon 2026-03-02 18:00`` in English (ISO order: read alike in every country, sorted as
text), ``Mo 02.03.2026 18:00`` in German, ``lun 02/03/2026 18:00`` in Spanish. The weekday
places a session in its week. Both the order and the names are messages of the catalogue,
so a new language brings its own with its translation.
"""

from __future__ import annotations

from datetime import datetime

from hiptimer.base.translation import _, pgettext


def weekday_abbreviation(weekday: int) -> str:
    """The short name of the day ``date.weekday()`` numbers ``weekday`` (Monday is 0), in the
    language spoken. Written out here, not by ``%a``: a process that has set its locale (Qt
    does) would otherwise write it in the locale's language, not in hiptimer's."""
    names = (
        # Translators: a weekday, abbreviated as in a date ("Mon 2026-03-02 18:00"); German
        # "Mo", Spanish "lun". The seven are the same length or nearly.
        pgettext("weekday", "Mon"),
        pgettext("weekday", "Tue"),
        pgettext("weekday", "Wed"),
        pgettext("weekday", "Thu"),
        pgettext("weekday", "Fri"),
        pgettext("weekday", "Sat"),
        pgettext("weekday", "Sun"),
    )
    return names[weekday]


def moment_text(moment: datetime) -> str:
    """``moment`` in the local time zone: ``Mon 2026-03-02 18:00`` in English."""
    local = moment.astimezone()
    # Translators: a moment as the terminal and the history write it, "Mon 2026-03-02 18:00":
    # put the parts in the order a reader expects (German "{weekday} {day}.{month}.{year}
    # {hour}:{minute}"). Day, month, hour and minute come with two digits, the year with four.
    return _("{weekday} {year}-{month}-{day} {hour}:{minute}").format(
        weekday=weekday_abbreviation(local.weekday()), year=f"{local.year:04d}",
        month=f"{local.month:02d}", day=f"{local.day:02d}", hour=f"{local.hour:02d}",
        minute=f"{local.minute:02d}")
