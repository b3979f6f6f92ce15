"""What the measured range of internal rotation means: the typical band and side differences."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

TYPICAL_BAND = (35.0, 45.0)
"""Degrees of hip internal rotation the source material calls typical and sufficient."""
ASYMMETRY_LIMIT = 10.0
"""A left/right difference above this many degrees is worth attention."""


def latest(measurements: Sequence[tuple[date, str, float]], side: str) -> float | None:
    values = [degrees for _, s, degrees in measurements if s == side]
    return values[-1] if values else None


def findings(measurements: Sequence[tuple[date, str, float]]) -> list[str]:
    """Plain sentences about the latest measurement of each side."""
    notes = []
    left, right = latest(measurements, "left"), latest(measurements, "right")
    low, high = TYPICAL_BAND
    for side, value in (("Left", left), ("Right", right)):
        if value is None:
            continue
        if value < low:
            notes.append(f"{side}: {value:g}° is below the usual {low:g}-{high:g}°.")
        elif value > high:
            notes.append(f"{side}: {value:g}° is above the usual {low:g}-{high:g}°.")
        else:
            notes.append(f"{side}: {value:g}° is within the usual {low:g}-{high:g}°.")
    if left is not None and right is not None and abs(left - right) > ASYMMETRY_LIMIT:
        notes.append(f"Left and right differ by {abs(left - right):g}°, more than "
                     f"{ASYMMETRY_LIMIT:g}°: worth working the tighter side more, "
                     "or asking a physiotherapist.")
    return notes
