"""The settings dialog: the volume as a number, a test cue played on request, and every
change kept through the window's own handling of it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from hiptimer.base.preferences import Settings, read_settings
from hiptimer.cues.names import CueSettings
from hiptimer.ui.prefs.dialog import SettingsDialog
from hiptimer.ui.prefs.preferences import Preferences


def settings_in(folder: Path) -> Settings:
    return read_settings(folder / "settings.ini")[0]


def dialog_for(settings: Settings, reported: list[str] | None = None,
               retuned: list[CueSettings] | None = None) -> SettingsDialog:
    """The dialog as the window opens it: each change handed to the window's preferences."""
    preferences = Preferences(
        settings, retune=(retuned if retuned is not None else []).append,
        restyle=lambda: None, say=lambda text, ms: None,
        report=(reported if reported is not None else []).append)
    return SettingsDialog(settings, preferences.changed)


def test_the_volume_number_follows_the_slider(qtbot: QtBot, data_dir: Path) -> None:
    settings = settings_in(data_dir)
    settings.volume = 70
    dialog = dialog_for(settings)
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


def test_the_dialog_shows_what_was_saved_and_saves_a_switched_off_cue(
        qtbot: QtBot, data_dir: Path) -> None:
    from hiptimer.cues.names import CueGroup

    (data_dir / "settings.ini").write_text(
        "[sound]\nvolume=45\nmuted=true\n\n[cues]\ntempo=false\nreps=true\n\n"
        "[look]\nfont_scale=1.5\n")
    retuned: list[CueSettings] = []
    dialog = dialog_for(settings_in(data_dir), retuned=retuned)
    qtbot.addWidget(dialog)
    assert dialog.volume.value() == 45 and dialog.muted.isChecked()
    assert dialog.font_scale.value() == 1.5
    assert not dialog.cues[CueGroup.TEMPO].isChecked() and dialog.cues[CueGroup.REPS].isChecked()
    dialog.cues[CueGroup.REPS].setChecked(False)
    dialog.cues[CueGroup.TEMPO].setChecked(True)
    assert settings_in(data_dir).cues_off == {"reps"}
    assert retuned[-1].off == {CueGroup.REPS} and retuned[-1].volume == 0  # still muted


def test_a_change_that_cannot_be_saved_is_reported_and_still_applies(
        qtbot: QtBot, data_dir: Path) -> None:
    (data_dir / "settings.ini").mkdir()  # a folder where the file should be
    settings, problem = read_settings(data_dir / "settings.ini")
    assert problem is not None and "folder" in problem
    reported: list[str] = []
    retuned: list[CueSettings] = []
    dialog = dialog_for(settings, reported, retuned)
    qtbot.addWidget(dialog)
    dialog.volume.setValue(30)
    assert retuned[-1].volume == 0.3
    assert reported and reported[-1].startswith("Your settings could not be saved")
