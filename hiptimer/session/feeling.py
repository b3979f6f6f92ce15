"""How a completed session felt, as its person says in the check-in after it, and what that
does to the routine's level.

Physiotherapy practice is to progress when the work was manageable and did not hurt, to
stay when it was hard, and to step back when it hurt. A session left unrated steps up as a
manageable one does, so nothing changes for someone who never answers.
"""

from __future__ import annotations

from enum import StrEnum

from hiptimer.base.translation import N_, _


class Feeling(StrEnum):
    """The check-in's four answers; the value is how the command line and the history's
    export write it (``hiptimer history --rate 12 pain``)."""

    EASY = "easy"
    RIGHT = "right"
    HARD = "hard"
    PAIN = "pain"

    @property
    def words(self) -> str:
        """The answer as the screen shows it and the voice says it, in the language
        installed."""
        return _(_WORDS[self])

    @property
    def in_sentence(self) -> str:
        """The answer inside a sentence, after its number: "2 about right"."""
        return _(_IN_SENTENCE[self])

    @property
    def number(self) -> int:
        """The key that gives this answer on the check-in screen (1 to 4)."""
        return list(Feeling).index(self) + 1

    @property
    def level_step(self) -> int:
        """Levels the routine moves after a completed session that felt so: up one, stay,
        or down one."""
        return _STEPS[self]


# Translators: the check-in's four answers to "How did that feel?".
_WORDS = {Feeling.EASY: N_("Easy"), Feeling.RIGHT: N_("About right"), Feeling.HARD: N_("Hard"),
          Feeling.PAIN: N_("It hurt")}
# Translators: the check-in's answers again, inside a sentence ("1 easy, 2 about right").
_IN_SENTENCE = {Feeling.EASY: N_("easy"), Feeling.RIGHT: N_("about right"),
                Feeling.HARD: N_("hard"), Feeling.PAIN: N_("it hurt")}
_STEPS = {Feeling.EASY: 1, Feeling.RIGHT: 1, Feeling.HARD: 0, Feeling.PAIN: -1}

UNRATED_STEP = 1
"""Levels a completed session left unrated moves the routine: up one, as before check-ins."""


def level_step(feeling: Feeling | None) -> int:
    """Levels a completed session moves its routine, rated ``feeling`` (None: unrated)."""
    return UNRATED_STEP if feeling is None else feeling.level_step
