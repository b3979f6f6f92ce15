"""The history and range-of-motion views, as a person sees and uses them."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QLocale, Qt, QTime
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from hiptimer.base.language import Language
from hiptimer.base.preferences import Settings, read_settings
from hiptimer.history.motion import findings
from hiptimer.history.sessions import COMPLETED, INTERRUPTED, STOPPED
from hiptimer.history.store import HistoryStore
from hiptimer.session.feeling import Feeling
from hiptimer.ui.history.dates import date_text
from hiptimer.ui.history.view import HistoryView

from .support.history import StoreOpener
from .support.languages import LANGUAGES
from .support.screenshots import save_screenshot
from .support.uncut import cut_texts
from .support.window import Harness


def cell(table: QTableView, row: int, column: int) -> str:
    """The text a table shows in a cell."""
    text = table.model().index(row, column).data()
    assert isinstance(text, str), (row, column)
    return text


def row_count(table: QTableView) -> int:
    return table.model().rowCount()

NOW = datetime(2026, 11, 25, 18, 0, tzinfo=UTC)  # a Wednesday


def filled_store(store: HistoryStore) -> HistoryStore:
    """Two sessions a week for three weeks; this week's second stopped after a third of its
    work, so it does not count."""
    for weeks_ago, status in ((0, COMPLETED), (0, STOPPED), (1, COMPLETED), (1, COMPLETED),
                              (2, COMPLETED), (2, COMPLETED)):
        when = NOW - timedelta(weeks=weeks_ago, hours=3)
        session = store.start("Hip internal rotation - mobility", None, "abc", 600, when)
        store.add_work(session, "Frog stretch", None, 1, 1,
                       300 if status is COMPLETED else 200)
        store.finish(session, status, when + timedelta(minutes=12),
                     session_seconds=12 * 60 if status is COMPLETED else 8 * 60)
    return store


def test_the_history_view_counts_weeks_and_totals(qtbot: QtBot, tmp_path: Path, data_dir: Path,
                                                  open_store: StoreOpener) -> None:
    settings = Settings(path=data_dir / "settings.ini")
    view = HistoryView(filled_store(open_store(tmp_path / "h.sqlite")), settings, now=NOW)
    qtbot.addWidget(view)
    assert view.summary.text() == ("This week: 1 of 2 (1 to go).   "
                                   "Weeks in a row on target: 2.")
    assert row_count(view.sessions) == 6
    assert cell(view.sessions, 0, 2) in ("completed", "stopped")
    assert [cell(view.totals, 0, c) for c in range(4)] == [
        "Hip internal rotation - mobility", "5", "1", "28:20"]
    view.target.setValue(1)
    assert view.summary.text().startswith("This week: 1 of 1 (on target).")
    assert "Weeks in a row on target: 3." in view.summary.text()
    again, _ = read_settings(data_dir / "settings.ini")
    assert again.weekly_target == 1
    view.show()
    qtbot.wait(1)
    save_screenshot(view, "history-sessions.png")


def test_range_of_motion_is_recorded_charted_and_flagged(open_store: StoreOpener, qtbot: QtBot,
                                                         tmp_path: Path,
                                                         data_dir: Path) -> None:
    settings = Settings(path=data_dir / "settings.ini")
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
    assert "Left: 34° is below the typical 35-45°." in view.notes.text()
    assert "Left and right differ by 10°" not in view.notes.text()
    qtbot.wait(1)
    save_screenshot(view, "history-range-of-motion.png")


@pytest.fixture
def default_locale() -> Iterator[None]:
    """The test may set another default locale; the one before is put back after it."""
    before = QLocale()
    yield
    QLocale.setDefault(before)


def test_range_of_motion_dates_are_written_as_the_locale_writes_them(
        open_store: StoreOpener, qtbot: QtBot, tmp_path: Path, data_dir: Path,
        default_locale: None) -> None:
    settings = Settings(path=data_dir / "settings.ini")
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


@pytest.fixture
def in_utc() -> Iterator[None]:
    """Local time is UTC for the test, whatever the machine's zone; put back after it."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TZ", "UTC")
        time.tzset()
        yield
    time.tzset()


