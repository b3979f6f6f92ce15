"""The window never waits on the desktop: a keep-awake service that holds its name and never
answers, or a session bus that was stopped, costs that service only. A session starts at
once, the window goes on answering, and what was given up is said once, in the log, within
the bus's timeout."""

from __future__ import annotations

import logging
import os
import shutil
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from hiptimer.desktop.bus import BusError
from hiptimer.session.state import State
from hiptimer.ui.desktop.bus_check import DISABLED, BusCheck, BusState
from hiptimer.ui.desktop.keep_awake import (
    FallbackInhibitor,
    PortalInhibitor,
    ScreenSaverInhibitor,
    best_inhibitor,
)
from hiptimer.ui.desktop.media_player import MediaPlayer, start_media_player
from hiptimer.ui.desktop.qt_bus import QtBus
from hiptimer.ui.window.app import player_controls

from .support.bus import BUS
from .support.desktop_services import FakeDesktop
from .support.window import SHORT, Harness

DBUS_DAEMON = shutil.which("dbus-daemon")
pytestmark = pytest.mark.skipif(not BUS.running or DBUS_DAEMON is None,
                                reason="needs dbus-daemon for a private bus")

BOUND = 1.0
"""How long the app's bus calls wait here (2 s in the app), in seconds."""
WAIT_MS = 10_000
DESKTOP_LOGGERS = "hiptimer.ui.desktop"


def notes(caplog: pytest.LogCaptureFixture) -> list[str]:
    """What the window's desktop parts have said in the log."""
    return [record.getMessage() for record in caplog.records
            if record.name.startswith(DESKTOP_LOGGERS)]


def still_answering(qtbot: QtBot) -> None:
    """The event loop runs: something queued for it now is done at once."""
    done: list[bool] = []
    QTimer.singleShot(0, lambda: done.append(True))
    qtbot.waitUntil(lambda: bool(done), timeout=1_000)


def window_around(qtbot: QtBot, data_dir: Path, inhibitor: FallbackInhibitor) -> Harness:
    ui = Harness(qtbot, data_dir, inhibitor=inhibitor)
    (ui.user_dir / "tiny.yaml").write_text(SHORT, encoding="utf-8")
    ui.window.reload_library()
    ui.select("tiny")
    return ui


@pytest.fixture
def stuck_desktop(qtbot: QtBot) -> Iterator[FakeDesktop]:
    """The portal and the screensaver service, in a process stopped while it holds them."""
    fake = FakeDesktop(qtbot, ["portal", "screensaver"])
    fake.stop()
    yield fake
    fake.close()


@pytest.fixture
def stopped_bus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A session bus of this test's own, stopped (SIGSTOP) once it listens: it takes
    connections but never answers. The environment points at it."""
    assert DBUS_DAEMON is not None
    folder = tmp_path / "bus"
    folder.mkdir()
    daemon = subprocess.Popen(
        [DBUS_DAEMON, "--session", "--nofork", "--nopidfile", "--print-address=1",
         f"--address=unix:dir={folder}"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        assert daemon.stdout is not None
        address = daemon.stdout.readline().strip()
        assert address
        os.kill(daemon.pid, signal.SIGSTOP)
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
        yield address
    finally:
        os.kill(daemon.pid, signal.SIGCONT)
        daemon.terminate()
        daemon.wait(timeout=10)
        if daemon.stdout is not None:
            daemon.stdout.close()


def test_a_session_starts_at_once_beside_keep_awake_services_that_never_answer(
        qtbot: QtBot, data_dir: Path, stuck_desktop: FakeDesktop,
        caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger=DESKTOP_LOGGERS)
    bus = QtBus.open(timeout=BOUND)
    keep_awake = best_inhibitor(bus)
    ui = window_around(qtbot, data_dir, keep_awake)
    try:
        ui.window.toggle()  # Space: the screen is to be kept awake from now on
        # The first phase is on the screen before either service could have been given
        # up on: nothing waited for them.
        assert ui.view.banner.text() == "GET READY" and ui.state() is State.RUNNING
        assert notes(caplog) == []
        still_answering(qtbot)
        qtbot.waitUntil(lambda: keep_awake.settled, timeout=WAIT_MS)
        assert notes(caplog) == [
            f"keeping the screen awake: {service} did not answer within {BOUND:g} s; it is "
            "not asked again"
            for service in (PortalInhibitor.SERVICE, ScreenSaverInhibitor.SERVICE)]
        ui.window.toggle()  # paused: the screen may sleep
        ui.window.toggle()  # resumed: asked again, of nobody silent
        assert ui.state() is State.RUNNING
        assert keep_awake.settled and len(notes(caplog)) == 2  # said once each
        assert keep_awake.holding is None
    finally:
        ui.window.close()
        bus.close()


def test_a_stopped_session_bus_costs_the_window_nothing(
        qtbot: QtBot, data_dir: Path, stopped_bus: str,
        caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger=DESKTOP_LOGGERS)
    bus = QtBus.open(timeout=BOUND)  # connected: a stopped bus's socket still takes us in
    keep_awake = best_inhibitor(bus)
    ui = window_around(qtbot, data_dir, keep_awake)
    player: MediaPlayer | None = None
    try:
        player = start_media_player(bus, ui.window.session, player_controls(ui.window))
        assert player is not None
        ui.window.toggle()
        assert ui.view.banner.text() == "GET READY" and ui.state() is State.RUNNING
        assert notes(caplog) == []
        still_answering(qtbot)
        qtbot.waitUntil(lambda: bool(notes(caplog)), timeout=WAIT_MS)
        qtbot.waitUntil(lambda: keep_awake.settled, timeout=WAIT_MS)
        # One line for the bus; the keep-awake services and the media player it would have
        # reached say nothing of their own.
        assert notes(caplog) == [f"the session bus did not let hiptimer in within {BOUND:g} s"]
        assert bus.closed and player.closed and keep_awake.holding is None
        ui.window.toggle()  # paused, then resumed: nothing more is tried, nor said
        ui.window.toggle()
        still_answering(qtbot)
        assert ui.state() is State.RUNNING and len(notes(caplog)) == 1
    finally:
        if player is not None:
            player.close()
        ui.window.close()
        bus.close()


def test_a_stopped_session_bus_is_hidden_before_qt_can_wait_on_it(
        stopped_bus: str, caplog: pytest.LogCaptureFixture) -> None:
    """Qt reaches the bus by itself as the window is made (its menus, screen readers) and
    would wait on a stopped one for ever: the check finds it stuck and hides it, once."""
    caplog.set_level(logging.INFO, logger=DESKTOP_LOGGERS)
    check = BusCheck(within=BOUND)
    assert check.settle() is BusState.STUCK
    assert os.environ["DBUS_SESSION_BUS_ADDRESS"] == DISABLED
    assert notes(caplog) == [f"the session bus did not answer within {BOUND:g} s: hiptimer "
                             "goes on without it (no media keys, no keeping the screen awake)"]
    with pytest.raises(BusError):
        QtBus.open()  # nothing more waits on it, and nothing more is said of it


def test_a_session_bus_that_answers_is_left_as_it_is(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger=DESKTOP_LOGGERS)
    address = os.environ["DBUS_SESSION_BUS_ADDRESS"]
    assert BusCheck(within=BOUND).settle() is BusState.ANSWERS
    assert os.environ["DBUS_SESSION_BUS_ADDRESS"] == address and notes(caplog) == []
