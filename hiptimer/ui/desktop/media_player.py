"""The window as an MPRIS media player, so a headset's buttons, the desktop's media keys and
its sound menu steer a session from anywhere in the room.

Qt's own D-Bus adaptors export the two interfaces: they introspect, answer
``Properties.Get``/``GetAll`` with the declared D-Bus types (``Position`` must be a 64-bit
integer, which a Python int sent by hand would not be) and call the slots. Only
``PropertiesChanged`` is sent here, when what a player shows changes: the phase, the state
and what can be done, never the passing seconds.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, Any, TypeVar, cast

from PySide6.QtCore import ClassInfo, Property, QMetaType, QObject, Signal, Slot
from PySide6.QtDBus import (
    QDBusAbstractAdaptor,
    QDBusArgument,
    QDBusConnection,
    QDBusMessage,
    QDBusObjectPath,
)

from hiptimer.base.identity import APP_ID, APP_NAME
from hiptimer.session.state import State
from hiptimer.session.status import Status

if TYPE_CHECKING:
    from hiptimer.ui.window.main_window import MainWindow

LOG = logging.getLogger(__name__)
Adaptor = TypeVar("Adaptor", bound=QDBusAbstractAdaptor)

BUS_NAME = f"org.mpris.MediaPlayer2.{APP_NAME}"
OBJECT_PATH = "/org/mpris/MediaPlayer2"
ROOT_INTERFACE = "org.mpris.MediaPlayer2"
PLAYER_INTERFACE = "org.mpris.MediaPlayer2.Player"
PROPERTIES_INTERFACE = "org.freedesktop.DBus.Properties"
NO_TRACK = "/org/mpris/MediaPlayer2/TrackList/NoTrack"
"""The track id MPRIS reserves for "nothing is playing"."""
PHASE_PATH = "/" + APP_ID.replace(".", "/") + "/phase"
MICROSECONDS = 1_000_000
REMOTE_STOP_HINT = "Paused. Stop again (or press Esc) to end the session."


class PlaybackStatus(StrEnum):
    PLAYING = "Playing"
    PAUSED = "Paused"
    STOPPED = "Stopped"


def dbus_interface(name: str) -> Callable[[type[Adaptor]], type[Adaptor]]:
    """Names the D-Bus interface an adaptor exports, as Qt's class info (PySide's type stubs
    do not know that ``ClassInfo`` decorates a class)."""
    info: Any = ClassInfo
    return cast(Callable[[type[Adaptor]], type[Adaptor]], info({"D-Bus Interface": name}))


def no_strings() -> QDBusArgument:
    """An empty list of strings as D-Bus types it (``as``); an empty Python list would go
    out as a list of variants."""
    empty = QDBusArgument()
    empty.beginArray(QMetaType.Type.QString)
    empty.endArray()
    return empty


def playback_status(status: Status | None) -> PlaybackStatus:
    if status is None:
        return PlaybackStatus.STOPPED
    if status.state is State.RUNNING:
        return PlaybackStatus.PLAYING
    if status.state is State.PAUSED:
        return PlaybackStatus.PAUSED
    return PlaybackStatus.STOPPED


def track_title(status: Status) -> str:
    """The exercise, then what to do and the side: "Frog stretch - Hold, left side"."""
    doing = ", ".join(part for part in (status.word.value.capitalize(),
                                        status.side_text().lower()) if part)
    return f"{status.exercise} - {doing}" if doing else status.exercise


def metadata(status: Status | None) -> dict[str, object]:
    """The MPRIS metadata: one track per phase, the routine as its album."""
    if status is None:
        return {"mpris:trackid": QDBusObjectPath(NO_TRACK)}
    phase = status.phase
    track = NO_TRACK if phase is None else f"{PHASE_PATH}/{phase.index}"
    data: dict[str, object] = {
        "mpris:trackid": QDBusObjectPath(track),
        "xesam:title": track_title(status),
        "xesam:album": status.routine,
    }
    if phase is not None and phase.duration is not None:
        data["mpris:length"] = round(phase.duration * MICROSECONDS)
    return data


def position(status: Status | None) -> int:
    """Microseconds into the phase, to the second the screen shows."""
    if status is None or status.phase is None:
        return 0
    duration = status.phase.duration
    if duration is None or status.remaining is None:
        return status.elapsed * MICROSECONDS
    return max(0, round((duration - status.remaining) * MICROSECONDS))


@dbus_interface(ROOT_INTERFACE)
class RootAdaptor(QDBusAbstractAdaptor):
    """``org.mpris.MediaPlayer2``: who the player is, and raising or quitting the window.

    Member names are the ones the MPRIS specification gives.
    """

    def __init__(self, player: MediaPlayer) -> None:
        super().__init__(player)
        self.player = player

    def _yes(self) -> bool:
        return True

    def _no(self) -> bool:
        return False

    def _identity(self) -> str:
        return APP_NAME

    def _desktop_entry(self) -> str:
        return APP_ID

    def _none(self) -> list[str]:
        return []

    # Qt's type names where Python's types are not precise enough for D-Bus (an empty "as",
    # an int64); PySide's type stubs only know Python types.
    CanQuit = Property(bool, _yes)
    CanRaise = Property(bool, _yes)
    HasTrackList = Property(bool, _no)
    Identity = Property(str, _identity)
    DesktopEntry = Property(str, _desktop_entry)
    SupportedUriSchemes = Property("QStringList", _none)  # type: ignore[arg-type]
    SupportedMimeTypes = Property("QStringList", _none)  # type: ignore[arg-type]

    @Slot()
    def Raise(self) -> None:
        self.player.window.bring_to_front()

    @Slot()
    def Quit(self) -> None:
        self.player.window.close()


@dbus_interface(PLAYER_INTERFACE)
class PlayerAdaptor(QDBusAbstractAdaptor):
    """``org.mpris.MediaPlayer2.Player``: the session's state and the buttons that steer it.

    Member names are the ones the MPRIS specification gives.
    """

    Seeked = Signal("qlonglong")  # type: ignore[arg-type]
    """Part of the interface; never sent, since a phase cannot be sought."""

    def __init__(self, player: MediaPlayer) -> None:
        super().__init__(player)
        self.player = player

    def _playback_status(self) -> str:
        return playback_status(self.player.status).value

    def _metadata(self) -> dict[str, object]:
        return metadata(self.player.status)

    def _position(self) -> int:
        return position(self.player.status)

    def _rate(self) -> float:
        return 1.0

    def _volume(self) -> float:
        settings = self.player.window.settings
        return 0.0 if settings.muted else settings.volume / 100

    def _set_volume(self, value: float) -> None:
        """Ignored: the window's volume is set in the window, where it can be heard."""

    def _can_steer(self) -> bool:
        return self.player.status is not None and self.player.status.live

    def _yes(self) -> bool:
        return True

    def _no(self) -> bool:
        return False

    PlaybackStatus = Property(str, _playback_status)
    Metadata = Property("QVariantMap", _metadata)  # type: ignore[arg-type]
    Position = Property("qlonglong", _position)  # type: ignore[arg-type]
    Rate = Property(float, _rate)
    MinimumRate = Property(float, _rate)
    MaximumRate = Property(float, _rate)
    Volume = Property(float, _volume, _set_volume)
    CanGoNext = Property(bool, _can_steer)
    CanGoPrevious = Property(bool, _can_steer)
    CanPlay = Property(bool, _yes)
    CanPause = Property(bool, _can_steer)
    CanSeek = Property(bool, _no)
    CanControl = Property(bool, _yes)

    @Slot()
    def PlayPause(self) -> None:
        self.player.window.toggle()

    @Slot()
    def Play(self) -> None:
        if playback_status(self.player.status) is not PlaybackStatus.PLAYING:
            self.player.window.toggle()

    @Slot()
    def Pause(self) -> None:
        if playback_status(self.player.status) is PlaybackStatus.PLAYING:
            self.player.window.toggle()

    @Slot()
    def Next(self) -> None:
        self.player.window.session.next()

    @Slot()
    def Previous(self) -> None:
        self.player.window.session.previous()

    @Slot()
    def Stop(self) -> None:
        self.player.stop()

    @Slot("qlonglong")
    def Seek(self, offset: int) -> None:
        """A phase's time is not the user's to move: ignored, as CanSeek says."""

    @Slot(QDBusObjectPath, "qlonglong")
    def SetPosition(self, track: QDBusObjectPath, at: int) -> None:
        """Ignored, as CanSeek says."""

    @Slot(str)
    def OpenUri(self, uri: str) -> None:
        """Ignored: no URI schemes are supported."""


