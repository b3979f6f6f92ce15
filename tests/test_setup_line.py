"""An exercise's ``setup:`` line, what to set up before it ("Put the band round your
ankles."), is said after "Next: ..." in the get-ready before it and shown there first: a
person on the floor, not looking, hears it with time to do it."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from hiptimer.cues.announcements import all_texts, announcements, in_order_of_need
from hiptimer.routine import RoutineError, load_routine, parse_routine
from hiptimer.routine.draft import draft_from_routine, draft_to_routine
from hiptimer.routine.parse import MAX_SETUP_CHARS
from hiptimer.routine.write import routine_to_yaml
from hiptimer.session.clock import FakeClock
from hiptimer.session.engine import Session
from hiptimer.session.state import State
from hiptimer.session.status import Status, status_of
from hiptimer.session.timeline import PhaseKind, Timeline, compile_timeline
from hiptimer.session.vocabulary import PhaseWord
from hiptimer.ui.common import theme
from hiptimer.ui.screen.session_view import SessionView

from .support.checkout import ROUTINES

BAND_ON = "Put the band round your ankles."
BAND = "Band-resisted internal rotation"
ROUTINE = f"""\
hiptimer: 1
name: Strength
defaults: {{prepare: 10s, rest: 10s, tempo: 2s}}
exercises:
  - name: Clamshells
    reps: 5
  - name: {BAND}
    setup: {BAND_ON}
    description: |
      Lie on your side.
      Lift the top foot.
    reps: 10
    sets: 2
    sides: left
    prepare: 25s
  - name: Band side-walks
    description: Step sideways.
    reps: 5
"""


def timeline_of(text: str = ROUTINE) -> Timeline:
    return compile_timeline(parse_routine(text.encode(), "t.yaml"))


def get_ready_index(timeline: Timeline, exercise: str) -> int:
    return next(p.index for p in timeline.phases
                if p.kind is PhaseKind.PREPARE and p.exercise == exercise)


def problems(text: str) -> list[str]:
    with pytest.raises(RoutineError) as caught:
        parse_routine(text.encode(), "t.yaml")
    return [str(problem) for problem in caught.value.problems]


# -- the file ----------------------------------------------------------------------------


def test_the_setup_line_is_read_and_written_back() -> None:
    routine = parse_routine(ROUTINE.encode(), "t.yaml")
    clams, band, walks = routine.exercises
    assert band.setup == BAND_ON
    assert band.description == "Lie on your side.\nLift the top foot."
    assert clams.setup == walks.setup == ""
    written = routine_to_yaml(routine)
    assert f"setup: {BAND_ON}" in written
    assert written.count("setup:") == 1  # left out where there is none
    assert parse_routine(written.encode(), "again.yaml") == routine


def test_the_editor_keeps_the_setup_line() -> None:
    routine = parse_routine(ROUTINE.encode(), "t.yaml")
    draft = draft_from_routine(routine)
    assert draft.exercises[1].setup == BAND_ON
    assert draft_to_routine(draft) == routine


@pytest.mark.parametrize("value", ["", "null", "~"])
def test_an_empty_setup_means_none(value: str) -> None:
    routine = parse_routine(f"name: x\nexercises:\n  - {{name: a, hold: 5, setup: {value}}}\n"
                            .encode(), "t.yaml")
    assert routine.exercises[0].setup == ""


ITEM = "  - {name: a, hold: 5, setup: "
"""An exercise on line 3 whose setup's value starts at the column after this."""


@pytest.mark.parametrize(("setup", "expected"), [
    ('"' + "s" * (MAX_SETUP_CHARS + 1) + '"',
     f"setup is {MAX_SETUP_CHARS + 1} characters long; at most {MAX_SETUP_CHARS} are "
     "allowed"),
    ('"Band on.\\nMat out."', "setup contains a line break; it must be one line"),
    ("[a band, a mat]", "'setup' must be one line of text such as 'Put the band round "
                        "your ankles.', not a list"),
])
def test_a_setup_that_is_not_one_short_line_is_located(setup: str, expected: str) -> None:
    text = f"name: x\nexercises:\n{ITEM}{setup}}}\n"
    assert problems(text) == [f"t.yaml:3:{len(ITEM) + 1}: error: {expected}"]


def test_a_setup_of_the_longest_length_is_fine() -> None:
    line = "s" * MAX_SETUP_CHARS
    routine = parse_routine(f"name: x\nexercises: [{{name: a, hold: 5, setup: {line}}}]\n"
                            .encode(), "t.yaml")
    assert routine.exercises[0].setup == line


