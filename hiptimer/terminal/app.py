"""The terminal's composition root: one routine run to its end in this terminal, on the same
Qt driver as the window, with the user's saved preferences and the command line's flags over
them."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from contextlib import ExitStack, suppress
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from hiptimer.base.local_format import number_text
from hiptimer.base.locations import data_dir
from hiptimer.base.preferences import Settings
from hiptimer.base.translation import N_, _, ngettext
from hiptimer.history.store import open_history
from hiptimer.routine.model import TextField
from hiptimer.session.clock import Clock, MonotonicClock

if TYPE_CHECKING:
    from PySide6.QtCore import QCoreApplication

    from hiptimer.cues.names import CueGroup
    from hiptimer.cues.player import AudioSink
    from hiptimer.qtloop.driver import SessionDriver
    from hiptimer.qtloop.stop_signals import StopSignals
    from hiptimer.terminal.output import Output, StatusLine

WINDOW_RUNNING = N_("hiptimer: the hiptimer window (process {pid}) is running on the same "
                    "data folder ({folder}), and two sessions cannot be recorded into one "
                    "history at once. Start the routine in that window ('hiptimer run ROUTINE' "
                    "without --no-gui hands it over), or close the window first.")


@dataclass(frozen=True)
class SoundFlags:
    """What the command line says of sound for one run, each over its saved preference
    (``None`` or ``False``: as saved). Only that run hears them: they are never saved."""

    volume: int | None = None
    """``--volume``: also unmutes, as the window's volume keys do."""
    mute: bool = False
    no_voice: bool = False
    cues_off: frozenset[CueGroup] | None = None
    """``--cues-off``: the kinds switched off instead of the saved ones."""

    def over(self, saved: Settings) -> Settings:
        """A copy of ``saved`` with the flags applied."""
        settings = replace(saved, path=None)
        if self.volume is not None:
            settings.volume, settings.muted = self.volume, False
        if self.mute:
            settings.muted = True
        if self.no_voice:
            settings.voice = False
        if self.cues_off is not None:
            settings.cues_off = frozenset(group.value for group in self.cues_off)
        return settings


def run_headless(path: Path, speed: float = 1.0, events_path: Path | None = None,
                 flags: SoundFlags | None = None, clock: Clock | None = None,
                 sleep: Callable[[float], None] = time.sleep) -> int:
    """Load the routine, run it to the end in this terminal and return the exit status.

    The sound, the cues and the weekly target are the user's saved preferences (the
    window's settings), with ``flags`` over them.

    A stop signal at any moment ends it cleanly: the terminal restored, the session (once
    started) recorded as stopped, ``stopped`` last in the events file, and exit status 128
    plus the signal's number. Output that cannot be written any more goes quiet; the
    session goes on. An end the history cannot take is tried again for a few seconds by
    ``clock``, ``sleep`` waiting between tries.
    """
    from hiptimer.desktop.instance import running_window
    from hiptimer.qtloop.stop_signals import Interrupted, StopSignals, exit_status
    from hiptimer.terminal.output import Output

    window = running_window(data_dir())
    if window is not None:
        print(_(WINDOW_RUNNING).format(pid=window, folder=data_dir()), file=sys.stderr)
        return 1
    out = Output(sys.stdout, detach=True)
    errors = Output(sys.stderr, detach=True)
    code = 0
    with StopSignals() as signals, suppress(Interrupted):  # before there was a session
        code = _headless_session(path, speed, events_path, flags or SoundFlags(), clock,
                                 signals, out, errors, sleep)
    return code if signals.received is None else exit_status(signals.received)


