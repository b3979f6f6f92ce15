"""Keeps the screen awake while a session runs, where the desktop offers a way to ask.

On Linux the freedesktop ``org.freedesktop.ScreenSaver`` D-Bus service takes an inhibit
cookie; elsewhere, or with no such service, the null inhibitor does nothing and nothing
breaks.
"""

from __future__ import annotations

import sys
from typing import Protocol


class Inhibitor(Protocol):
    def inhibit(self, reason: str) -> None: ...

    def release(self) -> None: ...


class NullInhibitor:
    def inhibit(self, reason: str) -> None:
        pass

    def release(self) -> None:
        pass


class DBusInhibitor:
    SERVICE = "org.freedesktop.ScreenSaver"
    PATH = "/org/freedesktop/ScreenSaver"

    def __init__(self) -> None:
        from PySide6.QtDBus import QDBusConnection, QDBusInterface

        self._interface = QDBusInterface(self.SERVICE, self.PATH, self.SERVICE,
                                         QDBusConnection.sessionBus())
        self._cookie: int | None = None

    @property
    def usable(self) -> bool:
        return self._interface.isValid()

    def inhibit(self, reason: str) -> None:
        if self._cookie is not None or not self.usable:
            return
        reply = self._interface.call("Inhibit", "hiptimer", reason)
        values = reply.arguments()
        if values and isinstance(values[0], int):
            self._cookie = values[0]

    def release(self) -> None:
        if self._cookie is None:
            return
        self._interface.call("UnInhibit", self._cookie)
        self._cookie = None


class DeferredInhibitor:
    """Finds the desktop's inhibitor when a session first needs it, not at start-up (the
    session bus costs a few milliseconds the first window paint should not wait for)."""

    def __init__(self) -> None:
        self._chosen: Inhibitor | None = None

    def _inhibitor(self) -> Inhibitor:
        if self._chosen is None:
            self._chosen = best_inhibitor()
        return self._chosen

    def inhibit(self, reason: str) -> None:
        self._inhibitor().inhibit(reason)

    def release(self) -> None:
        if self._chosen is not None:
            self._chosen.release()


def system_inhibitor() -> Inhibitor:
    return DeferredInhibitor()


def best_inhibitor() -> Inhibitor:
    """The best inhibitor this desktop supports."""
    if sys.platform.startswith("linux"):
        try:
            inhibitor = DBusInhibitor()
        except ImportError:
            return NullInhibitor()
        if inhibitor.usable:
            return inhibitor
    return NullInhibitor()
