"""Where the terminal's words go: the status line that says where the session is, and the
output beneath it that never fails the session when it cannot be written any more."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from contextlib import suppress
from typing import TextIO

from hiptimer.base.problem import escaped
from hiptimer.base.translation import _
from hiptimer.session.events import Event, EventKind, PauseReason
from hiptimer.session.state import State
from hiptimer.session.status import Status
from hiptimer.terminal.cells import text_cells
from hiptimer.terminal.parts import fitted_line, joined, status_parts


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

    def columns(self) -> int | None:
        """The width of the terminal the stream writes to; ``None`` when it is none."""
        if self.stream is None:
            return None
        try:
            return os.get_terminal_size(self.stream.fileno()).columns
        except (OSError, ValueError):  # not a terminal, no descriptor, or closed
            return None


def _point_at_null(stream: TextIO) -> None:
    with suppress(OSError, ValueError):
        null = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(null, stream.fileno())
        finally:
            os.close(null)


def status_text(status: Status, keys: bool = True) -> str:
    """The session in one line: what to do, where, and how long is left (the whole line,
    as it is printed once a phase when output is not a terminal)."""
    return joined(status_parts(status, keys, upcoming=False))


CLEAR_LINE = "\r\x1b[2K"
"""Back to the line's start, and the line erased whole."""
CLEAR_BELOW = "\x1b[C\x1b[J\r"
"""After ``CLEAR_LINE``: the rows below erased too, and back to the line's start. Erased from
the second cell, as the first row is clear already: some terminals (tmux) copy the whole
screen into their scrollback when it is erased from its top left corner."""


class StatusLine:
    """Says where the session is, in one line: rewritten in place on a terminal, and a line
    per phase (and per pause) otherwise.

    On a terminal the line is fitted to its width at every redraw (``columns`` reads it, the
    output's own terminal unless told otherwise), so it never wraps. The cursor is left at
    the line's start: a terminal made narrower rewraps a line that no longer fits into
    several rows, and from its start they are all erased before the line is drawn again.
    """

    def __init__(self, out: Output, live: bool, keys: bool = True,
                 columns: Callable[[], int] | None = None) -> None:
        self.out = out
        self.live = live
        self.keys = keys
        self.columns = columns or self._terminal_columns
        self.status: Status | None = None
        self._drawn: int | None = None
        """The cells of the live line on screen; ``None`` when there is none."""
        self._printed: tuple[int | None, State] | None = None

    def _terminal_columns(self) -> int:
        # A pseudo-terminal nobody sized says 0: then the usual fallbacks.
        return self.out.columns() or shutil.get_terminal_size().columns

    def show_status(self, status: Status) -> None:
        self.status = status
        if not status.live:
            return  # the end is said in words by on_event
        where = (status.phase.index if status.phase is not None else None, status.state)
        if self.live or where != self._printed:
            self._printed = where
            self.show()

    def refit(self) -> None:
        """Draw the live line again, for a terminal that has just changed its size."""
        if self.live and self.status is not None and self.status.live:
            self.show()

    def on_event(self, event: Event) -> None:
        """Says in words what the line cannot: the end, and a pause nobody asked for."""
        if event.kind is EventKind.FINISHED:
            self.say(_("Finished. Well done."))
        elif event.kind is EventKind.STOPPED:
            self.say(_("Stopped."))
        elif event.kind is EventKind.PAUSED and event.reason is PauseReason.FELL_BEHIND:
            self.say(_("Paused: the session fell behind (was the computer asleep?). "
                       "Press space to go on."))

    def show(self) -> None:
        if not self.out.working or self.status is None:
            return
        if self.live:
            columns = self.columns()
            line = fitted_line(self.status, columns, self.keys)
            self.out.write(self._clearing(columns) + line + "\r")
            self._drawn = text_cells(line)
        else:
            self.out.write(status_text(self.status, self.keys) + "\n")

    def _clearing(self, columns: int) -> str:
        """What erases the live line: the row it is on, and the rows below too when the
        terminal is now too narrow for it (it may have been rewrapped into several)."""
        if self._drawn is not None and self._drawn >= columns:
            return CLEAR_LINE + CLEAR_BELOW
        return CLEAR_LINE

    def say(self, message: str) -> None:
        """A message on a line of its own, leaving the live line intact below it."""
        text = "\n".join(escaped(line) for line in message.split("\n"))
        if self.live and self._drawn is not None:
            text = self._clearing(self.columns()) + text
            self._drawn = None
        self.out.write(text + "\n")
        if self.live and self.status is not None and self.status.live:
            self.show()
