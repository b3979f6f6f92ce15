"""What the measured range of internal rotation means: the typical band and side differences,
and when it is time to measure again."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from enum import StrEnum

TYPICAL_BAND = (35.0, 45.0)
"""Degrees of hip internal rotation the source material calls typical and sufficient."""
ASYMMETRY_LIMIT = 10.0
"""A left/right difference above this many degrees is worth attention."""
MEASURE_EVERY = timedelta(days=14)
"""How often to measure again: a measurement this old or older is due for another."""
READINGS_PER_SIDE = 3
"""Readings taken on each side in the seated self-test; the middle one counts."""


class Side(StrEnum):
    """The leg measured; its value is what the history keeps ("left", "right")."""

    LEFT = "left"
    RIGHT = "right"


def middle_reading(readings: Sequence[float]) -> float:
    """The median of ``readings``: one reading taken badly (a thigh that moved, a phone
    that slipped) does not move it. With an even number, the lower of the middle two, so
    that what counts is always a reading that was taken."""
    if not readings:
        raise ValueError("no readings to take the middle of")
    ordered = sorted(readings)
    return ordered[(len(ordered) - 1) // 2]


def side_result(readings: Sequence[float | None]) -> float | None:
    """What a side of the self-test comes to: its middle reading once every reading is
    typed (None stands for one not typed), and None while any is missing."""
    if not readings or any(reading is None for reading in readings):
        return None
    return middle_reading([reading for reading in readings if reading is not None])


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
            notes.append(f"{side}: {value:g}° is below the typical {low:g}-{high:g}°.")
        elif value > high:
            notes.append(f"{side}: {value:g}° is above the typical {low:g}-{high:g}°.")
        else:
            notes.append(f"{side}: {value:g}° is within the typical {low:g}-{high:g}°.")
    if left is not None and right is not None and abs(left - right) > ASYMMETRY_LIMIT:
        notes.append(f"Left and right differ by {abs(left - right):g}°, more than "
                     f"{ASYMMETRY_LIMIT:g}°: worth working the tighter side more, "
                     "or asking a physiotherapist.")
    return notes


def measure_again(measurements: Sequence[tuple[date, str, float]], today: date,
                  has_completed: bool) -> list[str]:
    """Advice after the sessions, in sentences: measure again with the guided self-test when
    the last measurement is ``MEASURE_EVERY`` old or older, or when there is none yet and a
    session has been completed (``has_completed``: before the first session there is nothing
    to compare with); and which hip is stiffer, when the latest measurements of the two sides
    differ by more than ``ASYMMETRY_LIMIT``. No lines when there is nothing to say."""
    lines = []
    last = max((measured for measured, _, _ in measurements), default=None)
    if last is None:
        if has_completed:
            lines.append("You have not measured your hip rotation yet: the guided self-test "
                         "takes a few minutes (History and progress, Range of motion).")
    elif today - last >= MEASURE_EVERY:
        days = (today - last).days
        lines.append(f"Your last range-of-motion measurement was {days} days ago: measure "
                     "again with the guided self-test (History and progress, Range of "
                     "motion).")
    left, right = latest(measurements, Side.LEFT), latest(measurements, Side.RIGHT)
    if left is not None and right is not None and abs(left - right) > ASYMMETRY_LIMIT:
        stiffer, freer = (Side.LEFT, Side.RIGHT) if left < right else (Side.RIGHT, Side.LEFT)
        lines.append(f"Your {stiffer.value} hip turns in {round(abs(left - right), 1):g}° "
                     f"less than your {freer.value}.")
    return lines
