"""The shipped figures against anatomy: bones keep their lengths, joints stay in their normal
range and the body rests on the floor in every frame of a rep, on both sides; and each figure
shows what its exercise's description says, measured on the body's points, not its numbers."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from hiptimer.body.figure_file import Figure, PlacedProp, Prop, load_figure
from hiptimer.body.joints import Angle, Pose, Side
from hiptimer.body.range_of_motion import out_of_range
from hiptimer.body.rotation import (
    Vector,
    angle_between,
    apply,
    dot,
    length,
    minus,
    times,
)
from hiptimer.body.skeleton import (
    SEGMENTS,
    STANDARD_HEIGHT,
    Body,
    Landmark,
    Placement,
    floor_tolerance,
    place,
)

from .support.anatomy import bone, knee_angle
from .support.checkout import REPO

FIGURES = REPO / "resources" / "figures"
H = STANDARD_HEIGHT
L = Landmark
FRAMES = [step / 20 for step in range(21)]
STANDING = place(Pose(), Placement.STANDING, H)


def figure(name: str) -> Figure:
    return load_figure(FIGURES / f"{name}.yaml")


def both_sides() -> list[tuple[str, Figure]]:
    found = []
    for path in sorted(FIGURES.glob("*.yaml")):
        first = load_figure(path)
        found += [(f"{path.stem}, first side", first), (f"{path.stem}, other side",
                                                         first.mirrored())]
    return found


SIDES = both_sides()
SIDED = {"clamshells", "reverse-clamshell", "band-resisted-internal-rotation", "band-side-walks",
         "figure-four-stretch", "supine-hip-rotations", "90-90-stretch",
         "seated-internal-rotation-lift", "pigeon"}
"""The figures whose other side differs (a frog or a butterfly is its own mirror image)."""
IDS = [name for name, _ in SIDES]


def hip_angle(body: Body, side: str) -> float:
    """Flexion measured between the trunk, pelvis to chest, and the thigh: 0 standing."""
    trunk_down = minus(body[L.PELVIS], body[L.CHEST])
    thigh = minus(body[L(f"{side} knee")], body[L(f"{side} hip")])
    return angle_between(trunk_down, thigh)


def body_left(item: Figure) -> Vector:
    """The room direction of the body's left, as the figure lays it."""
    return apply(times(item.placement.orientation, item.tilt.matrix), (0.0, 1.0, 0.0))


@pytest.mark.parametrize(("name", "item"), SIDES, ids=IDS)
def test_every_bone_keeps_its_length_in_every_frame(name: str, item: Figure) -> None:
    for fraction in FRAMES:
        body = item.body_at(fraction)
        for a, b in SEGMENTS:
            assert bone(body, a, b) == pytest.approx(bone(STANDING, a, b), abs=1e-9), \
                (name, fraction, a, b)


@pytest.mark.parametrize(("name", "item"), SIDES, ids=IDS)
def test_every_joint_stays_in_its_normal_range_in_every_frame(name: str, item: Figure) -> None:
    for fraction in FRAMES:
        assert out_of_range(item.pose_at(fraction)) == (), (name, fraction)


@pytest.mark.parametrize(("name", "item"), SIDES, ids=IDS)
def test_the_body_rests_on_the_floor_where_it_says_in_every_frame(name: str,
                                                                  item: Figure) -> None:
    for fraction in FRAMES:
        body = item.body_at(fraction)
        assert min(point[2] for point in body.positions.values()) == pytest.approx(0, abs=1e-9)
        for landmark in item.touching:
            assert body[landmark][2] <= floor_tolerance(H), (name, fraction, landmark)


@pytest.mark.parametrize("path", sorted(FIGURES.glob("*.yaml")), ids=lambda p: p.stem)
def test_the_other_side_is_the_first_reflected_through_the_body_s_middle(path: Path) -> None:
    first = load_figure(path)
    other = first.mirrored()
    if path.stem in SIDED:
        assert other.start != first.start and other.touching != first.touching
    for fraction in (0.0, 0.5, 1.0):
        a, b = first.body_at(fraction), other.body_at(fraction)
        for landmark in Landmark:
            x, y, z = a[landmark]
            assert b[landmark.mirrored] == pytest.approx((x, -y, z), abs=1e-9)


