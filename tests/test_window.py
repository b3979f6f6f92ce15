"""The window driven as a person would: keys and clicks, with a fake clock instead of waiting."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hiptimer.base.preferences import Theme, read_settings
from hiptimer.practice import cue_settings
from hiptimer.session.state import State

from .support.history import StoreOpener
from .support.window import SHORT, Harness


@pytest.fixture
def ui(qtbot: QtBot, data_dir: Path) -> Iterator[Harness]:
    harness = Harness(qtbot, data_dir)
    yield harness
    harness.window.close()


def test_the_library_lists_the_built_ins(ui: Harness) -> None:
    texts = [ui.window.library.list.item(r).text()
             for r in range(ui.window.library.list.count())]
    assert any(t.startswith("Hip internal rotation - daily 10 minutes\n") for t in texts)
    ui.qtbot.keyClicks(ui.window.library.filter, "strength")
    visible = [ui.window.library.list.item(r) for r in range(ui.window.library.list.count())
               if not ui.window.library.list.item(r).isHidden()]
    assert [i.text().splitlines()[0] for i in visible] == ["Hip internal rotation - strength"]


def test_selecting_a_routine_shows_its_plan(ui: Harness) -> None:
    ui.select("daily-short")
    text = ui.window.library.details.toPlainText()
    assert text.startswith("Total: 10m05s") and "Supine hip rotations" in text


HOLDS = ("name: Holds first\ndefaults: {prepare: 10s, rest: 15s, switch: 10s}\nexercises:\n"
         "  - name: 90/90 stretch\n    description: Turn your chest to the back foot.\n"
         "    hold: 30s\n    sets: 2\n    sides: [left leg back, right leg back]\n")


def choose(ui: Harness, tmp_path: Path, text: str = HOLDS) -> None:
    """Show a routine of the test's own in the library, selected, as Ctrl+O does."""
    path = tmp_path / "holds.yaml"
    path.write_text(text, encoding="utf-8")
    ui.window.open_path(path)


def test_enter_starts_space_pauses_and_the_clock_drives_the_screen(ui: Harness,
                                                                    tmp_path: Path) -> None:
    choose(ui, tmp_path)
    ui.qtbot.keyClick(ui.window.library.list, Qt.Key.Key_Return)
    assert ui.view.banner.text() == "GET READY"
    assert ui.view.countdown.text() == "10"
    assert ui.view.exercise.text() == "90/90 stretch"
    assert ui.inhibitor.active
    ui.wait(3.2)
    assert ui.view.countdown.text() == "7"
    assert ui.window.windowTitle().startswith("GET READY 7 — ")
    ui.key(Qt.Key.Key_Space)
    assert ui.view.veil.isVisible() and not ui.inhibitor.is_active()
    assert ui.window.windowTitle().startswith("PAUSED")
    ui.wait(100)
    assert ui.view.countdown.text() == "7"  # nothing moves while paused
    ui.key(Qt.Key.Key_Space)
    ui.wait(6.8)
    assert ui.view.banner.text() == "HOLD"
    assert ui.view.countdown.text() == "30"
    assert "Left leg back" in ui.view.details.text()
    assert "Set 1 of 2" in ui.view.details.text()
    assert "Turn your chest" in ui.view.description.text()
    # The coming side is left out where the whole line would be smaller than the floor
    # needs, as in this small test window.
    assert ui.view.next_up.text() in ("Next: Switch sides 10s, right leg back",
                                      "Next: Switch sides 10s")


def test_next_and_previous_keys(ui: Harness, tmp_path: Path) -> None:
    choose(ui, tmp_path)
    ui.key(Qt.Key.Key_Space)  # starts the selected routine
    ui.key(Qt.Key.Key_Right)
    assert ui.view.banner.text() == "HOLD"
    ui.key(Qt.Key.Key_PageDown)
    assert ui.view.banner.text() == "SWITCH SIDES"
    ui.key(Qt.Key.Key_Left)
    assert ui.view.banner.text() == "HOLD"
    ui.wait(5)
    ui.key(Qt.Key.Key_P)  # 5 s in: restarts the hold
    assert ui.view.banner.text() == "HOLD" and ui.view.countdown.text() == "30"
    ui.key(Qt.Key.Key_Minus)  # the running session's cues follow the new volume
    cues = ui.window.session.driver.practice.cues if ui.window.session.driver else None
    assert cues is not None and cues.bank.settings.volume == 0.7
    ui.key(Qt.Key.Key_MediaNext)
    assert ui.view.banner.text() == "SWITCH SIDES"


