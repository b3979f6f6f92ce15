"""Making and changing routines through the editor's widgets, with nothing ever lost."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QPoint, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QInputDialog
from pytestqt.qtbot import QtBot

from hiptimer.base.language import Language
from hiptimer.routine import RoutineError, Span, load_routine
from hiptimer.routine.catalogue import Origin, load_entry
from hiptimer.routine.draft import DraftKind, Field, RoutineDraft, draft_from_routine, field_problem
from hiptimer.routine.save import SaveError
from hiptimer.ui.common import theme
from hiptimer.ui.library import editor_file as editor_module
from hiptimer.ui.library.editor import RoutineEditor
from hiptimer.ui.library.editor_fields import Key, error_colour
from hiptimer.ui.library.editor_file import Answer

from .support.checkout import ROUTINES
from .support.languages import LANGUAGES
from .support.screenshots import save_screenshot
from .support.window import SHORT, Harness


@pytest.fixture
def ui(qtbot: QtBot, data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Harness]:
    # When a test ends, its windows are closed; an editor with changes is discarded then.
    monkeypatch.setattr(RoutineEditor, "choose", lambda self, q, c: Answer.DISCARD)
    harness = Harness(qtbot, data_dir)
    yield harness
    harness.window.close()


def type_into(qtbot: QtBot, editor: RoutineEditor, key: Key, text: str) -> None:
    field = editor.fields[key]
    field.selectAll()
    qtbot.keyClicks(field, text)


def test_field_checks_use_the_loaders_words() -> None:
    assert field_problem(Field.AMOUNT, "60-30s") == "range '60-30s' starts above where it ends"
    assert field_problem(Field.AMOUNT, "0", DraftKind.REPS) == "reps must be at least 1, not 0"
    assert field_problem(Field.REST, "-5") == "duration '-5' is negative"
    assert field_problem(Field.REST, "") is None  # empty: inherit the default


def test_make_a_new_routine_and_save_it(ui: Harness, qtbot: QtBot) -> None:
    editor = ui.window.files.new_routine()
    qtbot.addWidget(editor)
    type_into(qtbot, editor, Key.ROUTINE_NAME, "Evening hips")
    type_into(qtbot, editor, Key.EXERCISE_NAME, "Frog stretch")
    type_into(qtbot, editor, Key.EXERCISE_AMOUNT, "45s")
    type_into(qtbot, editor, Key.EXERCISE_SETS, "2")
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    type_into(qtbot, editor, Key.EXERCISE_NAME, "Clamshells")
    editor.kind.setCurrentIndex(1)
    editor.kind.activated.emit(1)
    type_into(qtbot, editor, Key.EXERCISE_AMOUNT, "10-15")
    editor.sides.setCurrentText("both")
    editor.sides.activated.emit(1)
    assert editor.preview.toPlainText().startswith("Total: 3m10s")
    assert editor.save()
    path = ui.user_dir / "evening-hips.yaml"
    routine = load_routine(path)
    assert [e.name for e in routine.exercises] == ["Frog stretch", "Clamshells"]
    assert routine.exercises[0].hold == Span(45, 45) and routine.exercises[0].sets.low == 2
    assert routine.exercises[1].sides == ("left", "right")
    assert not editor.dirty and not editor.windowTitle().startswith("*")
    ui.qtbot.waitUntil(lambda: any(e.path == path for e in ui.window.library.entries))


def test_errors_show_beside_the_field_and_block_saving(ui: Harness, qtbot: QtBot) -> None:
    editor = ui.window.files.new_routine()
    type_into(qtbot, editor, Key.EXERCISE_AMOUNT, "60-30s")
    assert editor.errors[Key.EXERCISE_AMOUNT].text() == "range '60-30s' starts above where it ends"
    assert not editor.errors[Key.EXERCISE_AMOUNT].isHidden()
    assert not editor.save_button.isEnabled() and "starts above" in editor.problems.text()
    type_into(qtbot, editor, Key.EXERCISE_AMOUNT, "30-60s")
    assert editor.errors[Key.EXERCISE_AMOUNT].isHidden() and editor.save_button.isEnabled()


def shown_editor(qtbot: QtBot, folder: Path, path: Path | None = None) -> RoutineEditor:
    """An editor of the daily routine (or of ``path``), on screen and laid out."""
    routine = load_routine(path or ROUTINES / "daily-short.yaml")
    editor = RoutineEditor(draft_from_routine(routine), path, folder, lambda p: None,
                           lambda r: None)
    qtbot.addWidget(editor)
    editor.resize(1280, 720)  # as it opens on a common screen (the tests' is 800 pixels)
    editor.show()
    qtbot.waitExposed(editor)
    return editor


def places(editor: RoutineEditor) -> dict[Key, QPoint]:
    """Where each field sits in the editor, once pending layout work is done."""
    QCoreApplication.processEvents()
    return {key: field.mapTo(editor, QPoint(0, 0)) for key, field in editor.fields.items()}


def test_an_error_appearing_or_going_moves_no_field(tmp_path: Path, qtbot: QtBot) -> None:
    editor = shown_editor(qtbot, tmp_path)
    before = places(editor)
    for key, wrong in ((Key.EXERCISE_AMOUNT, "60-30s"), (Key.ROUTINE_REST, "-5"),
                       (Key.EXERCISE_SETS, "0")):
        type_into(qtbot, editor, key, wrong)
        assert not editor.errors[key].isHidden() and editor.errors[key].text()
        assert places(editor) == before, key
    editor.undo_stack.undo()
    editor.undo_stack.undo()
    editor.undo_stack.undo()
    assert all(label.isHidden() for label in editor.errors.values())
    assert places(editor) == before
    editor.saved_draft = editor.draft


def contrast(one: str, other: str) -> float:
    """WCAG 2 contrast ratio of two colours."""

    def luminance(name: str) -> float:
        colour = QColor(name)
        channels = [c / 255 for c in (colour.red(), colour.green(), colour.blue())]
        linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
                  for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    low, high = sorted((luminance(one), luminance(other)))
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("look", [theme.LIGHT, theme.DARK], ids=["light", "dark"])
def test_error_text_keeps_aa_contrast_in_each_theme(look: theme.Look) -> None:
    for background in (look.window, look.panel):  # the editor, and its fields
        assert contrast(error_colour(look), background) >= 4.5, background


def test_errors_are_drawn_in_the_colour_of_the_theme(tmp_path: Path, qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = app.palette()
    editor = shown_editor(qtbot, tmp_path)
    type_into(qtbot, editor, Key.EXERCISE_AMOUNT, "60-30s")
    label = editor.errors[Key.EXERCISE_AMOUNT]
    try:
        for look in (theme.DARK, theme.LIGHT):  # switched while the editor is open
            theme.apply(app, look)
            QCoreApplication.processEvents()  # the palette reaches each widget as an event
            drawn = label.palette().color(QPalette.ColorRole.WindowText).name()
            behind = editor.palette().color(QPalette.ColorRole.Window).name()
            assert drawn == error_colour(look) and contrast(drawn, behind) >= 4.5
    finally:
        app.setPalette(before)
        editor.saved_draft = editor.draft


def test_saving_says_saved_in_the_editor_until_the_next_change(tmp_path: Path,
                                                               qtbot: QtBot) -> None:
    path = tmp_path / "tiny.yaml"
    path.write_text(SHORT)
    editor = shown_editor(qtbot, tmp_path, path)
    assert editor.saved_note.isHidden()
    type_into(qtbot, editor, Key.EXERCISE_AMOUNT, "50s")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert load_routine(path).exercises[0].hold == Span(50, 50)
    assert editor.saved_note.isVisible() and editor.saved_note.text() == "Saved"
    type_into(qtbot, editor, Key.EXERCISE_AMOUNT, "55s")
    assert editor.saved_note.isHidden() and editor.dirty
    assert editor.save() and editor.saved_note.isVisible()


def test_reorder_undo_and_redo(ui: Harness, qtbot: QtBot) -> None:
    routine = load_routine(ROUTINES / "daily-short.yaml")
    editor = RoutineEditor(draft_from_routine(routine), None, ui.user_dir, lambda p: None,
                           lambda r: None)
    qtbot.addWidget(editor)
    editor.show()
    editor.activateWindow()
    qtbot.waitActive(editor)
    first, second = routine.exercises[0].name, routine.exercises[1].name
    editor.list.setCurrentRow(0)
    qtbot.keyClick(editor.list, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert [e.name for e in editor.draft.exercises[:2]] == [second, first]
    type_into(qtbot, editor, Key.EXERCISE_NAME, "Renamed")
    assert editor.draft.exercises[1].name == "Renamed"
    editor.undo_stack.undo()  # the whole typed name is one step
    assert editor.draft.exercises[1].name == first
    editor.undo_stack.undo()
    assert [e.name for e in editor.draft.exercises[:2]] == [first, second]
    editor.undo_stack.redo()
    assert [e.name for e in editor.draft.exercises[:2]] == [second, first]
    assert editor.list.item(0).text() == second
    editor.saved_draft = editor.draft
    editor.close()


def test_placeholders_show_what_a_pause_inherits(ui: Harness, qtbot: QtBot) -> None:
    editor = ui.window.files.new_routine()
    assert editor.fields[Key.EXERCISE_REST].placeholderText() == "15s (built-in default)"
    type_into(qtbot, editor, Key.ROUTINE_REST, "30s")
    assert editor.fields[Key.EXERCISE_REST].placeholderText() == "30s (routine default)"


def test_a_failed_save_keeps_the_old_file_and_says_why(
        ui: Harness, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    path = ui.user_dir / "tiny.yaml"
    path.write_text(SHORT)
    editor = ui.window.files.edit(load_entry(path, Origin.USER))
    assert editor is not None
    type_into(qtbot, editor, Key.EXERCISE_AMOUNT, "50s")
    warnings: list[str] = []
    monkeypatch.setattr(editor, "warn", warnings.append)

    def full(path: Path, text: str) -> None:
        raise SaveError(f"could not save {path}: No space left on device; the file on disk "
                        "is unchanged")

    monkeypatch.setattr(editor_module, "save_text", full)
    assert not editor.save()
    assert "No space left on device" in warnings[0]
    assert path.read_text() == SHORT and editor.dirty


def test_comments_are_not_dropped_silently(ui: Harness, qtbot: QtBot,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    path = ui.user_dir / "tiny.yaml"
    path.write_text("# my notes\n" + SHORT)
    editor = ui.window.files.edit(load_entry(path, Origin.USER))
    assert editor is not None
    type_into(qtbot, editor, Key.EXERCISE_AMOUNT, "50s")
    asked: list[str] = []
    monkeypatch.setattr(editor, "ask", lambda q, d: asked.append(d) or True)  # type: ignore[func-returns-value]
    assert editor.save()
    assert "kept as tiny.yaml.bak" in asked[0]
    assert (ui.user_dir / "tiny.yaml.bak").read_text().startswith("# my notes")
    assert load_routine(path).exercises[0].hold == Span(50, 50)


def test_a_read_only_file_is_kept_and_a_copy_saved_instead(
        ui: Harness, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    path = ui.user_dir / "tiny.yaml"
    path.write_text(SHORT)
    path.chmod(0o444)
    editor = ui.window.files.edit(load_entry(path, Origin.USER))
    assert editor is not None
    type_into(qtbot, editor, Key.EXERCISE_AMOUNT, "50s")
    asked: list[str] = []
    answer: list[Answer | None] = [None]  # Cancel first
    monkeypatch.setattr(editor, "choose",
                        lambda q, c: asked.append(q) or answer[0])  # type: ignore[func-returns-value]
    assert not editor.save()
    assert f"{path} is read-only, so hiptimer does not replace it." in asked[0]
    assert path.read_text() == SHORT and editor.dirty
    assert sorted(p.name for p in ui.user_dir.iterdir()) == ["tiny.yaml"]
    answer[0] = Answer.SAVE_A_COPY
    assert editor.save()
    copy = ui.user_dir / "tiny-2.yaml"
    assert editor.path == copy and not dirty(editor)
    assert load_routine(copy).exercises[0].hold == Span(50, 50)
    assert path.read_text() == SHORT and path.stat().st_mode & 0o777 == 0o444
    assert ui.window.library.selected_path() == copy
    type_into(qtbot, editor, Key.EXERCISE_AMOUNT, "55s")  # from now on the copy is edited
    assert editor.save() and len(asked) == 2
    assert load_routine(copy).exercises[0].hold == Span(55, 55)


def test_renaming_a_read_only_routine_says_why_it_cannot(
        ui: Harness, monkeypatch: pytest.MonkeyPatch) -> None:
    path = ui.user_dir / "tiny.yaml"
    path.write_text(SHORT)
    path.chmod(0o444)
    monkeypatch.setattr(QInputDialog, "getText", lambda *args, **kwargs: ("Renamed", True))
    ui.window.files.rename(load_entry(path, Origin.USER))
    assert f"{path} is read-only" in ui.window.problem_label.text()
    assert path.read_text() == SHORT


def test_built_ins_are_duplicated_not_edited(ui: Harness, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ui.window, "confirm", lambda q, d: True)
    entry = load_entry(ROUTINES / "hip-mobility.yaml", Origin.BUILT_IN)
    editor = ui.window.files.edit(entry)
    assert editor is not None and editor.path is not None
    assert editor.path.parent == ui.user_dir
    assert load_routine(editor.path).name == "Hip internal rotation - mobility (copy)"
    assert (ROUTINES / "hip-mobility.yaml").read_text().count("(copy)") == 0


def test_delete_moves_to_the_trash_and_restore_brings_it_back(ui: Harness) -> None:
    path = ui.user_dir / "tiny.yaml"
    path.write_text(SHORT)
    trashed = ui.window.files.delete(load_entry(path, Origin.USER))
    assert trashed is not None and trashed.exists() and not path.exists()
    assert ui.window.files.restore(trashed) == path and path.read_text() == SHORT


def test_try_it_starts_the_routine_as_edited_without_saving(ui: Harness, qtbot: QtBot) -> None:
    editor = ui.window.files.new_routine()
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    type_into(qtbot, editor, Key.EXERCISE_NAME, "Unsaved stretch")
    qtbot.mouseClick(editor.try_button, Qt.MouseButton.LeftButton)
    assert ui.view.exercise.text() == "Unsaved stretch"
    assert list(ui.user_dir.iterdir()) == []
    # The session's window comes to the front: its keys are not typed into the editor.
    qtbot.waitUntil(ui.window.isActiveWindow)
    assert not editor.isActiveWindow()


def test_a_file_changed_on_disk_asks_which_to_keep(ui: Harness, qtbot: QtBot,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    path = ui.user_dir / "tiny.yaml"
    path.write_text(SHORT)
    editor = ui.window.files.edit(load_entry(path, Origin.USER))
    assert editor is not None
    type_into(qtbot, editor, Key.EXERCISE_AMOUNT, "50s")
    monkeypatch.setattr(editor, "choose", lambda q, c: Answer.LOAD_FROM_DISK)
    path.write_text(SHORT.replace("hold: 4s", "hold: 9s"))
    qtbot.waitUntil(lambda: editor.draft.exercises[0].amount == "9s", timeout=5000)
    assert not editor.dirty


def test_closing_with_unsaved_changes_asks(ui: Harness, qtbot: QtBot,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    editor = ui.window.files.new_routine()
    type_into(qtbot, editor, Key.ROUTINE_NAME, "Unsaved")
    monkeypatch.setattr(editor, "choose", lambda q, c: None)  # Cancel
    assert not editor.close() and editor.isVisible()
    monkeypatch.setattr(editor, "choose", lambda q, c: Answer.DISCARD)
    assert editor.close()


def test_editor_screenshot(ui: Harness, qtbot: QtBot) -> None:
    editor = RoutineEditor(draft_from_routine(load_routine(ROUTINES / "hip-strength.yaml")),
                           None, ui.user_dir, lambda p: None, lambda r: None)
    qtbot.addWidget(editor)
    editor.resize(1280, 720)
    editor.show()
    qtbot.wait(1)
    save_screenshot(editor, "editor-1280x720.png")
    editor.saved_draft = editor.draft
    editor.close()


def test_a_draft_of_nothing_valid_reports_problems() -> None:
    from hiptimer.routine.draft import draft_to_routine

    with pytest.raises(RoutineError):
        draft_to_routine(RoutineDraft(name="", exercises=()))


def test_dragging_an_exercise_reorders_the_routine(ui: Harness, qtbot: QtBot) -> None:
    from PySide6.QtCore import QModelIndex

    routine = load_routine(ROUTINES / "hip-mobility.yaml")
    editor = RoutineEditor(draft_from_routine(routine), None, ui.user_dir, lambda p: None,
                           lambda r: None)
    qtbot.addWidget(editor)
    names = [e.name for e in routine.exercises]
    editor.list.setCurrentRow(0)
    assert editor.list.model().moveRow(QModelIndex(), 0, QModelIndex(), 3)  # as a drop does
    assert [e.name for e in editor.draft.exercises] == [names[1], names[2], names[0],
                                                        *names[3:]]
    editor.undo_stack.undo()
    assert [e.name for e in editor.draft.exercises] == names


def dirty(editor: RoutineEditor) -> bool:
    """Read afresh after a save (a type checker would keep the answer from before)."""
    return editor.dirty


def test_a_routines_time_budget_is_shown_checked_and_kept(tmp_path: Path, qtbot: QtBot,
                                                           monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    from hiptimer.routine.draft import draft_to_routine

    monkeypatch.setattr(RoutineEditor, "choose", lambda self, q, c: Answer.DISCARD)

    routine = load_routine(ROUTINES / "daily-short.yaml")
    assert routine.budget == 11 * 60
    assert draft_to_routine(draft_from_routine(routine)).budget == routine.budget  # kept
    assert field_problem(Field.BUDGET, "soon") is not None
    editor = shown_editor(qtbot, tmp_path)
    assert editor.fields[Key.ROUTINE_BUDGET].text() == "11m"
    type_into(qtbot, editor, Key.ROUTINE_BUDGET, "soon")
    assert not editor.errors[Key.ROUTINE_BUDGET].isHidden()
    type_into(qtbot, editor, Key.ROUTINE_BUDGET, "12m")
    assert editor.errors[Key.ROUTINE_BUDGET].isHidden() and editor.save_button.isEnabled()


SMALL_SCREEN = QSize(1366, 768)
DESKTOP_BAR, TITLE_BAR = 32, 40
"""What a desktop's own bar and a window's title bar take of a screen's height, at most."""


