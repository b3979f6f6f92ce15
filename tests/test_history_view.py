"""The history and range-of-motion views, as a person sees and uses them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QLocale, QSettings
from PySide6.QtWidgets import QTableWidget
from pytestqt.qtbot import QtBot

from hiptimer.history.motion import findings
from hiptimer.history.store import COMPLETED, STOPPED, HistoryStore
from hiptimer.ui.history_view import HistoryView
from hiptimer.ui.settings import AppSettings

from .conftest import REPO, StoreOpener
from .test_window import Harness


def cell(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    assert item is not None, (row, column)
    return item.text()

NOW = datetime(2026, 11, 25, 18, 0, tzinfo=UTC)  # a Wednesday


def filled_store(store: HistoryStore) -> HistoryStore:
    for weeks_ago, status in ((0, COMPLETED), (0, STOPPED), (1, COMPLETED), (1, COMPLETED),
                              (2, COMPLETED), (2, COMPLETED)):
        when = NOW - timedelta(weeks=weeks_ago, hours=3)
        session = store.start("Hip internal rotation - mobility", None, "abc", 600, when)
        store.add_work(session, "Frog stretch", None, 1, 1, 300)
        store.finish(session, status, when + timedelta(minutes=12))
    return store


def test_the_history_view_counts_weeks_and_totals(qtbot: QtBot, tmp_path: Path, data_dir: Path,
                                                  open_store: StoreOpener) -> None:
    settings = AppSettings(QSettings(str(data_dir / "settings.ini"), QSettings.Format.IniFormat))
    view = HistoryView(filled_store(open_store(tmp_path / "h.sqlite")), settings, now=NOW)
    qtbot.addWidget(view)
    assert view.summary.text() == ("This week: 1 of 2 (1 to go).   "
                                   "Weeks in a row on target: 2.")
    assert view.sessions.rowCount() == 6
    assert cell(view.sessions, 0, 2) in ("completed", "stopped")
    assert [cell(view.totals, 0, c) for c in range(4)] == [
        "Hip internal rotation - mobility", "5", "1", "30m"]
    view.target.setValue(1)
    assert view.summary.text().startswith("This week: 1 of 1 (on target).")
    assert "Weeks in a row on target: 3." in view.summary.text()
    again = AppSettings(QSettings(str(data_dir / "settings.ini"), QSettings.Format.IniFormat))
    assert again.weekly_target == 1
    view.show()
    qtbot.wait(1)
    (REPO / "test-artifacts").mkdir(exist_ok=True)
    view.grab().save(str(REPO / "test-artifacts" / "history-sessions.png"))


def test_range_of_motion_is_recorded_charted_and_flagged(open_store: StoreOpener, qtbot: QtBot,
                                                         tmp_path: Path,
                                                         data_dir: Path) -> None:
    settings = AppSettings(QSettings(str(data_dir / "settings.ini"), QSettings.Format.IniFormat))
    store = open_store(tmp_path / "h.sqlite")
    view = HistoryView(store, settings, now=NOW)
    qtbot.addWidget(view)
    view.tabs.setCurrentIndex(1)
    view.resize(1000, 640)
    view.show()
    start = date(2026, 9, 1)
    for week, (left, right) in enumerate([(28, 40), (30, 41), (33, 42), (34, 44)]):
        view.add_measurement(start + timedelta(weeks=week), "left", left)
        view.add_measurement(start + timedelta(weeks=week), "right", right)
    assert len(store.motion()) == 8
    assert view.chart.measurements[-1] == (date(2026, 9, 22), "right", 44.0)
    assert "Left: 34° is below the usual 35-45°." in view.notes.text()
    assert "Left and right differ by 10°" not in view.notes.text()
    qtbot.wait(1)
    (REPO / "test-artifacts").mkdir(exist_ok=True)
    view.grab().save(str(REPO / "test-artifacts" / "history-range-of-motion.png"))


@pytest.fixture
def default_locale() -> Iterator[None]:
    """The test may set another default locale; the one before is put back after it."""
    before = QLocale()
    yield
    QLocale.setDefault(before)


def test_range_of_motion_dates_are_written_as_the_locale_writes_them(
        open_store: StoreOpener, qtbot: QtBot, tmp_path: Path, data_dir: Path,
        default_locale: None) -> None:
    settings = AppSettings(QSettings(str(data_dir / "settings.ini"), QSettings.Format.IniFormat))
    store = open_store(tmp_path / "h.sqlite")
    store.add_motion(date(2026, 9, 1), "left", 30)
    store.add_motion(date(2026, 9, 22), "right", 40)
    labels: dict[str, list[str]] = {}
    for name in ("en_US", "de_DE"):
        QLocale.setDefault(QLocale(name))
        view = HistoryView(store, settings, now=NOW)
        qtbot.addWidget(view)
        view.tabs.setCurrentIndex(1)
        view.show()
        view.chart.grab()  # painted with them, without a complaint
        labels[name] = view.chart.date_labels()
        short = QLocale(name).dateFormat(QLocale.FormatType.ShortFormat)
        assert labels[name] == [QDate(2026, 9, 1).toString(short),
                                QDate(2026, 9, 22).toString(short)]
    assert labels["en_US"] == ["9/1/26", "9/22/26"]
    assert labels["de_DE"] == ["01.09.26", "22.09.26"]
    assert not any("2026-09" in text for texts in labels.values() for text in texts)


def test_a_difference_of_more_than_ten_degrees_is_flagged() -> None:
    day = date(2026, 11, 1)
    notes = findings([(day, "left", 30), (day, "right", 42)])
    assert notes[-1].startswith("Left and right differ by 12°, more than 10°")
    assert findings([]) == []


def test_the_window_opens_the_history(open_store: StoreOpener, qtbot: QtBot,
                                      data_dir: Path) -> None:
    ui = Harness(qtbot, data_dir)
    assert ui.window.open_history() is None  # this window keeps no history
    ui.store = open_store(data_dir / "history.sqlite")
    view = ui.window.open_history()
    assert view is not None and view.sessions.rowCount() == 0
    view.close()
    ui.window.close()
