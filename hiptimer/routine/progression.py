"""Progression within ranges: which hold, reps and sets a routine uses at a given level.

Level 0 is the low end of every range. Each step up adds 5 s to a hold, or one rep; once
the hold or the reps are at the top of their range, the next step adds a set, with the
shortest hold or fewest reps that make more work than the sets before did at their top.
So no step ever asks less of an exercise (three 30 s holds after two of 60 s would be a
step back, paid for with more pauses). Nothing goes past the high end of its range.

A routine with a time budget keeps its promise: no level makes the session longer than the
budget. Every exercise climbs the same ladder, but a step that would not fit in the budget
is not taken, and the exercises that have grown least step first. The top level is the
last level at which anything could still grow.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from hiptimer.routine.model import Exercise, Order, Routine

HOLD_STEP = 5.0
BUDGET_SLACK = 1e-6
"""Seconds a sum of phases may exceed the budget by through rounding alone."""


@dataclass(frozen=True)
class Dose:
    """What one exercise asks for at a level."""

    sets: int
    hold: float | None
    reps: int | None

    @property
    def work(self) -> float:
        """How much the dose asks of one side in all: sets times the hold or the reps."""
        amount = self.hold if self.hold is not None else self.reps
        assert amount is not None
        return self.sets * amount


def first_dose(exercise: Exercise) -> Dose:
    """The low end of every range of ``exercise``: its dose at level 0."""
    return Dose(exercise.sets.low, None if exercise.hold is None else exercise.hold.low,
                None if exercise.reps is None else exercise.reps.low)


def _plain_next(exercise: Exercise, current: Dose) -> Dose | None:
    """A hold 5 s longer or one rep more, else one more set back at the low end."""
    if exercise.hold is not None:
        assert current.hold is not None
        if current.hold < exercise.hold.high:
            return Dose(current.sets, min(current.hold + HOLD_STEP, exercise.hold.high), None)
    else:
        assert exercise.reps is not None and current.reps is not None
        if current.reps < exercise.reps.high:
            return Dose(current.sets, None, current.reps + 1)
    if current.sets < exercise.sets.high:
        low = first_dose(exercise)
        return Dose(current.sets + 1, low.hold, low.reps)
    return None


def next_dose(exercise: Exercise, current: Dose) -> Dose | None:
    """The step after ``current``: the first plain step that asks more of the exercise.

    A new set starts at the hold or reps that first make more work than the sets before
    did (3 x 45 s after 2 x 60 s, not 3 x 30 s), so no level ever asks less.
    """
    candidate = _plain_next(exercise, current)
    while candidate is not None and candidate.work <= current.work:
        candidate = _plain_next(exercise, candidate)
    return candidate


def doses(exercise: Exercise) -> list[Dose]:
    """Every dose of ``exercise`` from its lowest to its highest, one level apart."""
    ladder = [first_dose(exercise)]
    while (step := next_dose(exercise, ladder[-1])) is not None:
        ladder.append(step)
    return ladder


def dose(exercise: Exercise, level: int) -> Dose:
    """The dose of ``exercise`` at ``level`` on its own, as a routine without a budget has it."""
    ladder = doses(exercise)
    return ladder[level_in_range(level, len(ladder) - 1)]


def exercise_seconds(routine: Routine, exercise: Exercise, wanted: Dose) -> float:
    """How long one round of ``exercise`` at ``wanted`` lasts, as the timeline lays it out.

    Self-paced reps count as nothing, as in the timeline's total.
    """
    settings = routine.settings_for(exercise)
    assert settings.prepare is not None and settings.rest is not None
    assert settings.switch is not None and settings.tempo is not None
    sides = max(1, len(exercise.sides))
    if wanted.hold is not None:
        work = wanted.hold
    else:
        assert wanted.reps is not None
        work = wanted.reps * settings.tempo.seconds_per_rep
    if exercise.order is Order.BLOCKED:
        switches, rests = sides - 1, sides * (wanted.sets - 1)
    else:
        switches, rests = wanted.sets * (sides - 1), wanted.sets - 1
    return (settings.prepare + wanted.sets * sides * work + switches * settings.switch
            + rests * settings.rest)


def planned_seconds(routine: Routine, wanted: tuple[Dose, ...]) -> float:
    """The session's planned length with each exercise at its dose in ``wanted``."""
    return routine.rounds * sum(exercise_seconds(routine, exercise, d)
                                for exercise, d in zip(routine.exercises, wanted, strict=True))


