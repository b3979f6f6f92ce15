"""The window as an MPRIS media player, so a headset's buttons, the desktop's media keys and
its sound menu steer a session from anywhere in the room, and its volume is set from there.

The object at ``/org/mpris/MediaPlayer2`` answers on a ``QtBus`` (jeepney, in Qt's event
loop): introspection, ``Properties.Get``/``GetAll``/``Set`` with the types the specification
gives (``Position`` and ``mpris:length`` are 64-bit, ``Volume`` a double), and the buttons.
``PropertiesChanged`` is sent when what a player shows changes: the phase, the state, what
can be done and the volume, never the passing seconds.
"""

from __future__ import annotations

import logging
import math
import os
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Protocol

from jeepney import DBusAddress, HeaderFields, Message, new_signal
from PySide6.QtCore import QObject, QTimer, SignalInstance

from hiptimer.base.identity import APP_ID, APP_NAME
from hiptimer.base.translation import N_, _, pgettext
from hiptimer.session.state import State
from hiptimer.session.status import Status
from hiptimer.session.vocabulary import PhaseWord
from hiptimer.ui.desktop.mpris_interfaces import (
    INTERFACES,
    INTROSPECTION,
    PLAYER_INTERFACE,
    PROPERTIES_INTERFACE,
    ROOT_INTERFACE,
    Access,
)
from hiptimer.ui.desktop.qt_bus import (
    INTROSPECTABLE_INTERFACE,
    INVALID_ARGS,
    UNKNOWN_METHOD,
    Ownership,
    QtBus,
    Refusal,
    Reply,
    member_of,
)

LOG = logging.getLogger(__name__)
BUS_NAME = f"org.mpris.MediaPlayer2.{APP_NAME}"
OBJECT_PATH = "/org/mpris/MediaPlayer2"
NO_TRACK = "/org/mpris/MediaPlayer2/TrackList/NoTrack"
"""The track id MPRIS reserves for "nothing is playing"."""
PHASE_PATH = "/" + APP_ID.replace(".", "/") + "/phase"
MICROSECONDS = 1_000_000
REMOTE_STOP_HINT = N_("Paused. Stop again (or press Esc) to end the session.")
UNKNOWN_INTERFACE = "org.freedesktop.DBus.Error.UnknownInterface"
UNKNOWN_PROPERTY = "org.freedesktop.DBus.Error.UnknownProperty"
READ_ONLY = "org.freedesktop.DBus.Error.PropertyReadOnly"
ANNOUNCED = ("PlaybackStatus", "Metadata", "Volume", "CanGoNext", "CanGoPrevious", "CanPlay",
             "CanPause")
"""The player's properties whose changes are sent (``Position`` is asked for, as MPRIS
wants)."""

Variant = tuple[str, Any]
"""A D-Bus variant as jeepney writes it: its type, and the value."""


class PlaybackStatus(StrEnum):
    PLAYING = "Playing"
    PAUSED = "Paused"
    STOPPED = "Stopped"


class SteeredSession(Protocol):
    """What the player needs of the window's session (its ``SessionControl``)."""

    @property
    def status_changed(self) -> SignalInstance:
        """Sends each new ``Status``."""
        ...

    @property
    def sound_retuned(self) -> SignalInstance:
        """Sent when the volume, the mute or the voice changed."""
        ...

    def stop_without_asking(self) -> bool: ...


@dataclass(frozen=True)
class PlayerControls:
    """What the player does to the window beyond its session."""

    raise_window: Callable[[], None]
    quit: Callable[[], object]
    toggle: Callable[[], None]
    """Pause or resume, or start the selected routine when there is no session (Space); a
    question on the screen takes it first (the check-in: choose)."""
    next: Callable[[], None]
    """On to the next phase, as PageDown; a question on the screen takes it first (the
    check-in: the highlight moves down)."""
    previous: Callable[[], None]
    """Back a phase, as PageUp; a question on the screen takes it first."""
    say: Callable[[str], None]
    """A passing message in the window."""
    volume: Callable[[], float]
    """The volume as cues play it, 0.0 to 1.0 (0.0 when muted)."""
    set_volume: Callable[[float], None]
    """Set, save, apply and show a volume of 0.0 to 1.0 (unmuted)."""
    asking: Callable[[], bool] = lambda: False
    """A question on the screen (the check-in) is answered with next, previous and play,
    so a player offers them while it shows, session or not."""
    asking_changed: SignalInstance | None = None
    """Sent when such a question comes up or goes."""


