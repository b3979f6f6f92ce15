"""Announcements are spoken as a person would say them, while the screen keeps the written
form: "90/90" is "ninety-ninety", "30s" is "30 seconds"."""

from __future__ import annotations

import re
import stat
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hiptimer.cues.announcements import all_texts
from hiptimer.cues.pronunciation import spoken
from hiptimer.cues.speech import Speaker
from hiptimer.routine import load_routine
from hiptimer.routine.progression import top_level
from hiptimer.session import compile_timeline

from .support.checkout import ROUTINES

WRITTEN_FORMS = re.compile(r"\d\s*/\s*\d|°|\b\d+\s*(s|secs?|mins?|x)\b|\d-\d+\b(?!-)",
                           re.IGNORECASE)
"""What the speech engine would read out letter by letter or as symbols."""


@pytest.mark.parametrize("path", sorted(ROUTINES.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_announcement_of_every_builtin_is_said_in_words(path: Path) -> None:
    routine = load_routine(path)
    for level in range(top_level(routine) + 1):
        for text in all_texts(compile_timeline(routine, level)):
            words = spoken(text)
            assert not WRITTEN_FORMS.search(words), (level, text, words)
            if "90/90" in text:
                assert "ninety-ninety" in words


@pytest.mark.parametrize(("written", "said"), [
    ("Next: 90/90 stretch, left side.", "Next: ninety-ninety stretch, left side."),
    ("Hold 45s", "Hold 45 seconds"), ("1 s", "1 second"), ("2 min", "2 minutes"),
    ("3x hold", "3 times hold"), ("8-12 reps", "8 to 12 reps"), ("60°", "60 degrees"),
    ("Band & ball", "Band and ball"), ("Band side-walks", "Band side-walks"),
    ("Tempo 2-1-2", "Tempo 2-1-2"),
])
def test_names_and_units_are_said_as_a_person_would(written: str, said: str) -> None:
    assert spoken(written) == said


@given(st.text())
def test_saying_words_again_changes_nothing(text: str) -> None:
    assert spoken(spoken(text)) == spoken(text)


def test_the_speech_engine_is_given_the_spoken_words(tmp_path: Path) -> None:
    said = tmp_path / "said.txt"
    engine = tmp_path / "engine"
    engine.write_text(f'#!/bin/sh\nfor last; do :; done\nprintf "%s" "$last" > "{said}"\n'
                      "exit 1\n")
    engine.chmod(engine.stat().st_mode | stat.S_IEXEC)
    speaker = Speaker(tmp_path / "cache", engine=str(engine))
    assert speaker.say("Next: 90/90 stretch, 45s.") is None  # the fake engine makes no sound
    assert said.read_text() == "Next: ninety-ninety stretch, 45 seconds."
