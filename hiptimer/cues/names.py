"""The cues a person can hear, and the groups they are switched on and off by."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class CueName(StrEnum):
    GET_READY = "get_ready"
    WORK = "work"
    REST = "rest"
    SWITCH = "switch"
    PIP = "pip"
    PIP_LAST = "pip_last"
    HALFWAY = "halfway"
    TICK = "tick"
    TEMPO_UP = "tempo_up"
    TEMPO_HOLD = "tempo_hold"
    TEMPO_DOWN = "tempo_down"
    FINISHED = "finished"


class CueGroup(StrEnum):
    """What a settings switch turns off: a cue kind as a person thinks of it."""

    GET_READY = "get_ready"
    WORK = "work"
    REST = "rest"
    SWITCH = "switch"
    COUNTDOWN = "countdown"
    HALFWAY = "halfway"
    REPS = "reps"
    TEMPO = "tempo"
    FINISHED = "finished"


GROUP_OF = {
    CueName.GET_READY: CueGroup.GET_READY,
    CueName.WORK: CueGroup.WORK,
    CueName.REST: CueGroup.REST,
    CueName.SWITCH: CueGroup.SWITCH,
    CueName.PIP: CueGroup.COUNTDOWN,
    CueName.PIP_LAST: CueGroup.COUNTDOWN,
    CueName.HALFWAY: CueGroup.HALFWAY,
    CueName.TICK: CueGroup.REPS,
    CueName.TEMPO_UP: CueGroup.TEMPO,
    CueName.TEMPO_HOLD: CueGroup.TEMPO,
    CueName.TEMPO_DOWN: CueGroup.TEMPO,
    CueName.FINISHED: CueGroup.FINISHED,
}


@dataclass(frozen=True)
class CueSettings:
    volume: float = 1.0
    """0 to 1, applied to every cue."""
    voice: bool = True
    """Spoken announcements after the tones."""
    off: frozenset[CueGroup] = field(default_factory=frozenset)

    def enabled(self, name: CueName) -> bool:
        return GROUP_OF[name] not in self.off
