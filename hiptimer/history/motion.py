"""What the measured range of internal rotation means: the typical band and side differences,
and when it is time to measure again."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from enum import StrEnum

from hiptimer.base.local_format import decimal_text
from hiptimer.base.translation import N_, _, ngettext

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
    values = [degrees for unused, s, degrees in measurements if s == side]
    return values[-1] if values else None


_LEFT_FINDINGS = (N_("Left: {degrees}° is below the typical {low}-{high}°."),
                  N_("Left: {degrees}° is above the typical {low}-{high}°."),
                  N_("Left: {degrees}° is within the typical {low}-{high}°."))
_RIGHT_FINDINGS = (N_("Right: {degrees}° is below the typical {low}-{high}°."),
                   N_("Right: {degrees}° is above the typical {low}-{high}°."),
                   N_("Right: {degrees}° is within the typical {low}-{high}°."))
"""A side's latest measurement below, above or within the typical band."""


def _degrees(value: float) -> str:
    """Degrees as a sentence shows them: as many decimals as ``:g`` gives them (the readings
    are typed to one decimal at most), with the language's decimal separator."""
    return decimal_text(float(f"{value:g}"), 6)


def findings(measurements: Sequence[tuple[date, str, float]]) -> list[str]:
    """Plain sentences about the latest measurement of each side."""
    notes = []
    left, right = latest(measurements, "left"), latest(measurements, "right")
    low, high = TYPICAL_BAND
    for value, below, above, within in ((left, *_LEFT_FINDINGS), (right, *_RIGHT_FINDINGS)):
        if value is None:
            continue
        message = below if value < low else above if value > high else within
        notes.append(_(message).format(degrees=_degrees(value), low=_degrees(low),
                                        high=_degrees(high)))
    if left is not None and right is not None and abs(left - right) > ASYMMETRY_LIMIT:
        notes.append(_("Left and right differ by {difference}°, more than {limit}°: worth "
                       "working the tighter side more, or asking a physiotherapist.").format(
                           difference=_degrees(abs(left - right)),
                           limit=_degrees(ASYMMETRY_LIMIT)))
    return notes


def measure_again(measurements: Sequence[tuple[date, str, float]], today: date,
                  has_completed: bool) -> list[str]:
    """Advice after the sessions, in sentences: measure again with the guided self-test when
    the last measurement is ``MEASURE_EVERY`` old or older, or when there is none yet and a
    session has been completed (``has_completed``: before the first session there is nothing
    to compare with); and which hip is stiffer, when the latest measurements of the two sides
    differ by more than ``ASYMMETRY_LIMIT``. No lines when there is nothing to say."""
    lines = []
    last = max((measured for measured, *unused in measurements), default=None)
    if last is None:
        if has_completed:
            lines.append(_("You have not measured your hip rotation yet: the guided "
                           "self-test takes a few minutes (History and progress, Range of "
                           "motion)."))
    elif today - last >= MEASURE_EVERY:
        days = (today - last).days
        lines.append(ngettext(
            "Your last range-of-motion measurement was {days} day ago: measure again with "
            "the guided self-test (History and progress, Range of motion).",
            "Your last range-of-motion measurement was {days} days ago: measure again with "
            "the guided self-test (History and progress, Range of motion).",
            days).format(days=days))
    left, right = latest(measurements, Side.LEFT), latest(measurements, Side.RIGHT)
    if left is not None and right is not None and abs(left - right) > ASYMMETRY_LIMIT:
        message = (_("Your left hip turns in {difference}° less than your right.")
                   if left < right else
                   _("Your right hip turns in {difference}° less than your left."))
        lines.append(message.format(difference=decimal_text(abs(left - right), 1)))
    return lines
