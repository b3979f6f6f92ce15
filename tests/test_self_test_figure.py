"""The self-test's figure: the test position drawn by the body model, checked against anatomy
like the exercises' figures, showing what the steps say (measured on the body's points),
and shown by the dialog moving there and back, with no hand-drawn picture left."""

from __future__ import annotations

import json
import math
from dataclasses import replace
from datetime import date
from typing import Any

import jsonschema
import pytest
import yaml
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter
from pytestqt.qtbot import QtBot

from hiptimer.base.locations import resources_dir
from hiptimer.body.figure_file import Figure, PlacedProp, Prop, load_figure
from hiptimer.body.joints import Angle, Pose, Side
from hiptimer.body.range_of_motion import out_of_range
from hiptimer.body.rotation import Vector, angle_between, length, minus
from hiptimer.body.skeleton import (
    SEGMENTS,
    STANDARD_HEIGHT,
    Body,
    Landmark,
    Placement,
    floor_tolerance,
    place,
)
from hiptimer.body.view import View
from hiptimer.session.clock import FakeClock
from hiptimer.ui.common.body_figure import FigureFrames, frames_of, paint_figure
from hiptimer.ui.history.guide_figure import (
    ROUND_TRIP_SECONDS,
    guide_figure,
    guide_figure_file,
)
from hiptimer.ui.history.self_test_dialog import SelfTestDialog
from hiptimer.ui.screen.parts import Picture

from .support.anatomy import bone, knee_angle
from .support.checkout import REPO

H = STANDARD_HEIGHT
L = Landmark
FRAMES = [step / 20 for step in range(21)]
STANDING = place(Pose(), Placement.STANDING, H)
DOWN: Vector = (0.0, 0.0, -1.0)
LEFT: Vector = (0.0, 1.0, 0.0)
"""The body's left in the room: sitting, the body faces +x, its left +y."""
SCHEMA: dict[str, Any] = json.loads((REPO / "resources" / "figure.schema.json").read_text())


@pytest.fixture(scope="module")
def figure() -> Figure:
    return load_figure(guide_figure_file())


def shin_from_straight_down(body: Body, side: str) -> float:
    """What the phone on the shin reads: the shin's angle from straight down, in degrees."""
    return angle_between(minus(body[L(f"{side} ankle")], body[L(f"{side} knee")]), DOWN)


# -- the file --------------------------------------------------------------------------------

def test_the_guide_figure_is_shipped_with_the_resources_and_loads(figure: Figure) -> None:
    path = guide_figure_file()
    assert path.is_file() and path.is_relative_to(resources_dir())
    assert path.parent.name == "guide"  # not among the exercises' figures, matched by name
    assert guide_figure() == figure
    jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), SCHEMA)
    assert list(path.parent.glob("*.svg")) == []  # the hand-drawn picture is gone


def test_it_is_seen_from_the_front_sitting_on_a_table_edge_with_the_phone(
        figure: Figure) -> None:
    assert figure.view is View.FRONT and figure.placement is Placement.SITTING
    assert figure.end is not None and figure.arrow is L.LEFT_ANKLE
    props = {placed.prop: placed for placed in figure.props}
    assert props[Prop.PHONE] == PlacedProp(Prop.PHONE, (L.LEFT_ANKLE,))  # the shin's lower end
    assert props[Prop.TABLE_EDGE].at[0] in (L.LEFT_KNEE, L.RIGHT_KNEE)  # the edge at the knees


# -- against anatomy, as the exercises' figures are ------------------------------------------

@pytest.mark.parametrize("mirrored", [False, True], ids=["as drawn", "other side"])
def test_every_bone_keeps_its_length_and_every_joint_its_normal_range(
        figure: Figure, mirrored: bool) -> None:
    item = figure.mirrored() if mirrored else figure
    for fraction in FRAMES:
        body = item.body_at(fraction)
        for a, b in SEGMENTS:
            assert bone(body, a, b) == pytest.approx(bone(STANDING, a, b), abs=1e-9)
        assert out_of_range(item.pose_at(fraction)) == (), fraction


def test_the_body_rests_on_the_floor_where_it_says_in_every_frame(figure: Figure) -> None:
    for fraction in FRAMES:
        body = figure.body_at(fraction)
        assert min(point[2] for point in body.positions.values()) == pytest.approx(0, abs=1e-9)
        for landmark in figure.touching:
            assert body[landmark][2] <= floor_tolerance(H), (fraction, landmark)


# -- what the steps say ----------------------------------------------------------------------

def test_the_thighs_lie_level_on_the_table_and_the_knees_stay_at_a_right_angle(
        figure: Figure) -> None:
    for fraction in FRAMES:
        body = figure.body_at(fraction)
        seat = body[L.SEAT][2]
        for side in ("left", "right"):
            hip, knee = body[L(f"{side} hip")], body[L(f"{side} knee")]
            assert knee[2] == pytest.approx(hip[2], abs=0.01)  # level
            assert knee[0] - hip[0] > 0.95 * bone(body, L(f"{side} hip"), L(f"{side} knee"))
            assert knee[2] > seat  # above what the body sits on: the thigh is on the table
            assert knee_angle(body, side) == pytest.approx(90, abs=2)
        assert body[L.LEFT_KNEE][2] == pytest.approx(body[L.RIGHT_KNEE][2], abs=0.005)
        assert body[L.CHEST][2] - body[L.PELVIS][2] > 0.95 * bone(body, L.PELVIS, L.CHEST)


def test_one_shin_hangs_straight_down_all_through(figure: Figure) -> None:
    for fraction in FRAMES:
        assert shin_from_straight_down(figure.body_at(fraction), "right") < 1