@pytest.mark.parametrize(("name", "started", "measured"), [
    ("de_DE", "Mi. 25.11.26 18:00", "01.09.26"),
    ("en_US", "Wed 11/25/26 6:00\u202fPM", "9/1/26"),
    # No language set: ISO dates, not Qt's "1 09 2026".
    ("C", "Wed 2026-11-25 18:00", "2026-09-01"),
])
def test_every_date_in_the_window_is_written_one_way(
        open_store: StoreOpener, qtbot: QtBot, tmp_path: Path, data_dir: Path,
        default_locale: None, in_utc: None, name: str, started: str, measured: str) -> None:
    QLocale.setDefault(QLocale(name))
    store = open_store(tmp_path / "h.sqlite")
    session = store.start("Daily", None, "abc", 450, NOW)
    store.add_work(session, "Frog", None, 1, 1, 450)
    store.finish(session, COMPLETED, NOW + timedelta(minutes=10), session_seconds=605)
    store.add_motion(date(2026, 9, 1), "left", 30)
    view = shown_view(qtbot, store, data_dir, tab=1)
    assert cell(view.sessions, 0, 0) == started.replace("\u202f", _time_gap(name))
    assert cell(view.measurements, 0, 0) == measured
    assert view.chart.date_labels() == [measured]
    click_row(qtbot, view.measurements, 0)
    assert view.when.text() == measured  # the field to type a date in writes it alike


def _time_gap(name: str) -> str:
    """The space before AM or PM: narrow and unbreakable in newer locale data."""
    shown = QLocale(name).toString(QTime(18, 0), QLocale.FormatType.ShortFormat)
    return shown[-3] if shown.endswith("PM") else "\u202f"


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
    assert view is not None and row_count(view.sessions) == 0
    view.close()
    ui.window.close()


def settings_in(data_dir: Path) -> Settings:
    return Settings(path=data_dir / "settings.ini")


def shown_view(qtbot: QtBot, store: HistoryStore, data_dir: Path, tab: int = 0,
               size: tuple[int, int] = (1000, 640)) -> HistoryView:
    view = HistoryView(store, settings_in(data_dir), now=NOW)
    qtbot.addWidget(view)
    view.tabs.setCurrentIndex(tab)
    view.resize(*size)
    view.show()
    qtbot.waitExposed(view)
    return view


def rows(table: QTableView) -> list[list[str]]:
    model = table.model()
    return [[cell(table, r, c) for c in range(model.columnCount())]
            for r in range(model.rowCount())]


def headers(table: QTableView) -> list[str]:
    model = table.model()
    return [str(model.headerData(c, Qt.Orientation.Horizontal))
            for c in range(model.columnCount())]


def click_row(qtbot: QtBot, table: QTableView, row: int,
              modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """A click on the row's first cell, as a person selects it (Shift or Ctrl for more)."""
    place = table.visualRect(table.model().index(row, 0)).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, modifier, place)


def test_sessions_show_whole_seconds_as_clock_figures(qtbot: QtBot, tmp_path: Path,
                                                       data_dir: Path,
                                                       open_store: StoreOpener) -> None:
    store = open_store(tmp_path / "h.sqlite")
    short = store.start("Short", None, "abc", 900.4, NOW - timedelta(hours=2))
    store.add_work(short, "Frog stretch", None, 1, 1, 299.5)
    store.finish(short, STOPPED, NOW - timedelta(hours=1), session_seconds=425.4)
    long = store.start("Long", None, "abc", 3900, NOW - timedelta(hours=1))
    store.add_work(long, "Pigeon", "left", 1, 1, 3899.6)
    store.finish(long, COMPLETED, NOW, session_seconds=4500)
    cut_off = store.start("Cut off", None, "abc", 600, NOW - timedelta(hours=3))
    store.add_work(cut_off, "Pigeon", "left", 1, 1, 400)
    store.finish(cut_off, INTERRUPTED, NOW - timedelta(hours=2))  # how long: not known
    store.rate(long, Feeling.RIGHT)
    view = shown_view(qtbot, store, data_dir)
    assert headers(view.sessions) == ["Started", "Routine", "Status", "Work", "Session",
                                      "Counts", "Felt"]
    assert headers(view.totals) == ["Routine", "Counted", "Not counted", "Work"]
    assert [row[1:] for row in rows(view.sessions)] == [
        ["Long", "completed", "1:05:00 of 1:05:00", "1:15:00", "yes", "About right"],
        ["Short", "stopped", "5:00 of 15:00", "7:05", "no", "—"],
        ["Cut off", "interrupted", "6:40 of 10:00", "—", "yes", "—"]]
    assert rows(view.totals) == [["Cut off", "1", "0", "6:40"], ["Long", "1", "0", "1:05:00"],
                                 ["Short", "0", "1", "5:00"]]
    assert view.rule.text() == ("A session counts towards the week with at least 2 minutes "
                                "of work, completed or stopped after half its planned work.")


