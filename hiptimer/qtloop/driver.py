"""The Qt side of a session: one precise single-shot timer armed for the engine's next deadline.

Nothing else in the app schedules time. Every command goes through here so the timer is
re-armed after it; the events go to the practice (sound, history) and out as
``event_happened``, and a changed status as ``status_changed``. Once the session has ended
(finished or stopped) the practice is closed, which ends its speech worker.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from hiptimer.practice import Practice
from hiptimer.session.engine import Session
from hiptimer.session.events import Event
from hiptimer.session.state import State

if TYPE_CHECKING:
    from hiptimer.session.status import Status

ENDED = (State.FINISHED, State.STOPPED)


class SessionDriver(QObject):
    event_happened = Signal(object)
    """Every engine event, in order (an ``Event``), after the practice's listeners heard it
    and after the status it led to was sent."""
    status_changed = Signal(object)
    """What a front end shows changed (a ``Status``); sent before the events that changed it
    are, so a listener to those finds the status already current."""
    state_changed = Signal(object)
    """The session's ``State`` changed (started, paused, finished, stopped); sent just after
    the status that shows it."""

    def __init__(self, practice: Practice, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.practice = practice
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._state: State | None = None

    @property
    def session(self) -> Session:
        return self.practice.session

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

    def show_status(self) -> None:
        """Send the status once more if it changed outside the engine (the sound muted)."""
        status = self.practice.changed_status()
        if status is not None:
            self._show(status)

    @property
    def armed_in_ms(self) -> int | None:
        """How long until the timer fires, or ``None`` when nothing is scheduled."""
        return self._timer.remainingTime() if self._timer.isActive() else None

    def catch_up(self) -> None:
        """Report everything due by now and re-arm: what the timer does when it fires."""
        self._run(self.session.advance)

    def _on_timer_timeout(self) -> None:
        self.catch_up()

    def _run(self, command: Callable[[], list[Event]]) -> None:
        events = command()
        status = self.practice.deliver(events)
        # The new status first: whoever hears an event (the terminal saying "Finished")
        # already sees the screen it belongs to.
        if status is not None:
            self._show(status)
        for event in events:
            self.event_happened.emit(event)
        self._arm()
        self.practice.prepare()
        if self.session.state in ENDED:
            self.practice.close()

    def _show(self, status: Status) -> None:
        self.status_changed.emit(status)
        if status.state is not self._state:
            self._state = status.state
            self.state_changed.emit(status.state)

    def _arm(self) -> None:
        due = self.session.next_deadline()
        if due is None:
            self._timer.stop()
            return
        wait = due - self.session.clock.now()
        # Never wake early: a wake-up before the deadline would only find nothing to do.
        self._timer.start(max(0, math.ceil(round(wait * 1000, 6))))
