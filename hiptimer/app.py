"""The composition root: the one place that builds clock, engine, audio and the front end.

Everything else receives what it needs through its constructor, so tests can pass fakes.
Until the window exists, starting the app shows the routine library.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from pathlib import Path

from hiptimer.cues.dispatch import CueDispatcher
from hiptimer.cues.names import CueSettings
from hiptimer.cues.plan import CueBank
from hiptimer.cues.player import AudioSink, SilentSink
from hiptimer.cues.speech import Speaker
from hiptimer.cues.tones import load_tones
from hiptimer.locations import builtin_routines_dir, data_dir, user_routines_dir
from hiptimer.report import library_table
from hiptimer.routine.library import scan
from hiptimer.routine.parse import load_routine
from hiptimer.routine.problem import RoutineError
from hiptimer.session.clock import Clock, MonotonicClock
from hiptimer.session.timeline import Timeline, compile_timeline

NO_DISPLAY = ("hiptimer: no display found (neither DISPLAY nor WAYLAND_DISPLAY is set), so no "
              "window can open; run a routine in this terminal with "
              "'hiptimer run --no-gui ROUTINE'.")


def has_display() -> bool:
    if not sys.platform.startswith("linux"):
        return True
    return any(os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def main(argv: Sequence[str]) -> int:
    if argv:
        print(f"hiptimer: unknown command {argv[0]!r}; see 'hiptimer --help'", file=sys.stderr)
        return 2
    if not has_display():
        print(NO_DISPLAY, file=sys.stderr)
    print(library_table(scan(builtin_routines_dir(), user_routines_dir())))
    return 0


def build_cues(timeline: Timeline, settings: CueSettings, sink: AudioSink,
               report: Callable[[str], None]) -> CueDispatcher:
    """The cue bank for ``timeline``, with every announcement rendered now, not when due."""
    tones, problems = load_tones(data_dir() / "sounds")
    for problem in problems:
        report(problem)
    speaker = Speaker(data_dir() / "cache" / "speech") if settings.voice else None
    bank = CueBank(tones, speaker, settings)
    if speaker is not None:
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
    """Load the routine, run it to the end in this terminal and return the exit status."""
    from PySide6.QtCore import QCoreApplication

    from hiptimer.driver import SessionDriver
    from hiptimer.problems import ProblemRelay
    from hiptimer.runner import KEYS_HELP, Runner, StatusLine, cbreak
    from hiptimer.session.engine import Session
    from hiptimer.session.eventlog import EventLog

    try:
        routine = load_routine(path)
    except RoutineError as exc:
        print(exc, file=sys.stderr)
        return 1
    timeline = compile_timeline(routine).scaled(speed)
    session = Session(timeline, clock or MonotonicClock())
    app = QCoreApplication.instance() or QCoreApplication([])
    driver = SessionDriver(session)
    status = StatusLine(session, sys.stdout, live=sys.stdout.isatty())
    relay = ProblemRelay()
    relay.problem_found.connect(status.say)
    keys = sys.stdin.isatty()
    with ExitStack() as stack:
        log: EventLog | None = None
        if events_path is not None:
            try:
                stream = stack.enter_context(events_path.open("w", encoding="utf-8"))
            except OSError as exc:
                print(f"hiptimer: cannot write events to {events_path}: "
                      f"{exc.strerror or exc}", file=sys.stderr)
                return 2
            log = EventLog(stream, session, status.say)
        sink: AudioSink = SilentSink()
        if not mute:
            from hiptimer.cues.player import SimpleaudioSink

            sink = SimpleaudioSink(relay.problem_found.emit)
        stack.callback(sink.close)
        dispatcher = build_cues(timeline, cues or CueSettings(voice=not mute), sink, status.say)
        # Sound first: a cue is on its way before anything else is done for its event.
        driver.event_happened.connect(dispatcher.on_event)
        if log is not None:
            dispatcher.on_cue = log.write_cue
            driver.event_happened.connect(log.write)
        if keys:
            stack.enter_context(cbreak(sys.stdin))
        runner = Runner(app, driver, status, keys)
        stack.callback(runner.close)
        status.say(f"{routine.name}: {len(timeline.phases)} phases"
                   + (f" at {speed:g}x speed" if speed != 1 else "")
                   + (f". Keys: {KEYS_HELP}; Ctrl+C stops." if keys else "."))
        return runner.run()