@pytest.mark.parametrize("spoken", LANGUAGES, indirect=True)
def test_the_editor_fits_a_768_pixel_screen_with_the_plan_in_sight(
        spoken: Language, qtbot: QtBot, tmp_path: Path) -> None:
    available = QGuiApplication.primaryScreen().availableGeometry()
    path = ROUTINES / "hip-strength.yaml"
    opened = RoutineEditor(draft_from_routine(load_routine(path)), path, tmp_path,
                           lambda p: None, lambda r: None)
    qtbot.addWidget(opened)
    assert opened.height() <= available.height() * 9 // 10  # as it opens on this screen
    editor = shown_editor(qtbot, tmp_path, path)
    room = SMALL_SCREEN.height() - DESKTOP_BAR - TITLE_BAR
    assert editor.minimumSizeHint().height() <= room
    assert editor.minimumSizeHint().width() <= SMALL_SCREEN.width()
    # As it opens on a 1366x768 screen: 9/10 of what the desktop leaves.
    editor.resize(SMALL_SCREEN.width() * 9 // 10,
                  (SMALL_SCREEN.height() - DESKTOP_BAR) * 9 // 10)
    QCoreApplication.processEvents()
    lines = editor.preview.viewport().height() // editor.preview.fontMetrics().lineSpacing()
    assert lines >= 8
    # The whole exercise form is still reached: Tab brings its last field into sight.
    image = editor.fields[Key.EXERCISE_IMAGE]
    assert image.visibleRegion().isEmpty()
    editor.fields[Key.EXERCISE_SWITCH].setFocus()
    qtbot.keyClick(editor.fields[Key.EXERCISE_SWITCH], Qt.Key.Key_Tab)
    QCoreApplication.processEvents()
    assert editor.focusWidget() is image and not image.visibleRegion().isEmpty()
    type_into(qtbot, editor, Key.EXERCISE_IMAGE, "frog.svg")
    assert editor.draft.exercises[0].image == "frog.svg"
    editor.saved_draft = editor.draft
