"""The main window: the library beside the session screen, hands-free keys, and problems shown.

It builds no engine of its own: a ``SessionStarter`` from the composition root makes the
session for a routine, and the window only turns key presses into driver commands.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QEvent, QFileSystemWatcher, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QHBoxLayout,
    QInputDialog,
    QMainWindow,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from hiptimer.driver import SessionDriver
from hiptimer.locations import data_dir, user_routines_dir
from hiptimer.routine.draft import RoutineDraft, draft_from_routine
from hiptimer.routine.library import ROUTINE_SUFFIXES, Entry, Origin, load_entry
from hiptimer.routine.model import Routine
from hiptimer.routine.save import SaveError, save_text
from hiptimer.routine.write import routine_to_yaml
from hiptimer.session.engine import State
from hiptimer.session.events import Event
from hiptimer.ui import theme
from hiptimer.ui.library_panel import LibraryPanel
from hiptimer.ui.plain import PlainLabel, ask_yes_no, plain_title
from hiptimer.ui.screensaver import Inhibitor
from hiptimer.ui.session_view import SessionView, countdown_text
from hiptimer.ui.settings import AppSettings
from hiptimer.ui.settings_dialog import SettingsDialog

if TYPE_CHECKING:  # the editor and the history view load when first opened, not at start-up
    from hiptimer.history.store import HistoryStore
    from hiptimer.ui.editor import RoutineEditor
    from hiptimer.ui.history_view import HistoryView

ASK_BEFORE_STOP_AFTER = 60.0
"""Esc asks first once a session has run longer than this (seconds, pauses excluded)."""
VOLUME_STEP = 10


class SessionStarter(Protocol):
    def create(self, routine: Routine) -> SessionDriver:
        """A driver for a new session of ``routine``, its sounds already wired."""

    def retune(self) -> None:
        """Apply changed sound settings to the running session."""

    def level_of(self, routine: Routine) -> tuple[int, bool]:
        """The routine's progression level, and whether it is held there."""

    def set_level(self, routine: Routine, level: int, held: bool) -> None: ...

    def history_store(self) -> HistoryStore | None:
        """Where sessions are recorded, if anywhere."""

    def close(self) -> None:
        """Let go of the history; the app calls this as it ends."""


