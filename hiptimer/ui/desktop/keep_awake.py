"""Keeps the screen awake while a session runs, where the desktop offers a way to ask.

On Linux the desktop portal's ``org.freedesktop.portal.Inhibit`` is asked first: it is the
way sandboxed and Wayland desktops offer, and what they show as "hiptimer is keeping the
screen on". Where there is no portal, or it has no inhibit backend, the older
``org.freedesktop.ScreenSaver`` service is asked instead; with neither, or off Linux, the
null inhibitor does nothing and nothing breaks.

Nothing here waits: each question goes out on the window's ``QtBus`` and its answer comes
back to a callback. A service that does not answer in the bus's timeout is said to be
silent once, in the log, and is not asked again; a session starts and runs meanwhile.
"""

from __future__ import annotations

import functools
import logging
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from hiptimer.base.identity import APP_NAME

if TYPE_CHECKING:
    from hiptimer.desktop.bus import BusError
    from hiptimer.ui.desktop.qt_bus import QtBus

LOG = logging.getLogger(__name__)
INTROSPECTABLE = "org.freedesktop.DBus.Introspectable"


class Inhibitor(Protocol):
    def inhibit(self, reason: str) -> None: ...

    def release(self) -> None: ...


class NullInhibitor:
    def inhibit(self, reason: str) -> None:
        pass

    def release(self) -> None:
        pass


def offers(xml: object, interface: str, method: str, signature: str) -> bool:
    """An introspection's text lists ``method`` of ``interface`` taking ``signature``."""
    from xml.etree import ElementTree

    if not isinstance(xml, str):
        return False
    try:
        node = ElementTree.fromstring(xml)
    except ElementTree.ParseError:
        return False
    for declared in node.iterfind(f"interface[@name='{interface}']/method[@name='{method}']"):
        taken = "".join(arg.get("type", "") for arg in declared.iterfind("arg")
                        if arg.get("direction", "in") == "in")
        if taken == signature:
            return True
    return False


class BusInhibitor:
    """One desktop service's way of keeping the screen awake, asked without waiting."""

    SERVICE = ""
    PATH = ""
    INTERFACE = ""
    SIGNATURE = ""
    """What the service's ``Inhibit`` takes."""

    def __init__(self, bus: QtBus) -> None:
        self.bus = bus
        self.silent = False
        """It once did not answer in time: it is not asked again."""

    @property
    def held(self) -> bool:
        """The service said yes, and it has not been released since."""
        raise NotImplementedError

    def probe(self, done: Callable[[bool], None]) -> None:
        """``done`` hears whether the service is there and offers its ``Inhibit``."""
        self._call(self.PATH, INTROSPECTABLE, "Introspect", None, (),
                   lambda values: done(bool(values) and offers(
                       values[0], self.INTERFACE, "Inhibit", self.SIGNATURE)),
                   lambda: done(False))

    def ask(self, reason: str, done: Callable[[bool], None]) -> None:
        """Ask to keep the screen awake; ``done`` hears whether it now is."""
        raise NotImplementedError

    def give_back(self) -> None:
        """Let the screen sleep again; nobody waits for the answer."""
        raise NotImplementedError

    def _call(self, path: str, interface: str, method: str, signature: str | None,
              arguments: tuple[Any, ...], on_reply: Callable[[tuple[Any, ...]], None],
              on_failure: Callable[[], None] | None = None) -> None:
        """Call a method with its arguments written as ``signature`` types them (the services
        take ``uint32`` where a plain int would be read as ``int32``). A failure is logged in
        one quiet line, a service that did not answer in time once only."""
        from jeepney import DBusAddress, new_method_call

        if self.silent:
            if on_failure is not None:
                on_failure()
            return

        def failed(error: BusError) -> None:
            self._note(error)
            if on_failure is not None:
                on_failure()

        message = new_method_call(DBusAddress(path, self.SERVICE, interface), method,
                                  signature, arguments)
        self.bus.call(message, on_reply, failed)

    def _note(self, error: BusError) -> None:
        from hiptimer.desktop.bus import NO_REPLY, BusLost

        if isinstance(error, BusLost):
            return  # the bus said so itself, once
        if error.name != NO_REPLY:
            LOG.info("keeping the screen awake: %s", error)
        elif not self.silent:
            self.silent = True
            LOG.info("keeping the screen awake: %s; it is not asked again", error)


