"""Every signal that would end the process (Ctrl+C, Ctrl+\\, ``kill``, a closed terminal, a
desktop that logs out) stops the session cleanly instead, with exit status 128 plus the
signal's number; the signal of a terminal that changed its size has the status line redrawn
to fit it. Shared by both front ends: each wakes its Qt loop on ``wake_read``."""

from __future__ import annotations

import signal
import socket
from collections.abc import Callable
from contextlib import suppress
from enum import Enum, auto
from types import FrameType
from typing import Any

STOP_SIGNALS: tuple[signal.Signals, ...] = tuple(
    getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT")
    if hasattr(signal, name))
"""The signals that end a process by default and that a person or the system sends it."""
RESIZE_SIGNAL: signal.Signals | None = getattr(signal, "SIGWINCH", None)
"""Sent when the terminal changes its size (on systems that have it)."""


def exit_status(signum: int) -> int:
    """The shell's convention for a program ended by a signal: 128 plus its number."""
    return 128 + signum


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

    A resize of the terminal is noted too (``resized``) and wakes the loop the same way, so
    the status line is fitted to the new width at once, even while the session is paused.
    """

    def __init__(self) -> None:
        self.received: int | None = None
        """The first stop signal's number, once one has arrived."""
        self.resized = False
        """The terminal changed its size since the loop last looked (``take_resize``)."""
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
            if RESIZE_SIGNAL is not None:
                self._previous[RESIZE_SIGNAL] = signal.signal(RESIZE_SIGNAL, self._on_resize)
                # A resize interrupts nothing: system calls under way carry on (many arrive
                # while a window is dragged to a new size).
                signal.siginterrupt(RESIZE_SIGNAL, False)
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
        """Empty the wake-up socket, so the loop is not woken again for the same signals
        (a window dragged to a new size sends many)."""
        with suppress(OSError):  # BlockingIOError once it is empty
            while self.wake_read.recv(4096):
                pass

    def take_resize(self) -> bool:
        """Whether the terminal changed its size since the last time this was asked."""
        resized, self.resized = self.resized, False
        return resized

    def _on_resize(self, signum: int, frame: FrameType | None) -> None:
        self.resized = True

    def _on_signal(self, signum: int, frame: FrameType | None) -> None:
        if self.received is None:
            self.received = signum
        if self.stage is Stage.SETTING_UP:
            self.stage = Stage.ENDING  # a second signal must not cut the cleaning up short
            raise Interrupted(signum)
