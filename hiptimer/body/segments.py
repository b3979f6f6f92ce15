"""How long each part of the body is, as a fraction of body height.

The fractions are Winter's segment-length proportions (D. A. Winter, "Biomechanics and Motor
Control of Human Movement", 4th ed., Wiley 2009, figure 4.1, after Drillis and Contini):
the figure is drawn from one adult body, so every exercise shows the same person. Lengths
along the body are joint centre to joint centre; the shoulder width is taken between the
shoulder joints, and the hip joints sit inside the hip width (see ``hip_joints``).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Proportions:
    """Segment lengths as fractions of standing height (``H``)."""

    thigh: float = 0.245
    """Hip joint (greater trochanter level, 0.530 H) to knee (0.285 H)."""
    shank: float = 0.246
    """Knee to ankle (0.039 H)."""
    ankle_height: float = 0.039
    """Ankle joint to the sole."""
    foot_length: float = 0.152
    """Heel to toe."""
    heel_back: float = 0.030
    """How far the heel sits behind the ankle; Winter's foot figure, rounded (an estimate)."""
    trunk: float = 0.288
    """Hip joints (0.530 H) to shoulder joints (0.818 H)."""
    neck: float = 0.052
    """Shoulder level to chin (0.870 H)."""
    head: float = 0.130
    """Chin to the top of the head (1.000 H)."""
    upper_arm: float = 0.186
    forearm: float = 0.146
    hand: float = 0.108
    shoulder_width: float = 0.259
    hip_width: float = 0.191
    """Across the hips at the greater trochanters, the body's outline, not its joints."""
    trochanter_reach: float = 0.048
    """How far each greater trochanter reaches beyond its hip joint centre (an estimate:
    the femoral neck's offset); the hip joint centres are ``hip_width`` less twice this
    apart, about 17 cm at 1.75 m."""

    seat_depth: float = 0.050
    """How far below the hip joints a seated body rests: the ischial tuberosities and the
    flesh under them (an estimate, about 9 cm at 1.75 m)."""

    @property
    def hip_joints(self) -> float:
        """Between the two hip joint centres."""
        return self.hip_width - 2 * self.trochanter_reach


WINTER = Proportions()
"""The one table the figure uses."""


def standing_height_check(table: Proportions = WINTER) -> float:
    """Sole to the top of the head when standing: 1.0 for a consistent table."""
    return (table.ankle_height + table.shank + table.thigh + table.trunk + table.neck
            + table.head)
