"""The history under hostile conditions: other processes, locks, damaged files, closed folders.

A history is moved aside only when SQLite says it is damaged; busy or unusable ones are left
as they are and the app works on in memory, saying so. Nothing here waits for a session timer:
sessions run on a fake clock, and processes are started together by a line on their input.
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import stat
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hiptimer.cli import main
from hiptimer.history import opening
from hiptimer.history.schema import MIGRATIONS, SCHEMA_VERSION, migration_statements
from hiptimer.history.store import HistoryStore
from hiptimer.session.state import State

from .support.checkout import REPO
from .support.file_modes import not_as_root
from .support.full_disk import locked
from .support.history import ROUTINE, recorded_session

NOT_KEPT = "sessions of this run are not kept"
Opener = Callable[..., HistoryStore]
needs_posix = pytest.mark.skipif(sys.platform == "win32", reason="POSIX modes and signals")




@pytest.fixture
def opener() -> Iterator[Opener]:
    """Opens history databases with any waits, and closes every one when the test ends."""
    opened: list[HistoryStore] = []

    def _open(path: Path, **waits: float) -> HistoryStore:
        opened.append(HistoryStore(path, **waits))
        return opened[-1]

    yield _open
    for store in opened:
        store.close()


def moved_aside(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if ".corrupt-" in p.name)


def fill(path: Path, sessions: int) -> None:
    with HistoryStore(path) as store:
        for _ in range(sessions):
            recorded_session(store)


# -- several processes at once ---------------------------------------------------------------

RECORDING_PROCESS = """
import json, sys
from pathlib import Path
from hiptimer.history.recorder import SessionRecorder
from hiptimer.history.store import HistoryStore
from hiptimer.routine import parse_routine
from hiptimer.session import compile_timeline
from hiptimer.session.clock import FakeClock
from hiptimer.session.engine import Session

timeline = compile_timeline(parse_routine(sys.argv[2].encode(), "rec.yaml"))
print("ready", flush=True)
sys.stdin.readline()
messages = []
with HistoryStore(Path(sys.argv[1])) as store:
    clock = FakeClock(0)
    session = Session(timeline, clock)
    recorder = SessionRecorder(store, session, messages.append)
    for event in session.start():
        recorder.on_event(event)
    clock.jump(session, deliver=lambda events: [recorder.on_event(e) for e in events])
    print(json.dumps({"problem": store.problem, "messages": messages}))
"""

HISTORY_COMMAND = """
import sys
import hiptimer.ui.window.app, hiptimer.history.store, hiptimer.history.weeks
from hiptimer.cli import main
print("ready", flush=True)
sys.stdin.readline()
sys.exit(main(["history", "--json"]))
"""


def all_at_once(commands: list[list[str]], env: dict[str, str] | None = None
                ) -> list[tuple[int, str, str]]:
    """Starts the processes, waits until each is ready, then lets them all go in one moment;
    returns each one's exit status, output and errors."""
    processes = [subprocess.Popen(command, cwd=REPO, env=env, text=True, stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE)
                 for command in commands]
    try:
        for process in processes:
            assert process.stdout is not None
            assert process.stdout.readline() == "ready\n", process.communicate()[1]
        for process in processes:
            assert process.stdin is not None
            process.stdin.write("go\n")
            process.stdin.flush()
        results = []
        for process in processes:
            out, err = process.communicate(timeout=120)
            results.append((process.returncode, out, err))
        return results
    finally:
        for process in processes:
            process.kill()
            process.wait()


@pytest.mark.parametrize("attempt", range(3))
def test_processes_creating_a_new_history_at_once_record_every_session(
        tmp_path: Path, attempt: int) -> None:
    path = tmp_path / "new-folder" / "history.sqlite"
    count = 6
    results = all_at_once([[sys.executable, "-c", RECORDING_PROCESS, str(path), ROUTINE]] * count)
    for code, out, err in results:
        assert code == 0, err
        assert json.loads(out) == {"problem": None, "messages": []}
    assert moved_aside(path.parent) == []
    with HistoryStore(path) as store:
        records = store.sessions()
        assert [r.status for r in records] == ["completed"] * count
        assert all(r.completed_work == 6 and len(store.work(r.id)) == 2 for r in records)


