"""The headless runner: a real hands-free session in a terminal, on the same Qt driver as the app.

A status line rewrites itself when output is a terminal and plain lines are printed
otherwise. Space pauses and resumes, n and p skip, q stops (when input is a terminal);
Ctrl+C stops cleanly with exit status 130.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import sys
from contextlib import suppress
from typing import Any, TextIO

from PySide6.QtCore import QCoreApplication, QSocketNotifier

from hiptimer.driver import SessionDriver
from hiptimer.report import phase_title
from hiptimer.routine.duration import format_clock, format_elapsed
from hiptimer.session.engine import Session, State
from hiptimer.session.events import Event, EventKind

EXIT_INTERRUPTED = 130
KEYS_HELP = "space pause/resume, n next, p previous, q stop"


class StatusLine:
    """Says where the session is, in one line."""

    def __init__(self, session: Session, out: TextIO, live: bool, keys: bool = True) -> None:
        self.session = session
        self.out = out
        self.live = live
        self.keys = keys
        self.rep: int | None = None
        self.part: str | None = None
        self._width = 0

    def text(self) -> str:
        s = self.session
        phase = s.phase
        bits = [phase_title(phase), phase.exercise]
        if phase.side:
            bits.append(phase.side)
        if phase.sets > 1:
            bits.append(f"set {phase.set}/{phase.sets}")
        if phase.reps is not None and self.rep is not None:
            bits.append(f"rep {self.rep}/{phase.reps}" + (f" {self.part.upper()}"
                                                          if self.part else ""))
        remaining = s.remaining()
        if remaining is None:
            bits.append(f"{format_elapsed(s.elapsed_in_phase())} (self-paced: "
                        f"{'n when done' if self.keys else 'Ctrl+C stops'})")
        else:
            bits.append(format_clock(remaining))
        bits.append(f"total {format_clock(s.total_remaining())} left")
        if s.state is State.PAUSED:
            bits.insert(0, "PAUSED")
        return "  ".join(bits)

    def on_event(self, event: Event) -> None:
        if event.kind is EventKind.PHASE_STARTED:
            self.rep = self.part = None
        elif event.kind is EventKind.REP_STARTED:
            self.rep, self.part = event.value, None
        elif event.kind is EventKind.TEMPO_PART:
            self.part = event.part
        if event.kind in (EventKind.FINISHED, EventKind.STOPPED):
            self.say("Finished. Well done." if event.kind is EventKind.FINISHED else "Stopped.")
            return
        if event.kind is EventKind.PAUSED and event.part == "fell_behind":
            self.say("Paused: the session fell behind (was the computer asleep?). "
                     "Press space to go on.")
        if self.live or event.kind in (EventKind.PHASE_STARTED, EventKind.PAUSED,
                                       EventKind.RESUMED):
            self.show()

    def show(self) -> None:
        text = self.text()
        if self.live:
            # A line wider than the terminal would wrap, and '\r' could not rewrite it.
            text = text[:max(20, shutil.get_terminal_size().columns - 1)]
            pad = max(0, self._width - len(text))
            self.out.write("\r" + text + " " * pad)
            self._width = len(text)
        else:
            self.out.write(text + "\n")
        self.out.flush()

    def say(self, message: str) -> None:
        """A message on a line of its own, leaving the live line intact below it."""
        if self.live and self._width:
            self.out.write("\r" + " " * self._width + "\r")
            self._width = 0
        self.out.write(message + "\n")
        self.out.flush()
        if self.live and self.session.state in (State.RUNNING, State.PAUSED):
            self.show()


class Runner:
    """Owns the Qt loop, the driver, the keys and the signals for one terminal session."""

    def __init__(self, app: QCoreApplication, driver: SessionDriver, status: StatusLine,
                 keys: bool) -> None:
        self.app = app
        self.driver = driver
        self.status = status
        self.exit_code = 0
        driver.event_happened.connect(status.on_event)
        driver.session_finished.connect(self._on_driver_session_ended)
        driver.session_stopped.connect(self._on_driver_session_ended)
        self._wake_read, self._wake_write = socket.socketpair()
        self._wake_read.setblocking(False)
        self._wake_write.setblocking(False)
        self._previous_wakeup = signal.set_wakeup_fd(self._wake_write.fileno())
        self._previous_sigint = signal.signal(signal.SIGINT, self._on_sigint)
        self._signal_notifier = QSocketNotifier(self._wake_read.fileno(),
                                                QSocketNotifier.Type.Read)
        self._signal_notifier.activated.connect(self._on_signal_notifier_activated)
        self._key_notifier: QSocketNotifier | None = None
        if keys:
            self._key_notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)
            self._key_notifier.activated.connect(self._on_stdin_activated)

    def close(self) -> None:
        signal.signal(signal.SIGINT, self._previous_sigint)
        signal.set_wakeup_fd(self._previous_wakeup)
        self._signal_notifier.setEnabled(False)
        if self._key_notifier is not None:
            self._key_notifier.setEnabled(False)
        self._wake_read.close()
        self._wake_write.close()

    def run(self) -> int:
        self.driver.start()
        if self.driver.session.state in (State.RUNNING, State.PAUSED):
            self.app.exec()
        return self.exit_code

    def _on_sigint(self, signum: int, frame: object) -> None:
        self.exit_code = EXIT_INTERRUPTED
        self.driver.stop()

    def _on_signal_notifier_activated(self) -> None:
        # The byte only wakes the Qt loop so Python runs the signal handler promptly.
        with suppress(BlockingIOError):
            self._wake_read.recv(64)

    def _on_stdin_activated(self) -> None:
        data = os.read(sys.stdin.fileno(), 64)
        if not data:  # end of input: stop listening, the session goes on
            if self._key_notifier is not None:
                self._key_notifier.setEnabled(False)
            return
        for key in data.decode(errors="ignore").lower():
            if key == " ":
                self.driver.toggle()
            elif key == "n":
                self.driver.next()
            elif key == "p":
                self.driver.previous()
            elif key == "q":
                self.driver.stop()

    def _on_driver_session_ended(self, event: Event) -> None:
        self.app.quit()


class cbreak:
    """Single keypresses without Enter, restoring the terminal however the session ends."""

    def __init__(self, stream: TextIO) -> None:
        self.fd = stream.fileno()
        self.saved: list[Any] | None = None

    def __enter__(self) -> None:
        import termios
        import tty

        self.saved = termios.tcgetattr(self.fd)
        tty.setcbreak(self.fd)

    def __exit__(self, *exc: object) -> None:
        import termios

        if self.saved is not None:
            termios.tcsetattr(self.fd, termios.TCSADRAIN, self.saved)
