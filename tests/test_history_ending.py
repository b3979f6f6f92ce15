"""The end of a session kept beside the history (``history.ending``): written in by the next
opening once its process has gone, once, and only when it is one end within bounds; a file
that is anything else is never trusted, read through or written through."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hiptimer.history.ending import (
    SIZE,
    Ending,
    EndingRoom,
    Final,
    Unwritten,
    decode,
    ending_path,
)
from hiptimer.history.sessions import COMPLETED, INTERRUPTED, RUNNING, utc_now
from hiptimer.history.store import HistoryStore

from .support.full_disk import files_beside

GONE = 999_999_999
"""A process id no process has: the session's process has gone."""


def ended(work_id: int) -> Ending:
    return Ending(True, utc_now(), 200.0, 2, (Final(work_id, 60.0),),
                  (Unwritten("Hold", None, 1, 3, 60.0),))


def cut_off_with_an_end(path: Path) -> tuple[int, bytes]:
    """A session whose process died with its end kept beside the history; the end's bytes."""
    with HistoryStore(path) as store:
        session = store.start("Long", None, "0" * 16, 180)
        store.add_work(session, "Hold", None, 1, 1, 60)
        second = store.add_work(session, "Hold", None, 1, 2, 12)
        store.db.execute("UPDATE sessions SET pid = ? WHERE id = ?", (GONE, session))
        room = EndingRoom.make(path, session)
        room.write(ended(second))
        room.close()
    return session, ending_path(path, session).read_bytes()


def test_the_next_start_writes_a_kept_end_in_once(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    session, kept = cut_off_with_an_end(path)
    with HistoryStore(path) as store:
        [record] = store.sessions()
        assert record.status is COMPLETED and record.completed_work == 180
        assert record.session_seconds == 200 and store.level("Long") == (1, False)
    assert files_beside(tmp_path) == []
    # The same end again (a file that could not be removed): nothing is written twice.
    ending_path(path, session).write_bytes(kept)
    with HistoryStore(path) as store:
        assert [w[4] for w in store.work(session)] == [60.0, 60.0, 60.0]
        assert store.level("Long") == (1, False)
    assert files_beside(tmp_path) == []


def test_a_kept_end_waits_while_its_process_lives(tmp_path: Path) -> None:
    (tmp_path / "other").mkdir()
    _, kept = cut_off_with_an_end(tmp_path / "other" / "history.sqlite")
    path = tmp_path / "history.sqlite"
    with HistoryStore(path) as store:
        alive = store.start("Long", None, "0" * 16, 180)  # this process's, under way
    ending_path(path, alive).write_bytes(kept)
    with HistoryStore(path) as store:
        [record] = store.sessions()
        assert record.status is RUNNING and store.level("Long") == (0, False)
    assert files_beside(tmp_path) == [ending_path(path, alive).name]


def blank_or(data: bytes) -> bytes:
    return data[:SIZE].ljust(SIZE, b" ")


def json_end(**changes: object) -> bytes:
    fields: dict[str, object] = {
        "format": 1, "completed": True, "ended_at": "2026-03-02T10:00:00+00:00",
        "session_seconds": 200.0, "step_to": 2, "final": [[2, 60.0]],
        "unwritten": [["Hold", None, 1, 3, 60.0]]}
    fields.update(changes)
    return blank_or(json.dumps(fields).encode())


GARBAGE = [
    b"", b" " * SIZE, b"\0" * SIZE, blank_or(b"[" * 5000), blank_or(b"{}"),
    json_end()[:-1], json_end() + b" ",  # a size other than the room's
    json_end(session_seconds=1e12), json_end(session_seconds=-1),
    json_end(session_seconds="NaN"), blank_or(json_end()[:-1].replace(b"200.0", b"NaN")),
    json_end(final=[[2, 999999999999.999]]), json_end(final=[[0, 60]]),
    json_end(final=[[2, 60], [2, 60]]), json_end(final=[[2, True]]),
    json_end(final=[[10**30, 60]]), json_end(unwritten=[["Hold", None, 0, 3, 60]]),
    json_end(unwritten=[["x" * 5000, None, 1, 3, 60]]), json_end(step_to=-1),
    json_end(step_to="2"), json_end(completed=1), json_end(ended_at="garbage"),
    json_end(ended_at="9999-12-31T23:00:00-14:00"), json_end(format=2),
    json_end(extra=1), blank_or(b'{"format": 1}'), blank_or(b"\xff\xfe" * 100),
]


@pytest.mark.parametrize("data", GARBAGE, ids=range(len(GARBAGE)))
def test_an_end_file_that_holds_no_end_is_never_trusted(tmp_path: Path, data: bytes) -> None:
    assert decode(data) is None
    path = tmp_path / "history.sqlite"
    session, _ = cut_off_with_an_end(path)
    ending_path(path, session).write_bytes(data)
    with HistoryStore(path) as store:
        [record] = store.sessions()
        assert record.status is INTERRUPTED and record.completed_work == 72
        assert store.level("Long") == (0, False)
    assert files_beside(tmp_path) == []


def test_a_well_formed_end_reads_back_as_written() -> None:
    end = ended(7)
    assert decode(json_end()) is not None
    room_bytes = blank_or(json.dumps({
        "format": 1, "completed": end.completed, "ended_at": end.ended_at.isoformat(),
        "session_seconds": 200.0, "step_to": 2, "final": [[7, 60.0]],
        "unwritten": [["Hold", None, 1, 3, 60.0]]}).encode())
    assert decode(room_bytes) == end


@settings(max_examples=80, deadline=None)
@given(st.one_of(st.binary(max_size=300),
                 st.recursive(st.none() | st.booleans() | st.floats() | st.integers()
                              | st.text(max_size=20),
                              lambda inner: st.lists(inner, max_size=4)
                              | st.dictionaries(st.text(max_size=10), inner, max_size=8),
                              max_leaves=30).map(lambda v: json.dumps(v).encode())))
def test_no_content_makes_reading_an_end_fail(data: bytes) -> None:
    found = decode(blank_or(data))
    if found is not None:  # whatever passed is within every bound
        assert 0 <= found.session_seconds <= 7 * 24 * 3600
        assert all(0 <= f.seconds <= 24 * 3600 for f in found.final)


@pytest.mark.parametrize("plant", ["symlink", "pipe", "folder"])
def test_what_is_in_an_end_files_place_is_never_read_or_written_through(
        tmp_path: Path, plant: str) -> None:
    path = tmp_path / "history.sqlite"
    session, kept = cut_off_with_an_end(path)
    place = ending_path(path, session)
    place.unlink()
    precious = tmp_path / "notes.txt"
    precious.write_bytes(kept)
    if plant == "symlink":
        os.symlink(precious, place)
    elif plant == "pipe":
        os.mkfifo(place)
    else:
        place.mkdir()
    with HistoryStore(path) as store:
        assert store.sessions()[0].status is INTERRUPTED
        assert store.level("Long") == (0, False)
    assert precious.read_bytes() == kept
