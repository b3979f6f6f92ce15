"""The settings dialog: the volume as a number, and a test cue played on request."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from pytestqt.qtbot import QtBot

from hiptimer.ui.prefs.dialog import SettingsDialog
from hiptimer.ui.prefs.settings import AppSettings


def settings_in(folder: Path) -> AppSettings:
    return AppSettings(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))


def test_the_volume_number_follows_the_slider(qtbot: QtBot, data_dir: Path) -> None:
    settings = settings_in(data_dir)
    settings.volume = 70
    dialog = SettingsDialog(settings, lambda: None)
    qtbot.addWidget(dialog)
    assert dialog.volume_text.text() == "70 %"
    dialog.volume.setValue(35)
    assert dialog.volume_text.text() == "35 %"
    dialog.show()
    qtbot.keyClick(dialog.volume, Qt.Key.Key_End)  # as a person moves it
    assert dialog.volume_text.text() == "100 %" and settings_in(data_dir).volume == 100


def test_the_test_cue_button_plays_through_the_callback(qtbot: QtBot, data_dir: Path) -> None:
    played: list[int] = []
    settings = settings_in(data_dir)
    dialog = SettingsDialog(settings, lambda: None, test_cue=lambda: played.append(
        settings.volume))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.test_button.isVisible() and dialog.test_button.isEnabled()
    dialog.volume.setValue(40)
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    assert played == [40]  # the cue is played with the volume just chosen


def test_without_a_test_cue_there_is_no_button(qtbot: QtBot, data_dir: Path) -> None:
    dialog = SettingsDialog(settings_in(data_dir), lambda: None)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.test_button.isHidden()
    dialog.test_button.click()  # even if reached somehow, it does nothing
