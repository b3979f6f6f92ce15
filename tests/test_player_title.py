"""What a media player shows of a phase (the desktop's sound menu, a headset's app): the
phase in words and the side, in the language hiptimer speaks, never the screen's capitals."""

from __future__ import annotations

import pytest

from hiptimer.base.language import Language
from hiptimer.session.vocabulary import PhaseWord
from hiptimer.ui.desktop.media_player import phase_title

from .support.languages import LANGUAGES

ENGLISH_TITLES = {PhaseWord.IDLE: "Hiptimer", PhaseWord.READY: "Ready",
                  PhaseWord.GET_READY: "Get ready", PhaseWord.HOLD: "Hold",
                  PhaseWord.REPS: "Reps", PhaseWord.REST: "Rest",
                  PhaseWord.SWITCH: "Switch sides", PhaseWord.DONE: "Done",
                  PhaseWord.STOPPED: "Stopped"}


@pytest.mark.parametrize("spoken", LANGUAGES, indirect=True)
def test_every_phase_has_its_words_in_the_language_spoken(spoken: Language) -> None:
    for word in PhaseWord:
        title = phase_title(word)
        assert title and title != title.upper()  # written as a line, not shouted
        if spoken is Language.ENGLISH or word is PhaseWord.IDLE:  # the name stays
            assert title == ENGLISH_TITLES[word]
        else:
            assert title != ENGLISH_TITLES[word], word
