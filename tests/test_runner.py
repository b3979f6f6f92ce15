"""The headless runner as a person uses it from a terminal (sped up, never slept on)."""

from __future__ import annotations

import errno
import io
import json
import os
import pty
import re
import signal
import subprocess
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from hiptimer.routine import load_routine
from hiptimer.session import compile_timeline
from hiptimer.session.clock import FakeClock
from hiptimer.session.engine import Session
from hiptimer.session.status import status_of
from hiptimer.terminal.cells import text_cells
from hiptimer.terminal.output import Output, StatusLine

from .support.commands import events, hiptimer, read_until
from .support.routine_texts import OPEN

Write = Callable[..., Path]
SHORT = ("name: Short\nexercises:\n  - {name: Frog, hold: 2s, sets: 2, sides: both}\n"
         "  - {name: Lift, reps: 2, tempo: 1-1-1}\n")


def test_a_whole_session_runs_to_the_end_on_schedule(write: Write, tmp_path: Path) -> None:
    routine = write(SHORT)
    log = tmp_path / "events.jsonl"
    proc = hiptimer("run", "--no-gui", str(routine), "--speed", "40", "--events", str(log),
                    "--mute", stdin=subprocess.DEVNULL)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    lines = out.splitlines()
    assert lines[0] == "Short: 10 phases at 40x speed."
    assert lines[1].startswith("GET READY  Frog  left  set 1/2  ")
    # The summary comes just before the last words; SHORT has no ranges, so no level line.
    # A preview: nothing recorded, so no week to count.
    assert lines[-4:] == ["Finished: all 3 sets done", "Work 0:00 · Session 0:01",
                          "A preview: not recorded", "Finished. Well done."]
    history = hiptimer("history", "--json")
    out, _ = history.communicate(timeout=30)
    assert json.loads(out)["sessions"] == []
    recorded = events(log)
    starts = [e for e in recorded if e["event"] == "phase_start"]
    plan = compile_timeline(load_routine(routine)).scaled(40)
    assert [s["scheduled"] for s in starts] == [round(p.offset, 6) for p in plan.phases]
    assert [(s["kind"], s["exercise"], s["side"], s["set"]) for s in starts] == [
        (p.kind.value, p.exercise, p.side, p.set) for p in plan.phases]
    assert all(s["t"] >= s["scheduled"] for s in starts)
    assert recorded[-1]["event"] == "finished"
    assert {"rep", "tempo", "phase_end"} <= {e["event"] for e in recorded}
    assert recorded[0]["event"] == "start" and recorded[0]["wall"] > 0
    cues = [e for e in recorded if e["event"] == "cue"]
    assert cues and all(set(c) == {"event", "t", "scheduled", "name"} for c in cues)
    assert all(c["t"] >= c["scheduled"] for c in cues)
    assert cues[-1]["name"] == "finished"  # at 40x, phases too short for a tone go without


def test_cue_options(write: Write, tmp_path: Path) -> None:
    log = tmp_path / "events.jsonl"
    proc = hiptimer("run", "--no-gui", str(write(SHORT)), "--speed", "40", "--events",
                    str(log), "--cues-off", "countdown,TEMPO", "--volume", "30", "--no-voice",
                    stdin=subprocess.DEVNULL)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    names = {e["name"] for e in events(log) if e["event"] == "cue"}
    assert names and not names & {"pip", "pip_last", "tempo_up", "tempo_hold", "tempo_down"}
    proc = hiptimer("run", "--no-gui", str(write(SHORT)), "--cues-off", "beeps")
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 2 and "unknown cue kind 'beeps'" in err


def test_ctrl_c_stops_cleanly_with_status_130(write: Write, tmp_path: Path) -> None:
    log = tmp_path / "events.jsonl"
    proc = hiptimer("run", "--no-gui", str(write(OPEN)), "--events", str(log),
                    stdin=subprocess.DEVNULL)
    assert proc.stdout is not None
    try:
        read_until(proc.stdout, "REPS  Lift")
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:  # a run that did not stop is not left behind
            proc.kill()
            proc.communicate()
    assert proc.returncode == 130
    assert out.rstrip().endswith("Stopped.") and "Traceback" not in err
    assert " · Session " not in out  # only a finished session is summed up
    assert events(log)[-1]["event"] == "stopped"


