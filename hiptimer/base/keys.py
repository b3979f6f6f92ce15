"""The hands-free keys: one table for every front end. The window reads it for its key
handling and menus, the terminal for the keys it takes and the help it prints.

A key is named as Qt names it, without ``Key_`` (``Space``, ``Right``, ``MediaPlay``); a
terminal takes only keys that type one character. A clicker, a headset's buttons and a
keyboard's media keys act whatever else is held; the letters and arrows act only when
pressed alone, so shortcuts with Ctrl stay free.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Flag, StrEnum, auto

from hiptimer.base.translation import pgettext


class Command(StrEnum):
    """What a key asks for; the value is how the window's menu names it."""

    TOGGLE = "Start / pause"
    NEXT = "Next"
    PREVIOUS = "Previous"
    STOP = "Stop"
    FULL_SCREEN = "&Full screen"
    LIBRARY = "Show or hide the &library"
    MUTE = "Mute"
    LOUDER = "Louder"
    QUIETER = "Quieter"
    HELP = "&Keys"


class Where(Flag):
    """The front ends a key works in."""

    WINDOW = auto()
    TERMINAL = auto()
    BOTH = WINDOW | TERMINAL


@dataclass(frozen=True)
class Binding:
    key: str
    """Qt's name for the key, without ``Key_``."""
    label: str
    """How menus and help show the key, in English (``shown`` translates it); empty for keys
    they do not list."""
    alone: bool = True
    """Only without modifiers (a typed letter); media keys and F11 act with any."""
    where: Where = Where.WINDOW

    @property
    def shown(self) -> str:
        """``label`` in the language installed: the keyboard's words for a key ("Space",
        "PageDown") translated; a letter, a symbol or F11 as it is."""
        return shown_key(self.label)


def shown_key(label: str) -> str:
    """A key's ``label`` as a person reads it in the language installed; the label itself
    (and ``Binding.key``) stays what matches the key."""
    # Translators: keys' names as the window's menus and keys card show them; write them
    # as they are printed on keyboards in your language ("Leertaste", "Bild ab").
    names = {"Space": pgettext("key", "Space"), "Right": pgettext("key", "Right"),
             "Left": pgettext("key", "Left"), "PageDown": pgettext("key", "PageDown"),
             "PageUp": pgettext("key", "PageUp"), "Esc": pgettext("key", "Esc")}
    return names.get(label, label)


BINDINGS: dict[Command, tuple[Binding, ...]] = {
    Command.TOGGLE: (Binding("Space", "Space", where=Where.BOTH),
                     Binding("MediaPlay", "", alone=False),
                     Binding("MediaTogglePlayPause", "", alone=False),
                     Binding("MediaPause", "", alone=False)),
    Command.NEXT: (Binding("Right", "Right"),
                   Binding("PageDown", "PageDown", alone=False),
                   Binding("N", "N", where=Where.BOTH),
                   Binding("MediaNext", "", alone=False)),
    Command.PREVIOUS: (Binding("Left", "Left"),
                       Binding("PageUp", "PageUp", alone=False),
                       Binding("P", "P", where=Where.BOTH),
                       Binding("MediaPrevious", "", alone=False)),
    # A terminal sends Esc as the start of other keys' sequences, so it stops with Q.
    Command.STOP: (Binding("Escape", "Esc"),
                   Binding("Q", "Q", where=Where.TERMINAL),
                   Binding("MediaStop", "", alone=False)),
    Command.FULL_SCREEN: (Binding("F11", "F11", alone=False), Binding("F", "F")),
    Command.LIBRARY: (Binding("L", "L"),),
    Command.MUTE: (Binding("M", "M"),),
    # "+" is Shift+= on many layouts: a symbol counts whatever it took to type it.
    Command.LOUDER: (Binding("Plus", "+", alone=False), Binding("Equal", "=")),
    Command.QUIETER: (Binding("Minus", "-"),),
    # "?" takes Shift on most layouts, like "+".
    Command.HELP: (Binding("F1", "F1", alone=False),
                   Binding("Question", "?", alone=False)),
}


def bindings(where: Where) -> dict[Command, tuple[Binding, ...]]:
    """The table as one front end sees it: only its keys, and only commands that have one."""
    table = {command: tuple(b for b in found if b.where & where)
             for command, found in BINDINGS.items()}
    return {command: found for command, found in table.items() if found}
