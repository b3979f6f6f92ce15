"""The window's menus. The session's entries come from the key table, so a menu never
names a key that does not do what it says."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QWidget

from hiptimer.base.keys import Command
from hiptimer.base.translation import _
from hiptimer.ui.common.keys import menu_text
from hiptimer.ui.prefs.reminder_dialog import open_reminder_dialog

SESSION_COMMANDS = (Command.TOGGLE, Command.NEXT, Command.PREVIOUS, Command.STOP)


@dataclass(frozen=True)
class MenuActions:
    """What the menus do beyond the key table's commands."""

    open_routine: Callable[[], object]
    new_routine: Callable[[], object]
    restore_routine: Callable[[], object]
    quit: Callable[[], object]
    hold_level: Callable[[bool], object]
    """True holds the selected routine at its level; False lets it step up again."""
    reset_level: Callable[[], object]
    open_settings: Callable[[], object]
    open_history: Callable[[], object]
    show_safety_note: Callable[[], object]


def build_menus(bar: QMenuBar, parent: QWidget, commands: Mapping[Command, Callable[[], object]],
                actions: MenuActions) -> None:
    """Fills ``bar``; the reminders' dialog opens over ``parent``. Every entry's shortcut is
    ``parent``'s too, so it works in full screen, where the bar is hidden."""
    files = bar.addMenu(_("&File"))
    _add(files, _("&Open routine…"), actions.open_routine, QKeySequence.StandardKey.Open)
    _add(files, _("&New routine"), actions.new_routine, QKeySequence.StandardKey.New)
    _add(files, _("&Restore a deleted routine…"), actions.restore_routine)
    files.addSeparator()
    _add(files, _("&Quit"), actions.quit, QKeySequence.StandardKey.Quit)
    session = bar.addMenu(_("&Session"))
    for command in SESSION_COMMANDS:
        _add(session, menu_text(command), commands[command])
    session.addSeparator()
    _add(session, _("Hold the selected routine at its level"), lambda: actions.hold_level(True))
    _add(session, _("Let the selected routine's level step up again"),
         lambda: actions.hold_level(False))
    _add(session, _("Reset the selected routine's level"), actions.reset_level)
    session.addSeparator()
    _add(session, _("&Training days and reminders…"), lambda: open_reminder_dialog(parent))
    view = bar.addMenu(_("&View"))
    _add(view, menu_text(Command.FULL_SCREEN), commands[Command.FULL_SCREEN])
    _add(view, menu_text(Command.LIBRARY), commands[Command.LIBRARY])
    _add(view, _("&Settings…"), actions.open_settings, QKeySequence.StandardKey.Preferences)
    _add(view, _("&History and progress…"), actions.open_history, QKeySequence("Ctrl+H"))
    help_menu = bar.addMenu(_("&Help"))
    _add(help_menu, menu_text(Command.HELP), commands[Command.HELP])
    _add(help_menu, _("&Safety note"), actions.show_safety_note)
    for action in bar.findChildren(QAction):
        if not action.shortcut().isEmpty():
            parent.addAction(action)


def _add(menu: QMenu, text: str, slot: Callable[[], object],
         keys: QKeySequence.StandardKey | QKeySequence | None = None) -> None:
    action = QAction(text, menu)
    if keys is not None:
        action.setShortcut(QKeySequence(keys))
    action.triggered.connect(lambda: slot())
    menu.addAction(action)