def test_selected_sessions_are_deleted_at_once_and_undo_brings_them_back(
        qtbot: QtBot, tmp_path: Path, data_dir: Path, open_store: StoreOpener) -> None:
    view = shown_view(qtbot, filled_store(open_store(tmp_path / "h.sqlite")), data_dir)
    before, totals, summary = rows(view.sessions), rows(view.totals), view.summary.text()
    assert not view.delete_sessions_button.isEnabled()
    assert view.undo_bar.isHidden()

    # This week's two and the first of last week: three rows, picked with Shift.
    click_row(qtbot, view.sessions, 0)
    click_row(qtbot, view.sessions, 2, Qt.KeyboardModifier.ShiftModifier)
    assert view.delete_sessions_button.isEnabled()
    qtbot.mouseClick(view.delete_sessions_button, Qt.MouseButton.LeftButton)

    assert rows(view.sessions) == before[3:]
    assert rows(view.totals) == [["Hip internal rotation - mobility", "3", "0", "15:00"]]
    assert view.summary.text() == ("This week: 0 of 2 (2 to go).   "
                                   "Weeks in a row on target: 0.")
    assert view.undo_bar.isVisible()
    assert view.undo_bar.label.text() == "Deleted 3 sessions."
    assert not view.delete_sessions_button.isEnabled()
    save_screenshot(view, "history-sessions-deleted.png")

    qtbot.mouseClick(view.undo_bar.undo_button, Qt.MouseButton.LeftButton)
    assert rows(view.sessions) == before
    assert rows(view.totals) == totals
    assert view.summary.text() == summary
    assert view.undo_bar.isHidden()


def test_the_delete_key_deletes_and_a_new_deletion_replaces_the_undo(
        qtbot: QtBot, tmp_path: Path, data_dir: Path, open_store: StoreOpener) -> None:
    view = shown_view(qtbot, filled_store(open_store(tmp_path / "h.sqlite")), data_dir)
    before = rows(view.sessions)
    click_row(qtbot, view.sessions, 5)
    qtbot.keyClick(view.sessions, Qt.Key.Key_Delete)
    assert rows(view.sessions) == before[:5]
    assert view.undo_bar.label.text() == "Deleted 1 session."

    click_row(qtbot, view.sessions, 0)
    click_row(qtbot, view.sessions, 1, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view.sessions, Qt.Key.Key_Delete)
    assert rows(view.sessions) == before[2:5]
    assert view.undo_bar.label.text() == "Deleted 2 sessions."

    # Undo undoes what the bar says, the last deletion; the first one stays done.
    qtbot.mouseClick(view.undo_bar.undo_button, Qt.MouseButton.LeftButton)
    assert rows(view.sessions) == before[:5]
    assert len(view.sessions.selectionModel().selectedRows()) == 2  # shown again, selected
    assert view.undo_bar.isHidden()