class MediaPlayer(QObject):
    """The object at ``/org/mpris/MediaPlayer2``: follows the window's session and tells the
    bus when what a player shows of it changes."""

    def __init__(self, window: MainWindow, connection: QDBusConnection) -> None:
        super().__init__()
        self.window = window
        self.connection = connection
        self.status: Status | None = None
        self.bus_name = ""
        self.registered = False
        """Whether this player holds the object path (a refused one must not release it)."""
        self.root = RootAdaptor(self)
        self.player = PlayerAdaptor(self)
        self._shown = self._player_properties()
        window.session.status_changed.connect(self._on_session_status_changed)

    def publish(self) -> bool:
        """Own the object path and a player's bus name; False (and nothing held) when the
        bus refuses both names."""
        if not self.connection.registerObject(OBJECT_PATH, self,
                                              QDBusConnection.RegisterOption.ExportAdaptors):
            return False
        self.registered = True
        for name in (BUS_NAME, f"{BUS_NAME}.instance{os.getpid()}"):
            if self.connection.registerService(name):
                self.bus_name = name
                return True
        return False

    def close(self) -> None:
        """Give the name and the path back (the window closes, or a test ends)."""
        self.window.session.status_changed.disconnect(self._on_session_status_changed)
        if self.bus_name:
            self.connection.unregisterService(self.bus_name)
            self.bus_name = ""
        if self.registered:
            self.connection.unregisterObject(OBJECT_PATH)
            self.registered = False

    def stop(self) -> None:
        """Stop as Esc does, but without its question: nobody answers a dialog from a
        headset. Where Esc would ask, the first Stop pauses (nothing is lost) and says so;
        a Stop while paused ends the session."""
        if self.window.session.stop_without_asking():
            self.window.say(REMOTE_STOP_HINT)

    def _player_properties(self) -> dict[str, object]:
        player = self.player
        return {"PlaybackStatus": player.PlaybackStatus, "Metadata": player.Metadata,
                "CanGoNext": player.CanGoNext, "CanGoPrevious": player.CanGoPrevious,
                "CanPlay": player.CanPlay, "CanPause": player.CanPause}

    def _on_session_status_changed(self, status: Status) -> None:
        before, self.status = self.status, status
        if before is not None and before.only_time_differs(status):
            return  # a plain tick: nothing a player shows has changed
        shown = self._player_properties()
        changed = {name: value for name, value in shown.items()
                   if self._shown.get(name) != value}
        self._shown = shown
        if changed and self.bus_name:
            signal = QDBusMessage.createSignal(OBJECT_PATH, PROPERTIES_INTERFACE,
                                               "PropertiesChanged")
            signal.setArguments([PLAYER_INTERFACE, changed, no_strings()])
            self.connection.send(signal)


def start_media_player(window: MainWindow) -> MediaPlayer | None:
    """The window's MPRIS player on the session bus; ``None``, with one quiet log line, where
    there is no bus or the bus refuses it."""
    connection = QDBusConnection.sessionBus()
    if not connection.isConnected():
        LOG.info("no session bus: media keys and headsets cannot reach hiptimer")
        return None
    player = MediaPlayer(window, connection)
    if not player.publish():
        LOG.info("the session bus refused the MPRIS player's name")
        player.close()
        return None
    return player
