"""The Qt side of a session: one precise single-shot timer armed for the engine's next deadline.

Nothing else in the app schedules time. Every command goes through here so the timer is
re-armed after it, and every engine event comes out as a signal named for what happened.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from hiptimer.session.engine import Session
from hiptimer.session.events import Event, EventKind


class SessionDriver(QObject):
    event_happened = Signal(object)
    """Every engine event, in order (an ``Event``), before the specific signal below."""
    phase_started = Signal(object)
    second_changed = Signal(object)
    countdown_reached = Signal(object)
    halfway_reached = Signal(object)
    rep_started = Signal(object)
    tempo_part_started = Signal(object)
    phase_extended = Signal(object)
    phase_ended = Signal(object)
    session_paused = Signal(object)
    session_resumed = Signal(object)
    session_finished = Signal(object)
    session_stopped = Signal(object)

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._signals = {
            EventKind.PHASE_STARTED: self.phase_started,
            EventKind.SECOND: self.second_changed,
            EventKind.COUNTDOWN: self.countdown_reached,
            EventKind.HALFWAY: self.halfway_reached,
            EventKind.REP_STARTED: self.rep_started,
            EventKind.TEMPO_PART: self.tempo_part_started,
            EventKind.PHASE_EXTENDED: self.phase_extended,
            EventKind.PHASE_ENDED: self.phase_ended,
            EventKind.PAUSED: self.session_paused,
            EventKind.RESUMED: self.session_resumed,
            EventKind.FINISHED: self.session_finished,
            EventKind.STOPPED: self.session_stopped,
        }

    # Commands: each acts on the engine, reports what happened and re-arms the timer.
    def start(self) -> None:
        self._run(self.session.start)

    def pause(self) -> None:
        self._run(self.session.pause)

    def resume(self) -> None:
        self._run(self.session.resume)

    def toggle(self) -> None:
        self._run(self.session.toggle)

    def next(self) -> None:
        self._run(self.session.next)

    def previous(self) -> None:
        self._run(self.session.previous)

    def next_exercise(self) -> None:
        self._run(self.session.next_exercise)

    def previous_exercise(self) -> None:
        self._run(self.session.previous_exercise)

    def extend(self, seconds: float) -> None:
        self._run(lambda: self.session.extend(seconds))

    def stop(self) -> None:
        self._run(self.session.stop)

    def restart(self) -> None:
        self._run(self.session.restart)

    @property
    def armed_in_ms(self) -> int | None:
        """How long until the timer fires, or ``None`` when nothing is scheduled."""
        return self._timer.remainingTime() if self._timer.isActive() else None

    def _run(self, command: Callable[[], list[Event]]) -> None:
        self._dispatch(command())
        self._arm()

    def catch_up(self) -> None:
        """Report everything due by now and re-arm: what the timer does when it fires."""
        self._dispatch(self.session.advance())
        self._arm()

    def _on_timer_timeout(self) -> None:
        self.catch_up()

    def _dispatch(self, events: list[Event]) -> None:
        for event in events:
            self.event_happened.emit(event)
            self._signals[event.kind].emit(event)

    def _arm(self) -> None:
        due = self.session.next_deadline()
        if due is None:
            self._timer.stop()
            return
        wait = due - self.session.clock.now()
        # Never wake early: a wake-up before the deadline would only find nothing to do.
        self._timer.start(max(0, math.ceil(round(wait * 1000, 6))))
