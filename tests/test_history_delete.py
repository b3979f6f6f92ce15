"""Deleting from the history: sessions and measurements leave every list at once, come back
on undo for KEEP_DELETED, and go for good after that; a refused deletion changes nothing."""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from hiptimer.history.deletion import KEEP_DELETED, NotDeletable
from hiptimer.history.measurements import Measurement
from hiptimer.history.schema import MIGRATIONS, SCHEMA_VERSION, migration_statements
from hiptimer.history.sessions import COMPLETED, RUNNING, STOPPED, utc_now
from hiptimer.history.store import HistoryStore

from .support.file_modes import not_as_root
from .support.history import StoreOpener

START = datetime(2026, 11, 2, 18, tzinfo=UTC)


def finished(store: HistoryStore, name: str = "Daily", *, day: int = 0,
             seconds: tuple[float, ...] = (30.0, 29.6)) -> int:
    """A completed session ``day`` days after START, with one work period per entry."""
    started = START + timedelta(days=day)
    session = store.start(name, f"{name.lower()}.yaml", "hash", 60.0, when=started)
    for number, done in enumerate(seconds, 1):
        store.add_work(session, "Frog", "left", 1, number, done)
    store.finish(session, COMPLETED, when=started + timedelta(minutes=2))
    return session


def kept(store: HistoryStore) -> list[int]:
    return [record.id for record in store.sessions()]


def rows(store: HistoryStore, table: str) -> int:
    return int(store.db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0])


def test_a_deleted_session_leaves_the_list_and_comes_back_whole(open_store: StoreOpener,
                                                                tmp_path: Path) -> None:
    store = open_store(tmp_path / "history.sqlite")
    first, second, third = (finished(store, day=d) for d in range(3))
    before = store.sessions()
    store.delete_sessions([first, third])
    assert kept(store) == [second]
    assert store.last_deleted_sessions() == [first, third]
    store.restore_sessions(store.last_deleted_sessions())
    assert store.sessions() == before  # its times and its work as they were
    assert store.work(first) == [("Frog", "left", 1, 1, 30.0), ("Frog", "left", 1, 2, 29.6)]
    assert store.last_deleted_sessions() == []


