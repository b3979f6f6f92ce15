"""The cues a person can hear, and the groups they are switched on and off by."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from hiptimer.base.translation import pgettext


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


def group_label(group: CueGroup) -> str:
    """What a settings switch for ``group`` is labelled, in the language installed."""
    labels = {
        # Translators: a kind of cue the settings switch on and off: the sound as a get-ready
        # phase starts.
        CueGroup.GET_READY: pgettext("cue", "Get ready"),
        CueGroup.WORK: pgettext("cue", "Work starts"),
        CueGroup.REST: pgettext("cue", "Rest"),
        CueGroup.SWITCH: pgettext("cue", "Switch sides"),
        CueGroup.COUNTDOWN: pgettext("cue", "Countdown pips (3, 2, 1)"),
        CueGroup.HALFWAY: pgettext("cue", "Halfway"),
        CueGroup.REPS: pgettext("cue", "Rep ticks"),
        CueGroup.TEMPO: pgettext("cue", "Tempo (up, hold, down)"),
        CueGroup.FINISHED: pgettext("cue", "Routine finished"),
    }
    return labels[group]


@dataclass(frozen=True)
class CueSettings:
    volume: float = 1.0
    """0 to 1, applied to every cue."""
    voice: bool = True
    """Spoken announcements after the tones."""
    off: frozenset[CueGroup] = field(default_factory=frozenset)

    def enabled(self, name: CueName) -> bool:
        return GROUP_OF[name] not in self.off
