"""The composition root: the one place that builds clock, engine, audio and the front end.

Everything else receives what it needs through its constructor, so tests can pass fakes.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from hiptimer.base.identity import APP_ID, APP_NAME
from hiptimer.base.locations import builtin_routines_dir, data_dir, user_routines_dir
from hiptimer.base.translation import LOCALE_DIR, N_, _, install_chosen_language
from hiptimer.session.clock import Clock, MonotonicClock

# The window must show before the parser, PyYAML, the history and sound are loaded, so
# they are imported where they are used.
if TYPE_CHECKING:
    from collections.abc import Mapping

    from PySide6.QtCore import QCoreApplication

    from hiptimer.base.preferences import Settings
    from hiptimer.cues.player import AudioSink
    from hiptimer.history.store import HistoryStore
    from hiptimer.practice import Rate
    from hiptimer.qtloop.stop_signals import StopSignals
    from hiptimer.routine.catalogue import Entry
    from hiptimer.ui.common.qt_language import QtLanguage
    from hiptimer.ui.desktop.instance_server import HandOver, InstanceServer
    from hiptimer.ui.desktop.keep_awake import Inhibitor
    from hiptimer.ui.desktop.media_player import MediaPlayer, PlayerControls
    from hiptimer.ui.desktop.shared_bus import SharedBus
    from hiptimer.ui.window.main_window import MainWindow

NO_DISPLAY = N_("hiptimer: no display found (neither DISPLAY nor WAYLAND_DISPLAY is set), so "
                "no window can open; run a routine in this terminal with "
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

        from hiptimer.routine.catalogue import locate

        parser = argparse.ArgumentParser(
            prog="hiptimer", description=_("Open the hiptimer window. Other commands: "
                                           "validate, plan, list, run (see 'hiptimer --help')."))
        parser.add_argument("routine", nargs="?", metavar="ROUTINE",
                            help=_("a routine file, or a routine's name, to open"))
        parser.add_argument("--start", action="store_true",
                            help=_("start the routine at once"))
        args = parser.parse_args(list(argv))
        start = args.start
        if args.routine is not None:
            routine, problem = locate(args.routine)
            if problem:
                print(_("hiptimer: {problem}; commands are validate, plan, list and run "
                        "(see 'hiptimer --help')").format(problem=problem), file=sys.stderr)
                return 2
    if not has_display():
        print(_(NO_DISPLAY), file=sys.stderr)
        return 1
    return run_window(routine, start)


@dataclass
class Surroundings:
    """What the window is built around. The app's own are made by ``build_window``; tests
    pass fakes (a fake clock, a recording sink, a temporary routine folder)."""

    clock: Clock
    settings: Settings
    inhibitor: Inhibitor
    history: Callable[[], HistoryStore | None]
    """The history, asked for when first needed."""
    user_routines: Path
    trash: Path
    scan_library: Callable[[], list[Entry]]
    library_folders: list[Path]
    """Folders whose changes reload the library."""
    rate: Rate | None = None
    """Keeps a check-in's answer; ``None``: in ``history``, when one is kept."""


@dataclass
class BuiltWindow:
    """The window as the composition root made it, with what must be closed after it."""

    window: MainWindow
    bus: SharedBus
    """The session bus, shared by whatever needs it once the window shows."""
    closing: list[Callable[[], None]] = field(default_factory=list)

    def close(self) -> None:
        """Close the sound, the history and the bus, once the window is done with them."""
        for close in reversed(self.closing):
            close()


