"""The routine editor shows the selected exercise as the session will (its image, else its
own figure file, else the built-in figure of its name), moving through its rep, and sets
``figure:`` with a field of its own, checked and located as ``hiptimer validate`` says."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from PySide6.QtCore import QCoreApplication, QSize, Qt
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from hiptimer.base.problem import RoutineError
from hiptimer.body.figure_file import load_figure
from hiptimer.body.routine_figures import check_figures
from hiptimer.routine.draft import RoutineDraft, draft_from_routine
from hiptimer.routine.figures import builtin_figure_file
from hiptimer.routine.parse import load_routine
from hiptimer.session.clock import FakeClock
from hiptimer.ui.library.editor import RoutineEditor
from hiptimer.ui.library.editor_fields import Key
from hiptimer.ui.library.editor_file import Answer
from hiptimer.ui.library.figure_view import FigureView

from .support.checkout import ROUTINES

ROUTINE = "name: Mine\nexercises:\n  - name: Side lift\n    reps: 10\n    sides: both\n"
SMALL_SCREEN = QSize(1366, 768)
DESKTOP_BAR, TITLE_BAR = 32, 40


@pytest.fixture(autouse=True)
def discard_on_close(monkeypatch: pytest.MonkeyPatch) -> None:
    """An editor left with changes when a test ends is closed without asking."""
    monkeypatch.setattr(RoutineEditor, "choose", lambda self, q, c: Answer.DISCARD)


def opened(qtbot: QtBot, folder: Path, path: Path | None = None,
           draft: RoutineDraft | None = None) -> tuple[RoutineEditor, FakeClock]:
    """An editor of the routine at ``path`` (or of ``draft``) on screen, its figure on a
    clock that moves only when told to."""
    if draft is None:
        assert path is not None
        draft = draft_from_routine(load_routine(path))
    editor = RoutineEditor(draft, path, folder, lambda p: None, lambda r: None)
    qtbot.addWidget(editor)
    clock = FakeClock(100.0)
    editor.figure_view.moving.now = clock.now
    editor.resize(1280, 720)
    editor.show()
    qtbot.waitExposed(editor)
    return editor, clock


def type_into(qtbot: QtBot, editor: RoutineEditor, key: Key, text: str) -> None:
    field = editor.fields[key]
    field.selectAll()
    qtbot.keyClicks(field, text)


def drawn(view: FigureView) -> QImage:
    return view.box.grab().toImage()


def ink_in(image: QImage, ink: QColor) -> int:
    """How many pixels of ``image`` are drawn in ``ink``: the figure's solid strokes."""
    return sum(1 for y in range(0, image.height(), 2) for x in range(0, image.width(), 2)
               if image.pixelColor(x, y).rgb() == ink.rgb())


def clamshells() -> Path:
    """The built-in clamshell's figure file."""
    path = builtin_figure_file("Clamshells")
    assert path is not None
    return path


def own_figure_text(exercise: str, knee: int = 93) -> str:
    """The built-in clamshell's figure, as a file of one's own for ``exercise``; a left
    knee bent ``knee`` degrees at the start (past 135 is beyond its range)."""
    text = clamshells().read_text(encoding="utf-8")
    text = text.replace("exercise: Clamshells", f"exercise: {exercise}")
    return text.replace("  left knee flexion: 93\n", f"  left knee flexion: {knee}\n", 1)


