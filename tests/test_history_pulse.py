"""The running exercise's seconds in a pulse file: kept to the second, read by every view of
the history, folded into the database once the session is found cut off, and harmless when
the file is damaged, planted or cannot be written."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from hiptimer.history.pulse import Beat, decode, encode, pulse_path, read_pulses
from hiptimer.history.recorder import SessionRecorder
from hiptimer.history.store import HistoryStore
from hiptimer.routine import parse_routine
from hiptimer.session import compile_timeline
from hiptimer.session.clock import FakeClock
from hiptimer.session.engine import Session
from hiptimer.session.events import Event
from hiptimer.session.state import State

from .support.history import StoreOpener, recorded_session

LONG = "name: Long\ndefaults: {prepare: 2s}\nexercises:\n  - {name: Deep hold, hold: 60s}\n"
GONE = 999_999_999
"""A process id no process has: the session's recorder was killed."""


class Recording:
    """A session of ``LONG`` recorded on a fake clock, left running where a test puts it."""

    def __init__(self, store: HistoryStore) -> None:
        self.store = store
        self.clock = FakeClock(0)
        self.session = Session(compile_timeline(parse_routine(LONG.encode(), "l.yaml")),
                               self.clock)
        self.recorder = SessionRecorder(store, self.session)
        self.feed(self.session.start())

    def feed(self, events: Sequence[Event]) -> None:
        for event in events:
            self.recorder.on_event(event)

    def run_to(self, moment: float) -> None:
        """Every deadline up to ``moment``, as the driver would wake for them."""
        self.clock.jump(self.session, moment, self.feed)

    def kill(self) -> None:
        """As if the process had been killed: nothing more is written, and its id is gone."""
        assert self.recorder.session_id is not None
        self.store.db.execute("UPDATE sessions SET pid = ? WHERE id = ?",
                              (GONE, self.recorder.session_id))


def pulses(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".running-" in p.name)


