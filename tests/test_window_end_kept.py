"""The window never loses the end of a session: one the history cannot take (a lock held
elsewhere, a disk that filled during the session) is said on the problem bar and in the
summary, tried again every few seconds while the window is open and once more as it closes,
and left beside the history for the next start when even that fails."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from hiptimer.history.recorder import RECORDED
from hiptimer.history.sessions import COMPLETED, RUNNING
from hiptimer.history.store import HistoryStore
from hiptimer.session.summary import UNRECORDED_LINE
from hiptimer.ui.window.session_control import SessionControl

from .support.full_disk import files_beside, fill, locked, small_disk
from .support.window import Harness

WAIT = 0.05
"""Seconds a write waits for a lock here: the lock never goes away while it waits."""
GONE = 999_999_999
"""A process id no process has: the window's process has gone."""


@pytest.fixture
def disk(tmp_path: Path) -> Iterator[Path]:
    with small_disk(tmp_path / "disk") as folder:
        yield folder


def claims_nothing(summary: str) -> bool:
    """The summary on the screen says the end is not recorded, and claims no count or step."""
    lines = summary.splitlines()
    return UNRECORDED_LINE in lines and not [
        line for line in lines if line.startswith(("This week", "Next time"))]


@contextmanager
def window_session(qtbot: QtBot, data_dir: Path, history: Path,
                   lock_at: float | None = None) -> Iterator[tuple[Harness, HistoryStore]]:
    """The window with ``history``, a session of daily-short started from the library and
    run to ``lock_at`` seconds (just before its end, unless told)."""
    ui = Harness(qtbot, data_dir)
    with HistoryStore(history, write_wait=WAIT) as store:
        ui.store = store
        ui.select("daily-short")
        qtbot.keyClick(ui.window.library.list, Qt.Key.Key_Return)
        ui.wait(590 if lock_at is None else lock_at)
        try:
            yield ui, store
        finally:
            ui.window.close()


def fire(qtbot: QtBot, control: SessionControl) -> None:
    """The retry timer's few seconds are up: it fires, and the end gets into the history."""
    assert control.end_retry.isActive() and control.end_retry.interval() <= 5000
    with qtbot.waitSignal(control.end_recorded, timeout=5000):
        control.end_retry.start(0)


def assert_recorded(ui: Harness, store: HistoryStore) -> None:
    assert RECORDED in ui.window.problem_label.text()
    summary = ui.view.description.text()
    assert "This week: 1 of 2 sessions" in summary and "\nNext time: level 1 of " in summary
    [record] = store.sessions()
    assert record.status is COMPLETED and record.completed_work == 450
    assert record.session_seconds == 605
    assert store.level(record.routine_name)[0] == 1
    assert files_beside(store.path.parent) == []


def test_the_window_tries_an_end_again_until_the_history_takes_it(
        qtbot: QtBot, data_dir: Path) -> None:
    with window_session(qtbot, data_dir, data_dir / "history.sqlite") as (ui, store):
        control = ui.window.session
        with locked(store.path) as lock:
            ui.wait(100)
            assert ui.view.banner.text() == "DONE"
            assert "the end of this session could not be written" in \
                ui.window.problem_label.text()
            assert claims_nothing(ui.view.description.text())
            assert [r.status for r in store.sessions()] == [RUNNING]
            control.retry_ends()  # what the timer does: still locked, so tried again later
            assert control.unrecorded and control.end_retry.isActive()
            lock.execute("ROLLBACK")
        fire(qtbot, control)
        assert_recorded(ui, store)
        assert not control.end_retry.isActive()


def test_the_window_writes_a_pending_end_as_it_closes(qtbot: QtBot, data_dir: Path) -> None:
    with window_session(qtbot, data_dir, data_dir / "history.sqlite") as (ui, store):
        with locked(store.path):
            ui.wait(100)
        ui.window.close()  # before its timer fires
        [record] = store.sessions()
        assert record.status is COMPLETED and store.level(record.routine_name)[0] == 1


def test_a_window_closed_with_an_end_pending_leaves_it_for_the_next_start(
        qtbot: QtBot, data_dir: Path, capfd: pytest.CaptureFixture[str]) -> None:
    path = data_dir / "history.sqlite"
    with window_session(qtbot, data_dir, path) as (ui, store), locked(path):
        ui.wait(100)
        ui.window.close()
        [room] = [p for p in data_dir.iterdir() if ".ending-" in p.name]
    told = capfd.readouterr().err
    assert "the end of this session could not be written to the history" in told
    assert "kept beside the history, and the next start of hiptimer writes it in" in told
    with HistoryStore(path) as store:
        store.db.execute("UPDATE sessions SET pid = ?", (GONE,))  # the window has gone
    with HistoryStore(path) as store:  # its next start
        [record] = store.sessions()
        assert record.status is COMPLETED and record.completed_work == 450
        assert store.level(record.routine_name)[0] == 1
    assert not room.exists()


def test_a_window_on_a_disk_that_fills_writes_the_end_once_there_is_room(
        qtbot: QtBot, data_dir: Path, disk: Path) -> None:
    with window_session(qtbot, data_dir, disk / "history.sqlite",
                        lock_at=400) as (ui, store):
        filler = fill(disk)
        ui.wait(300)
        assert ui.view.banner.text() == "DONE"
        problems = ui.window.problem_label.text()
        assert "could not be written" in problems and "full" in problems
        assert claims_nothing(ui.view.description.text())
        assert [r.status for r in store.sessions()] == [RUNNING]
        filler.unlink()
        fire(qtbot, ui.window.session)
        assert_recorded(ui, store)