def playback_status(status: Status | None) -> PlaybackStatus:
    if status is None:
        return PlaybackStatus.STOPPED
    if status.state is State.RUNNING:
        return PlaybackStatus.PLAYING
    if status.state is State.PAUSED:
        return PlaybackStatus.PAUSED
    return PlaybackStatus.STOPPED


def phase_title(word: PhaseWord) -> str:
    """The phase word as a player's title line writes it, not in the screen's capitals:
    "Hold", "Get ready" (and the name, never translated, before a session)."""
    # Translators: what to do now, in a media player's title ("Frog stretch - Hold, left
    # side"): the screen's big phase words, in sentence case.
    words = {PhaseWord.IDLE: "Hiptimer", PhaseWord.READY: pgettext("player title", "Ready"),
             PhaseWord.GET_READY: pgettext("player title", "Get ready"),
             PhaseWord.HOLD: pgettext("player title", "Hold"),
             PhaseWord.REPS: pgettext("player title", "Reps"),
             PhaseWord.REST: pgettext("player title", "Rest"),
             PhaseWord.SWITCH: pgettext("player title", "Switch sides"),
             PhaseWord.DONE: pgettext("player title", "Done"),
             PhaseWord.STOPPED: pgettext("player title", "Stopped")}
    return words[word]


def _side_title(side: str | None, shown: str | None = None) -> str:
    """The side as it follows the phase in the title: "left side", or the routine's own
    label in small letters (``shown``, its text in the language installed, when given);
    "" for none."""
    if side == "left":
        return pgettext("player title", "left side")
    if side == "right":
        return pgettext("player title", "right side")
    return (shown or side or "").lower() if side else ""


def track_title(status: Status) -> str:
    """The exercise, then what to do and the side: "Frog stretch - Hold, left side"."""
    side = _side_title(status.side, status.shown_side)
    if side:
        return _("{exercise} - {phase}, {side}").format(
            exercise=status.exercise, phase=phase_title(status.word), side=side)
    return _("{exercise} - {phase}").format(exercise=status.exercise,
                                            phase=phase_title(status.word))


def metadata(status: Status | None) -> dict[str, Variant]:
    """The MPRIS metadata: one track per phase, the routine as its album."""
    if status is None:
        return {"mpris:trackid": ("o", NO_TRACK)}
    phase = status.phase
    track = NO_TRACK if phase is None else f"{PHASE_PATH}/{phase.index}"
    data: dict[str, Variant] = {
        "mpris:trackid": ("o", track),
        "xesam:title": ("s", track_title(status)),
        "xesam:album": ("s", status.routine),
    }
    if phase is not None and phase.duration is not None:
        data["mpris:length"] = ("x", round(phase.duration * MICROSECONDS))
    return data


def position(status: Status | None) -> int:
    """Microseconds into the phase, to the second the screen shows."""
    if status is None or status.phase is None:
        return 0
    duration = status.phase.duration
    if duration is None or status.remaining is None:
        return status.elapsed * MICROSECONDS
    return max(0, round((duration - status.remaining) * MICROSECONDS))


