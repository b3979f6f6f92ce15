"""The exercise's body figure on the session screen: in place of the picture, moving in time
with the session on a fake clock (up: start to end, hold: still at the end, down: back),
still in a hold and while paused, mirrored in the body for the other side; and the same
figures in the library's preview."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hiptimer.body.figure_file import Figure, load_figure
from hiptimer.routine.figures import builtin_figure_file
from hiptimer.ui.screen.moving_figure import MovingFigure
from hiptimer.ui.screen.parts import Picture

from .support.window import Harness

REPS = ("name: Clams\ndefaults: {prepare: 4s, switch: 5s}\nexercises:\n"
        "  - name: Clamshells\n    reps: 3\n    tempo: 2-1-2\n"
        "    sides: [left leg on top, right leg on top]\n")
"""A rep takes 5 s: up over 0-2 s, hold over 2-3 s, down over 3-5 s; the reps begin at 4 s."""
PLAIN = ("name: Plain\ndefaults: {prepare: 4s}\nexercises:\n"
         "  - {name: Clamshells, reps: 3, tempo: 4s}\n")
HOLD = "name: Holds\ndefaults: {prepare: 4s}\nexercises:\n  - {name: Frog stretch, hold: 30s}\n"
REVERSE = ("name: Reverse\ndefaults: {prepare: 4s}\nexercises:\n"
           "  - name: Reverse clamshell\n    reps: 2\n"
           "    sides: [right leg on top, left leg on top]\n")


@pytest.fixture
def ui(qtbot: QtBot, data_dir: Path) -> Iterator[Harness]:
    harness = Harness(qtbot, data_dir)
    yield harness
    harness.window.close()


def start(ui: Harness, tmp_path: Path, text: str) -> MovingFigure:
    path = tmp_path / "routine.yaml"
    path.write_text(text, encoding="utf-8")
    ui.window.open_path(path, start=True)
    picture: Picture = ui.view.picture
    moving = picture.moving
    assert moving is not None and moving.figure() is not None
    return moving


def drawn(moving: MovingFigure) -> float:
    """Where the figure stands in its movement as it is painted now."""
    moving.grab()
    return moving.fraction()


def builtin(name: str) -> Figure:
    path = builtin_figure_file(name)
    assert path is not None
    return load_figure(path)


def test_a_rep_moves_the_figure_with_the_tempo(ui: Harness, tmp_path: Path) -> None:
    moving = start(ui, tmp_path, REPS)
    ui.wait(4)  # the first rep begins: at the start
    assert ui.view.banner.text() == "REPS"
    assert drawn(moving) == pytest.approx(0.0, abs=0.02)
    ui.wait(1)  # halfway up
    assert ui.view.tempo.word() == "UP"
    assert drawn(moving) == pytest.approx(0.5, abs=0.02)
    assert moving.is_moving()
    ui.wait(1.5)  # holding: still, at the end
    assert ui.view.tempo.word() == "HOLD"
    assert drawn(moving) == pytest.approx(1.0)
    assert not moving.is_moving()
    ui.wait(1)  # a quarter of the way down: the clock moved to a moment between seconds
    assert ui.view.tempo.word() == "DOWN"
    assert drawn(moving) == pytest.approx(0.75, abs=0.02)
    assert moving.is_moving()
    ui.wait(0.5)  # halfway down
    assert drawn(moving) == pytest.approx(0.5, abs=0.02)
    ui.wait(1)  # the next rep begins where the last ended
    assert ui.view.countdown.text() == "2/3"
    assert drawn(moving) == pytest.approx(0.0, abs=0.02)


def test_a_pause_stops_the_figure_where_it_is(ui: Harness, tmp_path: Path) -> None:
    moving = start(ui, tmp_path, REPS)
    ui.wait(5)  # halfway up
    assert moving.is_moving()
    ui.key(Qt.Key.Key_Space)
    assert ui.view.veil.isVisible()
    assert not moving.is_moving()
    ui.wait(100)
    assert drawn(moving) == pytest.approx(0.5, abs=0.02)
    ui.key(Qt.Key.Key_Space)
    assert moving.is_moving()
    assert drawn(moving) == pytest.approx(0.5, abs=0.02)


def test_a_hold_is_drawn_once_and_never_again_without_a_change(ui: Harness,
                                                               tmp_path: Path) -> None:
    moving = start(ui, tmp_path, HOLD)
    ui.wait(4)
    assert ui.view.banner.text() == "HOLD"
    QApplication.processEvents()
    painted = moving.paints()
    assert painted > 0 and not moving.is_moving()
    for _ in range(5):  # five seconds tick by: the countdown changes, the figure does not
        ui.wait(1)
        QApplication.processEvents()
    assert ui.view.countdown.text() == "25"
    assert moving.paints() == painted and not moving.is_moving()


def test_getting_ready_plays_the_movement_once(ui: Harness, tmp_path: Path) -> None:
    moving = start(ui, tmp_path, REPS)
    assert ui.view.banner.text() == "GET READY"
    assert moving.is_moving()


def test_a_held_position_does_not_move_while_getting_ready(ui: Harness,
                                                          tmp_path: Path) -> None:
    moving = start(ui, tmp_path, HOLD)
    assert ui.view.banner.text() == "GET READY"
    assert not moving.is_moving()


def test_a_rep_with_one_tempo_figure_loops_at_its_pace(ui: Harness, tmp_path: Path) -> None:
    moving = start(ui, tmp_path, PLAIN)
    ui.wait(4)
    assert ui.view.banner.text() == "REPS"
    assert moving.is_moving()
    assert drawn(moving) == pytest.approx(0.0, abs=0.02)


def test_the_other_side_is_the_body_mirrored(ui: Harness, tmp_path: Path) -> None:
    moving = start(ui, tmp_path, REPS)
    clamshells = builtin("Clamshells")
    assert ui.view.side.mark() == "L"
    assert moving.figure() == clamshells  # its file works the left (top) leg
    left = moving.grab().toImage()
    ui.wait(4 + 15)  # the three reps
    assert ui.view.banner.text() == "SWITCH SIDES" and ui.view.side.mark() == "R"
    assert moving.figure() == clamshells.mirrored()
    assert moving.grab().toImage() != left


def test_a_figure_that_works_the_right_side_is_not_mirrored_for_it(ui: Harness,
                                                                  tmp_path: Path) -> None:
    moving = start(ui, tmp_path, REVERSE)
    assert ui.view.side.mark() == "R"
    assert moving.figure() == builtin("Reverse clamshell")


def test_a_routines_own_image_still_wins(ui: Harness, tmp_path: Path) -> None:
    (tmp_path / "mine.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30">'
        '<rect width="40" height="30"/></svg>', encoding="utf-8")
    path = tmp_path / "routine.yaml"
    path.write_text(REPS.replace("    reps: 3\n", "    reps: 3\n    image: mine.svg\n"),
                    encoding="utf-8")
    ui.window.open_path(path, start=True)
    assert ui.view.picture.figure() is None
    assert ui.view.picture.path() == tmp_path / "mine.svg"


def test_a_routines_own_figure_file_is_drawn_on_the_session_screen(ui: Harness,
                                                                   tmp_path: Path) -> None:
    mine = tmp_path / "my-clam.yaml"  # drawn as the frog, to tell it from the built-in
    mine.write_bytes(builtin_figure_file("Frog stretch").read_bytes())  # type: ignore[union-attr]
    path = tmp_path / "routine.yaml"
    path.write_text(REPS.replace("    reps: 3\n", "    reps: 3\n    figure: my-clam.yaml\n"),
                    encoding="utf-8")
    ui.window.open_path(path, start=True)
    assert ui.view.picture.figure() == load_figure(mine) != builtin("Clamshells")


def test_the_librarys_preview_shows_the_same_figures(ui: Harness, tmp_path: Path) -> None:
    ui.select("complete-session")
    pictures = ui.window.library.pictures.pictures
    figures = {p.accessibleName(): p.figure() for p in pictures}
    assert figures["Clamshells"] == builtin("Clamshells")
    assert figures["Frog stretch"] == builtin("Frog stretch")
    for picture in pictures:
        if picture.figure() is not None:
            image = picture.grab().toImage()
            ink = picture.palette().windowText().color().rgb()
            assert any(image.pixel(x, y) == ink for x in range(image.width())
                       for y in range(image.height())), picture.accessibleName()
