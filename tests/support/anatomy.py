"""Measures taken on a placed body, as a physiotherapist takes them on a person: the tests
of the figures check what they show by these, not by the numbers in their files."""

from __future__ import annotations

from hiptimer.body.rotation import angle_between, length, minus
from hiptimer.body.skeleton import Body, Landmark

L = Landmark


def bone(body: Body, a: Landmark, b: Landmark) -> float:
    """How far apart two points are, in metres."""
    return length(minus(body[a], body[b]))


def knee_angle(body: Body, side: str) -> float:
    """Flexion measured between the thigh and the shin: 0 straight, 90 a right angle."""
    hip, knee, ankle = (body[L(f"{side} {part}")] for part in ("hip", "knee", "ankle"))
    return 180 - angle_between(minus(hip, knee), minus(ankle, knee))
