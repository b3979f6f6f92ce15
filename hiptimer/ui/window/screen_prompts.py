"""What the session screen asks and tells on itself, answered with the session's own keys.

Nothing opens a window over a session: a dialog takes the keyboard, and someone on the floor
would have to get up to click it. The safety note before a first session, the keys, and a
passing volume change are drawn on the screen (``hiptimer.ui.screen.card``), and the keys
that answer them are the ones a person already holds: Space, Return, the clicker's PageDown
and the headset's play confirm; Esc sets the card aside. The check-in after a completed
session (``check_in``) is asked the same way, and answered first.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum, auto

from PySide6.QtCore import Qt

from hiptimer.base.keys import Command
from hiptimer.base.preferences import Settings
from hiptimer.base.translation import N_, _
from hiptimer.session.clock import Clock
from hiptimer.ui.common.keys import WINDOW_BINDINGS, command_text
from hiptimer.ui.screen.card import Card, PassingNote
from hiptimer.ui.screen.session_view import SessionView
from hiptimer.ui.window.check_in import CheckIn, Voice
from hiptimer.ui.window.safety_note import SAFETY_NOTE, TITLE

# Marked only: translated where the card shows them.
# Translators: the keys that answer the safety note, on two lines.
CONFIRM_KEYS = N_("Space, Return or the clicker: start\nEsc: not now")
CLOSE_KEYS = N_("Esc, F1 or any other key closes this")
# Translators: the title of the card that lists every key.
KEYS_TITLE = N_("Keys")
SOUND_COMMANDS = frozenset({Command.MUTE, Command.LOUDER, Command.QUIETER})
"""Keys that act whatever card shows: the sound is never out of reach."""
CONFIRMING = frozenset({Command.TOGGLE, Command.NEXT})
"""Commands that say yes to the safety note: Space, the clicker, the headset's play."""
RETURN_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
MODIFIER_KEYS = frozenset({Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt,
                           Qt.Key.Key_Meta, Qt.Key.Key_AltGr, Qt.Key.Key_CapsLock,
                           Qt.Key.Key_Super_L, Qt.Key.Key_Super_R})
"""Held on the way to another key ("?" takes Shift): never an answer of their own."""


class Asking(Enum):
    """What the screen's card shows."""

    NOTHING = auto()
    SAFETY = auto()
    """The safety note before a first session, which starts when it is confirmed."""
    NOTE = auto()
    """The safety note, read again from Help."""
    KEYS = auto()


def keys_paragraphs(shortcuts: tuple[str, ...] = ()) -> tuple[str, ...]:
    """Every key of the window and what it does, one line each, from the key table; then
    the menus' ``shortcuts`` ("Ctrl+H:  History and progress")."""
    lines = []
    for command, found in WINDOW_BINDINGS.items():
        labels = [binding.shown for binding in found if binding.label]
        if labels:
            # Translators: a line of the keys card: the keys, then what they do.
            lines.append(_("{keys}:  {command}").format(
                keys=", ".join(labels), command=command_text(command).replace("&", "")))
    lines.append(_("Media keys and a headset's buttons play, pause and skip."))
    return (*lines, *shortcuts)


class ScreenPrompts:
    """The card and the passing note of one session screen, and what the keys do to them."""

    def __init__(self, view: SessionView, settings: Settings,
                 report: Callable[[str], None], clock: Clock) -> None:
        self.settings = settings
        self.report = report
        self.card = Card(view)
        self.note = PassingNote(view)
        # Owned by the view: its timers end with the screen they ask on.
        self.check_in = CheckIn(view, clock, view)
        """The question after a completed session; its answer is sent as ``answered``."""
        self.asking = Asking.NOTHING
        self._pending: Callable[[], None] | None = None
        self.shortcuts: tuple[str, ...] = ()
        """The menus' shortcuts, as the keys card lists them (set once the menus are made)."""

    def before_first_session(self, start: Callable[[], None]) -> bool:
        """Ask for the safety note to be read before ``start`` runs, the first time only.
        True: it is asked, and ``start`` runs once it is confirmed."""
        if self.settings.safety_note_seen:
            return False
        self._pending = start
        self._show(Asking.SAFETY, CONFIRM_KEYS, _(SAFETY_NOTE))
        return True

    def show_safety_note(self) -> None:
        self._show(Asking.NOTE, CLOSE_KEYS, _(SAFETY_NOTE))

    def toggle_keys(self) -> None:
        if self.asking is Asking.KEYS:
            self.close()
        else:
            self._show(Asking.KEYS, CLOSE_KEYS, "\n\n".join(keys_paragraphs(self.shortcuts)))

    def say(self, text: str) -> None:
        """A few words that pass by themselves, over whatever shows."""
        self.note.say(text)

    def ask_feeling(self, voice: Voice | None = None) -> None:
        """The check-in, in place of any other card: how did the session just completed
        feel? ``voice`` says the question once."""
        self.close()
        self.check_in.ask(voice)

    def answer(self, command: Command | None, key: int | None = None) -> bool:
        """Take a key (as the ``command`` it asks for, and Qt's ``key``) while a card shows;
        False when the key is not the card's, and does what it always does."""
        if self.check_in.answer(command, key):
            return True
        asking = self.asking
        if asking is Asking.NOTHING or command in SOUND_COMMANDS or key in MODIFIER_KEYS:
            return False
        if asking is Asking.SAFETY:
            if command in CONFIRMING or key in RETURN_KEYS:
                self._confirm()
            elif command is Command.STOP:
                self.close()  # not now: the note comes again at the next start
            return True  # nothing else starts, steps or stops a session not begun
        self.close()
        # Esc and Help only close; another key also does what it does (a resume stays a
        # resume, and never ends anything).
        return command in (Command.STOP, Command.HELP, None)

    def close(self) -> None:
        self.asking = Asking.NOTHING
        self._pending = None
        self.card.hide()

    def _show(self, asking: Asking, keys: str, text: str) -> None:
        self.asking = asking
        if asking is not Asking.SAFETY:
            self._pending = None
        title = _(KEYS_TITLE if asking is Asking.KEYS else TITLE)
        # The keys, many short lines, read in two columns; the note's sentences in one.
        self.card.show_card(title, tuple(text.split("\n\n")), _(keys),
                            columns=2 if asking is Asking.KEYS else 1)

    def _confirm(self) -> None:
        start = self._pending
        self.settings.safety_note_seen = True
        problem = self.settings.save()
        if problem:
            self.report(problem)  # asked again next time, which is safe
        self.close()
        if start is not None:
            start()
