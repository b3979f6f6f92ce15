"""The reminder's Start button is heard only from the notification service that showed the
reminder: another program on the session bus cannot start a routine by sending the same
signal, and a signal carrying values of the wrong types is passed over, not a crash.

The notification service here is a plain one on a thread of its own, on the run's private
bus, so the test decides exactly what reaches the reminder and in which order.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jeepney import (
    DBusAddress,
    HeaderFields,
    MessageType,
    message_bus,
    new_method_return,
    new_signal,
)
from jeepney.io.blocking import DBusConnection

from hiptimer.desktop.bus import open_session_bus
from hiptimer.reminders.notifier import PATH, SERVICE, Answer, Notifier

from .support.bus import BUS

NUMBER = 7
ROUTINE = Path("hip-strength.yaml")
WAIT = 10.0
"""Seconds anything here may take; nothing waits this long unless the test fails."""

pytestmark = pytest.mark.skipif(not BUS.running, reason="no dbus-daemon to run a private bus")
EMITTER = DBusAddress(PATH, interface=SERVICE)


class Service:
    """Shows one notification, then, when told, sends the signals it is given."""

    def __init__(self) -> None:
        self.ready = threading.Event()
        self.shown = threading.Event()
        self.to_send: list[tuple[str, str, tuple[Any, ...]]] = []
        self.go = threading.Event()
        self.thread = threading.Thread(target=self._serve)

    def _serve(self) -> None:
        with open_session_bus() as connection:
            connection.send_and_get_reply(message_bus.RequestName(SERVICE), timeout=WAIT)
            self.ready.set()
            while True:
                message = connection.receive(timeout=WAIT)
                fields = message.header.fields
                if (message.header.message_type is MessageType.method_call
                        and fields.get(HeaderFields.member) == "Notify"):
                    break
            connection.send(new_method_return(message, "u", (NUMBER,)))
            self.shown.set()
            assert self.go.wait(WAIT)
            for member, signature, body in self.to_send:
                connection.send(new_signal(EMITTER, member, signature, body))
            # Stay on the bus until the reminder has read what was sent.
            connection.send_and_get_reply(message_bus.GetId(), timeout=WAIT)


@pytest.fixture
def service() -> Iterator[Service]:
    running = Service()
    running.thread.start()
    assert running.ready.wait(WAIT)
    yield running
    running.go.set()
    running.thread.join(WAIT)


def _send_and_settle(connection: DBusConnection, member: str, signature: str,
                     body: tuple[Any, ...], to: str | None = None) -> None:
    """Sends a signal, then a call to the bus: once that is answered, the bus has passed the
    signal on, so it reaches the reminder before anything the service sends after."""
    signal = new_signal(EMITTER, member, signature, body)
    if to is not None:
        signal.header.fields[HeaderFields.destination] = to
    connection.send(signal)
    connection.send_and_get_reply(message_bus.GetId(), timeout=WAIT)


def test_a_forged_start_is_not_taken_and_nonsense_does_not_stop_the_wait(
        service: Service) -> None:
    notifier = Notifier.open()
    try:
        shown = notifier.show("Time for Hip internal rotation - strength", "18:00", ROUTINE)
        assert shown.number == NUMBER
        with open_session_bus() as forger:
            _send_and_settle(forger, "ActionInvoked", "us", (NUMBER, "start"))
            _send_and_settle(forger, "ActionInvoked", "us", (NUMBER, "start"),
                             to=notifier.connection.unique_name)
            _send_and_settle(forger, "NotificationClosed", "uu", (NUMBER, 2))
        # The service itself, confused: a list or a text for the number, then no values.
        service.to_send = [("ActionInvoked", "aus", ([NUMBER], "start")),
                           ("ActionInvoked", "ss", (str(NUMBER), "start")),
                           ("NotificationClosed", "", ()),
                           ("NotificationClosed", "uu", (NUMBER, 2))]
        service.go.set()
        assert notifier.wait([shown], timeout=WAIT) == (Answer.CLOSED, None)
    finally:
        notifier.close()


def test_start_from_the_service_that_showed_it_is_taken(service: Service) -> None:
    notifier = Notifier.open()
    try:
        shown = notifier.show("Time for Hip internal rotation - strength", "18:00", ROUTINE)
        service.to_send = [("ActionInvoked", "us", (NUMBER, "start"))]
        service.go.set()
        assert notifier.wait([shown], timeout=WAIT) == (Answer.START, shown)
    finally:
        notifier.close()
