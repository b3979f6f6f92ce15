"""Where every joint of the body is, from a pose, a placement on the floor and a height.

Coordinates (the room): metres, right-handed, ``z`` up and the floor at ``z = 0``. Standing,
the body faces ``+x`` and its left is ``+y``; the same axes fixed to the pelvis are the
*body frame*. A placement turns the body frame in the room (lying on the back, on a side, on
all fours); the body is then lowered until its lowest point rests on the floor, with the
pelvis centre above the room's origin.

The body is a stick figure of joint centres: it has no thickness, so lying on the back puts
the pelvis centre and the shoulders on the floor, and on all fours the knees are on it.

Each joint turns its limb in the limb's own frame, composed as rotation matrices in the
order flexion, then abduction, then rotation about the limb's own long axis; internal
rotation of a hip with the knee bent therefore swings the shin outward, as in the body.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from hiptimer.body.joints import Angle, Pose, Side
from hiptimer.body.rotation import (
    Matrix,
    Vector,
    about_x,
    about_y,
    about_z,
    add,
    apply,
    columns,
    times,
)
from hiptimer.body.segments import WINTER, Proportions

STANDARD_HEIGHT = 1.75
"""The height figures are checked at, in metres."""


class Landmark(StrEnum):
    """A point of the stick figure; the value is how a figure file names it."""

    PELVIS = "pelvis"
    """The middle between the hip joints."""
    SEAT = "seat"
    """The sit bones, with the flesh under them: what a seated body rests on."""
    LEFT_HIP = "left hip"
    RIGHT_HIP = "right hip"
    LEFT_KNEE = "left knee"
    RIGHT_KNEE = "right knee"
    LEFT_ANKLE = "left ankle"
    RIGHT_ANKLE = "right ankle"
    LEFT_HEEL = "left heel"
    RIGHT_HEEL = "right heel"
    LEFT_TOE = "left toe"
    RIGHT_TOE = "right toe"
    CHEST = "chest"
    """Between the shoulders: the top of the trunk."""
    LEFT_SHOULDER = "left shoulder"
    RIGHT_SHOULDER = "right shoulder"
    LEFT_ELBOW = "left elbow"
    RIGHT_ELBOW = "right elbow"
    LEFT_WRIST = "left wrist"
    RIGHT_WRIST = "right wrist"
    LEFT_HAND = "left hand"
    """The fingertips."""
    RIGHT_HAND = "right hand"
    NECK = "neck"
    """Chin level."""
    HEAD = "head"
    """The top of the head."""

    @property
    def mirrored(self) -> Landmark:
        """The same point on the other side of the body."""
        if self.value.startswith("left "):
            return Landmark("right " + self.value.removeprefix("left "))
        if self.value.startswith("right "):
            return Landmark("left " + self.value.removeprefix("right "))
        return self


SEGMENTS: tuple[tuple[Landmark, Landmark], ...] = (
    (Landmark.PELVIS, Landmark.CHEST), (Landmark.PELVIS, Landmark.SEAT),
    (Landmark.CHEST, Landmark.NECK), (Landmark.NECK, Landmark.HEAD),
    (Landmark.LEFT_HIP, Landmark.RIGHT_HIP), (Landmark.LEFT_SHOULDER, Landmark.RIGHT_SHOULDER),
    *((Landmark(f"{side} {a}"), Landmark(f"{side} {b}")) for side in ("left", "right")
      for a, b in (("hip", "knee"), ("knee", "ankle"), ("ankle", "heel"), ("heel", "toe"),
                   ("shoulder", "elbow"), ("elbow", "wrist"), ("wrist", "hand"))),
)
"""The bones a drawer joins with lines; each keeps its length in every pose."""


class Placement(StrEnum):
    """How the pelvis lies in the room; the value is how a figure file names it."""

    STANDING = "standing"
    SITTING = "sitting"
    LYING_ON_BACK = "lying on back"
    LYING_ON_LEFT_SIDE = "lying on left side"
    LYING_ON_RIGHT_SIDE = "lying on right side"
    ALL_FOURS = "all fours"

    @property
    def mirrored(self) -> Placement:
        if self is Placement.LYING_ON_LEFT_SIDE:
            return Placement.LYING_ON_RIGHT_SIDE
        if self is Placement.LYING_ON_RIGHT_SIDE:
            return Placement.LYING_ON_LEFT_SIDE
        return self

    @property
    def orientation(self) -> Matrix:
        """The body frame's axes in the room: where the body's front, left and head point.

        Lying and on all fours the head points to ``+x``."""
        front, left, up = _ORIENTATIONS[self]
        return columns(front, left, up)


_ORIENTATIONS: dict[Placement, tuple[Vector, Vector, Vector]] = {
    Placement.STANDING: ((1, 0, 0), (0, 1, 0), (0, 0, 1)),
    Placement.SITTING: ((1, 0, 0), (0, 1, 0), (0, 0, 1)),
    Placement.LYING_ON_BACK: ((0, 0, 1), (0, -1, 0), (1, 0, 0)),
    Placement.LYING_ON_LEFT_SIDE: ((0, -1, 0), (0, 0, -1), (1, 0, 0)),
    Placement.LYING_ON_RIGHT_SIDE: ((0, 1, 0), (0, 0, 1), (1, 0, 0)),
    Placement.ALL_FOURS: ((0, 0, -1), (0, 1, 0), (1, 0, 0)),
}


Positions = Mapping[Landmark, Vector]


def body_points(pose: Pose, height: float = 1.0,
                table: Proportions = WINTER) -> dict[Landmark, Vector]:
    """Every landmark in the body frame, the pelvis centre at the origin."""
    h = height
    points: dict[Landmark, Vector] = {Landmark.PELVIS: (0.0, 0.0, 0.0),
                                      Landmark.SEAT: (0.0, 0.0, -table.seat_depth * h)}
    for side, sign in ((Side.LEFT, 1.0), (Side.RIGHT, -1.0)):
        _leg(points, pose, side, sign, h, table)
    spine = times(times(about_y(pose.angle(Angle.SPINE_FLEXION)),
                        about_x(-pose.angle(Angle.SPINE_SIDE_BEND))),
                  about_z(pose.angle(Angle.SPINE_ROTATION)))
    chest = apply(spine, (0.0, 0.0, table.trunk * h))
    points[Landmark.CHEST] = chest
    points[Landmark.NECK] = add(chest, apply(spine, (0.0, 0.0, table.neck * h)))
    points[Landmark.HEAD] = add(points[Landmark.NECK], apply(spine, (0.0, 0.0, table.head * h)))
    for side, sign in ((Side.LEFT, 1.0), (Side.RIGHT, -1.0)):
        _arm(points, pose, spine, chest, side, sign, h, table)
    return points


def _limb_turn(flexion: float, abduction: float, internal: float, sign: float) -> Matrix:
    """A ball joint's turn: flexion brings the limb forward, abduction away from the
    midline, internal rotation turns its front toward the midline (``sign`` +1 on the left,
    -1 on the right)."""
    return times(times(about_y(-flexion), about_x(sign * abduction)),
                 about_z(-sign * internal))


def _leg(points: dict[Landmark, Vector], pose: Pose, side: Side, sign: float, h: float,
         table: Proportions) -> None:
    hip = (0.0, sign * table.hip_joints * h / 2, 0.0)
    thigh = _limb_turn(pose.angle(Angle.HIP_FLEXION, side), pose.angle(Angle.HIP_ABDUCTION, side),
                       pose.angle(Angle.HIP_INTERNAL_ROTATION, side), sign)
    knee = add(hip, apply(thigh, (0.0, 0.0, -table.thigh * h)))
    shank = times(thigh, about_y(pose.angle(Angle.KNEE_FLEXION, side)))
    ankle = add(knee, apply(shank, (0.0, 0.0, -table.shank * h)))
    foot = times(shank, about_y(-pose.angle(Angle.ANKLE_DORSIFLEXION, side)))
    heel = add(ankle, apply(foot, (-table.heel_back * h, 0.0, -table.ankle_height * h)))
    toe = add(heel, apply(foot, (table.foot_length * h, 0.0, 0.0)))
    name = side.value
    points.update({Landmark(f"{name} hip"): hip, Landmark(f"{name} knee"): knee,
                   Landmark(f"{name} ankle"): ankle, Landmark(f"{name} heel"): heel,
                   Landmark(f"{name} toe"): toe})


def _arm(points: dict[Landmark, Vector], pose: Pose, spine: Matrix, chest: Vector,
         side: Side, sign: float, h: float, table: Proportions) -> None:
    shoulder = add(chest, apply(spine, (0.0, sign * table.shoulder_width * h / 2, 0.0)))
    upper = times(spine, _limb_turn(pose.angle(Angle.SHOULDER_FLEXION, side),
                                    pose.angle(Angle.SHOULDER_ABDUCTION, side),
                                    pose.angle(Angle.SHOULDER_INTERNAL_ROTATION, side), sign))
    elbow = add(shoulder, apply(upper, (0.0, 0.0, -table.upper_arm * h)))
    fore = times(upper, about_y(-pose.angle(Angle.ELBOW_FLEXION, side)))
    wrist = add(elbow, apply(fore, (0.0, 0.0, -table.forearm * h)))
    hand = add(wrist, apply(fore, (0.0, 0.0, -table.hand * h)))
    name = side.value
    points.update({Landmark(f"{name} shoulder"): shoulder, Landmark(f"{name} elbow"): elbow,
                   Landmark(f"{name} wrist"): wrist, Landmark(f"{name} hand"): hand})


@dataclass(frozen=True)
class Tilt:
    """How the pelvis leans from its placement, in degrees, in the body frame: ``forward``
    brings the head toward the body's front, ``sideways`` toward its left, ``turn`` turns
    its front toward its left. Sitting in 90/90, say, the pelvis turns toward the front leg."""

    forward: float = 0.0
    sideways: float = 0.0
    turn: float = 0.0

    @property
    def matrix(self) -> Matrix:
        return times(times(about_z(self.turn), about_x(-self.sideways)), about_y(self.forward))

    def mirrored(self) -> Tilt:
        return Tilt(self.forward, -self.sideways, -self.turn)


NO_TILT = Tilt()
"""The pelvis as its placement lays it."""


@dataclass(frozen=True)
class Body:
    """A posed body in the room: every landmark's position, floor at ``z = 0``."""

    positions: Mapping[Landmark, Vector]
    height: float

    def __getitem__(self, landmark: Landmark) -> Vector:
        return self.positions[landmark]


def place(pose: Pose, placement: Placement, height: float = STANDARD_HEIGHT,
          tilt: Tilt = NO_TILT) -> Body:
    """The body in ``pose`` laid in the room as ``placement`` and ``tilt`` say, lowered until
    its lowest point rests on the floor, the pelvis centre above the room's origin."""
    orientation = times(placement.orientation, tilt.matrix)
    turned = {landmark: apply(orientation, point)
              for landmark, point in body_points(pose, height).items()}
    lowest = min(point[2] for point in turned.values())
    return Body({landmark: (point[0], point[1], point[2] - lowest)
                 for landmark, point in turned.items()}, height)


def floor_tolerance(height: float) -> float:
    """How far a point said to touch the floor may be from it: 2 cm at 1.75 m."""
    return 0.02 * height / STANDARD_HEIGHT


def off_the_floor(body: Body, touching: tuple[Landmark, ...]) -> tuple[tuple[Landmark, float], ...]:
    """The points of ``touching`` further than the tolerance from the floor, with how far.

    No point can be below the floor: ``place`` rests the lowest on it.
    """
    tolerance = floor_tolerance(body.height)
    return tuple((landmark, body[landmark][2]) for landmark in touching
                 if body[landmark][2] > tolerance)

