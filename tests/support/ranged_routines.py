"""Routines with ranges (holds, reps and sets that grow), for the property tests of the
progression: what they draw is any routine a person could write with ranges, with or
without a budget."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import strategies as st

from hiptimer.routine import Exercise, IntRange, Order, Routine, Settings, Span, Tempo
from hiptimer.routine.progression import top_level
from hiptimer.session import compile_timeline

pauses = st.one_of(st.none(), st.sampled_from([0.0, 5.0, 10.0, 15.0, 30.0]))


@st.composite
def counts(draw: st.DrawFn, low: int, high: int) -> IntRange:
    """A range of whole numbers within ``low`` to ``high`` (one number, at times)."""
    first = draw(st.integers(low, high))
    return IntRange(first, draw(st.integers(first, high)))


@st.composite
def exercises(draw: st.DrawFn, reps: tuple[int, int] = (1, 20),
              sets: tuple[int, int] = (1, 5)) -> Exercise:
    """An exercise with a hold or reps, each possibly a range, in a range of sets."""
    hold = draw(st.booleans())
    low = float(draw(st.integers(5, 60)))
    return Exercise(
        name=draw(st.sampled_from(["Frog", "Pigeon", "90/90 stretch", "Clamshells", "Bridge"])),
        hold=Span(low, low + draw(st.sampled_from([0, 2, 3, 5, 10, 12, 25, 30, 45])))
        if hold else None,
        reps=None if hold else draw(counts(*reps)),
        sets=draw(counts(*sets)),
        sides=draw(st.sampled_from([(), ("left", "right"), ("left",), ("a", "b", "c")])),
        order=draw(st.sampled_from(list(Order))),
        settings=Settings(draw(pauses), draw(pauses), draw(pauses),
                          None if hold else draw(st.sampled_from(
                              [None, Tempo.SELF_PACED, Tempo((3.0,)), Tempo((2.0, 1.0, 2.0))]))),
    )


@st.composite
def ranged_routines(draw: st.DrawFn, shares: Sequence[float | None],
                    reps: tuple[int, int] = (1, 20), sets: tuple[int, int] = (1, 5)) -> Routine:
    """A routine of up to four such exercises with, for a share drawn from ``shares``, a
    budget that far from its first level's length to its top level's (None: no budget)."""
    routine = Routine(name="Generated",
                      exercises=tuple(draw(st.lists(exercises(reps, sets), min_size=1,
                                                    max_size=4))),
                      rounds=draw(st.integers(1, 2)),
                      defaults=Settings(draw(pauses), draw(pauses), draw(pauses)))
    share = draw(st.sampled_from(list(shares)))
    if share is None:
        return routine
    first = compile_timeline(routine, 0).total_seconds
    highest = compile_timeline(routine, top_level(routine)).total_seconds
    # A budget is longer than 0 s, even for a routine of self-paced reps and no pauses.
    budget = max(1.0, first + share * max(0.0, highest - first))
    return Routine(name=routine.name, exercises=routine.exercises, rounds=routine.rounds,
                   defaults=routine.defaults, version=1, budget=budget)
