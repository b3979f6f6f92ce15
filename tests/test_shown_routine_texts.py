"""What is shown and said of a routine is in the language installed, where its file gives
its texts in it: the session's screen and voice, the library and its plan. What is kept
and looked up by name (the history, the figures, which side is which) goes by the source
text, whatever the language."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
import yaml
from pytestqt.qtbot import QtBot

from hiptimer.base.language import Language
from hiptimer.cues.announcements import announcements
from hiptimer.history.recorder import SessionRecorder
from hiptimer.history.store import HistoryStore
from hiptimer.routine import load_routine, parse_routine
from hiptimer.routine.catalogue import Origin, load_entry
from hiptimer.session.clock import FakeClock
from hiptimer.session.engine import Session
from hiptimer.session.events import Event
from hiptimer.session.state import State
from hiptimer.session.status import Status, status_of
from hiptimer.session.timeline import PhaseKind, Timeline, compile_timeline
from hiptimer.tables import library_table, plan_json, plan_table
from hiptimer.ui.common import theme
from hiptimer.ui.library.panel import LibraryPanel
from hiptimer.ui.library.plan_preview import plan_text
from hiptimer.ui.screen.session_view import SessionView

from .support.checkout import ROUTINES
from .support.history import StoreOpener
from .support.languages import TRANSLATED

DAILY = ROUTINES / "daily-short.yaml"
STRENGTH = ROUTINES / "hip-strength.yaml"
PIGEON = "Pigeon"
"""A built-in exercise with a figure, done on sides of the routine's own naming."""

ENGLISH_ONLY = """\
hiptimer: 1
name: Evening hips
description: After a day at the desk.
defaults: {prepare: 5s, rest: 5s, switch: 5s}
exercises:
  - name: Pigeon
    description: Slide one knee forward.
    hold: 20s
    sides: [left leg in front, right leg in front]
"""


def file_text(path: Path, *keys: str | int) -> Any:
    """A value of the routine file as YAML reads it, without hiptimer's model."""
    value: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    for key in keys:
        value = value[key]
    return value


def in_language(texts: dict[str, str], language: Language) -> str:
    return texts[language.code]


def exercise_texts(path: Path, source: str) -> dict[str, Any]:
    """The file's exercise whose English name is ``source``."""
    exercises: list[dict[str, Any]] = file_text(path, "exercises")
    return next(item for item in exercises if item["name"]["en"] == source)


def status_at(timeline: Timeline, wanted: PhaseKind, exercise: str,
              side: int = 0) -> Status:
    """The status at the start of the first ``wanted`` phase of ``exercise`` (on its side
    numbered ``side``), the session run there on a fake clock."""
    phase = next(p for p in timeline.phases if p.kind is wanted and p.exercise == exercise
                 and (p.side is None or timeline.exercise_of(p).sides.index(p.side) == side))
    return status_in(timeline, phase.index)


def status_in(timeline: Timeline, index: int) -> Status:
    """The status half a second into phase ``index``."""
    phase = timeline.phases[index]
    clock = FakeClock(100)
    session = Session(timeline, clock)
    session.start()
    clock.jump(session, 100 + phase.offset + 0.5)
    assert session.phase is phase
    return status_of(session)


@pytest.mark.parametrize("spoken", TRANSLATED, indirect=True)
def test_a_session_shows_the_names_the_routine_file_gives_in_the_language(
        spoken: Language) -> None:
    timeline = compile_timeline(load_routine(DAILY))
    pigeon = exercise_texts(DAILY, PIGEON)
    name = in_language(pigeon["name"], spoken)
    ready = status_of(Session(timeline, FakeClock(0)))
    assert ready.state is State.READY
    assert ready.exercise == ready.routine == in_language(file_text(DAILY, "name"), spoken)
    assert ready.description.strip() == in_language(file_text(DAILY, "description"),
                                                    spoken).strip()
    first = in_language(file_text(DAILY, "exercises", 0, "name"), spoken)
    assert first in ready.next_text()
    holding = status_at(timeline, PhaseKind.WORK, PIGEON, side=1)
    assert holding.exercise == name != PIGEON
    assert holding.description.strip() == in_language(pigeon["description"], spoken).strip()
    # The side is shown in the routine's own words in the language; it is still the right
    # side, told from the source label.
    right = in_language(pigeon["sides"][1], spoken)
    assert holding.side == "right leg in front" and holding.mirrored
    assert holding.side_text().lower() == right.lower()
    assert right in holding.side_in_sentence()
    assert holding.side_mark() == "R"
    assert holding.phase is not None and holding.phase.exercise == PIGEON  # the source
    assert status_at(timeline, PhaseKind.PREPARE, PIGEON).exercise == name


@pytest.mark.parametrize("spoken", TRANSLATED, indirect=True)
def test_next_names_the_coming_exercise_and_side_in_the_language(spoken: Language) -> None:
    timeline = compile_timeline(load_routine(DAILY))
    pigeon = exercise_texts(DAILY, PIGEON)
    index = next(p.index for p in timeline.phases
                 if p.kind is PhaseKind.PREPARE and p.exercise == PIGEON)
    before = status_in(timeline, index - 1)
    assert in_language(pigeon["name"], spoken) in before.next_text()
    getting_ready = status_at(timeline, PhaseKind.PREPARE, PIGEON)
    assert in_language(pigeon["sides"][0], spoken) in getting_ready.next_text()


