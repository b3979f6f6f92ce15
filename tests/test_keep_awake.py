"""Keeping the screen awake: the desktop portal first, the screensaver service where there is
no portal (or it cannot inhibit), nothing where there is neither; and let go afterwards.

Nothing is waited for: each question goes out and its answer comes while the event loop
runs, so a test waits with the loop running for what the fake services say."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator

import pytest
from pytestqt.qtbot import QtBot

from hiptimer.ui.desktop.keep_awake import (
    FallbackInhibitor,
    PortalInhibitor,
    ScreenSaverInhibitor,
    best_inhibitor,
)
from hiptimer.ui.desktop.qt_bus import QtBus

from .support.bus import BUS
from .support.desktop_services import FakeDesktop

pytestmark = pytest.mark.skipif(not BUS.running, reason="no dbus-daemon for a private bus")

REASON = "an exercise session is running"
SHORT_TIMEOUT = 0.5
"""How long the app's calls wait here, in seconds, so a stuck service is given up on soon."""


@pytest.fixture
def bus(qtbot: QtBot) -> Iterator[QtBus]:
    """The app's side: its own connection to the private bus."""
    made = QtBus.open(timeout=SHORT_TIMEOUT)
    qtbot.waitUntil(lambda: bool(made.unique_name))
    yield made
    made.close()


@pytest.fixture
def desktop(qtbot: QtBot) -> Iterator[Callable[..., FakeDesktop]]:
    started: list[FakeDesktop] = []

    def start(*services: str) -> FakeDesktop:
        started.append(FakeDesktop(qtbot, list(services)))
        return started[-1]

    yield start
    for made in started:
        made.close()


def settled(qtbot: QtBot, inhibitor: FallbackInhibitor) -> None:
    """Wait, with the event loop running, until every service has answered."""
    qtbot.waitUntil(lambda: inhibitor.settled, timeout=10_000)


def test_the_portal_is_asked_first_and_its_request_closed(
        desktop: Callable[..., FakeDesktop], bus: QtBus, qtbot: QtBot) -> None:
    fake = desktop("portal", "screensaver")
    inhibitor = best_inhibitor(bus)
    inhibitor.inhibit(REASON)
    said = fake.next_line()
    assert said.startswith(f"portal Inhibit window='' flags=8 reason='{REASON}' -> ")
    handle = said.rpartition(" -> ")[2]
    settled(qtbot, inhibitor)
    inhibitor.inhibit(REASON)  # asked once while held
    inhibitor.release()
    assert fake.next_line() == f"portal Close {handle}"
    inhibitor.release()  # once released, nothing more to give back
    inhibitor.inhibit(REASON)
    assert fake.next_line().startswith("portal Inhibit")
    settled(qtbot, inhibitor)
    assert fake.said_nothing_more()  # the screensaver was never asked


def test_without_a_portal_that_inhibits_the_screensaver_is_asked(
        desktop: Callable[..., FakeDesktop], bus: QtBus, qtbot: QtBot) -> None:
    fake = desktop("portal-without-inhibit", "screensaver")
    inhibitor = best_inhibitor(bus)
    inhibitor.inhibit(REASON)
    said = fake.next_line()
    assert said.startswith(f"screensaver Inhibit application='hiptimer' reason='{REASON}' -> ")
    cookie = said.rpartition(" -> ")[2]
    settled(qtbot, inhibitor)
    inhibitor.release()
    assert fake.next_line() == f"screensaver UnInhibit {cookie}"


def test_only_the_screensaver_service(desktop: Callable[..., FakeDesktop], bus: QtBus,
                                      qtbot: QtBot) -> None:
    fake = desktop("screensaver")
    inhibitor = best_inhibitor(bus)
    inhibitor.inhibit(REASON)
    assert fake.next_line().startswith("screensaver Inhibit")
    settled(qtbot, inhibitor)
    assert {type(way): usable for way, usable in inhibitor.usable.items()} == {
        PortalInhibitor: False, ScreenSaverInhibitor: True}
    assert isinstance(inhibitor.holding, ScreenSaverInhibitor)


def test_with_neither_nothing_is_asked_and_nothing_breaks(bus: QtBus, qtbot: QtBot) -> None:
    inhibitor = best_inhibitor(bus)
    inhibitor.inhibit(REASON)
    settled(qtbot, inhibitor)
    assert not any(inhibitor.usable.values()) and inhibitor.holding is None
    inhibitor.release()


def test_a_portal_that_went_away_is_not_waited_on(desktop: Callable[..., FakeDesktop],
                                                  bus: QtBus, qtbot: QtBot) -> None:
    fake = desktop("portal")
    inhibitor = best_inhibitor(bus)
    inhibitor.inhibit(REASON)
    assert fake.next_line().startswith("portal Inhibit")
    settled(qtbot, inhibitor)
    fake.close()
    inhibitor.release()  # the call fails at once: the service has no owner any more
    inhibitor.inhibit(REASON)
    settled(qtbot, inhibitor)
    assert inhibitor.holding is None


def test_a_portal_that_never_answers_costs_only_itself_and_is_said_once(
        desktop: Callable[..., FakeDesktop], bus: QtBus, qtbot: QtBot,
        caplog: pytest.LogCaptureFixture) -> None:
    stuck = desktop("portal")
    stuck.stop()  # it holds the portal's name and never answers
    screensaver = desktop("screensaver")
    caplog.set_level(logging.INFO, logger="hiptimer.ui.desktop.keep_awake")
    inhibitor = best_inhibitor(bus)
    inhibitor.inhibit(REASON)  # returns at once; the portal is given up on after the timeout
    assert screensaver.next_line().startswith("screensaver Inhibit")
    settled(qtbot, inhibitor)
    silent = [record.getMessage() for record in caplog.records]
    assert silent == [f"keeping the screen awake: {PortalInhibitor.SERVICE} did not answer "
                      f"within {SHORT_TIMEOUT:g} s; it is not asked again"]
    inhibitor.release()
    assert screensaver.next_line().startswith("screensaver UnInhibit")
    inhibitor.inhibit(REASON)  # the silent portal is not asked again, nor said again
    assert screensaver.next_line().startswith("screensaver Inhibit")
    settled(qtbot, inhibitor)
    assert len(caplog.records) == 1