def test_esc_stops_at_once_early_and_asks_on_the_screen_after_a_minute(ui: Harness) -> None:
    ui.select("daily-short")
    ui.key(Qt.Key.Key_Space)
    ui.wait(70)
    ui.key(Qt.Key.Key_Escape)  # asked on the screen: paused, and the veil says what to press
    assert ui.state() is State.PAUSED and ui.view.veil.isVisible()
    assert ui.view.veil.hint() == "Esc again ends the session  ·  Space resumes"
    assert QApplication.activeModalWidget() is None
    ui.key(Qt.Key.Key_Space)  # resumes: a key that resumes never ends anything
    assert ui.state() is State.RUNNING and ui.view.veil.hint() == "Space resumes"
    ui.key(Qt.Key.Key_Escape)
    ui.key(Qt.Key.Key_Escape)  # again: ends it
    assert ui.state() is State.STOPPED
    assert ui.view.banner.text() == "STOPPED" and not ui.inhibitor.is_active()
    ui.key(Qt.Key.Key_Space)  # begins again
    assert ui.view.banner.text() == "GET READY"
    ui.wait(5)
    ui.key(Qt.Key.Key_Escape)  # only 5 s in: no question
    assert ui.state() is State.STOPPED


def test_esc_while_paused_past_a_minute_asks_too(ui: Harness) -> None:
    ui.select("daily-short")
    ui.key(Qt.Key.Key_Space)
    ui.wait(70)
    ui.key(Qt.Key.Key_Space)  # paused by hand
    ui.key(Qt.Key.Key_Escape)
    assert ui.state() is State.PAUSED
    assert ui.view.veil.hint().startswith("Esc again ends")
    ui.key(Qt.Key.Key_Escape)
    assert ui.state() is State.STOPPED


def test_a_routine_runs_to_done_with_its_cues(ui: Harness, tmp_path: Path) -> None:
    path = tmp_path / "tiny.yaml"
    path.write_text(SHORT)
    ui.window.open_path(path, start=True)
    assert ui.view.banner.text() == "GET READY"
    ui.wait(3)
    assert ui.view.banner.text() == "HOLD" and ui.view.countdown.text() == "4"
    assert ui.view.description.text() == "Knees wide, sink back."
    ui.wait(6)
    assert ui.view.banner.text() == "HOLD"
    ui.wait(10)
    assert ui.view.banner.text() == "DONE" and ui.view.routine_bar.value() == 1000
    assert not ui.inhibitor.active
    assert len(ui.sink.played) >= 8  # get ready, work, pips, rest, finished ...


