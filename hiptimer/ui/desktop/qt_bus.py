"""The session bus inside Qt's event loop: one jeepney connection whose socket a
``QSocketNotifier`` watches, so calls to the objects this process exports are answered
between paints and key presses, like any other event.

Calls this process makes wait for their reply (up to a timeout), as keeping the screen
awake and taking a name need the answer before going on; whatever else arrives meanwhile
is kept and handled once the loop runs again.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from jeepney import (
    HeaderFields,
    MatchRule,
    Message,
    MessageFlag,
    MessageType,
    message_bus,
    new_error,
    new_method_return,
)
from jeepney.io.blocking import DBusConnection
from PySide6.QtCore import QObject, QSocketNotifier, QTimer

from hiptimer.desktop.bus import BusError, BusLost, call, open_session_bus

LOG = logging.getLogger(__name__)
CALL_TIMEOUT = 2.0
"""A desktop service that does not answer in this time is taken as absent (seconds): the
window never waits long on one."""
UNKNOWN_OBJECT = "org.freedesktop.DBus.Error.UnknownObject"
UNKNOWN_METHOD = "org.freedesktop.DBus.Error.UnknownMethod"
INVALID_ARGS = "org.freedesktop.DBus.Error.InvalidArgs"
FAILED = "org.freedesktop.DBus.Error.Failed"
PEER_INTERFACE = "org.freedesktop.DBus.Peer"
INTROSPECTABLE_INTERFACE = "org.freedesktop.DBus.Introspectable"
OWNED_REPLIES = (1, 4)
"""``RequestName``'s answers that mean the name is ours: primary owner, already owner."""
DO_NOT_QUEUE = 4
"""``RequestName``'s flag for "give it to me now or not at all"."""


@dataclass(frozen=True)
class Reply:
    """What an exported object answers a call with: the D-Bus signature and the values."""

    signature: str | None = None
    body: tuple[Any, ...] = ()


class Refusal(Exception):
    """An exported object refuses a call: ``name`` is the D-Bus error it answers with."""

    def __init__(self, name: str, text: str) -> None:
        super().__init__(text)
        self.name = name


Handler = Callable[[Message], Reply]
"""An exported object: answers one method call addressed to its path, or raises
``Refusal``."""


def member_of(message: Message) -> tuple[str, str]:
    """A call's interface (empty where the caller named none) and member."""
    fields = message.header.fields
    return (str(fields.get(HeaderFields.interface, "")),
            str(fields.get(HeaderFields.member, "")))


class QtBus(QObject):
    """One connection to the session bus, served by the Qt event loop until ``close``."""

    def __init__(self, connection: DBusConnection, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.connection = connection
        self.objects: dict[str, Handler] = {}
        self.closed = False
        # Everything that is not the reply a call waits for lands here, whether read by
        # the notifier or while a call waited.
        self._incoming: deque[Message] = deque()
        self._filter = connection.filter(MatchRule(), queue=self._incoming)
        self._notifier = QSocketNotifier(connection.sock.fileno(), QSocketNotifier.Type.Read,
                                         self)
        self._notifier.activated.connect(self._on_notifier_activated)
        self._handle_soon()  # what came with the hello (the bus's NameAcquired)

    @classmethod
    def open(cls, parent: QObject | None = None) -> QtBus:
        """``BusError`` when the session bus cannot be reached."""
        return cls(open_session_bus(), parent)

    @property
    def unique_name(self) -> str:
        return str(self.connection.unique_name)

    def call(self, message: Message, timeout: float = CALL_TIMEOUT) -> tuple[Any, ...]:
        """The reply's values; ``BusError`` for an error reply, none in time, or no bus."""
        if self.closed:
            raise BusError("the session bus connection is closed")
        try:
            return call(self.connection, message, timeout)
        except BusLost as exc:
            self._lost(exc)
            raise
        finally:
            self._handle_soon()

    def send(self, message: Message) -> None:
        """Send without waiting (a signal, a reply); a bus that went away is logged."""
        if self.closed:
            return
        try:
            self.connection.send(message)
        except OSError as exc:
            self._lost(exc)

    def own(self, name: str) -> bool:
        """Take a well-known name, now or not at all."""
        try:
            answer = self.call(message_bus.RequestName(name, DO_NOT_QUEUE))
        except BusError as exc:
            LOG.info("the session bus did not give the name %s: %s", name, exc)
            return False
        return int(answer[0]) in OWNED_REPLIES

    def disown(self, name: str) -> None:
        try:
            self.call(message_bus.ReleaseName(name))
        except BusError as exc:
            LOG.info("the name %s was not given back: %s", name, exc)

    def export(self, path: str, handler: Handler) -> bool:
        """Answer calls to ``path`` with ``handler``; False if the path is already taken."""
        if path in self.objects:
            return False
        self.objects[path] = handler
        return True

    def withdraw(self, path: str) -> None:
        self.objects.pop(path, None)

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        self._notifier.setEnabled(False)
        self._filter.close()
        self.connection.close()

    def _lost(self, exc: Exception) -> None:
        LOG.info("the session bus went away: %s", exc)
        self.close()

    def _handle_soon(self) -> None:
        """Bytes already read (by a call that waited) raise no notifier: look at them once
        the loop runs again."""
        QTimer.singleShot(0, self, self._on_notifier_activated)

    def _on_notifier_activated(self) -> None:
        if self.closed:
            return
        while True:
            try:
                message = self.connection.receive(timeout=0)
            except TimeoutError:
                break  # nothing more has come, or only part of a message
            except (OSError, ValueError) as exc:
                self._lost(exc)
                return
            self._incoming.append(message)
        while self._incoming and not self.closed:
            self._handle(self._incoming.popleft())

    def _handle(self, message: Message) -> None:
        """Answer a method call; signals and stray replies need nothing from us."""
        if message.header.message_type is not MessageType.method_call:
            return
        wants_reply = not message.header.flags & MessageFlag.no_reply_expected
        try:
            reply = self._answer(message)
        except Refusal as refusal:
            answer = new_error(message, refusal.name, "s", (str(refusal),))
        except Exception:
            # A fault of ours: the caller hears of it at once instead of waiting out its
            # timeout, and the fault is still raised where it happened.
            if wants_reply:
                self.send(new_error(message, FAILED, "s", ("hiptimer could not answer",)))
            raise
        else:
            answer = new_method_return(message, reply.signature, reply.body)
        if wants_reply:
            self.send(answer)

    def _answer(self, message: Message) -> Reply:
        interface, member = member_of(message)
        if interface == PEER_INTERFACE and member == "Ping":
            return Reply()
        path = str(message.header.fields.get(HeaderFields.path, ""))
        handler = self.objects.get(path)
        if handler is not None:
            return handler(message)
        if interface in ("", INTROSPECTABLE_INTERFACE) and member == "Introspect":
            return Reply("s", (self._introspect_parent(path),))
        raise Refusal(UNKNOWN_OBJECT, f"no object at {path}")

    def _introspect_parent(self, path: str) -> str:
        """A path above exported objects lists the next step down to each of them, so a
        browser of the bus can walk to them from ``/``."""
        prefix = path.rstrip("/") + "/"
        children = sorted({child[len(prefix):].split("/")[0] for child in self.objects
                           if child.startswith(prefix)})
        nodes = "".join(f'  <node name="{child}"/>\n' for child in children)
        return f"<node>\n{nodes}</node>\n"
