"""A stand-in for the desktop's keep-awake services, in a process of its own on the session
bus (as the real ones are), saying each call it gets as one line on standard output.

    python -m tests.support.fake_desktop [portal] [portal-without-inhibit] [screensaver]

Its methods have the real services' D-Bus signatures, so a call with the wrong argument
types fails here as it would there. It prints ``ready`` once its names are taken.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, cast

from PySide6.QtCore import ClassInfo, QCoreApplication, QObject, Slot
from PySide6.QtDBus import QDBusAbstractAdaptor, QDBusConnection, QDBusObjectPath

from hiptimer.ui.desktop.keep_awake import PortalInhibitor, ScreenSaverInhibitor

BUS = QDBusConnection.sessionBus()
EXPORT = QDBusConnection.RegisterOption.ExportAdaptors


def say(line: str) -> None:
    print(line, flush=True)


def interface(name: str) -> Callable[[type[Any]], type[Any]]:
    info: Any = ClassInfo
    return cast(Callable[[type[Any]], type[Any]], info({"D-Bus Interface": name}))


@interface(PortalInhibitor.REQUEST)
class RequestAdaptor(QDBusAbstractAdaptor):
    def __init__(self, parent: QObject, path: str) -> None:
        super().__init__(parent)
        self.path = path

    @Slot()
    def Close(self) -> None:
        say(f"portal Close {self.path}")
        BUS.unregisterObject(self.path)


@interface(PortalInhibitor.INTERFACE)
class InhibitAdaptor(QDBusAbstractAdaptor):
    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.requests: list[QObject] = []

    @Slot(str, "uint", "QVariantMap", result=QDBusObjectPath)
    def Inhibit(self, window: str, flags: int, options: dict[str, Any]) -> QDBusObjectPath:
        path = f"/org/freedesktop/portal/desktop/request/fake/{len(self.requests) + 1}"
        request = QObject()
        RequestAdaptor(request, path)
        self.requests.append(request)
        BUS.registerObject(path, request, EXPORT)
        say(f"portal Inhibit window={window!r} flags={flags} reason={options.get('reason')!r}"
            f" -> {path}")
        return QDBusObjectPath(path)


@interface(ScreenSaverInhibitor.SERVICE)
class ScreenSaverAdaptor(QDBusAbstractAdaptor):
    cookies = 0

    @Slot(str, str, result="uint")
    def Inhibit(self, application: str, reason: str) -> int:
        ScreenSaverAdaptor.cookies += 1
        say(f"screensaver Inhibit application={application!r} reason={reason!r}"
            f" -> {self.cookies}")
        return self.cookies

    @Slot("uint")
    def UnInhibit(self, cookie: int) -> None:
        say(f"screensaver UnInhibit {cookie}")


def main(services: list[str]) -> int:
    app = QCoreApplication([])
    keep: list[QObject] = []
    if "portal" in services or "portal-without-inhibit" in services:
        portal = QObject()
        if "portal" in services:
            InhibitAdaptor(portal)
        keep.append(portal)
        assert BUS.registerObject(PortalInhibitor.PATH, portal, EXPORT)
        assert BUS.registerService(PortalInhibitor.SERVICE)
    if "screensaver" in services:
        screensaver = QObject()
        ScreenSaverAdaptor(screensaver)
        keep.append(screensaver)
        assert BUS.registerObject(ScreenSaverInhibitor.PATH, screensaver, EXPORT)
        assert BUS.registerService(ScreenSaverInhibitor.SERVICE)
    say("ready")
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