def build_window(around: Surroundings | None = None, sink: AudioSink | None = None
                 ) -> BuiltWindow:
    """The app's window with everything it needs: clock, settings, sound, history, screensaver
    (``around``: the user's own unless given), and cues played into ``sink`` (the sound
    player's process unless given).

    Only the window's screen is built before it first shows; the services behind it (the
    routine library, sessions, levels, the sound player) are made just after, so the window
    appears as fast as an empty one.
    """
    from PySide6.QtWidgets import QApplication

    from hiptimer.qtloop.problem_relay import ProblemRelay
    from hiptimer.ui.common.window_services import WindowServices
    from hiptimer.ui.desktop.shared_bus import SharedBus
    from hiptimer.ui.screen.picture_drawer import shared_drawer
    from hiptimer.ui.window.main_window import MainWindow

    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName(APP_NAME)
    # The desktop pairs the window with the installed desktop entry, and its icon, by this.
    QApplication.setDesktopFileName(APP_ID)
    relay = ProblemRelay()
    report = relay.problem_found.emit
    bus = SharedBus(app)
    built_closing: list[Callable[[], None]] = [bus.close]
    problem = None
    if around is None:
        around, problem = _the_users_own(bus, report, built_closing)
        # Before any widget or text is made: the window's words, Qt's and its dates.
        built_closing.append(speak_in_the_window(app, around.settings, os.environ,
                                                   LOCALE_DIR).remove)
    sinks = [sink] if sink is not None else []
    settings = around.settings

    def services() -> WindowServices:
        from hiptimer.history.levels import Progression
        from hiptimer.practice import Assembler, cue_settings, rate_in
        from hiptimer.routine.user_folder import UserFolder

        if not sinks:  # the sound player starts after the first paint, too
            from hiptimer.cues.player import ProcessSink

            sinks.append(ProcessSink(report))
            built_closing.append(sinks[0].close)
        assembler = Assembler(around.clock, sinks[0], lambda: cue_settings(settings),
                              report, around.history,
                              weekly_target=lambda: settings.weekly_target,
                              rate=around.rate or rate_in(around.history))
        return WindowServices(assembler, Progression(around.history),
                              UserFolder(around.user_routines, around.trash),
                              around.scan_library, around.library_folders, around.history)

    window = MainWindow(settings, services, around.inhibitor)
    relay.setParent(window)
    relay.problem_found.connect(window.report)
    shared_drawer().problem_found.connect(window.report)  # a picture that is not shown
    if problem:
        window.report(problem)
    return BuiltWindow(window, bus, built_closing)


def speak_in_the_window(app: QCoreApplication, settings: Settings,
                          environment: Mapping[str, str], locale_dir: Path) -> QtLanguage:
    """The language ``settings`` name, else the desktop's (through ``environment``), spoken
    from now on: hiptimer's words from its catalogues in ``locale_dir``, and Qt's own words
    and the locale its widgets write dates and numbers in (``ui/common/qt_language``) in
    ``app``. What ``remove`` on the answer takes back is Qt's part only."""
    from hiptimer.ui.common.qt_language import QtLanguage

    spoken = install_chosen_language(settings.language, environment, locale_dir)
    return QtLanguage(app, spoken)


def _the_users_own(bus: SharedBus, report: Callable[[str], None],
                   closing: list[Callable[[], None]]) -> tuple[Surroundings, str | None]:
    """The real clock, the user's settings, folders and history, the desktop's screensaver;
    and what was wrong with the settings file, if anything."""
    from hiptimer.base.preferences import read_settings
    from hiptimer.history.lazy import LazyHistory
    from hiptimer.ui.desktop.keep_awake import DeferredInhibitor

    settings, problem = read_settings()
    # The history opens when first needed (the library reads levels just after first paint).
    history = LazyHistory(_open_history, report)
    closing.append(history.close)
    user = user_routines_dir()
    return Surroundings(MonotonicClock(), settings, DeferredInhibitor(bus.get), history.store,
                        user, data_dir() / "trash", _scan_installed,
                        [builtin_routines_dir(), user]), problem


def _scan_installed() -> list[Entry]:
    """The built-in and the user's routines, the parser loaded only when first needed."""
    from hiptimer.routine.catalogue import scan_installed

    return scan_installed()


def _open_history() -> HistoryStore:
    """The history, its module loaded only when the history is first needed."""
    from hiptimer.history.store import open_history

    return open_history()


