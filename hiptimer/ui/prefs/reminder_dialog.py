"""The "Training days and reminders" dialog: which routine on which days, at what time.

It edits the plan file that ``hiptimer remind`` reads; the reminders themselves come from
that command (run by a timer or an autostart entry), not from the window.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import time
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hiptimer.base.problem import escaped
from hiptimer.base.translation import N_, _, pgettext
from hiptimer.reminders.training_days import DEFAULT_PLAN, EVERY_DAY, Plan, PlanEntry, Weekday
from hiptimer.reminders.training_days_file import PLAN_FILE, can_be_written, read_plan, write_plan
from hiptimer.routine.catalogue import Entry
from hiptimer.ui.prefs.time_field import TimeField

NEW_REMINDER_TIME = time(18, 0)
TITLE = N_("Training days and reminders")


def day_of_reminder(day: Weekday, number: int) -> str:
    """A day's tick box named for a screen reader: ``Tuesday, reminder 3``."""
    names = {Weekday.MONDAY: _("Monday, reminder {number}"),
             Weekday.TUESDAY: _("Tuesday, reminder {number}"),
             Weekday.WEDNESDAY: _("Wednesday, reminder {number}"),
             Weekday.THURSDAY: _("Thursday, reminder {number}"),
             Weekday.FRIDAY: _("Friday, reminder {number}"),
             Weekday.SATURDAY: _("Saturday, reminder {number}"),
             Weekday.SUNDAY: _("Sunday, reminder {number}")}
    return names[day].format(number=number)


@dataclass(frozen=True)
class RoutineChoice:
    """A routine the plan can name: what the file says, and what the person sees."""

    reference: str
    label: str


def routine_choices(library: Sequence[Entry]) -> list[RoutineChoice]:
    """Every routine that loads, named in the plan by its file name (which stays put when
    the routine is renamed inside)."""
    return [RoutineChoice(entry.path.stem, entry.shown_name) for entry in library
            if entry.valid and can_be_written(entry.path.stem)]


class ReminderRow:
    """One reminder's controls: the routine, seven day boxes, the time and Remove."""

    def __init__(self, parent: QWidget, choices: Sequence[RoutineChoice], entry: PlanEntry,
                 number: int) -> None:
        self.routine = QComboBox(parent)
        for choice in choices:
            self.routine.addItem(choice.label, choice.reference)
        if self.routine.findData(entry.routine) < 0:
            self.routine.addItem(_("{routine} (not in the library)").format(
                routine=escaped(entry.routine)), entry.routine)
        self.routine.setCurrentIndex(self.routine.findData(entry.routine))
        self.days = {day: QCheckBox(day.abbreviation, parent) for day in Weekday}
        for day, box in self.days.items():
            box.setChecked(day in entry.days)
        self.at = TimeField(entry.at, parent)
        self.remove = QPushButton(_("Remove"), parent)
        self.number(number)

    def number(self, number: int) -> None:
        """Names every control for screen readers after the reminder's place in the list."""
        self.routine.setAccessibleName(_("Routine of reminder {number}").format(number=number))
        for day, box in self.days.items():
            box.setAccessibleName(day_of_reminder(day, number))
        self.at.setAccessibleName(_("Time of reminder {number}").format(number=number))
        self.remove.setAccessibleName(_("Remove reminder {number}").format(number=number))

    def widgets(self) -> list[QWidget]:
        return [self.routine, *self.days.values(), self.at, self.remove]

    def entry(self) -> PlanEntry | None:
        """The reminder as set, or ``None`` while it has no day (or no time of day)."""
        days = frozenset(day for day, box in self.days.items() if box.isChecked())
        reference = self.routine.currentData()
        at = self.at.time_of_day()
        if not days or not isinstance(reference, str) or at is None:
            return None
        return PlanEntry(reference, days, at)


