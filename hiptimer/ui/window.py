"""The main window: the library beside the session screen, hands-free keys, and problems shown.

It builds no session of its own: an ``Assembler`` makes each one, a ``SessionDriver`` runs
it, and the window turns keys into driver commands and renders the status it reports.
The library stays current through a ``LibraryWatch``, routine files change through
``RoutineFiles`` (over the Qt-free ``UserLibrary``), levels through the ``Progression``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QMainWindow,
    QMenu,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from hiptimer.session.state import State
from hiptimer.ui import theme
from hiptimer.ui.keys import Command, command_for, menu_text
from hiptimer.ui.plain import ask_yes_no, plain_title
from hiptimer.ui.problem_bar import ProblemBar
from hiptimer.ui.screensaver import Inhibitor
from hiptimer.ui.session_view import SessionView
from hiptimer.ui.settings import AppSettings

# Only what the first paint needs is imported here; the rest (the routine parser and
# PyYAML, the history, sound, the library panel, the editor) loads once the window shows.
if TYPE_CHECKING:
    from hiptimer.assembly import Assembler
    from hiptimer.driver import SessionDriver
    from hiptimer.history.levels import Progression
    from hiptimer.history.store import HistoryStore
    from hiptimer.routine.library import Entry
    from hiptimer.routine.model import Routine
    from hiptimer.routine.user_library import UserLibrary
    from hiptimer.session.status import Status
    from hiptimer.ui.history_view import HistoryView
    from hiptimer.ui.library_panel import LibraryAction, LibraryPanel
    from hiptimer.ui.library_watch import LibraryWatch
    from hiptimer.ui.routine_files import RoutineFiles

VOLUME_STEP = 10
LIST_KEYS = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter)
"""Keys the library list keeps for itself; every other key goes to the session first."""


class _FirstPaint(QObject):
    """Calls back once, when the widget it watches first paints."""

    def __init__(self, parent: QObject, callback: Callable[[], None]) -> None:
        super().__init__(parent)
        self.callback: Callable[[], None] | None = callback

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.callback is not None:
            callback, self.callback = self.callback, None
            callback()
        return False


def window_title(status: Status) -> str:
    """The title follows the screen: the phase word, its countdown while under way."""
    from hiptimer.session.status import countdown_text

    title = status.word.value
    if status.live and status.remaining is not None:
        title += f" {countdown_text(status.remaining)}"
    if status.paused:
        title = f"PAUSED · {title}"
    return plain_title(f"{title} — {status.routine} — hiptimer")


@dataclass(frozen=True)
class WindowServices:
    """What the window works with beyond its screen, built once it has first shown."""

    assembler: Assembler
    progression: Progression
    user_library: UserLibrary
    scan_library: Callable[[], list[Entry]]
    watch: list[Path]
    """Folders whose changes reload the library."""
    history: Callable[[], HistoryStore | None]


class MainWindow(QMainWindow):
    """Shows the session screen at once; the library, menus and services follow just after
    the first paint (at once when ``services`` is given ready-made, as tests do)."""

    assembler: Assembler
    progression: Progression
    history: Callable[[], HistoryStore | None]
    library: LibraryPanel
    files: RoutineFiles
    shelf: LibraryWatch

    def __init__(self, settings: AppSettings,
                 services: WindowServices | Callable[[], WindowServices],
                 inhibitor: Inhibitor) -> None:
        super().__init__()
        self.settings = settings
        self.inhibitor = inhibitor
        self.driver: SessionDriver | None = None
        self._state_shown: State | None = None
        self.history_views: list[HistoryView] = []
        self.ready = False
        self._when_ready: list[Callable[[], None]] = []
        self.setWindowTitle("hiptimer")
        self.setAcceptDrops(True)
        self.resize(1280, 720)

        self.view = SessionView()
        self.problem_bar = ProblemBar()
        self.problem_label = self.problem_bar.label
        self.splitter = QSplitter()
        self.splitter.addWidget(self.view)
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.problem_bar)
        column.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self.commands: dict[Command, Callable[[], None]] = {
            Command.TOGGLE: self.toggle, Command.NEXT: self.next,
            Command.PREVIOUS: self.previous, Command.STOP: self.stop,
            Command.FULL_SCREEN: self.toggle_fullscreen, Command.MUTE: self.toggle_mute,
            Command.LOUDER: lambda: self.change_volume(VOLUME_STEP),
            Command.QUIETER: lambda: self.change_volume(-VOLUME_STEP),
        }
        self.view.installEventFilter(self)
        self.apply_settings()
        if isinstance(services, WindowServices):
            self._finish(services)
        else:
            self._make_services = services
            self.view.installEventFilter(_FirstPaint(self.view, self._on_view_first_painted))

    def _on_view_first_painted(self) -> None:
        # Queued: the first frame reaches the screen before the rest is built.
        QTimer.singleShot(0, lambda: self._finish(self._make_services()))

    def when_ready(self, action: Callable[[], None]) -> None:
        """Do ``action`` once the library and services are there (at once if they are)."""
        if self.ready:
            action()
        else:
            self._when_ready.append(action)

    def _finish(self, services: WindowServices) -> None:
        """Build what the first paint did not need: library, menus, services, watches."""
        from hiptimer.ui.library_panel import LibraryPanel
        from hiptimer.ui.library_watch import LibraryWatch
        from hiptimer.ui.routine_files import RoutineFiles

        self.assembler = services.assembler
        self.progression = services.progression
        self.history = services.history
        self.library = LibraryPanel(level_of=lambda r: self.progression.level_of(r).level)
        self.files = RoutineFiles(self, services.user_library, saved=self._on_file_saved,
                                  removed=self.reload_library, try_routine=self.start_routine,
                                  explain=self.report_routine_problems,
                                  confirm=lambda q, d: self.confirm(q, d),
                                  say=self.say, report=self.report)
        self.splitter.insertWidget(0, self.library)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([320, max(1, self.splitter.width() - 320)])
        self.library.setVisible(not self.isFullScreen())
        self._build_menus()
        self.menuBar().setVisible(not self.isFullScreen())
        self.library.routine_activated.connect(self._on_library_routine_activated)
        self.library.open_requested.connect(self.open_dialog)
        self.library.action_requested.connect(self._on_library_action_requested)
        self.library.list.installEventFilter(self)
        self.shelf = LibraryWatch(self.library, services.scan_library, services.watch, self)
        self.reload_library()
        self.ready = True
        for action in self._when_ready:
            action()
        self._when_ready.clear()

    def _build_menus(self) -> None:
        files = self.menuBar().addMenu("&File")
        self._action(files, "&Open routine…", self.open_dialog, QKeySequence.StandardKey.Open)
        self._action(files, "&New routine", self.files.new_routine,
                     QKeySequence.StandardKey.New)
        self._action(files, "&Restore a deleted routine…", self.files.restore_dialog)
        files.addSeparator()
        self._action(files, "&Quit", self.close, QKeySequence.StandardKey.Quit)
        session = self.menuBar().addMenu("&Session")
        for command in (Command.TOGGLE, Command.NEXT, Command.PREVIOUS, Command.STOP):
            self._action(session, menu_text(command), self.commands[command])
        session.addSeparator()
        self._action(session, "Hold the selected routine at its level",
                     lambda: self.hold_level(True))
        self._action(session, "Let the selected routine's level step up again",
                     lambda: self.hold_level(False))
        self._action(session, "Reset the selected routine's level", self.reset_level)
        view = self.menuBar().addMenu("&View")
        self._action(view, menu_text(Command.FULL_SCREEN), self.toggle_fullscreen)
        self._action(view, "&Settings…", self.open_settings,
                     QKeySequence.StandardKey.Preferences)
        self._action(view, "&History and progress…", self.open_history, QKeySequence("Ctrl+H"))

    def _action(self, menu: QMenu, text: str, slot: Callable[[], object],
                keys: QKeySequence.StandardKey | QKeySequence | None = None) -> None:
        action = QAction(text, self)
        if keys is not None:
            action.setShortcut(QKeySequence(keys))
        action.triggered.connect(lambda: slot())
        menu.addAction(action)

    # -- the library -----------------------------------------------------------------------

    def reload_library(self) -> None:
        self.shelf.reload()

    def open_dialog(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Open a routine", str(Path.home()),
                                              "Routines (*.yaml *.yml);;All files (*)")
        if name:
            self.open_path(Path(name))

    def open_path(self, path: Path, start: bool = False) -> None:
        """Show a routine file from anywhere in the library, and start it if asked."""
        entry = self.shelf.open(path)
        if not entry.valid:
            self.report_routine_problems(entry)
        elif start:
            self.start(entry.path)

    def report_routine_problems(self, entry: Entry) -> None:
        listed = "\n".join(str(p) for p in entry.problems[:8])
        more = len(entry.problems) - 8
        self.report(f"{entry.path.name} does not load. Fix these lines and save; the library "
                    f"reloads it:\n{listed}" + (f"\n…and {more} more" if more > 0 else ""))

    def _on_library_routine_activated(self, path: Path) -> None:
        self.start(path)

    # -- progression -----------------------------------------------------------------------

    def hold_level(self, held: bool) -> None:
        entry = self.shelf.selected()
        if entry is None or entry.routine is None:
            return
        level = self.progression.hold(entry.routine, held)
        if level is not None:
            self.say(f"{entry.routine.name}: level {level.level} "
                     + ("held" if held else "steps up again"))

    def reset_level(self) -> None:
        entry = self.shelf.selected()
        if entry is None or entry.routine is None:
            return
        self.progression.reset(entry.routine)
        self.reload_library()
        self.say(f"{entry.routine.name}: back to level 0")

    def _on_library_action_requested(self, action: LibraryAction) -> None:
        self.files.act(action, self.shelf.selected())

    def _on_file_saved(self, path: Path) -> None:
        self.shelf.reload()
        self.shelf.select(path)
        self.say(f"Saved {path}")

    # -- the session -----------------------------------------------------------------------

    def start(self, path: Path) -> None:
        entry = self.shelf.entry(path)
        if entry.routine is None:
            self.report_routine_problems(entry)
            return
        self.start_routine(entry.routine)

    def start_routine(self, routine: Routine) -> None:
        """Start a session of ``routine`` (from the library, or as edited and not saved)."""
        from hiptimer.driver import SessionDriver

        if self.driver is not None:
            self.driver.stop()
            self.driver.deleteLater()
        self.driver = SessionDriver(self.assembler.assemble(routine), self)
        self.driver.status_changed.connect(self._on_driver_status_changed)
        self.driver.show_status()
        self.driver.start()
        self.view.setFocus()

    def toggle(self) -> None:
        if self.driver is None:
            path = self.library.selected_path()
            if path is not None:
                self.start(path)
        elif self.driver.session.state in (State.FINISHED, State.STOPPED):
            self.driver.restart()
        else:
            self.driver.toggle()

    def next(self) -> None:
        if self.driver is not None:
            self.driver.next()

    def previous(self) -> None:
        if self.driver is not None:
            self.driver.previous()

    def stop(self) -> None:
        """Stop at once early on; past the first minute, pause and ask first."""
        driver = self.driver
        if driver is None or not driver.session.is_live():
            return
        if driver.session.asks_before_stopping():
            running = driver.session.state is State.RUNNING
            driver.pause()
            if not self.confirm("Stop this session?",
                                "The session has run for more than a minute."):
                if running:
                    driver.resume()
                return
        driver.stop()

    def confirm(self, question: str, detail: str) -> bool:
        return ask_yes_no(self, "hiptimer", f"{question}\n\n{detail}")

    def _on_driver_status_changed(self, status: Status) -> None:
        self.view.show_status(status)
        if status.state is not self._state_shown:
            self._state_shown = status.state
            if status.state is State.RUNNING:
                self.inhibitor.inhibit("an exercise session is running")
            else:
                self.inhibitor.release()
        title = window_title(status)
        if self.windowTitle() != title:
            self.setWindowTitle(title)

    # -- keys ------------------------------------------------------------------------------

    def handle_key(self, event: QKeyEvent) -> bool:
        command = command_for(event)
        if command is None:
            return False
        self.commands[command]()
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self.handle_key(event):
            super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The library list would use Space and the arrows itself; the session comes first.
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            return event.key() not in LIST_KEYS and self.handle_key(event)
        return False

    # -- look and sound --------------------------------------------------------------------

    def toggle_fullscreen(self) -> None:
        full = not self.isFullScreen()
        self.menuBar().setVisible(not full)
        self.library.setVisible(not full)
        if full:
            self.showFullScreen()
        else:
            self.showNormal()

    def toggle_mute(self) -> None:
        self.settings.muted = not self.settings.muted
        self._settings_changed()

    def change_volume(self, step: int) -> None:
        self.settings.volume = self.settings.volume + step
        self.settings.muted = False
        self._settings_changed()

    def open_history(self) -> HistoryView | None:
        from hiptimer.ui.history_view import HistoryView

        store = self.history()
        if store is None:
            self.say("No history is kept in this session")
            return None
        view = HistoryView(store, self.settings)
        self.history_views.append(view)
        view.show()
        return view

    def open_settings(self) -> None:
        from hiptimer.ui.settings_dialog import SettingsDialog

        SettingsDialog(self.settings, self._settings_changed, self).exec()

    def _settings_changed(self) -> None:
        self.settings.sync()
        if self.driver is not None:
            self.driver.practice.retune(self.settings.cue_settings())
            self.driver.show_status()
        self.apply_settings()
        self.say("muted" if self.settings.muted else f"volume {self.settings.volume}%", 3000)

    def apply_settings(self) -> None:
        look = theme.choose(self.settings.theme)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            theme.apply(app, look)
        self.view.apply_look(look, self.settings.font_scale)

    # -- messages --------------------------------------------------------------------------

    def say(self, message: str, milliseconds: int = 5000) -> None:
        """A passing message in the status bar."""
        self.statusBar().showMessage(message, milliseconds)

    def report(self, message: str) -> None:
        """Show a problem in the window until dismissed (each message once)."""
        self.problem_bar.report(message)

    # -- drops and closing -----------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        from hiptimer.routine.library import ROUTINE_SUFFIXES

        urls = event.mimeData().urls()
        if urls and all(Path(u.toLocalFile()).suffix.lower() in ROUTINE_SUFFIXES
                        for u in urls):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        for url in event.mimeData().urls():
            self.open_path(Path(url.toLocalFile()))
        event.acceptProposedAction()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.ready and not self.files.close_editors():
            event.ignore()  # an editor asked about unsaved changes and was kept open
            return
        if self.driver is not None and self.driver.session.is_live():
            self.driver.stop()
        self.inhibitor.release()
        super().closeEvent(event)