def _headless_session(path: Path, speed: float, events_path: Path | None, flags: SoundFlags,
                      clock: Clock | None, signals: StopSignals, out: Output,
                      errors: Output, sleep: Callable[[float], None]) -> int:
    """Build the session and run it; a signal while it is being set up leaves it stopped."""
    from PySide6.QtCore import QCoreApplication

    from hiptimer.base.preferences import read_settings
    from hiptimer.base.problem import RoutineError
    from hiptimer.cues.player import SilentSink
    from hiptimer.practice import Assembler, cue_settings, rate_in
    from hiptimer.qtloop.driver import SessionDriver
    from hiptimer.qtloop.problem_relay import ProblemRelay
    from hiptimer.qtloop.stop_signals import Interrupted
    from hiptimer.routine.parse import load_routine
    from hiptimer.session.eventlog import EventLog
    from hiptimer.terminal.output import StatusLine

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
        saved, problem = read_settings()
        if problem:
            status.say(problem)
        settings = flags.over(saved)
        cues = cue_settings(settings)
        sink: AudioSink = SilentSink()
        if settings.muted:
            cues = replace(cues, voice=False)  # nothing is heard: no speech is made for it
        else:
            from hiptimer.cues.player import ProcessSink

            sink = ProcessSink(relay.problem_found.emit)
        stack.callback(sink.close)
        assembler = Assembler(clock or MonotonicClock(), sink, lambda: cues, status.say,
                              lambda: history, weekly_target=lambda: settings.weekly_target,
                              rate=rate_in(lambda: history))
        practice = assembler.assemble(routine, speed)
        session = practice.session
        if events_path is not None:
            try:
                from hiptimer.base.privacy import create_private  # the session, as it went

                stream = open(create_private(events_path), "w", encoding="utf-8")  # noqa: SIM115
            except OSError as exc:
                errors.write(_("hiptimer: cannot write events to {path}: {problem}").format(
                    path=events_path, problem=exc.strerror or exc) + "\n")
                return 2
            stack.callback(_close_quietly, stream)
            log = EventLog(stream, session, status.say)
            practice.listeners.append(log.write)
            if practice.cues is not None:
                practice.cues.on_cue = log.write_cue
        try:
            # Asked only of a person at the terminal: not of a script writing the events.
            _run_session(stack, app, SessionDriver(practice), status, keys, speed, signals,
                         sleep, ask=keys and events_path is None)
        except Interrupted:
            # Stopped before it started: said and logged as any stop is (there is nothing
            # to record in the history yet).
            events = session.stop()
            practice.deliver(events)
            for event in events:
                status.on_event(event)
    return 0


def _run_session(stack: ExitStack, app: QCoreApplication, driver: SessionDriver,
                 status: StatusLine, keys: bool, speed: float, signals: StopSignals,
                 sleep: Callable[[float], None], ask: bool = False) -> None:
    """Take the terminal's keys, then run the session to its end, and its end into the
    history (tried again for a few seconds when the history cannot take it); then, if
    ``ask``, the check-in after a completed session."""
    from hiptimer.terminal.keys import cbreak, keys_help
    from hiptimer.terminal.runner import Runner

    timeline = driver.practice.timeline
    if timeline.open_ended_count and not keys:
        status.say(_("This routine has self-paced phases, which end when you press n; with "
                     "no keyboard (input is not a terminal) only Ctrl+C ends them."))
    if keys:
        stack.enter_context(cbreak(sys.stdin))
    runner = Runner(app, driver, status, keys, signals)
    stack.callback(runner.close)
    status.say(opening_line(timeline.routine.text(TextField.NAME), len(timeline.phases),
                            speed, keys_help() if keys else None))
    runner.run()
    runner.settle(sleep)
    if ask:
        runner.check_in(sys.stdin.fileno())


def opening_line(routine: str, phases: int, speed: float, keys: str | None) -> str:
    """What the terminal says as a session starts: the routine, its phases, the speed when
    it is not the real one, and ``keys`` (the keys' help) when there are keys."""
    # Translators: the English says "phases" for one phase too; give each form its own word.
    if speed == 1:
        line = ngettext("{routine}: {count} phases.", "{routine}: {count} phases.", phases)
    else:
        line = ngettext("{routine}: {count} phases at {speed}x speed.",
                        "{routine}: {count} phases at {speed}x speed.", phases)
    line = line.format(routine=routine, count=phases, speed=number_text(speed))
    if keys is None:
        return line
    return line + " " + _("Keys: {keys}; Ctrl+C stops.").format(keys=keys)


def _close_quietly(stream: TextIO) -> None:
    """Close a file whose last writes may have failed: the failure was reported already."""
    with suppress(OSError, ValueError):
        stream.close()