def test_the_hip_turns_in_so_the_foot_swings_out_while_the_knee_stays_put(
        figure: Figure) -> None:
    start, end = figure.body_at(0), figure.body_at(1)
    assert shin_from_straight_down(start, "left") < 1  # where the phone is set to zero
    assert 35 <= shin_from_straight_down(end, "left") <= 45  # the reading: a typical one
    assert figure.end is not None
    turned = (figure.end.angle(Angle.HIP_INTERNAL_ROTATION, Side.LEFT)
              - figure.start.angle(Angle.HIP_INTERNAL_ROTATION, Side.LEFT))
    assert 35 <= turned <= 45  # inwards
    for fraction in FRAMES:
        body = figure.body_at(fraction)
        assert length(minus(body[L.LEFT_KNEE], start[L.LEFT_KNEE])) < 0.005
    out = minus(end[L.LEFT_ANKLE], start[L.LEFT_ANKLE])
    assert out[1] > 0.2  # toward the body's left: outwards, away from the right leg
    assert bone(end, L.LEFT_ANKLE, L.RIGHT_ANKLE) > bone(start, L.LEFT_ANKLE,
                                                           L.RIGHT_ANKLE) + 0.2


# -- the phone as it is drawn ----------------------------------------------------------------

def drawn(frames: FigureFrames, fraction: float) -> QImage:
    image = QImage(800, 600, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("white"))
    painter = QPainter(image)
    paint_figure(painter, QRectF(0, 0, 800, 600), frames, fraction, QColor("black"),
                 QColor("white"))
    painter.end()
    return image


@pytest.mark.parametrize("fraction", [0.0, 1.0], ids=["hanging", "turned in"])
def test_the_phone_is_drawn_lying_along_the_shin(qtbot: QtBot, figure: Figure,
                                                 fraction: float) -> None:
    """Drawn with and without the phone, in the same place: what differs is a slab longer
    than wide, its length along the shin however the shin lies."""
    frames = frames_of(figure)
    without = replace(figure, props=tuple(p for p in figure.props if p.prop is not Prop.PHONE))
    a, b = drawn(frames, fraction), drawn(replace(frames, figure=without), fraction)
    differ = [(x, y) for y in range(a.height()) for x in range(a.width())
              if a.pixel(x, y) != b.pixel(x, y)]
    assert len(differ) > 50
    count = len(differ)
    mx, my = sum(x for x, _ in differ) / count, sum(y for _, y in differ) / count
    sxx = sum((x - mx) ** 2 for x, _ in differ) / count
    syy = sum((y - my) ** 2 for _, y in differ) / count
    sxy = sum((x - mx) * (y - my) for x, y in differ) / count
    long_way = math.degrees(0.5 * math.atan2(2 * sxy, sxx - syy))  # the slab's long axis
    spread = math.sqrt((sxx + syy) ** 2 / 4 - (sxx * syy - sxy ** 2))
    assert (sxx + syy) / 2 + spread > 1.3 * ((sxx + syy) / 2 - spread)  # longer than wide
    flat = frames.at(fraction)
    knee, ankle = flat[L.LEFT_KNEE], flat[L.LEFT_ANKLE]
    shin_way = math.degrees(math.atan2(-(ankle[1] - knee[1]), ankle[0] - knee[0]))  # y down
    between = (long_way - shin_way) % 180
    assert min(between, 180 - between) < 8


# -- the dialog ------------------------------------------------------------------------------

@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(100.0)


@pytest.fixture
def dialog(qtbot: QtBot, clock: FakeClock) -> SelfTestDialog:
    shown = SelfTestDialog(date(2026, 11, 25), now=clock.now)
    qtbot.addWidget(shown)
    shown.resize(800, 600)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


def test_the_dialog_shows_the_model_s_figure_not_a_drawn_picture(
        dialog: SelfTestDialog, figure: Figure) -> None:
    assert dialog.picture.figure() == figure
    assert dialog.findChildren(Picture) == []  # no picture file is opened
    assert dialog.picture.isVisible() and dialog.picture.width() >= 200
    assert "phone" in dialog.picture.accessibleDescription()


def test_the_figure_turns_the_hip_in_and_back_slowly_over_and_over(
        dialog: SelfTestDialog, clock: FakeClock) -> None:
    picture = dialog.picture
    assert picture.is_moving()
    assert picture.fraction() == pytest.approx(0)
    hanging = picture.grab().toImage()
    clock.advance(ROUND_TRIP_SECONDS / 2)
    assert picture.fraction() == pytest.approx(1)  # turned in, halfway round
    turned = picture.grab().toImage()
    assert turned != hanging
    clock.advance(ROUND_TRIP_SECONDS / 2)
    assert picture.fraction() == pytest.approx(0)  # back, and on again
    assert picture.grab().toImage() == hanging
    clock.advance(ROUND_TRIP_SECONDS / 4)
    assert 0.3 < picture.fraction() < 0.7
    assert ROUND_TRIP_SECONDS >= 4  # slow enough to follow the foot


def test_the_figure_asks_for_no_frames_once_the_dialog_is_closed(
        qtbot: QtBot, dialog: SelfTestDialog) -> None:
    dialog.reject()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=1000)
    assert not dialog.picture.is_moving()


def test_the_figure_is_drawn_in_the_dialog_s_text_colour(dialog: SelfTestDialog) -> None:
    image = dialog.picture.grab().toImage()
    ink = dialog.picture.palette().windowText().color().rgb()
    inked = sum(image.pixel(x, y) == ink
                for y in range(0, image.height(), 2) for x in range(0, image.width(), 2))
    assert inked > 0.02 * image.width() * image.height() / 4