def first_doses(routine: Routine) -> tuple[Dose, ...]:
    """Every exercise at the low end of its ranges: level 0, with or without a budget."""
    return tuple(first_dose(exercise) for exercise in routine.exercises)


def over_budget(routine: Routine) -> float:
    """Seconds by which the routine's first level is longer than its budget (0: it fits)."""
    if routine.budget is None:
        return 0.0
    excess = planned_seconds(routine, first_doses(routine)) - routine.budget
    return excess if excess > BUDGET_SLACK else 0.0


@lru_cache(maxsize=64)
def _budget_plan(routine: Routine) -> tuple[tuple[Dose, ...], ...]:
    """The doses of every exercise at every level of a budgeted routine, level 0 first."""
    assert routine.budget is not None
    exercises = routine.exercises
    current = list(first_doses(routine))
    upcoming = [next_dose(exercise, d) for exercise, d in zip(exercises, current, strict=True)]
    lengths = [exercise_seconds(routine, exercise, d)
               for exercise, d in zip(exercises, current, strict=True)]
    steps_taken = [0] * len(exercises)
    allowed = routine.budget / routine.rounds + BUDGET_SLACK
    levels = [tuple(current)]
    total = sum(lengths)
    while True:
        stepped = False
        growing = [i for i, step in enumerate(upcoming) if step is not None]
        for i in sorted(growing, key=lambda index: (steps_taken[index], index)):
            step = upcoming[i]
            assert step is not None
            length = exercise_seconds(routine, exercises[i], step)
            if total - lengths[i] + length > allowed:
                # Everything else only grows and the step after this is longer still:
                # this exercise has gone as far as the budget lets it.
                upcoming[i] = None
                continue
            total += length - lengths[i]
            lengths[i], current[i] = length, step
            upcoming[i] = next_dose(exercises[i], step)
            steps_taken[i] += 1
            stepped = True
        if not stepped:
            return tuple(levels)
        levels.append(tuple(current))


def routine_doses(routine: Routine, level: int) -> tuple[Dose, ...]:
    """What each exercise of ``routine`` asks for at ``level`` (held within 0 and the top)."""
    if routine.budget is not None:
        plan = _budget_plan(routine)
        return plan[level_in_range(level, len(plan) - 1)]
    return tuple(dose(exercise, level) for exercise in routine.exercises)


def top_level(routine: Routine) -> int:
    """The level from which nothing in the routine can go any higher."""
    if routine.budget is not None:
        return len(_budget_plan(routine)) - 1
    return max((len(doses(e)) - 1 for e in routine.exercises), default=0)


def level_in_range(level: int, top: int) -> int:
    """``level`` brought within 0 and ``top``: the one place a level is bounded. A stored
    level may be above the top (the routine's ranges were narrowed since) and is kept so;
    whatever runs, shows or steps up a level brings it into range here first."""
    return max(0, min(level, top))


def has_ranges(routine: Routine) -> bool:
    return top_level(routine) > 0


def held_back_by_budget(routine: Routine) -> bool:
    """Whether the budget stops the routine before every exercise is at the top of its
    ranges: its top level is then the top the budget allows, not that of every range."""
    if routine.budget is None:
        return False
    at_top = routine_doses(routine, top_level(routine))
    return any(d != doses(exercise)[-1] for exercise, d in zip(routine.exercises, at_top,
                                                                 strict=True))
