"""Dates and moments as the history windows write them: one way everywhere in them, the
locale's short format (9/1/26 in the US, 01.09.26 in Germany). The locale is the window's:
Qt's default, which the composition root sets from the language spoken and the desktop's
region (``ui/common/qt_language``), so a German window on a US desktop writes 01.09.26 and
German weekdays, an English one on a German desktop English weekdays.

The C locale (a system with no language set) has no short date of its own worth the name
(Qt writes ``1 09 2026``); there, dates are written in ISO order, ``2026-09-01``, as the
terminal writes them too.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QLocale, QTime

from hiptimer.base.translation import _

ISO_DATE = "yyyy-MM-dd"
ISO_TIME = "HH:mm"


def _plain(locale: QLocale) -> bool:
    """The C locale: no country's way of writing dates."""
    return locale.language() is QLocale.Language.C


def date_format(locale: QLocale) -> str:
    """The pattern ``date_text`` writes with, for a date field to show dates alike."""
    return ISO_DATE if _plain(locale) else locale.dateFormat(QLocale.FormatType.ShortFormat)


def date_text(day: date, locale: QLocale) -> str:
    """``day`` in ``locale``'s short date format."""
    return locale.toString(QDate(day.year, day.month, day.day), date_format(locale))


def moment_text(moment: datetime, locale: QLocale) -> str:
    """``moment`` in the local time zone, with its weekday, as ``locale`` writes them:
    ``Mon 3/2/26 6:00 PM`` in the US, ``Mo. 02.03.26 18:00`` in Germany."""
    local = moment.astimezone()
    day = QDate(local.year, local.month, local.day)
    time = QTime(local.hour, local.minute)
    clock = (locale.toString(time, ISO_TIME) if _plain(locale)
             else locale.toString(time, QLocale.FormatType.ShortFormat))
    weekday = locale.dayName(day.dayOfWeek(), QLocale.FormatType.ShortFormat)
    # Translators: a moment in the history window, "Mon 3/2/26 6:00 PM": the weekday, date
    # and time come as the locale writes them; only their order and what is between them
    # is yours.
    return _("{weekday} {date} {time}").format(
        weekday=weekday, date=date_text(local.date(), locale), time=clock)
