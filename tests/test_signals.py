"""Whatever ends a terminal session (a key, a kill, a closed window), it ends cleanly.

Real sessions in a pseudo-terminal: the terminal is given back as it was, the history and
the events file say the session stopped, and the exit status follows the shell's 128 +
signal convention.
"""

from __future__ import annotations

import json
import os
import pty
import signal
import subprocess
import sys
import termios
from collections.abc import Callable
from pathlib import Path

import pytest

from hiptimer.qtloop.stop_signals import Interrupted, Stage, StopSignals

from .support.commands import events, hiptimer, read_until
from .support.routine_texts import OPEN

Write = Callable[..., Path]
STOP_SIGNALS = [signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT]
TINY = "name: Tiny\ndefaults: {prepare: 0}\nexercises:\n  - {name: Frog, hold: 0.5s}\n"


def recorded_statuses() -> list[str]:
    proc = hiptimer("history", "--json")
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    return [s["status"] for s in json.loads(out)["sessions"]]


def echoes(fd: int) -> bool:
    return bool(termios.tcgetattr(fd)[3] & termios.ECHO)


@pytest.mark.parametrize("sent", STOP_SIGNALS, ids=lambda s: s.name)
def test_a_stop_signal_gives_the_terminal_back_and_records_a_stop(
        write: Write, tmp_path: Path, sent: signal.Signals) -> None:
    log = tmp_path / "events.jsonl"
    controller, terminal = pty.openpty()
    assert echoes(terminal)
    proc = hiptimer("run", "--no-gui", str(write(OPEN)), "--events", str(log), "--mute",
                    stdin=terminal)
    assert proc.stdout is not None
    try:
        read_until(proc.stdout, "REPS  Lift")
        assert not echoes(terminal)  # single keypresses, not echoed, while it runs
        proc.send_signal(sent)
        out, err = proc.communicate(timeout=30)
        assert echoes(terminal)
        assert termios.tcgetattr(terminal)[3] & termios.ICANON
    finally:
        os.close(controller)
        os.close(terminal)
        if proc.poll() is None:  # a run that did not stop is not left behind
            proc.kill()
            proc.communicate()
    assert proc.returncode == 128 + sent
    assert out.rstrip().endswith("Stopped.") and err == ""
    assert events(log)[-1]["event"] == "stopped"
    assert recorded_statuses() == ["stopped"]


def test_closing_the_terminal_window_stops_the_session(write: Write, tmp_path: Path) -> None:
    """The terminal is the session's controlling one, so its hang-up sends SIGHUP."""
    log = tmp_path / "events.jsonl"
    controller, terminal = pty.openpty()
    own_terminal = ("import fcntl, os, runpy, sys, termios; os.setsid(); "
                    "fcntl.ioctl(0, termios.TIOCSCTTY, 0); sys.argv[0] = 'hiptimer'; "
                    "runpy.run_module('hiptimer', run_name='__main__')")
    proc = subprocess.Popen(
        [sys.executable, "-c", own_terminal, "run", "--no-gui", str(write(OPEN)),
         "--events", str(log), "--mute"],
        stdin=terminal, stdout=terminal, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"})
    os.close(terminal)
    try:
        seen = b""
        while b"REPS  Lift" not in seen:
            seen += os.read(controller, 1024)
    finally:
        os.close(controller)  # the window closes
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 128 + signal.SIGHUP and err == ""
    assert events(log)[-1]["event"] == "stopped"
    assert recorded_statuses() == ["stopped"]


def test_a_terminal_that_goes_away_leaves_the_session_running(write: Write) -> None:
    """Output then fails (EIO) but, with no hang-up signal, the session runs to its end."""
    controller, terminal = pty.openpty()
    proc = hiptimer("run", "--no-gui", str(write(TINY)), stdin=terminal, stdout=terminal)
    os.close(terminal)
    try:
        seen = b""
        while b"Tiny: 1 phases" not in seen:
            seen += os.read(controller, 1024)
    finally:
        os.close(controller)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 0 and err == ""
    assert recorded_statuses() == ["completed"]


def test_a_signal_while_setting_up_abandons_it() -> None:
    with StopSignals() as signals, pytest.raises(Interrupted):
        signal.raise_signal(signal.SIGTERM)
    assert signals.received == signal.SIGTERM


def test_signals_during_a_session_are_noted_for_the_loop_to_act_on() -> None:
    with StopSignals() as signals:
        signals.stage = Stage.RUNNING
        signal.raise_signal(signal.SIGHUP)
        signal.raise_signal(signal.SIGTERM)
        assert signals.wake_read.recv(64)  # the Qt loop is woken
    assert signals.received == signal.SIGHUP  # the first one decides the exit status
    assert signal.getsignal(signal.SIGHUP) is signal.SIG_DFL  # as it was before


def test_a_signal_ignored_from_the_start_stays_ignored() -> None:
    """As under nohup: a hang-up then must not stop the session."""
    previous = signal.signal(signal.SIGHUP, signal.SIG_IGN)
    try:
        with StopSignals() as signals:
            signal.raise_signal(signal.SIGHUP)
        assert signals.received is None
        assert signal.getsignal(signal.SIGHUP) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGHUP, previous)


def test_the_signal_tests_pass_when_the_suite_starts_with_stop_signals_ignored() -> None:
    """`make test &` from a shell without job control: Ctrl+C and Ctrl+\\ arrive ignored,
    and the tests that send them must still see a session stop."""
    test = f"{Path(__file__).name}::test_a_stop_signal_gives_the_terminal_back_and_records_a_stop"
    result = subprocess.run(
        ["sh", "-c", 'trap "" INT QUIT; exec "$0" -m pytest -q -p no:cacheprovider "$1"',
         sys.executable, test], cwd=Path(__file__).parent, capture_output=True, text=True,
        timeout=600)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]


def test_a_resize_is_noted_for_the_loop_and_stops_nothing() -> None:
    before = signal.getsignal(signal.SIGWINCH)
    with StopSignals() as signals:
        signal.raise_signal(signal.SIGWINCH)  # while setting up: nothing is abandoned
        assert signals.wake_read.recv(64)  # the Qt loop is woken
        signals.stage = Stage.RUNNING
        for _ in range(200):  # a window dragged to a new size
            signal.raise_signal(signal.SIGWINCH)
        signals.drain()
        with pytest.raises(BlockingIOError):  # emptied: the loop is not woken again
            signals.wake_read.recv(64)
        assert signals.take_resize() and not signals.take_resize()  # redrawn once for all
        assert signals.received is None
    assert signal.getsignal(signal.SIGWINCH) == before
