"""What happens inside one phase, and when: shared by the engine and the cue planner."""

from __future__ import annotations

import math
from dataclasses import dataclass

from hiptimer.session.events import EventKind, TempoPart
from hiptimer.session.timeline import Phase

COUNTDOWN_POINTS = (3, 2, 1)
HALFWAY_MIN_SECONDS = 20.0
"""Holds at least this long get a halfway event."""


@dataclass(frozen=True)
class Due:
    """Something scheduled inside a phase, ``offset`` seconds after the phase started."""

    offset: float
    kind: EventKind
    value: int | None = None
    tempo: TempoPart | None = None


def has_halfway(phase: Phase, duration: float) -> bool:
    """Whether a phase lasting ``duration`` reports its halfway: asked of every phase of a
    routine, so it must not list the phase's seconds to say."""
    return phase.is_hold and duration >= HALFWAY_MIN_SECONDS


def phase_schedule(phase: Phase, duration: float) -> list[Due]:
    """Everything a fixed-length phase reports between its start and its end, in order."""
    due: list[Due] = []
    for left in range(math.ceil(duration) - 1, 0, -1):
        due.append(Due(duration - left, EventKind.SECOND, left))
        if left in COUNTDOWN_POINTS:
            due.append(Due(duration - left, EventKind.COUNTDOWN, left))
    if has_halfway(phase, duration):
        due.append(Due(duration / 2, EventKind.HALFWAY))
    if phase.reps is not None and phase.tempo is not None and not phase.tempo.self_paced:
        step = phase.tempo.seconds_per_rep
        parts = phase.tempo.parts
        for rep in range(1, phase.reps + 1):
            start = (rep - 1) * step
            if start >= duration:
                break
            due.append(Due(start, EventKind.REP_STARTED, rep))
            if len(parts) == 3:
                at = start
                for part, length in zip(TempoPart, parts, strict=True):
                    if length > 0 and at < duration:
                        due.append(Due(at, EventKind.TEMPO_PART, rep, part))
                    at += length
    due.sort(key=lambda d: d.offset)  # stable: the order above breaks ties
    return due