class MainWindow(QMainWindow):
    def __init__(self, settings: AppSettings, starter: SessionStarter,
                 scan_library: Callable[[], list[Entry]], watch: list[Path],
                 inhibitor: Inhibitor, user_dir: Path | None = None,
                 trash_dir: Path | None = None) -> None:
        super().__init__()
        self.user_dir = user_dir or user_routines_dir()
        self.trash_dir = trash_dir or data_dir() / "trash"
        self.editors: list[RoutineEditor] = []
        self.history_views: list[HistoryView] = []
        self.settings = settings
        self.starter = starter
        self.scan_library = scan_library
        self.inhibitor = inhibitor
        self.driver: SessionDriver | None = None
        self.opened: list[Path] = []
        self.problems: list[str] = []
        self.setWindowTitle("hiptimer")
        self.setAcceptDrops(True)
        self.resize(1280, 720)

        self.library = LibraryPanel(level_of=lambda r: starter.level_of(r)[0])
        self.view = SessionView()
        self.problem_label = PlainLabel()
        self.problem_label.setWordWrap(True)
        self.problem_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        dismiss = QPushButton("Dismiss")
        dismiss.clicked.connect(self._on_dismiss_clicked)
        self.problem_bar = QWidget()
        self.problem_bar.setStyleSheet("background: #fff3cd; color: #3b2a00;")
        bar = QHBoxLayout(self.problem_bar)
        bar.addWidget(self.problem_label, 1)
        bar.addWidget(dismiss, 0, Qt.AlignmentFlag.AlignTop)
        self.problem_bar.hide()
        self.splitter = QSplitter()
        self.splitter.addWidget(self.library)
        self.splitter.addWidget(self.view)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([320, 960])
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.problem_bar)
        column.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self._build_menus()

        self.library.routine_activated.connect(self._on_library_routine_activated)
        self.library.open_requested.connect(self.open_dialog)
        self.library.action_requested.connect(self._on_library_action_requested)
        self.library.list.installEventFilter(self)
        self.view.installEventFilter(self)

        self.watcher = QFileSystemWatcher(self)
        for folder in watch:
            if folder.is_dir():
                self.watcher.addPath(str(folder))
        self.watcher.directoryChanged.connect(self._on_watcher_changed)
        self.watcher.fileChanged.connect(self._on_watcher_changed)
        self.rescan_timer = QTimer(self)
        self.rescan_timer.setSingleShot(True)
        self.rescan_timer.setInterval(250)  # one rescan for an editor's burst of writes
        self.rescan_timer.timeout.connect(self.reload_library)
        # The library is read just after the window first shows, so it appears at once.
        QTimer.singleShot(0, self.reload_library)
        self.apply_settings()

    # -- building --------------------------------------------------------------------------

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        self._action(file_menu, "&Open routine…", QKeySequence.StandardKey.Open,
                     self.open_dialog)
        self._action(file_menu, "&New routine", QKeySequence.StandardKey.New,
                     self.new_routine)
        self._action(file_menu, "&Restore a deleted routine…", None, self.restore_dialog)
        file_menu.addSeparator()
        self._action(file_menu, "&Quit", QKeySequence.StandardKey.Quit, self.close)
        session = self.menuBar().addMenu("&Session")
        self._action(session, "Start / pause   (Space)", None, self.toggle)
        self._action(session, "Next   (Right, PageDown, N)", None, self.next)
        self._action(session, "Previous   (Left, PageUp, P)", None, self.previous)
        self._action(session, "Stop   (Esc)", None, self.stop)
        session.addSeparator()
        self._action(session, "Hold the selected routine at its level", None,
                     lambda: self.hold_level(True))
        self._action(session, "Let the selected routine's level step up again", None,
                     lambda: self.hold_level(False))
        self._action(session, "Reset the selected routine's level", None, self.reset_level)
        view = self.menuBar().addMenu("&View")
        self._action(view, "&Full screen   (F11, F)", None, self.toggle_fullscreen)
        self._action(view, "&Settings…", QKeySequence.StandardKey.Preferences,
                     self.open_settings)
        self._action(view, "&History and progress…", QKeySequence("Ctrl+H"),
                     self.open_history)

    def _action(self, menu: object, text: str,
                keys: QKeySequence.StandardKey | QKeySequence | None,
                slot: Callable[[], object]) -> QAction:
        action = QAction(text, self)
        if keys is not None:
            action.setShortcut(QKeySequence(keys))
        action.triggered.connect(lambda: slot())
        menu.addAction(action)  # type: ignore[attr-defined]
        return action

    # -- the library -----------------------------------------------------------------------

    def reload_library(self) -> None:
        entries = self.scan_library()
        known = {e.path for e in entries}
        entries += [load_entry(p, Origin.OPENED) for p in self.opened if p not in known]
        self.library.set_entries(entries)
        for entry in entries:
            if entry.origin is Origin.OPENED and str(entry.path) not in self.watcher.files():
                self.watcher.addPath(str(entry.path))

    def _on_watcher_changed(self, path: str) -> None:
        if Path(path).is_file() and path not in self.watcher.files():
            self.watcher.addPath(path)  # an editor that replaces the file drops the watch
        self.rescan_timer.start()

    def open_dialog(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Open a routine", str(Path.home()),
                                              "Routines (*.yaml *.yml);;All files (*)")
        if name:
            self.open_path(Path(name))

    def open_path(self, path: Path, start: bool = False) -> None:
        """Show a routine file from anywhere in the library, and start it if asked."""
        path = path.resolve()
        if path not in {e.path.resolve() for e in self.library.entries}:
            self.opened.append(path)
            self.reload_library()
        entry = next(e for e in self.library.entries if e.path.resolve() == path)
        self.library.set_entries(self.library.entries, select=entry.path)
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

    def _selected_routine(self) -> Routine | None:
        path = self.library.selected_path()
        entry = self.library.entry_for(path) if path is not None else None
        return entry.routine if entry is not None else None

    def hold_level(self, held: bool) -> None:
        routine = self._selected_routine()
        if routine is None:
            return
        level, _ = self.starter.level_of(routine)
        self.starter.set_level(routine, level, held)
        self.statusBar().showMessage(
            f"{routine.name}: level {level} " + ("held" if held else "steps up again"), 5000)

    def reset_level(self) -> None:
        routine = self._selected_routine()
        if routine is None:
            return
        _, held = self.starter.level_of(routine)
        self.starter.set_level(routine, 0, held)
        self.reload_library()
        self.statusBar().showMessage(f"{routine.name}: back to level 0", 5000)

    # -- making and changing routines ------------------------------------------------------

    def _on_library_action_requested(self, word: str) -> None:
        if word == "new":
            self.new_routine()
            return
        path = self.library.selected_path()
        entry = self.library.entry_for(path) if path is not None else None
        if entry is None:
            self.statusBar().showMessage("Select a routine first", 4000)
            return
        {"duplicate": self.duplicate, "edit": self.edit, "rename": self.rename,
         "delete": self.delete}[word](entry)

    def open_editor(self, draft: RoutineDraft, path: Path | None) -> RoutineEditor:
        from hiptimer.ui.editor import RoutineEditor

        # A window of its own (no parent): the main window's hands-free keys stay out of it.
        editor = RoutineEditor(draft, path, self.user_dir, self._on_editor_saved,
                               self.start_routine)
        self.editors.append(editor)
        editor.show()
        return editor

    def _on_editor_saved(self, path: Path) -> None:
        self.reload_library()
        self.library.set_entries(self.library.entries, select=path)
        self.statusBar().showMessage(f"Saved {path}", 5000)

    def new_routine(self) -> RoutineEditor:
        return self.open_editor(RoutineDraft(), None)

    def duplicate(self, entry: Entry) -> RoutineEditor | None:
        if entry.routine is None:
            self.report_routine_problems(entry)
            return None
        copy = replace(entry.routine, name=f"{entry.routine.name} (copy)")
        from hiptimer.ui.editor import free_path

        path = free_path(self.user_dir, copy.name)
        try:
            save_text(path, routine_to_yaml(copy))
        except SaveError as exc:
            self.report(str(exc))
            return None
        self._on_editor_saved(path)
        return self.open_editor(draft_from_routine(copy), path)

    def edit(self, entry: Entry) -> RoutineEditor | None:
        if entry.origin is Origin.BUILT_IN:
            if self.confirm("Built-in routines cannot be changed.",
                            "Make your own copy to edit?"):
                return self.duplicate(entry)
            return None
        if entry.routine is None:
            self.report_routine_problems(entry)
            return None
        return self.open_editor(draft_from_routine(entry.routine), entry.path)

    def rename(self, entry: Entry) -> None:
        if entry.origin is Origin.BUILT_IN or entry.routine is None:
            self.statusBar().showMessage("Only your own, valid routines can be renamed", 5000)
            return
        name, ok = QInputDialog.getText(self, "Rename routine", "New name:",
                                        text=entry.routine.name)
        if not ok or not name.strip():
            return
        try:
            save_text(entry.path, routine_to_yaml(replace(entry.routine, name=name.strip())))
        except SaveError as exc:
            self.report(str(exc))
            return
        self._on_editor_saved(entry.path)

    def delete(self, entry: Entry) -> Path | None:
        """Move a routine of the user's to the trash folder, from where it can come back."""
        if entry.origin is not Origin.USER:
            self.statusBar().showMessage("Only your own routines can be deleted", 5000)
            return None
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        target = self.trash_dir / f"{entry.path.stem}.{stamp}{entry.path.suffix}"
        try:
            self.trash_dir.mkdir(parents=True, exist_ok=True)
            shutil.move(entry.path, target)
        except OSError as exc:
            self.report(f"could not delete {entry.path}: {exc.strerror or exc}")
            return None
        self.reload_library()
        self.statusBar().showMessage(
            f"Moved {entry.path.name} to the trash; File > Restore brings it back", 8000)
        return target

    def restore(self, trashed: Path) -> Path | None:
        original = trashed.stem.rsplit(".", 1)[0]  # without the deletion time stamp
        target = self.user_dir / f"{original}{trashed.suffix}"
        if target.exists():
            from hiptimer.ui.editor import free_path

            target = free_path(self.user_dir, original)
        try:
            self.user_dir.mkdir(parents=True, exist_ok=True)
            shutil.move(trashed, target)
        except OSError as exc:
            self.report(f"could not restore {trashed}: {exc.strerror or exc}")
            return None
        self._on_editor_saved(target)
        return target

    def restore_dialog(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Restore a deleted routine",
                                              str(self.trash_dir), "Routines (*.yaml *.yml)")
        if name:
            self.restore(Path(name))

    # -- the session -----------------------------------------------------------------------

    def start(self, path: Path) -> None:
        entry = self.library.entry_for(path)
        if entry is None:
            entry = load_entry(path, Origin.OPENED)
        if entry.routine is None:
            self.report_routine_problems(entry)
            return
        self.start_routine(entry.routine)

    def start_routine(self, routine: Routine) -> None:
        """Start a session of ``routine`` (from the library, or as edited and not saved)."""
        if self.driver is not None:
            self.driver.stop()
            self.driver.deleteLater()
        self.driver = self.starter.create(routine)
        self.driver.setParent(self)
        self.view.attach(self.driver)
        self.driver.event_happened.connect(self._on_driver_event_happened)
        self.driver.start()
        self.view.setFocus()

    def toggle(self) -> None:
        if self.driver is None:
            path = self.library.selected_path()
            if path is not None:
                self.start(path)
            return
        if self.driver.session.state in (State.FINISHED, State.STOPPED):
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
        if self.driver is None or self.driver.session.state not in (State.RUNNING,
                                                                    State.PAUSED):
            return
        if self._active_seconds() > ASK_BEFORE_STOP_AFTER and not self.confirm(
                "Stop this session?", "The session has run for more than a minute."):
            return
        self.driver.stop()

    def _active_seconds(self) -> float:
        assert self.driver is not None
        session = self.driver.session
        done = sum(seconds for _, seconds in session.phase_times)
        return done + session.elapsed_in_phase()

    def confirm(self, question: str, detail: str) -> bool:
        return ask_yes_no(self, "hiptimer", f"{question}\n\n{detail}")

    def _on_driver_event_happened(self, event: Event) -> None:
        assert self.driver is not None
        session = self.driver.session
        if session.state is State.RUNNING:
            self.inhibitor.inhibit("an exercise session is running")
        else:
            self.inhibitor.release()
        title = self.view.banner.text()
        remaining = session.remaining()
        if session.state in (State.RUNNING, State.PAUSED) and remaining is not None:
            title += f" {countdown_text(remaining)}"
        if session.state is State.PAUSED:
            title = f"PAUSED · {title}"
        wanted = plain_title(f"{title} — {session.timeline.routine.name} — hiptimer")
        if self.windowTitle() != wanted:
            self.setWindowTitle(wanted)

    # -- keys ------------------------------------------------------------------------------

    def handle_key(self, event: QKeyEvent) -> bool:
        key = event.key()
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        actions: dict[int, Callable[[], None]] = {
            Qt.Key.Key_MediaPlay: self.toggle, Qt.Key.Key_MediaTogglePlayPause: self.toggle,
            Qt.Key.Key_MediaPause: self.toggle, Qt.Key.Key_MediaNext: self.next,
            Qt.Key.Key_MediaPrevious: self.previous, Qt.Key.Key_MediaStop: self.stop,
            Qt.Key.Key_PageDown: self.next, Qt.Key.Key_PageUp: self.previous,
            Qt.Key.Key_F11: self.toggle_fullscreen,
        }
        if plain:
            actions.update({
                Qt.Key.Key_Space: self.toggle, Qt.Key.Key_Right: self.next,
                Qt.Key.Key_N: self.next, Qt.Key.Key_Left: self.previous,
                Qt.Key.Key_P: self.previous, Qt.Key.Key_Escape: self.stop,
                Qt.Key.Key_M: self.toggle_mute, Qt.Key.Key_F: self.toggle_fullscreen,
                Qt.Key.Key_Plus: lambda: self.change_volume(VOLUME_STEP),
                Qt.Key.Key_Equal: lambda: self.change_volume(VOLUME_STEP),
                Qt.Key.Key_Minus: lambda: self.change_volume(-VOLUME_STEP),
            })
        action = actions.get(key)
        if action is None:
            return False
        action()
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self.handle_key(event):
            super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The library list would use Space and the arrows itself; the session comes first.
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Return,
                               Qt.Key.Key_Enter):
                return False
            return self.handle_key(event)
        return False

    # -- look and sound --------------------------------------------------------------------

    def toggle_fullscreen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
            self.menuBar().show()
            self.library.show()
        else:
            self.menuBar().hide()
            self.library.hide()
            self.showFullScreen()

    def toggle_mute(self) -> None:
        self.settings.muted = not self.settings.muted
        self._settings_changed()

    def change_volume(self, step: int) -> None:
        self.settings.volume = self.settings.volume + step
        self.settings.muted = False
        self._settings_changed()

    def open_history(self) -> HistoryView | None:
        from hiptimer.ui.history_view import HistoryView

        store = self.starter.history_store()
        if store is None:
            self.statusBar().showMessage("No history is kept in this session", 5000)
            return None
        view = HistoryView(store, self.settings)
        self.history_views.append(view)
        view.show()
        return view

    def open_settings(self) -> None:
        SettingsDialog(self.settings, self._settings_changed, self).exec()

    def _settings_changed(self) -> None:
        self.settings.sync()
        self.starter.retune()
        self.apply_settings()

    def apply_settings(self) -> None:
        look = theme.choose(self.settings.theme)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            theme.apply(app, look)
        self.view.apply_look(look, self.settings.font_scale)
        sound = "muted" if self.settings.muted else f"volume {self.settings.volume}%"
        self.statusBar().showMessage(sound, 3000)

    # -- problems --------------------------------------------------------------------------

    def report(self, message: str) -> None:
        """Show a problem in the window until dismissed (each message once)."""
        if message in self.problems:
            return
        self.problems.append(message)
        self.problem_label.setText("\n\n".join(self.problems[-4:]))
        self.problem_bar.show()

    def _on_dismiss_clicked(self) -> None:
        self.problems.clear()
        self.problem_bar.hide()

    # -- drops and closing -----------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls()
        if urls and all(Path(u.toLocalFile()).suffix.lower() in ROUTINE_SUFFIXES
                        for u in urls):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        for url in event.mimeData().urls():
            self.open_path(Path(url.toLocalFile()))
        event.acceptProposedAction()

    def closeEvent(self, event: QCloseEvent) -> None:
        for editor in self.editors:
            if editor.isVisible() and not editor.close():
                event.ignore()  # the editor asked about unsaved changes and was kept open
                return
        if self.driver is not None and self.driver.session.state in (State.RUNNING,
                                                                     State.PAUSED):
            self.driver.stop()
        self.inhibitor.release()
        super().closeEvent(event)
