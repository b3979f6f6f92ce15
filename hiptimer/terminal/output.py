"""Where the terminal's words go: the status line that says where the session is, and the
output beneath it that never fails the session when it cannot be written any more."""

from __future__ import annotations

import os
import shutil
from contextlib import suppress
from typing import TextIO

from hiptimer.routine.duration import format_clock, format_elapsed
from hiptimer.session.events import Event, EventKind, PauseReason
from hiptimer.session.state import State
from hiptimer.session.status import Status


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
