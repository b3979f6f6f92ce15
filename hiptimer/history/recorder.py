"""Writes a session into the history as its events happen."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from hiptimer.history.pulse import Pulse
from hiptimer.history.sessions import COMPLETED, STOPPED, SessionStatus, utc_now
from hiptimer.history.store import HistoryStore
from hiptimer.routine.model import Routine
from hiptimer.routine.progression import top_level
from hiptimer.routine.write import routine_to_yaml
from hiptimer.session.counting import kept
from hiptimer.session.engine import Session
from hiptimer.session.events import Event, EventKind
from hiptimer.session.timeline import Phase, PhaseKind


def content_hash(routine: Routine) -> str:
    """Identifies the routine's content, whatever its file is called or however it is laid out."""
    return hashlib.sha256(routine_to_yaml(routine).encode()).hexdigest()[:16]


@dataclass
class _Period:
    """One run of a work phase, and its row in the history once it has one."""

    phase: Phase
    extended: float = 0.0
    row: int | None = None
    written: float = 0.0
    """Seconds the history holds for it."""
    seen: float = 0.0
    """Whole seconds done, by the last SECOND event."""
    final: float = 0.0
    """The seconds it ran, once it has ended."""


class SessionRecorder:
    """Records ``session`` in ``store``: started, each work period as it runs, how it ended.

    The running work period's seconds are kept each second, in the store's pulse file once
    the period has a row (one ``pwrite``, not a transaction), so a killed process leaves the
    seconds done; at its end the row gets the seconds it actually ran. A work period counts
    when it ran at all, to its end or skipped or stopped part-way.

    A session is written as it starts, so that others see one under way (the reminders wait
    for its end), but one that ends with no work at all (a start by mistake, stopped in its
    get-ready) is removed at its end: nothing was done, so nothing
    is kept. One cut off that soon is left out when the history is read.

    A write that fails (a database busy for longer than the store waits, a full disk) is
    reported and the session goes on: what could not be written is kept here and written at
    the next phase change that succeeds, so a lock that goes away loses nothing.
    """

    def __init__(self, store: HistoryStore, session: Session,
                 report: Callable[[str], None] | None = None) -> None:
        self.store = store
        self.session = session
        self.report = report
        self.session_id: int | None = None
        self._active = False
        self._began_at: datetime | None = None
        self._period: _Period | None = None
        self._pulse: Pulse | None = None
        self._ended: list[_Period] = []
        self._left = 0
        """Phases left since the session began: the next index into ``session.phase_times``."""
        self._seconds = 0.0
        """Seconds of the phases left so far, pauses out: the session's length at its end."""
        self._work = 0.0
        """Seconds of the work periods left so far: the session's work at its end."""
        self._phase_at = 0.0
        """When the phase under way began, by the session's clock."""
        self._failing = False
        """The last write failed: a message said so, and one will say when writes work again."""

    @property
    def began_at(self) -> datetime | None:
        """When the latest session began, by the wall clock: the moment the history files
        it under, and so the week it counts in."""
        return self._began_at

    def on_event(self, event: Event) -> None:
        try:
            self._record(event)
        except Exception as exc:  # sqlite3 and OS errors alike: the session must go on
            if not self._failing:
                self._failing = True
                self._say(f"could not record this session in the history ({exc}); the "
                          "session goes on, and the history is tried again at the next phase")

    def _record(self, event: Event) -> None:
        kind = event.kind
        if kind is EventKind.PHASE_STARTED and not self._active:
            self._begin()
        if not self._active:
            return
        if kind is EventKind.SECOND:
            self._progress(event)
            return
        if kind is EventKind.PHASE_EXTENDED and self._period is not None:
            self._period.extended += event.value or 0
        elif kind is EventKind.PHASE_ENDED or (kind is EventKind.STOPPED
                                                 and event.phase is not None):
            self._leave(event)
        elif kind is EventKind.PHASE_STARTED and event.phase is not None:
            self._phase_at = event.at
            if event.phase.kind is PhaseKind.WORK:
                self._period = _Period(event.phase)
        if kind is EventKind.FINISHED:
            self._end(COMPLETED)
        elif kind is EventKind.STOPPED:
            self._end(STOPPED)
        elif kind in (EventKind.PHASE_STARTED, EventKind.PHASE_ENDED):
            self._catch_up()

    def _begin(self) -> None:
        self._active = True
        self._began_at = utc_now()
        self.session_id = None
        if self._pulse is not None:  # the last session's end was not written: its file stays
            self._pulse.close()
            self._pulse = None
        self._period = None
        self._ended = []
        self._left = 0
        self._seconds = 0.0
        self._work = 0.0
        self._failing = False  # a new session: its own trouble gets its own message

    def _end(self, status: SessionStatus) -> None:
        self._active = False
        self._catch_up()
        assert self.session_id is not None
        if not kept(self._work):  # a start by mistake: nothing done, nothing kept
            self.store.forget(self.session_id)
            self._end_pulse()
            self.session_id = None
            return
        self.store.finish(self.session_id, status, session_seconds=self._seconds)
        self._end_pulse()  # the database holds all of it now
        if status is COMPLETED:
            routine = self.session.timeline.routine
            self.store.step_up(routine.name, top_level(routine))
        self.session_id = None

    def _progress(self, event: Event) -> None:
        """The running work period's whole seconds, written as they pass; skipped while the
        history fails, so a busy database is not waited for every second."""
        period = self._period
        if period is None or event.phase is not period.phase:
            return
        shown = event.value or 0
        duration = period.phase.duration
        # SECOND counts down a phase with a length, and up a self-paced one.
        period.seen = shown if duration is None else duration + period.extended - shown
        if self.session_id is not None and not self._failing and period.seen > period.written:
            self._keep(period, period.seen)

    def _keep(self, period: _Period, seconds: float) -> None:
        """A running period's seconds: into the pulse once the period has a row, else (its
        first second, or a pulse that cannot be written) into the database."""
        if period.row is not None and self._pulse is not None:
            try:
                self._pulse.beat(period.row, seconds)
            except OSError:
                self._end_pulse()  # the database takes every second from now on
            else:
                period.written = seconds
                return
        self._write(period, seconds)

    def _end_pulse(self) -> None:
        if self._pulse is not None:
            self._pulse.end()
            self._pulse = None

    def _leave(self, event: Event) -> None:
        """The phase just left: its seconds go into the session's length, and a work period
        gets the seconds it actually ran."""
        index, self._left = self._left, self._left + 1
        period, self._period = self._period, None
        times = self.session.phase_times
        ran: float | None = None
        if index < len(times) and event.phase is not None \
                and times[index][0] == event.phase.index:
            ran = times[index][1]
        # Otherwise a restart began the list anew before this event was handed on: the
        # seconds shown, or the clock since the phase began (a pause in it left in).
        if period is not None:
            period.final = period.seen if ran is None else ran
            self._ended.append(period)
            self._seconds += period.final
            self._work += period.final
        else:
            self._seconds += max(0.0, event.at - self._phase_at) if ran is None else ran

    def _catch_up(self) -> None:
        """Writes what the history is missing: the session itself, and ended work periods."""
        if self.session_id is None:
            timeline = self.session.timeline
            routine = timeline.routine
            planned = sum(p.duration or 0 for p in timeline.phases if p.kind is PhaseKind.WORK)
            self.session_id = self.store.start(
                routine.name, str(routine.path) if routine.path else None,
                content_hash(routine), planned, when=self._began_at)
            self._pulse = self.store.pulse(self.session_id)
        while self._ended:
            self._write(self._ended[0], self._ended[0].final)
            self._ended.pop(0)
        if self._failing:
            self._failing = False
            self._say("the history records this session again, with what was missed")

    def _say(self, message: str) -> None:
        if self.report is not None:
            self.report(message)

    def _write(self, period: _Period, seconds: float) -> None:
        assert self.session_id is not None
        phase = period.phase
        if period.row is None:
            if seconds > 0:
                period.row = self.store.add_work(self.session_id, phase.exercise, phase.side,
                                                 phase.round, phase.set, seconds)
        elif seconds > 0:
            self.store.set_work(period.row, seconds)
        else:
            self.store.remove_work(period.row)
            period.row = None
        period.written = seconds
