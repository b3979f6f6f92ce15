"""The terminal's and the history's moments written as a reader of the language spoken
expects them: the weekday in that language and the date in its order."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from hiptimer.base.language import Language
from hiptimer.history.dates import moment_text
from tests.support.languages import LANGUAGES

MONDAY = datetime(2026, 3, 2, 18, 0).astimezone()
"""A Monday evening in this machine's time zone (moments are written in local time)."""

WRITTEN = {
    Language.ENGLISH: "Mon 2026-03-02 18:00",
    Language.GERMAN: "Mo 02.03.2026 18:00",
    Language.SPANISH: "lun 02/03/2026 18:00",
}
WEEK = {
    Language.ENGLISH: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
    Language.GERMAN: ["Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"],
    Language.SPANISH: ["lun", "mar", "mié", "jue", "vie", "sáb", "dom"],
}


@pytest.mark.parametrize("spoken", LANGUAGES, indirect=True)
def test_a_moment_is_written_in_the_language_spoken(spoken: Language) -> None:
    assert moment_text(MONDAY) == WRITTEN[spoken]


@pytest.mark.parametrize("spoken", LANGUAGES, indirect=True)
def test_every_weekday_has_its_name(spoken: Language) -> None:
    every_day = [moment_text(MONDAY + timedelta(days=day)) for day in range(7)]
    assert [text.split(" ")[0] for text in every_day] == WEEK[spoken]


@pytest.mark.parametrize("spoken", LANGUAGES, indirect=True)
def test_the_day_and_minute_keep_two_digits(spoken: Language) -> None:
    early = datetime(2026, 1, 5, 7, 5).astimezone()
    assert "05" in moment_text(early).split(" ")[1]
    assert moment_text(early).endswith(" 07:05")
