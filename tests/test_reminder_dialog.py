"""The "Training days and reminders" dialog: the plan shown, edited and saved."""

from __future__ import annotations

from datetime import time
from pathlib import Path

from PySide6.QtCore import QTime
from PySide6.QtWidgets import QAbstractButton, QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot

from hiptimer.base.locations import builtin_routines_dir
from hiptimer.reminders.training_days import DEFAULT_PLAN, EVERY_DAY, Plan, PlanEntry, Weekday
from hiptimer.reminders.training_days_file import read_plan
from hiptimer.routine.catalogue import Origin, scan_folder
from hiptimer.ui.prefs.reminder_dialog import ReminderDialog


def _dialog(qtbot: QtBot, path: Path) -> ReminderDialog:
    dialog = ReminderDialog(path, scan_folder(builtin_routines_dir(), Origin.BUILT_IN))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _save(dialog: ReminderDialog) -> None:
    button = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    assert isinstance(button, QAbstractButton)
    button.click()


def test_it_shows_the_default_plan_until_one_is_saved(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = _dialog(qtbot, tmp_path / "plan.txt")
    assert dialog.plan() == DEFAULT_PLAN
    strength = dialog.rows[0]
    assert strength.routine.currentText() == "Hip internal rotation - strength"
    assert [d for d, box in strength.days.items() if box.isChecked()] == \
        [Weekday.MONDAY, Weekday.WEDNESDAY, Weekday.FRIDAY]
    assert strength.at.time() == QTime(18, 0)


def test_a_plan_edited_and_saved_is_what_remind_reads(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "config" / "plan.txt"
    dialog = _dialog(qtbot, path)
    strength = dialog.rows[0]
    strength.days[Weekday.WEDNESDAY].setChecked(False)
    strength.days[Weekday.THURSDAY].setChecked(True)
    strength.at.setTime(QTime(19, 30))
    dialog.rows[1].remove.click()
    dialog.add_button.click()
    added = dialog.rows[-1]
    added.routine.setCurrentIndex(added.routine.findData("daily-short"))
    added.at.setTime(QTime(7, 15))
    _save(dialog)
    assert read_plan(path, Plan()) == (Plan((
        PlanEntry("hip-strength", frozenset({Weekday.MONDAY, Weekday.THURSDAY, Weekday.FRIDAY}),
                  time(19, 30)),
        PlanEntry("daily-short", EVERY_DAY, time(7, 15)))), None)
    assert not dialog.isVisible()


def test_removing_every_reminder_saves_an_empty_plan(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    dialog = _dialog(qtbot, path)
    while dialog.rows:
        dialog.rows[0].remove.click()
    _save(dialog)
    assert read_plan(path, DEFAULT_PLAN) == (Plan(), None)


def test_a_broken_saved_plan_is_explained(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text("hip-strength | funday | 18:00\n")
    dialog = _dialog(qtbot, path)
    assert dialog.problem.isVisible()
    assert "'funday' is not a day" in dialog.problem.text()
    assert dialog.rows == []


def test_a_failed_save_says_why_and_keeps_the_dialog_open(qtbot: QtBot,
                                                          tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    dialog = _dialog(qtbot, blocker / "plan.txt")
    _save(dialog)
    assert dialog.isVisible()
    assert "could not be saved" in dialog.error.text()


def test_every_control_has_an_accessible_name(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = _dialog(qtbot, tmp_path / "plan.txt")
    dialog.add_button.click()
    controls: list[QWidget] = [widget for row in dialog.rows for widget in row.widgets()]
    controls += [dialog.add_button, *dialog.buttons.buttons()]
    for widget in controls:
        assert widget.accessibleName(), widget
    names = {w.accessibleName() for w in dialog.rows[2].widgets()}
    assert {"Routine of reminder 3", "Tuesday, reminder 3", "Time of reminder 3",
            "Remove reminder 3"} <= names
