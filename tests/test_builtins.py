"""The built-in routines load, read well on screen and are the lengths they promise."""

from __future__ import annotations

from pathlib import Path

import pytest

from hiptimer.routine import load_routine
from hiptimer.session import compile_timeline

from .conftest import ROUTINES

BUILT_INS = sorted(ROUTINES.glob("*.yaml"))


@pytest.mark.parametrize("path", BUILT_INS, ids=lambda p: p.name)
def test_each_built_in_is_complete(path: Path) -> None:
    routine = load_routine(path)
    assert routine.version == 1
    assert routine.description and "\n" not in routine.description
    for exercise in routine.exercises:
        lines = exercise.description.splitlines()
        assert 3 <= len(lines) <= 6, exercise.name  # position, keep still, feel, ease off
        assert all(len(line) <= 60 for line in lines), exercise.name  # read at arm's length
    assert compile_timeline(routine).open_ended_count == 0


def test_the_library_has_the_four_promised_routines() -> None:
    names = {p.stem: load_routine(p) for p in BUILT_INS}
    assert set(names) == {"hip-mobility", "hip-strength", "daily-short", "complete-session"}
    daily = compile_timeline(names["daily-short"]).total_seconds
    assert 9 * 60 <= daily <= 11 * 60


def test_holds_and_reps_follow_the_source_figures() -> None:
    mobility = load_routine(ROUTINES / "hip-mobility.yaml")
    long_holds = [e for e in mobility.exercises if e.hold and e.hold.high == 60]
    assert len(long_holds) >= 3
    assert all(e.hold and e.hold.low == 30 and (e.sets.low, e.sets.high) == (3, 4)
               for e in long_holds)
    strength = load_routine(ROUTINES / "hip-strength.yaml")
    for exercise in strength.exercises:
        assert exercise.reps is not None and (exercise.sets.low, exercise.sets.high) == (2, 3)
        assert (exercise.reps.low, exercise.reps.high) in ((8, 12), (10, 15))