def test_keys_pause_skip_and_quit_when_input_is_a_terminal(write: Write) -> None:
    controller, terminal = pty.openpty()
    routine = write("name: Keys\ndefaults: {prepare: 0, rest: 0}\nexercises:\n"
                    "  - {name: One, reps: 5, tempo: self}\n"
                    "  - {name: Two, reps: 5, tempo: self}\n"
                    "  - {name: Three, hold: 10min}\n")
    proc = hiptimer("run", "--no-gui", str(routine), stdin=terminal)
    os.close(terminal)
    assert proc.stdout is not None
    try:
        assert "Keys: space pause/resume" in read_until(proc.stdout, "REPS  One")[0]
        os.write(controller, b"n")
        read_until(proc.stdout, "REPS  Two")
        os.write(controller, b" ")  # in a self-paced phase, space says "done"
        read_until(proc.stdout, "HOLD  Three")
        os.write(controller, b" ")
        read_until(proc.stdout, "PAUSED  HOLD  Three")
        os.write(controller, b" ")
        assert "PAUSED" not in read_until(proc.stdout, "HOLD  Three")[-1]
        os.write(controller, b"q")
        out, _ = proc.communicate(timeout=30)
    finally:
        os.close(controller)
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0 and out.rstrip().endswith("Stopped.")


def test_output_closed_early_ends_quietly_and_the_session_goes_on(
        write: Write, tmp_path: Path) -> None:
    """As with 'hiptimer run --no-gui ROUTINE | head -1' (output buffered, as it is then)."""
    routine = write("name: Piped\ndefaults: {prepare: 0}\nexercises:\n"
                    "  - {name: Frog, hold: 0.5s, sets: 2, rest: 0.5s}\n")
    log = tmp_path / "events.jsonl"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    proc = hiptimer("run", "--no-gui", str(routine), "--events", str(log),
                    stdin=subprocess.DEVNULL, env=env)
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()  # what 'head -1' does once it has its line
    err = proc.stderr.read()
    proc.stderr.close()
    assert proc.wait(timeout=60) == 0
    assert first == "Piped: 3 phases.\n" and err == ""
    assert events(log)[-1]["event"] == "finished"
    history = hiptimer("history", "--json")
    out, _ = history.communicate(timeout=30)
    assert [s["status"] for s in json.loads(out)["sessions"]] == ["completed"]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs a device that is always full")
def test_a_full_disk_for_the_events_file_is_reported_once(write: Write) -> None:
    proc = hiptimer("run", "--no-gui", str(write(SHORT)), "--speed", "40", "--events",
                    "/dev/full", stdin=subprocess.DEVNULL)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0 and err == ""
    assert out.count("cannot write the events file any more") == 1
    assert out.rstrip().endswith("Finished. Well done.")


class FailingStream(io.StringIO):
    """Output that fails as a closed pipe, a vanished terminal or a closed file does."""

    def __init__(self, error: Exception) -> None:
        super().__init__()
        self.error = error
        self.writes = 0

    def write(self, text: str) -> int:
        self.writes += 1
        raise self.error


@pytest.mark.parametrize("error", [BrokenPipeError(errno.EPIPE, "Broken pipe"),
                                   OSError(errno.EIO, "Input/output error"),
                                   ValueError("I/O operation on closed file")])
def test_a_status_line_whose_output_fails_goes_quiet(write: Write, error: Exception) -> None:
    session = Session(compile_timeline(load_routine(write(SHORT))), FakeClock())
    stream = FailingStream(error)
    status = StatusLine(Output(stream), live=True)
    session.start()
    status.show_status(status_of(session))
    status.say("a problem to report")
    for event in session.stop():
        status.on_event(event)
    assert stream.writes == 1  # tried once, then never again


