"""The composition root: the one place that builds clock, engine, audio and the front end.

Everything else receives what it needs through its constructor, so tests can pass fakes.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from hiptimer.base.identity import APP_ID, APP_NAME
from hiptimer.base.locations import builtin_routines_dir, data_dir, user_routines_dir
from hiptimer.session.clock import MonotonicClock

# The window must show before the parser, PyYAML, the history and sound are loaded, so
# they are imported where they are used.
if TYPE_CHECKING:

    from hiptimer.cues.player import AudioSink
    from hiptimer.history.lazy import LazyHistory
    from hiptimer.history.store import HistoryStore
    from hiptimer.ui.desktop.instance_server import HandOver, InstanceServer
    from hiptimer.ui.desktop.media_player import MediaPlayer
    from hiptimer.ui.window.main_window import MainWindow

NO_DISPLAY = ("hiptimer: no display found (neither DISPLAY nor WAYLAND_DISPLAY is set), so no "
              "window can open; run a routine in this terminal with "
              "'hiptimer run --no-gui ROUTINE'.")





def has_display() -> bool:
    if not sys.platform.startswith("linux"):
        return True
    return any(os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def main(argv: Sequence[str]) -> int:
    """``hiptimer [PATH] [--start]``: the window, with a routine selected (and started)."""
    routine: Path | None = None
    start = False
    if argv:  # plain 'hiptimer' (a launcher's way) needs no argument parser loaded
        import argparse

        parser = argparse.ArgumentParser(
            prog="hiptimer", description="Open the hiptimer window. Other commands: "
            "validate, plan, list, run (see 'hiptimer --help').")
        parser.add_argument("routine", nargs="?", type=Path, metavar="PATH",
                            help="a routine file to open")
        parser.add_argument("--start", action="store_true", help="start the routine at once")
        args = parser.parse_args(list(argv))
        routine, start = args.routine, args.start
    if routine is not None and not routine.exists():
        print(f"hiptimer: no such file: {routine} (commands are validate, plan, list "
              "and run; see 'hiptimer --help')", file=sys.stderr)
        return 2
    if not has_display():
        print(NO_DISPLAY, file=sys.stderr)
        return 1
    return run_window(routine, start)


def build_window(sink: AudioSink | None = None
                 ) -> tuple[MainWindow, Callable[[], None], LazyHistory]:
    """The app's window with everything it needs: clock, settings, sound, history, screensaver.

    Only the window's screen is built before it first shows; the services behind it (the
    routine library, sessions, levels) are made just after, so the window appears as fast as
    an empty one. Returns how to close the sound, and the history: whoever runs the window
    closes both after it.
    """
    from PySide6.QtWidgets import QApplication

    from hiptimer.history.lazy import LazyHistory
    from hiptimer.qtloop.problem_relay import ProblemRelay
    from hiptimer.ui.common.window_services import WindowServices
    from hiptimer.ui.desktop.keep_awake import system_inhibitor
    from hiptimer.ui.prefs.settings import AppSettings
    from hiptimer.ui.window.main_window import MainWindow

    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName(APP_NAME)
    # The desktop pairs the window with the installed desktop entry, and its icon, by this.
    QApplication.setDesktopFileName(APP_ID)
    settings = AppSettings()
    relay = ProblemRelay(app)
    report = relay.problem_found.emit
    # The history opens when first needed (the library reads levels just after first paint).
    history = LazyHistory(_open_history, report)
    sinks = [sink] if sink is not None else []

    def services() -> WindowServices:
        from hiptimer.history.levels import Progression
        from hiptimer.practice import Assembler
        from hiptimer.routine.catalogue import scan_installed
        from hiptimer.routine.user_folder import UserLibrary

        if not sinks:  # the sound player starts after the first paint, too
            from hiptimer.cues.player import ProcessSink

            sinks.append(ProcessSink(report))
        assembler = Assembler(MonotonicClock(), sinks[0], settings.cue_settings, report,
                              history.store, weekly_target=lambda: settings.weekly_target)
        return WindowServices(assembler, Progression(history.store),
                              UserLibrary(user_routines_dir(), data_dir() / "trash"),
                              scan_installed, [builtin_routines_dir(), user_routines_dir()],
                              history.store)

    window = MainWindow(settings, services, system_inhibitor())
    relay.problem_found.connect(window.report)
    def close_sound() -> None:
        for made in sinks:
            made.close()

    return window, close_sound, history


def _open_history() -> HistoryStore:
    """The history, its module loaded only when the history is first needed."""
    from hiptimer.history.store import open_history

    return open_history()


def run_window(path: Path | None, start: bool) -> int:
    """The window, or, when one already runs on this data folder, the routine handed to it
    (before anything of Qt loads, so a second start is over at once)."""
    from hiptimer.desktop.instance import hand_over

    folder = data_dir()
    if hand_over(folder, path, start) is not None:
        return 0
    from PySide6.QtWidgets import QApplication

    from hiptimer.ui.window.safety_note import show_safety_note_once

    window, close_sound, history = build_window()
    window.show()
    presence = DesktopPresence(window, folder)
    window.when_ready(lambda: presence.begin(path, start))
    window.when_ready(lambda: show_safety_note_once(window, window.settings))
    try:
        return QApplication.exec()
    finally:
        presence.close()
        close_sound()
        history.close()


def taking_hand_overs(window: MainWindow) -> HandOver:
    """What ``window`` does when a later start hands over: it comes to the front and opens
    the routine that came, if any, once it is ready."""

    def hand_over(path: Path | None, start: bool) -> None:
        window.bring_to_front()
        if path is not None:
            window.when_ready(lambda: window.open_path(path, start=start))

    return hand_over


class DesktopPresence:
    """What makes the window reachable from outside it: later starts hand their routine to
    it, and the session bus's media players (headsets, media keys) steer it. Both are made
    after the first paint, which they would otherwise slow."""

    def __init__(self, window: MainWindow, folder: Path) -> None:
        self.window = window
        self.folder = folder
        self.server: InstanceServer | None = None
        self.player: MediaPlayer | None = None

    def begin(self, path: Path | None, start: bool) -> None:
        """Take the data folder's socket and the player's name, then open ``path``."""
        import logging

        from hiptimer.desktop.instance import hand_over
        from hiptimer.ui.desktop.instance_server import InstanceServer
        from hiptimer.ui.desktop.media_player import start_media_player

        server = InstanceServer(self.folder, taking_hand_overs(self.window), self.window)
        if server.listen():
            self.server = server
        elif hand_over(self.folder, path, start) is not None:
            # Another window started at the same moment and took the folder first.
            self.window.close()
            return
        else:
            logging.getLogger(__name__).info("a later start cannot reach this window")
        self.player = start_media_player(self.window)
        if path is not None:
            self.window.open_path(path, start=start)

    def close(self) -> None:
        if self.player is not None:
            self.player.close()
        if self.server is not None:
            self.server.close()
