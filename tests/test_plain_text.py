"""Text from a routine, a file name or a problem message is shown as the characters it is.

Qt renders text that looks like HTML as rich text; a routine must not be able to draw a
local image at any size, or show a link, by naming itself in HTML.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from hiptimer.base.preferences import Settings
from hiptimer.history.sessions import COMPLETED
from hiptimer.routine.catalogue import Origin, load_entry
from hiptimer.routine.save import SaveError
from hiptimer.ui.history.view import HistoryView
from hiptimer.ui.library import editor_file as editor_module
from hiptimer.ui.library.editor import RoutineEditor
from hiptimer.ui.library.editor_fields import Key
from hiptimer.ui.prefs.dialog import SettingsDialog

from .support.history import StoreOpener
from .support.window import Harness

HOSTILE = '<img src="/etc/hostname" width=4000> <a href="x">link</a> <b>bold</b>'
NAME = f"{HOSTILE} [*]"  # a window title hides a lone [*]
FILE_NAME = "<img src=x width=4000>.yaml"  # a file name cannot hold a slash
ROUTINE = (f"name: '{NAME}'\ndescription: '{HOSTILE}'\n"
           "defaults: {prepare: 3s, rest: 2s, switch: 2s}\nexercises:\n"
           f"  - name: '{HOSTILE}'\n    description: '{HOSTILE}'\n    hold: 4s\n"
           f"    sets: 2\n    sides: ['<b>left</b>', '{HOSTILE}']\n"
           f"  - name: 'Second {HOSTILE}'\n    reps: 2\n    tempo: 1s\n")
WIDE = 4000  # what the image in HOSTILE would take, were it drawn
REAL_CHOOSE = RoutineEditor.choose


def labels(*widgets: QWidget) -> list[QLabel]:
    found: list[QLabel] = []
    for widget in widgets:
        if isinstance(widget, QLabel):
            found.append(widget)
        found += widget.findChildren(QLabel)
    return found


def assert_plain(*widgets: QWidget) -> None:
    """Every label shows its text as written: no HTML is rendered, no image drawn."""
    shown = labels(*widgets)
    assert shown
    for label in shown:
        assert label.textFormat() == Qt.TextFormat.PlainText, label.text()
        assert label.sizeHint().width() < WIDE, label.text()


def rendered(rich: str) -> str:
    """The characters a person sees for a piece of rich text (a tooltip)."""
    document = QTextDocument()
    document.setHtml(rich)
    return document.toPlainText()


@pytest.fixture
def ui(qtbot: QtBot, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Harness]:
    monkeypatch.setattr(RoutineEditor, "choose", lambda self, q, c: "Discard changes")
    harness = Harness(qtbot, data_dir)
    (harness.user_dir / FILE_NAME).write_text(ROUTINE, encoding="utf-8")
    harness.window.reload_library()
    yield harness
    harness.window.close()


def hostile_path(ui: Harness) -> Path:
    return ui.user_dir / FILE_NAME


def test_the_library_and_the_session_screen_show_routine_text_as_written(ui: Harness) -> None:
    ui.select(Path(FILE_NAME).stem)
    library = ui.window.library
    item = library.list.currentItem()
    assert item.text().startswith(NAME)
    assert rendered(item.toolTip()) == str(hostile_path(ui))
    assert HOSTILE in library.details.toPlainText()
    assert_plain(ui.window)
    ui.key(Qt.Key.Key_Space)
    seen: set[str] = set()
    for _ in range(40):  # every phase: get ready, hold, switch, rest, reps, done
        assert_plain(ui.window)
        seen.add(ui.view.banner.text())
        assert ui.window.windowHandle().title().endswith(f" — {NAME} — hiptimer")
        if ui.view.banner.text() == "HOLD":
            assert ui.view.exercise.text() == HOSTILE
            assert ui.view.description.text() == HOSTILE
        ui.wait(1)
    assert {"GET READY", "HOLD", "SWITCH SIDES", "REST", "REPS", "DONE"} <= seen


def test_a_problem_message_is_shown_as_written(ui: Harness, tmp_path: Path) -> None:
    folder = tmp_path / "<b>folder"
    folder.mkdir()
    path = folder / FILE_NAME
    path.write_text(f"name: x\n'{HOSTILE}': 1\nexercises:\n  - name: a\n    hold: 3s\n")
    ui.window.open_path(path)
    assert not ui.window.problem_bar.isHidden()
    # Messages repeat the start of a long value; that start is shown as typed.
    assert f"unknown key '{HOSTILE[:30]}" in ui.window.problem_label.text()
    assert ui.window.problem_label.text().startswith(FILE_NAME)
    assert_plain(ui.window)


def test_the_editor_shows_routine_text_as_written(ui: Harness, qtbot: QtBot) -> None:
    editor = ui.window.files.edit(load_entry(hostile_path(ui), Origin.USER))
    assert editor is not None
    qtbot.addWidget(editor)
    assert editor.windowHandle().title() == f"{NAME} — routine editor"
    assert editor.list.item(0).text() == HOSTILE
    field = editor.fields[Key.EXERCISE_AMOUNT]
    field.selectAll()
    qtbot.keyClicks(field, "<b>5</b>")
    error = editor.errors[Key.EXERCISE_AMOUNT]
    assert not error.isHidden() and error.text().startswith("'<b>5</b>' is not a duration")
    assert "'<b>5</b>' is not a duration" in editor.problems.text()
    assert_plain(editor)


def test_questions_and_warnings_show_file_names_as_written(
        ui: Harness, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[QMessageBox] = []

    def answer(box: QMessageBox) -> int:
        shown.append(box)
        return 0  # closed without choosing: cancel

    monkeypatch.setattr(QMessageBox, "exec", answer)
    hostile_path(ui).chmod(0o444)
    editor = ui.window.files.edit(load_entry(hostile_path(ui), Origin.USER))
    assert editor is not None
    qtbot.addWidget(editor)
    monkeypatch.setattr(RoutineEditor, "choose", REAL_CHOOSE)
    editor.fields[Key.EXERCISE_AMOUNT].setText("5s")
    editor.fields[Key.EXERCISE_AMOUNT].textEdited.emit("5s")
    assert not editor.save()  # read-only: a copy is offered, and declined
    hostile_path(ui).chmod(0o644)

    def fails(path: Path, text: str) -> None:
        raise SaveError(f"could not save {path}: No space left on device")

    monkeypatch.setattr(editor_module, "save_text", fails)
    assert not editor.save()
    assert len(shown) == 2
    for box in shown:
        assert box.textFormat() == Qt.TextFormat.PlainText
        assert FILE_NAME in box.text()
        assert all(label.sizeHint().width() < WIDE for label in labels(box))
    editor.saved_draft = editor.draft


def test_the_history_and_settings_show_routine_names_as_written(
        ui: Harness, qtbot: QtBot, data_dir: Path, open_store: StoreOpener) -> None:
    store = open_store(data_dir / "history.sqlite")
    when = datetime(2026, 11, 25, 15, 0, tzinfo=UTC)
    session = store.start(HOSTILE, None, "abc", 60, when)
    store.add_work(session, HOSTILE, "<b>left</b>", 1, 1, 30)
    store.finish(session, COMPLETED, when)
    settings = Settings(path=data_dir / "settings.ini")
    view = HistoryView(store, settings, now=when)
    qtbot.addWidget(view)
    assert view.sessions.model().index(0, 1).data() == HOSTILE
    dialog = SettingsDialog(settings, lambda: None, ui.window)
    qtbot.addWidget(dialog)
    assert_plain(view, dialog)
