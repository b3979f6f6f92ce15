"""The headless runner: a real hands-free session in a terminal, on the same Qt driver as the app.

A status line rewrites itself when output is a terminal, fitted to its width again whenever
the terminal changes its size, and plain lines are printed otherwise. Space pauses and
resumes, n and p skip, q stops (when input is a terminal).
A finished session is summed up in a few lines (time worked, what was done, the level and
the week) just before the last words; then, at a terminal, the check-in asks how it felt
(``check_in``).
Every signal that would end the process (Ctrl+C, Ctrl+\\, ``kill``, a closed terminal)
stops the session cleanly instead, with exit status 128 plus the signal's number. Output
that can no longer be written (a closed pipe, a terminal gone) goes quiet; the session
goes on and is recorded.
An end the history could not take (a full disk) is tried again for a few seconds; then the
runner says plainly that it is not recorded, and whether the next start writes it in.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QSocketNotifier, QTimer

from hiptimer.base.keys import Command
from hiptimer.qtloop.driver import SessionDriver
from hiptimer.qtloop.stop_signals import Stage, StopSignals
from hiptimer.session.check_in import asks_after
from hiptimer.session.events import Event, EventKind
from hiptimer.session.state import State
from hiptimer.session.summary import end_lines
from hiptimer.terminal.check_in import check_in, terminal_reader
from hiptimer.terminal.keys import TYPED
from hiptimer.terminal.output import StatusLine

END_TRIES_SECONDS = 5.0
"""How long the end of a session the history could not take is tried again, at most."""


class Runner:
    """Owns the Qt loop, the driver and the keys for one terminal session."""

    def __init__(self, app: QCoreApplication, driver: SessionDriver, status: StatusLine,
                 keys: bool, signals: StopSignals) -> None:
        self.app = app
        self.driver = driver
        self.status = status
        self.signals = signals
        driver.event_happened.connect(self._on_driver_event_happened)
        driver.status_changed.connect(status.show_status)
        self._signal_notifier = QSocketNotifier(signals.wake_read.fileno(),
                                                QSocketNotifier.Type.Read)
        self._signal_notifier.activated.connect(self._on_signal_notifier_activated)
        self._key_notifier: QSocketNotifier | None = None
        self._commands = {Command.TOGGLE: driver.toggle, Command.NEXT: driver.next,
                          Command.PREVIOUS: driver.previous, Command.STOP: driver.stop}
        if keys:
            self._key_notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
            self._key_notifier.activated.connect(self._on_stdin_activated)

    def close(self) -> None:
        self._signal_notifier.setEnabled(False)
        self._stop_listening()

    def run(self) -> None:
        """Run the session to its end, or until a key or a signal stops it."""
        self.signals.stage = Stage.RUNNING
        try:
            # Started from inside the loop, so a stop asked for at any moment finds it running.
            QTimer.singleShot(0, self._begin)
            self.app.exec()
        finally:
            self.signals.stage = Stage.ENDING

    def _begin(self) -> None:
        if self.signals.received is None:
            self.driver.start()
        else:
            self.driver.stop()
        self._quit_when_over()

    def _quit_when_over(self) -> None:
        if not self.driver.session.is_live():
            self.app.quit()

    def _on_signal_notifier_activated(self) -> None:
        # Python has run the signal handler on the way into this slot. The session is
        # stopped here, never in the handler, which can run in the middle of another slot.
        self.signals.drain()
        if self.signals.take_resize():
            self.status.refit()
        if self.signals.received is not None:
            self.driver.stop()
            self._quit_when_over()

    def _on_stdin_activated(self) -> None:
        try:
            data = os.read(sys.stdin.fileno(), 64)
        except OSError:  # the terminal went away
            data = b""
        if not data:  # end of input: stop listening, the session goes on
            self._stop_listening()
            return
        for key in data.decode(errors="ignore").lower():
            command = TYPED.get(key)
            if command is not None:
                self._commands[command]()

    def _stop_listening(self) -> None:
        if self._key_notifier is not None:
            self._key_notifier.setEnabled(False)

    def settle(self, sleep: Callable[[float], None]) -> bool:
        """Once the loop is over: an end the history could not take is tried again for
        ``END_TRIES_SECONDS`` by the session's clock, ``sleep`` waiting between tries; if it
        still fails, the user is told what became of it. True when the history holds it."""
        recorder = self.driver.practice.recorder
        if recorder is None or recorder.retry_for(END_TRIES_SECONDS,
                                                  self.driver.session.clock, sleep):
            return True
        message = recorder.left_behind()
        recorder.close()
        if message:
            self.status.say(message)
        return False

    def check_in(self, fd: int) -> None:
        """Once the loop is over: a session run to its end at its real pace is asked how it
        felt, at the terminal ``fd``, unless a stop signal came meanwhile."""
        practice = self.driver.practice
        completed = self.driver.session.state is State.FINISHED
        if not asks_after(completed, practice.timeline.preview) or self.signals.received:
            return
        self._stop_listening()
        read = terminal_reader(fd, self.signals.wake_read,
                               lambda: self.signals.received is not None)
        check_in(practice, read, self.driver.session.clock, self.status.say)

    def summary(self) -> list[str]:
        """The finished session summed up; the driver hands on the end only after the
        history has recorded it, so the summary counts this session."""
        done = self.driver.practice.summary()
        return [] if done is None else end_lines(done)

    def _on_driver_event_happened(self, event: Event) -> None:
        if event.kind is EventKind.FINISHED:
            for line in self.summary():
                self.status.say(line)
        self.status.on_event(event)
        if event.kind in (EventKind.FINISHED, EventKind.STOPPED):
            self.app.quit()
