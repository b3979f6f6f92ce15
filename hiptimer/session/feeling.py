"""How a completed session felt, as its person says in the check-in after it, and what that
does to the routine's level.

Physiotherapy practice is to progress when the work was manageable and did not hurt, to
stay when it was hard, and to step back when it hurt. A session left unrated steps up as a
manageable one does, so nothing changes for someone who never answers.
"""

from __future__ import annotations

from enum import StrEnum


class Feeling(StrEnum):
    """The check-in's four answers; the value is how the command line and the history's
    export write it (``hiptimer history --rate 12 pain``)."""

    EASY = "easy"
    RIGHT = "right"
    HARD = "hard"
    PAIN = "pain"

    @property
    def words(self) -> str:
        """The answer as the screen shows it and the voice says it."""
        return _WORDS[self]

    @property
    def number(self) -> int:
        """The key that gives this answer on the check-in screen (1 to 4)."""
        return list(Feeling).index(self) + 1

    @property
    def level_step(self) -> int:
        """Levels the routine moves after a completed session that felt so: up one, stay,
        or down one."""
        return _STEPS[self]


_WORDS = {Feeling.EASY: "Easy", Feeling.RIGHT: "About right", Feeling.HARD: "Hard",
          Feeling.PAIN: "It hurt"}
_STEPS = {Feeling.EASY: 1, Feeling.RIGHT: 1, Feeling.HARD: 0, Feeling.PAIN: -1}

UNRATED_STEP = 1
"""Levels a completed session left unrated moves the routine: up one, as before check-ins."""


def level_step(feeling: Feeling | None) -> int:
    """Levels a completed session moves its routine, rated ``feeling`` (None: unrated)."""
    return UNRATED_STEP if feeling is None else feeling.level_step