class ReminderDialog(QDialog):
    """Edits the training plan and saves it to ``path``."""

    def __init__(self, path: Path, library: Sequence[Entry],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_(TITLE))
        self.setAccessibleName(_(TITLE))
        self.path = path
        self.choices = routine_choices(library)
        plan, problem = read_plan(path, DEFAULT_PLAN)
        self.rows: list[ReminderRow] = []
        intro = QLabel(_("hiptimer reminds you with a desktop notification on the days and "
                         "at the time you choose, unless you already did the routine that "
                         "day. A reminder with no day ticked is left out."))
        intro.setWordWrap(True)
        self.problem = QLabel(
            _("The saved plan could not be read, so no reminders are sent:") + f"\n{problem}"
            if problem else "")
        self.problem.setWordWrap(True)
        self.problem.setVisible(bool(problem))
        self.problem.setAccessibleName(_("Problem with the saved plan"))
        self.grid = QGridLayout()
        for column, heading in ((0, pgettext("reminder column", "Routine")),
                                (1, pgettext("reminder column", "Days")),
                                (8, pgettext("reminder column", "Time"))):
            self.grid.addWidget(QLabel(f"<b>{heading}</b>"), 0, column)
        self.add_button = QPushButton(_("&Add a reminder"))
        self.add_button.setAccessibleName(_("Add a reminder"))
        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.add_button.setEnabled(bool(self.choices))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setAccessibleName(
            _("Save the plan"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName(
            _("Cancel"))
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        self.error = QLabel("")
        self.error.setWordWrap(True)
        self.error.setAccessibleName(_("Why the plan was not saved"))
        adding = QHBoxLayout()
        adding.addWidget(self.add_button)
        adding.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.problem)
        layout.addLayout(self.grid)
        layout.addLayout(adding)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        for entry in plan.entries:
            self.add_row(entry)

    def add_row(self, entry: PlanEntry) -> ReminderRow:
        row = ReminderRow(self, self.choices, entry, len(self.rows) + 1)
        row.remove.clicked.connect(lambda: self.remove_row(row))
        self.rows.append(row)
        self._lay_out()
        return row

    def remove_row(self, row: ReminderRow) -> None:
        self.rows.remove(row)
        for widget in row.widgets():
            self.grid.removeWidget(widget)
            widget.deleteLater()
        self._lay_out()

    def _lay_out(self) -> None:
        for number, row in enumerate(self.rows, 1):
            row.number(number)
            for column, widget in enumerate(row.widgets()):
                self.grid.addWidget(widget, number, column)  # row 0 holds the headings

    def plan(self) -> Plan:
        """The plan as set; reminders with no day ticked are left out."""
        return Plan(tuple(entry for row in self.rows if (entry := row.entry()) is not None))

    def _on_add_button_clicked(self) -> None:
        row = self.add_row(PlanEntry(self.choices[0].reference, EVERY_DAY, NEW_REMINDER_TIME))
        row.routine.setFocus()

    def _on_buttons_accepted(self) -> None:
        for number, row in enumerate(self.rows, 1):
            if row.at.time_of_day() is None:  # never saved as something else, nor left out
                self.error.setText(_("The time of reminder {number}, \"{typed}\", is not a "
                                     "time of day: type a 24-hour time such as 07:30.").format(
                    number=number, typed=escaped(row.at.text())))
                row.at.setFocus()
                return
        try:
            write_plan(self.path, self.plan())
        except OSError as exc:
            self.error.setText(_("The plan could not be saved to {path}: {why}").format(
                path=escaped(str(self.path)), why=exc.strerror or exc))
            return
        self.accept()


def open_reminder_dialog(parent: QWidget) -> ReminderDialog:
    """Shows the dialog for the user's own plan, over ``parent``, without blocking."""
    from hiptimer.base.locations import config_dir
    from hiptimer.routine.catalogue import scan_installed

    dialog = ReminderDialog(config_dir() / PLAN_FILE, scan_installed(), parent)
    dialog.open()
    return dialog