class PortalInhibitor(BusInhibitor):
    """``org.freedesktop.portal.Inhibit``: asks once, and closes the request it got back."""

    SERVICE = "org.freedesktop.portal.Desktop"
    PATH = "/org/freedesktop/portal/desktop"
    INTERFACE = "org.freedesktop.portal.Inhibit"
    SIGNATURE = "sua{sv}"
    REQUEST = "org.freedesktop.portal.Request"
    IDLE = 8
    """The flag that keeps the session from going idle (and the screen from blanking)."""

    def __init__(self, bus: QtBus) -> None:
        super().__init__(bus)
        self._request: str | None = None

    @property
    def held(self) -> bool:
        return self._request is not None

    def ask(self, reason: str, done: Callable[[bool], None]) -> None:
        def answered(values: tuple[Any, ...]) -> None:
            if values and isinstance(values[0], str) and values[0]:
                self._request = values[0]
            done(self.held)

        # No parent window to name: "" (the portal asks nobody about idle inhibition).
        self._call(self.PATH, self.INTERFACE, "Inhibit", self.SIGNATURE,
                   ("", self.IDLE, {"reason": ("s", reason)}), answered, lambda: done(False))

    def give_back(self) -> None:
        if self._request is not None:
            request, self._request = self._request, None
            self._call(request, self.REQUEST, "Close", None, (), lambda _values: None)


class ScreenSaverInhibitor(BusInhibitor):
    """``org.freedesktop.ScreenSaver``: an inhibit cookie, handed back on release."""

    SERVICE = "org.freedesktop.ScreenSaver"
    PATH = "/org/freedesktop/ScreenSaver"
    INTERFACE = "org.freedesktop.ScreenSaver"
    SIGNATURE = "ss"

    def __init__(self, bus: QtBus) -> None:
        super().__init__(bus)
        self._cookie: int | None = None

    @property
    def held(self) -> bool:
        return self._cookie is not None

    def ask(self, reason: str, done: Callable[[bool], None]) -> None:
        def answered(values: tuple[Any, ...]) -> None:
            if values and isinstance(values[0], int):
                self._cookie = values[0]
            done(self.held)

        self._call(self.PATH, self.INTERFACE, "Inhibit", self.SIGNATURE, (APP_NAME, reason),
                   answered, lambda: done(False))

    def give_back(self) -> None:
        if self._cookie is not None:
            cookie, self._cookie = self._cookie, None
            self._call(self.PATH, self.INTERFACE, "UnInhibit", "u", (cookie,),
                       lambda _values: None)


class FallbackInhibitor:
    """Keeps the screen awake through the first of ``ways`` that offers it and says yes.

    Every way is asked at once whether it is there; one is asked to inhibit only once each
    way before it has answered that (or fallen silent), so the portal goes first where
    there is one. ``inhibit`` and ``release`` only say what is wanted: what is asked, and
    given back, follows as the answers come.
    """

    def __init__(self, ways: Sequence[BusInhibitor]) -> None:
        self.ways = list(ways)
        self.usable: dict[BusInhibitor, bool] = {}
        """Each way that has answered whether it is there."""
        self.holding: BusInhibitor | None = None
        self._wanted: str | None = None
        self._asking: BusInhibitor | None = None
        self._refused: set[BusInhibitor] = set()
        self._probed = False

    @property
    def settled(self) -> bool:
        """Nothing is on its way: every way has said whether it is there, and whatever is
        wanted has been asked for and answered (tests wait for this)."""
        return len(self.usable) == len(self.ways) and self._asking is None

    def inhibit(self, reason: str) -> None:
        self._wanted = reason
        self._settle()

    def release(self) -> None:
        self._wanted = None
        self._refused.clear()
        self._settle()

    def _settle(self) -> None:
        if not self._probed:
            self._probed = True
            for way in self.ways:
                way.probe(functools.partial(self._on_probed, way))
        if self._wanted is None:
            if self.holding is not None:
                self.holding.give_back()
                self.holding = None
            return
        if self.holding is not None or self._asking is not None:
            return
        chosen = self._next_way()
        if chosen is not None:
            self._asking = chosen
            chosen.ask(self._wanted, functools.partial(self._on_answered, chosen))

    def _next_way(self) -> BusInhibitor | None:
        for way in self.ways:
            if way not in self.usable:
                return None  # it goes first once it answers, or falls silent
            if self.usable[way] and way not in self._refused and not way.silent:
                return way
        return None

    def _on_probed(self, way: BusInhibitor, usable: bool) -> None:
        self.usable[way] = usable
        self._settle()

    def _on_answered(self, way: BusInhibitor, held: bool) -> None:
        self._asking = None
        if held:
            self.holding = way
        else:
            self._refused.add(way)
        self._settle()


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


def best_inhibitor(bus: QtBus) -> FallbackInhibitor:
    """The portal, then the screensaver service, whichever of them this desktop has."""
    return FallbackInhibitor([PortalInhibitor(bus), ScreenSaverInhibitor(bus)])
