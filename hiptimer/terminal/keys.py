"""The terminal's side of the key table (``hiptimer.base.keys``): the characters it takes,
the help it prints, and single keypresses without Enter."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from typing import Any, TextIO

from hiptimer.base.keys import Command, Where, bindings
from hiptimer.base.translation import _, pgettext

_WORDS = {Command.TOGGLE: "pause/resume (self-paced: done)", Command.NEXT: "next",
          Command.PREVIOUS: "previous", Command.STOP: "stop"}
"""How the terminal's help says each command it takes, in English (``_word`` translates)."""


def _word(command: Command) -> str:
    """What a key does in the terminal's help, in the language installed."""
    # Translators: what a key does in the terminal, after the key's name ("space next").
    words = {Command.TOGGLE: pgettext("terminal key", "pause/resume (self-paced: done)"),
             Command.NEXT: pgettext("terminal key", "next"),
             Command.PREVIOUS: pgettext("terminal key", "previous"),
             Command.STOP: pgettext("terminal key", "stop")}
    return words[command]


_TERMINAL = bindings(Where.TERMINAL)


def _typed(key: str) -> str:
    """The character a key types: "Space" is a space, a letter its lower case."""
    return " " if key == "Space" else key.lower()


TYPED: dict[str, Command] = {_typed(binding.key): command
                             for command, found in _TERMINAL.items() for binding in found}
"""The command each typed character asks for (a letter in either case)."""


def keys_help(word: Callable[[Command], str] = _word) -> str:
    """The keys the terminal takes and what each does, in the language installed."""
    # Translators: a key's name and what it does in the terminal: "n next".
    return ", ".join(_("{key} {does}").format(key=_key_name(binding.key), does=word(command))
                     for command, found in _TERMINAL.items() for binding in found)


def _key_name(key: str) -> str:
    """A key as the terminal's help names it: the space bar in words, a letter as typed."""
    # Translators: the space bar's name in the terminal's help ("space pause/resume").
    return pgettext("key", "space") if key == "Space" else key.lower()


KEYS_HELP = ", ".join(f"{binding.label.lower()} {_WORDS[command]}"
                      for command, found in _TERMINAL.items() for binding in found)
"""``keys_help`` in English."""


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
