"""Plays the planned cue for each engine event as the driver dispatches it."""

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

    def on_event(self, event: Event) -> None:
        if event.kind is EventKind.PHASE_STARTED and event.phase is not None:
            self._duration = event.phase.duration
            self._plan = plan_phase(self.timeline, event.phase.index, self._duration, self.bank)
        elif (event.kind is EventKind.PHASE_EXTENDED and event.phase is not None
              and self._duration is not None):
            self._duration += event.value or 0
            self._plan = plan_phase(self.timeline, event.phase.index, self._duration, self.bank)
            self._plan.pop((EventKind.PHASE_STARTED, None, None), None)
        if event.kind is EventKind.FINISHED:
            cue = finish_cue(self.bank)
        else:
            cue = self._plan.get((event.kind, event.value, event.tempo))
        if cue is not None:
            if self.on_cue is not None:
                self.on_cue(cue.name, event.at)
            if self.bank.settings.volume > 0:  # muted: decided and logged, not played
                self.sink.play(cue.sound)
