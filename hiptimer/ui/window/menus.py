"""The window's menus. The session's entries come from the key table, so a menu never
names a key that does not do what it says."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from hiptimer.ui.common.keys import Command, menu_text
from hiptimer.ui.prefs.reminder_dialog import open_reminder_dialog
from hiptimer.ui.window.safety_note import show_safety_note

if TYPE_CHECKING:
    from hiptimer.ui.window.main_window import MainWindow

SESSION_COMMANDS = (Command.TOGGLE, Command.NEXT, Command.PREVIOUS, Command.STOP)


def build_menus(window: MainWindow) -> None:
    bar = window.menuBar()
    files = bar.addMenu("&File")
    _add(files, "&Open routine…", window.open_dialog, QKeySequence.StandardKey.Open)
    _add(files, "&New routine", window.files.new_routine, QKeySequence.StandardKey.New)
    _add(files, "&Restore a deleted routine…", window.files.restore_dialog)
    files.addSeparator()
    _add(files, "&Quit", window.close, QKeySequence.StandardKey.Quit)
    session = bar.addMenu("&Session")
    for command in SESSION_COMMANDS:
        _add(session, menu_text(command), window.keys.commands[command])
    session.addSeparator()
    _add(session, "Hold the selected routine at its level", lambda: window.levels.hold(True))
    _add(session, "Let the selected routine's level step up again",
         lambda: window.levels.hold(False))
    _add(session, "Reset the selected routine's level", window.levels.reset)
    session.addSeparator()
    _add(session, "&Training days and reminders…", lambda: open_reminder_dialog(window))
    view = bar.addMenu("&View")
    _add(view, menu_text(Command.FULL_SCREEN), window.keys.commands[Command.FULL_SCREEN])
    _add(view, menu_text(Command.LIBRARY), window.keys.commands[Command.LIBRARY])
    _add(view, "&Settings…", lambda: window.preferences.open_dialog(window),
         QKeySequence.StandardKey.Preferences)
    _add(view, "&History and progress…", window.open_history, QKeySequence("Ctrl+H"))
    help_menu = bar.addMenu("&Help")
    _add(help_menu, "&Safety note…", lambda: show_safety_note(window))


def _add(menu: QMenu, text: str, slot: Callable[[], object],
         keys: QKeySequence.StandardKey | QKeySequence | None = None) -> None:
    action = QAction(text, menu)
    if keys is not None:
        action.setShortcut(QKeySequence(keys))
    action.triggered.connect(lambda: slot())
    menu.addAction(action)
