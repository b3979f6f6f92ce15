"""``hiptimer remind`` without the desktop: no session bus, ``--dry-run`` and ``--watch``.
None of it needs Qt."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from hiptimer.cli import main

MONDAY_EVENING = "2026-11-23T19:00:00+00:00"
PLAN = "hip-strength | mon thu | 18:00\nhip-mobility | tue | 08:00\n"


@pytest.fixture
def plan(data_dir: Path) -> Path:
    """The training plan, where ``hiptimer remind`` reads it (the one data folder, in tests)."""
    path = data_dir / "training-days.txt"
    path.write_text(PLAN)
    return path


def test_without_a_session_bus_it_says_so_in_one_line(plan: Path) -> None:
    env = {**os.environ, "DBUS_SESSION_BUS_ADDRESS": "unix:path=/nonexistent/bus"}
    env.pop("XDG_RUNTIME_DIR", None)
    result = subprocess.run([sys.executable, "-m", "hiptimer", "remind", "--now",
                             MONDAY_EVENING], env=env, capture_output=True, text=True,
                            timeout=60, check=False)
    assert result.returncode == 0
    assert result.stderr.count("\n") == 1
    assert "cannot reach the session bus" in result.stderr


def test_dry_run_sends_nothing_and_says_why_not(
        plan: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["remind", "--dry-run", "--now", MONDAY_EVENING]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "would remind: hip-strength at 18:00: 'Time for Hip internal rotation - strength'",
        "not now: hip-mobility at 08:00: not planned for today",
    ]


def test_dry_run_before_the_time(plan: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["remind", "--dry-run", "--now", "2026-11-23T17:00"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == \
        "not now: hip-strength at 18:00: its time has not come yet"


def test_a_broken_plan_is_named_with_its_line(plan: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    plan.write_text("hip-strength | mon | 18:00\nhip-mobility | someday | 08:00\n")
    assert main(["remind", "--dry-run", "--now", MONDAY_EVENING]) == 0
    captured = capsys.readouterr()
    assert f"{plan}:2:" in captured.err and "'someday' is not a day" in captured.err
    assert "would remind" not in captured.out


def test_watch_checks_again_every_five_minutes(monkeypatch: pytest.MonkeyPatch) -> None:
    from hiptimer.reminders import check

    checks: list[bool] = []
    pauses: list[float] = []

    class Enough(Exception):
        pass

    def sleep(seconds: float) -> None:
        pauses.append(seconds)
        if len(pauses) == 2:
            raise Enough

    monkeypatch.setattr(check, "remind_once", lambda dry_run, now=None: checks.append(dry_run))
    monkeypatch.setattr("time.sleep", sleep)
    with pytest.raises(Enough):
        check.cmd_remind(dry_run=False, watch=True)
    assert checks == [False, False] and pauses == [300, 300]


def test_nothing_is_sent_while_a_session_is_under_way(
        plan: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    from hiptimer.history.store import open_history

    with open_history() as store:  # a window of this process runs a session
        store.start("Hip internal rotation - mobility", None, "hash", 600.0)
    assert main(["remind", "--dry-run", "--now", MONDAY_EVENING]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        "a session is under way: nothing is sent until it is over (the next check sends it)")
    # Not even the session bus is tried: no notification can come up over the session.
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")
    assert main(["remind", "--now", MONDAY_EVENING]) == 0
    assert capsys.readouterr().err == ""