# -- each exercise's own facts --------------------------------------------------------------

def test_clamshells_lie_on_a_side_heels_together_and_the_top_knee_opens() -> None:
    item = figure("clamshells")
    assert item.placement is Placement.LYING_ON_RIGHT_SIDE and item.arrow is L.LEFT_KNEE
    for fraction in FRAMES:
        body = item.body_at(fraction)
        assert bone(body, L.LEFT_HEEL, L.RIGHT_HEEL) < 0.06 * H
        for side in ("left", "right"):
            assert knee_angle(body, side) == pytest.approx(90, abs=10)
            assert hip_angle(body, side) == pytest.approx(45, abs=10)
        assert body[L.LEFT_HIP][2] > body[L.RIGHT_HIP][2]  # the left leg is on top
    start, end = item.body_at(0), item.body_at(1)
    assert end[L.LEFT_KNEE][2] - start[L.LEFT_KNEE][2] > 0.12
    assert item.end is not None
    assert item.end.angle(Angle.HIP_INTERNAL_ROTATION, Side.LEFT) < \
        item.start.angle(Angle.HIP_INTERNAL_ROTATION, Side.LEFT)  # it turns out


@pytest.mark.parametrize("name", ["reverse-clamshell", "band-resisted-internal-rotation"])
def test_the_top_foot_rises_with_the_knees_together(name: str) -> None:
    item = figure(name)
    assert item.placement is Placement.LYING_ON_LEFT_SIDE and item.arrow is L.RIGHT_ANKLE
    for fraction in FRAMES:
        body = item.body_at(fraction)
        assert bone(body, L.LEFT_KNEE, L.RIGHT_KNEE) < 0.065 * H
        for side in ("left", "right"):
            assert knee_angle(body, side) == pytest.approx(90, abs=10)
            assert hip_angle(body, side) == pytest.approx(45, abs=10)
    start, end = item.body_at(0), item.body_at(1)
    assert end[L.RIGHT_ANKLE][2] - start[L.RIGHT_ANKLE][2] > 0.10
    assert end[L.RIGHT_KNEE][2] == pytest.approx(start[L.RIGHT_KNEE][2], abs=0.02)
    assert item.end is not None
    assert item.end.angle(Angle.HIP_INTERNAL_ROTATION, Side.RIGHT) > \
        item.start.angle(Angle.HIP_INTERNAL_ROTATION, Side.RIGHT) + 20  # it turns in


def test_the_band_goes_round_the_ankles() -> None:
    for name in ("band-resisted-internal-rotation", "band-side-walks"):
        assert figure(name).props == (PlacedProp(Prop.MINI_BAND, (L.LEFT_ANKLE, L.RIGHT_ANKLE)),)


def test_figure_four_rests_the_ankle_on_the_other_knee_lying_back() -> None:
    item = figure("figure-four-stretch")
    body = item.body_at(0)
    assert item.placement is Placement.LYING_ON_BACK and item.end is None
    assert {L.PELVIS, L.CHEST, L.LEFT_SHOULDER, L.RIGHT_SHOULDER} <= set(item.touching)
    assert bone(body, L.LEFT_ANKLE, L.RIGHT_KNEE) < 0.12
    assert hip_angle(body, "right") >= 80  # the lower thigh drawn in
    assert item.start.angle(Angle.HIP_INTERNAL_ROTATION, Side.LEFT) < -30  # turned out
    assert bone(body, L.LEFT_HAND, L.RIGHT_KNEE) < 0.16
    assert knee_angle(body, "left") == pytest.approx(90, abs=15)


def test_supine_rotations_let_both_knees_fall_to_one_side() -> None:
    item = figure("supine-hip-rotations")
    assert item.placement is Placement.LYING_ON_BACK
    start, end = item.body_at(0), item.body_at(1)
    for foot in (L.LEFT_HEEL, L.LEFT_TOE, L.RIGHT_HEEL, L.RIGHT_TOE):
        assert start[foot][2] < floor_tolerance(H)  # feet flat
    left = body_left(item)
    for knee in (L.LEFT_KNEE, L.RIGHT_KNEE):
        assert dot(minus(end[knee], start[knee]), left) > 0.15
    for fraction in FRAMES:
        body = item.body_at(fraction)
        assert body[L.LEFT_SHOULDER][2] < 0.01 and body[L.RIGHT_SHOULDER][2] < 0.01


