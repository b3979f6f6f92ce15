"""The terminal's side of the key table (``hiptimer.base.keys``): the characters it takes,
the help it prints, and single keypresses without Enter."""

from __future__ import annotations

from contextlib import suppress
from typing import Any, TextIO

from hiptimer.base.keys import Command, Where, bindings

_WORDS = {Command.TOGGLE: "pause/resume (self-paced: done)", Command.NEXT: "next",
          Command.PREVIOUS: "previous", Command.STOP: "stop"}
"""How the terminal's help says each command it takes."""
_TERMINAL = bindings(Where.TERMINAL)


def _typed(key: str) -> str:
    """The character a key types: "Space" is a space, a letter its lower case."""
    return " " if key == "Space" else key.lower()


TYPED: dict[str, Command] = {_typed(binding.key): command
                             for command, found in _TERMINAL.items() for binding in found}
"""The command each typed character asks for (a letter in either case)."""
KEYS_HELP = ", ".join(f"{binding.label.lower()} {_WORDS[command]}"
                      for command, found in _TERMINAL.items() for binding in found)


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
