"""Progression within ranges: which hold, reps and sets a routine uses at a given level.

Level 0 is the low end of every range. Each step up adds 5 s to a hold, or one rep; once
the hold or the reps are at the top of their range, the next step adds a set and starts
the hold or reps again at the low end. Nothing goes past the high end of its range.
"""

from __future__ import annotations

from dataclasses import dataclass

from hiptimer.routine.model import Exercise, Routine

HOLD_STEP = 5.0


@dataclass(frozen=True)
class Dose:
    """What one exercise asks for at a level."""

    sets: int
    hold: float | None
    reps: int | None


def _steps(low: float, high: float, step: float) -> list[float]:
    values = [low]
    while values[-1] + step < high:
        values.append(values[-1] + step)
    if values[-1] != high:
        values.append(high)
    return values


def doses(exercise: Exercise) -> list[Dose]:
    """Every dose of ``exercise`` from its lowest to its highest, one level apart."""
    result: list[Dose] = []
    for sets in range(exercise.sets.low, exercise.sets.high + 1):
        if exercise.hold is not None:
            amounts = _steps(exercise.hold.low, exercise.hold.high, HOLD_STEP)
            result += [Dose(sets, hold, None) for hold in amounts]
        else:
            assert exercise.reps is not None
            result += [Dose(sets, None, reps)
                       for reps in range(exercise.reps.low, exercise.reps.high + 1)]
    # A repeated dose (a fixed hold with more sets to come) is no step at all: drop it.
    return [d for i, d in enumerate(result) if i == 0 or d != result[i - 1]]


def dose(exercise: Exercise, level: int) -> Dose:
    ladder = doses(exercise)
    return ladder[max(0, min(level, len(ladder) - 1))]


def top_level(routine: Routine) -> int:
    """The level from which nothing in the routine can go any higher."""
    return max((len(doses(e)) - 1 for e in routine.exercises), default=0)


def has_ranges(routine: Routine) -> bool:
    return top_level(routine) > 0