def test_side_walks_step_toward_the_side_named_knees_soft() -> None:
    item = figure("band-side-walks")
    assert item.placement is Placement.STANDING and item.arrow is L.LEFT_ANKLE
    start, end = item.body_at(0), item.body_at(1)
    assert dot(minus(end[L.LEFT_ANKLE], start[L.LEFT_ANKLE]), body_left(item)) > 0.05
    assert bone(end, L.LEFT_ANKLE, L.RIGHT_ANKLE) > bone(start, L.LEFT_ANKLE, L.RIGHT_ANKLE)
    for body in (start, end):
        for foot in (L.LEFT_HEEL, L.LEFT_TOE, L.RIGHT_HEEL, L.RIGHT_TOE):
            assert body[foot][2] < floor_tolerance(H)
        for side in ("left", "right"):
            assert 15 <= knee_angle(body, side) <= 50
    assert {L.RIGHT_HEEL, L.RIGHT_TOE} <= set(item.touching)


def test_butterfly_sits_with_the_soles_together_and_the_knees_out() -> None:
    item = figure("seated-butterfly")
    body = item.body_at(0)
    assert item.placement is Placement.SITTING and L.SEAT in item.touching
    assert bone(body, L.LEFT_HEEL, L.RIGHT_HEEL) < 0.12
    assert bone(body, L.LEFT_KNEE, L.RIGHT_KNEE) > 0.3 * H
    assert body[L.LEFT_KNEE][2] > body[L.LEFT_HEEL][2] + 0.1
    for side in ("left", "right"):
        assert bone(body, L(f"{side} hand"), L(f"{side} ankle")) < 0.12
        assert item.start.angle(Angle.HIP_INTERNAL_ROTATION, Side(side)) < -30  # turned out


def test_frog_kneels_wide_with_the_shins_parallel_and_the_hips_back() -> None:
    item = figure("frog-stretch")
    body = item.body_at(0)
    assert item.placement is Placement.ALL_FOURS
    assert {L.LEFT_KNEE, L.RIGHT_KNEE, L.LEFT_HAND, L.RIGHT_HAND} <= set(item.touching)
    for side in ("left", "right"):
        assert knee_angle(body, side) == pytest.approx(90, abs=10)
    knees = bone(body, L.LEFT_KNEE, L.RIGHT_KNEE)
    assert knees > 0.3 * H
    assert bone(body, L.LEFT_ANKLE, L.RIGHT_ANKLE) == pytest.approx(knees, abs=0.05)
    head_way = minus(body[L.HEAD], body[L.PELVIS])
    for side in ("left", "right"):  # the ankles are behind the knees
        assert dot(minus(body[L(f"{side} ankle")], body[L(f"{side} knee")]), head_way) < 0
    assert body[L.CHEST][2] > body[L.PELVIS][2]  # the hips sink back, below the shoulders


def test_ninety_ninety_sits_with_both_knees_at_a_right_angle() -> None:
    item = figure("90-90-stretch")
    body = item.body_at(0)
    assert item.placement is Placement.SITTING
    assert {L.SEAT, L.LEFT_KNEE, L.RIGHT_KNEE} <= set(item.touching)
    for side in ("left", "right"):
        assert knee_angle(body, side) == pytest.approx(90, abs=10)
    # the front (right) hip turned out, the back (left) hip turned in
    assert item.start.angle(Angle.HIP_INTERNAL_ROTATION, Side.RIGHT) < -30
    assert item.start.angle(Angle.HIP_INTERNAL_ROTATION, Side.LEFT) > 30
    # the front shin runs across in front, toward the body's left; the back shin points back
    left, front = body_left(item), apply(times(item.placement.orientation, item.tilt.matrix),
                                         (1.0, 0.0, 0.0))
    assert dot(minus(body[L.RIGHT_ANKLE], body[L.RIGHT_KNEE]), left) > 0.15
    assert dot(minus(body[L.LEFT_ANKLE], body[L.LEFT_KNEE]), front) < -0.15
    assert item.start.angle(Angle.SPINE_ROTATION) > 0  # the chest turns to the back foot


