"""The composition root: the one place that builds clock, engine, audio and the front end.

Everything else receives what it needs through its constructor, so tests can pass fakes.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from contextlib import ExitStack, suppress
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from hiptimer.cues.dispatch import CueDispatcher
from hiptimer.cues.names import CueSettings
from hiptimer.cues.plan import CueBank
from hiptimer.cues.player import AudioSink, SilentSink
from hiptimer.cues.speech import Speaker
from hiptimer.cues.tones import load_tones
from hiptimer.locations import builtin_routines_dir, data_dir, user_routines_dir
from hiptimer.routine.library import Entry, scan
from hiptimer.routine.model import Routine
from hiptimer.routine.parse import load_routine
from hiptimer.routine.problem import RoutineError
from hiptimer.session.clock import Clock, MonotonicClock
from hiptimer.session.timeline import Timeline, compile_timeline

if TYPE_CHECKING:
    from PySide6.QtCore import QCoreApplication

    from hiptimer.driver import SessionDriver
    from hiptimer.history.recorder import SessionRecorder
    from hiptimer.history.store import HistoryStore
    from hiptimer.problem_relay import ProblemRelay
    from hiptimer.runner import Output, StatusLine, StopSignals
    from hiptimer.session.eventlog import EventLog
    from hiptimer.ui.settings import AppSettings
    from hiptimer.ui.window import MainWindow

NO_DISPLAY = ("hiptimer: no display found (neither DISPLAY nor WAYLAND_DISPLAY is set), so no "
              "window can open; run a routine in this terminal with "
              "'hiptimer run --no-gui ROUTINE'.")


def has_display() -> bool:
    if not sys.platform.startswith("linux"):
        return True
    return any(os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def open_history() -> HistoryStore:
    from hiptimer.history.store import HistoryStore

    return HistoryStore(data_dir() / "history.sqlite")


def library() -> list[Entry]:
    return scan(builtin_routines_dir(), user_routines_dir())


def main(argv: Sequence[str]) -> int:
    """``hiptimer [PATH] [--start]``: the window, with a routine selected (and started)."""
    parser = argparse.ArgumentParser(
        prog="hiptimer", description="Open the hiptimer window. Other commands: "
        "validate, plan, list, run (see 'hiptimer --help').")
    parser.add_argument("routine", nargs="?", type=Path, metavar="PATH",
                        help="a routine file to open")
    parser.add_argument("--start", action="store_true", help="start the routine at once")
    args = parser.parse_args(list(argv))
    if args.routine is not None and not args.routine.exists():
        print(f"hiptimer: no such file: {args.routine} (commands are validate, plan, list "
              "and run; see 'hiptimer --help')", file=sys.stderr)
        return 2
    if not has_display():
        print(NO_DISPLAY, file=sys.stderr)
        return 1
    return run_window(args.routine, args.start)


def build_window(sink: AudioSink | None = None) -> tuple[MainWindow, AudioSink]:
    """The app's window with everything it needs: clock, settings, sound, screensaver."""
    from PySide6.QtWidgets import QApplication

    from hiptimer.cues.player import ProcessSink
    from hiptimer.problem_relay import ProblemRelay
    from hiptimer.ui.screensaver import system_inhibitor
    from hiptimer.ui.settings import AppSettings
    from hiptimer.ui.window import MainWindow

    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName("hiptimer")
    QApplication.setDesktopFileName("hiptimer")
    settings = AppSettings()
    relay = ProblemRelay(app)
    if sink is None:
        sink = ProcessSink(relay.problem_found.emit)
    # The history opens when first needed (the library reads levels just after first paint).
    starter = SessionStarter(MonotonicClock(), sink, settings, relay.problem_found.emit,
                             open_history=open_history)
    window = MainWindow(settings, starter, library,
                        [builtin_routines_dir(), user_routines_dir()], system_inhibitor())
    relay.problem_found.connect(window.report)
    return window, sink


def run_window(path: Path | None, start: bool) -> int:
    from PySide6.QtWidgets import QApplication

    window, sink = build_window()
    window.show()
    if path is not None:
        window.open_path(path, start=start)
    try:
        return QApplication.exec()
    finally:
        sink.close()
        window.starter.close()


class SessionStarter:
    """Makes a session for a routine: engine, Qt driver and cues, with the user's settings."""

    def __init__(self, clock: Clock, sink: AudioSink, settings: AppSettings,
                 report: Callable[[str], None], history: HistoryStore | None = None,
                 open_history: Callable[[], HistoryStore] | None = None) -> None:
        self.clock = clock
        self.sink = sink
        self.settings = settings
        self.report = report
        self.history = history
        self._open_history = open_history
        self._cues: CueDispatcher | None = None
        self._recorder: SessionRecorder | None = None

    def create(self, routine: Routine) -> SessionDriver:
        from hiptimer.driver import SessionDriver
        from hiptimer.history.recorder import SessionRecorder
        from hiptimer.session.engine import Session

        history = self.history_store()
        level = history.level(routine.name)[0] if history is not None else 0
        timeline = compile_timeline(routine, level)
        session = Session(timeline, self.clock)
        driver = SessionDriver(session)
        self._cues = build_cues(timeline, self.settings.cue_settings(), self.sink, self.report)
        driver.event_happened.connect(self._cues.on_event)
        if history is not None:
            self._recorder = SessionRecorder(history, session, self.report)
            driver.event_happened.connect(self._recorder.on_event)
        return driver

    def history_store(self) -> HistoryStore | None:
        if self.history is None and self._open_history is not None:
            self.history = self._open_history()
            self._open_history = None
            if self.history.problem:
                self.report(self.history.problem)
        return self.history

    def close(self) -> None:
        """Closes the history, if it was opened; the app calls this as it ends."""
        if self.history is not None:
            self.history.close()
            self.history = None
        self._open_history = None

    def level_of(self, routine: Routine) -> tuple[int, bool]:
        history = self.history_store()
        return history.level(routine.name) if history is not None else (0, False)

    def set_level(self, routine: Routine, level: int, held: bool) -> None:
        history = self.history_store()
        if history is not None:
            history.set_level(routine.name, level, held)

    def retune(self) -> None:
        if self._cues is not None:
            self._cues.bank = self._cues.bank.retuned(self.settings.cue_settings())