def test_a_running_hold_is_kept_each_second_without_a_database_write(
        open_store: StoreOpener, tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    store = open_store(path)
    recording = Recording(store)
    recording.run_to(5.5)  # 3.5 s into the hold: its row exists
    writes = store.db.total_changes
    looking = open_store(path)  # another process: 'hiptimer history' while the window runs
    for second in range(6, 40):
        recording.run_to(second + 0.5)
        [record] = looking.sessions()
        assert record.status == "running" and record.completed_work == second - 2
        assert looking.work(record.id) == [("Deep hold", None, 1, 1, second - 2)]
    assert store.db.total_changes == writes, "the database was written during the hold"
    assert pulses(tmp_path) == ["history.sqlite.running-1"]


def test_a_killed_session_gets_its_last_second_and_its_pulse_file_goes(
        open_store: StoreOpener, tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    recording = Recording(open_store(path))
    recording.run_to(32.2)
    recording.kill()
    store = open_store(path)
    [record] = store.sessions()
    assert record.status == "interrupted" and record.completed_work == 30
    assert store.work(record.id) == [("Deep hold", None, 1, 1, 30.0)]
    assert pulses(tmp_path) == []
    # It is in the database now, not only read in from the file.
    row = store.db.execute("SELECT completed_work FROM sessions").fetchone()
    assert row == (30.0,)


def test_an_ended_session_leaves_no_pulse_file(open_store: StoreOpener, tmp_path: Path) -> None:
    store = open_store(tmp_path / "history.sqlite")
    recording = Recording(store)
    recording.run_to(20)
    recording.feed(recording.session.stop())
    assert pulses(tmp_path) == []
    recorded_session(store)
    assert pulses(tmp_path) == []
    assert [r.status for r in store.sessions()] == ["stopped", "completed"]


@settings(max_examples=60, deadline=None)
@given(content=st.one_of(
    st.binary(max_size=200),
    st.builds(lambda w, s: f"{w} {s}\n".encode(), st.integers(-3, 10 ** 20),
              st.floats(allow_nan=True, allow_infinity=True))))
def test_a_pulse_file_that_holds_no_pulse_changes_nothing(content: bytes) -> None:
    assume(decode(content) is None)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "history.sqlite"
        with HistoryStore(path) as store:
            recorded_session(store)  # session 1, completed with 6 s
            recording = Recording(store)  # session 2, cut off 10 s into its hold
            recording.run_to(12.5)
            recording.kill()
            done = store.work(2)
        for session in (1, 3):  # a finished session's, and one of no session
            pulse_path(path, session).write_bytes(content)
        with HistoryStore(path) as store:
            first, second = store.sessions()
            assert (first.completed_work, second.completed_work) == (6, 10)
            assert store.work(2) == done
        assert pulses(Path(folder)) == []


def test_a_pulse_naming_another_sessions_exercise_is_not_counted(
        open_store: StoreOpener, tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    store = open_store(path)
    recorded_session(store)
    pulse_path(path, 7).write_bytes(encode(Beat(1, 500)))  # row 1 belongs to session 1
    [record] = store.sessions()
    assert record.completed_work == 6 and store.work(record.id)[0][4] == 3


def test_a_pulse_that_cannot_be_written_leaves_the_seconds_to_the_database(
        open_store: StoreOpener, tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    pulse_path(path, 1).mkdir(parents=True)  # in the way: it cannot be opened for writing
    recording = Recording(open_store(path))
    looking = open_store(path)
    for second in range(4, 9):
        recording.run_to(second + 0.5)
        assert looking.sessions()[0].completed_work == second - 2
    recording.kill()
    [record] = open_store(path).sessions()
    assert record.status == "interrupted" and record.completed_work == 6


@pytest.mark.parametrize("plant", ["symlink", "hard link", "pipe", "old pulse"])
def test_what_is_in_the_pulse_files_place_is_never_written_through(
        open_store: StoreOpener, tmp_path: Path, plant: str) -> None:
    path = tmp_path / "history.sqlite"
    precious = tmp_path / "notes.txt"
    precious.write_bytes(encode(Beat(1, 500)))  # a pulse line, to the letter
    place = pulse_path(path, 1)
    if plant == "symlink":
        os.symlink(precious, place)
    elif plant == "hard link":
        os.link(precious, place)
    elif plant == "pipe":
        os.mkfifo(place)
    else:  # left by a history that was removed by hand, its sessions numbered alike
        place.write_bytes(encode(Beat(1, 500)))
    recording = Recording(open_store(path))
    recording.run_to(10.5)
    assert open_store(path).sessions()[0].completed_work == 8
    recording.kill()
    [record] = open_store(path).sessions()
    assert record.completed_work == 8 and pulses(tmp_path) == []
    assert precious.read_bytes() == encode(Beat(1, 500))


def test_a_damaged_history_takes_its_pulses_along(open_store: StoreOpener,
                                                   tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    recording = Recording(open_store(path))
    recording.run_to(12.5)
    recording.kill()
    recording.store.close()  # the last connection: the log is written into the file
    beat = pulse_path(path, 1).read_bytes()
    path.write_bytes(b"damaged" * 1000)
    store = open_store(path)
    assert store.problem is not None and "moved to" in store.problem
    assert store.sessions() == []
    [moved] = [p for p in tmp_path.iterdir() if p.name.endswith(".running-1")]
    assert moved.name.startswith("history.sqlite.corrupt-") and moved.read_bytes() == beat


def test_every_pulse_beside_a_history_is_found_and_no_other(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    for name, content in [("history.sqlite.running-3", encode(Beat(4, 12.5))),
                          ("history.sqlite.running-12", b"garbage"),
                          ("history.sqlite.running-0", encode(Beat(1, 1))),
                          ("history.sqlite.running-x", encode(Beat(1, 1))),
                          ("other.sqlite.running-5", encode(Beat(1, 1)))]:
        (tmp_path / name).write_bytes(content)
    assert read_pulses(path) == {3: Beat(4, 12.5), 12: None}


@given(work_id=st.integers(1, 10 ** 15), millis=st.integers(0, 10 ** 11))
def test_a_pulse_line_reads_back_as_written(work_id: int, millis: int) -> None:
    beat = Beat(work_id, millis / 1000)
    line = encode(beat)
    assert len(line) == len(encode(Beat(1, 0))) and decode(line) == beat


@pytest.mark.parametrize("beat", [Beat(1, -1), Beat(1, float("nan")), Beat(1, float("inf"))])
def test_no_pulse_is_written_for_seconds_that_are_not_seconds(beat: Beat) -> None:
    with pytest.raises(ValueError):
        encode(beat)


def test_the_running_session_is_shown_with_its_pulse_after_its_run(
        open_store: StoreOpener, tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    store = open_store(path)
    recording = Recording(store)
    recording.run_to(61)  # the hold ends at 62: one more second
    assert recording.session.state is State.RUNNING
    assert store.sessions()[0].completed_work == 59
    recording.run_to(70)
    [record] = store.sessions()
    assert record.status == "completed" and record.completed_work == 60
    assert pulses(tmp_path) == []