@pytest.mark.parametrize("attempt", range(2))
def test_history_commands_started_together_on_a_new_folder_agree(
        tmp_path: Path, attempt: int) -> None:
    folder = tmp_path / "data"
    env = {**os.environ, "HIPTIMER_DATA_DIR": str(folder)}
    results = all_at_once([[sys.executable, "-c", HISTORY_COMMAND]] * 4, env)
    for code, out, err in results:
        assert (code, err) == (0, "")
        assert json.loads(out)["sessions"] == []
    assert moved_aside(folder) == []


# -- a lock held by another program ----------------------------------------------------------

def test_a_locked_history_still_opens_and_reads(opener: Opener, tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    fill(path, 3)
    messages: list[str] = []
    with locked(path):
        store = opener(path, open_wait=0.2, write_wait=0.05)
        assert store.problem is None and len(store.sessions()) == 3
        session = recorded_session(store, report=messages.append)
        assert session.state is State.FINISHED  # recording never stops the session
        assert len(messages) == 2 and "could not record this session" in messages[0]
        assert "the end of this session could not be written" in messages[1]
    assert moved_aside(tmp_path) == []
    assert len(opener(path).sessions()) == 3


def test_a_lock_that_goes_away_mid_session_loses_nothing(opener: Opener,
                                                         tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    fill(path, 1)
    messages: list[str] = []
    before, released = datetime.now(UTC), []
    with locked(path) as lock:
        store = opener(path, write_wait=0.05)

        def release(clock: float) -> None:
            if clock >= 6 and lock.in_transaction:  # the first hold (2 s to 5 s) is over
                lock.execute("ROLLBACK")
                released.append(datetime.now(UTC))

        recorded_session(store, report=messages.append, at_each=release)
    assert len(messages) == 2 and "records this session again" in messages[1]
    _, late = opener(path).sessions()
    assert late.status == "completed" and late.completed_work == 6
    assert before <= late.started_at < released[0]  # when it began, not when it was written
    assert [w[4] for w in store.work(late.id)] == [3.0, 3.0]


def schema_4_history(path: Path, sessions: int) -> None:
    """A history as hiptimer's schema 4 left it."""
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    for step in range(1, 5):
        for statement in migration_statements(MIGRATIONS[step]):
            db.execute(statement)
    for number in range(sessions):
        db.execute("INSERT INTO sessions (routine_name, content_hash, started_at, planned_work, "
                   "completed_work, status) VALUES (?, 'x', ?, 60, 7.5, 'stopped')",
                   (f"Old {number}", f"2026-01-0{number + 1}T10:00:00+00:00"))
        db.executemany("INSERT INTO completed_work VALUES (?, 'Frog', ?, 1, 1, ?)",
                       [(number + 1, "left", 4.0), (number + 1, "right", 3.5)])
    db.execute("PRAGMA user_version = 4")
    db.close()


def out_of_wal_mode(path: Path) -> None:
    """A history another program switched out of WAL mode: its lock keeps readers out too."""
    fill(path, 2)
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=DELETE")
    db.close()


def needing_migration(path: Path) -> None:
    """An older schema, which has to be written to be brought up to date."""
    schema_4_history(path, 2)


@pytest.mark.parametrize("make", [out_of_wal_mode, needing_migration])
def test_a_history_too_busy_to_open_is_left_alone(opener: Opener, tmp_path: Path,
                                                  make: Callable[[Path], None]) -> None:
    path = tmp_path / "history.sqlite"
    make(path)
    before = path.read_bytes()
    with locked(path):
        store = opener(path, open_wait=0.1)
        assert store.problem is not None and store.in_memory
        assert "in use by another program" in store.problem and NOT_KEPT in store.problem
        recorded_session(store)  # the app works on, in memory
        assert [r.status for r in store.sessions()] == ["completed"]
    assert path.read_bytes() == before and moved_aside(tmp_path) == []
    again = opener(path)
    assert again.problem is None and len(again.sessions()) == 2


def test_opening_waits_for_a_short_lock(opener: Opener, tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    out_of_wal_mode(path)  # so that the lock keeps even readers out
    taken, release = threading.Event(), threading.Event()

    def hold() -> None:
        with locked(path):
            taken.set()
            release.wait(0.3)  # a short write by another program

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        taken.wait()
        store = opener(path)
    finally:
        release.set()
        holder.join()
    assert store.problem is None and len(store.sessions()) == 2


# -- damaged files ---------------------------------------------------------------------------

def assert_moved_aside_as_it_was(store: HistoryStore, content: bytes) -> Path:
    folder = store.path.parent
    assert store.problem is not None and "is damaged" in store.problem
    [aside] = moved_aside(folder)
    assert f"moved to {aside.name} and a new one started" in store.problem
    assert aside.read_bytes() == content
    assert not store.in_memory and store.sessions() == []
    recorded_session(store)
    assert len(store.sessions()) == 1
    return aside


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(min_size=2, max_size=5000).filter(
    lambda b: not b.startswith(b"SQLite format 3\0")))
def test_a_file_that_is_no_database_is_moved_aside_byte_for_byte(content: bytes) -> None:
    # (SQLite reads a file of a single byte as an empty database.)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "history.sqlite"
        path.write_bytes(content)
        with HistoryStore(path) as store:
            assert_moved_aside_as_it_was(store, content)


@pytest.fixture(scope="module")
def real_history(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The bytes of a real history of many sessions, spread over many pages."""
    path = tmp_path_factory.mktemp("real") / "history.sqlite"
    fill(path, 120)
    return path.read_bytes()


def page_size(database: bytes) -> int:
    size = int.from_bytes(database[16:18], "big")
    return 65536 if size == 1 else size


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_a_truncated_history_is_moved_aside(real_history: bytes, data: st.DataObject) -> None:
    # At least one whole page gone: a cut inside the last page reads as zeros, which SQLite
    # cannot tell from data.
    cut = data.draw(st.integers(2, len(real_history) - page_size(real_history)), label="cut")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "history.sqlite"
        path.write_bytes(real_history[:cut])
        with HistoryStore(path) as store:
            assert_moved_aside_as_it_was(store, real_history[:cut])


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("kept", ["header", "first page"])
def test_a_valid_header_over_garbage_pages_is_moved_aside(
        opener: Opener, tmp_path: Path, real_history: bytes, kept: str, seed: int) -> None:
    keep = 100 if kept == "header" else page_size(real_history)
    content = real_history[:keep] + random.Random(seed).randbytes(len(real_history) - keep)
    path = tmp_path / "history.sqlite"
    path.write_bytes(content)
    assert_moved_aside_as_it_was(opener(path), content)


@pytest.mark.parametrize("name", ["with space", "hash#and?mode=rw", "per%20cent", "ünï"])
def test_a_folder_with_an_odd_name_is_no_trouble(opener: Opener, tmp_path: Path,
                                                 name: str) -> None:
    path = tmp_path / name / "history.sqlite"
    fill(path, 1)
    assert len(opener(path).sessions()) == 1
    damaged = tmp_path / name / "damaged" / "history.sqlite"
    damaged.parent.mkdir()
    damaged.write_bytes(b"not a database" * 100)
    assert_moved_aside_as_it_was(opener(damaged), b"not a database" * 100)


def test_moves_in_one_second_never_overwrite_a_copy(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    moment = datetime(2026, 3, 1, 9, 30, 15, tzinfo=UTC)
    monkeypatch.setattr(opening, "utc_now", lambda: moment)
    path = tmp_path / "history.sqlite"
    older = tmp_path / "history.sqlite.corrupt-20260301-093015"
    older.write_bytes(b"a copy moved aside before")
    names = []
    for content in (b"first damage" * 50, b"second damage" * 50):
        path.write_bytes(content)
        with HistoryStore(path) as store:
            assert store.problem is not None
            names.append(store.problem.split("moved to ")[1].split(" ")[0])
    assert older.read_bytes() == b"a copy moved aside before"
    assert names == [older.name + "-2", older.name + "-3"]
    assert (tmp_path / names[0]).read_bytes() == b"first damage" * 50
    assert (tmp_path / names[1]).read_bytes() == b"second damage" * 50


def test_a_damaged_history_takes_its_journal_along(opener: Opener, tmp_path: Path) -> None:
    # Left beside a new database, an old write-ahead log would be read into it.
    path = tmp_path / "history.sqlite"
    path.write_bytes(b"\x00garbage" * 600)
    (tmp_path / "history.sqlite-wal").write_bytes(b"the damaged database's log")
    store = opener(path)
    [aside, log] = moved_aside(tmp_path)
    assert log.name == aside.name + "-wal"
    assert log.read_bytes() == b"the damaged database's log"
    recorded_session(store)
    assert len(store.sessions()) == 1


def test_a_folder_where_the_history_should_be_is_left_alone(opener: Opener,
                                                            tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    path.mkdir()
    (path / "keep.txt").write_text("mine")
    store = opener(path)
    assert store.problem is not None and store.in_memory and NOT_KEPT in store.problem
    assert (path / "keep.txt").read_text() == "mine" and moved_aside(tmp_path) == []


# -- who may read it -------------------------------------------------------------------------

@pytest.fixture
def no_umask() -> Iterator[None]:
    """The most permissive umask: whatever the modes are, hiptimer chose them."""
    before = os.umask(0)
    yield
    os.umask(before)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@needs_posix
def test_a_new_history_and_its_folders_are_the_users_alone(opener: Opener, tmp_path: Path,
                                                           no_umask: None) -> None:
    tmp_path.chmod(0o755)
    path = tmp_path / "share" / "hiptimer" / "history.sqlite"
    store = opener(path)
    recorded_session(store)  # the -wal and -shm files exist while it is open
    assert store.problem is None
    files = [path, path.with_name("history.sqlite-wal"), path.with_name("history.sqlite-shm")]
    assert [mode(p) for p in files] == [0o600, 0o600, 0o600]
    assert [mode(path.parent), mode(path.parent.parent)] == [0o700, 0o700]
    assert mode(tmp_path) == 0o755  # a folder the user had is not changed


@needs_posix
def test_an_existing_folder_keeps_its_mode_and_an_old_history_is_closed_to_others(
        opener: Opener, tmp_path: Path, no_umask: None) -> None:
    tmp_path.chmod(0o751)
    path = tmp_path / "history.sqlite"
    fill(path, 1)
    path.chmod(0o644)  # as an older hiptimer left it
    store = opener(path)
    assert mode(path) == 0o600 and mode(tmp_path) == 0o751
    assert len(store.sessions()) == 1


# -- folders that cannot be used -------------------------------------------------------------

def test_a_data_folder_under_a_file_gives_a_message_and_works_in_memory(
        opener: Opener, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("mine")
    store = opener(blocker / "hiptimer" / "history.sqlite")
    assert store.problem is not None and store.in_memory
    assert "not-a-folder is a file, not a folder" in store.problem and NOT_KEPT in store.problem
    recorded_session(store)
    assert [r.status for r in store.sessions()] == ["completed"]
    assert blocker.read_text() == "mine"


def test_the_history_command_says_why_the_folder_cannot_be_used(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("mine")
    monkeypatch.setenv("HIPTIMER_DATA_DIR", str(blocker / "hiptimer"))
    assert main(["history"]) == 0
    captured = capsys.readouterr()
    assert "history folder" in captured.err and NOT_KEPT in captured.err
    assert "No sessions yet" in captured.out


@not_as_root
@pytest.mark.parametrize("folder_mode", [0o500, 0o000, 0o600])
def test_a_folder_that_cannot_be_written_or_read_gives_a_message(
        opener: Opener, tmp_path: Path, folder_mode: int) -> None:
    folder = tmp_path / "closed"
    folder.mkdir()
    folder.chmod(folder_mode)
    try:
        store = opener(folder / "history.sqlite")
        assert store.problem is not None and store.in_memory and NOT_KEPT in store.problem
        recorded_session(store)
        assert len(store.sessions()) == 1
    finally:
        folder.chmod(0o700)


@not_as_root
def test_a_history_in_a_folder_closed_to_writes_gives_a_message(opener: Opener,
                                                                tmp_path: Path) -> None:
    folder = tmp_path / "closed"
    folder.mkdir()
    fill(folder / "history.sqlite", 1)
    folder.chmod(0o500)
    try:
        store = opener(folder / "history.sqlite")
        assert store.problem is not None and NOT_KEPT in store.problem
        assert moved_aside(folder) == []
    finally:
        folder.chmod(0o700)


@not_as_root
def test_a_read_only_history_reads_and_says_it_cannot_be_written(opener: Opener,
                                                                 tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    fill(path, 2)
    path.chmod(0o400)
    store = opener(path)
    assert store.problem is not None and "can be read but not written" in store.problem
    assert len(store.sessions()) == 2


def test_an_old_schema_is_brought_up_to_date_with_totals_kept(opener: Opener,
                                                              tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    schema_4_history(path, 1)
    store = opener(path)
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    [record] = store.sessions()
    assert record.completed_work == 7.5
    assert store.work(record.id) == [("Frog", "left", 1, 1, 4.0), ("Frog", "right", 1, 1, 3.5)]
    store.add_work(record.id, "Frog", "left", 1, 2, 2.0)
    assert store.sessions()[0].completed_work == 9.5
