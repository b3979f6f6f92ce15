"""``hiptimer remind`` end to end: the notification it sends on the session bus, the Start
button, once a day, not after the routine was done, and what it says with no service.

The notification service is a fake one on the test run's private bus, in this process (run
by pytest-qt's event loop while the command runs in a process of its own).
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtDBus import QDBusConnection
from pytestqt.qtbot import QtBot

from hiptimer.base.identity import APP_ID, APP_NAME
from hiptimer.base.locations import builtin_routines_dir
from hiptimer.history.sessions import SessionStatus
from hiptimer.history.store import HistoryStore
from tests.support.fake_notifications import SERVICE, Answer, FakeNotifications

from .support.bus import BUS

MONDAY_EVENING = "2026-11-23T19:00:00+00:00"
PLAN = "hip-strength | mon thu | 18:00\nhip-mobility | tue | 08:00\n"
WAIT_MS = 20_000

needs_bus = pytest.mark.skipif(not BUS.running, reason="no dbus-daemon to run a private bus")


@pytest.fixture
def plan(data_dir: Path) -> Path:
    """The training plan, where ``hiptimer remind`` reads it (the one data folder, in tests)."""
    path = data_dir / "training-days.txt"
    path.write_text(PLAN)
    return path


@pytest.fixture
def launched(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where a stand-in for ``hiptimer`` writes the arguments it was started with."""
    record = tmp_path / "launched.json"
    script = tmp_path / "fake_hiptimer.py"
    script.write_text("import json, sys\n"
                      f"open({str(record)!r}, 'w').write(json.dumps(sys.argv[1:]))\n")
    monkeypatch.setenv("HIPTIMER_LAUNCHER", f"{sys.executable} {script}")
    return record


def _service(answer: Answer) -> Iterator[FakeNotifications]:
    service = FakeNotifications(answer)
    assert service.register(), "the notification service's name is taken on the private bus"
    yield service
    service.unregister()
    assert not QDBusConnection.sessionBus().interface().isServiceRegistered(SERVICE).value()


@pytest.fixture
def clicks_start(qtbot: QtBot) -> Iterator[FakeNotifications]:
    yield from _service(Answer.START)


@pytest.fixture
def closes(qtbot: QtBot) -> Iterator[FakeNotifications]:
    yield from _service(Answer.CLOSE)


def _remind(qtbot: QtBot, *args: str) -> subprocess.CompletedProcess[str]:
    """Runs ``hiptimer remind`` while this process's event loop serves the fake service."""
    process = subprocess.Popen([sys.executable, "-m", "hiptimer", "remind", *args],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    qtbot.waitUntil(lambda: process.poll() is not None, timeout=WAIT_MS)
    out, err = process.communicate()
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


@needs_bus
def test_a_due_routine_is_notified_and_start_opens_it(
        qtbot: QtBot, plan: Path, launched: Path, clicks_start: FakeNotifications) -> None:
    result = _remind(qtbot, "--now", MONDAY_EVENING)
    assert result.returncode == 0, result.stderr
    [call] = clicks_start.calls
    assert call.signature == "susssasa{sv}i"
    name, replaces, icon, summary, body, actions, hints, timeout = call.arguments
    assert (name, replaces, icon) == (APP_NAME, 0, APP_ID)
    assert summary == "Time for Hip internal rotation - strength"
    assert "18:00" in body
    assert actions == ["start", "Start"]
    assert hints == {"signature": "a{sv}"}
    assert timeout == -1
    qtbot.waitUntil(launched.exists, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: launched.read_text() != "", timeout=WAIT_MS)
    assert json.loads(launched.read_text()) == [
        str(builtin_routines_dir() / "hip-strength.yaml"), "--start"]


@needs_bus
def test_a_reminder_comes_once_a_day(qtbot: QtBot, plan: Path, launched: Path,
                                     closes: FakeNotifications) -> None:
    assert _remind(qtbot, "--now", MONDAY_EVENING).returncode == 0
    assert _remind(qtbot, "--now", "2026-11-23T21:00:00+00:00").returncode == 0
    assert [call.summary for call in closes.calls] == \
        ["Time for Hip internal rotation - strength"]
    assert not launched.exists()  # closed, not started


@needs_bus
def test_a_routine_done_today_is_not_reminded(qtbot: QtBot, plan: Path, data_dir: Path,
                                              closes: FakeNotifications) -> None:
    with HistoryStore(data_dir / "history.sqlite") as store:
        session = store.start("Hip internal rotation - strength",
                              str(builtin_routines_dir() / "hip-strength.yaml"), "hash", 600,
                              when=datetime(2026, 11, 23, 7, 0, tzinfo=UTC))
        store.add_work(session, "Clamshell", "left", 1, 1, 600)
        store.finish(session, SessionStatus.COMPLETED,
                     datetime(2026, 11, 23, 7, 30, tzinfo=UTC))
    result = _remind(qtbot, "--now", MONDAY_EVENING)
    assert result.returncode == 0, result.stderr
    assert closes.calls == []


@needs_bus
def test_without_a_notification_service_it_says_so_in_one_line(qtbot: QtBot,
                                                                plan: Path) -> None:
    result = _remind(qtbot, "--now", MONDAY_EVENING)
    assert result.returncode == 0
    assert result.stderr.count("\n") == 1
    assert "no notification service" in result.stderr