def test_a_misspelt_setup_key_is_named() -> None:
    found = problems("name: x\nexercises:\n  - {name: a, hold: 5, setpu: Band on.}\n")
    assert found == ["t.yaml:3:24: error: unknown key 'setpu' in an exercise; did you mean "
                     "'setup'?"]


# -- said ---------------------------------------------------------------------------------


def test_the_get_ready_says_the_setup_after_what_comes_next() -> None:
    timeline = timeline_of()
    said = announcements(timeline, get_ready_index(timeline, BAND))
    assert said == [f"Next: {BAND}, 2 sets of 10 reps, left side. {BAND_ON}",
                    f"Next: {BAND}. {BAND_ON}",
                    f"{BAND}."]


def test_other_get_readies_say_no_setup() -> None:
    timeline = timeline_of()
    for exercise in ("Clamshells", "Band side-walks"):
        said = announcements(timeline, get_ready_index(timeline, exercise))
        assert not any(BAND_ON in text for text in said), said
    rests = [p.index for p in timeline.phases if p.kind is PhaseKind.REST]
    assert rests and not any(BAND_ON in text for index in rests
                             for text in announcements(timeline, index))


def test_a_setup_without_a_full_stop_is_said_as_a_sentence() -> None:
    timeline = timeline_of(ROUTINE.replace(f"setup: {BAND_ON}", "setup: Band on"))
    said = announcements(timeline, get_ready_index(timeline, BAND))
    assert said[1] == f"Next: {BAND}. Band on."


def test_the_setup_sentences_are_made_ahead_of_time() -> None:
    timeline = timeline_of()
    said = announcements(timeline, get_ready_index(timeline, BAND))
    assert set(said) <= all_texts(timeline)
    ahead = in_order_of_need(timeline)
    assert set(said) <= set(ahead)
    # Shortest first within the get-ready: a short sentence made beats a long one waiting.
    assert ahead.index(said[2]) < ahead.index(said[1]) < ahead.index(said[0])


# -- shown --------------------------------------------------------------------------------


def status_in_get_ready(timeline: Timeline, exercise: str) -> Status:
    clock = FakeClock(100)
    session = Session(timeline, clock)
    session.start()
    index = get_ready_index(timeline, exercise)
    while session.phase.index < index:
        session.next()
    clock.advance(1)
    session.advance()
    return status_of(session)


def test_the_get_ready_shows_the_setup_first_and_the_work_does_not() -> None:
    timeline = timeline_of()
    status = status_in_get_ready(timeline, BAND)
    assert status.word is PhaseWord.GET_READY and status.state is State.RUNNING
    assert status.description.splitlines() == [BAND_ON, "Lie on your side.",
                                               "Lift the top foot."]
    clock = FakeClock(100)
    session = Session(timeline, clock)
    session.start()
    work = next(p.index for p in timeline.phases
                if p.kind is PhaseKind.WORK and p.exercise == BAND)
    while session.phase.index < work:
        session.next()
    assert status_of(session).description == "Lie on your side.\nLift the top foot."


def test_a_setup_with_no_description_is_shown_alone() -> None:
    text = "name: x\nexercises:\n  - {name: a, hold: 5, setup: Mat out.}\n"
    status = status_in_get_ready(timeline_of(text), "a")
    assert status.description == "Mat out."


def test_the_get_ready_screen_shows_the_setup_first(qtbot: QtBot) -> None:
    status = status_in_get_ready(timeline_of(), BAND)
    view = SessionView()
    qtbot.addWidget(view)
    view.resize(800, 600)
    view.apply_look(theme.LIGHT, 1.5)
    view.show_status(status)
    assert view.description.shown()[0][0] == BAND_ON


# -- the built-in routines ----------------------------------------------------------------


@pytest.mark.parametrize("name", ["hip-strength.yaml", "complete-session.yaml"])
def test_the_built_in_band_exercise_says_to_put_the_band_on_in_time(name: str) -> None:
    path: Path = ROUTINES / name
    routine = load_routine(path)
    band = next(e for e in routine.exercises if e.name == BAND)
    assert band.setup == BAND_ON and BAND_ON not in band.description
    timeline = compile_timeline(routine)
    index = get_ready_index(timeline, BAND)
    get_ready = timeline.phases[index]
    assert get_ready.duration is not None and get_ready.duration >= 20
    assert announcements(timeline, index)[0].endswith(f"left leg on top. {BAND_ON}")
