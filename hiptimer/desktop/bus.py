"""Reaching the session bus through jeepney, and saying in one line why it cannot be reached.

The reminders' notifier (no Qt) and the window's desktop parts (run by Qt's event loop) both
start here, so they find the bus the same way and fail with the same words.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from hiptimer.base.translation import _

if TYPE_CHECKING:
    from jeepney import Message
    from jeepney.io.blocking import DBusConnection

OPEN_TIMEOUT = 5.0
"""How long the bus may take to let us in before it is taken as not there (seconds)."""
NO_REPLY = "org.freedesktop.DBus.Error.NoReply"


class BusError(Exception):
    """The session bus cannot be reached, or refused a call: said in one line. ``name`` is
    the D-Bus error's name where the bus or a service gave one."""

    def __init__(self, message: str, name: str = "") -> None:
        super().__init__(message)
        self.name = name


class BusLost(BusError):
    """The connection to the session bus broke: nothing more will pass over it."""


def session_bus_address() -> str | None:
    """Where the session bus is: the environment's address, or the systemd user bus."""
    address = os.environ.get("DBUS_SESSION_BUS_ADDRESS")
    if address:
        return address
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime and os.path.exists(os.path.join(runtime, "bus")):
        return f"unix:path={os.path.join(runtime, 'bus')}"
    return None


def open_session_bus() -> DBusConnection:
    """A blocking jeepney connection to the session bus, authenticated and said hello to;
    ``BusError`` if there is no bus or it cannot be reached."""
    from jeepney import AuthenticationError
    from jeepney.io.blocking import open_dbus_connection

    address = session_bus_address()
    if address is None:
        raise BusError(_("no desktop session bus is running (DBUS_SESSION_BUS_ADDRESS is not "
                         "set)"))
    try:
        return open_dbus_connection(address, auth_timeout=OPEN_TIMEOUT)
    except (OSError, AuthenticationError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise BusError(_("cannot reach the session bus ({problem})").format(
            problem=reason or type(exc).__name__)) from None
    except (RuntimeError, ValueError, KeyError) as exc:  # an address jeepney cannot use
        raise BusError(_("cannot reach the session bus (its address is not usable: {problem})")
                       .format(problem=exc)) from None


def error_of(reply: Message) -> BusError | None:
    """The error a reply carries, as a ``BusError`` with the service's own words; ``None``
    for a plain answer."""
    from jeepney import HeaderFields, MessageType

    if reply.header.message_type is not MessageType.error:
        return None
    name = str(reply.header.fields.get(HeaderFields.error_name, ""))
    body = reply.body
    text = body[0] if body and isinstance(body[0], str) else name
    return BusError(text, name)


def call(connection: DBusConnection, message: Message, timeout: float,
         who: str | None = None) -> tuple[Any, ...]:
    """Send ``message`` and wait for its reply's values: ``BusError`` for an error reply or
    none in time (``who`` did not answer: the service's name in a sentence, the session bus
    when ``None``), ``BusLost`` when the connection broke."""
    try:
        reply = connection.send_and_get_reply(message, timeout=timeout)
    except TimeoutError:
        said = (_("the session bus did not answer in time") if who is None else
                _("{service} did not answer in time").format(service=who))
        raise BusError(said, NO_REPLY) from None
    except (OSError, ValueError) as exc:
        raise BusLost(_("the session bus went away ({problem})").format(problem=exc)) from None
    error = error_of(reply)
    if error is not None:
        raise error
    return tuple(reply.body)
