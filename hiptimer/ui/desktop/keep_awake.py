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
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from hiptimer.base.identity import APP_NAME

if TYPE_CHECKING:
    from hiptimer.ui.desktop.qt_bus import QtBus

LOG = logging.getLogger(__name__)
INTROSPECTABLE = "org.freedesktop.DBus.Introspectable"


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


def _call(bus: QtBus, service: str, path: str, interface: str, method: str,
          signature: str | None = None, *arguments: Any) -> tuple[Any, ...] | None:
    """Calls a D-Bus method with its arguments written as ``signature`` types them (the
    services take ``uint32`` where a plain int would be read as ``int32``); ``None`` when
    the call failed, and one quiet log line says why."""
    from jeepney import DBusAddress, new_method_call

    from hiptimer.desktop.bus import BusError

    message = new_method_call(DBusAddress(path, service, interface), method, signature,
                              arguments)
    try:
        return bus.call(message)
    except BusError as exc:
        LOG.info("keeping the screen awake: %s", exc)
        return None


def _offers(bus: QtBus, service: str, path: str, interface: str, method: str,
            signature: str) -> bool:
    """The service is there and its introspection lists ``method`` taking ``signature``."""
    from xml.etree import ElementTree

    answer = _call(bus, service, path, INTROSPECTABLE, "Introspect")
    if not answer or not isinstance(answer[0], str):
        return False
    try:
        node = ElementTree.fromstring(answer[0])
    except ElementTree.ParseError:
        return False
    for declared in node.iterfind(f"interface[@name='{interface}']/method[@name='{method}']"):
        taken = "".join(arg.get("type", "") for arg in declared.iterfind("arg")
                        if arg.get("direction", "in") == "in")
        if taken == signature:
            return True
    return False


class PortalInhibitor:
    """``org.freedesktop.portal.Inhibit``: asks once, and closes the request it got back."""

    SERVICE = "org.freedesktop.portal.Desktop"
    PATH = "/org/freedesktop/portal/desktop"
    INTERFACE = "org.freedesktop.portal.Inhibit"
    REQUEST = "org.freedesktop.portal.Request"
    IDLE = 8
    """The flag that keeps the session from going idle (and the screen from blanking)."""

    def __init__(self, bus: QtBus) -> None:
        self._bus = bus
        self._request: str | None = None

    @property
    def usable(self) -> bool:
        return _offers(self._bus, self.SERVICE, self.PATH, self.INTERFACE, "Inhibit",
                       "sua{sv}")

    @property
    def held(self) -> bool:
        return self._request is not None

    def inhibit(self, reason: str) -> None:
        if self._request is not None or not self.usable:
            return
        # No parent window to name: "" (the portal asks nobody about idle inhibition).
        request = _call(self._bus, self.SERVICE, self.PATH, self.INTERFACE, "Inhibit",
                        "sua{sv}", "", self.IDLE, {"reason": ("s", reason)})
        if request and isinstance(request[0], str) and request[0]:
            self._request = request[0]

    def release(self) -> None:
        if self._request is None:
            return
        request, self._request = self._request, None
        if _offers(self._bus, self.SERVICE, request, self.REQUEST, "Close", ""):
            _call(self._bus, self.SERVICE, request, self.REQUEST, "Close")


class ScreenSaverInhibitor:
    """``org.freedesktop.ScreenSaver``: an inhibit cookie, handed back on release."""

    SERVICE = "org.freedesktop.ScreenSaver"
    PATH = "/org/freedesktop/ScreenSaver"

    def __init__(self, bus: QtBus) -> None:
        self._bus = bus
        self._cookie: int | None = None

    @property
    def usable(self) -> bool:
        return _offers(self._bus, self.SERVICE, self.PATH, self.SERVICE, "Inhibit", "ss")

    @property
    def held(self) -> bool:
        return self._cookie is not None

    def inhibit(self, reason: str) -> None:
        if self._cookie is not None or not self.usable:
            return
        cookie = _call(self._bus, self.SERVICE, self.PATH, self.SERVICE, "Inhibit", "ss",
                       APP_NAME, reason)
        if cookie and isinstance(cookie[0], int):
            self._cookie = cookie[0]

    def release(self) -> None:
        if self._cookie is None:
            return
        cookie, self._cookie = self._cookie, None
        _call(self._bus, self.SERVICE, self.PATH, self.SERVICE, "UnInhibit", "u", cookie)


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
    session bus costs a few milliseconds the first window paint should not wait for). The
    bus connection it uses lasts as long as the app: the desktop lets go of what a
    connection asked for when it closes."""

    def __init__(self, bus: Callable[[], QtBus | None]) -> None:
        self._bus = bus
        self._chosen: Inhibitor | None = None

    def _inhibitor(self) -> Inhibitor:
        if self._chosen is None:
            self._chosen = self._find()
        return self._chosen

    def _find(self) -> Inhibitor:
        if not sys.platform.startswith("linux"):
            return NullInhibitor()
        bus = self._bus()
        return NullInhibitor() if bus is None else best_inhibitor(bus)

    def inhibit(self, reason: str) -> None:
        self._inhibitor().inhibit(reason)

    def release(self) -> None:
        if self._chosen is not None:
            self._chosen.release()


def best_inhibitor(bus: QtBus) -> Inhibitor:
    """The portal, then the screensaver service, whichever of them this desktop has."""
    ways: list[BusInhibitor] = [PortalInhibitor(bus), ScreenSaverInhibitor(bus)]
    usable = [way for way in ways if way.usable]
    return FallbackInhibitor(usable) if usable else NullInhibitor()
