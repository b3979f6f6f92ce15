"""A number inside a translated sentence follows the sentence's language: a decimal comma
and "40 %" in German and Spanish, English exactly as before."""

from __future__ import annotations

import re

import pytest

from hiptimer.base.language import Language
from hiptimer.base.local_format import decimal_text, number_text, percent_text
from hiptimer.body.figure_file import FigureError, parse_figure
from hiptimer.routine import parse_routine
from hiptimer.terminal.app import opening_line
from tests.support.languages import LANGUAGES

LIFTED_HEEL = """\
exercise: Leg raise
view: left
placement: lying on back
floor: [left heel, right heel]
start:
  left knee flexion: 0
end:
  left hip flexion: 90.5
"""
"""A heel the file says stays on the floor, lifted as the rep goes on."""

TOO_FAR = """\
exercise: Side lift
view: left
placement: lying on right side
floor: [right shoulder, right elbow]
start:
  left hip abduction: 47.5
"""
"""An angle 2.5 degrees beyond its normal range (abduction up to 45)."""

SLOW_REPS = ("name: Slow\nexercises:\n"
             "  - {name: Lift, reps: 400, tempo: 9.5s}\n")
"""Reps that take longer than a phase may last, at a tempo with a decimal."""


def problems(text: str) -> list[str]:
    with pytest.raises(FigureError) as caught:
        parse_figure(text.encode(), "fig.yaml")
    return [str(problem) for problem in caught.value.problems]


@pytest.mark.parametrize(("language", "decimal", "whole", "percent"), [
    (Language.ENGLISH, "2.5", "2.0", "40%"),
    (Language.GERMAN, "2,5", "2,0", "40 %"),
    (Language.SPANISH, "2,5", "2,0", "40 %"),
])
def test_each_language_writes_its_decimals_and_percentages(
        language: Language, decimal: str, whole: str, percent: str) -> None:
    assert number_text(2.5, language) == decimal
    assert decimal_text(2.5, 1, language) == decimal
    assert decimal_text(2.0, 1, language, trim=False) == whole
    assert decimal_text(2.0, 1, language) == "2"
    assert percent_text(0.4, language) == percent


def test_english_numbers_are_written_as_python_writes_them() -> None:
    for value in (0.0, 2.0, 12.5, 1.75, -30.0, 0.1234567, 123456789.0):
        assert number_text(value, Language.ENGLISH) == f"{value:g}"
    for fraction in (0.0, 0.05, 0.125, 0.5, 0.995, 1.0):
        assert percent_text(fraction, Language.ENGLISH) == f"{fraction:.0%}"
    assert decimal_text(-0.04, 1, Language.ENGLISH, trim=False) == "0.0"


@pytest.mark.parametrize("spoken", LANGUAGES, indirect=True)
def test_a_point_off_the_floor_is_measured_in_the_language(spoken: Language) -> None:
    [message] = problems(LIFTED_HEEL)
    if spoken is Language.ENGLISH:
        assert message == ("fig.yaml:4:8: error: floor: the left heel is 7.3 cm above the floor "
                           "5% of the way through; a point that touches it may be at most 2 cm "
                           "off (at 1.75 m tall)")
    else:
        assert "above the floor" not in message
        assert "7,3" in message and "1,75" in message and "5 %" in message
        assert not re.search(r"\d\.\d|\d%", message)


@pytest.mark.parametrize("spoken", LANGUAGES, indirect=True)
def test_an_angle_beyond_its_range_is_told_in_the_language(spoken: Language) -> None:
    [message] = problems(TOO_FAR)
    if spoken is Language.ENGLISH:
        assert message == ("fig.yaml:6:23: error: start: left hip abduction is 47.5 degrees, "
                           "2.5 beyond the normal range -30 to 45")
    else:
        assert "beyond the normal range" not in message
        assert "47,5" in message and "2,5" in message and "-30" in message
        assert not re.search(r"\d\.\d", message)


@pytest.mark.parametrize("spoken", LANGUAGES, indirect=True)
def test_a_tempo_too_slow_for_a_phase_is_told_in_the_language(spoken: Language) -> None:
    from hiptimer.base.problem import RoutineError

    with pytest.raises(RoutineError) as caught:
        parse_routine(SLOW_REPS.encode(), "slow.yaml")
    [message] = [str(problem) for problem in caught.value.problems]
    if spoken is Language.ENGLISH:
        assert message.endswith("400 reps at 9.5s each take longer than the one-hour limit "
                                "for a phase")
    else:
        assert "one-hour limit" not in message
        assert "9,5" in message and "9.5" not in message


@pytest.mark.parametrize("spoken", LANGUAGES, indirect=True)
def test_the_terminal_says_a_speed_in_the_language(spoken: Language) -> None:
    line = opening_line("Daily", 12, 2.5, None)
    if spoken is Language.ENGLISH:
        assert line == "Daily: 12 phases at 2.5x speed."
    else:
        assert "speed" not in line
        assert "2,5" in line and "2.5" not in line