def build_cues(timeline: Timeline, settings: CueSettings, sink: AudioSink,
               report: Callable[[str], None]) -> CueDispatcher:
    """The cue bank for ``timeline``, with every announcement rendered now, not when due."""
    tones, problems = load_tones(data_dir() / "sounds")
    for problem in problems:
        report(problem)
    speaker = Speaker(data_dir() / "cache" / "speech")
    bank = CueBank(tones, speaker, settings)
    if settings.voice:
        from hiptimer.cues.announcements import all_texts

        for text in sorted(all_texts(timeline)):
            if speaker.say(text) is None:
                break
        if speaker.problem:
            report(speaker.problem)
    return CueDispatcher(timeline, bank, sink)


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

    from hiptimer.driver import SessionDriver
    from hiptimer.problem_relay import ProblemRelay
    from hiptimer.runner import Interrupted, StatusLine
    from hiptimer.session.engine import Session
    from hiptimer.session.eventlog import EventLog

    try:
        routine = load_routine(path)
    except RoutineError as exc:
        errors.write(f"{exc}\n")
        return 1
    with ExitStack() as stack:
        history = stack.enter_context(open_history())
        timeline = compile_timeline(routine, history.level(routine.name)[0]).scaled(speed)
        session = Session(timeline, clock or MonotonicClock())
        app = QCoreApplication.instance() or QCoreApplication([])
        driver = SessionDriver(session)
        # Either may be None: Python's stand-in when hiptimer started with it closed.
        keys = sys.stdin is not None and sys.stdin.isatty()
        live = sys.stdout is not None and sys.stdout.isatty()
        status = StatusLine(session, out, live=live, keys=keys)
        # Kept until the stack is closed: the sound's thread may report through it till then.
        relay = ProblemRelay()
        relay.problem_found.connect(status.say)
        log: EventLog | None = None
        if events_path is not None:
            try:
                stream = events_path.open("w", encoding="utf-8")
            except OSError as exc:
                errors.write(f"hiptimer: cannot write events to {events_path}: "
                             f"{exc.strerror or exc}\n")
                return 2
            stack.callback(_close_quietly, stream)
            log = EventLog(stream, session, status.say)
        try:
            _run_session(stack, app, routine, timeline, driver, status, relay, log, history,
                         keys, mute, cues, speed, signals)
        except Interrupted:
            # Stopped before it started: said and logged as any stop is (there is nothing
            # to record in the history yet).
            for event in session.stop():
                if log is not None:
                    log.write(event)
                status.on_event(event)
    return 0


def _run_session(stack: ExitStack, app: QCoreApplication, routine: Routine, timeline: Timeline,
                 driver: SessionDriver, status: StatusLine, relay: ProblemRelay,
                 log: EventLog | None, history: HistoryStore, keys: bool, mute: bool,
                 cues: CueSettings | None, speed: float, signals: StopSignals) -> None:
    """Connect sound, history and the events file to the driver, then run the session."""
    from hiptimer.history.recorder import SessionRecorder
    from hiptimer.runner import KEYS_HELP, Runner, cbreak

    if timeline.open_ended_count and not keys:
        status.say("This routine has self-paced phases, which end when you press n; with "
                   "no keyboard (input is not a terminal) only Ctrl+C ends them.")
    sink: AudioSink = SilentSink()
    if not mute:
        from hiptimer.cues.player import ProcessSink

        sink = ProcessSink(relay.problem_found.emit)
    stack.callback(sink.close)
    dispatcher = build_cues(timeline, cues or CueSettings(voice=not mute), sink, status.say)
    # Sound first: a cue is on its way before anything else is done for its event.
    driver.event_happened.connect(dispatcher.on_event)
    if history.problem:
        status.say(history.problem)
    recorder = SessionRecorder(history, driver.session, status.say)
    driver.event_happened.connect(recorder.on_event)
    if log is not None:
        dispatcher.on_cue = log.write_cue
        driver.event_happened.connect(log.write)
    if keys:
        stack.enter_context(cbreak(sys.stdin))
    runner = Runner(app, driver, status, keys, signals)
    stack.callback(runner.close)
    status.say(f"{routine.name}: {len(timeline.phases)} phases"
               + (f" at {speed:g}x speed" if speed != 1 else "")
               + (f". Keys: {KEYS_HELP}; Ctrl+C stops." if keys else "."))
    runner.run()


def _close_quietly(stream: TextIO) -> None:
    """Close a file whose last writes may have failed: the failure was reported already."""
    with suppress(OSError, ValueError):
        stream.close()
