"""A length of time a person reads: in English as a routine file writes it ("12m30s"), in
German and Spanish with the units' symbols apart ("12 min 30 s")."""

from __future__ import annotations

from datetime import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hiptimer.base.language import Language
from hiptimer.reminders.due import Check, Verdict
from hiptimer.reminders.today import Reminder
from hiptimer.reminders.training_days import EVERY_DAY, PlanEntry
from hiptimer.routine import parse_routine
from hiptimer.routine.duration import (
    MAX_BUDGET_SECONDS,
    format_seconds,
    parse_budget,
    shown_seconds,
)
from tests.support.languages import LANGUAGES, TRANSLATED

SHOWN = {30: ("30s", "30 s"), 120: ("2m", "2 min"), 750: ("12m30s", "12 min 30 s"),
         3900: ("1h05m", "1 h 05 min"), 3725: ("1h02m05s", "1 h 02 min 05 s"),
         2.5: ("2.5s", "2,5 s"), 65.5: ("1m5.5s", "1 min 5,5 s")}
"""Seconds, and how English and the translations show them."""


@given(st.one_of(st.integers(0, int(MAX_BUDGET_SECONDS)).map(float),
                 st.floats(0, MAX_BUDGET_SECONDS, allow_nan=False, allow_infinity=False),
                 st.integers(0, 4 * 3600).map(lambda quarters: quarters / 4)))
def test_in_english_a_length_is_shown_as_a_file_writes_it(seconds: float) -> None:
    assert shown_seconds(seconds) == format_seconds(seconds)


@pytest.mark.parametrize("spoken", LANGUAGES, indirect=True)
def test_a_length_is_shown_with_the_language_s_symbols(spoken: Language) -> None:
    english = spoken is Language.ENGLISH
    for seconds, (in_english, translated) in SHOWN.items():
        assert shown_seconds(seconds) == (in_english if english else translated)
        assert format_seconds(seconds) == in_english  # a file's syntax never changes


@pytest.mark.parametrize("spoken", TRANSLATED, indirect=True)
def test_a_budget_over_a_day_is_told_in_the_language(spoken: Language) -> None:
    with pytest.raises(ValueError, match="25 h 00 min") as caught:
        parse_budget("1500m")
    assert "24-hour limit" not in str(caught.value)


@pytest.mark.parametrize("spoken", TRANSLATED, indirect=True)
def test_a_reminder_gives_the_routine_s_length_in_the_language(spoken: Language) -> None:
    routine = parse_routine(b"name: Hips\nexercises:\n  - {name: Frog, hold: 30s}\n", "t.yaml")
    reminder = Reminder(Check(PlanEntry("hips", EVERY_DAY, time(18, 30)), Verdict.DUE),
                        routine, Path("hips.yaml"))
    assert "(12 min 30 s)" in reminder.body(750)
