"""A terminal's screen as a person sees it, for tests of what the terminal runner writes.

It knows what the runner may write: text (wide characters in two cells, accents on the cell
before), a line feed, a carriage return, erasing the line (ESC [2K), a step right (ESC [C)
and erasing to the end of the screen (ESC [J). Any other control character fails the test:
it would have reached a real terminal raw. Made narrower, it rewraps its lines into more
rows as most terminals do (``reflow``), or cuts them as xterm does.
"""

from __future__ import annotations

import codecs
import fcntl
import os
import re
import select
import struct
import termios
from collections.abc import Callable
from io import StringIO

from hiptimer.terminal.cells import char_cells

BLANK = " "
_TOKEN = re.compile(r"\x1b\[(?:2K|C|J)|.", re.DOTALL)
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


class Screen:
    """Lines of cells, each line as many rows as the width makes it, and a cursor."""

    def __init__(self, columns: int, reflow: bool = True) -> None:
        self.columns = columns
        self.reflow = reflow
        self.lines: list[list[str]] = [[]]
        """Each line's cells: a character (with its accents), or "" right of a wide one."""
        self.line = 0
        self.offset = 0
        """The cursor: its line, and its cell in that line (counted over the line's rows)."""
        self.pending = False
        """The last character written filled its row: the cursor stays on it until more."""

    def feed(self, text: str) -> None:
        for token in _TOKEN.findall(text):
            self._do(token)

    def _do(self, token: str) -> None:
        pending, self.pending = self.pending, False
        cells = self.lines[self.line]
        row_start = self._row_start(pending)
        if token == "\n":
            self.line += 1
            self.offset = 0
            if self.line == len(self.lines):
                self.lines.append([])
        elif token == "\r":
            self.offset = row_start
        elif token == "\x1b[2K":
            for index in range(row_start, min(row_start + self.columns, len(cells))):
                cells[index] = BLANK
        elif token == "\x1b[C":
            self.offset = min(self.offset + 1, row_start + self.columns - 1)
        elif token == "\x1b[J":
            del cells[self.offset:]
            del self.lines[self.line + 1:]
        elif _CONTROL.fullmatch(token):
            raise AssertionError(f"{token!r} reached the terminal raw")
        else:
            self._put(token, cells)

    def _row_start(self, pending: bool) -> int:
        row = (self.offset - 1 if pending else self.offset) // self.columns
        return row * self.columns

    def _put(self, char: str, cells: list[str]) -> None:
        width = char_cells(char)
        if width == 0:
            if self.offset > 0 and len(cells) >= self.offset:
                cells[self.offset - 1] += char
            return
        if self.offset % self.columns + width > self.columns:
            self.offset += self.columns - self.offset % self.columns  # a wide one wraps
        cells.extend([BLANK] * (self.offset + width - len(cells)))
        cells[self.offset:self.offset + width] = [char] + [""] * (width - 1)
        self.offset += width
        self.pending = self.offset % self.columns == 0

    def resize(self, columns: int) -> None:
        """The window made ``columns`` wide: rewrapped, or (without ``reflow``) each row cut."""
        if not self.reflow:
            rows: list[list[str]] = []
            for index, cells in enumerate(self.lines):
                if index == self.line:
                    row = self._row_start(self.pending) // self.columns
                    column = self.offset - row * self.columns
                    self.line, self.offset = len(rows) + row, min(column, columns - 1)
                chunks = [cells[at:at + self.columns]
                          for at in range(0, len(cells), self.columns)] or [[]]
                rows.extend(chunk[:columns] for chunk in chunks)
            self.lines = rows
        self.columns = columns
        self.pending = False

    def rows(self) -> list[str]:
        """What the screen shows, row by row, down to the cursor's row and without the blank
        rows below it."""
        shown: list[str] = []
        cursor = 0
        for index, cells in enumerate(self.lines):
            if index == self.line:
                cursor = len(shown) + self._row_start(self.pending) // self.columns
            chunks = [cells[at:at + self.columns]
                      for at in range(0, len(cells), self.columns)] or [[]]
            shown.extend("".join(chunk).rstrip(BLANK) for chunk in chunks)
        shown.extend([""] * (cursor + 1 - len(shown)))
        while len(shown) > cursor + 1 and not shown[-1]:
            shown.pop()
        return shown


class ScreenStream(StringIO):
    """An output stream that writes onto a ``Screen``, keeping each write as it came."""

    def __init__(self, screen: Screen) -> None:
        super().__init__()
        self.screen = screen
        self.writes: list[str] = []

    def write(self, text: str) -> int:
        self.writes.append(text)
        self.screen.feed(text)
        return len(text)


class PseudoTerminal:
    """The controlling side of a pseudo-terminal: what the program writes lands on a
    ``Screen``, and what is typed goes to the program."""

    def __init__(self, controller: int, screen: Screen) -> None:
        self.controller = controller
        self.screen = screen
        self.text = ""
        """Everything read so far, as it came."""
        self._decoder = codecs.getincrementaldecoder("utf-8")()

    def resize(self, columns: int, rows: int = 24) -> None:
        """The window made ``columns`` wide, as a terminal tells the kernel (the program's
        resize signal is for the caller to send: it has no controlling terminal here)."""
        size_terminal(self.controller, columns, rows)
        self.screen.resize(columns)

    def type(self, keys: bytes) -> None:
        os.write(self.controller, keys)

    def read_until(self, seen: Callable[[str], bool], timeout: float = 60) -> None:
        """Read until ``seen`` is true of everything read so far; a program that stops
        writing before that fails the test instead of hanging it."""
        while not seen(self.text):
            ready, _, _ = select.select([self.controller], [], [], timeout)
            if not ready:
                raise AssertionError(f"timed out; the screen shows {self.screen.rows()}")
            try:
                data = os.read(self.controller, 4096)
            except OSError:  # EIO: the program has closed it
                data = b""
            if not data:
                raise AssertionError(f"the program ended; the screen shows {self.screen.rows()}")
            text = self._decoder.decode(data)
            self.text += text
            self.screen.feed(text)


def size_terminal(fd: int, columns: int, rows: int = 24) -> None:
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
