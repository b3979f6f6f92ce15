"""The window's side of the key table (``hiptimer.base.keys``): Qt's key events turned into
commands, and the menus' words for the keys."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent

from hiptimer.base.keys import Command, Where, bindings
from hiptimer.base.translation import N_, _

Key = Qt.Key


WINDOW_BINDINGS = bindings(Where.WINDOW)

_BY_KEY = {(Qt.Key[f"Key_{binding.key}"], binding.alone): command
           for command, found in WINDOW_BINDINGS.items() for binding in found}


def command_for(event: QKeyEvent) -> Command | None:
    """The command ``event`` asks for, if any."""
    key = Qt.Key(event.key())
    alone = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    return _BY_KEY.get((key, False)) or (_BY_KEY.get((key, True)) if alone else None)


# Translators: the window's menu entries and the keys card name the commands so; the & marks
# the letter that opens the entry with Alt.
_COMMAND_TEXTS: dict[Command, str] = {
    Command.TOGGLE: N_("Start / pause"),
    Command.NEXT: N_("Next"),
    Command.PREVIOUS: N_("Previous"),
    Command.STOP: N_("Stop"),
    Command.FULL_SCREEN: N_("&Full screen"),
    Command.LIBRARY: N_("Show or hide the &library"),
    Command.MUTE: N_("Mute"),
    Command.LOUDER: N_("Louder"),
    Command.QUIETER: N_("Quieter"),
    Command.HELP: N_("&Keys"),
}


def command_text(command: Command) -> str:
    """How the menus name ``command``, in the language installed (``&`` before the letter
    that opens it with Alt)."""
    return _(_COMMAND_TEXTS[command])


def menu_text(command: Command) -> str:
    """The menu entry for ``command`` with the keys that do it: "Next   (Right, PageDown, N)"."""
    names = [binding.shown for binding in WINDOW_BINDINGS[command] if binding.label]
    text = command_text(command)
    # Translators: a menu entry, then the keys that do the same; keep the spaces.
    return _("{command}   ({keys})").format(command=text, keys=", ".join(names)) if names else text


LIST_KEYS = (Key.Key_Up, Key.Key_Down, Key.Key_Return, Key.Key_Enter)
"""Keys a list keeps for itself; every other key goes to the session first."""


class KeyRouter(QObject):
    """Does the command a key asks for. Installed as an event filter on a widget that would
    use Space and the arrows itself (the library list), it lets the session's keys win."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.commands: dict[Command, Callable[[], None]] = {}
        """Empty until the window can act on them: keys before then do nothing."""
        self.answer: Callable[[Command | None, int], bool] = lambda command, key: False
        """Asked first, with the command and Qt's key: True when something on the screen
        (a card) took the key."""

    def handle(self, event: QKeyEvent) -> bool:
        """Do what ``event`` asks; False when it asks for nothing here."""
        command = command_for(event)
        if self.answer(command, event.key()):
            return True
        if command is None or command not in self.commands:
            return False
        self.commands[command]()
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            return event.key() not in LIST_KEYS and self.handle(event)
        return False
