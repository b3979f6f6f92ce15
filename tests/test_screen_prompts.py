"""Nothing interrupts a session: what the screen asks is asked on the screen, answered with
the session's own keys, and no window ever opens over it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from hiptimer.base.preferences import read_settings
from hiptimer.session.state import State
from hiptimer.ui.window.app import taking_hand_overs
from hiptimer.ui.window.screen_prompts import Asking

from .support.window import SHORT, Harness


@pytest.fixture
def ui(qtbot: QtBot, data_dir: Path) -> Iterator[Harness]:
    harness = Harness(qtbot, data_dir)
    yield harness
    harness.window.close()


@pytest.fixture
def new_user(qtbot: QtBot, data_dir: Path) -> Iterator[Harness]:
    harness = Harness(qtbot, data_dir, first_start=True)
    yield harness
    harness.window.close()


def assert_nothing_over(ui: Harness) -> None:
    assert ui.windows_over() == []
    assert QApplication.activeModalWidget() is None
    focus = QApplication.focusWidget()
    assert focus is None or focus.window() is ui.window


def test_a_first_session_waits_for_the_safety_note_read_on_the_screen(
        new_user: Harness) -> None:
    ui = new_user
    ui.select("daily-short")
    ui.qtbot.keyClick(ui.window.library.list, Qt.Key.Key_Return)
    card = ui.window.prompts.card
    assert card.isVisible() and card.title == "Before you start"
    assert ui.state() is None  # nothing runs under the note
    assert_nothing_over(ui)
    assert "Space, Return or the clicker: start" in card.keys
    ui.key(Qt.Key.Key_Right)  # an arrow is not an answer, and steps nothing
    ui.key(Qt.Key.Key_PageDown)  # the clicker says yes
    assert not card.isVisible() and ui.state() is State.RUNNING
    assert read_settings(ui.settings_file)[0].safety_note_seen
    ui.key(Qt.Key.Key_Escape)
    ui.select("hip-mobility")
    ui.key(Qt.Key.Key_Space)  # a later start asks nothing
    assert not card.isVisible() and ui.state() is State.RUNNING


@pytest.mark.parametrize("answer", [Qt.Key.Key_Return, Qt.Key.Key_Space,
                                    Qt.Key.Key_MediaPlay])
def test_the_safety_note_is_confirmed_with_any_start_key(new_user: Harness,
                                                         answer: Qt.Key) -> None:
    ui = new_user
    ui.select("daily-short")
    ui.window.toggle()  # as the headset's play does, with no session yet
    assert ui.window.prompts.asking is Asking.SAFETY and ui.state() is None
    ui.key(answer)
    assert ui.state() is State.RUNNING


def test_the_headsets_play_confirms_the_safety_note(new_user: Harness) -> None:
    ui = new_user
    ui.select("daily-short")
    ui.window.toggle()
    ui.window.toggle()  # the media player's PlayPause calls the window's toggle
    assert ui.state() is State.RUNNING


def test_esc_sets_the_safety_note_aside_and_it_comes_again(new_user: Harness) -> None:
    ui = new_user
    ui.select("daily-short")
    ui.key(Qt.Key.Key_Space)
    ui.key(Qt.Key.Key_Escape)
    assert not ui.window.prompts.card.isVisible() and ui.state() is None
    assert not read_settings(ui.settings_file)[0].safety_note_seen
    ui.key(Qt.Key.Key_Space)
    assert ui.window.prompts.asking is Asking.SAFETY


def test_a_routine_started_from_outside_waits_for_the_note_too(new_user: Harness,
                                                               tmp_path: Path) -> None:
    ui = new_user
    path = tmp_path / "tiny.yaml"
    path.write_text(SHORT)
    taking_hand_overs(ui.window)(path, True)  # 'hiptimer tiny.yaml --start', a reminder
    assert ui.window.prompts.asking is Asking.SAFETY and ui.state() is None
    assert_nothing_over(ui)
    ui.key(Qt.Key.Key_Return)
    assert ui.state() is State.RUNNING and ui.view.exercise.text() == "Frog stretch"


def test_f1_and_question_mark_show_the_keys_on_the_screen(ui: Harness) -> None:
    ui.select("daily-short")
    ui.key(Qt.Key.Key_Space)
    ui.qtbot.keyClick(ui.window.view, Qt.Key.Key_F1)
    card = ui.window.prompts.card
    assert card.isVisible() and card.title == "Keys"
    text = "\n".join(card.paragraphs)
    for line in ("Space:  Start / pause", "Right, PageDown, N:  Next", "Esc:  Stop",
                 "F11, F:  Full screen", "F1, ?:  Keys", "Ctrl+H:  History and progress",
                 "Ctrl+O:  Open routine"):
        assert line in text
    assert_nothing_over(ui)
    ui.key(Qt.Key.Key_Escape)  # closes the card: it does not stop the session
    assert not card.isVisible() and ui.state() is State.RUNNING
    ui.qtbot.keyClick(ui.window.view, Qt.Key.Key_Question, Qt.KeyboardModifier.ShiftModifier)
    assert card.isVisible()
    ui.key(Qt.Key.Key_Space)  # closes it, and pauses as Space always does
    assert not card.isVisible() and ui.state() is State.PAUSED


def test_the_help_menu_shows_the_note_and_the_keys_on_the_screen(ui: Harness) -> None:
    texts = {action.text(): action for menu in ui.window.menuBar().findChildren(QMenu)
             for action in menu.actions()}
    texts["&Safety note"].trigger()
    assert ui.window.prompts.card.title == "Before you start"
    assert_nothing_over(ui)
    texts["&Keys   (F1, ?)"].trigger()
    assert ui.window.prompts.card.title == "Keys"


def test_a_new_volume_shows_on_the_screen_for_a_moment(ui: Harness) -> None:
    ui.settings.volume = 50
    ui.select("daily-short")
    ui.key(Qt.Key.Key_Space)
    note = ui.window.prompts.note
    ui.key(Qt.Key.Key_Minus)
    assert note.isVisible() and note.text == "Volume 40 %"
    ui.key(Qt.Key.Key_M)
    assert note.text == "Sound off"
    note.timer.timeout.emit()  # its moment is over
    assert not note.isVisible()


def test_full_screen_is_remembered_and_every_shortcut_works_in_it(
        ui: Harness, qtbot: QtBot, data_dir: Path) -> None:
    ui.key(Qt.Key.Key_F11)
    assert ui.window.isFullScreen() and not ui.window.menuBar().isVisible()
    assert read_settings(ui.settings_file)[0].full_screen
    opened: list[bool] = []
    ui.window.open_history = lambda: opened.append(True)
    history = next(a for a in ui.window.actions() if a.text().startswith("&History"))
    history.triggered.disconnect()
    history.triggered.connect(ui.window.open_history)
    qtbot.keyClick(ui.window.view, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    assert opened == [True]
    shortcuts = {a.shortcut().toString() for a in ui.window.actions()}
    assert {"Ctrl+H", "Ctrl+O", "Ctrl+N"} <= shortcuts
    ui.window.close()
    (data_dir / "again").mkdir()
    again = Harness(qtbot, data_dir / "again")
    again.settings.full_screen = True
    again.window.show_as_left()
    assert again.window.isFullScreen()
    again.window.close()


def test_a_hand_over_never_ends_the_session_under_way(ui: Harness, tmp_path: Path) -> None:
    ui.select("daily-short")
    ui.key(Qt.Key.Key_Space)
    ui.wait(90)
    path = tmp_path / "tiny.yaml"
    path.write_text(SHORT)
    taking_hand_overs(ui.window)(path, True)  # a reminder's Start, a second launch
    assert ui.state() is State.RUNNING and ui.view.exercise.text() != "Frog stretch"
    assert ui.window.prompts.note.text == "tiny is ready in the library; this session goes on"
    assert ui.window.library.selected_path() == path.resolve()
    assert_nothing_over(ui)


def test_nothing_opens_over_a_session_whatever_happens_around_it(ui: Harness,
                                                                 tmp_path: Path) -> None:
    """The sound failing, the routine's file changing on disk, a later start and the stop
    question, each while a session is on screen: running, paused and stopped."""
    path = tmp_path / "tiny.yaml"
    path.write_text(SHORT)
    ui.window.open_path(path, start=True)
    for state in (State.RUNNING, State.PAUSED, State.STOPPED):
        if state is State.PAUSED:
            ui.key(Qt.Key.Key_Space)
        if state is State.STOPPED:
            ui.key(Qt.Key.Key_Escape)
        assert ui.state() is state
        ui.window.report("No sound device was found: the session goes on without sound")
        path.write_text(SHORT.replace("Frog stretch", "Frog stretch, wider"))
        ui.window.watch.reload()
        taking_hand_overs(ui.window)(path, True)
        taking_hand_overs(ui.window)(None, False)
        assert_nothing_over(ui)
        assert ui.view.banner.text() != "" and ui.view.status is not None


def test_another_routine_chosen_after_a_session_clears_the_old_screen(ui: Harness) -> None:
    ui.select("daily-short")
    ui.key(Qt.Key.Key_Space)
    ui.key(Qt.Key.Key_Escape)
    assert ui.view.banner.text() == "STOPPED"
    ui.window.library.show()
    ui.select("hip-mobility")
    assert ui.view.banner.text() != "STOPPED"
    assert ui.view.status is None
    # The screen says what Space starts now, also in full screen with the library hidden.
    assert ui.view.exercise.text() == "Hip internal rotation - mobility"
    assert ui.view.details.text().startswith("Space or Enter starts it")
    assert ui.window.windowTitle() == "hiptimer"
    ui.key(Qt.Key.Key_Space)  # starts the one chosen, not the old one again
    assert "mobility" in str(getattr(ui.view.status, "routine", "")).lower()


def test_the_library_opens_with_the_routine_used_last(qtbot: QtBot, data_dir: Path) -> None:
    first = Harness(qtbot, data_dir)
    chosen = first.window.library.selected_path()
    assert chosen is not None and chosen.stem == "daily-short"  # the first time
    first.select("hip-mobility")
    first.key(Qt.Key.Key_Space)
    first.window.close()
    settings = read_settings(first.settings_file)[0]
    again = Harness(qtbot, data_dir)
    again.settings.last_routine = settings.last_routine
    again.window._select_last_routine()
    chosen = again.window.library.selected_path()
    assert chosen is not None and chosen.stem == "hip-mobility"
    again.window.close()
