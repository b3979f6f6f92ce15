"""The words and colour roles a session screen speaks in, light enough to load at start-up."""

from __future__ import annotations

from enum import StrEnum

BAR_FULL = 1000
"""Progress is counted in thousandths: finer than any bar on any screen."""


class ColourRole(StrEnum):
    """What the phase colour says; each look maps these to its own colours."""

    IDLE = "idle"
    PREPARE = "prepare"
    WORK = "work"
    REST = "rest"
    SWITCH = "switch"
    DONE = "done"


class PhaseWord(StrEnum):
    """The one or two words that say what to do now, shown biggest."""

    IDLE = "HIPTIMER"
    READY = "READY"
    GET_READY = "GET READY"
    HOLD = "HOLD"
    REPS = "REPS"
    REST = "REST"
    SWITCH = "SWITCH SIDES"
    DONE = "DONE"
    STOPPED = "STOPPED"


__all__ = ["BAR_FULL", "ColourRole", "PhaseWord"]
