"""Progress over weeks: the sessions done, this week against the target, streaks, totals,
and the measured range of motion.

Each session shows its work (time in work phases) of the work planned and the session's
length, as the summary at its end did, and whether it counts towards the week (the rule of
``hiptimer.session.counting``). Dates and times are written the locale's way (``dates``).

A history may hold a hundred thousand sessions: the table reads only the rows it shows
(``session_table_model``), and the database counts the weeks and totals (``tallies``), a
part at a time while the window is already there when there are many.

Whatever is wrong can be put right here: sessions and measurements are deleted at once and
brought back with the undo bar, and a measurement typed wrong is corrected in place.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from datetime import date, datetime

from PySide6.QtCore import QDate, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeyEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from hiptimer.base.preferences import WEEKLY_TARGET, Settings
from hiptimer.base.translation import N_, _, ngettext, pgettext
from hiptimer.history.deletion import NotDeletable, why_unwritable
from hiptimer.history.measurements import Measurement
from hiptimer.history.motion import Side, findings
from hiptimer.history.session_pages import SessionPages
from hiptimer.history.store import HistoryStore
from hiptimer.history.tallies import Tallies, Tally
from hiptimer.routine.catalogue import shown_routine_name
from hiptimer.session.counting import rule_text
from hiptimer.ui.common.plain import plain_label
from hiptimer.ui.history.dates import date_format, date_text
from hiptimer.ui.history.measured_words import degrees_text, saved_text, side_name
from hiptimer.ui.history.motion_chart import MotionChart
from hiptimer.ui.history.session_table_model import SessionTableModel, clock_text
from hiptimer.ui.history.tables import (
    fill,
    fit_columns,
    measurement_headers,
    select_ids,
    select_rows,
    selectable,
    selected_ids,
    selected_runs,
    session_table,
    table_of,
    total_headers,
)
from hiptimer.ui.history.undo_bar import UndoBar

AT_ONCE = 2000
"""Sessions counted before the window shows; more are counted a part at a time after."""
COUNTING = N_("Counting the sessions…")


def _delete_button(name: str, description: str, clicked: Callable[[], None]) -> QPushButton:
    """The Delete button under a table, off until rows are selected; ``name`` and
    ``description`` say what it deletes, to a screen reader."""
    button = QPushButton(_("Delete"))
    button.setAccessibleName(name)
    button.setAccessibleDescription(description)
    button.setEnabled(False)
    button.clicked.connect(clicked)
    return button


def _buddy(text: str, field: QWidget) -> QLabel:
    """A label that says what ``field`` is, to a screen reader too (it labels the field)."""
    label = plain_label(text)
    label.setBuddy(field)
    return label


def _day(qdate: QDate) -> date:
    return date(qdate.year(), qdate.month(), qdate.day())


class HistoryView(QWidget):
    def __init__(self, store: HistoryStore, settings: Settings,
                 now: datetime | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle(_("hiptimer — history and progress"))
        self.store = store
        self.settings = settings
        self.now = now
        self.resize(1000, 640)
        self._measured: dict[int, Measurement] = {}
        """The measurements shown, by id."""
        self.tallies: Tallies | None = None
        """The counts shown; ``None`` while the sessions are being counted."""
        self._counting: Iterator[None] | None = None
        self._tally: Tally | None = None
        self.counter = QTimer(self)
        """Counts the next part of a long history each time the window is idle."""
        self.counter.setSingleShot(True)
        self.counter.setInterval(0)
        self.counter.timeout.connect(self._on_counter_timeout)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(_("History"))
        self.tabs.addTab(self._sessions_tab(), _("Sessions"))
        self.tabs.addTab(self._motion_tab(), _("Range of motion"))
        self.refusal = plain_label()
        self.refusal.setWordWrap(True)
        self.refusal.setAccessibleName(_("Not done"))
        self.refusal.setAccessibleDescription(
            _("Why the last deletion or correction was refused"))
        self.refusal.hide()
        self.undo_bar = UndoBar()
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.refusal)
        layout.addWidget(self.undo_bar)
        self.refresh()

    def _sessions_tab(self) -> QWidget:
        self.summary = plain_label()
        self.summary.setWordWrap(True)
        font = self.summary.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        self.summary.setFont(font)
        self.target = QSpinBox()
        self.target.setRange(int(WEEKLY_TARGET.low), int(WEEKLY_TARGET.high))
        self.target.setValue(self.settings.weekly_target)
        # Translators: after the number of the weekly target, "2 per week" (mind the space).
        self.target.setSuffix(_(" per week"))
        self.target.valueChanged.connect(self._on_target_value_changed)
        self.target.setAccessibleName(_("Weekly target"))
        self.target.setAccessibleDescription(
            _("Sessions a week to aim for; the summary counts this week against it"))
        self.session_rows = SessionTableModel(self)
        self.sessions = selectable(session_table(self.session_rows))
        self.sessions.setAccessibleDescription(
            _("Every session, the newest first, with its work of the work planned, its length "
              "and whether it counts; select sessions and press Delete to delete them"))
        self.rule = plain_label(rule_text())
        self.rule.setWordWrap(True)
        self.sessions.selectionModel().selectionChanged.connect(
            self._on_sessions_selection_changed)
        self.sessions.installEventFilter(self)
        self.delete_sessions_button = _delete_button(
            _("Delete sessions"), _("Delete the selected sessions; Undo brings them back"),
            self._on_delete_sessions_button_clicked)
        self.totals = table_of(_("Per routine"), total_headers())
        self.totals.setAccessibleDescription(
            _("For each routine, its sessions that count and those that do not, and its work"))
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(_buddy(_("Weekly target:"), self.target))
        top.addWidget(self.target)
        buttons = QHBoxLayout()
        buttons.addWidget(self.delete_sessions_button)
        buttons.addStretch(1)
        tab = QWidget()
        column = QVBoxLayout(tab)
        column.addLayout(top)
        column.addWidget(self.sessions, 3)
        column.addWidget(self.rule)
        column.addLayout(buttons)
        column.addWidget(plain_label(_("Per routine")))
        column.addWidget(self.totals, 2)
        return tab

    def _motion_tab(self) -> QWidget:
        self.when = QDateEdit(QDate.currentDate())
        self.when.setDisplayFormat(date_format(self.when.locale()))  # as the table writes it
        self.when.setCalendarPopup(True)
        self.side = QComboBox()
        for side in Side:
            self.side.addItem(side_name(side), side.value)
        self.degrees = QDoubleSpinBox()
        self.degrees.setRange(0, 90)
        self.degrees.setDecimals(0)
        self.degrees.setSuffix("°")
        self.degrees.setValue(35)
        self.add_button = QPushButton(_("Add measurement"))
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.correct_button = QPushButton(_("Save correction"))
        self.correct_button.setEnabled(False)
        self.correct_button.clicked.connect(self._on_correct_button_clicked)
        self.notes = plain_label()
        self.notes.setWordWrap(True)
        self.notes.setAccessibleDescription(_("What the measurements show"))
        self.chart = MotionChart()
        for field, name in zip((self.when, self.side, self.degrees), measurement_headers(),
                               strict=True):
            field.setAccessibleName(name)
        self.when.setAccessibleDescription(_("The day the range of motion was measured"))
        self.side.view().setAccessibleName(_("Sides"))
        self.degrees.setAccessibleDescription(
            _("Degrees of internal rotation measured, 0 to 90"))
        self.add_button.setAccessibleDescription(
            _("Keep this measurement; the chart and the notes show it at once"))
        self.correct_button.setAccessibleDescription(
            _("Write these values over the selected measurement; Undo puts it back"))
        self.measurements = selectable(table_of(_("Measurements"), measurement_headers()))
        self.measurements.setAccessibleDescription(
            _("Every measurement, the newest first; select one to correct it, "
              "or select some and press Delete to delete them"))
        self.measurements.itemSelectionChanged.connect(
            self._on_measurements_item_selection_changed)
        self.measurements.installEventFilter(self)
        self.delete_measurements_button = _delete_button(
            _("Delete measurements"),
            _("Delete the selected measurements; Undo brings them back"),
            self._on_delete_measurements_button_clicked)
        entry = QHBoxLayout()
        # Translators: the entry row reads as one line: "Measured on [date] side [left]
        # internal rotation [35°]".
        for widget in (_buddy(_("Measured on"), self.when), self.when,
                       _buddy(pgettext("entry row", "side"), self.side), self.side,
                       _buddy(pgettext("entry row", "internal rotation"), self.degrees),
                       self.degrees):
            entry.addWidget(widget)
        entry.addStretch(1)
        self.measure_button = QPushButton(_("Guided self-test…"))
        self.measure_button.setAccessibleDescription(
            _("How to measure, with a picture, and three readings a side to type in"))
        self.measure_button.clicked.connect(self._on_measure_button_clicked)
        entry_buttons = QHBoxLayout()
        entry_buttons.addWidget(self.measure_button)
        entry_buttons.addWidget(self.add_button)
        entry_buttons.addWidget(self.correct_button)
        entry_buttons.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.delete_measurements_button)
        buttons.addStretch(1)
        listed = QVBoxLayout()
        listed.addWidget(self.measurements, 1)
        listed.addLayout(buttons)
        middle = QHBoxLayout()
        middle.addLayout(listed, 2)
        middle.addWidget(self.chart, 3)
        tab = QWidget()
        motion = QVBoxLayout(tab)
        motion.addLayout(entry)
        motion.addLayout(entry_buttons)
        motion.addLayout(middle, 1)
        motion.addWidget(self.notes)
        return tab

    def refresh(self) -> None:
        """Shows the history as it is now; every selection is cleared. The sessions are
        counted before this returns when they are few, a part at a time after when many."""
        pages = SessionPages(self.store)
        self.session_rows.show_pages(pages, self.locale())
        fit_columns(self.sessions, self.session_rows)
        self._count_sessions(pages)
        measurements = self.store.measurements()
        self._measured = {m.id: m for m in measurements}
        newest = sorted(measurements, key=lambda m: (m.measured_on, m.id), reverse=True)
        fill(self.measurements, [
            [date_text(m.measured_on, self.locale()), side_name(m.side), degrees_text(m.degrees)]
            for m in newest], [m.id for m in newest])
        shown = [(m.measured_on, m.side, m.degrees) for m in measurements]
        self.chart.set_measurements(shown)
        self.notes.setText("\n".join(findings(shown)))
        self._on_sessions_selection_changed()
        self._on_measurements_item_selection_changed()

    def _count_sessions(self, pages: SessionPages) -> None:
        """Counts the weeks and the totals of ``pages``' sessions: now when they are few,
        else a part each time the window is idle, saying so meanwhile."""
        now = self.now or datetime.now().astimezone()
        self._tally = Tally(pages, self.settings.weekly_target, now)
        self._counting = self._tally.steps()
        self.tallies = None
        if self.session_rows.rowCount() <= AT_ONCE:
            self._show_tallies(self._tally.run())
            return
        self.summary.setText(_(COUNTING))
        fill(self.totals, [])
        self.counter.start()

    def _show_tallies(self, tallies: Tallies) -> None:
        self._counting = self._tally = None
        self.tallies = tallies
        target = self.settings.weekly_target
        this_week = tallies.this_week
        if this_week >= target:
            week = _("This week: {done} of {target} (on target).")
        else:
            week = _("This week: {done} of {target} ({left} to go).")
        week = week.format(done=this_week, target=target, left=target - this_week)
        in_a_row = _("Weeks in a row on target: {weeks}.").format(weeks=tallies.in_a_row)
        self.summary.setText(f"{week}   {in_a_row}")
        fill(self.totals, [[shown_routine_name(r.name), f"{r.counted}", f"{r.not_counted}",
                            clock_text(r.work)] for r in tallies.routines])

    def _on_counter_timeout(self) -> None:
        """Counts the next part; shows the counts once the last is counted."""
        if self._counting is None or self._tally is None:
            return
        try:
            next(self._counting)
        except StopIteration:
            assert self._tally.result is not None
            self._show_tallies(self._tally.result)
            return
        self.counter.start()

    def showEvent(self, event: QShowEvent) -> None:
        """Counting, put off while the window was closed, goes on."""
        if self._counting is not None:
            self.counter.start()
        super().showEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        """A closed window counts no more (until it shows again)."""
        self.counter.stop()
        super().closeEvent(event)

    def add_measurement(self, when: date, side: str, degrees: float) -> None:
        self.store.add_motion(when, side, degrees)
        self.refresh()

    def delete_selected_sessions(self) -> None:
        """Deletes the selected sessions at once; the undo bar offers them back."""
        self._delete(self.session_rows.ids(selected_runs(self.sessions)),
                     lambda count: ngettext("Deleted {count} session.",
                                            "Deleted {count} sessions.", count),
                     self.store.delete_sessions, self.store.restore_sessions,
                     self._select_sessions)

    def delete_selected_measurements(self) -> None:
        """Deletes the selected measurements at once; the undo bar offers them back."""
        self._delete(selected_ids(self.measurements),
                     lambda count: ngettext("Deleted {count} measurement.",
                                            "Deleted {count} measurements.", count),
                     self.store.delete_motion, self.store.restore_motion,
                     self._select_measurements)

    def _select_sessions(self, ids: list[int]) -> None:
        select_rows(self.sessions, self.session_rows.rows_of(ids))

    def _select_measurements(self, ids: list[int]) -> None:
        select_ids(self.measurements, ids)

    def _delete(self, ids: list[int], deleted: Callable[[int], str],
                delete: Callable[[list[int]], None],
                restore: Callable[[list[int]], None],
                select: Callable[[list[int]], None]) -> None:
        if not ids:
            return
        """Deletes ``ids`` and offers them back, saying what went with ``deleted`` (the
        sentence for a count, in the language installed)."""
        if self._refused(lambda: delete(ids),
                         lambda why: _("Nothing was deleted: {why}.").format(why=why)):
            return
        self.refresh()
        self.undo_bar.offer(deleted(len(ids)).format(count=len(ids)),
                            lambda: self._undo(lambda: restore(ids), select, ids))

    def correct_selected_measurement(self) -> None:
        """Writes the entry fields over the one selected measurement; undo puts it back."""
        ids = selected_ids(self.measurements)
        if len(ids) != 1:
            return
        corrected = Measurement(ids[0], _day(self.when.date()), self._side_chosen(),
                                self.degrees.value())
        was: list[Measurement] = []
        if self._refused(lambda: was.append(self.store.correct_motion(corrected)),
                         lambda why: _("Not corrected: {why}.").format(why=why)):
            return
        self.refresh()
        select_ids(self.measurements, ids)
        old = was[0]
        self.undo_bar.offer(
            _("Corrected the measurement of {date}.").format(
                date=date_text(old.measured_on, self.locale())),
            lambda: self._undo(lambda: self.store.correct_motion(old),
                               self._select_measurements, ids))

    def _undo(self, undo: Callable[[], object], select: Callable[[list[int]], None],
              ids: list[int]) -> None:
        """Undoes a change and shows its rows again, selected."""
        if self._refused(undo, lambda why: _("Not undone: {why}.").format(why=why)):
            return
        self.refresh()
        select(ids)

    def _refused(self, change: Callable[[], object], outcome: Callable[[str], str]) -> bool:
        """Makes ``change``; when the history refuses it, says why (``outcome`` puts the
        reason into its sentence), and nothing changed."""
        try:
            change()
        except NotDeletable as exc:
            self.refusal.setText(outcome(str(exc)))
            self.refusal.show()
            self.refresh()  # another window or command may have changed the history
            return True
        self.refusal.hide()
        return False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """In either table, the Delete key deletes what is selected and Ctrl+Z undoes what
        the undo bar offers."""
        if (event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent)
                or watched not in (self.sessions, self.measurements)):
            return super().eventFilter(watched, event)
        if event.matches(QKeySequence.StandardKey.Undo):
            self.undo_bar.undo()
            return True
        if event.matches(QKeySequence.StandardKey.Delete):
            if watched is self.sessions:
                self.delete_selected_sessions()
            else:
                self.delete_selected_measurements()
            return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Ctrl+Z that no field took for itself undoes what the undo bar offers."""
        if event.matches(QKeySequence.StandardKey.Undo):
            self.undo_bar.undo()
            return
        super().keyPressEvent(event)

    def _on_sessions_selection_changed(self) -> None:
        self.delete_sessions_button.setEnabled(self.sessions.selectionModel().hasSelection())

    def _on_measurements_item_selection_changed(self) -> None:
        ids = selected_ids(self.measurements)
        self.delete_measurements_button.setEnabled(bool(ids))
        self.correct_button.setEnabled(len(ids) == 1)
        if len(ids) != 1:
            return
        chosen = self._measured[ids[0]]
        when = chosen.measured_on
        self.when.setDate(QDate(when.year, when.month, when.day))
        shown = self.side.findData(chosen.side)
        if shown >= 0:
            self.side.setCurrentIndex(shown)
        self.degrees.setValue(chosen.degrees)

    def _on_delete_sessions_button_clicked(self) -> None:
        self.delete_selected_sessions()

    def _on_delete_measurements_button_clicked(self) -> None:
        self.delete_selected_measurements()

    def _on_measure_button_clicked(self) -> None:
        from hiptimer.ui.history.self_test_dialog import SelfTestDialog

        today = (self.now or datetime.now().astimezone()).date()
        test = SelfTestDialog(today, self)
        test.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        test.measured.connect(self._on_test_measured)
        test.open()  # modal to this window, without a nested event loop
        self.self_test = test

    def _on_test_measured(self, measured: list[tuple[date, str, float]]) -> None:
        """Keeps what the self-test measured, and only then says it was saved (with an undo);
        a history that cannot be written says why instead."""
        ids: list[int] = []
        try:
            with self.store.db:  # both sides, or neither
                self.store.db.execute("BEGIN IMMEDIATE")
                ids.extend(self.store.add_motion(when, side, degrees)
                           for when, side, degrees in measured)
        except sqlite3.Error as exc:
            self.refusal.setText(_("Not saved: {why}.").format(
                why=why_unwritable(exc, self.store.path)))
            self.refusal.show()
            return
        self.refusal.hide()
        self.refresh()
        self.undo_bar.offer(saved_text(measured, self.locale()),
                            lambda: self._undo(lambda: self.store.delete_motion(ids),
                                               self._select_measurements, []))

    def _on_add_button_clicked(self) -> None:
        self.add_measurement(_day(self.when.date()), self._side_chosen(), self.degrees.value())

    def _side_chosen(self) -> str:
        """The side chosen for a measurement, as the history keeps it ("left")."""
        return str(self.side.currentData())

    def _on_correct_button_clicked(self) -> None:
        self.correct_selected_measurement()

    def _on_target_value_changed(self, value: int) -> None:
        self.settings.weekly_target = value
        problem = self.settings.save()
        self.refresh()
        if problem:
            self.refusal.setText(f"{problem}.")
            self.refusal.show()
