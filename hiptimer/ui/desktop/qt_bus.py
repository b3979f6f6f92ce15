"""The session bus inside Qt's event loop, never waited on.

One non-blocking socket that ``QSocketNotifier``s watch: calls to the objects this process
exports are answered between paints and key presses, like any other event, and a call this
process makes returns at once: its answer, or word that none came within ``CALL_TIMEOUT``,
reaches a callback later. A bus that stops reading, a service that never answers or a bus
process that was stopped costs the window nothing but what that service does.

jeepney writes and reads the messages and the authentication's lines; the socket and the
waiting are ours (jeepney's own connection waits for its hello and its replies).
"""

from __future__ import annotations

import itertools
import logging
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any

from jeepney import (
    AuthenticationError,
    HeaderFields,
    Message,
    MessageFlag,
    MessageType,
    Parser,
    message_bus,
    new_error,
    new_method_return,
)
from jeepney.auth import BEGIN, Authenticator
from jeepney.bus import get_connectable_addresses
from PySide6.QtCore import QObject, QSocketNotifier, QTimer

from hiptimer.desktop.bus import NO_REPLY, BusError, BusLost, error_of, session_bus_address
from hiptimer.ui.desktop.bus_check import DISABLED

LOG = logging.getLogger(__name__)
CALL_TIMEOUT = 2.0
"""A desktop service (or the bus) that does not answer in this time is taken as absent
(seconds): the window never waits on one, and gives up on it this soon."""
MOST_UNSENT = 1 << 20
"""Bytes the bus may leave unread before it is taken as stuck and let go."""
READ_SIZE = 1 << 16
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

Answer = Callable[[tuple[Any, ...]], None]
"""Hears a reply's values."""
Failure = Callable[[BusError], None]
"""Hears why a call has no answer: an error reply, none in time (``NO_REPLY``), or the bus
gone (``BusLost``)."""


class Ownership(Enum):
    """What came of asking for a well-known name."""

    OWNED = "owned"
    REFUSED = "refused"
    """The bus said no: another process holds it."""
    UNANSWERED = "unanswered"
    """The bus did not answer in time: it is stuck, and asking again would wait again."""
    NO_BUS = "no bus"
    """The connection is lost or closed (the loss has been said once already)."""


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


@dataclass
class _Waiting:
    """A call sent, waiting for its reply until ``deadline`` (on ``time.monotonic``)."""

    deadline: float
    who: str
    on_reply: Answer | None
    on_error: Failure | None


def _quietly(error: BusError) -> None:
    LOG.info("the session bus: %s", error)


