"""Plays the planned cue for each engine event as the driver dispatches it.

A phase's cues are planned, and their sounds made (the words joined to their tone, at the
set volume), ahead of time: the first phase's when the session is put together, each next
one's (and at the last, the finishing cue's) in ``prepare``, which the driver calls once
everything due at a deadline has been delivered and shown. When a phase starts, its first
cue goes out at once instead of waiting for that work on the timer's path.
"""

from __future__ import annotations

from collections.abc import Callable

from hiptimer.cues.names import CueName
from hiptimer.cues.placement import Cue, CueBank, EventKey, finish_cue, plan_phase
from hiptimer.cues.player import AudioSink
from hiptimer.session.events import Event, EventKind
from hiptimer.session.timeline import Timeline


class CueDispatcher:
    """Listens to engine events; ``on_cue(name, due_at)`` hears of every cue it plays."""

    def __init__(self, timeline: Timeline, bank: CueBank, sink: AudioSink,
                 on_cue: Callable[[CueName, float], None] | None = None) -> None:
        self.timeline = timeline
        self.bank = bank
        self.sink = sink
        self.on_cue = on_cue
        self._plan: dict[EventKey, Cue] = {}
        self._duration: float | None = None
        self._ahead: tuple[int, float | None, CueBank, dict[EventKey, Cue]] | None = None
        """The next phase's plan, made in advance: its index, length and bank, and the plan."""
        self._finish_ahead: tuple[CueBank, Cue | None] | None = None
        """The finishing cue, made in advance, with the bank it was made from."""
        self._to_prepare: int | None = None
        """The phase ``prepare`` plans next (past the last one: the finishing cue)."""
        self._plan_ahead(0)

    def on_event(self, event: Event) -> None:
        if event.kind is EventKind.PHASE_STARTED and event.phase is not None:
            self._duration = event.phase.duration
            self._plan = self._planned(event.phase.index, self._duration)
        elif (event.kind is EventKind.PHASE_EXTENDED and event.phase is not None
              and self._duration is not None):
            self._duration += event.value or 0
            self._plan = plan_phase(self.timeline, event.phase.index, self._duration, self.bank)
            self._plan.pop((EventKind.PHASE_STARTED, None, None), None)
        if event.kind is EventKind.FINISHED:
            ahead = self._finish_ahead
            cue = ahead[1] if ahead is not None and ahead[0] is self.bank else finish_cue(self.bank)
        else:
            cue = self._plan.get((event.kind, event.value, event.tempo))
        if cue is not None:
            if self.on_cue is not None:
                self.on_cue(cue.name, event.at)
            if self.bank.settings.volume > 0:  # muted: decided and logged, not played
                self.sink.play(cue.sound)
        if event.kind is EventKind.PHASE_STARTED and event.phase is not None:
            self._to_prepare = event.phase.index + 1

    def prepare(self) -> None:
        """Plan the next phase now, while nothing is due (see the module's docstring)."""
        if self._to_prepare is not None:
            self._plan_ahead(self._to_prepare)
            self._to_prepare = None

    def _planned(self, index: int, duration: float | None) -> dict[EventKey, Cue]:
        """Phase ``index``'s plan: the one made in advance when it still holds (same length,
        same sounds), else made now."""
        ahead = self._ahead
        self._ahead = None
        if ahead is not None and ahead[:3] == (index, duration, self.bank):
            return ahead[3]
        return plan_phase(self.timeline, index, duration, self.bank)

    def _plan_ahead(self, index: int) -> None:
        if index < len(self.timeline.phases):
            duration = self.timeline.phases[index].duration
            self._ahead = (index, duration, self.bank,
                           plan_phase(self.timeline, index, duration, self.bank))
        elif self._finish_ahead is None or self._finish_ahead[0] is not self.bank:
            self._finish_ahead = (self.bank, finish_cue(self.bank))
