"""The headless runner: a real hands-free session in a terminal, on the same Qt driver as the app.

A status line rewrites itself when output is a terminal and plain lines are printed
otherwise. Space pauses and resumes, n and p skip, q stops (when input is a terminal).
A finished session is summed up in a few lines (time worked, what was done, the level and
the week) just before the last words.
Every signal that would end the process (Ctrl+C, Ctrl+\\, ``kill``, a closed terminal)
stops the session cleanly instead, with exit status 128 plus the signal's number. Output
that can no longer be written (a closed pipe, a terminal gone) goes quiet; the session
goes on and is recorded.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import sys
from collections.abc import Callable
from contextlib import suppress
from enum import Enum, auto
from types import FrameType
from typing import Any, TextIO

from PySide6.QtCore import QCoreApplication, QSocketNotifier, QTimer

from hiptimer.driver import SessionDriver
from hiptimer.routine.duration import format_clock, format_elapsed
from hiptimer.session.events import Event, EventKind, PauseReason
from hiptimer.session.state import State
from hiptimer.session.status import Status
from hiptimer.session.summary import summary_lines

KEYS_HELP = "space pause/resume (self-paced: done), n next, p previous, q stop"
STOP_SIGNALS: tuple[signal.Signals, ...] = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT")
    if hasattr(signal, name))
"""The signals that end a process by default and that a person or the system sends it."""


def exit_status(signum: int) -> int:
    """The shell's convention for a program ended by a signal: 128 plus its number."""
    return 128 + signum


class Output:
    """A text stream written to without ever failing the caller.

    The first write that fails (a closed pipe, a terminal that went away, a full disk)
    silences it for good. With ``detach``, the stream's file descriptor is then pointed at
    the null device, so the interpreter's own flush at exit has nothing left to fail on.
    """

    def __init__(self, stream: TextIO | None, detach: bool = False) -> None:
        self.stream = stream
        self.detach = detach

    @property
    def working(self) -> bool:
        return self.stream is not None

    def write(self, text: str) -> None:
        if self.stream is None:
            return
        try:
            self.stream.write(text)
            self.stream.flush()
        except (OSError, ValueError):  # ValueError: the stream was closed
            if self.detach:
                _point_at_null(self.stream)
            self.stream = None


def _point_at_null(stream: TextIO) -> None:
    with suppress(OSError, ValueError):
        null = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(null, stream.fileno())
        finally:
            os.close(null)


def status_text(status: Status, keys: bool = True) -> str:
    """The session in one line: what to do, where, and how long is left."""
    bits = [status.word.value, status.exercise]
    if status.side:
        bits.append(status.side)
    if status.sets > 1:
        bits.append(f"set {status.set}/{status.sets}")
    if status.reps is not None and status.rep is not None:
        part = status.tempo_part
        bits.append(f"rep {status.rep}/{status.reps}" + (f" {part.upper()}" if part else ""))
    if status.remaining is None:
        bits.append(f"{format_elapsed(status.elapsed)} (self-paced: "
                    f"{'space or n when done' if keys else 'Ctrl+C stops'})")
    else:
        bits.append(format_clock(status.remaining))
    bits.append(f"total {format_clock(status.routine_left)} left")
    if status.paused:
        bits.insert(0, "PAUSED")
    return "  ".join(bits)


class StatusLine:
    """Says where the session is, in one line: rewritten in place on a terminal, and a line
    per phase (and per pause) otherwise."""

    def __init__(self, out: Output, live: bool, keys: bool = True) -> None:
        self.out = out
        self.live = live
        self.keys = keys
        self.status: Status | None = None
        self._width = 0
        self._printed: tuple[int | None, State] | None = None

    def text(self) -> str:
        return "" if self.status is None else status_text(self.status, self.keys)

    def show_status(self, status: Status) -> None:
        self.status = status
        if not status.live:
            return  # the end is said in words by on_event
        where = (status.phase.index if status.phase is not None else None, status.state)
        if self.live or where != self._printed:
            self._printed = where
            self.show()

    def on_event(self, event: Event) -> None:
        """Says in words what the line cannot: the end, and a pause nobody asked for."""
        if event.kind is EventKind.FINISHED:
            self.say("Finished. Well done.")
        elif event.kind is EventKind.STOPPED:
            self.say("Stopped.")
        elif event.kind is EventKind.PAUSED and event.reason is PauseReason.FELL_BEHIND:
            self.say("Paused: the session fell behind (was the computer asleep?). "
                     "Press space to go on.")

    def show(self) -> None:
        if not self.out.working or self.status is None:
            return
        text = self.text()
        if self.live:
            # A line wider than the terminal would wrap, and '\r' could not rewrite it.
            text = text[:max(20, shutil.get_terminal_size().columns - 1)]
            pad = max(0, self._width - len(text))
            self.out.write("\r" + text + " " * pad)
            self._width = len(text)
        else:
            self.out.write(text + "\n")

    def say(self, message: str) -> None:
        """A message on a line of its own, leaving the live line intact below it."""
        if self.live and self._width:
            message = "\r" + " " * self._width + "\r" + message
            self._width = 0
        self.out.write(message + "\n")
        if self.live and self.status is not None and self.status.live:
            self.show()


