"""The library column of the main window: the list of routines with its preview, kept current
by a ``LibraryWatch``, its files changed through ``RoutineFiles`` and its levels through
``LevelActions``. It opens, explains and starts routines; the session itself is the
window's, reached through ``start_routine``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from hiptimer.base.translation import _
from hiptimer.routine.catalogue import Entry
from hiptimer.routine.model import Routine
from hiptimer.ui.common.keys import KeyRouter
from hiptimer.ui.common.plain import ask_routine_path
from hiptimer.ui.common.window_services import WindowServices
from hiptimer.ui.library.level_actions import LevelActions
from hiptimer.ui.library.panel import LibraryAction, LibraryPanel
from hiptimer.ui.library.routine_files import RoutineFiles
from hiptimer.ui.library.watch import LibraryWatch


class LibraryColumn(QObject):
    def __init__(self, window: QWidget, services: WindowServices, keys: KeyRouter, *,
                 start_routine: Callable[[Routine], None],
                 confirm: Callable[[str, str], bool], say: Callable[[str], None],
                 report: Callable[[str], None]) -> None:
        super().__init__(window)
        self.window = window
        self.start_routine = start_routine
        self.say = say
        self.report = report
        self.panel = LibraryPanel(level_of=lambda r: services.progression.level_of(r).level)
        self.files = RoutineFiles(window, services.user_folder, saved=self._on_files_saved,
                                  removed=self.reload, try_routine=start_routine,
                                  explain=self.report_problems, confirm=confirm, say=say,
                                  report=report)
        self.panel.routine_activated.connect(self._on_panel_routine_activated)
        self.panel.open_requested.connect(self.open_dialog)
        self.panel.action_requested.connect(self._on_panel_action_requested)
        self.panel.list.installEventFilter(keys)
        self.watch = LibraryWatch(self.panel, services.scan_library, services.watch, self)
        self.levels = LevelActions(self.watch, services.progression, say)

    def reload(self) -> None:
        self.watch.reload()

    def open_dialog(self) -> None:
        path = ask_routine_path(self.window)
        if path is not None:
            self.open_path(path)

    def open_path(self, path: Path, start: bool = False) -> None:
        """Show a routine file from anywhere in the library, and start it if asked."""
        entry = self.watch.open(path)
        if not entry.valid:
            self.report_problems(entry)
        elif start:
            self.start(entry.path)

    def start(self, path: Path) -> None:
        entry = self.watch.entry(path)
        if entry.routine is None:
            self.report_problems(entry)
            return
        self.start_routine(entry.routine)

    def report_problems(self, entry: Entry) -> None:
        self.report(entry.why_not())

    def _on_panel_routine_activated(self, path: Path) -> None:
        self.start(path)

    def _on_panel_action_requested(self, action: LibraryAction) -> None:
        self.files.act(action, self.watch.selected())

    def _on_files_saved(self, path: Path) -> None:
        self.watch.reload()
        self.watch.select(path)
        self.say(_("Saved {path}").format(path=path))
