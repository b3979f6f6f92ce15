"""The terminal's keys: single keypresses without Enter, and what each asks of the session."""

from __future__ import annotations

from contextlib import suppress
from typing import Any, TextIO

KEYS_HELP = "space pause/resume (self-paced: done), n next, p previous, q stop"


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