@pytest.mark.parametrize("spoken", TRANSLATED, indirect=True)
def test_the_voice_says_the_names_and_setup_line_in_the_language(spoken: Language) -> None:
    timeline = compile_timeline(load_routine(DAILY))
    pigeon = exercise_texts(DAILY, PIGEON)
    get_ready = next(p.index for p in timeline.phases
                     if p.kind is PhaseKind.PREPARE and p.exercise == PIGEON)
    said = announcements(timeline, get_ready)
    name = in_language(pigeon["name"], spoken)
    assert said and all(name in sentence for sentence in said)
    assert in_language(pigeon["sides"][0], spoken) in said[0]
    assert not any(PIGEON in sentence for sentence in said)
    switch = next(p.index for p in timeline.phases
                  if p.kind is PhaseKind.SWITCH and p.exercise == PIGEON)
    right = in_language(pigeon["sides"][1], spoken)
    assert right.lower() in announcements(timeline, switch)[0].lower()
    strength = compile_timeline(load_routine(STRENGTH))
    band = next(item for item in file_text(STRENGTH, "exercises") if "setup" in item)
    band_ready = next(p.index for p in strength.phases if p.kind is PhaseKind.PREPARE
                      and p.exercise == band["name"]["en"])
    assert in_language(band["setup"], spoken) in announcements(strength, band_ready)[0]


@pytest.mark.parametrize("spoken", TRANSLATED, indirect=True)
def test_the_session_screen_shows_the_name_and_draws_the_figure_of_the_source(
        spoken: Language, qtbot: QtBot) -> None:
    status = status_at(compile_timeline(load_routine(DAILY)), PhaseKind.WORK, PIGEON)
    view = SessionView()
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.apply_look(theme.LIGHT, 1.5)
    view.show_status(status)
    assert view.exercise.text() == in_language(exercise_texts(DAILY, PIGEON)["name"], spoken)
    assert view.picture.figure() is not None  # found by the exercise's source name


@pytest.mark.parametrize("spoken", TRANSLATED, indirect=True)
def test_the_history_keeps_the_source_names(spoken: Language, open_store: StoreOpener,
                                            tmp_path: Path) -> None:
    store: HistoryStore = open_store(tmp_path / "history.sqlite")
    routine = load_routine(DAILY)
    clock = FakeClock(0)
    session = Session(compile_timeline(routine), clock)
    recorder = SessionRecorder(store, session)

    def record(events: Sequence[Event]) -> None:
        for event in events:
            recorder.on_event(event)

    record(session.start())
    clock.jump(session, deliver=record)  # to its end

    [kept] = store.sessions()
    assert kept.routine_name == routine.name == file_text(DAILY, "name", "en")
    names = {name for name, *unused in store.work(kept.id)}
    assert PIGEON in names
    assert names <= {item["name"]["en"] for item in file_text(DAILY, "exercises")}
    sides = {side for unused, side, *rest in store.work(kept.id)}
    assert "left leg in front" in sides


@pytest.mark.parametrize("spoken", TRANSLATED, indirect=True)
def test_the_library_and_its_plan_show_the_names_in_the_language(spoken: Language,
                                                                 qtbot: QtBot) -> None:
    entry = load_entry(DAILY, Origin.BUILT_IN)
    assert entry.routine is not None
    panel = LibraryPanel()
    qtbot.addWidget(panel)
    panel.resize(400, 700)
    panel.show()
    panel.set_entries([entry])
    name = in_language(file_text(DAILY, "name"), spoken)
    assert panel.list.item(0).text().splitlines()[0] == name
    preview = panel.details.toPlainText()
    pigeon = exercise_texts(DAILY, PIGEON)
    for wanted in (name, in_language(pigeon["name"], spoken),
                   in_language(file_text(DAILY, "description"), spoken)):
        assert wanted in preview
    plan = plan_text(compile_timeline(entry.routine), 200)
    assert in_language(pigeon["sides"][0], spoken) in plan
    assert PIGEON not in plan.split()


@pytest.mark.parametrize("spoken", TRANSLATED, indirect=True)
def test_a_routine_in_english_only_shows_its_english(spoken: Language) -> None:
    timeline = compile_timeline(parse_routine(ENGLISH_ONLY.encode(), "evening.yaml"))
    ready = status_of(Session(timeline, FakeClock(0)))
    assert ready.routine == "Evening hips" and ready.description == "After a day at the desk."
    holding = status_at(timeline, PhaseKind.WORK, PIGEON, side=1)
    assert holding.exercise == PIGEON and holding.description == "Slide one knee forward."
    assert holding.side_text() == "Right leg in front" and holding.mirrored
    get_ready = next(p.index for p in timeline.phases if p.kind is PhaseKind.PREPARE)
    assert all(PIGEON in sentence for sentence in announcements(timeline, get_ready))
    assert "Evening hips" in plan_text(timeline, 200)


@pytest.mark.parametrize("spoken", TRANSLATED, indirect=True)
def test_the_plan_table_shows_the_language_and_its_json_the_source(spoken: Language) -> None:
    timeline = compile_timeline(load_routine(DAILY))
    pigeon = exercise_texts(DAILY, PIGEON)
    table = plan_table(timeline)
    for wanted in (in_language(file_text(DAILY, "name"), spoken),
                   in_language(pigeon["name"], spoken), in_language(pigeon["sides"][0], spoken),
                   in_language(file_text(DAILY, "equipment"), spoken)):
        assert wanted in table
    assert PIGEON not in table.split()
    data = plan_json(timeline)
    assert data["name"] == file_text(DAILY, "name", "en")
    assert data["equipment"] == file_text(DAILY, "equipment", "en")
    assert PIGEON in {phase["exercise"] for phase in data["phases"]}
    assert "left leg in front" in {phase["side"] for phase in data["phases"]}
    listed = library_table([load_entry(DAILY, Origin.BUILT_IN)])
    assert in_language(file_text(DAILY, "name"), spoken) in listed