def test_dismissing_the_bar_keeps_the_deletion(qtbot: QtBot, tmp_path: Path, data_dir: Path,
                                               open_store: StoreOpener) -> None:
    store = filled_store(open_store(tmp_path / "h.sqlite"))
    view = shown_view(qtbot, store, data_dir)
    click_row(qtbot, view.sessions, 0)
    qtbot.mouseClick(view.delete_sessions_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(view.undo_bar.dismiss_button, Qt.MouseButton.LeftButton)
    assert view.undo_bar.isHidden()
    assert row_count(view.sessions) == 5 and len(store.sessions()) == 5


def test_a_running_session_is_not_deleted(qtbot: QtBot, tmp_path: Path, data_dir: Path,
                                          open_store: StoreOpener) -> None:
    store = filled_store(open_store(tmp_path / "h.sqlite"))
    running = store.start("Running now", None, "abc", 600, NOW)
    store.add_work(running, "Frog stretch", None, 1, 1, 42)
    view = shown_view(qtbot, store, data_dir)
    before = rows(view.sessions)
    assert before[0][1:3] == ["Running now", "running"]
    click_row(qtbot, view.sessions, 0)
    click_row(qtbot, view.sessions, 1, Qt.KeyboardModifier.ShiftModifier)
    qtbot.mouseClick(view.delete_sessions_button, Qt.MouseButton.LeftButton)
    assert rows(view.sessions) == before
    assert len(store.sessions()) == 7
    assert view.refusal.isVisible()
    assert view.refusal.text().startswith("Nothing was deleted: ")
    assert "running" in view.refusal.text()
    assert view.undo_bar.isHidden()
    save_screenshot(view, "history-sessions-refused.png")

    click_row(qtbot, view.sessions, 1)
    qtbot.keyClick(view.sessions, Qt.Key.Key_Delete)
    assert view.refusal.isHidden()
    assert row_count(view.sessions) == 6


def measured_store(store: HistoryStore) -> HistoryStore:
    start = date(2026, 9, 1)
    for week, (left, right) in enumerate([(28, 40), (30, 41), (33, 42)]):
        store.add_motion(start + timedelta(weeks=week), "left", left)
        store.add_motion(start + timedelta(weeks=week), "right", right)
    return store


def test_a_measurement_is_corrected_and_the_correction_undone(
        qtbot: QtBot, tmp_path: Path, data_dir: Path, open_store: StoreOpener) -> None:
    store = measured_store(open_store(tmp_path / "h.sqlite"))
    view = shown_view(qtbot, store, data_dir, tab=1)
    day = date_text(date(2026, 9, 15), view.locale())
    before = rows(view.measurements)
    assert before[:2] == [[day, "right", "42°"], [day, "left", "33°"]]
    assert not view.correct_button.isEnabled() and view.add_button.isEnabled()
    assert "Left: 33° is below the typical 35-45°." in view.notes.text()

    click_row(qtbot, view.measurements, 1)
    assert view.when.date() == QDate(2026, 9, 15)
    assert view.side.currentText() == "left" and view.degrees.value() == 33
    assert view.correct_button.isEnabled()
    view.degrees.setValue(38)
    qtbot.mouseClick(view.correct_button, Qt.MouseButton.LeftButton)

    assert rows(view.measurements)[1] == [day, "left", "38°"]
    assert row_count(view.measurements) == 6
    assert view.chart.measurements[-2] == (date(2026, 9, 15), "left", 38.0)
    assert "Left: 38° is within the typical 35-45°." in view.notes.text()
    assert view.undo_bar.label.text() == f"Corrected the measurement of {day}."
    assert view.correct_button.isEnabled()  # still selected, for another try
    save_screenshot(view, "history-range-of-motion-corrected.png")

    qtbot.mouseClick(view.undo_bar.undo_button, Qt.MouseButton.LeftButton)
    assert rows(view.measurements) == before
    assert view.chart.measurements[-2] == (date(2026, 9, 15), "left", 33.0)
    assert "Left: 33° is below the typical 35-45°." in view.notes.text()
    assert view.undo_bar.isHidden()


def test_a_correction_can_move_a_measurement_to_another_day_and_side(
        qtbot: QtBot, tmp_path: Path, data_dir: Path, open_store: StoreOpener) -> None:
    store = measured_store(open_store(tmp_path / "h.sqlite"))
    view = shown_view(qtbot, store, data_dir, tab=1)
    click_row(qtbot, view.measurements, 5)  # the oldest: 1 September, left, 28°
    view.when.setDate(QDate(2026, 9, 29))
    view.side.setCurrentText("right")
    qtbot.mouseClick(view.correct_button, Qt.MouseButton.LeftButton)
    assert rows(view.measurements)[0] == [date_text(date(2026, 9, 29), view.locale()),
                                          "right", "28°"]
    assert view.undo_bar.label.text() == (
        f"Corrected the measurement of {date_text(date(2026, 9, 1), view.locale())}.")
    assert "Right: 28° is below the typical 35-45°." in view.notes.text()


def test_measurements_are_deleted_with_the_button_or_the_key_and_come_back(
        qtbot: QtBot, tmp_path: Path, data_dir: Path, open_store: StoreOpener) -> None:
    store = measured_store(open_store(tmp_path / "h.sqlite"))
    view = shown_view(qtbot, store, data_dir, tab=1)
    before = rows(view.measurements)
    assert not view.delete_measurements_button.isEnabled()

    click_row(qtbot, view.measurements, 0)
    click_row(qtbot, view.measurements, 1, Qt.KeyboardModifier.ShiftModifier)
    assert not view.correct_button.isEnabled()  # a correction is for one measurement
    qtbot.mouseClick(view.delete_measurements_button, Qt.MouseButton.LeftButton)
    assert rows(view.measurements) == before[2:]
    assert view.undo_bar.label.text() == "Deleted 2 measurements."
    assert view.chart.measurements[-1] == (date(2026, 9, 8), "right", 41.0)
    assert "Left: 30° is below" in view.notes.text()

    qtbot.mouseClick(view.undo_bar.undo_button, Qt.MouseButton.LeftButton)
    assert rows(view.measurements) == before
    assert view.chart.measurements[-1] == (date(2026, 9, 15), "right", 42.0)

    click_row(qtbot, view.measurements, 5)
    qtbot.keyClick(view.measurements, Qt.Key.Key_Delete)
    assert rows(view.measurements) == before[:5]
    assert view.undo_bar.label.text() == "Deleted 1 measurement."
    assert len(store.motion()) == 5


@pytest.mark.parametrize("spoken", LANGUAGES, indirect=True)
@pytest.mark.parametrize("size", [(1000, 640), (800, 600)])
def test_both_tabs_fit_the_window_with_the_undo_bar(
        qtbot: QtBot, tmp_path: Path, data_dir: Path, open_store: StoreOpener,
        size: tuple[int, int], spoken: Language) -> None:
    """In every language, whose words may be longer than the English: nothing cut."""
    store = measured_store(filled_store(open_store(tmp_path / "h.sqlite")))
    view = shown_view(qtbot, store, data_dir, size=size)
    click_row(qtbot, view.sessions, 0)
    qtbot.keyClick(view.sessions, Qt.Key.Key_Delete)
    qtbot.wait(1)
    shown_in = "" if spoken is Language.ENGLISH else f"-{spoken.code}"
    save_screenshot(view, f"history-sessions-{size[0]}x{size[1]}{shown_in}.png")
    assert cut_texts(view) == []
    view.tabs.setCurrentIndex(1)
    click_row(qtbot, view.measurements, 0)
    qtbot.keyClick(view.measurements, Qt.Key.Key_Delete)
    qtbot.wait(1)
    save_screenshot(view, f"history-range-of-motion-{size[0]}x{size[1]}{shown_in}.png")
    assert cut_texts(view) == []
    for button in (view.add_button, view.correct_button, view.delete_measurements_button,
                   view.undo_bar.undo_button, view.undo_bar.dismiss_button):
        assert button.isVisible()
        assert button.width() >= button.sizeHint().width(), button.text()
    if spoken is not Language.ENGLISH:  # the window speaks the language, not English
        assert view.tabs.tabText(1) != "Range of motion"
    assert view.chart.height() >= view.chart.minimumHeight()
    assert view.measurements.viewport().height() > 3 * view.measurements.rowHeight(0)


def test_ctrl_z_undoes_what_the_bar_offers(qtbot: QtBot, tmp_path: Path, data_dir: Path,
                                           open_store: StoreOpener) -> None:
    view = shown_view(qtbot, filled_store(open_store(tmp_path / "h.sqlite")), data_dir)
    before = rows(view.sessions)
    click_row(qtbot, view.sessions, 0)
    qtbot.keyClick(view.sessions, Qt.Key.Key_Delete)
    assert row_count(view.sessions) == 5
    qtbot.keyClick(view.sessions, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert rows(view.sessions) == before
    assert view.undo_bar.isHidden()
    qtbot.keyClick(view.sessions, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert rows(view.sessions) == before  # nothing more to undo

    # After a click on Delete the table has no focus: Ctrl+Z still undoes.
    click_row(qtbot, view.sessions, 1)
    qtbot.mouseClick(view.delete_sessions_button, Qt.MouseButton.LeftButton)
    assert row_count(view.sessions) == 5
    qtbot.keyClick(view.undo_bar.undo_button, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert rows(view.sessions) == before


def test_the_guided_self_test_saves_the_middle_reading_of_each_side(
        open_store: StoreOpener, qtbot: QtBot, tmp_path: Path, data_dir: Path) -> None:
    from hiptimer.history.motion import Side

    from .support.readings import type_side

    settings = Settings(path=data_dir / "settings.ini")
    store = open_store(tmp_path / "h.sqlite")
    view = HistoryView(store, settings, now=NOW)
    qtbot.addWidget(view)
    view.tabs.setCurrentIndex(1)
    view.show()
    qtbot.mouseClick(view.measure_button, Qt.MouseButton.LeftButton)
    test = view.self_test
    qtbot.waitExposed(test)
    assert test.isModal()
    type_side(qtbot, test, Side.LEFT, "31", "35", "33")
    type_side(qtbot, test, Side.RIGHT, "40", "44", "41")
    assert view.undo_bar.isHidden() and store.motion() == []  # nothing said saved yet
    qtbot.mouseClick(test.save_button, Qt.MouseButton.LeftButton)
    assert store.motion() == [(NOW.date(), "left", 33.0), (NOW.date(), "right", 41.0)]
    assert cell(view.measurements, 0, 2) in ("33°", "41°")
    assert "Left: 33° is below the typical 35-45°." in view.notes.text()
    # Saved, and only now said so, with the way back.
    day = date_text(NOW.date(), view.locale())
    assert view.undo_bar.isVisible()
    assert view.undo_bar.label.text() == f"Saved the self-test of {day}: left 33°, right 41°."
    qtbot.mouseClick(view.undo_bar.undo_button, Qt.MouseButton.LeftButton)
    assert store.motion() == [] and row_count(view.measurements) == 0


def test_a_damaged_row_shows_as_damaged_with_its_reason_and_never_counts(
        qtbot: QtBot, tmp_path: Path, data_dir: Path, open_store: StoreOpener) -> None:
    path = tmp_path / "h.sqlite"
    store = filled_store(open_store(path))
    with closing(sqlite3.connect(path)) as db, db:
        db.execute("UPDATE sessions SET started_at = 'garbage' WHERE id = 1")
    view = HistoryView(store, Settings(path=data_dir / "settings.ini"), now=NOW)
    qtbot.addWidget(view)
    damaged = next(r for r in range(row_count(view.sessions))
                   if cell(view.sessions, r, 2) == "damaged")
    assert cell(view.sessions, damaged, 0) == "?" and cell(view.sessions, damaged, 5) == "no"
    status = view.sessions.model().index(damaged, 2)
    assert "started_at" in str(status.data(Qt.ItemDataRole.ToolTipRole))
    assert "started_at" in str(status.data(Qt.ItemDataRole.AccessibleDescriptionRole))
    assert view.summary.text().startswith("This week: 0 of 2")  # it no longer counts
