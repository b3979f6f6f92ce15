"""The window as a media player: buttons pressed by another process on the session bus (as a
headset's or the desktop's would be) steer the session, and what the player shows follows."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from hiptimer.session.state import State
from hiptimer.ui.desktop.media_player import (
    BUS_NAME,
    OBJECT_PATH,
    PLAYER_INTERFACE,
    REMOTE_STOP_HINT,
    ROOT_INTERFACE,
    MediaPlayer,
    start_media_player,
)

from .conftest import BUS, REPO
from .dbus_text import values
from .test_window import Harness

DBUS_SEND = shutil.which("dbus-send") or "dbus-send"
DBUS_MONITOR = shutil.which("dbus-monitor") or "dbus-monitor"
pytestmark = pytest.mark.skipif(
    not BUS.running or not shutil.which("dbus-send") or not shutil.which("dbus-monitor"),
    reason="needs dbus-daemon, dbus-send and dbus-monitor (Debian: dbus-daemon, dbus-bin)")

PROPERTIES = "org.freedesktop.DBus.Properties"
ROUTINE = ("name: Remote test\ndefaults: {prepare: 10s, rest: 5s}\nexercises:\n"
           "  - name: Frog stretch\n    description: Knees wide, sink back.\n"
           "    hold: 30s\n    sets: 2\n    sides: both\n")
"""Long enough that stopping it asks first (more than a minute)."""


class Remote:
    """Another process pressing the player's buttons and reading its properties."""

    def __init__(self, qtbot: QtBot, destination: str = BUS_NAME) -> None:
        self.qtbot = qtbot
        self.destination = destination

    def call(self, method: str, *arguments: str) -> list[Any]:
        return values(self.reply(method, *arguments))

    def reply(self, method: str, *arguments: str) -> str:
        """The reply's body as printed."""
        process = subprocess.Popen(
            [DBUS_SEND, "--session", "--print-reply", f"--dest={self.destination}",
             OBJECT_PATH, method, *arguments],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        # The window answers from this process's event loop, which must keep running.
        self.qtbot.waitUntil(lambda: process.poll() is not None, timeout=10_000)
        out, err = process.communicate()
        assert process.returncode == 0, err
        return out.partition("\n")[2]

    def press(self, button: str) -> None:
        assert self.call(f"{PLAYER_INTERFACE}.{button}") == []

    def get(self, name: str, interface: str = PLAYER_INTERFACE) -> Any:
        return self.call(f"{PROPERTIES}.Get", f"string:{interface}", f"string:{name}")[0]


class ChangeWatch:
    """Every ``PropertiesChanged`` the player sends, as ``dbus-monitor`` sees it."""

    def __init__(self, qtbot: QtBot) -> None:
        self.lines: list[str] = []
        self.process = subprocess.Popen(
            [DBUS_MONITOR, "--session", f"type='signal',path='{OBJECT_PATH}',"
             f"interface='{PROPERTIES}',member='PropertiesChanged'"],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        # It says NameLost once it has become a monitor: from then on it sees everything.
        qtbot.waitUntil(lambda: any("member=NameLost" in line for line in self.lines),
                        timeout=10_000)

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append(line)

    @property
    def changes(self) -> list[dict[str, Any]]:
        """The changed properties of each signal so far, oldest first."""
        found = []
        blocks = "".join(self.lines).split("\nsignal ")[1:]
        for position, block in enumerate(blocks):
            if "member=PropertiesChanged" in block:
                try:
                    interface, changed, _ = values(block.partition("\n")[2])
                except ValueError:
                    if position == len(blocks) - 1:
                        break  # the newest signal is still being read: it counts next time
                    raise
                if interface == PLAYER_INTERFACE:
                    found.append(changed)
        return found

    def close(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)
        self.reader.join(timeout=10)
        assert self.process.stdout is not None
        self.process.stdout.close()


@pytest.fixture
def ui(qtbot: QtBot, data_dir: Path) -> Iterator[Harness]:
    harness = Harness(qtbot, data_dir)
    (harness.user_dir / "remote.yaml").write_text(ROUTINE, encoding="utf-8")
    harness.window.reload_library()
    harness.select("remote")
    yield harness
    harness.window.close()


@pytest.fixture
def player(ui: Harness) -> Iterator[MediaPlayer]:
    made = start_media_player(ui.window)
    assert made is not None and made.bus_name == BUS_NAME
    yield made
    made.close()


@pytest.fixture
def watch(qtbot: QtBot) -> Iterator[ChangeWatch]:
    made = ChangeWatch(qtbot)
    yield made
    made.close()


def test_buttons_from_another_process_steer_the_session(
        ui: Harness, player: MediaPlayer, watch: ChangeWatch, qtbot: QtBot) -> None:
    remote = Remote(qtbot)
    assert remote.get("PlaybackStatus") == "Stopped"
    remote.press("PlayPause")  # no session yet: starts the selected routine, as Space does
    assert ui.state() is State.RUNNING
    assert ui.view.banner.text() == "GET READY"
    assert remote.get("PlaybackStatus") == "Playing"
    shown = remote.get("Metadata")
    assert shown["xesam:title"] == "Frog stretch - Get ready, left side"
    assert shown["xesam:album"] == "Remote test"
    assert shown["mpris:length"] == 10_000_000
    assert shown["mpris:trackid"].endswith("/phase/0")
    qtbot.waitUntil(lambda: any(c.get("PlaybackStatus") == "Playing" for c in watch.changes))

    remote.press("Next")
    assert ui.view.banner.text() == "HOLD"
    title = remote.get("Metadata")["xesam:title"]
    assert title.startswith("Frog stretch - Hold, left side")
    qtbot.waitUntil(lambda: watch.changes[-1].get("Metadata", {}).get("xesam:title") == title)

    remote.press("Previous")
    assert ui.view.banner.text() == "GET READY"
    remote.press("PlayPause")
    assert ui.state() is State.PAUSED
    assert remote.get("PlaybackStatus") == "Paused"
    qtbot.waitUntil(lambda: watch.changes[-1].get("PlaybackStatus") == "Paused")
    remote.press("Play")
    assert ui.state() is State.RUNNING
    remote.press("Pause")
    assert ui.state() is State.PAUSED


def test_the_passing_seconds_send_no_changes(
        ui: Harness, player: MediaPlayer, watch: ChangeWatch, qtbot: QtBot) -> None:
    ui.window.toggle()
    qtbot.waitUntil(lambda: any(c.get("PlaybackStatus") == "Playing" for c in watch.changes))
    seen = len(watch.changes)
    ui.wait(4)  # the countdown goes 10, 9, ... 6 on screen
    assert ui.view.countdown.text() == "6"
    ui.window.session.next()
    # Signals from one sender arrive in order: the next one is the new phase's.
    qtbot.waitUntil(lambda: len(watch.changes) > seen)
    assert watch.changes[seen]["Metadata"]["xesam:title"] == "Frog stretch - Hold, left side"
    assert Remote(qtbot).get("Position") == 0


def test_stop_from_a_headset_never_waits_on_a_question(
        ui: Harness, player: MediaPlayer, qtbot: QtBot) -> None:
    remote = Remote(qtbot)
    ui.window.toggle()
    remote.press("Stop")  # early on, as Esc: stopped at once
    assert ui.state() is State.STOPPED
    assert remote.get("PlaybackStatus") == "Stopped"

    remote.press("Play")  # a stopped session starts again
    assert ui.state() is State.RUNNING
    ui.wait(70)
    remote.press("Stop")  # where Esc would ask, it pauses, and says how to stop
    assert ui.state() is State.PAUSED
    assert ui.window.statusBar().currentMessage() == REMOTE_STOP_HINT
    remote.press("Stop")
    assert ui.state() is State.STOPPED


# The offscreen platform has no window manager to raise a window with.
@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_the_player_introduces_itself(ui: Harness, player: MediaPlayer, qtbot: QtBot) -> None:
    remote = Remote(qtbot)
    assert remote.get("Identity", ROOT_INTERFACE) == "hiptimer"
    assert remote.get("DesktopEntry", ROOT_INTERFACE) == "io.github.hiptimer.Hiptimer"
    everything = remote.call(f"{PROPERTIES}.GetAll", f"string:{ROOT_INTERFACE}")[0]
    assert everything["CanRaise"] and everything["CanQuit"]
    assert not everything["HasTrackList"]
    assert everything["SupportedUriSchemes"] == everything["SupportedMimeTypes"] == []
    player_properties = remote.call(f"{PROPERTIES}.GetAll", f"string:{PLAYER_INTERFACE}")[0]
    assert player_properties["CanControl"] and not player_properties["CanSeek"]
    assert player_properties["Rate"] == 1.0
    xml = remote.reply("org.freedesktop.DBus.Introspectable.Introspect")
    for text in (f'<interface name="{ROOT_INTERFACE}">', f'<interface name="{PLAYER_INTERFACE}">',
                 '<property name="Position" type="x" access="read"/>',
                 '<property name="PlaybackStatus" type="s" access="read"/>',
                 '<method name="PlayPause"', '<signal name="Seeked">'):
        assert text in xml
    ui.window.showMinimized()
    assert remote.call(f"{ROOT_INTERFACE}.Raise") == []
    assert not ui.window.isMinimized()


def test_a_second_player_in_one_process_is_refused_quietly(ui: Harness, player: MediaPlayer,
                                                qtbot: QtBot) -> None:
    other = start_media_player(ui.window)
    assert other is None  # one object path per connection: the same process cannot have two
    assert Remote(qtbot).get("PlaybackStatus") == "Stopped"  # the first still answers


def test_the_app_is_a_player_once_its_window_shows_and_quits_from_it(
        qtbot: QtBot, tmp_path: Path) -> None:
    process = subprocess.Popen([sys.executable, "-m", "hiptimer"], cwd=REPO,
                               env={**os.environ, "HIPTIMER_DATA_DIR": str(tmp_path / "app")},
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def owner_pid() -> str:
        asked = subprocess.run(
            [DBUS_SEND, "--session", "--print-reply", "--dest=org.freedesktop.DBus",
             "/org/freedesktop/DBus", "org.freedesktop.DBus.GetConnectionUnixProcessID",
             f"string:{BUS_NAME}"], capture_output=True, text=True, timeout=10)
        return asked.stdout

    try:
        qtbot.waitUntil(lambda: f"uint32 {process.pid}" in owner_pid(), timeout=30_000)
        remote = Remote(qtbot)
        assert remote.get("DesktopEntry", ROOT_INTERFACE) == "io.github.hiptimer.Hiptimer"
        remote.call(f"{ROOT_INTERFACE}.Quit")
        qtbot.waitUntil(lambda: process.poll() is not None, timeout=20_000)
        assert process.returncode == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)
