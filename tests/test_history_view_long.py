"""The history window on a long history, as a person scrolls, selects, deletes and undoes:
the right sessions at the top and at the bottom, the counts right, and the history never
read whole."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from hiptimer.base.preferences import Settings
from hiptimer.history import tallies
from hiptimer.history.sessions import COMPLETED, STOPPED, SessionRecord
from hiptimer.history.store import HistoryStore
from hiptimer.history.weeks import week_count, weeks_on_target
from hiptimer.ui.history import view as view_module
from hiptimer.ui.history.dates import moment_text
from hiptimer.ui.history.view import COUNTING, HistoryView

from .support.history import StoreOpener

NOW = datetime(2026, 11, 25, 18, 0, tzinfo=UTC)  # a Wednesday
SESSIONS = 360


def long_store(store: HistoryStore, count: int = SESSIONS) -> HistoryStore:
    """A session every eleven hours back from now, each named for its place from the newest
    (``#0`` the newest); every fifth stopped after a third of its work."""
    for place in reversed(range(count)):
        when = NOW - timedelta(hours=11 * place + 1)
        session = store.start(f"#{place}", None, "abc", 600, when)
        store.add_work(session, "Frog stretch", None, 1, 1, 200 if place % 5 == 0 else 600)
        store.finish(session, STOPPED if place % 5 == 0 else COMPLETED,
                     when + timedelta(minutes=12), session_seconds=720)
    return store


def shown_view(qtbot: QtBot, store: HistoryStore, data_dir: Path) -> HistoryView:
    view = HistoryView(store, Settings(path=data_dir / "settings.ini"), now=NOW)
    qtbot.addWidget(view)
    view.resize(1000, 640)
    view.show()
    qtbot.waitExposed(view)
    return view


def visible_rows(table: QTableView) -> list[int]:
    """The rows a person sees in the table, top to bottom."""
    viewport = table.viewport()
    first = table.rowAt(0)
    last = table.rowAt(viewport.height() - 1)
    if last < 0:
        last = table.model().rowCount() - 1
    return list(range(first, last + 1))


def names(table: QTableView, rows: list[int]) -> list[str]:
    return [str(table.model().index(row, 1).data()) for row in rows]


def click_row(qtbot: QtBot, table: QTableView, row: int,
              modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    table.scrollTo(table.model().index(row, 0))
    place = table.visualRect(table.model().index(row, 0)).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, modifier, place)


def selected_names(table: QTableView) -> list[str]:
    rows = sorted(index.row() for index in table.selectionModel().selectedRows())
    return names(table, rows)


Reader = Callable[[HistoryStore], list[SessionRecord]]


@pytest.fixture
def never_whole(monkeypatch: pytest.MonkeyPatch) -> Reader:
    """Reading every session into Python at once fails the test; the test reads them so
    with the reader this gives, to know what the window should show."""
    reader: Reader = HistoryStore.sessions

    def whole(self: HistoryStore) -> None:
        raise AssertionError("the whole history was read")

    monkeypatch.setattr(HistoryStore, "sessions", whole)
    return reader


def summary(records: list[SessionRecord], target: int = 2) -> str:
    """The summary the window should show for ``records``, worked out from them all."""
    this_week = week_count(records, NOW)
    verdict = "on target" if this_week >= target else f"{target - this_week} to go"
    return (f"This week: {this_week} of {target} ({verdict}).   "
            f"Weeks in a row on target: {weeks_on_target(records, target, NOW)}.")


def test_the_newest_are_at_the_top_and_the_oldest_at_the_bottom(
        qtbot: QtBot, tmp_path: Path, data_dir: Path, open_store: StoreOpener,
        never_whole: Reader) -> None:
    store = long_store(open_store(tmp_path / "h.sqlite"))
    view = shown_view(qtbot, store, data_dir)
    table = view.sessions
    assert table.model().rowCount() == SESSIONS
    top = visible_rows(table)
    assert len(top) > 5 and names(table, top) == [f"#{n}" for n in top]
    first = table.model().index(0, 0).data()
    assert first == moment_text(NOW - timedelta(hours=1), view.locale())

    table.scrollToBottom()
    qtbot.wait(1)
    bottom = visible_rows(table)
    assert bottom[-1] == SESSIONS - 1
    assert names(table, bottom) == [f"#{n}" for n in bottom]
    oldest = table.model().index(SESSIONS - 1, 0).data()
    assert oldest == moment_text(NOW - timedelta(hours=11 * (SESSIONS - 1) + 1), view.locale())
    assert [table.model().index(SESSIONS - 1, c).data() for c in range(2, 6)] == [
        "completed", "10:00 of 10:00", "12:00", "yes"]
    assert [table.model().index(SESSIONS - 5, c).data() for c in range(2, 6)] == [
        "stopped", "3:20 of 10:00", "12:00", "no"]  # every fifth is stopped short
    assert view.summary.text() == summary(never_whole(store))
    totals = view.totals
    assert totals.rowCount() == SESSIONS  # one routine each
    assert sum(int(str(totals.model().index(r, 1).data())) for r in range(SESSIONS)) == (
        SESSIONS * 4 // 5)


def test_deleting_near_the_bottom_and_undoing_keeps_the_rows_and_the_selection(
        qtbot: QtBot, tmp_path: Path, data_dir: Path, open_store: StoreOpener,
        never_whole: Reader) -> None:
    store = long_store(open_store(tmp_path / "h.sqlite"))
    view = shown_view(qtbot, store, data_dir)
    table = view.sessions
    click_row(qtbot, table, 300)
    click_row(qtbot, table, 302, Qt.KeyboardModifier.ShiftModifier)
    click_row(qtbot, table, 340, Qt.KeyboardModifier.ControlModifier)
    assert selected_names(table) == ["#300", "#301", "#302", "#340"]
    qtbot.keyClick(table, Qt.Key.Key_Delete)

    assert view.undo_bar.label.text() == "Deleted 4 sessions."
    assert table.model().rowCount() == SESSIONS - 4
    assert not table.selectionModel().hasSelection()
    assert names(table, [298, 299, 300, 301, 336, 337]) == ["#298", "#299", "#303", "#304",
                                                            "#339", "#341"]
    table.scrollToBottom()
    qtbot.wait(1)
    assert names(table, visible_rows(table))[-1] == f"#{SESSIONS - 1}"

    qtbot.mouseClick(view.undo_bar.undo_button, Qt.MouseButton.LeftButton)
    assert table.model().rowCount() == SESSIONS
    assert selected_names(table) == ["#300", "#301", "#302", "#340"]
    assert 300 in visible_rows(table)  # brought back into sight, the first of them current
    assert table.currentIndex().row() == 300
    assert names(table, list(range(295, 345))) == [f"#{n}" for n in range(295, 345)]


def test_selecting_every_session_deletes_them_all_and_undo_brings_them_back(
        qtbot: QtBot, tmp_path: Path, data_dir: Path, open_store: StoreOpener) -> None:
    store = long_store(open_store(tmp_path / "h.sqlite"))
    view = shown_view(qtbot, store, data_dir)
    table = view.sessions
    click_row(qtbot, table, 0)
    qtbot.keyClick(table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.mouseClick(view.delete_sessions_button, Qt.MouseButton.LeftButton)
    assert view.undo_bar.label.text() == f"Deleted {SESSIONS} sessions."
    assert table.model().rowCount() == 0 and store.sessions() == []
    assert view.summary.text() == summary([])
    qtbot.keyClick(table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert table.model().rowCount() == SESSIONS
    assert len(table.selectionModel().selectedRows()) == SESSIONS


def test_a_long_history_is_counted_while_the_window_shows(
        qtbot: QtBot, tmp_path: Path, data_dir: Path, open_store: StoreOpener,
        monkeypatch: pytest.MonkeyPatch, never_whole: Reader) -> None:
    monkeypatch.setattr(view_module, "AT_ONCE", 100)
    monkeypatch.setattr(tallies, "CHUNK", 40)
    monkeypatch.setattr(tallies, "WEEKS", 3)
    store = long_store(open_store(tmp_path / "h.sqlite"))
    view = HistoryView(store, Settings(path=data_dir / "settings.ini"), now=NOW)
    qtbot.addWidget(view)
    assert view.summary.text() == COUNTING and view.totals.rowCount() == 0
    assert view.sessions.model().index(0, 1).data() == "#0"  # the rows show meanwhile
    view.show()
    qtbot.waitUntil(lambda: view.tallies is not None)
    assert view.summary.text() == summary(never_whole(store))
    assert view.totals.rowCount() == SESSIONS

    # A deletion while it counts starts the counting afresh, of what is left.
    click_row(qtbot, view.sessions, 0)
    view.target.setValue(3)  # counted again, for the new target
    assert view.summary.text() == COUNTING
    click_row(qtbot, view.sessions, 1)
    qtbot.keyClick(view.sessions, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: view.tallies is not None)
    assert view.summary.text() == summary(never_whole(store), 3)
    assert view.totals.rowCount() == SESSIONS - 1
    assert "#1" not in [view.totals.model().index(r, 0).data() for r in range(SESSIONS - 1)]


def test_a_damaged_row_far_down_shows_as_damaged(qtbot: QtBot, tmp_path: Path, data_dir: Path,
                                                open_store: StoreOpener) -> None:
    path = tmp_path / "h.sqlite"
    store = long_store(open_store(path))
    with closing(sqlite3.connect(path)) as db, db:
        db.execute("UPDATE sessions SET planned_work = 'lots' WHERE routine_name = '#250'")
    view = shown_view(qtbot, store, data_dir)
    table = view.sessions
    table.scrollTo(table.model().index(250, 0))
    status = table.model().index(250, 2)
    assert names(table, [250]) == ["#250"] and status.data() == "damaged"
    assert "planned_work 'lots' is not a number" in str(status.data(Qt.ItemDataRole.ToolTipRole))
    assert table.model().index(250, 5).data() == "no"
    help_at = table.visualRect(status).center()
    assert table.indexAt(QPoint(help_at)).row() == 250