def test_a_broken_routine_file_is_explained_in_the_window(ui: Harness, tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("name: Broken\nexercises:\n  - name: Frog\n    hold: -30s\n")
    ui.window.open_path(path, start=True)
    assert ui.window.session.driver is None
    assert not ui.window.problem_bar.isHidden()
    text = ui.window.problem_label.text()
    assert "broken.yaml does not load" in text
    assert f"{path}:4:11: error: hold: duration '-30s' is negative" in text
    assert "does not load" in ui.window.library.details.toPlainText()


def test_sound_problems_appear_in_the_window(ui: Harness) -> None:
    ui.window.report("no sound: device gone")
    ui.window.report("no sound: device gone")
    assert ui.window.problem_label.text() == "no sound: device gone"


def test_settings_keys_persist(ui: Harness) -> None:
    ui.key(Qt.Key.Key_M)
    ui.key(Qt.Key.Key_Minus)
    ui.key(Qt.Key.Key_Minus)
    again, _ = read_settings(ui.settings_file)
    assert again.volume == 60 and not again.muted  # changing the volume unmutes
    ui.key(Qt.Key.Key_M)
    again, _ = read_settings(ui.settings_file)
    assert again.muted and cue_settings(again).volume == 0


def test_a_new_routine_file_appears_in_the_library(ui: Harness) -> None:
    (ui.user_dir / "mine.yaml").write_text(SHORT)
    ui.qtbot.waitUntil(lambda: any(
        ui.window.library.list.item(r).text().startswith("Tiny  (yours)")
        for r in range(ui.window.library.list.count())), timeout=5000)


def test_fullscreen_hides_everything_but_the_session(ui: Harness) -> None:
    ui.key(Qt.Key.Key_F11)
    assert ui.window.isFullScreen() and ui.window.library.isHidden()
    ui.key(Qt.Key.Key_F)
    assert not ui.window.isFullScreen() and not ui.window.library.isHidden()


def test_the_app_has_one_palette_per_theme(ui: Harness) -> None:
    ui.settings.theme = Theme.DARK
    ui.window.apply_settings()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert app.palette().window().color().lightness() < 60


def test_the_settings_dialog_applies_and_keeps_each_change(ui: Harness) -> None:
    from hiptimer.cues.names import CueGroup
    from hiptimer.ui.prefs.dialog import SettingsDialog

    changes: list[int] = []

    def changed() -> None:  # the window's own handling, counted
        changes.append(1)
        ui.window.preferences.changed()

    dialog = SettingsDialog(ui.settings, changed, ui.window)
    ui.qtbot.addWidget(dialog)
    dialog.volume.setValue(35)
    dialog.voice.setChecked(True)
    dialog.cues[CueGroup.TEMPO].setChecked(False)
    dialog.theme.setCurrentIndex(2)
    dialog.font_scale.setValue(1.5)
    assert len(changes) == 5
    again, _ = read_settings(ui.settings_file)
    assert (again.volume, again.voice, again.theme, again.font_scale) == (35, True, "dark", 1.5)
    assert CueGroup.TEMPO in cue_settings(again).off


def test_dropping_a_routine_file_opens_it(ui: Harness, tmp_path: Path) -> None:
    from PySide6.QtCore import QMimeData, QPointF, QUrl
    from PySide6.QtGui import QDropEvent

    path = tmp_path / "dropped.yaml"
    path.write_text(SHORT)
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    drop = QDropEvent(QPointF(100, 100), Qt.DropAction.CopyAction, data,
                      Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    ui.window.dropEvent(drop)
    assert ui.window.library.selected_path() == path.resolve()
    assert "Tiny" in ui.window.library.details.toPlainText()


def test_a_routine_opened_from_the_command_line_starts(ui: Harness, tmp_path: Path) -> None:
    path = tmp_path / "tiny.yaml"
    path.write_text(SHORT)
    ui.window.open_path(path, start=False)
    assert ui.window.session.driver is None and ui.window.library.selected_path() == path.resolve()
    ui.key(Qt.Key.Key_Space)
    assert ui.view.banner.text() == "GET READY" and ui.view.exercise.text() == "Frog stretch"


def test_the_title_follows_the_screen_to_the_end(ui: Harness, tmp_path: Path) -> None:
    path = tmp_path / "tiny.yaml"
    path.write_text(SHORT)
    ui.window.open_path(path, start=True)
    assert ui.window.windowTitle() == "GET READY 3 — Tiny — hiptimer"
    ui.wait(3)
    assert ui.window.windowTitle() == "HOLD 4 — Tiny — hiptimer"
    assert ui.view.banner.text() == "HOLD" and ui.view.countdown.text() == "4"
    ui.wait(100)
    assert ui.view.banner.text() == "DONE"
    assert ui.window.windowTitle() == "DONE — Tiny — hiptimer"


def test_plus_typed_with_shift_turns_the_sound_up(ui: Harness) -> None:
    ui.settings.volume = 50
    ui.qtbot.keyClick(ui.window.view, Qt.Key.Key_Plus, Qt.KeyboardModifier.ShiftModifier)
    assert ui.settings.volume == 60
    ui.qtbot.keyClick(ui.window.view, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    assert ui.window.session.driver is None  # Alt+N is not "next"


def test_the_menus_name_the_keys_that_work() -> None:
    from hiptimer.base.keys import Command
    from hiptimer.ui.common.keys import menu_text

    assert menu_text(Command.NEXT) == "Next   (Right, PageDown, N)"
    assert menu_text(Command.STOP) == "Stop   (Esc)"


def test_muting_reaches_the_status_the_screen_shows(ui: Harness) -> None:
    ui.select("daily-short")
    ui.key(Qt.Key.Key_Space)
    assert ui.view.status is not None and not ui.view.status.muted
    ui.key(Qt.Key.Key_M)
    assert ui.view.status is not None and ui.view.status.muted


def test_a_session_takes_the_screen_and_l_brings_the_library_back(ui: Harness) -> None:
    ui.window.show()
    ui.select("daily-short")
    assert ui.window.library.isVisible()
    ui.qtbot.keyClick(ui.window.library.list, Qt.Key.Key_Return)
    assert not ui.window.library.isVisible()
    ui.key(Qt.Key.Key_L)
    assert ui.window.library.isVisible()
    ui.key(Qt.Key.Key_L)
    assert not ui.window.library.isVisible()


def test_the_window_opens_no_larger_than_its_screen(ui: Harness) -> None:
    room = ui.window.screen().availableGeometry()
    assert ui.window.width() <= room.width() and ui.window.height() <= room.height()


def test_the_end_shows_what_the_session_came_to(ui: Harness, data_dir: Path,
                                               open_store: StoreOpener) -> None:
    ui.store = open_store(data_dir / "history.sqlite")
    ui.select("daily-short")
    ui.qtbot.keyClick(ui.window.library.list, Qt.Key.Key_Return)
    ui.wait(10_000)
    assert ui.view.banner.text() == "DONE" and ui.view.countdown.text() == "✓"
    summary = ui.view.description.text()
    assert summary.startswith("Finished: all") and "\nWork 7:30 · Session 10:05\n" in summary
    assert "This week: 1 of 2 sessions" in summary, summary


def test_settings_play_a_test_cue_at_the_volume_set(ui: Harness,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from hiptimer.ui.prefs.dialog import SettingsDialog

    shown: list[SettingsDialog] = []

    def exec_(dialog: SettingsDialog) -> int:
        shown.append(dialog)
        return 0

    monkeypatch.setattr(SettingsDialog, "exec", exec_)
    ui.window.preferences.open_dialog(ui.window)
    assert shown and shown[0].test_button.isVisibleTo(shown[0])
    shown[0].test_button.click()
    assert len(ui.sink.played) == 1
