"""Plays the planned cue for each engine event as the driver dispatches it.

A phase's cues are planned, and their sounds made (the words joined to their tone, at the
set volume), ahead of time: the first phase's when the session is put together, each next
one's (and at the last, the finishing cue's) in ``prepare``, which the driver calls once
everything due at a deadline has been delivered and shown. When a phase starts, its first
cue goes out at once instead of waiting for that work on the timer's path.

Speech is made on a worker while the session runs (``speech_worker``), so a plan may have
been made before its words were: it then holds a shorter sentence or the tone alone.
``prepare`` plans the current and the next phase again once words they lacked are made
(and the next one once the sound settings changed); a phase that starts before that keeps
the plan it has: a cue is never held up to make a better one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from hiptimer.base.translation import _
from hiptimer.cues.announcements import DONE, phase_texts
from hiptimer.cues.names import CueName
from hiptimer.cues.placement import Cue, CueBank, EventKey, finish_cue, plan_phase
from hiptimer.cues.player import AudioSink
from hiptimer.cues.speech_worker import SpeechWorker
from hiptimer.session.events import Event, EventKind
from hiptimer.session.timeline import Timeline


@dataclass(frozen=True)
class _Plan:
    """Phase ``index``'s cues when it lasts ``duration``, made from ``bank`` while the
    words ``unsaid`` were not made yet (``index`` past the last phase: the finishing cue)."""

    index: int
    duration: float | None
    bank: CueBank
    cues: dict[EventKey, Cue]
    unsaid: tuple[str, ...]


class CueDispatcher:
    """Listens to engine events; ``on_cue(name, due_at)`` hears of every cue it plays.

    ``speech`` is the worker the bank's words come from, when they are made while the
    session runs: plans are made again as it makes them, and ``close`` ends it.
    """

    def __init__(self, timeline: Timeline, bank: CueBank, sink: AudioSink,
                 on_cue: Callable[[CueName, float], None] | None = None,
                 speech: SpeechWorker | None = None) -> None:
        self.timeline = timeline
        self.bank = bank
        self.sink = sink
        self.on_cue = on_cue
        self.speech = speech
        self._current: _Plan | None = None
        """The plan of the phase under way."""
        self._to_prepare: int | None = None
        """The phase ``prepare`` plans next (past the last one: the finishing cue)."""
        self._ahead: _Plan | None = self._plan(0, self._length(0))
        """The next phase's plan (or the finishing cue's), made in advance."""

    def on_event(self, event: Event) -> None:
        current = self._current
        if event.kind is EventKind.PHASE_STARTED and event.phase is not None:
            current = self._current = self._planned(event.phase.index, event.phase.duration)
        elif (event.kind is EventKind.PHASE_EXTENDED and event.phase is not None
              and current is not None and current.duration is not None):
            current = self._current = self._plan(event.phase.index,
                                                 current.duration + (event.value or 0))
        if event.kind is EventKind.FINISHED:
            finish = self._planned(len(self.timeline.phases), None)
            cue = finish.cues.get(_FINISH)
        else:
            cue = current.cues.get((event.kind, event.value, event.tempo)) if current else None
        if cue is not None:
            if self.on_cue is not None:
                self.on_cue(cue.name, event.at)
            if self.bank.settings.volume > 0:  # muted: decided and logged, not played
                self.sink.play(cue.sound)
        if event.kind is EventKind.PHASE_STARTED and event.phase is not None:
            self._to_prepare = event.phase.index + 1

    def prepare(self) -> None:
        """Plan the next phase now, while nothing is due, and plan again what the words
        made since, or new sound settings, would change (see the module's docstring)."""
        if self._to_prepare is not None:
            index, self._to_prepare = self._to_prepare, None
            ahead = self._ahead
            if ahead is None or ahead.index != index:
                self._ahead = self._plan(index, self._length(index))
        if self.speech is not None:
            self.speech.poll()
        current, ahead = self._current, self._ahead
        # The phase under way keeps the settings it started with (cues turned on now could
        # fall inside a sentence already playing); only words it lacked are added.
        if current is not None and current.bank is self.bank and self._now_said(current):
            self._current = self._plan(current.index, current.duration)
        if ahead is not None and (ahead.bank is not self.bank or self._now_said(ahead)):
            self._ahead = self._plan(ahead.index, ahead.duration)

    def close(self) -> None:
        """The session is over: the speech worker ends (a restart starts it again)."""
        if self.speech is not None:
            self.speech.close()

    def _planned(self, index: int, duration: float | None) -> _Plan:
        """Phase ``index``'s plan: the one made in advance when it still holds (same length,
        same sounds), else made now. One made before all its words were is still used:
        making it again here would hold up the cue it starts with."""
        ahead = self._ahead
        self._ahead = None
        if (ahead is not None and ahead.index == index and ahead.duration == duration
                and ahead.bank is self.bank):
            return ahead
        return self._plan(index, duration)

    def _now_said(self, plan: _Plan) -> bool:
        """Words the plan lacked have been made since."""
        speech = self.speech
        return speech is not None and any(speech.ready(text) for text in plan.unsaid)

    def _length(self, index: int) -> float | None:
        """Phase ``index``'s length as planned (none for the finishing cue)."""
        phases = self.timeline.phases
        return phases[index].duration if index < len(phases) else None

    def _plan(self, index: int, duration: float | None) -> _Plan:
        bank = self.bank
        finishing = index >= len(self.timeline.phases)
        # Asked before planning: words made meanwhile count as unsaid, and are planned again.
        unsaid = self._unsaid([_(DONE)] if finishing
                              else phase_texts(self.timeline, index, duration))
        if finishing:
            cue = finish_cue(bank)
            cues = {_FINISH: cue} if cue is not None else {}
        else:
            cues = plan_phase(self.timeline, index, duration, bank)
        return _Plan(index, duration, bank, cues, unsaid)

    def _unsaid(self, texts: list[str]) -> tuple[str, ...]:
        speech = self.speech
        if speech is None or self.bank.speaker is None:
            return ()
        return tuple(text for text in texts if not speech.ready(text))


_FINISH: EventKey = (EventKind.FINISHED, None, None)