def test_a_deletion_is_kept_for_the_next_process(open_store: StoreOpener,
                                                  tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    with HistoryStore(path) as store:
        session, other = finished(store), finished(store, day=1)
        store.delete_sessions([session])
    again = open_store(path)
    assert kept(again) == [other] and again.last_deleted_sessions() == [session]
    again.restore_sessions([session])
    assert kept(again) == [session, other]


def test_undo_takes_back_the_last_deletion_then_the_one_before(open_store: StoreOpener,
                                                               tmp_path: Path) -> None:
    store = open_store(tmp_path / "history.sqlite")
    a, b, c = (finished(store, day=d) for d in range(3))
    store.delete_sessions([a], when=utc_now() - timedelta(hours=1))
    store.delete_sessions([c, b])
    assert store.last_deleted_sessions() == [b, c]  # in the order they were done
    store.restore_sessions([b, c])
    assert store.last_deleted_sessions() == [a]
    store.restore_sessions([a])
    assert kept(store) == [a, b, c]


@pytest.mark.parametrize("restore", [False, True], ids=["delete", "restore"])
def test_a_missing_number_changes_nothing_and_says_which(open_store: StoreOpener,
                                                        tmp_path: Path, restore: bool) -> None:
    store = open_store(tmp_path / "history.sqlite")
    first, second = finished(store), finished(store, day=1)
    if restore:
        store.delete_sessions([first, second])
    before = kept(store)
    with pytest.raises(NotDeletable, match=r"^there is no session 99$"):
        (store.restore_sessions if restore else store.delete_sessions)([first, 99, second])
    assert kept(store) == before  # the first one was not changed either
    assert store.last_deleted_sessions() == ([first, second] if restore else [])


def test_a_session_is_deleted_once_and_restored_once(open_store: StoreOpener,
                                                     tmp_path: Path) -> None:
    store = open_store(tmp_path / "history.sqlite")
    first, second = finished(store), finished(store, day=1)
    store.delete_sessions([first])
    with pytest.raises(NotDeletable, match=r"^session 1 is deleted already$"):
        store.delete_sessions([second, first])
    assert kept(store) == [second]
    with pytest.raises(NotDeletable, match=r"^session 2 is not deleted$"):
        store.restore_sessions([first, second])
    assert kept(store) == [second]
    store.delete_sessions([second, second])  # a number given twice is one deletion
    assert kept(store) == []


def test_a_running_session_cannot_be_deleted(open_store: StoreOpener, tmp_path: Path) -> None:
    store = open_store(tmp_path / "history.sqlite")
    done = finished(store)
    running = store.start("Daily", None, "hash", 60.0)
    store.add_work(running, "Frog", None, 1, 1, 12.0)
    still_running = (rf"^session {running} \(started [A-Z][a-z]{{2}} [-0-9: ]+\) is still "
                     "running: stop it")
    with pytest.raises(NotDeletable, match=still_running):
        store.delete_sessions([done, running])
    assert [(r.id, r.status) for r in store.sessions()] == [(done, COMPLETED),
                                                            (running, RUNNING)]
    store.finish(running, STOPPED)
    store.delete_sessions([running])
    assert kept(store) == [done]


def test_a_history_busy_elsewhere_changes_nothing_and_says_so(open_store: StoreOpener,
                                                              tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    store = open_store(path)
    session = finished(store)
    store.write_wait = 0.0
    store.db.execute("PRAGMA busy_timeout = 0")
    other = sqlite3.connect(path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        with pytest.raises(NotDeletable, match=r"busy in another program.*try again"):
            store.delete_sessions([session])
    finally:
        other.close()
    assert kept(store) == [session]
    store.delete_sessions([session])  # and once the other lets go, it works
    assert kept(store) == []


def test_measurements_are_deleted_corrected_and_restored(open_store: StoreOpener,
                                                         tmp_path: Path) -> None:
    store = open_store(tmp_path / "history.sqlite")
    left = store.add_motion(date(2026, 11, 2), "left", 31.0)
    right = store.add_motion(date(2026, 11, 2), "right", 38.5)
    store.delete_motion([left])
    assert store.measurements() == [Measurement(right, date(2026, 11, 2), "right", 38.5)]
    assert store.motion() == [(date(2026, 11, 2), "right", 38.5)]
    with pytest.raises(NotDeletable, match=f"^there is no measurement {left}$"):
        store.correct_motion(Measurement(left, date(2026, 11, 3), "left", 33.0))
    with pytest.raises(NotDeletable, match=r"^there is no measurement 7$"):
        store.delete_motion([right, 7])
    assert [m.id for m in store.measurements()] == [right]
    store.restore_motion([left])
    was = store.correct_motion(Measurement(left, date(2026, 11, 3), "left", 33.0))
    assert was == Measurement(left, date(2026, 11, 2), "left", 31.0)
    assert store.measurements() == [Measurement(right, date(2026, 11, 2), "right", 38.5),
                                    Measurement(left, date(2026, 11, 3), "left", 33.0)]


def test_what_was_deleted_long_ago_is_gone_for_good_at_the_next_opening(
        open_store: StoreOpener, tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    long_ago = utc_now() - KEEP_DELETED - timedelta(minutes=1)
    lately = utc_now() - KEEP_DELETED + timedelta(hours=1)
    with HistoryStore(path) as store:
        old, recent, kept_one = finished(store), finished(store, day=1), finished(store, day=2)
        store.delete_sessions([old], when=long_ago)
        store.delete_sessions([recent], when=lately)
        gone_angle = store.add_motion(date(2026, 11, 2), "left", 31.0)
        angle = store.add_motion(date(2026, 11, 2), "right", 38.0)
        store.delete_motion([gone_angle], when=long_ago)
        store.delete_motion([angle], when=lately)
        assert rows(store, "completed_work") == 6
    store = open_store(path)
    assert rows(store, "sessions") == 2 and rows(store, "completed_work") == 4
    assert store.work(old) == []  # its work periods went with it
    with pytest.raises(NotDeletable, match=f"^there is no session {old}$"):
        store.restore_sessions([old])
    assert store.last_deleted_sessions() == [recent]
    store.restore_sessions([recent])
    with pytest.raises(NotDeletable, match=f"^there is no measurement {gone_angle}$"):
        store.restore_motion([gone_angle])
    store.restore_motion([angle])
    assert kept(store) == [recent, kept_one]
    assert [m.id for m in store.measurements()] == [angle]


@pytest.mark.parametrize("hours", [14, -12, None], ids=["east", "west", "naive"])
def test_a_deletion_time_in_any_zone_counts_as_the_same_moment(
        open_store: StoreOpener, tmp_path: Path, hours: int | None) -> None:
    path = tmp_path / "history.sqlite"
    zone = timezone(timedelta(hours=hours)) if hours is not None else None

    def shown(moment: datetime) -> datetime:
        local = moment.astimezone(zone)
        return local if zone is not None else local.replace(tzinfo=None)

    with HistoryStore(path) as store:
        old, recent = finished(store), finished(store, day=1)
        store.delete_sessions([old], when=shown(utc_now() - KEEP_DELETED - timedelta(hours=1)))
        store.delete_sessions([recent], when=shown(utc_now() - KEEP_DELETED + timedelta(hours=1)))
    store = open_store(path)
    assert store.last_deleted_sessions() == [recent]
    assert rows(store, "sessions") == 1


def read_only(path: Path) -> None:
    path.chmod(0o400)


def refusing_removals(path: Path) -> None:
    """A write SQLite refuses at the removal itself, as it does for a read-only file."""
    db = sqlite3.connect(path, isolation_level=None)
    try:
        db.execute("CREATE TRIGGER kept BEFORE DELETE ON sessions "
                   "BEGIN SELECT RAISE(ABORT, 'not now'); END")
    finally:
        db.close()


@pytest.mark.parametrize("make", [
    pytest.param(read_only, marks=not_as_root), refusing_removals])
def test_a_history_that_cannot_forget_still_reads(open_store: StoreOpener, tmp_path: Path,
                                                  make: Callable[[Path], None]) -> None:
    path = tmp_path / "history.sqlite"
    with HistoryStore(path) as store:
        old, kept_one = finished(store), finished(store, day=1)
        store.delete_sessions([old], when=utc_now() - KEEP_DELETED - timedelta(days=1))
    make(path)
    store = open_store(path)
    assert not store.in_memory and kept(store) == [kept_one]
    assert store.last_deleted_sessions() == [old]  # still there, hidden, until it can go


def schema_5_history(path: Path) -> None:
    """A history as hiptimer's schema 5 left it: two sessions, a start by mistake with no
    work, a level, a measurement."""
    db = sqlite3.connect(path, isolation_level=None)
    try:
        for step in range(1, 6):
            for statement in migration_statements(MIGRATIONS[step]):
                db.execute(statement)
        for number in (1, 2):
            db.execute("INSERT INTO sessions (routine_name, content_hash, started_at, "
                       "ended_at, planned_work, status) VALUES (?, 'x', ?, ?, 60, 'completed')",
                       (f"Old {number}", f"2026-01-0{number}T10:00:00+00:00",
                        f"2026-01-0{number}T10:02:00+00:00"))
            db.executemany("INSERT INTO completed_work (session_id, exercise, side, round, "
                           "set_number, seconds) VALUES (?, 'Frog', ?, 1, 1, ?)",
                           [(number, "left", 30.0), (number, "right", 29.5)])
        db.execute("INSERT INTO sessions (routine_name, content_hash, started_at, ended_at, "
                   "planned_work, status) VALUES ('Old 3', 'x', '2026-01-03T10:00:00+00:00', "
                   "'2026-01-03T10:00:04+00:00', 60, 'stopped')")
        db.execute("INSERT INTO progression VALUES ('Old 1', 3, 1)")
        db.execute("INSERT INTO motion (measured_on, side, degrees) "
                   "VALUES ('2026-01-01', 'left', 32.5)")
        db.execute("PRAGMA user_version = 5")
    finally:
        db.close()


def test_a_schema_5_history_keeps_everything_and_can_delete(open_store: StoreOpener,
                                                            tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    schema_5_history(path)
    store = open_store(path)
    assert store.problem is None
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 8
    # The start by mistake is not listed; the others' length is their start to their end.
    assert [(r.id, r.routine_name, r.completed_work, r.status) for r in store.sessions()] == [
        (1, "Old 1", 59.5, COMPLETED), (2, "Old 2", 59.5, COMPLETED)]
    assert [r.session_seconds for r in store.sessions()] == [pytest.approx(120, abs=0.01)] * 2
    assert store.work(2) == [("Frog", "left", 1, 1, 30.0), ("Frog", "right", 1, 1, 29.5)]
    assert store.level("Old 1") == (3, True)
    assert store.measurements() == [Measurement(1, date(2026, 1, 1), "left", 32.5)]
    assert store.last_deleted_sessions() == []
    store.delete_sessions([1])
    assert kept(store) == [2] and store.level("Old 1") == (3, True)  # the level stays


class DeletionMachine(RuleBasedStateMachine):
    """Sessions added, deleted, restored and undone in any order, across reopenings: the
    history always lists exactly the sessions a plain model keeps, and a refused change
    changes nothing."""

    def __init__(self) -> None:
        super().__init__()
        self.folder = tempfile.TemporaryDirectory()
        self.path = Path(self.folder.name) / "history.sqlite"
        self.store = HistoryStore(self.path)
        self.moment = utc_now() - timedelta(days=1)
        self.started: dict[int, datetime] = {}
        self.running: set[int] = set()
        self.deleted: dict[int, int] = {}
        """Deleted session -> the number of the deletion it went in."""
        self.deletions = 0

    def teardown(self) -> None:
        self.store.close()
        self.folder.cleanup()

    def numbers(self) -> st.SearchStrategy[int]:
        return st.integers(1, len(self.started) + 2)

    @rule(day=st.integers(0, 3), running=st.booleans())
    def add(self, day: int, running: bool) -> None:
        when = START + timedelta(days=day)
        session = self.store.start("Daily", None, "hash", 60.0, when=when)
        self.store.add_work(session, "Frog", None, 1, 1, 12.5)
        if running:
            self.running.add(session)
        else:
            self.store.finish(session, STOPPED, when=when + timedelta(minutes=1))
        self.started[session] = when

    @rule(data=st.data())
    def delete(self, data: st.DataObject) -> None:
        ids = data.draw(st.lists(self.numbers(), min_size=1, max_size=4))
        self.moment += timedelta(seconds=1)
        allowed = all(i in self.started and i not in self.deleted and i not in self.running
                      for i in ids)
        if not allowed:
            with pytest.raises(NotDeletable):
                self.store.delete_sessions(ids, when=self.moment)
            return
        self.store.delete_sessions(ids, when=self.moment)
        self.deletions += 1
        self.deleted.update(dict.fromkeys(ids, self.deletions))

    @rule(data=st.data())
    def restore(self, data: st.DataObject) -> None:
        ids = data.draw(st.lists(self.numbers(), min_size=1, max_size=4))
        if not all(i in self.deleted for i in ids):
            with pytest.raises(NotDeletable):
                self.store.restore_sessions(ids)
            return
        self.store.restore_sessions(ids)
        for i in ids:
            self.deleted.pop(i, None)

    @rule()
    def undo_last(self) -> None:
        last = self.store.last_deleted_sessions()
        if not self.deleted:
            assert last == []
            return
        latest = max(self.deleted.values())
        assert last == sorted((i for i, n in self.deleted.items() if n == latest),
                              key=lambda i: (self.started[i], i))
        self.store.restore_sessions(last)
        for i in last:
            del self.deleted[i]

    @rule()
    def reopen(self) -> None:
        self.store.close()
        self.store = HistoryStore(self.path)

    @invariant()
    def the_history_lists_what_the_model_keeps(self) -> None:
        expected = sorted((i for i in self.started if i not in self.deleted),
                          key=lambda i: (self.started[i], i))
        assert kept(self.store) == expected
        assert all(r.completed_work == 12.5 for r in self.store.sessions())


TestDeletion = DeletionMachine.TestCase
TestDeletion.settings = settings(max_examples=60, stateful_step_count=20, deadline=None)