def test_a_broken_routine_is_reported_not_run(write: Write) -> None:
    proc = hiptimer("run", "--no-gui", str(write("name: x\nexercises: [{name: a}]\n")))
    out, err = proc.communicate(timeout=30)
    assert proc.returncode == 1 and out == ""
    assert ":3:" not in err and "error: 'a' needs either 'hold'" in err


def test_an_unwritable_events_file(write: Write, tmp_path: Path) -> None:
    proc = hiptimer("run", "--no-gui", str(write(SHORT)), "--events",
                    str(tmp_path / "missing" / "e.jsonl"))
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 2 and "cannot write events to" in err


def test_speed_must_be_positive(write: Write) -> None:
    proc = hiptimer("run", "--no-gui", str(write(SHORT)), "--speed", "0")
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 2 and "speed must be above 0" in err


def test_the_live_line_is_not_shown_again_after_the_end(write: Write) -> None:
    session = Session(compile_timeline(load_routine(write(SHORT))), FakeClock())
    stream = io.StringIO()
    status = StatusLine(Output(stream), live=True)
    session.start()
    status.show_status(status_of(session))
    events = session.stop()
    status.show_status(status_of(session))  # the driver sends the status before the events
    for event in events:
        status.on_event(event)
    assert stream.getvalue().endswith("Stopped.\n")


COUNTED = "name: Counted\ndefaults: {prepare: 2s}\nexercises:\n  - {name: Frog, hold: 1s}\n"
"""Three seconds: get ready, the last countdown pip, work, finished."""


def cue_names(log: Path) -> list[str]:
    return [e["name"] for e in events(log) if e["event"] == "cue"]


@pytest.mark.slow
def test_the_window_settings_choose_the_cues_and_the_week_and_a_flag_overrides_once(
        write: Write, tmp_path: Path, data_dir: Path) -> None:
    from hiptimer.base.preferences import read_settings

    settings, _ = read_settings()  # the window's own object, changed as its dialog does
    settings.cues_off = frozenset({"countdown"})
    settings.weekly_target = 5
    assert settings.save() is None
    saved = (data_dir / "settings.ini").read_bytes()
    routine, log = write(COUNTED), tmp_path / "events.jsonl"

    proc = hiptimer("run", "--no-gui", str(routine), "--events", str(log),
                    stdin=subprocess.DEVNULL)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert cue_names(log) == ["get_ready", "work", "finished"]
    # The window's target; a second of work is too little to count towards it.
    assert "This week: 0 of 5 sessions" in out.splitlines()

    proc = hiptimer("run", "--no-gui", str(routine), "--events", str(log), "--cues-off",
                    "finished", stdin=subprocess.DEVNULL)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert cue_names(log) == ["get_ready", "pip_last", "work"]
    assert "This week: 0 of 5 sessions" in out.splitlines()
    assert (data_dir / "settings.ini").read_bytes() == saved  # a flag is never saved


@pytest.mark.slow
def test_the_terminal_sounds_at_the_window_volume_and_voice_and_a_flag_overrides_once(
        write: Write, tmp_path: Path, data_dir: Path) -> None:
    import sys

    from hiptimer.base.preferences import read_settings
    from hiptimer.cues.sound import RATE

    from .support.alsa_capture import Stream, capture_home, streams

    routine = write(COUNTED)

    def heard(name: str, *flags: str) -> tuple[list[str], list[Stream]]:
        """What a run plays, captured stream by stream (a run of its own, never muted)."""
        folder = tmp_path / name
        log = folder / "events.jsonl"
        env = {**os.environ, "HOME": str(capture_home(folder))}
        proc = subprocess.run([sys.executable, "-m", "hiptimer", "run", "--no-gui",
                               str(routine), "--events", str(log), *flags], env=env,
                              timeout=120, stdin=subprocess.DEVNULL, capture_output=True,
                              text=True)
        assert proc.returncode == 0, proc.stderr
        return cue_names(log), streams(folder)

    def peak(played: list[Stream]) -> int:
        return max(abs(sample) for stream in played for sample in stream.samples)

    settings, _ = read_settings()
    settings.volume, settings.voice = 30, False
    assert settings.save() is None
    quiet_cues, quiet = heard("saved")
    loud_cues, loud = heard("flag", "--volume", "100")
    assert len(quiet) == len(quiet_cues) and len(loud) == len(loud_cues) == 4
    assert peak(quiet) / peak(loud) == pytest.approx(0.3, abs=0.02)
    for names, played in ((quiet_cues, quiet), (loud_cues, loud)):
        get_ready = played[names.index("get_ready")]
        assert len(get_ready.samples) < 0.5 * RATE  # its tone alone: no words after it
    assert read_settings()[0].volume == 30

    settings.muted = True
    assert settings.save() is None
    muted_cues, muted = heard("muted")
    assert muted_cues == loud_cues and muted == []  # decided and logged, not one heard


