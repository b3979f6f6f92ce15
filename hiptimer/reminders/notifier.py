"""Desktop notifications for reminders, through ``org.freedesktop.Notifications``.

A reminder is shown with a **Start** button; whoever runs it then waits for the person's
answer (up to half an hour) and, on Start, launches the routine in the window. The calls
go through a blocking jeepney connection: ``Notify`` takes a ``uint32`` and a map of
variants, which jeepney writes from the signature as given.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import time
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from jeepney import DBusAddress, HeaderFields, MatchRule, Message, message_bus, new_method_call
from jeepney.io.blocking import DBusConnection

from hiptimer.base.identity import APP_ID, APP_NAME
from hiptimer.base.translation import _, pgettext
from hiptimer.desktop.bus import BusError, call, open_session_bus

SERVICE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
START_ACTION = "start"
CALL_TIMEOUT = 25.0
"""How long the notification service may take to show a reminder (seconds)."""
ANSWER_WAIT = 30 * 60.0
"""How long a reminder waits for its Start button before it gives up (seconds)."""
LAUNCHER_VARIABLE = "HIPTIMER_LAUNCHER"
"""A command to start hiptimer with instead of this Python's ``-m hiptimer`` (tests, trials)."""
NO_SERVICE_ERRORS = frozenset({"org.freedesktop.DBus.Error.ServiceUnknown",
                               "org.freedesktop.DBus.Error.NameHasNoOwner",
                               "org.freedesktop.DBus.Error.Spawn.ServiceNotFound"})


class Answer(StrEnum):
    """What became of a notification."""

    START = "start"
    CLOSED = "closed"
    NO_ANSWER = "no answer"


class NotifyError(Exception):
    """Notifications cannot be shown: said in one line for the user."""


@dataclass(frozen=True)
class Shown:
    """A notification on screen, and the routine its Start button starts.

    ``service`` is the unique bus name of the notification service that showed it: only its
    signals answer it, as any other program on the bus could send an ``ActionInvoked``.
    """

    number: int
    routine: Path
    service: str


class Notifier:
    """One connection to the session bus for sending reminders and hearing their answers."""

    def __init__(self, connection: DBusConnection) -> None:
        self.connection = connection
        rule = MatchRule(type="signal", interface=SERVICE, path=PATH)
        # Every signal of the service read from now on, even while a call waits for its
        # reply, waits here for ``wait``.
        self.signals: deque[Message] = deque()
        self._filter = connection.filter(rule, queue=self.signals)
        self._call(message_bus.AddMatch(rule))

    @classmethod
    def open(cls) -> Notifier:
        """``NotifyError`` when there is no session bus to reach."""
        try:
            connection = open_session_bus()
        except BusError as exc:
            raise NotifyError(_("{problem}, so no reminder can be shown").format(
                problem=exc)) from None
        try:
            return cls(connection)
        except BusError as exc:
            connection.close()
            raise NotifyError(_("{problem}, so no reminder can be shown").format(
                problem=exc)) from None

    def close(self) -> None:
        self._filter.close()
        self.connection.close()

    def show(self, summary: str, body: str, routine: Path) -> Shown:
        """Shows a reminder with a Start button; ``NotifyError`` if there is no service."""
        hints = {"desktop-entry": ("s", APP_ID)}
        call = new_method_call(DBusAddress(PATH, SERVICE, SERVICE), "Notify", "susssasa{sv}i",
                               (APP_NAME, 0, APP_ID, summary, body,
                                [START_ACTION, pgettext("button", "Start")],
                                hints, -1))
        try:
            reply = self._call(call)
        except BusError as exc:
            if exc.name in NO_SERVICE_ERRORS:
                raise NotifyError(_("no notification service is running on the desktop "
                                    "session bus, so no reminder can be shown")) from None
            raise NotifyError(_("the notification service refused the reminder ({problem})")
                              .format(problem=exc)) from None
        number = reply[0] if reply else None
        if not isinstance(number, int) or isinstance(number, bool):
            raise NotifyError(_("the notification service gave the reminder no number, so "
                                "its Start button cannot be heard"))
        try:
            (service,) = self._call(message_bus.GetNameOwner(SERVICE))
        except (BusError, ValueError):
            raise NotifyError(_("the notification service went away after showing the "
                                "reminder, so its Start button cannot be heard")) from None
        return Shown(number, routine, str(service))

    def wait(self, shown: Sequence[Shown], timeout: float = ANSWER_WAIT
             ) -> tuple[Answer, Shown | None]:
        """The first answer to any of ``shown``: Start on one, or all of them closed."""
        open_ones = {(item.service, item.number): item for item in shown}
        deadline = time.monotonic() + timeout
        while open_ones:
            try:
                signal = self.connection.recv_until_filtered(
                    self.signals, timeout=max(0.0, deadline - time.monotonic()))
            except (TimeoutError, OSError, ValueError):
                return Answer.NO_ANSWER, None
            key = _answered(signal)
            if key not in open_ones:
                continue
            member = signal.header.fields.get(HeaderFields.member)
            if member == "ActionInvoked" and signal.body[1:2] == (START_ACTION,):
                return Answer.START, open_ones[key]
            if member == "NotificationClosed":
                del open_ones[key]
        return Answer.CLOSED, None

    def _call(self, message: Message) -> tuple[Any, ...]:
        return call(self.connection, message, CALL_TIMEOUT, SERVICE)


def _answered(signal: Message) -> tuple[str, int] | None:
    """Who sent ``signal`` and which notification it is about; ``None`` when it names none
    (a signal of the right name may still carry any values at all)."""
    sender = signal.header.fields.get(HeaderFields.sender)
    number = signal.body[0] if signal.body else None
    if not isinstance(sender, str) or not isinstance(number, int) or isinstance(number, bool):
        return None
    return sender, number


def launcher() -> list[str]:
    """The command that starts hiptimer: this Python's, unless ``HIPTIMER_LAUNCHER`` says."""
    chosen = os.environ.get(LAUNCHER_VARIABLE, "").strip()
    return shlex.split(chosen) if chosen else [sys.executable, "-m", APP_NAME]


def launch(routine: Path) -> None:
    """Starts ``routine`` in the window, in a process of its own that outlives this one."""
    subprocess.Popen([*launcher(), str(routine), "--start"], stdin=subprocess.DEVNULL,
                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                     start_new_session=True, close_fds=True)
