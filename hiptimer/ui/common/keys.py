"""The hands-free keys: one table that both the key handling and the menus read.

A clicker, a headset's buttons and a keyboard's media keys act whatever else is held;
the letters and arrows act only when pressed alone, so shortcuts with Ctrl stay free.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent

Key = Qt.Key


class Command(StrEnum):
    """What a key asks of the window; the value is how the menu names it."""

    TOGGLE = "Start / pause"
    NEXT = "Next"
    PREVIOUS = "Previous"
    STOP = "Stop"
    FULL_SCREEN = "&Full screen"
    LIBRARY = "Show or hide the &library"
    MUTE = "Mute"
    LOUDER = "Louder"
    QUIETER = "Quieter"


@dataclass(frozen=True)
class Binding:
    key: Qt.Key
    name: str
    """How the menu shows the key; empty for keys it does not list."""
    alone: bool = True
    """Only without modifiers (a typed letter); media keys and F11 act with any."""


BINDINGS: dict[Command, tuple[Binding, ...]] = {
    Command.TOGGLE: (Binding(Key.Key_Space, "Space"),
                     Binding(Key.Key_MediaPlay, "", alone=False),
                     Binding(Key.Key_MediaTogglePlayPause, "", alone=False),
                     Binding(Key.Key_MediaPause, "", alone=False)),
    Command.NEXT: (Binding(Key.Key_Right, "Right"),
                   Binding(Key.Key_PageDown, "PageDown", alone=False),
                   Binding(Key.Key_N, "N"),
                   Binding(Key.Key_MediaNext, "", alone=False)),
    Command.PREVIOUS: (Binding(Key.Key_Left, "Left"),
                       Binding(Key.Key_PageUp, "PageUp", alone=False),
                       Binding(Key.Key_P, "P"),
                       Binding(Key.Key_MediaPrevious, "", alone=False)),
    Command.STOP: (Binding(Key.Key_Escape, "Esc"),
                   Binding(Key.Key_MediaStop, "", alone=False)),
    Command.FULL_SCREEN: (Binding(Key.Key_F11, "F11", alone=False), Binding(Key.Key_F, "F")),
    Command.LIBRARY: (Binding(Key.Key_L, "L"),),
    Command.MUTE: (Binding(Key.Key_M, "M"),),
    # "+" is Shift+= on many layouts: a symbol counts whatever it took to type it.
    Command.LOUDER: (Binding(Key.Key_Plus, "+", alone=False), Binding(Key.Key_Equal, "=")),
    Command.QUIETER: (Binding(Key.Key_Minus, "-"),),
}

_BY_KEY = {(binding.key, binding.alone): command
           for command, bindings in BINDINGS.items() for binding in bindings}


def command_for(event: QKeyEvent) -> Command | None:
    """The command ``event`` asks for, if any."""
    key = Qt.Key(event.key())
    alone = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    return _BY_KEY.get((key, False)) or (_BY_KEY.get((key, True)) if alone else None)


def menu_text(command: Command) -> str:
    """The menu entry for ``command`` with the keys that do it: "Next   (Right, PageDown, N)"."""
    names = [binding.name for binding in BINDINGS[command] if binding.name]
    return f"{command.value}   ({', '.join(names)})" if names else command.value


LIST_KEYS = (Key.Key_Up, Key.Key_Down, Key.Key_Return, Key.Key_Enter)
"""Keys a list keeps for itself; every other key goes to the session first."""


class KeyRouter(QObject):
    """Does the command a key asks for. Installed as an event filter on a widget that would
    use Space and the arrows itself (the library list), it lets the session's keys win."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.commands: dict[Command, Callable[[], None]] = {}
        """Empty until the window can act on them: keys before then do nothing."""

    def handle(self, event: QKeyEvent) -> bool:
        """Do what ``event`` asks; False when it asks for nothing here."""
        command = command_for(event)
        if command is None or command not in self.commands:
            return False
        self.commands[command]()
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            return event.key() not in LIST_KEYS and self.handle(event)
        return False
