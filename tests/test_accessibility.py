"""What a screen reader finds: every control named, and the session screen said in words.

The window's widgets are read through Qt's accessibility tree, as a screen reader reads
them (through AT-SPI on Linux): each interface's role, name and description.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAccessibleInterface
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from hiptimer.base.preferences import Settings
from hiptimer.routine.draft import draft_from_routine
from hiptimer.routine.parse import load_routine
from hiptimer.session.readout import spoken_seconds
from hiptimer.session.state import State
from hiptimer.ui.history.view import HistoryView
from hiptimer.ui.library.editor import RoutineEditor
from hiptimer.ui.library.editor_fields import Key
from hiptimer.ui.prefs.dialog import SettingsDialog

from .support.history import StoreOpener
from .support.window import Harness

Role = QAccessible.Role
CONTROLS = frozenset({
    Role.Button, Role.CheckBox, Role.RadioButton, Role.ComboBox, Role.EditableText,
    Role.List, Role.Table, Role.Tree, Role.Slider, Role.SpinBox, Role.Dial, Role.PageTab,
    Role.PageTabList, Role.ButtonMenu, Role.ButtonDropDown, Role.HotkeyField,
})
"""Roles a person acts on: each must say what it is."""


def interface(widget: QWidget) -> QAccessibleInterface:
    found = QAccessible.queryAccessibleInterface(widget)
    assert found is not None and found.isValid()
    return found


def nodes(root: QAccessibleInterface) -> Iterator[QAccessibleInterface]:
    """``root`` and everything under it, depth first, as a screen reader walks it."""
    yield root
    for index in range(root.childCount()):
        child = root.child(index)
        if child is not None and child.isValid():
            yield from nodes(child)


def name(node: QAccessibleInterface) -> str:
    return node.text(QAccessible.Text.Name)


def description(node: QAccessibleInterface) -> str:
    return node.text(QAccessible.Text.Description)


def labels(node: QAccessibleInterface) -> list[str]:
    """The texts of what labels ``node`` (a form's label, its buddy)."""
    return [name(label) for label, _ in node.relations(QAccessible.RelationFlag.Label)]


def called(node: QAccessibleInterface) -> str:
    """What a reader calls a control: its label where it has one, else its name (on Linux
    a combo box's name is its current text, and its label says what it is)."""
    return next(iter(labels(node)), "") or name(node)


def unnamed_controls(widget: QWidget) -> list[str]:
    """Every control under ``widget`` with no accessible name, described to find it."""
    return [f"{node.role().name} {type(node.object()).__name__} "
            f"{node.object().objectName() if node.object() else ''}"
            for node in nodes(interface(widget))
            if node.role() in CONTROLS and not called(node).strip()]


def tree(widget: QWidget) -> str:
    """The tree as text: what a person checking it by eye reads (shown when a test fails)."""
    lines = []

    def walk(node: QAccessibleInterface, depth: int) -> None:
        lines.append(f"{'  ' * depth}{node.role().name} {name(node)!r} {description(node)!r}")
        for index in range(node.childCount()):
            child = node.child(index)
            if child is not None and child.isValid():
                walk(child, depth + 1)

    walk(interface(widget), 0)
    return "\n".join(lines)


def screen_node(ui: Harness) -> QAccessibleInterface:
    return interface(ui.window.view)


PIGEON = ("name: Hips\ndefaults: {prepare: 10s, rest: 5s}\nexercises:\n"
          "  - name: Pigeon\n    hold: 30s\n    sets: 2\n    sides: both\n")


def start(ui: Harness, tmp_path: Path, text: str = PIGEON) -> None:
    """Open a routine of the test's own and start it, as Ctrl+O and Space would."""
    path = tmp_path / "routine.yaml"
    path.write_text(text, encoding="utf-8")
    ui.window.open_path(path, start=True)


def test_every_control_of_the_window_has_a_name(ui: Harness) -> None:
    ui.window.report("No sound device was found.")
    assert not unnamed_controls(ui.window), tree(ui.window)


def test_the_session_screen_says_phase_exercise_side_set_and_time_left(ui: Harness,
                                                                       tmp_path: Path) -> None:
    screen = screen_node(ui)
    assert name(screen) == "Session"
    assert description(screen) == ("Hip internal rotation - daily 10 minutes. "
                                   "Space or Enter starts it. L shows the library.")
    start(ui, tmp_path)
    ui.wait(3.2)
    assert description(screen) == "Get ready: Pigeon, left side, set 1 of 2. 7 seconds left."
    ui.wait(7 + 12.5)
    said = description(screen)
    assert said == "Hold: Pigeon, left side, set 1 of 2. 18 seconds left."
    assert ui.view.countdown.text() == "18"  # what the figure shows
    ui.key(Qt.Key.Key_Space)
    assert ui.state() is State.PAUSED
    assert description(screen) == "Paused. Hold: Pigeon, left side, set 1 of 2. 18 seconds left."


def test_the_screen_says_a_clock_in_words_and_the_rep_under_way(ui: Harness,
                                                               tmp_path: Path) -> None:
    path = tmp_path / "reps.yaml"
    path.write_text("name: Reps\ndefaults: {prepare: 65s}\nexercises:\n"
                    "  - name: Clamshells\n    reps: 8\n    tempo: 2-1-2\n    sides: both\n",
                    encoding="utf-8")
    ui.window.open_path(path, start=True)
    screen = screen_node(ui)
    assert description(screen) == "Get ready: Clamshells, left side. 1 minute 5 seconds left."
    ui.wait(65 + 5.5)
    assert description(screen).startswith("Reps: Clamshells, left side, rep 2 of 8. ")
    figure = interface(ui.view.countdown)
    assert (name(figure), description(figure)) == ("Count", "Rep 2 of 8.")


def test_the_end_and_a_stop_are_said(ui: Harness, tmp_path: Path) -> None:
    path = tmp_path / "short.yaml"
    path.write_text("name: Short\ndefaults: {prepare: 2s}\nexercises:\n"
                    "  - name: Frog stretch\n    hold: 3s\n", encoding="utf-8")
    ui.window.open_path(path, start=True)
    ui.wait(6)
    assert ui.state() is State.FINISHED
    assert description(screen_node(ui)).startswith("Done: Short. Well done.")
    ui.window.start(path)
    ui.key(Qt.Key.Key_Escape)
    assert description(screen_node(ui)) == ("Stopped at Frog stretch. "
                                            "Press Space to begin again.")


def test_the_settings_dialog_names_every_control(qtbot: QtBot, data_dir: Path) -> None:
    settings = Settings(path=data_dir / "s.ini")
    dialog = SettingsDialog(settings, lambda: None, test_cue=lambda: None)
    qtbot.addWidget(dialog)
    assert not unnamed_controls(dialog), tree(dialog)
    assert called(interface(dialog.volume)) == "Volume"
    theme = interface(dialog.theme)
    assert called(theme) == "Theme"
    assert "follows the desktop" in description(theme)


def test_the_editor_names_every_field_and_button(qtbot: QtBot, data_dir: Path,
                                                  tmp_path: Path) -> None:
    path = tmp_path / "routine.yaml"
    path.write_text(PIGEON, encoding="utf-8")
    editor = RoutineEditor(draft_from_routine(load_routine(path)), path, data_dir,
                           lambda p: None, lambda r: None)
    qtbot.addWidget(editor)
    assert not unnamed_controls(editor), tree(editor)
    assert called(interface(editor.fields[Key.EXERCISE_AMOUNT])) == "Duration / reps"


def test_the_history_view_names_tabs_tables_entry_and_chart(
        qtbot: QtBot, data_dir: Path, open_store: StoreOpener) -> None:
    settings = Settings(path=data_dir / "s.ini")
    store = open_store(data_dir / "history.sqlite")
    store.add_motion(date(2026, 1, 5), "left", 32)
    store.add_motion(date(2026, 2, 5), "left", 38)
    view = HistoryView(store, settings)
    qtbot.addWidget(view)
    assert not unnamed_controls(view), tree(view)
    view.tabs.setCurrentIndex(1)
    assert not unnamed_controls(view), tree(view)
    chart = interface(view.chart)
    assert name(chart) == "Range of motion chart"
    assert "Left: 38° on " in description(chart) and "from 32°" in description(chart)


@pytest.fixture
def ui(qtbot: QtBot, data_dir: Path) -> Iterator[Harness]:
    harness = Harness(qtbot, data_dir)
    yield harness
    harness.window.close()


@pytest.mark.parametrize(("seconds", "said"), [
    (0, "0 seconds"), (1, "1 second"), (59, "59 seconds"), (60, "1 minute"),
    (61, "1 minute 1 second"), (125, "2 minutes 5 seconds")])
def test_a_clock_is_said_as_a_length_of_time(seconds: int, said: str) -> None:
    assert spoken_seconds(seconds) == said


def test_the_screen_tells_a_reader_only_when_its_words_change(
        ui: Harness, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    told: list[str] = []
    view = ui.window.view
    real = view.setAccessibleDescription

    def tell(words: str) -> None:
        told.append(words)
        real(words)

    monkeypatch.setattr(view, "setAccessibleDescription", tell)
    start(ui, tmp_path)
    assert told[-1].endswith("10 seconds left.")
    told.clear()
    status = view.status
    assert status is not None
    for _ in range(5):  # the same status again, as a repaint or a second driver would show
        view.show_status(status)
    ui.wait(0.3)  # less than a second: nothing said changes
    assert not told
    ui.wait(1)
    assert told == ["Get ready: Pigeon, left side, set 1 of 2. 9 seconds left."]
