"""The built-in routines load, read well on screen, are the lengths they promise and keep
the source's promises: a warm-up first, strength only where it belongs."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from hiptimer.routine import Exercise, Order, load_routine
from hiptimer.session import compile_timeline

from .support.checkout import REPO, ROUTINES

BUILT_INS = sorted(ROUTINES.glob("*.yaml"))
LINE_LENGTH = 40
"""The longest line of an exercise's description, in characters."""

GENTLE = {"Supine hip rotations"}
"""Movements easy enough to start cold with: no end-range hold, no band, no load."""
STRENGTH = {"Seated internal rotation lift", "Clamshells", "Reverse clamshell",
            "Band-resisted internal rotation", "Band side-walks"}
"""The source's strengthening work, meant for 2-3 days a week rather than every day."""
BAND = {"Band-resisted internal rotation", "Band side-walks"}
"""Exercises done with a band round the ankles."""


@pytest.mark.parametrize("path", BUILT_INS, ids=lambda p: p.name)
def test_each_built_in_is_complete(path: Path) -> None:
    routine = load_routine(path)
    assert routine.version == 1
    assert routine.description and "\n" not in routine.description
    for exercise in routine.exercises:
        lines = exercise.description.splitlines()
        # Position, movement, keep still, feel, ease off, why; then an easier and a harder
        # version (the lines themselves: test_builtin_content).
        assert 3 <= len(lines) <= 9, exercise.name
        # Read from the floor: lines this short keep the rep count as big as before, even on a
        # 4:3 screen where the text goes under it.
        assert all(len(line) <= LINE_LENGTH for line in lines), exercise.name
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
        if exercise.name in GENTLE:
            continue  # the warm-up: one easy set
        assert exercise.reps is not None and (exercise.sets.low, exercise.sets.high) == (2, 3)
        assert (exercise.reps.low, exercise.reps.high) in ((8, 12), (10, 15))


def stage(exercise: Exercise) -> int:
    """Where an exercise belongs in a session: warm-up, end-range holds, then strength."""
    if exercise.name in GENTLE:
        return 0
    if exercise.name in STRENGTH:
        return 2
    assert exercise.hold is not None, f"{exercise.name} is neither a stretch nor listed above"
    return 1


@pytest.mark.parametrize("path", BUILT_INS, ids=lambda p: p.name)
def test_each_built_in_warms_up_first_and_builds_up(path: Path) -> None:
    exercises = load_routine(path).exercises
    first = exercises[0]
    assert first.name in GENTLE and first.hold is None and first.name not in BAND
    stages = [stage(e) for e in exercises]
    assert stages == sorted(stages), [e.name for e in exercises]


@pytest.mark.parametrize("path", BUILT_INS, ids=lambda p: p.name)
def test_the_band_goes_on_once(path: Path) -> None:
    banded = [i for i, e in enumerate(load_routine(path).exercises) if e.name in BAND]
    if banded:  # all together: on once, off once
        assert banded == list(range(banded[0], banded[-1] + 1))


def test_the_daily_routine_is_mobility_only_and_points_to_the_strength_routine() -> None:
    daily = load_routine(ROUTINES / "daily-short.yaml")
    assert not [e.name for e in daily.exercises if e.name in STRENGTH]
    assert "strength routine" in daily.description and "2-3" in daily.description
    strength = load_routine(ROUTINES / "hip-strength.yaml")
    assert "2-3 times a week" in strength.description


@pytest.mark.parametrize("path", BUILT_INS, ids=lambda p: p.name)
def test_every_description_stands_alone_with_an_easier_and_a_harder_version(
        path: Path) -> None:
    for exercise in load_routine(path).exercises:
        lines = exercise.description.splitlines()
        assert lines[-2].startswith("Easier: ") and lines[-1].startswith("Harder: "), \
            exercise.name
        assert sum(line.startswith(("Easier:", "Harder:")) for line in lines) == 2
        text = exercise.description.casefold()
        assert not text.startswith("same"), exercise.name
        for leaning in ("as above", "same setup", "same side", "as before", "previous",
                        "last exercise", "as in the"):
            assert leaning not in text, (exercise.name, leaning)


def test_an_exercise_reads_the_same_in_every_routine() -> None:
    seen: dict[str, str] = {}
    for path in BUILT_INS:
        for exercise in load_routine(path).exercises:
            assert seen.setdefault(exercise.name, exercise.description) == \
                exercise.description, (path.name, exercise.name)


def test_the_stretches_and_lifts_keep_the_cues_that_make_them_work() -> None:
    exercises = {e.name: e.description for path in BUILT_INS
                 for e in load_routine(path).exercises}
    assert "thigh to your chest" in exercises["Figure-four stretch"]
    assert "Don't lean away from the lifting leg" in exercises["Seated internal rotation lift"]
    banded = exercises["Band-resisted internal rotation"]
    assert "band" in banded.casefold()  # "Put the band round your ankles." is its setup line
    assert "on your side" in banded.casefold()


def test_the_range_of_rotation_is_called_typical_not_healthy() -> None:
    texts = [path.read_text("utf-8") for path in BUILT_INS]
    texts.append((REPO / "docs" / "routine-format.md").read_text("utf-8"))
    assert not any("healthy" in text.casefold() for text in texts)


def test_the_format_guides_example_is_a_valid_routine(tmp_path: Path) -> None:
    guide = (REPO / "docs" / "routine-format.md").read_text("utf-8")
    found = re.search(r"## A complete example\s+```yaml\n(.*?)```", guide, re.DOTALL)
    assert found is not None
    path = tmp_path / "example.yaml"
    path.write_text(found.group(1), encoding="utf-8")
    routine = load_routine(path)
    assert routine.version == 1 and routine.rounds == 1 and routine.description
    hold, reps = routine.exercises[:2]
    assert hold.hold and hold.description and hold.sides and hold.sets
    assert reps.reps and reps.order is Order.BLOCKED
    assert reps.settings.tempo and reps.settings.rest
