"""Desktop notifications for reminders, through ``org.freedesktop.Notifications``.

A reminder is shown with a **Start** button; whoever runs it then waits for the person's
answer (up to half an hour) and, on Start, launches the routine in the window. Everything
here speaks to the session bus through ``hiptimer.desktop.session_bus``.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from hiptimer.base.identity import APP_ID, APP_NAME
from hiptimer.desktop.session_bus import BusError, Connection, Field, Variant, session_bus_address

SERVICE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
START_ACTION = "start"
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
    """A notification on screen, and the routine its Start button starts."""

    number: int
    routine: Path


class Notifier:
    """One connection to the session bus for sending reminders and hearing their answers."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection
        connection.add_match(f"type='signal',interface='{SERVICE}',path='{PATH}'")

    @classmethod
    def open(cls) -> Notifier:
        """``NotifyError`` when there is no session bus to reach."""
        address = session_bus_address()
        if address is None:
            raise NotifyError("no desktop session bus is running (DBUS_SESSION_BUS_ADDRESS is "
                              "not set), so no reminder can be shown")
        try:
            return cls(Connection(address))
        except BusError as exc:
            raise NotifyError(f"{exc}; no reminder can be shown") from None

    def close(self) -> None:
        self.connection.close()

    def show(self, summary: str, body: str, routine: Path) -> Shown:
        """Shows a reminder with a Start button; ``NotifyError`` if there is no service."""
        hints = {"desktop-entry": Variant("s", APP_ID)}
        try:
            reply = self.connection.call(
                SERVICE, PATH, SERVICE, "Notify", "susssasa{sv}i",
                [APP_NAME, 0, APP_ID, summary, body, [START_ACTION, "Start"], hints, -1])
        except BusError as exc:
            if exc.name in NO_SERVICE_ERRORS:
                raise NotifyError("no notification service is running on the desktop session "
                                  "bus, so no reminder can be shown") from None
            raise NotifyError(f"the notification service refused the reminder ({exc})") \
                from None
        return Shown(int(reply[0]), routine)

    def wait(self, shown: Sequence[Shown], timeout: float = ANSWER_WAIT
             ) -> tuple[Answer, Shown | None]:
        """The first answer to any of ``shown``: Start on one, or all of them closed."""
        open_ones = {item.number: item for item in shown}
        deadline = time.monotonic() + timeout
        while open_ones:
            try:
                signal = self.connection.next_signal(deadline)
            except BusError:
                return Answer.NO_ANSWER, None
            if signal is None:
                return Answer.NO_ANSWER, None
            if signal.get(Field.INTERFACE) != SERVICE or not signal.body:
                continue
            number = signal.body[0]
            if number not in open_ones:
                continue
            member = signal.get(Field.MEMBER)
            if member == "ActionInvoked" and signal.body[1:2] == [START_ACTION]:
                return Answer.START, open_ones[number]
            if member == "NotificationClosed":
                del open_ones[number]
        return Answer.CLOSED, None


def launcher() -> list[str]:
    """The command that starts hiptimer: this Python's, unless ``HIPTIMER_LAUNCHER`` says."""
    chosen = os.environ.get(LAUNCHER_VARIABLE, "").strip()
    return shlex.split(chosen) if chosen else [sys.executable, "-m", APP_NAME]


def launch(routine: Path) -> None:
    """Starts ``routine`` in the window, in a process of its own that outlives this one."""
    subprocess.Popen([*launcher(), str(routine), "--start"], stdin=subprocess.DEVNULL,
                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                     start_new_session=True, close_fds=True)
