"""``hiptimer picture``: every built-in exercise's figure drawn into a PNG of the size asked,
on both sides, at the start and the end of its movement; an exercise of a routine; and
what it says when there is no figure to draw. With ``--screen``, the whole session screen
during the exercise's work, in the light or the dark look, and nothing written but the PNG."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication

from hiptimer import cli
from hiptimer.routine.figures import builtin_figure_names
from hiptimer.session.vocabulary import ColourRole
from hiptimer.ui.common.theme import DARK, LIGHT

from .support.commands import hiptimer

INK = QColor(LIGHT.on_phase).rgb()
GROUND = QColor(LIGHT.phase[ColourRole.WORK]).rgb()
DARK_GROUND = QColor(DARK.phase[ColourRole.WORK]).rgb()


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


def files_under(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes()
            for path in folder.rglob("*") if path.is_file()}


def differing(a: QImage, b: QImage) -> float:
    """The share of the pixels, sampled every other one, that differ between two pictures
    of one size."""
    assert a.size() == b.size()
    points = [(x, y) for x in range(0, a.width(), 2) for y in range(0, a.height(), 2)]
    return sum(a.pixel(x, y) != b.pixel(x, y) for x, y in points) / len(points)


def middle_share(image: QImage, colour: int) -> float:
    """How much of the screen's middle, a band between the top lines and the bars, is
    exactly ``colour``."""
    w, h = image.width(), image.height()
    points = [(x, y) for x in range(0, w, 4) for y in range(h * 3 // 10, h * 8 // 10, 4)]
    return sum(image.pixel(x, y) == colour for x, y in points) / len(points)


@pytest.mark.parametrize(("name", "routine"), [("Frog stretch", "hip-mobility"),
                                               ("90/90 stretch", None),
                                               ("Clamshells", "hip-strength"),
                                               ("Clamshells", None)])
def test_the_screen_is_drawn_at_its_size_in_the_work_colour(
        qapp: QApplication, tmp_path: Path, name: str, routine: str | None) -> None:
    before = files_under(tmp_path)
    asked = ("--routine", routine) if routine else ()
    light = picture(tmp_path, name, *asked, "--screen", "1280x720")
    assert (light.width(), light.height()) == (1280, 720)
    assert share_of(light, GROUND) > 0.6 and middle_share(light, GROUND) > 0.5
    assert share_of(light, INK) > 0.05  # the count, the words, the bars
    dark = picture(tmp_path, name, *asked, "--screen", "800x600", "--look", "dark")
    assert (dark.width(), dark.height()) == (800, 600)
    assert share_of(dark, DARK_GROUND) > 0.6 and middle_share(dark, DARK_GROUND) > 0.5
    (tmp_path / "out.png").unlink()
    assert files_under(tmp_path) == before  # nothing written but the picture


def test_a_screen_of_reps_differs_between_the_start_and_the_end_of_a_rep(
        qapp: QApplication, tmp_path: Path) -> None:
    start = picture(tmp_path, "Clamshells", "--screen", "1024x768", "--pose", "start")
    end = picture(tmp_path, "Clamshells", "--screen", "1024x768", "--pose", "end")
    assert differing(start, end) > 0.01  # the figure, and the tempo bar's word and fill
    again = picture(tmp_path, "Clamshells", "--screen", "1024x768", "--pose", "end")
    # The moment is the session's, not the wall clock's: the same but for the edges of a
    # glyph or two, which Qt may smooth differently once its caches are warm.
    assert differing(again, end) < 0.001
    right = picture(tmp_path, "Clamshells", "--screen", "1024x768", "--pose", "end",
                    "--side", "right")
    assert differing(right, end) > 0.01


def test_the_look_colours_the_figure_alone_too(qapp: QApplication, tmp_path: Path) -> None:
    image = picture(tmp_path, "Clamshells", "--size", "90", "--look", "dark")
    assert share_of(image, DARK_GROUND) > 0.4


def test_no_screen_is_said_plainly(qapp: QApplication, tmp_path: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "none.png"
    before = files_under(tmp_path)
    assert cli.main(["picture", "Jumping jacks", "--screen", "1280x720",
                     "--png", str(out)]) == 1
    assert ("no built-in routine has an exercise called 'Jumping jacks'"
            in capsys.readouterr().err)
    routine = tmp_path / "mine.yaml"
    routine.write_text("name: Mine\nexercises:\n  - {name: Lift, reps: 10}\n", encoding="utf-8")
    before = files_under(tmp_path)
    assert cli.main(["picture", "Squat", "--routine", str(routine), "--screen", "1280x720",
                     "--png", str(out)]) == 1
    assert "Mine has no exercise called 'Squat'; it has: Lift" in capsys.readouterr().err
    assert files_under(tmp_path) == before


@pytest.mark.parametrize(("size", "said"), [
    ("1280", "not a screen size like 1280x720"),
    ("widexhigh", "not a screen size like 1280x720"),
    ("320x240", "the width must be from 640 to 3840"),
    ("1280x4000", "the height must be from 480 to 2160"),
])
def test_a_wrong_screen_size_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                              size: str, said: str) -> None:
    out = tmp_path / "none.png"
    with pytest.raises(SystemExit) as exited:
        cli.main(["picture", "Clamshells", "--screen", size, "--png", str(out)])
    assert exited.value.code == 2
    assert said in capsys.readouterr().err
    assert not out.exists()


def test_a_screen_has_no_figure_size(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        cli.main(["picture", "Clamshells", "--screen", "1280x720", "--size", "90",
                  "--png", str(tmp_path / "none.png")])
    assert exited.value.code == 2
    assert "not allowed with argument" in capsys.readouterr().err


def test_the_screen_is_drawn_without_a_display(tmp_path: Path) -> None:
    out = tmp_path / "screen.png"
    env = {key: value for key, value in os.environ.items()
           if key not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    process = hiptimer("picture", "frog stretch", "--screen", "640x480", "--look", "dark",
                       "--png", str(out), env=env)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 0, err
    image = QImage(str(out))
    assert (image.width(), image.height()) == (640, 480)
    assert share_of(image, DARK_GROUND) > 0.6
