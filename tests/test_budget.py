"""A routine's time budget: progression never makes its session longer than it promises."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from hiptimer.cli import main
from hiptimer.routine import (
    Routine,
    RoutineError,
    load_routine,
    parse_routine,
)
from hiptimer.routine.catalogue import Entry, Origin
from hiptimer.routine.progression import (
    BUDGET_SLACK,
    doses,
    first_doses,
    planned_seconds,
    routine_doses,
    top_level,
)
from hiptimer.routine.write import routine_to_yaml
from hiptimer.session import compile_timeline
from hiptimer.tables import length_text, library_rows, library_table, plan_json, plan_table

from .support.checkout import ROUTINES
from .support.ranged_routines import ranged_routines

Write = Callable[..., Path]
DAILY = ROUTINES / "daily-short.yaml"
ELEVEN_MINUTES = 11 * 60.0

# 2-3 sets of a 30-60 s hold on both sides: 2m35s at level 0, 6m55s at the top unbudgeted.
RANGED = ("name: Budgeted\n{budget}exercises:\n"
          "  - {{name: Frog, hold: 30-60s, sets: 2-3, sides: both}}\n")


def ranged(budget: str) -> Routine:
    line = f"budget: {budget}\n" if budget else ""
    return parse_routine(RANGED.format(budget=line).encode(), "budgeted.yaml")


def work_of(routine: Routine, level: int) -> list[float]:
    """What each exercise asks of one side at ``level``: sets times the hold or the reps."""
    return [d.work for d in routine_doses(routine, level)]


def lengths(routine: Routine) -> list[float]:
    return [compile_timeline(routine, level).total_seconds
            for level in range(top_level(routine) + 1)]


# -- the promise, for any routine -------------------------------------------------------------

def budgeted_routines() -> st.SearchStrategy[Routine]:
    """A routine with ranges and a budget its first level fits, somewhere up to past its top."""
    return ranged_routines([0.0, 0.05, 0.2, 0.5, 0.9, 1.0, 1.5], reps=(3, 15), sets=(1, 4))


@settings(max_examples=300, deadline=None)
@given(budgeted_routines())
def test_every_level_of_a_budgeted_routine_keeps_within_its_budget(routine: Routine) -> None:
    assert routine.budget is not None
    top = top_level(routine)
    for level in range(top + 1):
        timeline = compile_timeline(routine, level)
        assert timeline.total_seconds <= routine.budget + BUDGET_SLACK
        # progression and the timeline agree on the length
        assert timeline.total_seconds == pytest.approx(
            planned_seconds(routine, routine_doses(routine, level)))
    # Past the top, nothing changes.
    assert compile_timeline(routine, top + 5).phases == compile_timeline(routine, top).phases


@settings(max_examples=300, deadline=None)
@given(budgeted_routines())
def test_each_level_is_more_work_and_no_exercise_ever_does_less(routine: Routine) -> None:
    for level in range(1, top_level(routine) + 1):
        before, after = work_of(routine, level - 1), work_of(routine, level)
        assert all(a >= b for a, b in zip(after, before, strict=True))
        assert sum(after) > sum(before)
        timed_before = [p.duration for p in compile_timeline(routine, level - 1).phases
                        if p.kind.value == "work" and p.duration is not None]
        timed_after = [p.duration for p in compile_timeline(routine, level).phases
                       if p.kind.value == "work" and p.duration is not None]
        assert sum(timed_after) >= sum(timed_before)  # seconds of work never drop


@settings(max_examples=300, deadline=None)
@given(budgeted_routines())
def test_the_top_level_is_the_last_one_that_fits(routine: Routine) -> None:
    """At the top, every exercise is at the end of its ladder or its next step would not fit."""
    assert routine.budget is not None
    at_top = routine_doses(routine, top_level(routine))
    for index, exercise in enumerate(routine.exercises):
        ladder = doses(exercise)
        position = ladder.index(at_top[index])
        if position + 1 < len(ladder):
            stepped = (*at_top[:index], ladder[position + 1], *at_top[index + 1:])
            assert planned_seconds(routine, stepped) > routine.budget


def test_without_a_budget_the_same_ladder_runs_to_the_top_of_every_range() -> None:
    routine = ranged("")
    assert top_level(routine) == 10  # 2 x 30 s ... 2 x 60 s, then 3 x 45 s ... 3 x 60 s
    assert lengths(routine)[0] == 155 and lengths(routine)[-1] == 415


def test_a_budget_caps_the_session_and_trades_sets_for_work() -> None:
    # 7 minutes fit it all: the third set starts at 45 s (3 x 45 > 2 x 60), never at
    # 3 x 30 s, which would be less work for more pauses.
    routine = ranged("7m")
    sets_and_holds = [(d.sets, d.hold) for level in range(top_level(routine) + 1)
                      for d in routine_doses(routine, level)]
    assert sets_and_holds == [(2, 30), (2, 35), (2, 40), (2, 45), (2, 50), (2, 55), (2, 60),
                              (3, 45), (3, 50), (3, 55), (3, 60)]
    routine = ranged("6m")
    assert top_level(routine) == 8 and max(lengths(routine)) == 355  # 3 x 55 s would not fit
    routine = ranged("5m")
    assert top_level(routine) == 6 and max(lengths(routine)) <= 300  # the third set never fits
    assert [(d.sets, d.hold) for d in routine_doses(routine, 99)] == [(2, 60)]


def test_the_exercises_that_have_grown_least_step_first() -> None:
    text = ("name: Two\nbudget: {}\nexercises:\n  - {{name: A, hold: 30-60s}}\n"
            "  - {{name: B, hold: 30-60s}}\n")
    # 1m20s at level 0 (two prepares and two holds); 1m30s lets one of them grow two steps.
    routine = parse_routine(text.format("1m30s").encode(), "two.yaml")
    holds = [[d.hold for d in routine_doses(routine, level)]
             for level in range(top_level(routine) + 1)]
    assert holds == [[30, 30], [35, 35]]
    assert max(lengths(routine)) <= 90


# -- the built-in routines -------------------------------------------------------------------

BUILT_INS = sorted(ROUTINES.glob("*.yaml"))


def test_every_built_in_keeps_its_budget_at_every_level() -> None:
    budgeted = [r for r in map(load_routine, BUILT_INS) if r.budget is not None]
    assert budgeted  # the daily one at least
    for routine in budgeted:
        assert routine.budget is not None
        assert all(length <= routine.budget + BUDGET_SLACK for length in lengths(routine)), \
            routine.name


def test_daily_ten_minutes_stays_within_eleven_minutes_at_every_level() -> None:
    routine = load_routine(DAILY)
    assert routine.budget == ELEVEN_MINUTES
    assert max(lengths(routine)) <= ELEVEN_MINUTES
    assert compile_timeline(routine, 1000).total_seconds <= ELEVEN_MINUTES


# -- the file: reading, checking and writing a budget ----------------------------------------

@pytest.mark.parametrize(("budget", "message"), [
    ("soon", "2:9: error: budget: 'soon' is not a duration"),
    ("0", "2:9: error: budget must be longer than 0 seconds"),
    ("-10m", "2:9: error: budget: duration '-10m' is negative"),
    ("1500m", "2:9: error: budget 25h00m is longer than the 24-hour limit"),
    ("[11m]", "2:9: error: 'budget' must be a duration such as 11m, not a list"),
    ("", "2:1: error: 'budget' has no value; it must be a duration such as 11m"),
    ("2m", "2:9: error: the routine takes 2m35s at its first level, 35s more than its budget "
           "of 2m; raise the budget or shorten the routine"),
])
def test_a_bad_budget_is_refused_where_it_is_written(budget: str, message: str) -> None:
    with pytest.raises(RoutineError) as caught:
        ranged(budget if budget else " ")
    [problem] = caught.value.problems
    assert str(problem).startswith(f"budgeted.yaml:{message}")


def test_a_budget_the_first_level_just_fits_is_fine() -> None:
    assert ranged("2m35s").budget == 155 and top_level(ranged("2m35s")) == 0
    assert ranged("2:35").budget == 155


def test_the_writer_keeps_the_budget_after_the_rounds() -> None:
    routine = ranged("11m30s")
    text = routine_to_yaml(routine)
    assert "name: Budgeted\nbudget: 11m30s\nexercises:" in text
    assert parse_routine(text.encode(), "again.yaml") == replace(routine, version=1)
    again = routine_to_yaml(parse_routine(
        RANGED.format(budget="rounds: 2\nbudget: 7.5m\n").encode(), "r.yaml"))
    assert "rounds: 2\nbudget: 7m30s\n" in again


@settings(max_examples=200, deadline=None)
@given(budgeted_routines())
def test_a_budgeted_routine_written_and_read_back_is_the_same(routine: Routine) -> None:
    assume(routine.budget is not None and routine.budget <= 24 * 3600)
    assert parse_routine(routine_to_yaml(routine).encode(), "round-trip.yaml") == routine


def test_the_built_in_budget_survives_a_round_trip() -> None:
    routine = load_routine(DAILY)
    assert parse_routine(routine_to_yaml(routine).encode(), "again.yaml") == routine


def test_first_doses_are_level_zero() -> None:
    routine = ranged("11m")
    assert first_doses(routine) == routine_doses(routine, 0)


# -- what a person sees: plan and list --------------------------------------------------------

def test_plan_shows_the_length_now_and_at_the_top(write: Write, data_dir: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    path = write(RANGED.format(budget="budget: 6m\n"))
    assert main(["plan", str(path), "--level", "0"]) == 0
    out = capsys.readouterr().out
    assert "Level 0 of 8" in out
    assert "Length: 2m35s now, 5m55s at the top level (budget 6m)" in out
    assert main(["plan", str(path), "--level", "8"]) == 0
    assert "Length: 5m55s now, the top level (budget 6m)" in capsys.readouterr().out
    assert main(["plan", str(path), "--json", "--level", "3"]) == 0
    plan = json.loads(capsys.readouterr().out)
    assert (plan["total_seconds"], plan["top_total_seconds"], plan["budget_seconds"]) == (
        215, 355, 360)


def test_plan_without_a_budget_shows_both_lengths_too() -> None:
    timeline = compile_timeline(ranged(""), 2)
    assert length_text(timeline) == "3m15s now, 6m55s at the top level"
    assert "Length: 3m15s now, 6m55s at the top level" in plan_table(timeline)
    assert plan_json(timeline)["budget_seconds"] is None


def test_list_shows_the_length_now_and_at_the_top(data_dir: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    (data_dir / "routines").mkdir()
    (data_dir / "routines" / "mine.yaml").write_text(RANGED.format(budget="budget: 6m\n"))
    assert main(["list", "--json"]) == 0
    mine = next(r for r in json.loads(capsys.readouterr().out) if r["name"] == "Budgeted")
    assert (mine["total_seconds"], mine["top_total_seconds"], mine["budget_seconds"],
            mine["top_level"]) == (155, 355, 360, 8)
    assert main(["list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split()[:4] == ["NAME", "LENGTH", "AT", "THE"]
    assert any(re.match(r"Budgeted +2m35s +5m55s \(budget 6m\) +1 +ok \(user\)", line)
               for line in lines), lines


def test_the_list_reads_the_length_at_the_level_each_routine_is_at() -> None:
    routine = ranged("6m")
    entries = [Entry(Path("mine.yaml"), Origin.USER, routine)]
    row = library_rows(entries, lambda r: 3)[0]
    assert (row["level"], row["total_seconds"], row["top_total_seconds"]) == (3, 215, 355)
    assert re.search(r"^Budgeted +3m35s +5m55s \(budget 6m\) +1 ",
                     library_table(entries, lambda r: 3), re.MULTILINE)


def test_a_level_kept_from_before_the_budget_is_shown_as_the_top() -> None:
    entries = [Entry(Path("mine.yaml"), Origin.USER, ranged("6m"))]
    row = library_rows(entries, lambda r: 12)[0]  # it was level 12 with no budget
    assert (row["level"], row["top_level"], row["total_seconds"]) == (8, 8, 355)
    assert length_text(compile_timeline(ranged("6m"), 12)) == (
        "5m55s now, the top level (budget 6m)")
