"""The "Training days and reminders" dialog: the plan shown, edited and saved."""

from __future__ import annotations

from datetime import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot

from hiptimer.base.locations import builtin_routines_dir
from hiptimer.reminders.training_days import DEFAULT_PLAN, EVERY_DAY, Plan, PlanEntry, Weekday
from hiptimer.reminders.training_days_file import read_plan
from hiptimer.routine.catalogue import Origin, scan_folder
from hiptimer.ui.prefs.reminder_dialog import ReminderDialog
from hiptimer.ui.prefs.time_field import TimeField


def _dialog(qtbot: QtBot, path: Path) -> ReminderDialog:
    dialog = ReminderDialog(path, scan_folder(builtin_routines_dir(), Origin.BUILT_IN))
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):  # keys and focus go to it, as to a dialog just opened
        dialog.show()
        dialog.activateWindow()
    return dialog


def _type_time(qtbot: QtBot, field: TimeField, text: str) -> None:
    """Click into the field and type, as a person sets a time."""
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(field, text)


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
    assert strength.at.text() == "18:00" and strength.at.time_of_day() == time(18, 0)


def test_a_plan_edited_and_saved_is_what_remind_reads(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "config" / "plan.txt"
    dialog = _dialog(qtbot, path)
    strength = dialog.rows[0]
    strength.days[Weekday.WEDNESDAY].setChecked(False)
    strength.days[Weekday.THURSDAY].setChecked(True)
    _type_time(qtbot, strength.at, "19:30")
    dialog.rows[1].remove.click()
    dialog.add_button.click()
    added = dialog.rows[-1]
    qtbot.waitUntil(added.at.isVisible)  # shown once the dialog has laid it out
    added.routine.setCurrentIndex(added.routine.findData("daily-short"))
    _type_time(qtbot, added.at, "07:15")
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


def _typed_and_saved(qtbot: QtBot, tmp_path: Path, keys: list[tuple[Qt.Key, Qt.KeyboardModifier]],
                     text: str) -> time:
    """The time saved for the first reminder after ``keys`` then ``text`` are typed into its
    time field, once clicked into."""
    path = tmp_path / "plan.txt"
    dialog = _dialog(qtbot, path)
    field = dialog.rows[0].at
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton)
    for key, modifier in keys:
        qtbot.keyClick(field, key, modifier)
    qtbot.keyClicks(field, text)
    _save(dialog)
    plan, problem = read_plan(path, Plan())
    assert problem is None and not dialog.isVisible()
    return plan.entries[0].at


NONE = Qt.KeyboardModifier.NoModifier
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.mark.parametrize("keys", [
    [],  # a click selects it all, as Tab does
    [(Qt.Key.Key_A, CTRL)],  # everything selected by hand
    [(Qt.Key.Key_Home, NONE)],  # the cursor at the start, nothing selected
    [(Qt.Key.Key_End, NONE), (Qt.Key.Key_Backspace, NONE)] * 5,  # emptied first
], ids=["clicked", "select all", "home", "emptied"])
def test_the_time_typed_is_the_time_saved(qtbot: QtBot, tmp_path: Path,
                                          keys: list[tuple[Qt.Key, Qt.KeyboardModifier]]
                                          ) -> None:
    assert _typed_and_saved(qtbot, tmp_path, keys, "07:30") == time(7, 30)


@pytest.mark.parametrize(("typed", "saved"), [
    ("7:30", time(7, 30)), ("0730", time(7, 30)), ("730", time(7, 30)), ("7.05", time(7, 5)),
    ("6", time(6, 0)), ("23:59", time(23, 59)), ("00:00", time(0, 0)),
])
def test_a_time_typed_the_short_way_is_saved_as_meant(qtbot: QtBot, tmp_path: Path,
                                                     typed: str, saved: time) -> None:
    assert _typed_and_saved(qtbot, tmp_path, [], typed) == saved


def test_a_time_reached_by_tab_is_replaced_by_what_is_typed(qtbot: QtBot,
                                                            tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    dialog = _dialog(qtbot, path)
    row = dialog.rows[0]
    row.days[Weekday.SUNDAY].setFocus()
    qtbot.keyClick(row.days[Weekday.SUNDAY], Qt.Key.Key_Tab)
    assert dialog.focusWidget() is row.at
    qtbot.keyClicks(row.at, "06:45")
    qtbot.keyClick(row.at, Qt.Key.Key_Tab)  # leaving it shows the time as it will be saved
    assert row.at.text() == "06:45"
    _save(dialog)
    assert read_plan(path, Plan())[0].entries[0].at == time(6, 45)


def test_up_and_down_step_the_hour_or_the_minute_under_the_cursor(qtbot: QtBot,
                                                                  tmp_path: Path) -> None:
    field = _dialog(qtbot, tmp_path / "plan.txt").rows[0].at
    qtbot.mouseClick(field, Qt.MouseButton.LeftButton)
    qtbot.keyClick(field, Qt.Key.Key_Home)
    for _ in range(7):
        qtbot.keyClick(field, Qt.Key.Key_Up)
    assert field.text() == "01:00"  # round midnight
    qtbot.keyClick(field, Qt.Key.Key_End)
    qtbot.keyClick(field, Qt.Key.Key_Down)
    assert field.text() == "00:59"


@pytest.mark.parametrize("typed", ["25:00", "7:6", "12:75"])
def test_a_time_that_is_no_time_of_day_is_not_saved(qtbot: QtBot, tmp_path: Path,
                                                    typed: str) -> None:
    path = tmp_path / "plan.txt"
    dialog = _dialog(qtbot, path)
    field = dialog.rows[1].at
    _type_time(qtbot, field, typed)
    _save(dialog)
    assert dialog.isVisible() and not path.exists()
    assert "reminder 2" in dialog.error.text() and "not a time of day" in dialog.error.text()
    assert dialog.focusWidget() is field
    field.selectAll()
    qtbot.keyClicks(field, "21:15")
    _save(dialog)
    assert read_plan(path, Plan())[0].entries[1].at == time(21, 15)


def test_letters_cannot_be_typed_into_a_time(qtbot: QtBot, tmp_path: Path) -> None:
    field = _dialog(qtbot, tmp_path / "plan.txt").rows[0].at
    _type_time(qtbot, field, "7pm:30")
    assert field.text() == "7:30"
