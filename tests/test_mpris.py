"""The window as a media player: buttons pressed by another process on the session bus (as a
headset's or the desktop's would be) steer the session, its volume is set from there, and what
the player shows follows."""

from __future__ import annotations

import math
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jeepney import DBusAddress, Properties
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from hiptimer.base.preferences import read_settings
from hiptimer.session.state import State
from hiptimer.ui.desktop.media_player import (
    BUS_NAME,
    OBJECT_PATH,
    REMOTE_STOP_HINT,
    MediaPlayer,
    start_media_player,
)
from hiptimer.ui.desktop.mpris_interfaces import PLAYER_INTERFACE, ROOT_INTERFACE
from hiptimer.ui.desktop.qt_bus import QtBus, Refusal, Reply
from hiptimer.ui.window.app import player_controls

from .support.bus import BUS
from .support.checkout import REPO
from .support.dbus_text import values
from .support.window import Harness

DBUS_SEND = shutil.which("dbus-send") or "dbus-send"
DBUS_MONITOR = shutil.which("dbus-monitor") or "dbus-monitor"
PLAYERCTL = shutil.which("playerctl")
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
        code, out, err = self._send(method, *arguments)
        assert code == 0, err
        return out.partition("\n")[2]

    def refusal(self, method: str, *arguments: str) -> str:
        """The error a call is answered with, as printed."""
        code, _, err = self._send(method, *arguments)
        assert code != 0
        return err

    def _send(self, method: str, *arguments: str) -> tuple[int, str, str]:
        """``dbus-send``'s exit status, output and errors for one call."""
        process = subprocess.Popen(
            [DBUS_SEND, "--session", "--print-reply", f"--dest={self.destination}",
             OBJECT_PATH, method, *arguments],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        # The window answers from this process's event loop, which must keep running.
        self.qtbot.waitUntil(lambda: process.poll() is not None, timeout=10_000)
        out, err = process.communicate()
        return process.returncode, out, err

    def press(self, button: str) -> None:
        assert self.call(f"{PLAYER_INTERFACE}.{button}") == []

    def get(self, name: str, interface: str = PLAYER_INTERFACE) -> Any:
        return self.call(f"{PROPERTIES}.Get", f"string:{interface}", f"string:{name}")[0]

    def set(self, name: str, value: str, interface: str = PLAYER_INTERFACE) -> None:
        assert self.call(f"{PROPERTIES}.Set", f"string:{interface}", f"string:{name}",
                         f"variant:{value}") == []


def playerctl(qtbot: QtBot, *arguments: str) -> str:
    """What ``playerctl -p hiptimer ARGUMENTS`` prints, run while the window answers."""
    assert PLAYERCTL is not None
    process = subprocess.Popen([PLAYERCTL, "-p", "hiptimer", *arguments],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    qtbot.waitUntil(lambda: process.poll() is not None, timeout=10_000)
    out, err = process.communicate()
    assert process.returncode == 0, err
    return out.strip()


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
def bus(qtbot: QtBot) -> Iterator[QtBus]:
    made = QtBus.open()
    yield made
    made.close()


@pytest.fixture
def player(ui: Harness, bus: QtBus, qtbot: QtBot) -> Iterator[MediaPlayer]:
    made = start_media_player(bus, ui.window.session, player_controls(ui.window))
    assert made is not None
    qtbot.waitUntil(lambda: made.bus_name == BUS_NAME)  # the bus answers between events
    yield made
    made.close()


@pytest.fixture
def watch(qtbot: QtBot) -> Iterator[ChangeWatch]:
    made = ChangeWatch(qtbot)
    yield made
    made.close()


def test_a_headsets_play_confirms_the_safety_note_before_a_first_session(
        ui: Harness, player: MediaPlayer, qtbot: QtBot) -> None:
    ui.settings.safety_note_seen = False  # a first start
    remote = Remote(qtbot)
    remote.press("Play")  # the note comes up on the screen; nothing starts under it
    assert ui.window.prompts.card.isVisible() and ui.state() is None
    remote.press("Play")  # read: the session starts
    assert not ui.window.prompts.card.isVisible() and ui.state() is State.RUNNING


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


def test_a_second_player_on_one_connection_is_refused_quietly(
        ui: Harness, bus: QtBus, player: MediaPlayer, qtbot: QtBot) -> None:
    other = start_media_player(bus, ui.window.session, player_controls(ui.window))
    assert other is None  # one object path per connection: it cannot hold two
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


def test_a_client_sets_the_volume_as_the_window_would(
        ui: Harness, player: MediaPlayer, watch: ChangeWatch, qtbot: QtBot) -> None:
    remote = Remote(qtbot)
    assert remote.get("Volume") == 0.8
    ui.window.toggle()
    ui.key(Qt.Key.Key_M)  # muted: a volume set from outside is meant to be heard
    assert remote.get("Volume") == 0.0
    remote.set("Volume", "double:0.3")
    assert remote.get("Volume") == 0.3
    assert (ui.settings.volume, ui.settings.muted) == (30, False)
    saved, _ = read_settings(ui.settings_file)
    assert (saved.volume, saved.muted) == (30, False)
    cues = ui.window.session.driver.practice.cues if ui.window.session.driver else None
    assert cues is not None and cues.bank.settings.volume == 0.3  # heard in the session
    assert ui.window.statusBar().currentMessage() == "volume 30%"
    qtbot.waitUntil(lambda: bool(watch.changes) and watch.changes[-1].get("Volume") == 0.3)
    remote.set("Volume", "double:1.7")  # past full loudness: full loudness
    assert ui.settings.volume == 100 and remote.get("Volume") == 1.0


def test_the_volume_set_in_the_window_shows_in_the_player(
        ui: Harness, player: MediaPlayer, watch: ChangeWatch, qtbot: QtBot) -> None:
    remote = Remote(qtbot)
    ui.key(Qt.Key.Key_Minus)
    assert remote.get("Volume") == 0.7
    qtbot.waitUntil(lambda: bool(watch.changes) and watch.changes[-1].get("Volume") == 0.7)
    ui.key(Qt.Key.Key_M)
    assert remote.get("Volume") == 0.0
    qtbot.waitUntil(lambda: watch.changes[-1].get("Volume") == 0.0)


def test_what_a_client_may_not_set_is_refused(ui: Harness, player: MediaPlayer,
                                               qtbot: QtBot) -> None:
    remote = Remote(qtbot)
    assert "PropertyReadOnly" in remote.refusal(
        f"{PROPERTIES}.Set", f"string:{PLAYER_INTERFACE}", "string:PlaybackStatus",
        "variant:string:Playing")
    assert "InvalidArgs" in remote.refusal(
        f"{PROPERTIES}.Set", f"string:{PLAYER_INTERFACE}", "string:Volume",
        "variant:string:loud")
    assert "UnknownProperty" in remote.refusal(
        f"{PROPERTIES}.Get", f"string:{PLAYER_INTERFACE}", "string:Shuffle")
    assert "UnknownMethod" in remote.refusal(f"{PLAYER_INTERFACE}.Rewind")
    assert ui.settings.volume == 80


def test_lengths_and_positions_go_out_as_64_bit_integers(ui: Harness, player: MediaPlayer,
                                                         qtbot: QtBot) -> None:
    """MPRIS types ``mpris:length`` and ``Position`` as int64 (x): clients that read them
    strictly find nothing in an int32."""
    remote = Remote(qtbot)
    ui.window.toggle()
    printed = remote.reply(f"{PROPERTIES}.Get", f"string:{PLAYER_INTERFACE}",
                           "string:Metadata")
    entry = printed.partition('string "mpris:length"')[2].split()
    assert entry[:3] == ["variant", "int64", "10000000"]
    position_printed = remote.reply(f"{PROPERTIES}.Get", f"string:{PLAYER_INTERFACE}",
                                    "string:Position")
    assert position_printed.split()[:2] == ["variant", "int64"]


@pytest.mark.skipif(PLAYERCTL is None, reason="needs playerctl (Debian: playerctl)")
def test_playerctl_steers_and_sets_the_volume(ui: Harness, player: MediaPlayer,
                                              qtbot: QtBot) -> None:
    playerctl(qtbot, "volume", "0.3")
    assert float(playerctl(qtbot, "volume")) == 0.3
    assert ui.settings.volume == 30
    playerctl(qtbot, "play-pause")
    assert ui.state() is State.RUNNING
    assert playerctl(qtbot, "status") == "Playing"
    assert playerctl(qtbot, "metadata", "mpris:length") == "10000000"
    assert playerctl(qtbot, "metadata", "xesam:title") == "Frog stretch - Get ready, left side"


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(level=st.floats(allow_nan=True, allow_infinity=True))
def test_any_volume_a_client_sends_ends_up_in_range(ui: Harness, bus: QtBus,
                                                    player: MediaPlayer, level: float) -> None:
    """Whatever double arrives, the volume stays a percentage, or the call is refused."""
    answer = bus.objects[OBJECT_PATH]
    address = DBusAddress(OBJECT_PATH, BUS_NAME, PLAYER_INTERFACE)
    before = ui.settings.volume
    if not math.isfinite(level):
        with pytest.raises(Refusal):
            answer(Properties(address).set("Volume", "d", level))
        assert ui.settings.volume == before
        return
    assert answer(Properties(address).set("Volume", "d", level)) == Reply()
    assert 0 <= ui.settings.volume <= 100 and not ui.settings.muted
    assert answer(Properties(address).get("Volume")) == Reply("v", (("d", ui.settings.volume
                                                                      / 100),))
    if 0 <= level <= 1:
        assert abs(ui.settings.volume - level * 100) <= 0.5
