"""Where in its movement the exercise's figure is, from the session's status and the time.

The figure moves with the session, as the tempo bar fills: in a rep timed up-hold-down it
goes from start to end over the up, stays at the end over the hold and comes back over the
down, from where the status says the part is (``tempo_done``) over what is left of it
(``tempo_left_ms``), so the eye, the bar and the ear agree, and a clock that jumps moves it.
A rep with one tempo figure, or one paced by the person, loops smoothly there and back at its
pace, begun again at each new rep. Getting ready it plays the movement through once, so the
person sees what is coming. A hold, a rest and a switch show it still; so does a pause.

Plain Python: the widget that draws it asks ``fraction`` at each frame and ``moving`` to
know whether to keep its timer running.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from hiptimer.session.events import TempoPart
from hiptimer.session.status import Status
from hiptimer.session.timeline import PhaseKind
from hiptimer.session.vocabulary import BAR_FULL

SELF_PACED_SECONDS = 4.0
"""A self-paced rep is shown at this pace: a calm one."""
PREVIEW_SECONDS = 3.0
"""Getting ready, the movement is played there and back once over this long (or over half
the get-ready, if that is shorter)."""


@dataclass(frozen=True)
class Motion:
    """The figure's movement from the moment ``since``: from ``start`` to ``end`` over
    ``seconds``, then still there; or, as a ``round_trip``, there and back over ``seconds``
    from ``turned`` of the way round, looping (``loop``) or once. No ``end`` and no round
    trip: still at ``start``."""

    since: float
    start: float = 0.0
    end: float | None = None
    seconds: float = 0.0
    round_trip: bool = False
    loop: bool = False
    turned: float = 0.0

    def at(self, now: float) -> float:
        """How far through the movement the figure is at ``now``, 0 (start) to 1 (end)."""
        if self.seconds <= 0 or (self.end is None and not self.round_trip):
            return self.start
        run = max(0.0, now - self.since) / self.seconds
        if not self.round_trip:
            assert self.end is not None
            return self.start + (self.end - self.start) * min(1.0, run)
        turn = self.turned + run
        if not self.loop and turn >= 1.0:
            return 0.0
        return (1 - math.cos(2 * math.pi * (turn % 1.0))) / 2

    def turned_at(self, now: float) -> float:
        """How far round a round trip has gone at ``now``, to take it up after a pause."""
        if not self.round_trip or self.seconds <= 0:
            return 0.0
        turn = self.turned + max(0.0, now - self.since) / self.seconds
        return turn % 1.0 if self.loop else min(1.0, turn)

    def moving(self, now: float) -> bool:
        """Whether the figure is on its way at ``now``."""
        if self.seconds <= 0:
            return False
        if self.round_trip:
            return self.loop or self.turned + (now - self.since) / self.seconds < 1.0
        return self.end is not None and now - self.since < self.seconds


def still(fraction: float, now: float = 0.0) -> Motion:
    return Motion(now, fraction)


class FigureMotion:
    """Follows the statuses of a session and says where the figure is at any moment."""

    def __init__(self) -> None:
        self.motion = still(0.0)
        self._where: tuple[int, int | None] | None = None
        """The phase and rep last followed: a new one starts its movement afresh."""
        self._paused_turn: float | None = None
        """How far round a round trip had gone when it was paused."""

    def fraction(self, now: float) -> float:
        return self.motion.at(now)

    def moving(self, now: float) -> bool:
        return self.motion.moving(now)

    def follow(self, status: Status, moves: bool, now: float) -> None:
        """Take up ``status`` at ``now``; ``moves``: the figure has an end pose."""
        phase = status.phase
        where = None if phase is None else (phase.index, status.rep)
        fresh, self._where = where != self._where, where
        if fresh:
            self._paused_turn = None
        if phase is None or not status.live or not moves:
            self.motion = still(0.0, now)
        elif phase.kind is PhaseKind.PREPARE and _held_next(status):
            self.motion = still(1.0, now)  # the position about to be held, as it will be
        elif phase.kind is PhaseKind.PREPARE:
            length = phase.duration
            seconds = PREVIEW_SECONDS if length is None else min(PREVIEW_SECONDS, length / 2)
            self._round_trip(status, fresh, now, seconds, loop=False)
        elif phase.kind is not PhaseKind.WORK:
            self.motion = still(0.0, now)
        elif phase.reps is None:
            self.motion = still(1.0, now)  # a rep's exercise held: at its end
        elif phase.tempo is not None and len(phase.tempo.parts) == 3:
            self.motion = _tempo(status, now)
        else:
            tempo = phase.tempo
            seconds = tempo.seconds_per_rep if tempo is not None and not tempo.self_paced \
                else SELF_PACED_SECONDS
            self._round_trip(status, fresh, now, seconds, loop=True)

    def _round_trip(self, status: Status, fresh: bool, now: float, seconds: float,
                    loop: bool) -> None:
        """Begun at a new phase or rep, frozen while paused, taken up where it was after."""
        if status.paused:
            if self._paused_turn is None:
                self._paused_turn = self.motion.turned_at(now)
                self.motion = still(self.motion.at(now), now)
        elif fresh or self._paused_turn is not None:
            turned, self._paused_turn = self._paused_turn or 0.0, None
            self.motion = Motion(now, seconds=seconds, round_trip=True, loop=loop,
                                 turned=turned)


def _held_next(status: Status) -> bool:
    """Getting ready for a hold (of an exercise whose figure moves: held at its end)."""
    coming = status.next_phase
    return coming is not None and coming.kind is PhaseKind.WORK and coming.reps is None


def _tempo(status: Status, now: float) -> Motion:
    """Up: start to end; hold: at the end; down: back to the start, each from where the
    status says the part is, over what is left of it (not moving while paused)."""
    part = status.tempo_part
    done = status.tempo_done / BAR_FULL
    if part is None:
        return still(0.0, now)
    if part is TempoPart.HOLD:
        return still(1.0, now)
    start, end = (done, 1.0) if part is TempoPart.UP else (1.0 - done, 0.0)
    if status.paused or status.tempo_left_ms <= 0:
        return still(start, now)
    return Motion(now, start, end, status.tempo_left_ms / 1000)