def test_typing_a_built_in_name_shows_its_figure_moving_through_its_rep(
        qtbot: QtBot, tmp_path: Path) -> None:
    editor, clock = opened(qtbot, tmp_path, draft=RoutineDraft())
    view = editor.figure_view
    assert view.box.height() >= 120 and view.isVisible()
    assert not view.moving.isVisible() and view.caption.text().startswith("No picture")
    type_into(qtbot, editor, Key.EXERCISE_NAME, "Clamshells")
    assert view.moving.isVisible() and not view.picture.isVisible()
    figure = view.moving.figure()
    assert figure is not None and figure.exercise == "Clamshells"
    assert view.caption.text() == "Built-in figure"
    # It goes through its rep as time passes, asking for frames only while it moves.
    assert view.moving.is_moving()
    ink = view.moving.palette().windowText().color()
    start = drawn(view)
    assert ink_in(start, ink) > 100  # a figure to be seen, not a speck
    clock.advance(1.0)
    assert 0.2 < view.moving.fraction() < 0.8
    assert drawn(view) != start
    # A hold stands still: nothing moves, so nothing is drawn again.
    type_into(qtbot, editor, Key.EXERCISE_NAME, "Frog stretch")
    still = view.moving.figure()
    assert still is not None and still.end is None and not view.moving.is_moving()
    # Hidden, it asks for no frames.
    type_into(qtbot, editor, Key.EXERCISE_NAME, "Clamshells")
    assert view.moving.is_moving()
    editor.hide()
    assert not view.moving.is_moving()


def test_the_figure_is_on_the_first_side_the_exercise_is_done_on(
        qtbot: QtBot, tmp_path: Path) -> None:
    editor, _ = opened(qtbot, tmp_path, draft=RoutineDraft())
    type_into(qtbot, editor, Key.EXERCISE_NAME, "Clamshells")
    clams = load_figure(clamshells())
    assert editor.figure_view.moving.figure() == clams
    editor.sides.setCurrentText("right")
    editor.sides.activated.emit(editor.sides.currentIndex())
    assert editor.figure_view.moving.figure() == clams.mirrored()
    assert editor.figure_view.caption.text() == "Built-in figure, right side"