def run_window(path: Path | None, start: bool) -> int:
    """The window, or, when one already runs on this data folder, the routine handed to it
    (before anything of Qt loads, so a second start is over at once)."""
    from hiptimer.desktop.instance import hand_over
    from hiptimer.ui.desktop.bus_check import BusCheck

    bus_check = BusCheck()  # asked while Qt loads
    folder = data_dir()
    if hand_over(folder, path, start) is not None:
        return 0
    from PySide6.QtCore import QSocketNotifier
    from PySide6.QtWidgets import QApplication

    from hiptimer.qtloop.stop_signals import Stage, StopSignals, exit_status

    bus_check.settle()  # a stuck bus is hidden before Qt can wait on it
    built = build_window()
    window = built.window
    window.show_as_left()
    presence = DesktopPresence(window, folder, built.bus)
    window.when_ready(lambda: presence.begin(path, start))
    with StopSignals() as signals:
        signals.stage = Stage.RUNNING
        notifier = QSocketNotifier(signals.wake_read.fileno(), QSocketNotifier.Type.Read,
                                   window)
        notifier.activated.connect(lambda: _stop_on_signal(window, signals))
        try:
            code = QApplication.exec()
        finally:
            presence.close()
            built.close()
        return exit_status(signals.received) if signals.received is not None else code


def _stop_on_signal(window: MainWindow, signals: StopSignals) -> None:
    """A stop signal (a kill, a closed terminal, the desktop logging out) ends the window as
    the terminal runner ends: the session recorded as stopped, the socket and the running
    seconds' file removed, the exit status 128 plus the signal's number."""
    from PySide6.QtWidgets import QApplication

    signals.drain()
    if signals.received is None:
        return  # a terminal's resize: nothing for a window
    if window.readiness.ready:
        window.session.close()
    window.inhibitor.release()
    QApplication.quit()


def taking_hand_overs(window: MainWindow) -> HandOver:
    """What ``window`` does when a later start hands over: it comes to the front and opens
    the routine that came, if any, once it is ready; a session under way goes on."""

    def hand_over(path: Path | None, start: bool) -> None:
        window.bring_to_front()
        if path is not None:
            window.when_ready(lambda: window.open_from_outside(path, start))

    return hand_over


def player_controls(window: MainWindow) -> PlayerControls:
    """What the media player may do to ``window`` beyond steering its session."""
    from hiptimer.ui.desktop.media_player import PlayerControls

    def volume() -> float:
        return 0.0 if window.settings.muted else window.settings.volume / 100

    def set_volume(level: float) -> None:
        window.settings.volume = round(level * 100)
        window.settings.muted = False
        window.preferences.changed()  # saved, heard in the session, shown and said

    check_in = window.prompts.check_in
    return PlayerControls(raise_window=window.bring_to_front, quit=window.close,
                          toggle=window.toggle, next=window.next, previous=window.previous,
                          say=window.say, volume=volume, set_volume=set_volume,
                          asking=lambda: check_in.asking,
                          asking_changed=check_in.asking_changed)


class DesktopPresence:
    """What makes the window reachable from outside it: later starts hand their routine to
    it, and the session bus's media players (headsets, media keys) steer it. Both are made
    after the first paint, which they would otherwise slow."""

    def __init__(self, window: MainWindow, folder: Path, bus: SharedBus) -> None:
        self.window = window
        self.folder = folder
        self.bus = bus
        self.server: InstanceServer | None = None
        self.player: MediaPlayer | None = None

    def begin(self, path: Path | None, start: bool) -> None:
        """Take the data folder's socket and the player's name, then open ``path``."""
        import logging

        from hiptimer.desktop.instance import hand_over
        from hiptimer.ui.desktop.instance_server import InstanceServer
        from hiptimer.ui.desktop.media_player import start_media_player

        log = logging.getLogger(__name__)
        server = InstanceServer(self.folder, taking_hand_overs(self.window), self.window)
        if server.listen():
            self.server = server
        elif hand_over(self.folder, path, start) is not None:
            # Another window started at the same moment and took the folder first.
            self.window.close()
            return
        elif server.problem is not None:  # the socket's folder is not the user's alone
            self.window.report(server.problem)
        else:
            log.info("a later start cannot reach this window")
        bus = self.bus.get()
        if bus is None:
            log.info("media keys and headsets cannot reach hiptimer without a session bus")
        else:
            self.player = start_media_player(bus, self.window.session,
                                             player_controls(self.window))
        if path is not None:
            self.window.open_from_outside(path, start)

    def close(self) -> None:
        if self.player is not None:
            self.player.close()
        if self.server is not None:
            self.server.close()