class Stage(Enum):
    """What a stop signal does, by how far the run has come."""

    SETTING_UP = auto()
    """Nothing has started: the setting up is abandoned (``Interrupted`` is raised)."""
    RUNNING = auto()
    """The Qt loop runs: it stops the session as soon as it wakes."""
    ENDING = auto()
    """The session is over or being abandoned: the signal only sets the exit status."""


class Interrupted(Exception):
    """A stop signal arrived while the session was still being set up."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


_Handler = Callable[[int, FrameType | None], Any] | int | signal.Handlers | None


class StopSignals:
    """Turns every signal in ``STOP_SIGNALS`` into a clean stop, for as long as it is entered.

    Killing the process mid-session would leave the terminal without echo, the events file
    without its last line and the history with an interrupted session, so a signal is only
    noted here (and, through the wake-up socket, wakes the Qt loop, which stops the session).
    The first signal sets the exit status. A signal ignored when hiptimer started (under
    ``nohup``, say) stays ignored.
    """

    def __init__(self) -> None:
        self.received: int | None = None
        """The first stop signal's number, once one has arrived."""
        self.stage = Stage.SETTING_UP
        self.wake_read, self._wake_write = socket.socketpair()
        self._previous: dict[int, _Handler] = {}
        self._previous_wakeup = -1

    def __enter__(self) -> StopSignals:
        self.wake_read.setblocking(False)
        self._wake_write.setblocking(False)
        self._previous_wakeup = signal.set_wakeup_fd(self._wake_write.fileno(),
                                                     warn_on_full_buffer=False)
        try:
            for signum in STOP_SIGNALS:
                previous = signal.getsignal(signum)
                if previous is not signal.SIG_IGN:
                    self._previous[signum] = previous
                    signal.signal(signum, self._on_signal)
        except Interrupted:  # noted: the session stops the moment it would start
            pass
        return self

    def __exit__(self, *exc: object) -> None:
        self.stage = Stage.ENDING
        for signum, previous in self._previous.items():
            signal.signal(signum, signal.SIG_DFL if previous is None else previous)
        signal.set_wakeup_fd(self._previous_wakeup)
        self.wake_read.close()
        self._wake_write.close()

    def drain(self) -> None:
        """Empty the wake-up socket, so the loop is not woken again for the same signals."""
        with suppress(OSError):
            self.wake_read.recv(64)

    def _on_signal(self, signum: int, frame: FrameType | None) -> None:
        if self.received is None:
            self.received = signum
        if self.stage is Stage.SETTING_UP:
            self.stage = Stage.ENDING  # a second signal must not cut the cleaning up short
            raise Interrupted(signum)


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
            if key == " ":
                self.driver.toggle()
            elif key == "n":
                self.driver.next()
            elif key == "p":
                self.driver.previous()
            elif key == "q":
                self.driver.stop()

    def _stop_listening(self) -> None:
        if self._key_notifier is not None:
            self._key_notifier.setEnabled(False)

    def summary(self) -> list[str]:
        """The finished session summed up; the driver hands on the end only after the
        history has recorded it, so the summary counts this session."""
        done = self.driver.practice.summary()
        return [] if done is None else summary_lines(done)

    def _on_driver_event_happened(self, event: Event) -> None:
        if event.kind is EventKind.FINISHED:
            for line in self.summary():
                self.status.say(line)
        self.status.on_event(event)
        if event.kind in (EventKind.FINISHED, EventKind.STOPPED):
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
            # A terminal that has gone away (the window closed) has nothing to restore.
            with suppress(termios.error, OSError):
                termios.tcsetattr(self.fd, termios.TCSADRAIN, self.saved)