@pytest.fixture
def narrow_ambiguous(monkeypatch: pytest.MonkeyPatch) -> None:
    """Letters such as "é" and "·" in one cell, as terminals draw them outside East Asian
    locales, whatever the locale the tests run in."""
    monkeypatch.setattr("hiptimer.terminal.cells.AMBIGUOUS", 1)


WIDE = ("name: Wide\ndefaults: {prepare: 10s}\nexercises:\n"
        "  - name: 股関節のストレッチ · déjà vu\n    hold: 10min\n    sets: 2\n"
        "    sides: [left ankle crossed, right ankle crossed]\n")
"""A long hold on two sides, named in wide and accented letters."""
HEADER = ("Wide: 8 phases. Keys: space pause/resume (self-paced: done), n next, p previous, "
          "q stop; Ctrl+C stops.")


@pytest.mark.parametrize("reflow", [True, False], ids=["rewrapping", "cutting"])
@pytest.mark.usefixtures("narrow_ambiguous")
def test_after_a_resize_the_next_line_fits_and_leaves_no_stale_row(
        write: Write, reflow: bool) -> None:
    from .support.terminal_screen import Screen, ScreenStream

    clock = FakeClock()
    session = Session(compile_timeline(load_routine(write(WIDE))), clock)
    screen = Screen(80, reflow)
    stream = ScreenStream(screen)
    status = StatusLine(Output(stream), live=True, columns=lambda: screen.columns)
    status.say(HEADER)
    session.start()
    status.show_status(status_of(session))
    assert screen.rows()[-1] == ("GET READY  股関節のストレッチ · déjà vu  left ankle crossed  "
                                 "set 1/2  0:10")
    for columns in (50, 30, 120, 12, 80, 5, 1, 64):
        clock.jump(session, clock.now() + 1)  # a second later, the terminal is resized
        screen.resize(columns)
        status.show_status(status_of(session))
        assert stream.writes[-1].startswith("\r\x1b[2K")  # cleared first
        *above, line = screen.rows()
        assert text_cells(line) <= columns - 1
        assert all(row in HEADER for row in above)  # nothing left of an earlier line
        remaining = status_of(session).remaining
        assert remaining is not None and (columns < 5) != (f"0:{remaining:02}" in line)
    assert screen.rows()[-1] == "GET READY  股関節のストレッチ · déjà…  left ankle crossed  0:02"
    status.say("A problem to report.")
    assert screen.rows()[-2:] == ["A problem to report.", screen.rows()[-1]]


def test_text_that_would_act_on_the_terminal_is_shown_escaped(write: Write) -> None:
    """A routine cannot hold it (its file is refused); a message might, from elsewhere."""
    from .support.terminal_screen import Screen, ScreenStream

    session = Session(compile_timeline(load_routine(write(SHORT))), FakeClock())
    screen = Screen(80)
    status = StatusLine(Output(ScreenStream(screen)), live=True, columns=lambda: 80)
    session.start()
    status.show_status(replace(status_of(session), exercise="Frog\x1b[2J\x07"))
    assert screen.rows() == ["GET READY  Frog\\x1b[2J\\x07  left  set 1/2  0:10  "
                             "Next: Hold 2s, left side"]
    status.say("cannot read /tmp/\x1b]0;owned\x07/settings.ini\nsecond line")
    assert screen.rows() == ["cannot read /tmp/\\x1b]0;owned\\x07/settings.ini", "second line",
                             "GET READY  Frog\\x1b[2J\\x07  left  set 1/2  0:10  "
                             "Next: Hold 2s, left side"]


