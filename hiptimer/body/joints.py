"""The joint angles a figure is posed with, and a pose as an immutable value.

Every angle is signed around the anatomical standing position (zero: standing upright, arms
hanging, palms to the thighs, feet forward). The positive direction is the one the name
says; the negative one is its opposite: hip flexion below zero is extension, abduction below
zero is adduction, internal rotation below zero is external rotation, ankle dorsiflexion
below zero is plantar flexion. Spine side bend and rotation are positive to the body's left.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import Enum, StrEnum


class Side(StrEnum):
    """Which limb an angle belongs to; the spine's angles belong to ``MIDDLE``."""

    LEFT = "left"
    RIGHT = "right"
    MIDDLE = "middle"

    @property
    def other(self) -> Side:
        """The other limb (the middle stays the middle)."""
        if self is Side.LEFT:
            return Side.RIGHT
        if self is Side.RIGHT:
            return Side.LEFT
        return self


class Joint(StrEnum):
    HIP = "hip"
    KNEE = "knee"
    ANKLE = "ankle"
    SPINE = "spine"
    SHOULDER = "shoulder"
    ELBOW = "elbow"


class Angle(Enum):
    """One anatomical angle: its joint, and the word for its positive direction."""

    HIP_FLEXION = (Joint.HIP, "flexion")
    HIP_ABDUCTION = (Joint.HIP, "abduction")
    HIP_INTERNAL_ROTATION = (Joint.HIP, "internal rotation")
    KNEE_FLEXION = (Joint.KNEE, "flexion")
    ANKLE_DORSIFLEXION = (Joint.ANKLE, "dorsiflexion")
    SPINE_FLEXION = (Joint.SPINE, "flexion")
    SPINE_SIDE_BEND = (Joint.SPINE, "side bend")
    SPINE_ROTATION = (Joint.SPINE, "rotation")
    SHOULDER_FLEXION = (Joint.SHOULDER, "flexion")
    SHOULDER_ABDUCTION = (Joint.SHOULDER, "abduction")
    SHOULDER_INTERNAL_ROTATION = (Joint.SHOULDER, "internal rotation")
    ELBOW_FLEXION = (Joint.ELBOW, "flexion")

    @property
    def joint(self) -> Joint:
        joint: Joint = self.value[0]
        return joint

    @property
    def motion(self) -> str:
        motion: str = self.value[1]
        return motion

    @property
    def sided(self) -> bool:
        """Whether the angle exists on a left and a right limb (all but the spine's)."""
        return self.joint is not Joint.SPINE

    @property
    def words(self) -> str:
        """The angle as a figure file names it after its side: ``hip internal rotation``."""
        return f"{self.joint.value} {self.motion}"


@dataclass(frozen=True)
class Where:
    """An angle on one side of the body (the spine's on ``Side.MIDDLE``)."""

    angle: Angle
    side: Side

    def __post_init__(self) -> None:
        if self.angle.sided == (self.side is Side.MIDDLE):
            raise ValueError(f"{self.angle.name} cannot be on side {self.side.value}")

    @property
    def words(self) -> str:
        """How a figure file names it: ``left hip flexion``, ``spine rotation``."""
        return self.angle.words if self.side is Side.MIDDLE else \
            f"{self.side.value} {self.angle.words}"


def every_place() -> tuple[Where, ...]:
    """Every angle on every side it exists on."""
    return tuple(Where(angle, side) for angle in Angle
                 for side in ((Side.LEFT, Side.RIGHT) if angle.sided else (Side.MIDDLE,)))


BY_WORDS: dict[str, Where] = {where.words: where for where in every_place()}
"""Each angle by the words a figure file uses for it."""


class Pose(Mapping[Where, float]):
    """Joint angles in degrees; an angle not given is zero (the standing position)."""

    __slots__ = ("_angles",)

    def __init__(self, angles: Mapping[Where, float] | None = None) -> None:
        self._angles: dict[Where, float] = {
            where: float(value) for where, value in (angles or {}).items() if value != 0}

    @classmethod
    def of(cls, **angles: float) -> Pose:
        """A pose from keywords such as ``left_hip_flexion=90`` or ``spine_rotation=20``."""
        return cls({BY_WORDS[name.replace("_", " ")]: value for name, value in angles.items()})

    def __getitem__(self, where: Where) -> float:
        if not isinstance(where, Where):
            raise KeyError(where)
        return self._angles.get(where, 0.0)

    def __iter__(self) -> Iterator[Where]:
        return iter(every_place())

    def __len__(self) -> int:
        return len(every_place())

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Pose) and self._angles == other._angles

    def __hash__(self) -> int:
        return hash(frozenset(self._angles.items()))

    def __repr__(self) -> str:
        shown = ", ".join(f"{where.words}={value:g}" for where, value in self._angles.items())
        return f"Pose({shown})"

    def angle(self, angle: Angle, side: Side = Side.MIDDLE) -> float:
        """One angle in degrees."""
        return self[Where(angle, side)]

    def mirrored(self) -> Pose:
        """The same pose on the other side of the body: left and right limbs swap angles,
        and the spine's side bend and rotation turn the other way."""
        angles: dict[Where, float] = {}
        for where, value in self._angles.items():
            if where.side is Side.MIDDLE:
                flips = where.angle in (Angle.SPINE_SIDE_BEND, Angle.SPINE_ROTATION)
                angles[where] = -value if flips else value
            else:
                angles[Where(where.angle, where.side.other)] = value
        return Pose(angles)


def pose_at(start: Pose, end: Pose, fraction: float) -> Pose:
    """The pose ``fraction`` of the way from ``start`` (0) to ``end`` (1), angle by angle.

    Each angle moves at an even pace, so a rep drawn in time with the tempo moves every joint
    together; ``fraction`` is clamped to 0..1.
    """
    fraction = min(1.0, max(0.0, fraction))
    return Pose({where: start[where] + (end[where] - start[where]) * fraction
                 for where in every_place()})
