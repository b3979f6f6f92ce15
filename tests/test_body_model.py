"""The body model: segment lengths from the table, joints that turn the way anatomy says,
mirroring in the body, interpolation, the range check and the flat views."""

from __future__ import annotations

import json
import math
import subprocess
import sys

import pytest

from hiptimer.body.joints import Angle, Pose, Side, pose_at
from hiptimer.body.range_of_motion import NORMAL, out_of_range
from hiptimer.body.rotation import Vector, length, minus
from hiptimer.body.segments import WINTER, standing_height_check
from hiptimer.body.skeleton import (
    SEGMENTS,
    STANDARD_HEIGHT,
    Body,
    Landmark,
    Placement,
    Tilt,
    floor_tolerance,
    place,
)
from hiptimer.body.view import View, project

H = STANDARD_HEIGHT
L = Landmark


def expected_lengths(height: float) -> dict[tuple[Landmark, Landmark], float]:
    t = WINTER
    lengths = {
        (L.PELVIS, L.CHEST): t.trunk, (L.CHEST, L.NECK): t.neck, (L.NECK, L.HEAD): t.head,
        (L.PELVIS, L.SEAT): t.seat_depth,
        (L.LEFT_HIP, L.RIGHT_HIP): t.hip_joints,
        (L.LEFT_SHOULDER, L.RIGHT_SHOULDER): t.shoulder_width,
    }
    for side in ("left", "right"):
        for (a, b), value in {("hip", "knee"): t.thigh, ("knee", "ankle"): t.shank,
                              ("ankle", "heel"): math.hypot(t.ankle_height, t.heel_back),
                              ("heel", "toe"): t.foot_length,
                              ("shoulder", "elbow"): t.upper_arm,
                              ("elbow", "wrist"): t.forearm,
                              ("wrist", "hand"): t.hand}.items():
            lengths[(L(f"{side} {a}"), L(f"{side} {b}"))] = value
    return {bone: value * height for bone, value in lengths.items()}


def assert_lengths(body: Body) -> None:
    for (a, b), value in expected_lengths(body.height).items():
        assert length(minus(body[a], body[b])) == pytest.approx(value, abs=1e-9), (a, b)


def test_the_table_adds_up_to_the_height() -> None:
    assert standing_height_check() == pytest.approx(1.0)


def test_every_bone_a_drawer_joins_has_a_length() -> None:
    assert set(SEGMENTS) == set(expected_lengths(1.0))


def test_standing_feet_on_the_floor_head_at_the_height() -> None:
    body = place(Pose(), Placement.STANDING, H)
    for foot in (L.LEFT_HEEL, L.LEFT_TOE, L.RIGHT_HEEL, L.RIGHT_TOE):
        assert body[foot][2] == pytest.approx(0.0, abs=1e-9)
    assert body[L.HEAD][2] == pytest.approx(H)
    assert body[L.LEFT_HIP][2] == pytest.approx(0.530 * H)
    assert body[L.LEFT_SHOULDER][2] == pytest.approx(0.818 * H)
    assert body[L.LEFT_HIP][1] > 0 > body[L.RIGHT_HIP][1]
    assert body[L.LEFT_TOE][0] > body[L.LEFT_HEEL][0]
    assert_lengths(body)


@pytest.mark.parametrize("placement", list(Placement))
def test_lengths_hold_in_any_pose_and_placement(placement: Placement) -> None:
    pose = Pose.of(left_hip_flexion=100, left_hip_abduction=30, left_hip_internal_rotation=-40,
                   left_knee_flexion=120, right_hip_flexion=-20, right_ankle_dorsiflexion=-40,
                   spine_flexion=30, spine_side_bend=-20, spine_rotation=40,
                   left_shoulder_flexion=150, right_shoulder_abduction=90,
                   right_elbow_flexion=130)
    body = place(pose, placement, 1.6, Tilt(20, -10, 30))
    assert_lengths(body)
    assert min(point[2] for point in body.positions.values()) == pytest.approx(0.0)


def test_flexion_brings_the_knee_forward_and_abduction_out() -> None:
    flexed = place(Pose.of(left_hip_flexion=90), Placement.STANDING, H)
    assert flexed[L.LEFT_KNEE][0] == pytest.approx(WINTER.thigh * H)
    left_out = place(Pose.of(left_hip_abduction=30), Placement.STANDING, H)
    right_out = place(Pose.of(right_hip_abduction=30), Placement.STANDING, H)
    assert left_out[L.LEFT_KNEE][1] > left_out[L.LEFT_HIP][1]
    assert right_out[L.RIGHT_KNEE][1] < right_out[L.RIGHT_HIP][1]


@pytest.mark.parametrize("side", [Side.LEFT, Side.RIGHT])
def test_internal_rotation_with_the_knee_bent_swings_the_shin_outward(side: Side) -> None:
    """Seated, hip and knee at 90: turning the thigh in about its own axis moves the foot out."""
    bent = {f"{side.value}_hip_flexion": 90.0, f"{side.value}_knee_flexion": 90.0}
    neutral = place(Pose.of(**bent), Placement.SITTING, H)
    turned = place(Pose.of(**bent, **{f"{side.value}_hip_internal_rotation": 30.0}),
                   Placement.SITTING, H)
    ankle = L(f"{side.value} ankle")
    knee = L(f"{side.value} knee")
    outward = 1.0 if side is Side.LEFT else -1.0
    assert (turned[ankle][1] - neutral[ankle][1]) * outward > 0.05 * H
    assert turned[knee] == pytest.approx(neutral[knee])  # the thigh turns about itself