class QtBus(QObject):
    """One connection to the session bus, served by the Qt event loop until ``close``.

    It is usable as soon as it is made: what is sent before the bus has let it in waits in
    order, and the calls' time runs from when they were made. ``timeout`` is how long a
    call waits for its answer (tests shorten it).
    """

    def __init__(self, sock: socket.socket, parent: QObject | None = None,
                 timeout: float = CALL_TIMEOUT) -> None:
        super().__init__(parent)
        sock.setblocking(False)
        self._sock = sock
        self.timeout = timeout
        self.objects: dict[str, Handler] = {}
        self.closed = False
        self.unique_name = ""
        """The name the bus knows this connection by, once it said hello."""
        self._auth = Authenticator()
        self._parser = Parser()
        self._serials = itertools.count(1)
        self._held: list[bytes] = []
        """Messages made before the bus let us in, in order."""
        self._unsent = bytearray()
        self._waiting: dict[int, _Waiting] = {}
        self._reading = QSocketNotifier(sock.fileno(), QSocketNotifier.Type.Read, self)
        self._reading.activated.connect(self._on_reading_activated)
        self._writing = QSocketNotifier(sock.fileno(), QSocketNotifier.Type.Write, self)
        self._writing.setEnabled(False)
        self._writing.activated.connect(self._on_writing_activated)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._on_timer_timeout)
        first = self._auth.data_to_send()
        self._write(first or b"")
        # The bus wants the hello first; a bus that never answers it is given up on.
        self.call(message_bus.Hello(), self._on_hello, self._on_hello_failed)

    @classmethod
    def open(cls, parent: QObject | None = None, timeout: float = CALL_TIMEOUT) -> QtBus:
        """A connection on its way: ``BusError`` at once when there is no bus to reach (no
        address, nothing listening); a bus that listens but does not answer is found out by
        the calls' timeout instead, with nobody waiting."""
        address = session_bus_address()
        if address is None:
            raise BusError("no desktop session bus is running (DBUS_SESSION_BUS_ADDRESS is "
                           "not set)")
        if address == DISABLED:
            raise BusError("the session bus is not used (DBUS_SESSION_BUS_ADDRESS is "
                           f"'{DISABLED}')")
        try:
            path = next(get_connectable_addresses(address))
        except (RuntimeError, ValueError, KeyError, StopIteration) as exc:
            raise BusError(f"cannot reach the session bus (its address is not usable: {exc})"
                           ) from None
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.setblocking(False)
        try:
            sock.connect(path)
        except OSError as exc:  # a full backlog (a stopped bus) too: never waited out
            sock.close()
            raise BusError(f"cannot reach the session bus ({exc.strerror or exc})") from None
        return cls(sock, parent, timeout)

    # -- calls out ------------------------------------------------------------------------

    def call(self, message: Message, on_reply: Answer | None = None,
             on_error: Failure | None = _quietly) -> None:
        """Send ``message`` and return at once: ``on_reply`` hears the reply's values later,
        or ``on_error`` why none came (an error, no answer within ``timeout``, no bus)."""
        if self.closed:
            if on_error is not None:
                failure = BusLost("the session bus connection is closed")
                QTimer.singleShot(0, self, lambda: on_error(failure))
            return
        serial = next(self._serials)
        who = str(message.header.fields.get(HeaderFields.destination, "")) or "the session bus"
        self._waiting[serial] = _Waiting(time.monotonic() + self.timeout, who, on_reply,
                                         on_error)
        self._put(message, serial)
        self._arm()

    def send(self, message: Message) -> None:
        """Send without waiting for anything (a signal, a reply)."""
        if not self.closed:
            self._put(message, next(self._serials))

    def own(self, name: str, done: Callable[[Ownership], None]) -> None:
        """Ask for a well-known name, now or not at all; ``done`` hears what came of it. A
        name granted after its time ran out is given back, so none is held unknowingly."""

        def answered(values: tuple[Any, ...]) -> None:
            done(Ownership.OWNED if values and values[0] in OWNED_REPLIES
                 else Ownership.REFUSED)

        def failed(error: BusError) -> None:
            if isinstance(error, BusLost):
                done(Ownership.NO_BUS)
            elif error.name == NO_REPLY:
                self.send(message_bus.ReleaseName(name))
                done(Ownership.UNANSWERED)
            else:
                done(Ownership.REFUSED)

        self.call(message_bus.RequestName(name, DO_NOT_QUEUE), answered, failed)

    def disown(self, name: str) -> None:
        self.call(message_bus.ReleaseName(name), on_error=None)

    # -- objects served -------------------------------------------------------------------

    def export(self, path: str, handler: Handler) -> bool:
        """Answer calls to ``path`` with ``handler``; False if the path is already taken."""
        if path in self.objects:
            return False
        self.objects[path] = handler
        return True

    def withdraw(self, path: str) -> None:
        self.objects.pop(path, None)

    def close(self) -> None:
        """Let go of the bus: what is still unsent goes if the socket takes it now, and
        calls still waiting are dropped unheard."""
        if self.closed:
            return
        self._flush()
        self._shut()
        self._waiting.clear()

    # -- the socket -----------------------------------------------------------------------

    def _put(self, message: Message, serial: int) -> None:
        data = message.serialise(serial=serial)
        if self._auth.authenticated:
            self._write(data)
        else:
            self._held.append(data)

    def _write(self, data: bytes) -> None:
        self._unsent += data
        self._flush()

    def _flush(self) -> None:
        if self.closed:
            return
        while self._unsent:
            try:
                sent = self._sock.send(self._unsent)
            except BlockingIOError:
                break
            except OSError as exc:
                self._lost(f"the session bus went away ({exc.strerror or exc})")
                return
            del self._unsent[:sent]
        if len(self._unsent) > MOST_UNSENT:
            self._lost("the session bus stopped reading")
            return
        self._writing.setEnabled(bool(self._unsent))

    def _on_writing_activated(self) -> None:
        self._flush()

    def _on_reading_activated(self) -> None:
        while not self.closed:
            try:
                data = self._sock.recv(READ_SIZE)
            except BlockingIOError:
                break
            except OSError as exc:
                self._lost(f"the session bus went away ({exc.strerror or exc})")
                return
            if not data:
                self._lost("the session bus closed the connection")
                return
            self._take(data)
        self._arm()

    def _take(self, data: bytes) -> None:
        """Bytes read: the authentication's lines until it is done, then messages."""
        if not self._auth.authenticated:
            try:
                self._auth.feed(data)
            except AuthenticationError as exc:
                self._lost(f"the session bus did not let hiptimer in ({exc})")
                return
            if not self._auth.authenticated:
                self._write(self._auth.data_to_send() or b"")
                return
            held, self._held = self._held, []
            self._write(BEGIN + b"".join(held))
            return
        self._parser.add_data(data)
        while not self.closed:
            try:
                message = self._parser.get_next_message()
            except Exception as exc:  # a message jeepney cannot read: the stream is lost
                self._lost(f"the session bus sent what cannot be read ({exc!r})")
                return
            if message is None:
                return
            self._dispatch(message)

    def _dispatch(self, message: Message) -> None:
        kind = message.header.message_type
        if kind is MessageType.method_call:
            self._handle(message)
            return
        if kind not in (MessageType.method_return, MessageType.error):
            return  # signals: nothing here listens to any
        serial = message.header.fields.get(HeaderFields.reply_serial)
        waiting = self._waiting.pop(serial, None) if isinstance(serial, int) else None
        if waiting is None:
            return  # a reply that came too late, or to a call sent without waiting
        error = error_of(message)
        if error is not None:
            if waiting.on_error is not None:
                waiting.on_error(error)
        elif waiting.on_reply is not None:
            waiting.on_reply(tuple(message.body))

    def _arm(self) -> None:
        """The timer for the first call whose time runs out."""
        if self.closed or not self._waiting:
            self._timer.stop()
            return
        first = min(waiting.deadline for waiting in self._waiting.values())
        self._timer.start(max(0, round((first - time.monotonic()) * 1000)) + 1)

    def _on_timer_timeout(self) -> None:
        now = time.monotonic()
        late = [serial for serial, waiting in self._waiting.items() if waiting.deadline <= now]
        for serial in late:
            waiting = self._waiting.pop(serial, None)
            if waiting is not None and waiting.on_error is not None:
                waiting.on_error(BusError(f"{waiting.who} did not answer within "
                                          f"{self.timeout:g} s", NO_REPLY))
        self._arm()

    def _on_hello(self, values: tuple[Any, ...]) -> None:
        self.unique_name = str(values[0]) if values else ""

    def _on_hello_failed(self, error: BusError) -> None:
        if error.name == NO_REPLY:
            self._lost(f"the session bus did not let hiptimer in within {self.timeout:g} s")
        else:
            self._lost(f"the session bus did not let hiptimer in: {error}")

    def _lost(self, reason: str) -> None:
        """The connection cannot go on: said once, and every call waiting hears of it."""
        if self.closed:
            return
        LOG.info("%s", reason)
        self._shut()
        waiting, self._waiting = self._waiting, {}
        for call in waiting.values():
            if call.on_error is not None:
                call.on_error(BusLost(reason))

    def _shut(self) -> None:
        self.closed = True
        self._timer.stop()
        self._reading.setEnabled(False)
        self._writing.setEnabled(False)
        self._unsent.clear()
        self._held.clear()
        self._sock.close()

    # -- calls in -------------------------------------------------------------------------

    def _handle(self, message: Message) -> None:
        """Answer a method call."""
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
