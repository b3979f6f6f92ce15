"""``hiptimer picture``: every built-in exercise's figure drawn into a PNG of the size asked,
on both sides, at the start and the end of its movement; an exercise of a routine; and
what it says when there is no figure to draw."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication

from hiptimer import cli
from hiptimer.routine.figures import builtin_figure_names
from hiptimer.session.vocabulary import ColourRole
from hiptimer.ui.common.theme import LIGHT

from .support.commands import hiptimer

INK = QColor(LIGHT.on_phase).rgb()
GROUND = QColor(LIGHT.phase[ColourRole.WORK]).rgb()


def picture(folder: Path, *args: str) -> QImage:
    path = folder / "out.png"
    path.unlink(missing_ok=True)
    assert cli.main(["picture", *args, "--png", str(path)]) == 0
    image = QImage(str(path))
    assert not image.isNull()
    return image


def share_of(image: QImage, colour: int) -> float:
    """How much of the picture is exactly ``colour``, sampled every other pixel."""
    points = [(x, y) for x in range(0, image.width(), 2) for y in range(0, image.height(), 2)]
    return sum(image.pixel(x, y) == colour for x, y in points) / len(points)


@pytest.mark.parametrize("name", builtin_figure_names())
def test_every_builtin_figure_is_drawn_on_both_sides_at_start_and_end(
        qapp: QApplication, tmp_path: Path, name: str) -> None:
    for side in ("left", "right"):
        for pose in ("start", "end"):
            image = picture(tmp_path, name, "--side", side, "--pose", pose, "--size", "120")
            assert (image.width(), image.height()) == (160, 120)
            assert share_of(image, INK) > 0.02, (name, side, pose)  # the body, solid
            assert share_of(image, GROUND) > 0.4, (name, side, pose)
    assert picture(tmp_path, name, "--size", "300").height() == 300


@pytest.mark.parametrize("name", ["Clamshells", "Reverse clamshell", "Band side-walks"])
def test_a_sided_exercise_is_drawn_differently_for_each_side_and_pose(
        qapp: QApplication, tmp_path: Path, name: str) -> None:
    left = picture(tmp_path, name, "--side", "left", "--size", "90")
    right = picture(tmp_path, name, "--side", "right", "--size", "90")
    end = picture(tmp_path, name, "--side", "left", "--pose", "end", "--size", "90")
    assert left != right and left != end


def test_an_exercise_is_found_in_a_routine(qapp: QApplication, tmp_path: Path) -> None:
    routine = tmp_path / "mine.yaml"
    routine.write_text("name: Mine\nexercises:\n"
                       "  - name: clamshells\n    reps: 10\n"
                       "    sides: [left leg on top, right leg on top]\n", encoding="utf-8")
    from_routine = picture(tmp_path, "Clamshells", "--routine", str(routine), "--side", "right")
    builtin = picture(tmp_path, "Clamshells", "--side", "right")
    assert from_routine == builtin


def test_no_figure_is_said_plainly(qapp: QApplication, tmp_path: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "none.png"
    assert cli.main(["picture", "Jumping jacks", "--png", str(out)]) == 1
    assert "no figure for 'Jumping jacks'; exercises with one: " in capsys.readouterr().err
    assert not out.exists()
    routine = tmp_path / "mine.yaml"
    routine.write_text("name: Mine\nexercises:\n  - {name: Lift, reps: 10}\n", encoding="utf-8")
    assert cli.main(["picture", "Squat", "--routine", str(routine), "--png", str(out)]) == 1
    assert "Mine has no exercise called 'Squat'; it has: Lift" in capsys.readouterr().err


def test_the_command_runs_without_a_display(tmp_path: Path) -> None:
    out = tmp_path / "frog.png"
    env = {key: value for key, value in os.environ.items()
           if key not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    process = hiptimer("picture", "frog stretch", "--size", "64", "--png", str(out), env=env)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    assert QImage(str(out)).height() == 64