def test_ankle_dorsiflexion_lifts_the_toes_and_elbow_flexion_brings_the_hand_forward() -> None:
    up = place(Pose.of(left_hip_flexion=90, left_ankle_dorsiflexion=20), Placement.SITTING, H)
    assert up[L.LEFT_TOE][2] > up[L.LEFT_HEEL][2]
    bent = place(Pose.of(left_elbow_flexion=90), Placement.STANDING, H)
    assert bent[L.LEFT_HAND][0] > bent[L.LEFT_ELBOW][0] + 0.1 * H


def reflected(point: Vector) -> Vector:
    return (point[0], -point[1], point[2])


MIRROR_CASES = [
    (Pose.of(left_hip_flexion=45, left_knee_flexion=90, left_hip_internal_rotation=-30,
             right_hip_abduction=20, spine_rotation=25, spine_side_bend=10,
             left_shoulder_abduction=70, right_elbow_flexion=40), placement, tilt)
    for placement in Placement for tilt in (Tilt(), Tilt(10, 15, -30))
]


@pytest.mark.parametrize(("pose", "placement", "tilt"), MIRROR_CASES)
def test_the_other_side_is_the_mirror_image_in_the_body(pose: Pose, placement: Placement,
                                                        tilt: Tilt) -> None:
    body = place(pose, placement, H, tilt)
    other = place(pose.mirrored(), placement.mirrored, H, tilt.mirrored())
    assert pose.mirrored() != pose
    for landmark in Landmark:
        assert other[landmark.mirrored] == pytest.approx(reflected(body[landmark]), abs=1e-9)
    assert pose.mirrored().mirrored() == pose


def test_pose_at_moves_every_angle_evenly_and_stays_between() -> None:
    start = Pose.of(left_hip_flexion=20)
    end = Pose.of(left_hip_flexion=60, right_knee_flexion=90)
    assert pose_at(start, end, 0) == start
    assert pose_at(start, end, 1) == end
    half = pose_at(start, end, 0.5)
    assert half.angle(Angle.HIP_FLEXION, Side.LEFT) == pytest.approx(40)
    assert half.angle(Angle.KNEE_FLEXION, Side.RIGHT) == pytest.approx(45)
    assert pose_at(start, end, 2) == end and pose_at(start, end, -1) == start


def test_the_range_check_names_the_angle_and_by_how_much() -> None:
    assert out_of_range(Pose()) == ()
    found = out_of_range(Pose.of(left_hip_flexion=130, right_knee_flexion=-5))
    assert [(excess.words, excess.degrees) for excess in found] == [
        ("left hip flexion", 10), ("right knee flexion", 5)]
    assert "10 beyond the normal range -30 to 120" in str(found[0])
    assert NORMAL[Angle.HIP_INTERNAL_ROTATION].low == -45


def test_the_floor_tolerance_is_two_centimetres_at_the_standard_height() -> None:
    assert floor_tolerance(H) == pytest.approx(0.02)
    assert floor_tolerance(2 * H) == pytest.approx(0.04)


def test_views_show_the_body_as_an_onlooker_would() -> None:
    body = place(Pose.of(left_elbow_flexion=90), Placement.STANDING, H)
    left = project(body, View.LEFT)
    assert left[L.LEFT_TOE].x < left[L.LEFT_HEEL].x  # a standing body faces left
    assert left[L.LEFT_KNEE].depth < left[L.RIGHT_KNEE].depth  # its left leg is nearer
    assert left[L.HEAD].y == pytest.approx(H)
    right = project(body, View.RIGHT)
    assert right[L.LEFT_TOE].x > right[L.LEFT_HEEL].x
    front = project(body, View.FRONT)
    assert front[L.LEFT_SHOULDER].x > front[L.RIGHT_SHOULDER].x
    assert front[L.LEFT_HAND].depth < front[L.PELVIS].depth  # the bent arm reaches toward us
    back = project(body, View.BACK)  # as the person facing the screen sees their own body
    assert back[L.LEFT_SHOULDER].x < back[L.RIGHT_SHOULDER].x
    assert back[L.LEFT_HAND].depth > back[L.PELVIS].depth  # the bent arm reaches away
    top = project(body, View.TOP)
    assert top[L.LEFT_TOE].y > top[L.LEFT_HEEL].y
    assert top[L.HEAD].depth < top[L.LEFT_HEEL].depth
    three = project(body, View.THREE_QUARTER)
    assert three[L.LEFT_SHOULDER].x > three[L.RIGHT_SHOULDER].x
    assert three[L.HEAD].y > three[L.PELVIS].y
    assert {view.mirrored.mirrored for view in View} == set(View)


def test_the_body_loads_no_qt() -> None:
    """Every module of the body, in a fresh interpreter: the drawer's Qt stays on its side."""
    code = """
import importlib, json, pkgutil, sys
import hiptimer.body as body
for module in pkgutil.walk_packages(body.__path__, "hiptimer.body."):
    importlib.import_module(module.name)
print(json.dumps(sorted(sys.modules)))
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    loaded: list[str] = json.loads(result.stdout.splitlines()[-1])
    assert "hiptimer.body.figure_file" in loaded
    assert [name for name in loaded if name.split(".")[0] in ("PySide6", "shiboken6")
            or name.startswith(("hiptimer.ui", "hiptimer.qtloop"))] == []
