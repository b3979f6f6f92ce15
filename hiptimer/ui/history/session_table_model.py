"""The history window's table of sessions, the newest first, that holds only what is shown.

It knows how many sessions there are and reads them a page at a time as the table asks for
their rows (``SessionPages``, each row checked as every reader checks it), keeping the last
pages read: a history of a hundred thousand sessions opens at once and takes little memory,
and scrolling to its end reads the last page only.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable
from datetime import datetime
from typing import NamedTuple

from PySide6.QtCore import (
    QAbstractTableModel,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from hiptimer.base.translation import _, pgettext
from hiptimer.history.damage import UNKNOWN_MOMENT
from hiptimer.history.session_pages import SessionPages
from hiptimer.history.sessions import SessionRecord, SessionStatus
from hiptimer.routine.catalogue import shown_routine_name
from hiptimer.routine.duration import format_clock, nearest_second
from hiptimer.session.feeling import Feeling
from hiptimer.ui.common.plain import plain_tooltip
from hiptimer.ui.history.dates import moment_text

ROW_ID = Qt.ItemDataRole.UserRole
"""Where a row's first cell keeps the id of the session or measurement it shows."""
SESSION_HEADERS = ["Started", "Routine", "Status", "Work", "Session", "Counts", "Felt"]
"""The columns by their English headings (``session_headers`` shows them translated)."""
STARTED_COLUMN, STATUS_COLUMN, WORK_COLUMN, FELT_COLUMN = (
    SESSION_HEADERS.index(name) for name in ("Started", "Status", "Work", "Felt"))
PAGE = 100
"""Rows read at once: a few screens' worth."""
PAGES_KEPT = 20
"""Pages kept once read; the one read longest ago goes first."""
Index = QModelIndex | QPersistentModelIndex


def session_headers() -> list[str]:
    """The headings of the sessions' columns, in the language installed."""
    return [pgettext("history column", "Started"), pgettext("history column", "Routine"),
            pgettext("history column", "Status"), pgettext("history column", "Work"),
            pgettext("history column", "Session"), pgettext("history column", "Counts"),
            pgettext("history column", "Felt")]


def clock_text(seconds: float | None) -> str:
    """Whole seconds as m:ss (h:mm:ss from an hour): what a person reads a time as; a dash
    for a time not known."""
    return "—" if seconds is None else format_clock(nearest_second(seconds))


def work_text(record: SessionRecord) -> str:
    """The session's work of the work planned: ``0:49 of 7:30``."""
    # Translators: a session's work of the work planned, "0:49 of 7:30".
    return _("{done} of {planned}").format(done=clock_text(record.completed_work),
                                           planned=clock_text(record.planned_work))


_HOUR = SessionRecord(0, "", None, "", UNKNOWN_MOMENT, None, 3599.0, 3599.0,
                      SessionStatus.COMPLETED)
"""A session of an hour's work, for the room its figures take."""


class Row(NamedTuple):
    """A session as its row shows it."""

    record: SessionRecord
    texts: tuple[str, ...]


def shown_row(record: SessionRecord, locale: QLocale) -> Row:
    started = ("?" if record.started_at == UNKNOWN_MOMENT
               else moment_text(record.started_at, locale))
    counts = (pgettext("session counts", "yes") if record.counts
              else pgettext("session counts", "no"))
    return Row(record, (started, shown_routine_name(record.routine_name),
                        record.status.shown,
                        work_text(record), clock_text(record.session_seconds), counts,
                        felt_text(record.feeling)))


def felt_text(feeling: Feeling | None) -> str:
    """How the session felt, in the check-in's words; a dash while unrated."""
    return "—" if feeling is None else feeling.words


class SessionTableModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pages: SessionPages | None = None
        self._count = 0
        self._locale = QLocale()
        self._read: OrderedDict[int, list[Row]] = OrderedDict()
        """The pages read, by number, the one used last at the end."""

    def show_pages(self, pages: SessionPages | None, locale: QLocale) -> None:
        """Shows the sessions of ``pages`` (none for ``None``), dates as ``locale`` writes
        them; what was shown before, and every selection, is gone."""
        self.beginResetModel()
        self._pages = pages
        self._count = 0 if pages is None else pages.count()
        self._locale = locale
        self._read.clear()
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's default)
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(SESSION_HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if (orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(SESSION_HEADERS)):
            return session_headers()[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        row = self.row(index.row()) if index.isValid() else None
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return row.texts[column]
        if role == ROW_ID and column == 0:
            return row.record.id
        damage = row.record.damage
        if damage and column == STATUS_COLUMN:  # why, where it says "damaged"
            if role == Qt.ItemDataRole.ToolTipRole:
                return plain_tooltip(damage)
            if role == Qt.ItemDataRole.AccessibleDescriptionRole:
                return damage
        return None

    def row(self, number: int) -> Row | None:
        """The session shown in row ``number``, read with its page when not read yet;
        ``None`` beyond the rows, or for one the history no longer holds."""
        if self._pages is None or not 0 <= number < self._count:
            return None
        page, place = divmod(number, PAGE)
        rows = self._read.get(page)
        if rows is None:
            records = self._pages.page(page * PAGE, PAGE)
            rows = [shown_row(record, self._locale) for record in records]
            self._read[page] = rows
            if len(self._read) > PAGES_KEPT:
                self._read.popitem(last=False)
        else:
            self._read.move_to_end(page)
        return rows[place] if place < len(rows) else None

    def ids(self, rows: Iterable[tuple[int, int]]) -> list[int]:
        """The ids of the sessions in the runs of rows ``rows`` (first and last, both
        shown), top to bottom: from the pages read, or straight from the history for a run
        not read (a whole history selected), without reading each row."""
        found: list[int] = []
        for first, last in sorted(rows):
            first, last = max(first, 0), min(last, self._count - 1)
            pages = range(first // PAGE, last // PAGE + 1)
            if all(page in self._read for page in pages):
                found.extend(row.record.id for number in range(first, last + 1)
                             if (row := self.row(number)) is not None)
            elif self._pages is not None and first <= last:
                found.extend(self._pages.ids(first, last - first + 1))
        return found

    def room_for(self, column: int) -> list[str]:
        """What ``column`` should have room for: what the first rows show there, and what
        any row may show (a start on every day of the week, every status, an hour's work)."""
        texts = [row.texts[column] for number in range(min(PAGE, self._count))
                 if (row := self.row(number)) is not None]
        if column == STARTED_COLUMN:
            texts += [moment_text(datetime(2026, 12, day, 22, 59), self._locale)
                      for day in range(21, 28)]
        elif column == STATUS_COLUMN:
            texts += [status.shown for status in SessionStatus]
        elif column == WORK_COLUMN:
            texts.append(work_text(_HOUR))
        elif column == FELT_COLUMN:
            texts += [felt_text(feeling) for feeling in Feeling]
        return texts

    def rows_of(self, ids: Iterable[int]) -> list[int]:
        """The rows that show ``ids`` (those still shown), top to bottom."""
        if self._pages is None:
            return []
        return sorted(self._pages.places(ids).values())
