"""A long history read a page at a time, and counted by the database, gives what reading it
whole gives: the same rows, each checked alike, and the same weeks, streak and totals.

The rows are written with SQLite straight into a real history file, as the recorder, a hand
edit or a damaged disk would leave them.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hiptimer.history.pulse import Beat, encode, pulse_path
from hiptimer.history.session_pages import SessionPages
from hiptimer.history.sessions import COMPLETED, STOPPED, SessionRecord
from hiptimer.history.store import HISTORY_FILE, HistoryStore
from hiptimer.history.tallies import RoutineTotal, Tallies, Tally, tally
from hiptimer.history.weeks import week_count, weeks_on_target

from .support.history import StoreOpener

NOW = datetime(2026, 3, 4, 12, tzinfo=UTC)  # a Wednesday
COLUMNS = ("routine_name", "routine_file", "content_hash", "started_at", "ended_at",
           "planned_work", "completed_work", "status", "session_seconds")


def sound_row(started: datetime, name: str = "Daily", work: float = 600.0,
              status: str = "completed", *, whole: bool = False) -> dict[str, object]:
    """A session as the recorder writes one: its times to the microsecond, or on a
    ``whole`` second (written with no fraction then)."""
    if not whole:
        started += timedelta(microseconds=123456)
    return {"routine_name": name, "routine_file": None, "content_hash": "h",
            "started_at": started.isoformat(), "ended_at": (started + timedelta(minutes=12))
            .isoformat(), "planned_work": 600.0, "completed_work": work, "status": status,
            "session_seconds": 720.0}


def write_rows(path: Path, rows: list[dict[str, object]]) -> list[int]:
    """Sessions with these values, straight into the file (made with its schema when it is
    not there)."""
    if not path.exists():
        with HistoryStore(path):
            pass
    ids = []
    with closing(sqlite3.connect(path)) as db, db:
        db.execute("PRAGMA synchronous = OFF")  # a test's file: no need to wait for the disk
        for row in rows:
            cursor = db.execute(f"INSERT INTO sessions ({', '.join(row)}) "
                                f"VALUES ({', '.join('?' * len(row))})", tuple(row.values()))
            assert cursor.lastrowid is not None
            ids.append(cursor.lastrowid)
    return ids


def totals_of(records: list[SessionRecord]) -> list[tuple[str, int, int, float]]:
    """Each routine's totals as the history window once made them: from every record."""
    totals: dict[str, list[float]] = {}
    for record in records:
        row = totals.setdefault(record.routine_name, [0, 0, 0.0])
        row[0 if record.counts else 1] += 1
        row[2] += record.completed_work
    return [(name, int(v[0]), int(v[1]), round(v[2], 3)) for name, v in sorted(totals.items())]


def shown(routines: list[RoutineTotal]) -> list[tuple[str, int, int, float]]:
    return [(r.name, r.counted, r.not_counted, round(r.work, 3)) for r in routines]


def assert_read_alike(store: HistoryStore, target: int, now: datetime) -> Tallies:
    """Pages and counts over the store's history are what reading it whole gives."""
    records = store.sessions()
    pages = SessionPages(store)
    assert pages.count() == len(records)
    assert pages.page(0, len(records) + 5) == records[::-1]
    counted = tally(pages, target, now)
    assert counted.sessions == len(records)
    assert counted.this_week == week_count(records, now)
    assert counted.in_a_row == weeks_on_target(records, target, now)
    assert shown(counted.routines) == totals_of(records)
    return counted


def test_pages_hold_the_sessions_newest_first_from_either_end(open_store: StoreOpener,
                                                              tmp_path: Path) -> None:
    path = tmp_path / HISTORY_FILE
    write_rows(path, [sound_row(NOW - timedelta(hours=5 * n), f"R{n % 3}", whole=n % 2 == 0)
                      for n in range(250)])
    store = open_store(path)
    newest_first = store.sessions()[::-1]
    pages = SessionPages(store)
    for offset, limit in ((0, 100), (100, 100), (200, 100), (240, 5), (249, 1), (250, 10),
                          (-5, 10), (120, 0), (300, 5)):
        wanted = newest_first[max(offset, 0):max(offset, 0) + limit]
        assert pages.page(offset, limit) == wanted, (offset, limit)
        assert pages.ids(offset, limit) == [r.id for r in wanted], (offset, limit)
    chosen = [newest_first[n].id for n in (0, 7, 249)]
    assert pages.places([*chosen, 10**6]) == {chosen[0]: 0, chosen[1]: 7, chosen[2]: 249}


