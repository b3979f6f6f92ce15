"""The words and colour roles a session screen speaks in, light enough to load at start-up."""

from __future__ import annotations

from enum import StrEnum

from hiptimer.base.translation import N_, _

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

    @property
    def shown(self) -> str:
        """The word as the screen shows it, in the language installed (the value is the
        English, kept for what reads the status by name)."""
        return _(_SHOWN[self])


_SHOWN: dict[PhaseWord, str] = {
    PhaseWord.IDLE: "HIPTIMER",  # the name, never translated
    # Translators: the phase words fill the screen; keep them short, in capitals.
    PhaseWord.READY: N_("READY"),
    PhaseWord.GET_READY: N_("GET READY"),
    PhaseWord.HOLD: N_("HOLD"),
    PhaseWord.REPS: N_("REPS"),
    PhaseWord.REST: N_("REST"),
    PhaseWord.SWITCH: N_("SWITCH SIDES"),
    PhaseWord.DONE: N_("DONE"),
    PhaseWord.STOPPED: N_("STOPPED"),
}


__all__ = ["BAR_FULL", "ColourRole", "PhaseWord"]
