"""The normal adult range of every joint angle, and which angles of a pose leave it.

The values are the American Academy of Orthopaedic Surgeons' normal adult ranges as
tabulated in C. C. Norkin and D. J. White, "Measurement of Joint Motion: A Guide to
Goniometry" (F. A. Davis), with the thoracolumbar spine's from the same source. A figure
that leaves them would teach a position most people cannot, or should not, reach.
"""

from __future__ import annotations

from dataclasses import dataclass

from hiptimer.base.local_format import number_text
from hiptimer.base.translation import _
from hiptimer.body.joints import Angle, Pose, every_place


@dataclass(frozen=True)
class Span:
    """Degrees an angle may take: ``low`` (its opposite direction, below zero) to ``high``."""

    low: float
    high: float


NORMAL: dict[Angle, Span] = {
    Angle.HIP_FLEXION: Span(-30, 120),          # extension 30, flexion 120
    Angle.HIP_ABDUCTION: Span(-30, 45),         # adduction 30, abduction 45
    Angle.HIP_INTERNAL_ROTATION: Span(-45, 45),  # external 45, internal 45
    Angle.KNEE_FLEXION: Span(0, 135),           # no hyperextension
    Angle.ANKLE_DORSIFLEXION: Span(-50, 20),    # plantar flexion 50, dorsiflexion 20
    Angle.SPINE_FLEXION: Span(-25, 80),         # extension 25, flexion 80
    Angle.SPINE_SIDE_BEND: Span(-35, 35),
    Angle.SPINE_ROTATION: Span(-45, 45),
    Angle.SHOULDER_FLEXION: Span(-60, 180),     # extension 60, flexion 180
    Angle.SHOULDER_ABDUCTION: Span(-30, 180),
    Angle.SHOULDER_INTERNAL_ROTATION: Span(-90, 70),  # external 90, internal 70
    Angle.ELBOW_FLEXION: Span(0, 150),
}


@dataclass(frozen=True)
class Excess:
    """An angle out of its normal range, and by how many degrees."""

    words: str
    value: float
    span: Span

    @property
    def degrees(self) -> float:
        return self.span.low - self.value if self.value < self.span.low else \
            self.value - self.span.high

    def __str__(self) -> str:
        # Translators: {angle} is a joint angle as a figure file names it ("left hip
        # flexion"); keep it as it is.
        return _("{angle} is {value} degrees, {beyond} beyond the normal range {low} to "
                 "{high}").format(angle=self.words, value=number_text(self.value),
                                  beyond=number_text(self.degrees),
                                  low=number_text(self.span.low),
                                  high=number_text(self.span.high))


def out_of_range(pose: Pose) -> tuple[Excess, ...]:
    """Every angle of ``pose`` outside ``NORMAL``, in the order of ``every_place``."""
    found: list[Excess] = []
    for where in every_place():
        span = NORMAL[where.angle]
        value = pose[where]
        if value < span.low or value > span.high:
            found.append(Excess(where.words, value, span))
    return tuple(found)