def test_a_session_started_after_the_snapshot_is_not_among_its_rows(
        open_store: StoreOpener, tmp_path: Path) -> None:
    store = open_store(tmp_path / HISTORY_FILE)
    first = store.start("Daily", None, "h", 600, NOW - timedelta(days=1))
    store.add_work(first, "Frog", None, 1, 1, 300)
    pages = SessionPages(store)
    later = store.start("Daily", None, "h", 600, NOW)
    store.add_work(later, "Frog", None, 1, 1, 300)
    assert [r.id for r in pages.page(0, 10)] == [first]
    assert [r.id for r in SessionPages(store).page(0, 10)] == [later, first]


def test_a_damaged_row_a_damaged_work_period_and_a_pulse_read_as_whole_reading_does(
        open_store: StoreOpener, tmp_path: Path) -> None:
    path = tmp_path / HISTORY_FILE
    sound, garbage, text = write_rows(path, [
        sound_row(NOW - timedelta(days=1)),
        {**sound_row(NOW - timedelta(days=2)), "started_at": "garbage"},
        {**sound_row(NOW - timedelta(days=3)), "planned_work": "abc"}])
    store = open_store(path)
    broken = store.start("Daily", None, "h", 600, NOW - timedelta(days=4))
    store.add_work(broken, "Frog", None, 1, 1, 300)
    store.add_work(broken, "Frog", None, 1, 2, 300)
    store.finish(broken, COMPLETED, NOW - timedelta(days=4) + timedelta(minutes=12))
    running = store.start("Daily", None, "h", 600, NOW - timedelta(hours=1))
    work = store.add_work(running, "Frog", None, 1, 1, 100)
    pulse_path(path, running).write_bytes(encode(Beat(work, 400.0)))
    with closing(sqlite3.connect(path)) as db, db:
        db.execute("UPDATE completed_work SET round = 'x' WHERE session_id = ? AND "
                   "set_number = 2", (broken,))
    counted = assert_read_alike(store, 1, NOW)
    read = {r.id: r for r in SessionPages(store).page(0, 10)}
    assert "started_at 'garbage'" in str(read[garbage].damage)
    assert "planned_work 'abc'" in str(read[text].damage)
    assert "round 'x'" in str(read[broken].damage)
    assert read[running].completed_work == 400.0  # its pulse's seconds
    assert not read[sound].damage
    assert counted.this_week == 2  # the running session has done two thirds of its work