@pytest.mark.usefixtures("narrow_ambiguous")
def test_a_resize_while_paused_redraws_the_line_at_once(qapp: Any, write: Write) -> None:
    """Nothing ticks while paused: the terminal's resize signal has the line redrawn."""
    from hiptimer.practice import Practice
    from hiptimer.qtloop.driver import SessionDriver
    from hiptimer.qtloop.stop_signals import Stage, StopSignals
    from hiptimer.terminal.runner import Runner

    from .support.terminal_screen import Screen, ScreenStream

    clock = FakeClock()
    driver = SessionDriver(Practice(Session(compile_timeline(load_routine(write(WIDE))), clock)))
    screen = Screen(80)
    status = StatusLine(Output(ScreenStream(screen)), live=True, columns=lambda: screen.columns)
    with StopSignals() as signals:
        signals.stage = Stage.RUNNING
        runner = Runner(qapp, driver, status, False, signals)
        try:
            driver.start()
            driver.toggle()
            paused = "PAUSED  GET READY  股関節のストレッチ · déjà vu  left ankle crossed  0:10"
            assert screen.rows() == [paused]
            screen.resize(30)
            rewrapped = screen.rows()
            signal.raise_signal(signal.SIGWINCH)
            for _ in range(100):  # the wake-up socket is ready: no waiting needed
                qapp.processEvents()
                if screen.rows() != rewrapped:
                    break
            assert screen.rows() == ["PAUSED  GET READY  lef…  0:10"]
            assert driver.session.is_live() and signals.received is None
        finally:
            runner.close()
            driver.stop()


def redrawn(text: str, since: int) -> bool:
    """Whether the live line was drawn whole again after the first ``since`` characters."""
    return "\r\x1b[2K" in text[since:] and text.endswith("\r")


def test_a_terminal_resized_three_times_shows_one_line_that_fits(write: Write) -> None:
    """A real run in a pseudo-terminal, paused so that only the resizes redraw the line."""
    from .support.terminal_screen import PseudoTerminal, Screen, size_terminal

    controller, terminal = pty.openpty()
    size_terminal(terminal, 80)
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "LC_ALL": "C.UTF-8"}  # "é" in one cell
    proc = hiptimer("run", "--no-gui", str(write(WIDE)), stdin=terminal, stdout=terminal,
                    env=env)
    os.close(terminal)
    window = PseudoTerminal(controller, Screen(80))
    try:
        window.read_until(lambda text: "GET READY" in text)
        window.type(b" ")
        window.read_until(lambda text: "PAUSED" in text and text.endswith("\r"))
        assert re.fullmatch(r"PAUSED  GET READY  股関節のストレッチ · déjà vu  left ankle crossed  "
                            r"0:\d\d", window.screen.rows()[-1])
        for columns, line in (
                (30, r"PAUSED  GET READY  lef…  0:\d\d"),
                (120, r"PAUSED  GET READY  股関節のストレッチ · déjà vu  left ankle crossed  "
                      r"set 1/2  0:\d\d  Next: Hold 10m, left ankle crossed"),
                (50, r"PAUSED  GET READY  股…  left ankle crossed  0:\d\d")):
            window.resize(columns)
            drawn = len(window.text)
            proc.send_signal(signal.SIGWINCH)
            window.read_until(partial(redrawn, since=drawn))
            *above, last = window.screen.rows()
            assert re.fullmatch(line, last) and text_cells(last) <= columns - 1
            assert "".join(above) == HEADER  # nothing left of an earlier line
        window.type(b"q")
        window.read_until(lambda text: "Stopped." in text)
        _, err = proc.communicate(timeout=30)
        assert proc.returncode == 0 and err == ""
        assert window.screen.rows()[-2:] == ["Stopped.", ""]
    finally:
        os.close(controller)
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
