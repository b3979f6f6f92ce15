"""What a session reports as it runs; every driver (window, terminal, history) reads these."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from hiptimer.session.timeline import Phase


class EventKind(StrEnum):
    PHASE_STARTED = "phase_start"
    SECOND = "second"
    """The whole second shown changed: ``value`` is seconds left (or elapsed when open-ended)."""
    COUNTDOWN = "countdown"
    """A cue point near the end of a phase: ``value`` is 3, 2 or 1 seconds left."""
    HALFWAY = "halfway"
    REP_STARTED = "rep"
    """``value`` is the rep number, from 1."""
    TEMPO_PART = "tempo"
    """``tempo`` is the part of the rep that begins; ``value`` is the rep number."""
    PHASE_EXTENDED = "extended"
    """``value`` is the seconds added."""
    PHASE_ENDED = "phase_end"
    PAUSED = "paused"
    """``reason`` says why."""
    RESUMED = "resumed"
    FINISHED = "finished"
    STOPPED = "stopped"


class TempoPart(StrEnum):
    UP = "up"
    HOLD = "hold"
    DOWN = "down"


class PauseReason(StrEnum):
    USER = "user"
    """Somebody pressed pause."""
    FELL_BEHIND = "fell_behind"
    """The machine slept past a deadline: the session waits instead of racing to catch up."""


@dataclass(frozen=True)
class Event:
    """Something that happened at ``at`` (clock seconds: when it was due, not when noticed)."""

    kind: EventKind
    at: float
    phase: Phase | None
    value: int | None = None
    tempo: TempoPart | None = None
    reason: PauseReason | None = None
