"""The main window: the library beside the session screen, hands-free keys, and problems shown.

It holds no session logic of its own: a ``SessionControl`` runs one session at a time
and reports its status, which the window renders. The ``LibraryColumn`` keeps the list of
routines and opens and starts them, and sound and look change through ``Preferences``; the
window wires them to keys, menus and each other.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QMainWindow, QSplitter, QVBoxLayout, QWidget

from hiptimer.base.keys import Command
from hiptimer.base.preferences import Settings
from hiptimer.base.translation import N_, _
from hiptimer.ui.common import theme
from hiptimer.ui.common.keys import KeyRouter
from hiptimer.ui.common.plain import ask_yes_no
from hiptimer.ui.common.window_services import WindowServices, opening_size
from hiptimer.ui.desktop.keep_awake import Inhibitor
from hiptimer.ui.prefs.scheme_watch import SchemeWatch
from hiptimer.ui.screen.session_view import SessionView
from hiptimer.ui.window.drops import routine_paths
from hiptimer.ui.window.first_paint import FirstPaint, Readiness
from hiptimer.ui.window.problem_bar import ProblemBar
from hiptimer.ui.window.title import title_of

# Marked only: translated where the pause veil shows them.
# Translators: under PAUSED on the session screen; keep the dot and spaces between the keys.
STOP_HINT = N_("Esc again ends the session  ·  Space resumes")
# Translators: under PAUSED on the session screen.
RESUME_HINT = N_("Space resumes")

# Only what the first paint needs is imported here; the rest (the routine parser and
# PyYAML, the history, sound, the library panel, the editor) loads once the window shows.
if TYPE_CHECKING:
    from hiptimer.cues.names import CueSettings
    from hiptimer.routine.model import Routine
    from hiptimer.session.feeling import Feeling
    from hiptimer.session.state import State
    from hiptimer.session.status import Status
    from hiptimer.ui.history.view import HistoryView
    from hiptimer.ui.library.level_actions import LevelActions
    from hiptimer.ui.library.panel import LibraryPanel
    from hiptimer.ui.library.routine_files import RoutineFiles
    from hiptimer.ui.library.watch import LibraryWatch
    from hiptimer.ui.prefs.preferences import Preferences
    from hiptimer.ui.window.screen_prompts import ScreenPrompts
    from hiptimer.ui.window.session_control import SessionControl


class MainWindow(QMainWindow):
    """Shows the session screen at once; the library, menus and services follow just after
    the first paint (at once when ``services`` is given ready-made, as tests do)."""

    library: LibraryPanel
    files: RoutineFiles
    watch: LibraryWatch
    session: SessionControl
    levels: LevelActions
    preferences: Preferences
    prompts: ScreenPrompts
    """The cards on the session screen: the safety note, the keys, a passing volume."""
    open_history: Callable[[], HistoryView | None]
    open_dialog: Callable[[], None]
    open_path: Callable[..., None]
    """(path, start=False): show a routine file from anywhere, and start it if asked."""
    start: Callable[[Path], None]
    reload_library: Callable[[], None]

    def __init__(self, settings: Settings,
                 services: WindowServices | Callable[[], WindowServices],
                 inhibitor: Inhibitor) -> None:
        super().__init__()
        self.settings = settings
        self.inhibitor = inhibitor
        self.keys = KeyRouter(self)
        self.readiness = Readiness()
        self.when_ready = self.readiness.when_ready
        self.setWindowTitle("hiptimer")
        self.setAcceptDrops(True)
        self.resize(opening_size(self))

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
        self.apply_settings()
        self.scheme_watch = SchemeWatch(settings, restyle=self.apply_settings, parent=self)
        if isinstance(services, WindowServices):
            self._finish(services)
        else:
            self._make_services = services
            self.view.installEventFilter(FirstPaint(self.view, self._on_view_first_painted))

    def _on_view_first_painted(self) -> None:
        # Queued: the first frame reaches the screen before the rest is built.
        QTimer.singleShot(0, lambda: self._finish(self._make_services()))

    def _finish(self, services: WindowServices) -> None:
        """Build what the first paint did not need: library, menus, services, watches."""
        from hiptimer.ui.history.windows import HistoryWindows
        from hiptimer.ui.library.column import LibraryColumn
        from hiptimer.ui.prefs.preferences import Preferences
        from hiptimer.ui.window.menus import MenuActions, build_menus
        from hiptimer.ui.window.screen_prompts import ScreenPrompts
        from hiptimer.ui.window.session_control import SessionControl

        self.open_history = HistoryWindows(services.history, self.settings, self.say).open
        self.prompts = ScreenPrompts(self.view, self.settings, self.report,
                                     services.assembler.clock)
        self.prompts.check_in.answered.connect(self._on_check_in_answered)
        self.keys.answer = self.prompts.answer
        self.session = SessionControl(services.assembler, self.inhibitor, self)
        self.session.status_changed.connect(self._on_session_status_changed)
        self.session.state_changed.connect(self._on_session_state_changed)
        self.session.stop_asked.connect(self._on_session_stop_asked)
        self.session.sound_retuned.connect(self._on_session_sound_retuned)
        self.session.end_recorded.connect(self._on_session_end_recorded)
        self._sound = self._sound_words()
        self._session_path: Path | None = None
        """The library's routine the session on screen is of, if it is one."""
        self.preferences = Preferences(self.settings, retune=self.session.retune,
                                       restyle=self.apply_settings, say=self.say,
                                       report=self.report,
                                       test_cue=services.assembler.test_cue)
        column = LibraryColumn(self, services, self.keys, start_routine=self.start_routine,
                               confirm=lambda q, d: self.confirm(q, d), say=self.say,
                               report=self.report)
        self.library, self.files, self.watch, self.levels = (
            column.panel, column.files, column.watch, column.levels)
        self.open_dialog, self.open_path = column.open_dialog, column.open_path
        self.start, self.reload_library = column.start, column.reload
        self.splitter.insertWidget(0, self.library)
        self.splitter.setStretchFactor(1, 3)
        # Room for the plan's table while choosing; a session hides the list anyway.
        side = max(380, self.splitter.width() * 2 // 5)
        self.splitter.setSizes([side, max(1, self.splitter.width() - side)])
        self.library.setVisible(not self.isFullScreen())
        self.library.list.setFocus()  # Enter or Space starts the selected routine at once
        self.library.routine_selected.connect(self._on_library_routine_selected)
        self.keys.commands = {
            Command.TOGGLE: self.toggle, Command.NEXT: self.next,
            Command.PREVIOUS: self.previous, Command.STOP: self.session.stop,
            Command.FULL_SCREEN: self.toggle_fullscreen, Command.LIBRARY: self.toggle_library,
            Command.MUTE: self.preferences.toggle_mute,
            Command.LOUDER: self.preferences.louder, Command.QUIETER: self.preferences.quieter,
            Command.HELP: self.prompts.toggle_keys,
        }
        build_menus(self.menuBar(), self, self.keys.commands, MenuActions(
            open_routine=self.open_dialog, new_routine=self.files.new_routine,
            restore_routine=self.files.restore_dialog, quit=self.close,
            hold_level=self.levels.hold, reset_level=self.levels.reset,
            open_settings=lambda: self.preferences.open_dialog(self),
            open_history=self.open_history, show_safety_note=self.prompts.show_safety_note))
        self.menuBar().setVisible(not self.isFullScreen())
        self.prompts.shortcuts = tuple(
            _("{keys}:  {command}").format(
                keys=action.shortcut().toString(QKeySequence.SequenceFormat.NativeText),
                command=action.text().replace("&", "").rstrip("…"))
            for action in self.actions())
        self.reload_library()
        self._select_last_routine()
        self.readiness.reached()

    # -- the session -----------------------------------------------------------------------

    def start_routine(self, routine: Routine) -> None:
        """Start a session of ``routine`` (from the library, or as edited and not saved);
        before a first session, once the safety note on the screen is confirmed."""
        self.view.setFocus()  # the session's keys, not the list's, from here on
        if self.settings.full_screen and not self.isFullScreen():
            self.set_full_screen(True)
        path = self.library.selected_path()
        if not self.prompts.before_first_session(lambda: self._start_now(routine, path)):
            self._start_now(routine, path)

    def _start_now(self, routine: Routine, path: Path | None) -> None:
        self.prompts.check_in.withdraw()
        entry = self.library.entry_for(path) if path is not None else None
        self._session_path = path if entry is not None and entry.name == routine.name else None
        self.view.show_summary([])
        self.session.start(routine)
        active = QApplication.activeWindow()
        if active is not None and active is not self:
            self.bring_to_front()  # "Try it" in the editor: the session takes the keys
        self.view.setFocus()
        # The routine the library selects at the next opening.
        self._keep("last_routine", str(self._session_path or routine.name))

    def _keep(self, name: str, value: object) -> None:
        """Set and save one preference, if it changed; a failed save is shown."""
        if getattr(self.settings, name) != value:
            setattr(self.settings, name, value)
            problem = self.settings.save()
            if problem:
                self.report(problem)

    def _select_last_routine(self) -> None:
        self.library.select_named(self.settings.last_routine)

    def open_from_outside(self, path: Path, start: bool) -> None:
        """A routine handed over by a later start (a reminder's Start, a launcher): a running
        session goes on, and the routine waits in the library, said on the screen."""
        if start and self.session.is_live():
            self.open_path(path)
            self.prompts.say(_("{routine} is ready in the library; this session goes on")
                             .format(routine=path.stem))
            return
        self.open_path(path, start=start)

    def toggle(self) -> None:
        """Pause or resume; with no session yet, start the selected routine. A card on the
        screen takes it first (the headset's play confirms the safety note)."""
        if self.prompts.answer(Command.TOGGLE):
            return
        if not self.session.toggle():
            path = self.library.selected_path()
            if path is not None:
                self.start(path)

    def next(self) -> None:
        """On to the next phase; a card on the screen takes it first (the check-in's
        highlight moves down), as it takes the clicker's PageDown and the headset's next."""
        if not self.prompts.answer(Command.NEXT):
            self.session.next()

    def previous(self) -> None:
        """Back a phase; a card on the screen takes it first (the check-in's highlight
        moves up)."""
        if not self.prompts.answer(Command.PREVIOUS):
            self.session.previous()

    def confirm(self, question: str, detail: str) -> bool:
        """Asked only by an action the person chose in the library (editing a built-in
        routine makes a copy); nothing a session does asks."""
        return ask_yes_no(self, "hiptimer", f"{question}\n\n{detail}")

    def _on_session_stop_asked(self, asking: bool) -> None:
        self.view.veil.set_hint(_(STOP_HINT if asking else RESUME_HINT))

    def _sound_words(self) -> str:
        if self.settings.muted:
            return _("Sound off")
        return _("Volume {percent} %").format(percent=self.settings.volume)

    def _on_session_sound_retuned(self, cues: CueSettings) -> None:
        words = self._sound_words()
        if words != self._sound:  # the volume or mute changed, not the cues or the voice
            self._sound = words
            self.prompts.say(words)

    def _on_library_routine_selected(self, path: Path | None) -> None:
        """Another routine chosen: the screen and title no longer show the last session, but
        the routine that Space starts."""
        if path == self._session_path or self.session.is_live():
            return
        self.prompts.check_in.withdraw()
        self._session_path = None
        self.session.forget()
        self.view.show_summary([])
        entry = self.library.entry_for(path) if path is not None else None
        self.view.show_idle(entry.shown_name if entry is not None else None)
        self.setWindowTitle("hiptimer")

    def _on_session_status_changed(self, status: Status) -> None:
        self.view.show_status(status)
        title = title_of(status)
        if self.windowTitle() != title:
            self.setWindowTitle(title)

    def _on_session_state_changed(self, state: State) -> None:
        from hiptimer.session.state import State

        if state is State.RUNNING and self.library.isVisible():
            self.library.hide()  # the session only, while it runs; L brings the list back
        if state is State.FINISHED:
            self.view.show_summary(self.session.summary_lines())
            practice = self.session.check_in_for()
            if practice is not None:
                self.prompts.ask_feeling(practice)
        if state in (State.FINISHED, State.STOPPED):
            self.library.refresh_preview()  # the level may have moved on

    def _on_check_in_answered(self, feeling: Feeling | None) -> None:
        """The check-in went: an answer is kept, and the summary says it and the level it
        moved to; with none, the session stays unrated and the summary as it was."""
        from hiptimer.session.state import State

        if feeling is None:
            return
        self.session.rate(feeling)
        driver = self.session.driver
        if driver is not None and driver.session.state is State.FINISHED:
            self.view.show_summary(self.session.summary_lines())
        self.library.refresh_preview()

    def _on_session_end_recorded(self) -> None:
        """An end the history could not take at first is in it now: the summary on the
        screen says what the history makes of it, and the level may have moved on."""
        from hiptimer.session.state import State

        driver = self.session.driver
        if driver is not None and driver.session.state is State.FINISHED:
            self.view.show_summary(self.session.summary_lines())
        self.library.refresh_preview()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self.keys.handle(event):
            super().keyPressEvent(event)

    # -- look ------------------------------------------------------------------------------

    def bring_to_front(self) -> None:
        """Shown, raised and active: asked for from outside (a later start, a media player)."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    def toggle_library(self) -> None:
        self.library.setVisible(not self.library.isVisible())

    def show_as_left(self) -> None:
        """Show the window as it was last left: full screen, or not."""
        if self.settings.full_screen:
            self.set_full_screen(True)
        else:
            self.show()

    def toggle_fullscreen(self) -> None:
        self.set_full_screen(not self.isFullScreen())

    def set_full_screen(self, full: bool) -> None:
        """Full screen or not, remembered for the next start."""
        self.menuBar().setVisible(not full)
        self.statusBar().setVisible(not full)  # the phase's colour, edge to edge
        if self.readiness.ready:
            # The list is back on leaving full screen, unless a session runs (L shows it).
            self.library.setVisible(not full and not self.session.is_live())
        if full:
            self.showFullScreen()
        else:
            self.showNormal()
        self._keep("full_screen", full)

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
        if routine_paths(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        for path in routine_paths(event.mimeData()):
            self.open_path(path)
        event.acceptProposedAction()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.readiness.ready and not self.files.close_editors():
            event.ignore()  # an editor asked about unsaved changes and was kept open
            return
        if self.readiness.ready:
            self.session.close()
        self.inhibitor.release()
        super().closeEvent(event)
