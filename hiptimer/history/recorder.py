"""Writes a session into the history as its events happen."""

from __future__ import annotations

import hashlib

from hiptimer.history.store import COMPLETED, STOPPED, HistoryStore
from hiptimer.routine.model import Routine
from hiptimer.routine.progression import top_level
from hiptimer.routine.write import routine_to_yaml
from hiptimer.session.engine import Session
from hiptimer.session.events import Event, EventKind
from hiptimer.session.timeline import PhaseKind


def content_hash(routine: Routine) -> str:
    """Identifies the routine's content, whatever its file is called or however it is laid out."""
    return hashlib.sha256(routine_to_yaml(routine).encode()).hexdigest()[:16]


class SessionRecorder:
    """Records ``session`` in ``store``: started, each work period done, and how it ended.

    A work period counts as done when it ran to its end or was skipped after running; the
    seconds recorded are the seconds it actually ran. Problems writing (a full disk) are
    reported once and the session goes on.
    """

    def __init__(self, store: HistoryStore, session: Session, report: object = None) -> None:
        self.store = store
        self.session = session
        self.report = report
        self.session_id: int | None = None
        self._failed = False

    def on_event(self, event: Event) -> None:
        try:
            self._record(event)
        except Exception as exc:  # sqlite3 and OS errors alike: the session must go on
            if not self._failed and callable(self.report):
                self.report(f"could not record this session in the history: {exc}")
            self._failed = True

    def _record(self, event: Event) -> None:
        timeline = self.session.timeline
        if event.kind is EventKind.PHASE_STARTED and self.session_id is None:
            routine = timeline.routine
            planned = sum(p.duration or 0 for p in timeline.phases if p.kind is PhaseKind.WORK)
            self.session_id = self.store.start(
                routine.name, str(routine.path) if routine.path else None,
                content_hash(routine), planned)
        if self.session_id is None:
            return
        if event.kind in (EventKind.PHASE_ENDED, EventKind.STOPPED):
            self._add_last_work(self.session_id)
        if event.kind is EventKind.FINISHED:
            self.store.finish(self.session_id, COMPLETED)
            routine = self.session.timeline.routine
            self.store.step_up(routine.name, top_level(routine))
            self.session_id = None
        elif event.kind is EventKind.STOPPED:
            self.store.finish(self.session_id, STOPPED)
            self.session_id = None

    def _add_last_work(self, session_id: int) -> None:
        """The phase just left, if it was work that ran at all (stopped part-way counts too)."""
        if not self.session.phase_times:
            return
        index, seconds = self.session.phase_times[-1]
        phase = self.session.timeline.phases[index]
        if phase.kind is PhaseKind.WORK and seconds > 0:
            self.store.add_work(session_id, phase.exercise, phase.side, phase.round,
                                phase.set, seconds)
