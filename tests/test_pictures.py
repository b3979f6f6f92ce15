"""The built-in exercises' pictures: one for each, drawn one agreed way, found by name.

The session screen recolours and mirrors them, so they must be plain black line drawings
that Qt draws without complaint; routine files still choose their own with ``image``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hiptimer.base.locations import builtin_pictures_dir
from hiptimer.routine import Exercise, Routine, Span, load_routine
from hiptimer.routine.pictures import builtin_picture, picture_slug

from .support.checkout import ROUTINES
from .support.pictures import assert_drawn_the_agreed_way

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

PICTURES = sorted(builtin_pictures_dir().glob("*.svg"))
BUILT_IN_NAMES = sorted({exercise.name for path in ROUTINES.glob("*.yaml")
                         for exercise in load_routine(path).exercises})


@pytest.mark.parametrize("name", BUILT_IN_NAMES)
def test_every_built_in_exercise_has_a_picture(name: str) -> None:
    picture = builtin_picture(name)
    assert picture is not None, f"no picture for {name!r}: draw {picture_slug(name)}.svg"
    assert picture.parent == builtin_pictures_dir() and picture.is_file()


def test_every_picture_belongs_to_a_built_in_exercise() -> None:
    assert {p.stem for p in PICTURES} == {picture_slug(name) for name in BUILT_IN_NAMES}


def test_the_format_guide_names_every_exercise_with_a_picture() -> None:
    guide = " ".join((ROUTINES.parent / "docs" / "routine-format.md").read_text("utf-8").split())
    pictures = guide[guide.index("**Pictures.**"):]
    assert all(name in pictures for name in BUILT_IN_NAMES)


def test_built_in_routines_show_their_pictures() -> None:
    for path in sorted(ROUTINES.glob("*.yaml")):
        routine = load_routine(path)
        for exercise in routine.exercises:
            assert routine.image_path(exercise) == builtin_picture(exercise.name)


@pytest.mark.parametrize("picture", PICTURES, ids=lambda p: p.name)
def test_each_picture_is_drawn_the_agreed_way(picture: Path) -> None:
    assert_drawn_the_agreed_way(picture)


def test_the_name_is_matched_whatever_its_case_and_spacing() -> None:
    picture = builtin_picture("90/90 stretch")
    assert picture is not None and picture.name == "90-90-stretch.svg"
    assert picture_slug("90/90 stretch") == "90-90-stretch"
    assert builtin_picture("  90 / 90\tSTRETCH ") == picture
    assert builtin_picture("figure-four stretch") == builtin_picture("Figure four  stretch")
    assert builtin_picture("CLAMSHELLS") == builtin_pictures_dir() / "clamshells.svg"


def test_an_unknown_or_empty_name_has_no_picture() -> None:
    assert builtin_picture("Handstand push-up") is None
    assert builtin_picture("") is None
    assert builtin_picture(" / ") is None
    assert builtin_picture("../routine.schema") is None


def test_an_image_the_routine_names_wins(tmp_path: Path) -> None:
    own = Exercise("Clamshells", hold=Span(5, 5), image="mine.png")
    plain = Exercise("Clamshells", hold=Span(5, 5))
    unknown = Exercise("Handstand", hold=Span(5, 5))
    routine = Routine("r", (own, plain, unknown), path=tmp_path / "r.yaml")
    assert routine.image_path(own) == tmp_path / "mine.png"
    assert routine.image_path(plain) == builtin_picture("Clamshells")
    assert routine.image_path(unknown) is None


def _respelled(name: str, data: st.DataObject) -> str:
    spaces = st.sampled_from([" ", "  ", "\t", "\u00a0", " - ", "_"])
    words = picture_slug(name).split("-")
    cased = ["".join(c.upper() if data.draw(st.booleans()) else c for c in word)
             for word in words]
    return (data.draw(spaces) + "".join(w + data.draw(spaces) for w in cased[:-1])
            + cased[-1] + data.draw(spaces))


@given(st.sampled_from(BUILT_IN_NAMES), st.data())
def test_any_spelling_of_a_name_finds_its_picture(name: str, data: st.DataObject) -> None:
    assert builtin_picture(_respelled(name, data)) == builtin_picture(name) is not None


@given(st.text())
def test_no_name_leads_out_of_the_pictures_folder(name: str) -> None:
    slug = picture_slug(name)
    assert "/" not in slug and "\\" not in slug and ".." not in slug and "\0" not in slug
    assert os.sep not in slug and (os.altsep is None or os.altsep not in slug)
    picture = builtin_picture(name)
    assert picture is None or picture.resolve().parent == builtin_pictures_dir().resolve()


@pytest.mark.parametrize("picture", PICTURES, ids=lambda p: p.name)
def test_qt_draws_each_picture_in_black_on_nothing(qtbot: QtBot, picture: Path) -> None:
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(picture))
    assert renderer.isValid()
    image = QImage(200, 150, QImage.Format.Format_ARGB32)
    image.fill(0)
    painter = QPainter(image)
    renderer.render(painter, QRectF(0, 0, 200, 150))
    painter.end()
    pixels = [image.pixel(x, y) for y in range(image.height()) for x in range(image.width())]
    drawn = [p for p in pixels if p >> 24]
    assert len(drawn) > 0.05 * len(pixels)  # a figure, not a speck
    assert all(p & 0xFFFFFF == 0 for p in drawn)  # black wherever anything is drawn
    assert image.pixel(0, 0) == 0  # the background stays transparent


@pytest.mark.parametrize("picture", PICTURES, ids=lambda p: p.name)
def test_each_picture_passes_the_check_for_drawings_and_is_drawn_at_once(
        qtbot: QtBot, picture: Path) -> None:
    """hiptimer's own pictures are drawn on the window's thread: they must pass the check a
    routine's own drawing passes, and draw at once."""
    from PySide6.QtCore import QSize

    from hiptimer.ui.screen.parts import Picture, is_builtin_picture
    from hiptimer.ui.screen.picture_drawer import draw, open_picture
    from hiptimer.ui.screen.safe_svg import checked_svg

    assert checked_svg(picture.read_bytes())
    opened = open_picture(picture)
    assert opened.size.width() > 0 and opened.size.height() > 0
    assert not draw(opened, QSize(200, 150)).isNull()
    shown = Picture()
    qtbot.addWidget(shown)
    assert is_builtin_picture(picture)
    shown.set_picture(picture, mirrored=False, recolour=True)
    assert shown.has_picture() and not shown.is_waiting() and shown.problem() is None
