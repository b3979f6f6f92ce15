"""The composition root: the one place that builds clock, engine, audio and the front end.

Everything else receives what it needs through its constructor, so tests can pass fakes.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from contextlib import ExitStack, suppress
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from hiptimer.identity import APP_ID, APP_NAME
from hiptimer.locations import builtin_routines_dir, data_dir, user_routines_dir
from hiptimer.session.clock import Clock, MonotonicClock

# The window must show before the parser, PyYAML, the history and sound are loaded, so
# they are imported where they are used.
if TYPE_CHECKING:
    from PySide6.QtCore import QCoreApplication

    from hiptimer.cues.names import CueSettings
    from hiptimer.cues.player import AudioSink
    from hiptimer.driver import SessionDriver
    from hiptimer.history.lazy import LazyHistory
    from hiptimer.history.store import HistoryStore
    from hiptimer.runner import Output, StatusLine, StopSignals
    from hiptimer.ui.mpris import MediaPlayer
    from hiptimer.ui.single_instance import InstanceServer
    from hiptimer.ui.window import MainWindow

NO_DISPLAY = ("hiptimer: no display found (neither DISPLAY nor WAYLAND_DISPLAY is set), so no "
              "window can open; run a routine in this terminal with "
              "'hiptimer run --no-gui ROUTINE'.")


WINDOW_RUNNING = ("hiptimer: the hiptimer window (process {pid}) is running on the same data "
                  "folder ({folder}), and two sessions cannot be recorded into one history at "
                  "once. Start the routine in that window ('hiptimer run ROUTINE' without "
                  "--no-gui hands it over), or close the window first.")


def has_display() -> bool:
    if not sys.platform.startswith("linux"):
        return True
    return any(os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def open_history() -> HistoryStore:
    from hiptimer.history.store import HistoryStore

    return HistoryStore(data_dir() / "history.sqlite")


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
    from hiptimer.problem_relay import ProblemRelay
    from hiptimer.ui.screensaver import system_inhibitor
    from hiptimer.ui.settings import AppSettings
    from hiptimer.ui.window import MainWindow
    from hiptimer.ui.window_services import WindowServices

    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName(APP_NAME)
    # The desktop pairs the window with the installed desktop entry, and its icon, by this.
    QApplication.setDesktopFileName(APP_ID)
    settings = AppSettings()
    relay = ProblemRelay(app)
    report = relay.problem_found.emit
    # The history opens when first needed (the library reads levels just after first paint).
    history = LazyHistory(open_history, report)
    sinks = [sink] if sink is not None else []

    def services() -> WindowServices:
        from hiptimer.assembly import Assembler
        from hiptimer.history.levels import Progression
        from hiptimer.routine.library import scan_installed
        from hiptimer.routine.user_library import UserLibrary

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


def run_window(path: Path | None, start: bool) -> int:
    """The window, or, when one already runs on this data folder, the routine handed to it
    (before anything of Qt loads, so a second start is over at once)."""
    from hiptimer.ui.single_instance import hand_over

    folder = data_dir()
    if hand_over(folder, path, start) is not None:
        return 0
    from PySide6.QtWidgets import QApplication

    from hiptimer.ui.safety_note import show_safety_note_once

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

        from hiptimer.ui.mpris import start_media_player
        from hiptimer.ui.single_instance import InstanceServer, hand_over

        server = InstanceServer(self.window, self.folder)
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


def run_headless(path: Path, speed: float = 1.0, events_path: Path | None = None,
                 mute: bool = False, cues: CueSettings | None = None,
                 clock: Clock | None = None) -> int:
    """Load the routine, run it to the end in this terminal and return the exit status.

    A stop signal at any moment ends it cleanly: the terminal restored, the session (once
    started) recorded as stopped, ``stopped`` last in the events file, and exit status 128
    plus the signal's number. Output that cannot be written any more goes quiet; the
    session goes on.
    """
    from hiptimer.runner import Interrupted, Output, StopSignals, exit_status
    from hiptimer.ui.single_instance import running_window

    window = running_window(data_dir())
    if window is not None:
        print(WINDOW_RUNNING.format(pid=window, folder=data_dir()), file=sys.stderr)
        return 1
    out = Output(sys.stdout, detach=True)
    errors = Output(sys.stderr, detach=True)
    code = 0
    with StopSignals() as signals, suppress(Interrupted):  # before there was a session
        code = _headless_session(path, speed, events_path, mute, cues, clock, signals, out,
                                 errors)
    return code if signals.received is None else exit_status(signals.received)


def _headless_session(path: Path, speed: float, events_path: Path | None, mute: bool,
                      cues: CueSettings | None, clock: Clock | None, signals: StopSignals,
                      out: Output, errors: Output) -> int:
    """Build the session and run it; a signal while it is being set up leaves it stopped."""
    from PySide6.QtCore import QCoreApplication

    from hiptimer.assembly import Assembler
    from hiptimer.cues.names import CueSettings
    from hiptimer.cues.player import SilentSink
    from hiptimer.driver import SessionDriver
    from hiptimer.problem_relay import ProblemRelay
    from hiptimer.routine.parse import load_routine
    from hiptimer.routine.problem import RoutineError
    from hiptimer.runner import Interrupted, StatusLine
    from hiptimer.session.eventlog import EventLog

    try:
        routine = load_routine(path)
    except RoutineError as exc:
        errors.write(f"{exc}\n")
        return 1
    with ExitStack() as stack:
        history = stack.enter_context(open_history())
        app = QCoreApplication.instance() or QCoreApplication([])
        # Either may be None: Python's stand-in when hiptimer started with it closed.
        keys = sys.stdin is not None and sys.stdin.isatty()
        live = sys.stdout is not None and sys.stdout.isatty()
        status = StatusLine(out, live=live, keys=keys)
        # Kept until the stack is closed: the sound's thread may report through it till then.
        relay = ProblemRelay()
        relay.problem_found.connect(status.say)
        if history.problem:
            status.say(history.problem)
        sink: AudioSink = SilentSink()
        if not mute:
            from hiptimer.cues.player import ProcessSink

            sink = ProcessSink(relay.problem_found.emit)
        stack.callback(sink.close)
        settings = cues or CueSettings(voice=not mute)
        assembler = Assembler(clock or MonotonicClock(), sink, lambda: settings, status.say,
                              lambda: history)
        practice = assembler.assemble(routine, speed)
        session = practice.session
        if events_path is not None:
            try:
                stream = events_path.open("w", encoding="utf-8")
            except OSError as exc:
                errors.write(f"hiptimer: cannot write events to {events_path}: "
                             f"{exc.strerror or exc}\n")
                return 2
            stack.callback(_close_quietly, stream)
            log = EventLog(stream, session, status.say)
            practice.listeners.append(log.write)
            if practice.cues is not None:
                practice.cues.on_cue = log.write_cue
        try:
            _run_session(stack, app, SessionDriver(practice), status, keys, speed, signals)
        except Interrupted:
            # Stopped before it started: said and logged as any stop is (there is nothing
            # to record in the history yet).
            events = session.stop()
            practice.deliver(events)
            for event in events:
                status.on_event(event)
    return 0


def _run_session(stack: ExitStack, app: QCoreApplication, driver: SessionDriver,
                 status: StatusLine, keys: bool, speed: float, signals: StopSignals) -> None:
    """Take the terminal's keys, then run the session to its end."""
    from hiptimer.runner import KEYS_HELP, Runner, cbreak

    timeline = driver.practice.timeline
    if timeline.open_ended_count and not keys:
        status.say("This routine has self-paced phases, which end when you press n; with "
                   "no keyboard (input is not a terminal) only Ctrl+C ends them.")
    if keys:
        stack.enter_context(cbreak(sys.stdin))
    runner = Runner(app, driver, status, keys, signals)
    stack.callback(runner.close)
    status.say(f"{timeline.routine.name}: {len(timeline.phases)} phases"
               + (f" at {speed:g}x speed" if speed != 1 else "")
               + (f". Keys: {KEYS_HELP}; Ctrl+C stops." if keys else "."))
    runner.run()


def _close_quietly(stream: TextIO) -> None:
    """Close a file whose last writes may have failed: the failure was reported already."""
    with suppress(OSError, ValueError):
        stream.close()
