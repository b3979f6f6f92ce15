"""The settings dialog: the volume as a number, a test cue played on request (saying each
time when it cannot be heard, and why), and every change kept through the window's own
handling of it."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from hiptimer.base.preferences import Settings, read_settings
from hiptimer.cues.names import CueSettings
from hiptimer.cues.player import SoundTrouble
from hiptimer.practice import Assembler, cue_settings
from hiptimer.session.clock import FakeClock
from hiptimer.ui.prefs.dialog import SettingsDialog, TestCue
from hiptimer.ui.prefs.preferences import Preferences

FAKE_AUDIO = Path(__file__).parent / "fake_audio"


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


def shown_with(qtbot: QtBot, settings: Settings, test_cue: TestCue) -> SettingsDialog:
    dialog = SettingsDialog(settings, lambda: None, test_cue=test_cue)
    qtbot.addWidget(dialog)
    with qtbot.waitActive(dialog):
        dialog.show()
        dialog.activateWindow()
    return dialog


def press_test(qtbot: QtBot, dialog: SettingsDialog) -> str:
    """Press "Play a test cue"; what is said under it at once."""
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    assert dialog.hearing.isVisible()
    return dialog.hearing.text()


def known(trouble: SoundTrouble | None) -> Callable[[], SoundTrouble | None]:
    """A test cue whose sound already knows ``trouble`` when asked."""
    return lambda: trouble


def test_a_muted_or_silent_test_cue_says_so_each_time_it_is_pressed(
        qtbot: QtBot, data_dir: Path) -> None:
    settings = settings_in(data_dir)
    settings.volume, settings.muted = 60, True
    played: list[int] = []

    def test_cue() -> Callable[[], SoundTrouble | None]:
        played.append(settings.volume)
        return known(None)

    dialog = shown_with(qtbot, settings, test_cue)
    assert dialog.hearing.isHidden()  # nothing said before the button is pressed
    for _ in range(2):
        assert press_test(qtbot, dialog).startswith("Nothing was heard: sound is muted.")
    dialog.muted.setFocus()
    qtbot.keyClick(dialog.muted, Qt.Key.Key_Space)  # unticked: what was said is gone
    assert not settings.muted and dialog.hearing.isHidden()
    assert press_test(qtbot, dialog).startswith("Played at 60 %.")
    dialog.volume.setFocus()
    qtbot.keyClick(dialog.volume, Qt.Key.Key_Home)
    assert dialog.hearing.isHidden()
    assert press_test(qtbot, dialog).startswith("Nothing was heard: the volume is at 0 %.")
    assert played == [60, 60, 60, 0]  # played each time, whatever it is said


@pytest.mark.parametrize(("trouble", "words"), [
    (SoundTrouble.NO_DEVICE, "no working sound device was found"),
    (SoundTrouble.NO_LIBRARY, "a part of hiptimer that plays sound is missing"),
    (SoundTrouble.CANNOT_START, "sound player could not be started"),
    (SoundTrouble.PLAYER_DIED, "sound player stopped"),
])
def test_a_test_cue_that_cannot_be_heard_says_why_each_time(
        qtbot: QtBot, data_dir: Path, trouble: SoundTrouble, words: str) -> None:
    dialog = shown_with(qtbot, settings_in(data_dir), lambda: known(trouble))
    for _ in range(3):
        assert words in press_test(qtbot, dialog)


@pytest.fixture
def broken_device(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Player processes use the stand-in sound library, whose device is missing while the
    file returned exists."""
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(
        filter(None, [str(FAKE_AUDIO), os.environ.get("PYTHONPATH")])))
    monkeypatch.setenv("HIPTIMER_SOUND_LIBRARY", "simpleaudio")  # the stand-in's name
    monkeypatch.setenv("FAKE_AUDIO_LOG", str(tmp_path / "played.log"))
    broken = tmp_path / "broken"
    broken.touch()
    monkeypatch.setenv("FAKE_AUDIO_BROKEN", str(broken))
    yield broken


def test_with_no_sound_device_the_dialog_says_so_each_time(
        qtbot: QtBot, data_dir: Path, broken_device: Path) -> None:
    from hiptimer.cues.player import ProcessSink

    reported: list[str] = []
    settings = settings_in(data_dir)
    sink = ProcessSink(reported.append)
    try:
        assembler = Assembler(FakeClock(), sink, lambda: cue_settings(settings),
                              reported.append, data=data_dir)
        dialog = shown_with(qtbot, settings, assembler.test_cue)
        for _ in range(3):  # the window's problem bar says it once; the dialog every time
            press_test(qtbot, dialog)
            qtbot.waitUntil(lambda: "no working sound device" in dialog.hearing.text(),
                            timeout=10_000)
        broken_device.unlink()  # headphones plugged in
        press_test(qtbot, dialog)
        qtbot.waitUntil(lambda: dialog.hearing.text().startswith("Played at"), timeout=10_000)
        # The missing device, and sound working again: each said once, in the window.
        qtbot.waitUntil(lambda: len(reported) == 2, timeout=10_000)
    finally:
        sink.close()


def test_when_the_player_dies_the_dialog_says_so(qtbot: QtBot, data_dir: Path,
                                                 broken_device: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from hiptimer.cues.player import ProcessSink

    broken_device.unlink()
    monkeypatch.setenv("FAKE_AUDIO_CRASH_AT", "1")
    settings = settings_in(data_dir)
    sink = ProcessSink(lambda problem: None, clock=lambda: 0.0)  # never started again
    try:
        assembler = Assembler(FakeClock(), sink, lambda: cue_settings(settings),
                              lambda problem: None, data=data_dir)
        dialog = shown_with(qtbot, settings, assembler.test_cue)
        press_test(qtbot, dialog)
        qtbot.waitUntil(lambda: "sound player stopped" in dialog.hearing.text(),
                        timeout=10_000)
    finally:
        sink.close()