def test_weeks_are_counted_in_local_time_across_a_change_of_clocks(
        open_store: StoreOpener, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    try:
        path = tmp_path / HISTORY_FILE
        # Two a week around each Monday midnight, local and UTC, for a year of weeks, the
        # times of both clock changes among them; and a few written with other offsets.
        start = datetime(2025, 3, 3, tzinfo=UTC)
        rows = []
        for week in range(56):
            monday = start + timedelta(weeks=week)
            for shift in (timedelta(hours=-2), timedelta(minutes=-61), timedelta(minutes=-1),
                          timedelta(minutes=30)):
                rows.append(sound_row(monday + shift, f"W{week % 4}", whole=week % 2 == 0))
        rows.append(sound_row(datetime(2026, 3, 1, 23, 30, tzinfo=timezone(
            timedelta(hours=-10)))))
        rows.append(sound_row(datetime(2026, 3, 2, 0, 30, tzinfo=timezone(
            timedelta(hours=14)))))
        write_rows(path, rows)
        store = open_store(path)
        for target in (1, 2, 3, 4):
            assert_read_alike(store, target, NOW)
        assert_read_alike(store, 2, datetime(2025, 10, 27, 0, 30, tzinfo=UTC))
    finally:
        monkeypatch.undo()
        time.tzset()


def test_a_long_history_is_counted_in_parts(open_store: StoreOpener, tmp_path: Path) -> None:
    path = tmp_path / HISTORY_FILE
    # Every day for ten years, every third one stopped under half its work.
    write_rows(path, [sound_row(NOW - timedelta(days=n), f"R{n % 5}",
                                200.0 if n % 3 == 0 else 600.0,
                                STOPPED.value if n % 3 == 0 else COMPLETED.value)
                      for n in range(3650)])
    store = open_store(path)
    counting = Tally(SessionPages(store), 2, NOW)
    parts = sum(1 for _ in counting.steps())
    assert parts > 2 and counting.result is not None
    records = store.sessions()
    assert counting.result.in_a_row == weeks_on_target(records, 2, NOW) > 400
    assert shown(counting.result.routines) == totals_of(records)


TRICKY: list[object] = [
    "2026-02-30T10:00:00.000000+00:00",  # a day February does not have
    "2026-03-02T24:00:00.000000+00:00",  # an hour the database reads, Python not
    "2026-03-02T17:00:00.1    5+00:00",  # a fraction with spaces in it
    "2026-03-02T17:00:00.12345 +00:00",  # a space before the offset
    "now", "2461101.5",  # what the database reads as times, Python not
    b"2026-03-02T17:00:00.123456+00:00",  # the form hiptimer writes, as bytes
    "2026-03-02t17:00:00.123456+00:00",  # a separator Python takes, the database not
    "2026-03-02T17:00:00.123456+15:00",  # an offset beyond the database's
    "2026-03-02T17:00:00+00:00",  # no fraction of a second
    "2026-03-02 17:00:00",  # no offset: local time
    "0002-01-01T00:00:00.000000+14:00",  # before the first moment a session can be at
]


@pytest.mark.parametrize("column", ["started_at", "ended_at"])
@pytest.mark.parametrize("value", TRICKY)
def test_a_time_the_database_and_python_read_apart_is_read_as_whole_reading_does(
        open_store: StoreOpener, tmp_path: Path, column: str, value: object) -> None:
    path = tmp_path / HISTORY_FILE
    rows = [sound_row(NOW - timedelta(days=n), whole=n % 2 == 0) for n in range(3)]
    rows[1][column] = value
    write_rows(path, rows)
    assert_read_alike(open_store(path), 2, NOW)


# -- anything in any column ------------------------------------------------------------------

TIMES = st.one_of(
    st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30),
                 timezones=st.timezones()).map(datetime.isoformat),
    st.datetimes(min_value=datetime(2026, 2, 1), max_value=datetime(2026, 3, 10),
                 timezones=st.just(UTC)).map(datetime.isoformat),
    st.sampled_from([
        "2026-02-30T10:00:00.000000+00:00", "2026-02-28T10:00:00.000000+00:00",
        "2026-03-02T24:00:00.000000+00:00", "2026-03-02T17:00:00.1    5+00:00",
        "2026-03-02T17:00:00.12345 +00:00", "2026-03-02t17:00:00.123456+00:00",
        "2026-03-02T17:00:00.123456+15:00", "2026-03-02T17:00:00.123456+23:59",
        "2026-03-02T17:00:00.123456Z", "2026-03-02T17:00:00+00:00", "2026-03-02 17:00:00",
        "20260302T170000", "2026-03-02", "0001-01-01T00:00:00.000000+00:00",
        "0002-01-01T00:00:00.000000+14:00", "9998-12-31T23:00:00.000000-14:00",
        "2026-03-02T17:00:00.123456+00:60", "2026-13-02T17:00:00.123456+00:00",
        "٢٠٢٦-03-02T17:00:00.123456+00:00", " 026-03-02T17:00:00.123456+00:00"]),
    st.sampled_from([b"2026-03-02T17:00:00.123456+00:00", 20260302, 1.5, None]))
VALUES = st.one_of(
    st.none(), st.text(max_size=12), st.binary(max_size=4), st.integers(-2**63, 2**63 - 1),
    st.floats(allow_nan=False), st.sampled_from([0, 120, 300.0, 599.9999999, 600, 604800,
                                                 604800.5, "completed", "running", "stopped",
                                                 "damaged", ""]))
ROWS = st.lists(st.tuples(st.integers(0, 20), st.sampled_from(COLUMNS),
                          st.one_of(TIMES, VALUES)), min_size=1, max_size=6)


@pytest.fixture(scope="module")
def empty_history(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty history, made once, that each example starts from."""
    path = tmp_path_factory.mktemp("empty") / HISTORY_FILE
    with HistoryStore(path):
        pass
    return path


@contextmanager
def fresh_history(empty: Path) -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / HISTORY_FILE
        shutil.copyfile(empty, path)
        yield path


@settings(max_examples=150, deadline=None)
@given(rows=ROWS, target=st.integers(1, 3))
def test_any_values_are_paged_and_counted_as_reading_the_history_whole(
        empty_history: Path, rows: list[tuple[int, str, object]], target: int) -> None:
    with fresh_history(empty_history) as path:
        written = []
        for days, column, value in rows:
            row = sound_row(NOW - timedelta(days=days), f"R{days % 3}", whole=days % 4 == 0)
            row[column] = value
            written.append(row)
        try:
            write_rows(path, written)
        except sqlite3.IntegrityError:
            return  # a NOT NULL column refused it
        with HistoryStore(path) as store:
            assert_read_alike(store, target, NOW)
