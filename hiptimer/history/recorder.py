"""Writes a session into the history as its events happen."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import datetime

from hiptimer.base.translation import N_, _, ngettext
from hiptimer.history.ending import Ending, EndingRoom, Final, Unwritten
from hiptimer.history.pulse import Pulse
from hiptimer.history.sessions import COMPLETED, STOPPED, SessionStatus, utc_now
from hiptimer.history.store import HistoryStore
from hiptimer.routine.model import Routine
from hiptimer.routine.progression import top_level
from hiptimer.routine.write import routine_to_yaml
from hiptimer.session.clock import Clock
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


@dataclass
class _Run:
    """One session, from its start until the history holds its end."""

    began_at: datetime
    session_id: int | None = None
    pulse: Pulse | None = None
    room: EndingRoom | None = None
    """Where its end is kept beside the history until the database holds it."""
    ended: list[_Period] = field(default_factory=list)
    """Work periods over, whose last seconds the history does not hold yet."""
    end: Ending | None = None
    """How it ended, once it has; None while it runs, and for one with no work to keep."""
    told: bool = False
    """The user was told that its end could not be written."""


RETRY_EVERY = 0.25
"""Seconds between tries of an end, when a front end keeps trying (``retry_for``)."""
# The notices below are marked here and translated where they are said.
NOT_YET = N_("the end of this session could not be written to the history ({reason}); it is "
             "kept, and tried again")
RECORDED = N_("the end of this session is now in the history")
RECORDED_EARLIER = N_("the end of the session before this one is now in the history")
KEPT_BESIDE = N_("the end of this session could not be written to the history ({reason}); it "
                 "is kept beside the history, and the next start of hiptimer writes it in")
LOST = N_("the end of this session could not be written to the history ({reason}), nor kept "
          "beside it: the history shows the session as cut off, without its end")
RECORDS_AGAIN = N_("the history records this session again, with what was missed")


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

    The end (how it ended, the last seconds, the level's step up) is the write that matters
    most, and the one a disk that filled during the session fails. It is written first into
    room set aside beside the history when the session started (``ending``), where a full
    disk cannot stop it, then into the database, in one transaction. One that fails is kept
    (``pending``) and written at each ``retry``, which the front ends call (the window every
    few seconds and as it closes, the terminal for a few seconds at the end), and before
    another session starts; a process that gives up leaves the room holding the end, and the
    next opening of the history writes it in. Writing an end twice writes it once.
    """

    def __init__(self, store: HistoryStore, session: Session,
                 report: Callable[[str], None] | None = None) -> None:
        self.store = store
        self.session = session
        self.report = report
        self._run: _Run | None = None
        """The session under way, if one is."""
        self._latest: _Run | None = None
        """The latest session, under way or over: its row may come only as its end is
        written."""
        self._unsettled: list[_Run] = []
        """Sessions over whose end the history does not hold yet, the oldest first."""
        self._began_at: datetime | None = None
        self._period: _Period | None = None
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
        self._trouble = ""
        """Why the last end could not be written."""

    @property
    def session_id(self) -> int | None:
        """The row of the session under way, once it has one."""
        return None if self._run is None else self._run.session_id

    @property
    def latest_session_id(self) -> int | None:
        """The row of the latest session, under way or over, once it has one: what a
        check-in after its end rates."""
        return None if self._latest is None else self._latest.session_id

    @property
    def began_at(self) -> datetime | None:
        """When the latest session began, by the wall clock: the moment the history files
        it under, and so the week it counts in."""
        return self._began_at

    @property
    def pending(self) -> bool:
        """A session has ended whose end the history does not hold yet."""
        return bool(self._unsettled)

    def retry(self) -> bool:
        """Writes every end still pending; True when none is left. An end the user was told
        had failed is said to be in the history once it is."""
        for run in list(self._unsettled):
            try:
                self._settle(run)
            except Exception as exc:  # sqlite3 and OS errors alike: kept for the next try
                self._trouble = str(exc)
                return False
        return True

    def retry_for(self, seconds: float, clock: Clock, sleep: Callable[[float], None],
                  every: float = RETRY_EVERY) -> bool:
        """Writes every pending end, trying again every ``every`` seconds for at most
        ``seconds`` by ``clock``; True once none is left."""
        deadline = clock.now() + seconds
        while not self.retry():
            if clock.now() >= deadline:
                return False
            sleep(every)
        return True

    def left_behind(self) -> str | None:
        """What the user is told when trying stops with an end still pending: whether the
        next start writes it in; None when no end that matters is pending."""
        ends = [run for run in self._unsettled if run.end is not None]
        if not ends:
            return None
        reason = self._trouble or _("it is not known why")
        left_out = sum(run.room.left_out for run in ends if run.room is not None)
        if any(run.room is None or not run.room.holds_end for run in ends):
            return _(LOST).format(reason=reason)
        if left_out:
            return ngettext(
                "the end of this session could not be written to the history ({reason}); it "
                "is kept beside the history, and the next start of hiptimer writes it in, but "
                "for {count} exercise that did not fit",
                "the end of this session could not be written to the history ({reason}); it "
                "is kept beside the history, and the next start of hiptimer writes it in, but "
                "for {count} exercises that did not fit",
                left_out).format(reason=reason, count=left_out)
        return _(KEPT_BESIDE).format(reason=reason)

    def close(self) -> None:
        """No more writing: an end still pending stays in its room beside the history."""
        runs = [*self._unsettled, *([self._run] if self._run is not None else [])]
        for run in runs:
            for file in (run.pulse, run.room):
                if file is not None:
                    file.close()

    def on_event(self, event: Event) -> None:
        try:
            self._record(event)
        except Exception as exc:  # sqlite3 and OS errors alike: the session must go on
            if not self._failing:
                self._failing = True
                self._say(_("could not record this session in the history ({problem}); the "
                            "session goes on, and the history is tried again at the next "
                            "phase").format(problem=exc))

    def _record(self, event: Event) -> None:
        kind = event.kind
        if kind is EventKind.PHASE_STARTED and self._run is None:
            self._begin()
        if self._run is None:
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
        self.retry()  # an earlier end first, if one is pending; kept if it fails again
        self._began_at = utc_now()
        self._run = self._latest = _Run(self._began_at)
        self._period = None
        self._left = 0
        self._seconds = 0.0
        self._work = 0.0
        self._failing = False  # a new session: its own trouble gets its own message

    def _end(self, status: SessionStatus) -> None:
        """The session is over: its end is kept, in its room and here, then written."""
        run, self._run = self._run, None
        assert run is not None
        if run.pulse is not None:
            run.pulse.close()  # its last second stays until the end is written
        if kept(self._work):
            routine = self.session.timeline.routine
            run.end = Ending(
                status is COMPLETED, utc_now(), self._seconds,
                top_level(routine) if status is COMPLETED else None,
                tuple(Final(p.row, p.final) for p in run.ended if p.row is not None),
                tuple(Unwritten(p.phase.exercise, p.phase.side, p.phase.round, p.phase.set,
                                p.final) for p in run.ended if p.row is None))
            self._keep_end(run)
        run.ended = []  # in the end now, or not kept at all
        self._unsettled.append(run)
        try:
            self._settle(run)
        except Exception as exc:  # sqlite3 and OS errors alike: kept, and tried again
            self._trouble = str(exc)
            if run.end is not None:
                run.told = True
                self._say(_(NOT_YET).format(reason=exc))
            return
        if self._failing:
            self._failing = False
            self._say(_(RECORDS_AGAIN))
        self.retry()  # an earlier end still pending, now that the history takes writes

    def _keep_end(self, run: _Run) -> None:
        """The end into its room beside the history, where a full disk cannot stop it."""
        if run.room is not None and run.end is not None:
            with suppress(OSError, ValueError):  # the database may still take it
                run.room.write(run.end)

    def _settle(self, run: _Run) -> None:
        """Writes what the history lacks of an ended session; raises when a write fails,
        and what was written stays written (each step is done once)."""
        if run.session_id is None and run.end is not None:
            run.session_id = self._start_row(run.began_at)
            run.room = self.store.end_room(run.session_id)
            self._keep_end(run)
        if run.session_id is not None:
            if run.end is None:  # a start by mistake: nothing done, nothing kept
                self.store.forget(run.session_id)
            else:
                self.store.end(run.session_id, run.end)
        self._unsettled.remove(run)
        if run.pulse is not None:  # the database holds all of it now
            run.pulse.end()
        if run.room is not None:
            run.room.remove()
        if run.told:
            self._say(_(RECORDED if self._run is None else RECORDED_EARLIER))

    def _start_row(self, began_at: datetime) -> int:
        timeline = self.session.timeline
        routine = timeline.routine
        planned = sum(p.duration or 0 for p in timeline.phases if p.kind is PhaseKind.WORK)
        return self.store.start(routine.name, str(routine.path) if routine.path else None,
                                content_hash(routine), planned, when=began_at)

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
        run = self._run
        if period.row is not None and run is not None and run.pulse is not None:
            try:
                run.pulse.beat(period.row, seconds)
            except OSError:
                run.pulse.end()
                run.pulse = None  # the database takes every second from now on
            else:
                period.written = seconds
                return
        self._write(period, seconds)

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
            if self._run is not None:
                self._run.ended.append(period)
            self._seconds += period.final
            self._work += period.final
        else:
            self._seconds += max(0.0, event.at - self._phase_at) if ran is None else ran

    def _catch_up(self) -> None:
        """Writes what the history is missing: the session itself (with room beside it for
        its end), and ended work periods."""
        run = self._run
        assert run is not None
        if run.session_id is None:
            run.session_id = self._start_row(run.began_at)
            run.pulse = self.store.pulse(run.session_id)
        if run.room is None:  # not made yet, or the disk was full: tried at each phase
            run.room = self.store.end_room(run.session_id)
        while run.ended:
            self._write(run.ended[0], run.ended[0].final)
            run.ended.pop(0)
        if self._failing:
            self._failing = False
            self._say(_(RECORDS_AGAIN))
        if self._unsettled:  # the history takes writes again: an earlier end, too
            self.retry()

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
