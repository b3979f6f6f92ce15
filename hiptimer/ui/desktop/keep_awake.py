"""Keeps the screen awake while a session runs, where the desktop offers a way to ask.

On Linux the desktop portal's ``org.freedesktop.portal.Inhibit`` is asked first: it is the
way sandboxed and Wayland desktops offer, and what they show as "hiptimer is keeping the
screen on". Where there is no portal, or it has no inhibit backend, the older
``org.freedesktop.ScreenSaver`` service is asked instead; with neither, or off Linux, the
null inhibitor does nothing and nothing breaks.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

from hiptimer.base.identity import APP_NAME

if TYPE_CHECKING:
    from PySide6.QtDBus import QDBusConnection, QDBusInterface

LOG = logging.getLogger(__name__)
CALL_TIMEOUT_MS = 2000
"""A desktop service that does not answer in this time is taken as absent: a session never
waits long on it."""


class Inhibitor(Protocol):
    def inhibit(self, reason: str) -> None: ...

    def release(self) -> None: ...


class BusInhibitor(Protocol):
    """One desktop service's way of keeping the screen awake."""

    @property
    def usable(self) -> bool:
        """The service is there to ask."""
        ...

    @property
    def held(self) -> bool:
        """The service said yes, and it has not been released since."""
        ...

    def inhibit(self, reason: str) -> None: ...

    def release(self) -> None: ...


class NullInhibitor:
    def inhibit(self, reason: str) -> None:
        pass

    def release(self) -> None:
        pass


def _interface(service: str, path: str, name: str,
               connection: QDBusConnection | None) -> QDBusInterface:
    from PySide6.QtDBus import QDBusConnection, QDBusInterface

    interface = QDBusInterface(service, path, name, connection or QDBusConnection.sessionBus())
    interface.setTimeout(CALL_TIMEOUT_MS)
    return interface


def _offers(interface: QDBusInterface, method: str) -> bool:
    """The service is there and its introspection lists ``method`` (by its Qt signature)."""
    return interface.isValid() and interface.metaObject().indexOfMethod(method) >= 0


def _invoke(interface: QDBusInterface, method: str, result: str | None,
            *arguments: tuple[str, object]) -> object:
    """Calls a D-Bus method with its arguments converted to the types it declares (a Python
    int alone would go out as int32, where these services take uint32); ``None`` when the
    call failed, and one quiet log line says why."""
    from PySide6.QtCore import Q_ARG, Q_RETURN_ARG, QMetaObject, Qt

    typed = [Q_ARG(kind, value) for kind, value in arguments]
    connection = Qt.ConnectionType.DirectConnection
    if result is None:
        value: object = QMetaObject.invokeMethod(interface, method, connection, *typed)
    else:
        value = QMetaObject.invokeMethod(interface, method, connection, Q_RETURN_ARG(result),
                                         *typed)
    error = interface.lastError()
    if error.isValid():
        LOG.info("keeping the screen awake: %s", error.message())
        return None
    return value


class PortalInhibitor:
    """``org.freedesktop.portal.Inhibit``: asks once, and closes the request it got back."""

    SERVICE = "org.freedesktop.portal.Desktop"
    PATH = "/org/freedesktop/portal/desktop"
    INTERFACE = "org.freedesktop.portal.Inhibit"
    REQUEST = "org.freedesktop.portal.Request"
    IDLE = 8
    """The flag that keeps the session from going idle (and the screen from blanking)."""

    def __init__(self, connection: QDBusConnection | None = None) -> None:
        self._connection = connection
        self._interface = _interface(self.SERVICE, self.PATH, self.INTERFACE, connection)
        self._request: str | None = None

    @property
    def usable(self) -> bool:
        return _offers(self._interface, "Inhibit(QString,uint,QVariantMap)")

    @property
    def held(self) -> bool:
        return self._request is not None

    def inhibit(self, reason: str) -> None:
        from PySide6.QtDBus import QDBusObjectPath

        if self._request is not None or not self.usable:
            return
        # No parent window to name: "" (the portal asks nobody about idle inhibition).
        request = _invoke(self._interface, "Inhibit", "QDBusObjectPath", ("QString", ""),
                          ("uint", self.IDLE), ("QVariantMap", {"reason": reason}))
        if isinstance(request, QDBusObjectPath) and request.path():
            self._request = request.path()

    def release(self) -> None:
        if self._request is None:
            return
        request = _interface(self.SERVICE, self._request, self.REQUEST, self._connection)
        self._request = None
        if _offers(request, "Close()"):
            _invoke(request, "Close", None)


class ScreenSaverInhibitor:
    """``org.freedesktop.ScreenSaver``: an inhibit cookie, handed back on release."""

    SERVICE = "org.freedesktop.ScreenSaver"
    PATH = "/org/freedesktop/ScreenSaver"

    def __init__(self, connection: QDBusConnection | None = None) -> None:
        self._interface = _interface(self.SERVICE, self.PATH, self.SERVICE, connection)
        self._cookie: int | None = None

    @property
    def usable(self) -> bool:
        return _offers(self._interface, "Inhibit(QString,QString)")

    @property
    def held(self) -> bool:
        return self._cookie is not None

    def inhibit(self, reason: str) -> None:
        if self._cookie is not None or not self.usable:
            return
        cookie = _invoke(self._interface, "Inhibit", "uint", ("QString", APP_NAME),
                         ("QString", reason))
        if isinstance(cookie, int):
            self._cookie = cookie

    def release(self) -> None:
        if self._cookie is None:
            return
        cookie, self._cookie = self._cookie, None
        _invoke(self._interface, "UnInhibit", None, ("uint", cookie))


class FallbackInhibitor:
    """Asks each way in turn until one says yes, and releases that one."""

    def __init__(self, ways: Sequence[BusInhibitor]) -> None:
        self.ways = list(ways)
        self.holding: BusInhibitor | None = None

    def inhibit(self, reason: str) -> None:
        if self.holding is not None:
            return
        for way in self.ways:
            way.inhibit(reason)
            if way.held:
                self.holding = way
                return

    def release(self) -> None:
        if self.holding is not None:
            self.holding.release()
            self.holding = None


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


def best_inhibitor(connection: QDBusConnection | None = None) -> Inhibitor:
    """The portal, then the screensaver service, whichever of them this desktop has."""
    if not sys.platform.startswith("linux"):
        return NullInhibitor()
    try:
        ways: list[BusInhibitor] = [PortalInhibitor(connection),
                                    ScreenSaverInhibitor(connection)]
    except ImportError:
        return NullInhibitor()
    usable = [way for way in ways if way.usable]
    return FallbackInhibitor(usable) if usable else NullInhibitor()
