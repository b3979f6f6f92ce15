"""Progress over weeks: the sessions done, this week against the target, streaks, totals,
and the measured range of motion."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from hiptimer.history.motion import findings
from hiptimer.history.store import COMPLETED, HistoryStore
from hiptimer.history.weeks import counts_by_week, streak, week_of
from hiptimer.routine.duration import format_seconds
from hiptimer.ui.motion_chart import MotionChart
from hiptimer.ui.plain import PlainLabel
from hiptimer.ui.settings import AppSettings


def _table(name: str, headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setAccessibleName(name)
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _buddy(text: str, field: QWidget) -> PlainLabel:
    """A label that says what ``field`` is, to a screen reader too (it labels the field)."""
    label = PlainLabel(text)
    label.setBuddy(field)
    return label


def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(text))


class HistoryView(QWidget):
    def __init__(self, store: HistoryStore, settings: AppSettings,
                 now: datetime | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle("hiptimer — history and progress")
        self.store = store
        self.settings = settings
        self.now = now
        self.resize(1000, 640)

        self.summary = PlainLabel()
        self.summary.setWordWrap(True)
        font = self.summary.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        self.summary.setFont(font)
        self.target = QSpinBox()
        self.target.setRange(1, 14)
        self.target.setValue(settings.weekly_target)
        self.target.setSuffix(" per week")
        self.target.valueChanged.connect(self._on_target_value_changed)
        self.target.setAccessibleName("Weekly target")
        self.target.setAccessibleDescription(
            "Sessions a week to aim for; the summary counts this week against it")
        self.sessions = _table("Sessions", ["Started", "Routine", "Status", "Work done",
                                            "Planned"])
        self.sessions.setAccessibleDescription("Every session, the newest first")
        self.totals = _table("Per routine", ["Routine", "Completed", "Stopped or interrupted",
                                             "Work done"])
        self.totals.setAccessibleDescription("Sessions and work done for each routine")
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(_buddy("Weekly target:", self.target))
        top.addWidget(self.target)
        sessions_tab = QWidget()
        column = QVBoxLayout(sessions_tab)
        column.addLayout(top)
        column.addWidget(self.sessions, 3)
        column.addWidget(PlainLabel("Per routine"))
        column.addWidget(self.totals, 2)

        self.when = QDateEdit(QDate.currentDate())
        self.when.setCalendarPopup(True)
        self.side = QComboBox()
        self.side.addItems(["left", "right"])
        self.degrees = QDoubleSpinBox()
        self.degrees.setRange(0, 90)
        self.degrees.setDecimals(0)
        self.degrees.setSuffix("°")
        self.degrees.setValue(35)
        self.add_button = QPushButton("Add measurement")
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.notes = PlainLabel()
        self.notes.setWordWrap(True)
        self.notes.setAccessibleDescription("What the measurements show")
        self.chart = MotionChart()
        for field, name in ((self.when, "Measured on"), (self.side, "Side"),
                            (self.degrees, "Internal rotation")):
            field.setAccessibleName(name)
        self.when.setAccessibleDescription("The day the range of motion was measured")
        self.side.view().setAccessibleName("Sides")
        self.degrees.setAccessibleDescription("Degrees of internal rotation measured, 0 to 90")
        self.add_button.setAccessibleDescription(
            "Keep this measurement; the chart and the notes show it at once")
        entry = QHBoxLayout()
        for widget in (_buddy("Measured on", self.when), self.when,
                       _buddy("side", self.side), self.side,
                       _buddy("internal rotation", self.degrees), self.degrees,
                       self.add_button):
            entry.addWidget(widget)
        entry.addStretch(1)
        motion_tab = QWidget()
        motion = QVBoxLayout(motion_tab)
        motion.addLayout(entry)
        motion.addWidget(self.chart, 1)
        motion.addWidget(self.notes)

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("History")
        self.tabs.addTab(sessions_tab, "Sessions")
        self.tabs.addTab(motion_tab, "Range of motion")
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        self.refresh()

    def refresh(self) -> None:
        records = self.store.sessions()
        now = self.now or datetime.now().astimezone()
        done = [r.started_at for r in records if r.status == COMPLETED]
        target = self.settings.weekly_target
        this_week = counts_by_week(done)[week_of(now)]
        in_a_row = streak(done, target, now)
        verdict = "on target" if this_week >= target else f"{target - this_week} to go"
        self.summary.setText(f"This week: {this_week} of {target} ({verdict}).   "
                             f"Weeks in a row on target: {in_a_row}.")
        _fill(self.sessions, [
            [f"{r.started_at.astimezone():%a %Y-%m-%d %H:%M}", r.routine_name, r.status,
             format_seconds(r.completed_work), format_seconds(r.planned_work)]
            for r in reversed(records)])
        totals: dict[str, list[float]] = defaultdict(lambda: [0, 0, 0.0])
        for r in records:
            row = totals[r.routine_name]
            row[0 if r.status == COMPLETED else 1] += 1
            row[2] += r.completed_work
        _fill(self.totals, [[name, f"{int(v[0])}", f"{int(v[1])}", format_seconds(v[2])]
                            for name, v in sorted(totals.items())])
        measurements = self.store.motion()
        self.chart.set_measurements(measurements)
        self.notes.setText("\n".join(findings(measurements)))

    def add_measurement(self, when: date, side: str, degrees: float) -> None:
        self.store.add_motion(when, side, degrees)
        self.refresh()

    def _on_add_button_clicked(self) -> None:
        qdate = self.when.date()
        self.add_measurement(date(qdate.year(), qdate.month(), qdate.day()),
                             self.side.currentText(), self.degrees.value())

    def _on_target_value_changed(self, value: int) -> None:
        self.settings.weekly_target = value
        self.settings.sync()
        self.refresh()
