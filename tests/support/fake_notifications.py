"""A stand-in for the desktop's notification service, on the test run's private session bus.

It owns ``org.freedesktop.Notifications``, keeps every ``Notify`` call it gets (the
arguments and their D-Bus signature, as QtDBus reads them: an independent reader of what
``hiptimer remind`` writes) and then answers the way the test asks: a click on Start, the
notification closed, or nothing. Tests use it in their own process (``FakeNotifications``,
run by pytest-qt's event loop); ``python -m tests.support.fake_notifications CALLS [--answer ...]``
runs one on its own, writing each call as a JSON line, to try ``hiptimer remind`` by hand.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtDBus import QDBusArgument, QDBusConnection, QDBusMessage, QDBusVirtualObject

SERVICE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
INTROSPECTION = f"""<interface name="{SERVICE}">
  <method name="Notify">
    <arg type="s" direction="in"/><arg type="u" direction="in"/>
    <arg type="s" direction="in"/><arg type="s" direction="in"/>
    <arg type="s" direction="in"/><arg type="as" direction="in"/>
    <arg type="a{{sv}}" direction="in"/><arg type="i" direction="in"/>
    <arg type="u" direction="out"/>
  </method>
  <method name="CloseNotification"><arg type="u" direction="in"/></method>
  <method name="GetCapabilities"><arg type="as" direction="out"/></method>
  <signal name="ActionInvoked"><arg type="u"/><arg type="s"/></signal>
  <signal name="NotificationClosed"><arg type="u"/><arg type="u"/></signal>
</interface>
"""


class Answer(StrEnum):
    """What the fake "user" does with a notification once it is shown."""

    START = "start"
    CLOSE = "close"
    NONE = "none"


@dataclass(frozen=True)
class Call:
    """One ``Notify`` call as the service received it."""

    signature: str
    arguments: list[Any]

    @property
    def summary(self) -> str:
        return str(self.arguments[3])


class FakeNotifications(QDBusVirtualObject):
    """Records each notification and answers it as told; ``register`` puts it on the bus."""

    def __init__(self, answer: Answer = Answer.NONE, record: Path | None = None) -> None:
        super().__init__()
        self.bus = QDBusConnection.sessionBus()
        self.answer = answer
        self.record = record
        self.calls: list[Call] = []
        self.next_id = 1

    def register(self) -> bool:
        return (self.bus.registerVirtualObject(PATH, self)
                and self.bus.registerService(SERVICE))

    def unregister(self) -> None:
        self.bus.unregisterService(SERVICE)
        self.bus.unregisterObject(PATH)

    def introspect(self, path: str) -> str:
        return INTROSPECTION

    def handleMessage(self, message: QDBusMessage, connection: QDBusConnection) -> bool:
        if message.interface() != SERVICE:
            return False  # introspection and properties: Qt answers from introspect()
        member = message.member()
        if member == "GetCapabilities":
            connection.send(_reply(message, ["actions", "body"]))
            return True
        if member != "Notify":
            connection.send(_reply(message))
            return True
        number = self.next_id
        self.next_id += 1
        call = Call(message.signature(), _plain(message.arguments()))
        self.calls.append(call)
        if self.record is not None:
            with self.record.open("a", encoding="utf-8") as stream:
                stream.write(json.dumps(call.__dict__) + "\n")
        connection.send(_reply(message, number))
        if self.answer is not Answer.NONE:
            QTimer.singleShot(50, lambda: self._emit(number))
        return True

    def _emit(self, number: int) -> None:
        if self.answer is Answer.START:
            signal = QDBusMessage.createSignal(PATH, SERVICE, "ActionInvoked")
            signal.setArguments([number, "start"])
        else:
            signal = QDBusMessage.createSignal(PATH, SERVICE, "NotificationClosed")
            signal.setArguments([number, 2])
        self.bus.send(signal)


def _reply(message: QDBusMessage, *values: Any) -> QDBusMessage:
    reply = message.createReply()
    reply.setArguments(list(values))
    return reply


def _plain(value: Any) -> Any:
    """The arguments as JSON can hold them."""
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    if isinstance(value, QDBusArgument):  # a container PySide6 cannot take apart: its type
        return {"signature": value.currentSignature()}
    return str(value)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("calls", type=Path)
    parser.add_argument("--answer", type=Answer, default=Answer.NONE)
    args = parser.parse_args()
    app = QCoreApplication([])
    service = FakeNotifications(args.answer, args.calls)
    if not service.register():
        print("could not take the notification service's name", file=sys.stderr)
        return 1
    print("ready", flush=True)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
