"""Levels never go backwards: from one level to the next no exercise asks for less work.

Work is what a person does on one side of an exercise in a session: the seconds of its holds,
or of its reps as the tempo times them (the reps themselves when they are self-paced). A
budget caps the session at every level; the built-in routines each have one that suits them,
and the README's table gives each one's length at its first and top level and its budget.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from hiptimer.routine import (
    Exercise,
    Routine,
    load_routine,
    parse_routine,
)
from hiptimer.routine.duration import format_seconds
from hiptimer.routine.progression import (
    BUDGET_SLACK,
    HOLD_STEP,
    Dose,
    doses,
    routine_doses,
    top_level,
)
from hiptimer.session import PhaseKind, Timeline, compile_timeline
from hiptimer.tables import plan_table

from .support.checkout import REPO, ROUTINES
from .support.ranged_routines import exercises, ranged_routines

BUILT_INS = sorted(ROUTINES.glob("*.yaml"))
MINUTE = 60.0


def work_by_side(timeline: Timeline) -> dict[tuple[int, str | None], float]:
    """What the session asks of each exercise on each side, as its work phases lay it out."""
    work: dict[tuple[int, str | None], float] = defaultdict(float)
    for phase in timeline.phases:
        if phase.kind is PhaseKind.WORK:
            amount = phase.duration if phase.duration is not None else phase.reps
            assert amount is not None
            work[phase.exercise_index, phase.side] += amount
    return dict(work)


def assert_never_backwards(routine: Routine) -> None:
    """Every level up is more work in all, and no exercise on any side does less."""
    top = top_level(routine)
    before = compile_timeline(routine, 0)
    for level in range(1, top + 1):
        after = compile_timeline(routine, level)
        earlier, later = work_by_side(before), work_by_side(after)
        assert earlier.keys() == later.keys()
        shrunk = {key: (earlier[key], later[key]) for key in earlier
                  if later[key] < earlier[key]}
        assert not shrunk, f"{routine.name}: level {level - 1} to {level}: {shrunk}"
        assert sum(later.values()) > sum(earlier.values()), (routine.name, level)
        before = after


def assert_within_budget(routine: Routine) -> None:
    assert routine.budget is not None
    for level in range(top_level(routine) + 1):
        length = compile_timeline(routine, level).total_seconds
        assert length <= routine.budget + BUDGET_SLACK, (routine.name, level, length)


# -- any routine with ranges ------------------------------------------------------------------

def routines() -> st.SearchStrategy[Routine]:
    """A routine with ranges, with no budget or one anywhere from its first level to past its
    top."""
    return ranged_routines([None, 0.0, 0.1, 0.3, 0.5, 0.8, 1.0, 1.2])


@settings(max_examples=200, deadline=None)
@given(routines())
def test_no_level_asks_less_of_any_exercise_than_the_one_before(routine: Routine) -> None:
    assert_never_backwards(routine)
    if routine.budget is not None:
        assert_within_budget(routine)


@settings(max_examples=200, deadline=None)
@given(exercises())
def test_a_new_set_starts_at_the_least_that_asks_more_than_the_sets_before(
        exercise: Exercise) -> None:
    """The rule in one sentence: a hold 5 s longer or one rep more, and at the top of the
    range one more set, at the shortest hold or fewest reps that make more work in all."""
    ladder = doses(exercise)
    amounts: list[float]
    if exercise.hold is not None:
        amounts = [exercise.hold.low]
        while amounts[-1] < exercise.hold.high:
            amounts.append(min(amounts[-1] + HOLD_STEP, exercise.hold.high))
    else:
        assert exercise.reps is not None
        amounts = list(map(float, range(exercise.reps.low, exercise.reps.high + 1)))

    def amount(of: Dose) -> float:
        value = of.hold if of.hold is not None else of.reps
        assert value is not None
        return float(value)

    assert ladder[0] == Dose(exercise.sets.low, None if exercise.hold is None else amounts[0],
                             None if exercise.reps is None else int(amounts[0]))
    for before, after in pairwise(ladder):
        assert after.work > before.work
        if after.sets == before.sets:
            assert amounts.index(amount(after)) == amounts.index(amount(before)) + 1
        else:
            assert after.sets == before.sets + 1 and amount(before) == amounts[-1]
            assert amount(after) == min(a for a in amounts if after.sets * a > before.work)
    assert (ladder[-1].sets, amount(ladder[-1])) == (exercise.sets.high, amounts[-1])


def test_three_one_minute_holds_are_followed_by_four_of_fifty_seconds_not_thirty() -> None:
    routine = parse_routine(b"name: t\nexercises:\n"
                            b"  - {name: Frog, hold: 30-60s, sets: 3-4, sides: both}\n", "t.yaml")
    holds = [(d.sets, d.hold) for level in range(top_level(routine) + 1)
             for d in routine_doses(routine, level)]
    assert holds == [(3, 30), (3, 35), (3, 40), (3, 45), (3, 50), (3, 55), (3, 60),
                     (4, 50), (4, 55), (4, 60)]


# -- the built-in routines -------------------------------------------------------------------

def test_no_built_in_ever_asks_less_from_one_level_to_the_next() -> None:
    for path in BUILT_INS:
        assert_never_backwards(load_routine(path))


def test_every_built_in_has_a_budget_that_every_level_keeps() -> None:
    for path in BUILT_INS:
        routine = load_routine(path)
        assert routine.budget is not None, path.name
        assert_within_budget(routine)
        # The budget leaves room to grow: the routine has levels to climb.
        assert top_level(routine) > 0, path.name


def test_each_built_in_budget_suits_what_the_routine_is_for() -> None:
    budget = {path.stem: load_routine(path).budget for path in BUILT_INS}
    daily, mobility = budget["daily-short"], budget["hip-mobility"]
    strength, complete = budget["hip-strength"], budget["complete-session"]
    assert daily is not None and mobility is not None
    assert strength is not None and complete is not None
    assert daily <= 11 * MINUTE  # "daily 10 minutes"
    assert daily < mobility <= 25 * MINUTE < strength <= 35 * MINUTE < complete <= 55 * MINUTE
    # The complete session is the stretches and the strength work with one warm-up between
    # them: never longer than doing both routines.
    assert complete <= mobility + strength


def test_the_readme_gives_each_built_in_length_at_its_first_and_top_level_and_budget() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    header = "| file | routine | first level | top level | budget | use it |"
    assert header in readme
    rows = {cells[0].strip("`"): cells for line in readme.splitlines()
            if line.startswith("| `") and (cells := [c.strip() for c in line.strip("|")
                                                     .split("|")])}
    for path in BUILT_INS:
        routine = load_routine(path)
        assert routine.budget is not None
        first = compile_timeline(routine, 0).total_seconds
        top = compile_timeline(routine, top_level(routine)).total_seconds
        assert path.name in rows, path.name
        cells = rows[path.name]
        assert cells[1] == routine.name
        assert cells[2:5] == [format_seconds(first), format_seconds(top),
                              format_seconds(routine.budget)], path.name


def test_the_plan_says_whether_the_top_is_that_of_the_ranges_or_of_the_budget() -> None:
    text = "name: t\nbudget: {}\nexercises:\n  - {{name: Frog, hold: 30-60s, sets: 2-3}}\n"
    roomy = parse_routine(text.format("10m").encode(), "t.yaml")
    tight = parse_routine(text.format("2m50s").encode(), "t.yaml")
    assert "Level 10 of 10: the top of every range" in plan_table(compile_timeline(roomy, 99))
    # 2 x 60 s (2m25s) fits in 2m50s, 3 x 45 s (2m55s) does not.
    assert "Level 6 of 6: as far as the budget lets it grow" in plan_table(
        compile_timeline(tight, 99))