def test_a_figure_file_of_ones_own_is_shown_and_saved_relative_to_the_routine(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(ROUTINE, encoding="utf-8")
    (tmp_path / "figures").mkdir()
    own = tmp_path / "figures" / "side-lift.yaml"
    own.write_text(own_figure_text("Side lift"), encoding="utf-8")
    editor, _ = opened(qtbot, tmp_path / "elsewhere", path)
    view = editor.figure_view
    assert view.caption.text().startswith("No picture")  # no figure of that name
    monkeypatch.setattr(editor, "choose_figure_file", lambda: own)
    qtbot.mouseClick(editor.browse_button, Qt.MouseButton.LeftButton)
    assert editor.fields[Key.EXERCISE_FIGURE].text() == "figures/side-lift.yaml"
    figure = view.moving.figure()
    assert figure is not None and figure.exercise == "Side lift" and view.moving.isVisible()
    assert view.caption.text() == "Figure file of your own, left side"
    assert editor.errors[Key.EXERCISE_FIGURE].isHidden()
    assert editor.save()
    assert yaml.safe_load(path.read_text())["exercises"][0]["figure"] == \
        "figures/side-lift.yaml"
    routine = load_routine(path)
    assert check_figures(routine) is routine
    # Undone, the field and the figure go with it.
    editor.undo_stack.undo()
    assert editor.fields[Key.EXERCISE_FIGURE].text() == ""
    assert view.moving.figure() is None


def test_a_figure_file_outside_the_routines_folder_is_written_whole(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "routines").mkdir()
    path = tmp_path / "routines" / "mine.yaml"
    path.write_text(ROUTINE, encoding="utf-8")
    own = tmp_path / "side-lift.yml"
    own.write_text(own_figure_text("Side lift"), encoding="utf-8")
    editor, _ = opened(qtbot, tmp_path, path)
    monkeypatch.setattr(editor, "choose_figure_file", lambda: own)
    qtbot.mouseClick(editor.browse_button, Qt.MouseButton.LeftButton)
    assert editor.fields[Key.EXERCISE_FIGURE].text() == str(own)
    assert editor.save()
    assert load_routine(path).exercises[0].figure == str(own)


def test_a_broken_figure_file_says_its_first_problem_where_it_is(
        qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(ROUTINE.replace("Side lift", "Clamshells"), encoding="utf-8")
    broken = tmp_path / "broken.yaml"
    text = own_figure_text("Clamshells", knee=150)
    broken.write_text(text, encoding="utf-8")
    bad_line = text.splitlines().index("  left knee flexion: 150") + 1
    editor, _ = opened(qtbot, tmp_path, path)
    view = editor.figure_view
    type_into(qtbot, editor, Key.EXERCISE_FIGURE, "broken.yaml")
    error = editor.errors[Key.EXERCISE_FIGURE]
    assert not error.isHidden()
    located = re.match(r"broken\.yaml:(\d+):(\d+): (.*)", error.text())
    assert located is not None, error.text()
    assert int(located[1]) == bad_line and "left knee flexion" in located[3]
    assert error.styleSheet() == editor.errors[Key.EXERCISE_AMOUNT].styleSheet()
    # The exercise falls back to what it shows without it: the built-in figure.
    assert view.caption.text() == "Built-in figure, left side"
    assert view.moving.figure() == load_figure(clamshells())
    # The loader takes the routine (the file is there); validating names the problem.
    assert editor.save_button.isEnabled() and editor.save()
    routine = load_routine(path)
    assert routine.exercises[0].figure == "broken.yaml"
    with pytest.raises(RoutineError) as caught:
        check_figures(routine)
    assert any(p.line == bad_line for p in caught.value.problems)
    # Mended, it is read again and shown.
    broken.write_text(own_figure_text("Clamshells"), encoding="utf-8")
    editor.show_draft(editor.draft)
    assert error.isHidden() and view.caption.text() == "Figure file of your own, left side"


def test_a_figure_file_not_there_keeps_the_routine_from_saving(
        qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(ROUTINE, encoding="utf-8")
    editor, _ = opened(qtbot, tmp_path, path)
    type_into(qtbot, editor, Key.EXERCISE_FIGURE, "nowhere.yaml")
    error = editor.errors[Key.EXERCISE_FIGURE]
    assert not error.isHidden() and "'nowhere.yaml' not found" in error.text()
    assert not editor.save_button.isEnabled() and "not found" in editor.problems.text()
    assert not editor.save()
    assert load_routine(path).exercises[0].figure is None


def test_an_image_of_ones_own_wins_over_every_figure(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(ROUTINE.replace("Side lift", "Clamshells"), encoding="utf-8")
    picture = QImage(40, 30, QImage.Format.Format_RGB32)
    picture.fill(QColor("teal"))
    assert picture.save(str(tmp_path / "mine.png"))
    (tmp_path / "own.yaml").write_text(own_figure_text("Clamshells"), encoding="utf-8")
    editor, _ = opened(qtbot, tmp_path, path)
    view = editor.figure_view
    type_into(qtbot, editor, Key.EXERCISE_FIGURE, "own.yaml")
    assert view.moving.isVisible()
    type_into(qtbot, editor, Key.EXERCISE_IMAGE, "mine.png")
    assert view.picture.isVisible() and not view.moving.isVisible()
    assert view.picture.path() == tmp_path / "mine.png"
    assert view.caption.text() == "Image of your own, left side"
    assert not view.moving.is_moving()
    assert editor.save()
    saved = load_routine(path).exercises[0]
    assert (saved.image, saved.figure) == ("mine.png", "own.yaml")


def test_the_figure_stays_in_sight_at_the_editors_least_size(
        qtbot: QtBot, tmp_path: Path) -> None:
    path = ROUTINES / "hip-strength.yaml"
    editor, _ = opened(qtbot, tmp_path, path)
    room = SMALL_SCREEN.height() - DESKTOP_BAR - TITLE_BAR
    least = editor.minimumSizeHint()
    assert least.height() <= room and least.width() <= SMALL_SCREEN.width()
    editor.resize(least)
    QCoreApplication.processEvents()
    box = editor.figure_view.box
    assert box.height() >= 120
    assert box.visibleRegion().boundingRect().size() == box.size()
    # The figure file's field is reached by Tab from the image's.
    editor.fields[Key.EXERCISE_IMAGE].setFocus()
    qtbot.keyClick(editor.fields[Key.EXERCISE_IMAGE], Qt.Key.Key_Tab)
    QCoreApplication.processEvents()
    field = editor.fields[Key.EXERCISE_FIGURE]
    assert editor.focusWidget() is field and not field.visibleRegion().isEmpty()
