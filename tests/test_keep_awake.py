"""Keeping the screen awake: the desktop portal first, the screensaver service where there is
no portal (or it cannot inhibit), nothing where there is neither; and let go afterwards."""

from __future__ import annotations

import queue
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtWidgets import QApplication

from hiptimer.ui.desktop.keep_awake import (
    FallbackInhibitor,
    NullInhibitor,
    PortalInhibitor,
    ScreenSaverInhibitor,
    best_inhibitor,
)
from hiptimer.ui.desktop.qt_bus import QtBus

from .support.bus import BUS
from .support.checkout import REPO

pytestmark = pytest.mark.skipif(not BUS.running, reason="no dbus-daemon for a private bus")

REASON = "an exercise session is running"


class FakeDesktop:
    """The fake services' process, and each call it reports."""

    def __init__(self, services: list[str]) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.support.fake_desktop", *services],
            cwd=REPO, stdout=subprocess.PIPE, text=True)
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        assert self.next_line() == "ready"

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))

    def next_line(self) -> str:
        return self.lines.get(timeout=20)

    def said_nothing_more(self) -> bool:
        return self.lines.empty()

    def close(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)
        assert self.process.stdout is not None
        self.process.stdout.close()


@pytest.fixture
def bus(qapp: QApplication) -> Iterator[QtBus]:
    """The app's side: its own connection to the private bus."""
    made = QtBus.open()
    yield made
    made.close()


@pytest.fixture
def desktop(qapp: QApplication) -> Iterator[Callable[..., FakeDesktop]]:
    started: list[FakeDesktop] = []

    def start(*services: str) -> FakeDesktop:
        started.append(FakeDesktop(list(services)))
        return started[-1]

    yield start
    for made in started:
        made.close()


def test_the_portal_is_asked_first_and_its_request_closed(
        desktop: Callable[..., FakeDesktop], bus: QtBus) -> None:
    fake = desktop("portal", "screensaver")
    inhibitor = best_inhibitor(bus)
    inhibitor.inhibit(REASON)
    said = fake.next_line()
    assert said.startswith(f"portal Inhibit window='' flags=8 reason='{REASON}' -> ")
    handle = said.rpartition(" -> ")[2]
    inhibitor.inhibit(REASON)  # asked once while held
    inhibitor.release()
    assert fake.next_line() == f"portal Close {handle}"
    inhibitor.release()  # once released, nothing more to give back
    inhibitor.inhibit(REASON)
    assert fake.next_line().startswith("portal Inhibit")
    assert fake.said_nothing_more()  # the screensaver was never asked


def test_without_a_portal_that_inhibits_the_screensaver_is_asked(
        desktop: Callable[..., FakeDesktop], bus: QtBus) -> None:
    fake = desktop("portal-without-inhibit", "screensaver")
    inhibitor = best_inhibitor(bus)
    inhibitor.inhibit(REASON)
    said = fake.next_line()
    assert said.startswith(f"screensaver Inhibit application='hiptimer' reason='{REASON}' -> ")
    cookie = said.rpartition(" -> ")[2]
    inhibitor.release()
    assert fake.next_line() == f"screensaver UnInhibit {cookie}"


def test_only_the_screensaver_service(desktop: Callable[..., FakeDesktop],
                                      bus: QtBus) -> None:
    fake = desktop("screensaver")
    inhibitor = best_inhibitor(bus)
    assert isinstance(inhibitor, FallbackInhibitor)
    assert [type(way) for way in inhibitor.ways] == [ScreenSaverInhibitor]
    inhibitor.inhibit(REASON)
    assert fake.next_line().startswith("screensaver Inhibit")


def test_with_neither_nothing_is_asked_and_nothing_breaks(bus: QtBus) -> None:
    inhibitor = best_inhibitor(bus)
    assert isinstance(inhibitor, NullInhibitor)
    inhibitor.inhibit(REASON)
    inhibitor.release()
    assert not PortalInhibitor(bus).usable


def test_a_portal_that_went_away_is_not_waited_on(desktop: Callable[..., FakeDesktop],
                                                  bus: QtBus) -> None:
    fake = desktop("portal")
    inhibitor = best_inhibitor(bus)
    fake.close()
    inhibitor.inhibit(REASON)  # the call fails at once: the service has no owner any more
    inhibitor.release()