class MediaPlayer(QObject):
    """The object at ``/org/mpris/MediaPlayer2``: follows the window's session and tells the
    bus when what a player shows of it changes."""

    def __init__(self, bus: QtBus, session: SteeredSession, controls: PlayerControls) -> None:
        super().__init__()
        self.bus = bus
        self.session = session
        self.controls = controls
        self.status: Status | None = None
        self.bus_name = ""
        self.exported = False
        """Whether this player holds the object path (a refused one must not give it up)."""
        self.closed = False
        self._shown = self._announced()
        session.status_changed.connect(self._on_session_status_changed)
        session.sound_retuned.connect(self._on_session_sound_retuned)
        if controls.asking_changed is not None:
            controls.asking_changed.connect(self._on_controls_asking_changed)

    def publish(self) -> bool:
        """Hold the object path, and ask for a player's bus name without waiting: the
        player's own, or one of this process where another player has that. False (and
        nothing held) when the path is taken on this connection.

        ``bus_name`` is set once the bus gives a name. Where it gives neither, or does not
        answer in time, one line in the log says so and the player closes."""
        if not self.bus.export(OBJECT_PATH, self._answer):
            return False
        self.exported = True
        self._ask_for((BUS_NAME, f"{BUS_NAME}.instance{os.getpid()}"))
        return True

    def _ask_for(self, names: tuple[str, ...]) -> None:
        name = names[0]

        def done(ownership: Ownership) -> None:
            if self.closed:
                if ownership is Ownership.OWNED:
                    self.bus.disown(name)
                return
            if ownership is Ownership.OWNED:
                self.bus_name = name  # clients read what it shows as it appears
            elif ownership is Ownership.REFUSED and len(names) > 1:
                self._ask_for(names[1:])
            else:
                if ownership is not Ownership.NO_BUS:  # a lost bus has been said already
                    LOG.info("media keys and headsets cannot reach hiptimer: %s",
                             "the session bus did not answer in time"
                             if ownership is Ownership.UNANSWERED
                             else "the session bus refused the MPRIS player's name")
                self.close()

        self.bus.own(name, done)

    def close(self) -> None:
        """Give the name and the path back (the window closes, or a test ends)."""
        if self.closed:
            return
        self.closed = True
        self.session.status_changed.disconnect(self._on_session_status_changed)
        self.session.sound_retuned.disconnect(self._on_session_sound_retuned)
        if self.controls.asking_changed is not None:
            self.controls.asking_changed.disconnect(self._on_controls_asking_changed)
        if self.bus_name:
            self.bus.disown(self.bus_name)
            self.bus_name = ""
        if self.exported:
            self.bus.withdraw(OBJECT_PATH)
            self.exported = False

    def stop(self) -> None:
        """Stop as Esc does, but without its question: nobody answers a dialog from a
        headset. Where Esc would ask, the first Stop pauses (nothing is lost) and says so;
        a Stop while paused ends the session."""
        if self.session.stop_without_asking():
            self.controls.say(_(REMOTE_STOP_HINT))

    # -- properties -------------------------------------------------------------------------

    def _values(self, interface: str) -> dict[str, Callable[[], Any]]:
        """How to read each property of ``interface``, in Python values."""
        status = self.status
        steerable = status is not None and status.live
        answerable = steerable or self.controls.asking()
        if interface == ROOT_INTERFACE:
            return {"CanQuit": lambda: True, "CanRaise": lambda: True,
                    "HasTrackList": lambda: False, "Identity": lambda: APP_NAME,
                    "DesktopEntry": lambda: APP_ID, "SupportedUriSchemes": list,
                    "SupportedMimeTypes": list}
        return {"PlaybackStatus": lambda: playback_status(status).value,
                "Metadata": lambda: metadata(status), "Position": lambda: position(status),
                "Rate": lambda: 1.0, "MinimumRate": lambda: 1.0, "MaximumRate": lambda: 1.0,
                "Volume": self.controls.volume, "CanGoNext": lambda: answerable,
                "CanGoPrevious": lambda: answerable, "CanPlay": lambda: True,
                "CanPause": lambda: steerable, "CanSeek": lambda: False,
                "CanControl": lambda: True}

    def _variants(self, interface: str, names: tuple[str, ...] | None = None
                  ) -> dict[str, Variant]:
        """Properties of ``interface`` (all, or those named) as variants of their declared
        types."""
        declared = INTERFACES[interface].properties
        values = self._values(interface)
        return {name: (declared[name][0], values[name]())
                for name in (names if names is not None else tuple(declared))}

    def _announced(self) -> dict[str, Variant]:
        return self._variants(PLAYER_INTERFACE, ANNOUNCED)

    def _announce(self) -> None:
        """Send what changed since the last announcement, if anything did."""
        shown = self._announced()
        changed = {name: value for name, value in shown.items()
                   if self._shown.get(name) != value}
        self._shown = shown
        if changed and self.bus_name:
            emitter = DBusAddress(OBJECT_PATH, interface=PROPERTIES_INTERFACE)
            self.bus.send(new_signal(emitter, "PropertiesChanged", "sa{sv}as",
                                     (PLAYER_INTERFACE, changed, [])))

    def _set(self, interface: str, name: str, value: Variant) -> None:
        kind, level = value
        if kind != "d" or not math.isfinite(level):
            raise Refusal(INVALID_ARGS, f"{name} takes a finite double")
        if name == "Rate":
            if level != 1.0:
                raise Refusal(INVALID_ARGS, "a session runs at its own pace: Rate stays 1.0")
            return
        self.controls.set_volume(max(0.0, min(1.0, level)))

    # -- calls ------------------------------------------------------------------------------

    def _answer(self, message: Message) -> Reply:
        """Answers one method call to the player's object."""
        interface, member = member_of(message)
        signature = str(message.header.fields.get(HeaderFields.signature, ""))
        body = tuple(message.body)
        if interface in ("", INTROSPECTABLE_INTERFACE) and member == "Introspect":
            return Reply("s", (INTROSPECTION,))
        if interface == PROPERTIES_INTERFACE:
            return self._answer_properties(member, signature, body)
        for declared in INTERFACES.values():
            if interface in ("", declared.name) and member in declared.methods:
                if signature != declared.signature(member):
                    raise Refusal(INVALID_ARGS, f"{member} takes "
                                  f"'{declared.signature(member)}', not '{signature}'")
                self._press(member)
                return Reply()
        raise Refusal(UNKNOWN_METHOD, f"no method {member} in {interface or 'any interface'}")

    def _answer_properties(self, member: str, signature: str, body: tuple[Any, ...]) -> Reply:
        wanted = {"Get": "ss", "GetAll": "s", "Set": "ssv"}
        if member not in wanted:
            raise Refusal(UNKNOWN_METHOD, f"no method {member} in {PROPERTIES_INTERFACE}")
        if signature != wanted[member]:
            raise Refusal(INVALID_ARGS, f"{member} takes '{wanted[member]}'")
        interface = body[0]
        if interface not in INTERFACES:
            raise Refusal(UNKNOWN_INTERFACE, f"no interface {interface} here")
        if member == "GetAll":
            return Reply("a{sv}", (self._variants(interface),))
        name = body[1]
        declared = INTERFACES[interface].properties
        if name not in declared:
            raise Refusal(UNKNOWN_PROPERTY, f"no property {name} in {interface}")
        if member == "Get":
            return Reply("v", (self._variants(interface, (name,))[name],))
        if declared[name][1] is not Access.READ_WRITE:
            raise Refusal(READ_ONLY, f"{name} is read-only")
        self._set(interface, name, body[2])
        return Reply()

    def _press(self, member: str) -> None:
        """One of the spec's methods; seeking and opening URIs are ignored, as ``CanSeek``
        and the empty URI schemes say."""
        playing = playback_status(self.status) is PlaybackStatus.PLAYING
        if member == "Raise":
            self.controls.raise_window()
        elif member == "Quit":
            QTimer.singleShot(0, self.controls.quit)  # after the reply has gone
        elif member == "PlayPause" or (member == "Play" and not playing) or (
                member == "Pause" and playing):
            self.controls.toggle()
        elif member == "Next":
            self.controls.next()
        elif member == "Previous":
            self.controls.previous()
        elif member == "Stop":
            self.stop()

    # -- the session ------------------------------------------------------------------------

    def _on_session_status_changed(self, status: Status) -> None:
        before, self.status = self.status, status
        if before is not None and before.only_time_differs(status):
            return  # a plain tick: nothing a player shows has changed
        self._announce()

    def _on_session_sound_retuned(self, _settings: object) -> None:
        self._announce()

    def _on_controls_asking_changed(self, _asking: bool) -> None:
        self._announce()


def start_media_player(bus: QtBus, session: SteeredSession,
                       controls: PlayerControls) -> MediaPlayer | None:
    """The window's MPRIS player on ``bus``, its name asked for (see ``publish``); ``None``,
    with one quiet log line, where the connection has a player already."""
    player = MediaPlayer(bus, session, controls)
    if not player.publish():
        LOG.info("the MPRIS player's object is taken on this connection")
        player.close()
        return None
    return player