def test_the_seated_lift_raises_the_back_foot_with_its_knee_down() -> None:
    item = figure("seated-internal-rotation-lift")
    assert item.placement is Placement.SITTING and item.arrow is L.LEFT_ANKLE
    assert {L.SEAT, L.LEFT_KNEE, L.LEFT_HAND, L.RIGHT_HAND} <= set(item.touching)
    start, end = item.body_at(0), item.body_at(1)
    assert start[L.LEFT_TOE][2] < floor_tolerance(H)
    assert 0.03 < end[L.LEFT_TOE][2] - start[L.LEFT_TOE][2] < 0.10  # a few centimetres
    assert 0.03 < end[L.LEFT_ANKLE][2] - start[L.LEFT_ANKLE][2] < 0.10
    for body in (start, end):
        for side in ("left", "right"):
            assert knee_angle(body, side) == pytest.approx(90, abs=10)
    assert item.end is not None
    assert item.end.angle(Angle.HIP_INTERNAL_ROTATION, Side.LEFT) > \
        item.start.angle(Angle.HIP_INTERNAL_ROTATION, Side.LEFT)  # the back hip turns in


def test_pigeon_turns_the_front_hip_out_over_a_shin_angled_under_the_body() -> None:
    item = figure("pigeon")
    body = item.body_at(0)
    assert item.placement is Placement.ALL_FOURS and item.end is None
    assert {L.LEFT_KNEE, L.LEFT_TOE, L.RIGHT_KNEE, L.RIGHT_TOE} <= set(item.touching)
    pelvis = times(item.placement.orientation, item.tilt.matrix)
    front, left = apply(pelvis, (1.0, 0.0, 0.0)), apply(pelvis, (0.0, 1.0, 0.0))
    # the front (left) thigh flexed and out to the side, the hip turned out as far as it goes
    thigh = minus(body[L.LEFT_KNEE], body[L.LEFT_HIP])
    assert dot(thigh, front) > 0.3 * length(thigh) and dot(thigh, left) > 0.5 * length(thigh)
    assert item.start.angle(Angle.HIP_INTERNAL_ROTATION, Side.LEFT) <= -40
    assert 90 <= knee_angle(body, "left") <= 130
    # its shin lies on the floor, running back and toward the right, neither straight back
    # nor straight across; the outer ankle rests there too (the ankle's centre a few cm up)
    shin = minus(body[L.LEFT_ANKLE], body[L.LEFT_KNEE])
    assert shin[0] < -0.1 and shin[1] < -0.05  # the head points to +x, the body's left +y
    assert body[L.LEFT_ANKLE][2] < 0.05
    assert body[L.LEFT_KNEE][0] > body[L.LEFT_HIP][0]  # the knee forward of its hip
    # the back (right) leg long behind: knee nearly straight, hip at or behind neutral
    back = minus(body[L.RIGHT_KNEE], body[L.RIGHT_HIP])
    assert knee_angle(body, "right") <= 20 and dot(back, front) < 0
    assert body[L.RIGHT_HIP][0] - body[L.RIGHT_KNEE][0] > 0.35
    # the hips about level: as level as the normal ranges let the front leg lie
    assert abs(body[L.LEFT_HIP][2] - body[L.RIGHT_HIP][2]) < 0.06
    # folded down onto the forearms in front, the head low over the hands (the head's
    # point is its top; the chin, ``NECK``, is lower still)
    assert {L.LEFT_ELBOW, L.RIGHT_ELBOW, L.LEFT_HAND, L.RIGHT_HAND} <= set(item.touching)
    for point, highest in ((L.HEAD, 0.35), (L.NECK, 0.3), (L.CHEST, 0.3)):
        assert body[point][2] < highest
    assert min(math.dist(body[L.HEAD][:2], body[hand][:2])
               for hand in (L.LEFT_HAND, L.RIGHT_HAND)) < 0.1
    for point in (L.HEAD, L.LEFT_HAND, L.RIGHT_HAND):
        assert body[point][0] > body[L.LEFT_KNEE][0] + 0.3  # in front of the front knee
