"""The session's, the summary's, the reminders' and the check-in's words in every language:
translated where a translation exists, each number and name kept as it was."""

from __future__ import annotations

import re
from datetime import time
from pathlib import Path

import pytest

from hiptimer.base.language import Language
from hiptimer.reminders.due import Check, Verdict
from hiptimer.reminders.today import Reminder
from hiptimer.reminders.training_days import EVERY_DAY, PlanEntry
from hiptimer.routine import parse_routine
from hiptimer.session import compile_timeline
from hiptimer.session.check_in import question, spoken_question, typed_question
from hiptimer.session.clock import FakeClock
from hiptimer.session.engine import Session
from hiptimer.session.feeling import Feeling
from hiptimer.session.readout import spoken_status
from hiptimer.session.state import State
from hiptimer.session.status import status_of
from hiptimer.session.summary import DoneSummary, SessionSummary, Tally, summary_lines
from tests.support.languages import LANGUAGES

ROUTINE = ("name: Hips\ndefaults: {prepare: 5s, rest: 10s, switch: 5s}\n"
           "exercises:\n"
           "  - name: Pigeon\n    hold: 30s\n    sides: both\n    sets: 2\n")


def numbers(text: str) -> list[str]:
    return re.findall(r"\d+", text)


def same_but_in_words(shown: str, english: str, spoken: Language) -> None:
    """``shown`` is ``english`` in English; in any other language it says it in other words,
    with the same numbers in the same order."""
    if spoken is Language.ENGLISH:
        assert shown == english
    else:
        assert shown != english and numbers(shown) == numbers(english)


@pytest.mark.parametrize("spoken", LANGUAGES, indirect=True)
def test_the_status_line_speaks_the_language(spoken: Language) -> None:
    clock = FakeClock(50)
    session = Session(compile_timeline(parse_routine(ROUTINE.encode(), "t.yaml")), clock)
    session.start()
    clock.jump(session, 50 + 5 + 12.3)
    status = status_of(session)
    same_but_in_words(status.details_text(), "Left side  ·  Set 1 of 2", spoken)
    same_but_in_words(status.next_text(), "Next: Switch sides 5s, right side", spoken)
    same_but_in_words(spoken_status(status),
                      "Hold: Pigeon, left side, set 1 of 2. 18 seconds left.", spoken)
    assert "Pigeon" in spoken_status(status)


@pytest.mark.parametrize("spoken", LANGUAGES, indirect=True)
def test_the_summary_speaks_the_language(spoken: Language) -> None:
    facts = SessionSummary("Plain", State.STOPPED, 400, 600, 480, False,
                           Tally(("a", "b"), 3, 0, 6), Tally(("a", "b"), 4, 0, 8))
    lines = summary_lines(DoneSummary(facts, 2, 5, 2, False, 1, 3, feeling=Feeling.HARD))
    english = ["Stopped: 3 of 4 sets done", "Work 6:40 of 8:00 · Session 10:00",
               "This week: 1 of 3 sessions", "Felt hard · next time: level 2 of 5 again"]
    assert len(lines) == len(english)
    for line, source in zip(lines, english, strict=True):
        same_but_in_words(line, source, spoken)


@pytest.mark.parametrize("spoken", LANGUAGES, indirect=True)
def test_a_reminder_notification_speaks_the_language(spoken: Language) -> None:
    routine = parse_routine(ROUTINE.encode(), "t.yaml")
    entry = PlanEntry("hips", EVERY_DAY, time(18, 30))
    reminder = Reminder(Check(entry, Verdict.DUE), routine, Path("hips.yaml"))
    same_but_in_words(reminder.summary(), "Time for Hips", spoken)
    assert "Hips" in reminder.summary()
    body = reminder.body(750)
    same_but_in_words(body, "Your 18:30 training (12m30s). Start it now, or later from "
                            "hiptimer.", spoken)


@pytest.mark.parametrize("spoken", LANGUAGES, indirect=True)
def test_the_check_in_asks_in_the_language(spoken: Language) -> None:
    same_but_in_words(question(), "How did that feel?", spoken)
    asked = typed_question()
    assert asked.startswith(question())
    same_but_in_words(asked, "How did that feel? 1 easy, 2 about right, 3 hard, 4 it hurt "
                             "(Enter: skip)", spoken)
    same_but_in_words(spoken_question(), "How did that feel? 1, easy. 2, about right. 3, hard. "
                                         "4, it hurt.", spoken)
