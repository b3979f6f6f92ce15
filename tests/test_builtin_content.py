"""What a physiotherapist would ask of the built-in routines: every exercise says why it is
there and how it should feel, the warm-up is a warm-up, the hardest lift comes once the hip
is warm and is explained where it is done, the band goes on in the get-ready, and the
routines do not send anyone up and down from the floor more than they must."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from hiptimer.routine import Routine, load_routine
from hiptimer.session.clock import FakeClock
from hiptimer.session.engine import Session
from hiptimer.session.status import status_of
from hiptimer.session.timeline import PhaseKind, compile_timeline
from hiptimer.session.vocabulary import PhaseWord
from hiptimer.ui.common import theme
from hiptimer.ui.screen.session_view import SessionView

from .support.checkout import ROUTINES

BUILT_INS = sorted(ROUTINES.glob("*.yaml"))

STRETCHES = {"Seated butterfly", "Figure-four stretch", "90/90 stretch", "Frog stretch",
             "Pigeon"}
STRENGTH = {"Seated internal rotation lift", "Clamshells", "Reverse clamshell",
            "Band-resisted internal rotation", "Band side-walks"}
TURNING_OUT = {"Clamshells", "Band side-walks"}
"""Strength work in the opposite direction to the goal (turning out, moving the leg out):
there for control of the hip, and each says so."""
SIDE_LYING = {"Clamshells", "Reverse clamshell", "Band-resisted internal rotation"}
POSITION = {
    "Supine hip rotations": "on the back", "Figure-four stretch": "on the back",
    "Seated butterfly": "sitting", "90/90 stretch": "sitting",
    "Seated internal rotation lift": "sitting", "Frog stretch": "on all fours",
    "Pigeon": "on all fours", "Clamshells": "on the side", "Reverse clamshell": "on the side",
    "Band-resisted internal rotation": "on the side", "Band side-walks": "standing",
}
"""Where the body is for each exercise, to count the trips between them."""
BAND_ON = "Put the band round your ankles."


@cache
def routine(path: Path) -> Routine:
    return load_routine(path)


def every_exercise() -> dict[str, list[str]]:
    """Each built-in exercise's description lines (one text for all routines: see
    test_builtins)."""
    return {e.name: e.description.splitlines() for path in BUILT_INS
            for e in routine(path).exercises}


def lines_starting(lines: list[str], word: str) -> list[str]:
    return [line for line in lines if line.startswith(f"{word}: ")]


def test_the_exercises_are_the_ones_these_tests_know() -> None:
    assert set(every_exercise()) == set(POSITION)


@pytest.mark.parametrize("name", sorted(POSITION))
def test_every_exercise_says_why_it_is_there_and_how_it_should_feel(name: str) -> None:
    lines = every_exercise()[name]
    why, feel = lines_starting(lines, "Why"), lines_starting(lines, "Feel")
    assert len(why) == 1 and len(feel) == 1, lines
    # Read before the easier and harder versions, which stay the last two lines.
    assert lines.index(why[0]) < len(lines) - 2 and lines.index(feel[0]) < len(lines) - 2
    if name in STRETCHES:
        assert feel == ["Feel: a mild pull, about 3-5 out of 10."]
    elif name in STRENGTH:
        assert feel == ["Feel: the last reps hard but clean."]
    else:  # the warm-up
        assert "easy" in feel[0]
    if name in TURNING_OUT:
        assert "hip control" in why[0]


def test_long_holds_say_how_to_breathe() -> None:
    for path in BUILT_INS:
        for exercise in routine(path).exercises:
            if exercise.hold is not None and exercise.hold.high >= 60:
                assert any(line.startswith("Breathe")
                           for line in exercise.description.splitlines()), exercise.name


def test_the_seated_lift_explains_its_position_and_has_a_version_without_a_lift() -> None:
    lines = every_exercise()["Seated internal rotation lift"]
    text = "\n".join(lines)
    assert "90/90" not in text  # the position in words, not a name known elsewhere
    assert "Front shin across, back shin out." in lines
    assert any("90 degrees" in line for line in lines)
    easier = lines[-2]
    assert easier.startswith("Easier: ") and "try to lift" in easier


def test_the_rotations_harder_version_works_the_hips_not_the_trunk() -> None:
    harder = every_exercise()["Supine hip rotations"][-1]
    assert "feet up" not in harder and "pelvis still" in harder


def test_the_seated_lift_comes_after_the_side_lying_work_in_the_strength_routine() -> None:
    names = [e.name for e in routine(ROUTINES / "hip-strength.yaml").exercises]
    lift = names.index("Seated internal rotation lift")
    assert all(names.index(name) < lift for name in SIDE_LYING)
    assert names[1] != "Seated internal rotation lift"  # not straight after the warm-up


@pytest.mark.parametrize("path", BUILT_INS, ids=lambda p: p.name)
def test_the_warm_up_is_one_set_without_rests(path: Path) -> None:
    warm_up = routine(path).exercises[0]
    assert warm_up.name == "Supine hip rotations"
    assert (warm_up.sets.low, warm_up.sets.high) == (1, 1)
    for level in (0, compile_timeline(routine(path)).top_level):
        phases = [p for p in compile_timeline(routine(path), level).phases
                  if p.exercise_index == 0]
        assert [p.kind for p in phases] == [PhaseKind.PREPARE, PhaseKind.WORK], level


@pytest.mark.parametrize("path", BUILT_INS, ids=lambda p: p.name)
def test_the_floor_and_the_sitting_are_not_visited_twice_over(path: Path) -> None:
    places = [POSITION[e.name] for e in routine(path).exercises]
    runs = [place for at, place in enumerate(places) if at == 0 or places[at - 1] != place]
    # Lying on the back comes once, at the start: never back down after sitting up.
    assert runs.count("on the back") == 1 and runs[0] == "on the back", runs
    if not any(name in STRENGTH for name in (e.name for e in routine(path).exercises)):
        assert len(runs) == len(set(runs)), runs  # the stretches: each position once


@pytest.mark.parametrize("path", BUILT_INS, ids=lambda p: p.name)
def test_every_routine_says_what_to_have_at_hand(path: Path) -> None:
    loaded = routine(path)
    equipment = loaded.equipment
    assert "a mat" in equipment
    texts = " ".join(e.description for e in loaded.exercises).casefold()
    assert ("band" in texts) == ("mini-band" in equipment)
    assert ("cushion" in texts) == ("cushion" in equipment)


def test_the_band_goes_on_in_the_get_ready_with_time_to_do_it() -> None:
    for path in BUILT_INS:
        exercises = routine(path).exercises
        banded = [e for e in exercises
                  if "band" in f"{e.setup} {e.description}".casefold()]
        if not banded:
            continue
        first, *after = banded
        assert first.setup == BAND_ON, path.name
        assert BAND_ON not in first.description  # said once, in the get-ready
        prepare = routine(path).settings_for(first).prepare
        assert prepare is not None and 20 <= prepare <= 30
        # The band exercises come together: the band is on already for the ones after.
        assert [e.setup for e in after] == [""] * len(after), path.name


def test_the_get_ready_screen_says_to_put_the_band_on(qtbot: QtBot) -> None:
    """On the smallest screen, in the largest text, the get-ready of the band exercise shows
    the band going on first."""
    strength = routine(ROUTINES / "hip-strength.yaml")
    timeline = compile_timeline(strength)
    get_ready = next(p for p in timeline.phases if p.kind is PhaseKind.PREPARE
                     and p.exercise == "Band-resisted internal rotation")
    clock = FakeClock(100)
    session = Session(timeline, clock)
    session.start()
    while session.phase.index < get_ready.index:
        session.next()
    clock.advance(1)
    session.advance()
    status = status_of(session)
    assert status.word is PhaseWord.GET_READY and status.remaining is not None
    assert status.remaining >= 20
    view = SessionView()
    qtbot.addWidget(view)
    view.resize(800, 600)
    view.apply_look(theme.LIGHT, 1.5)
    view.show_status(status)
    assert view.description.shown()[0][0] == BAND_ON
