"""A crafted or damaged row in the history costs that row, never every reader.

Each row is written with SQLite directly into a real history file, the way a hand edit or a
damaged disk would leave it; then the real commands and the store's readers run on it.
"""

from __future__ import annotations

import csv
import io
import json
import math
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hiptimer.cli import main
from hiptimer.history.export import write_csv
from hiptimer.history.pulse import Beat, encode, pulse_path
from hiptimer.history.ratings import NotRated
from hiptimer.history.sessions import SessionStatus
from hiptimer.history.store import HISTORY_FILE, HistoryStore
from hiptimer.history.weeks import week_count, weeks_on_target
from hiptimer.session.feeling import Feeling
from hiptimer.terminal.commands import history_json, session_lines

Capture = pytest.CaptureFixture[str]
GOOD_START = "2026-03-02T17:00:00+00:00"
NOW = datetime(2026, 3, 4, 12, tzinfo=UTC)
COLUMNS = ("routine_name", "routine_file", "content_hash", "started_at", "ended_at",
           "planned_work", "completed_work", "status", "session_seconds", "feeling",
           "level_ran", "level_top", "level_moved")


def sound_row() -> dict[str, object]:
    """A completed session that counts, as the recorder writes one."""
    return {"routine_name": "Daily", "routine_file": None, "content_hash": "h",
            "started_at": GOOD_START, "ended_at": "2026-03-02T17:12:00+00:00",
            "planned_work": 600.0, "completed_work": 600.0, "status": "completed",
            "session_seconds": 720.0}


def write_row(path: Path, **changes: object) -> int:
    """A session row with ``changes`` over a sound one, straight into the file."""
    with HistoryStore(path):
        pass  # made with its schema
    row = {**sound_row(), **changes}
    db = sqlite3.connect(path)
    try:
        with db:
            cursor = db.execute(
                f"INSERT INTO sessions ({', '.join(row)}) "
                f"VALUES ({', '.join('?' * len(row))})", tuple(row.values()))
        assert cursor.lastrowid is not None
        return cursor.lastrowid
    finally:
        db.close()


def cli(capsys: Capture, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


CRAFTED = [
    pytest.param({"started_at": "garbage"}, "started_at 'garbage' is not a time", id="date"),
    pytest.param({"planned_work": "abc"}, "planned_work 'abc' is not a number", id="text"),
    pytest.param({"completed_work": b"\x00"}, "completed_work b'\\x00' is not a number",
                 id="blob"),
    pytest.param({"started_at": "9999-12-31T23:00:00-14:00"}, "is not a time", id="overflow"),
    pytest.param({"started_at": "9999-12-31T23:00:00+14:00"}, "is out of range",
                 id="year-9999"),
    pytest.param({"session_seconds": math.inf}, "session_seconds inf is out of range",
                 id="inf"),
    pytest.param({"routine_name": b"\x1b[31m"}, "routine_name b'\\x1b[31m' is not text",
                 id="name"),
]


@pytest.mark.parametrize(("changes", "reason"), CRAFTED)
def test_a_damaged_row_is_listed_as_damaged_and_costs_only_itself(
        data_dir: Path, capsys: Capture, changes: dict[str, object], reason: str) -> None:
    path = data_dir / HISTORY_FILE
    sound = write_row(path)
    damaged = write_row(path, **changes)

    code, out, err = cli(capsys, "history", "--target", "1")
    assert code == 0 and "Traceback" not in err
    lines = out.splitlines()
    assert any(line.split()[:1] == [str(damaged)] and "damaged" in line for line in lines)
    assert f"Session {damaged} is damaged (" in out and reason in out
    assert f"hiptimer history --delete {damaged}" in out
    assert "\x1b" not in out

    code, out, _ = cli(capsys, "history", "--json", "--target", "1")
    sessions = {s["id"]: s for s in json.loads(out)["sessions"]}
    assert sessions[damaged]["status"] == "damaged" and not sessions[damaged]["counts"]
    assert reason in sessions[damaged]["damage"]
    assert sessions[sound]["counts"] and "damage" not in sessions[sound]

    code, out, _ = cli(capsys, "export", "--csv", "-")
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(out))}
    assert code == 0 and rows[str(damaged)]["status"] == "damaged"
    assert reason in rows[str(damaged)]["damage"] and rows[str(sound)]["damage"] == ""

    with HistoryStore(path) as store:  # the sound session alone counts
        assert week_count(store.sessions(), NOW) == 1
        assert weeks_on_target(store.sessions(), 1, NOW) == 1

    code, out, _ = cli(capsys, "history", "--delete", str(damaged))
    assert code == 0 and out.startswith("Deleted 1 session:")
    with HistoryStore(path) as store:
        assert [r.id for r in store.sessions()] == [sound]
    assert cli(capsys, "history", "--undo")[0] == 0
    with HistoryStore(path) as store:
        assert [r.id for r in store.sessions()] == [sound, damaged]


def test_reminders_see_a_damaged_row_as_not_done(data_dir: Path, capsys: Capture) -> None:
    (data_dir / "training-days.txt").write_text("hip-strength | mon | 18:00\n")
    write_row(data_dir / HISTORY_FILE, routine_name="Hip internal rotation - strength",
              started_at="2026-11-23T18:10:00+00:00", ended_at="garbage")
    code, out, err = cli(capsys, "remind", "--dry-run", "--now", "2026-11-23T19:00:00+00:00")
    assert code == 0 and "Traceback" not in err
    assert out.startswith("would remind: hip-strength")


def test_a_damaged_work_period_marks_its_session_damaged(data_dir: Path,
                                                          capsys: Capture) -> None:
    path = data_dir / HISTORY_FILE
    with HistoryStore(path) as store:
        session = store.start("Daily", None, "h", 600.0,
                              datetime(2026, 3, 2, 17, tzinfo=UTC))
        store.add_work(session, "Frog", None, 1, 1, 300.0)
        store.add_work(session, "Frog", None, 1, 2, 300.0)
        store.finish(session, SessionStatus.COMPLETED, datetime(2026, 3, 2, 17, 12, tzinfo=UTC))
    with sqlite3.connect(path) as db:
        db.execute("UPDATE completed_work SET round = 'x' WHERE set_number = 2")
    db.close()
    with HistoryStore(path) as store:
        (record,) = store.sessions()
        assert record.status is SessionStatus.DAMAGED and "round 'x'" in (record.damage or "")
        assert [w[3] for w in store.work(session)] == [1]  # the damaged period is left out
    assert cli(capsys, "export", "--csv", "-")[0] == 0


def test_a_text_level_reads_as_the_first_and_plan_runs(data_dir: Path, tmp_path: Path,
                                                       capsys: Capture) -> None:
    routine = tmp_path / "r.yaml"
    routine.write_text("name: Lv\nexercises:\n  - {name: Frog, hold: 3s, sets: 2}\n")
    with HistoryStore(data_dir / HISTORY_FILE) as store:
        store.set_level("Lv", 2, False)
    with sqlite3.connect(data_dir / HISTORY_FILE) as db:
        db.execute("UPDATE progression SET level = 'high', held = x'01'")
    db.close()
    with HistoryStore(data_dir / HISTORY_FILE) as store:
        assert store.level("Lv") == (0, False)
    code, out, err = cli(capsys, "plan", str(routine))
    assert code == 0 and "Frog" in out and "Traceback" not in err


def test_a_damaged_measurement_is_named_not_read(data_dir: Path) -> None:
    path = data_dir / HISTORY_FILE
    with HistoryStore(path) as store:
        store.add_motion(datetime(2026, 3, 2).date(), "left", 30.0)
    with sqlite3.connect(path) as db:
        db.execute("INSERT INTO motion (measured_on, side, degrees) VALUES ('soon', 'left', 'x')")
    db.close()
    with HistoryStore(path) as store:
        assert [m.degrees for m in store.measurements()] == [30.0]
        ((row_id, reason),) = store.damaged_measurements()
        assert "measured_on 'soon'" in reason and "degrees 'x'" in reason
        store.delete_motion([row_id])
        assert store.damaged_measurements() == []


def test_a_huge_pulse_is_bounded_when_folded_in(data_dir: Path, capsys: Capture) -> None:
    path = data_dir / HISTORY_FILE
    with HistoryStore(path) as store:
        session = store.start("Daily", None, "h", 60.0, datetime(2026, 3, 2, 17, tzinfo=UTC))
        work = store.add_work(session, "Frog", None, 1, 1, 5.0)
    with sqlite3.connect(path) as db:
        db.execute("UPDATE sessions SET pid = NULL")  # its process is gone: cut off
    db.close()
    pulse_path(path, session).write_bytes(encode(Beat(work, 999999999999.999)))
    with HistoryStore(path) as store:  # opening folds the pulse in
        (record,) = store.sessions()
        assert record.completed_work <= 24 * 3600
    code, out, _ = cli(capsys, "history")
    assert code == 0 and "277777777" not in out


def test_an_end_before_the_start_is_written_and_read_as_the_start(data_dir: Path) -> None:
    path = data_dir / HISTORY_FILE
    start = datetime(2026, 3, 2, 17, tzinfo=UTC)
    with HistoryStore(path) as store:
        session = store.start("Daily", None, "h", 600.0, start)
        store.add_work(session, "Frog", None, 1, 1, 300.0)
        store.finish(session, SessionStatus.STOPPED, datetime(2026, 3, 2, 16, tzinfo=UTC),
                     session_seconds=-5.0)
        (record,) = store.sessions()
        assert record.ended_at == start and record.session_seconds == 0.0
    write_row(path, ended_at="2026-03-01T00:00:00+00:00")  # written so by anything else
    with HistoryStore(path) as store:
        crafted = store.sessions()[-1]
        assert crafted.ended_at is not None and crafted.ended_at >= crafted.started_at


# -- anything in any column ------------------------------------------------------------------

VALUES = st.one_of(
    st.none(), st.text(max_size=30), st.binary(max_size=8),
    st.integers(-2**63, 2**63 - 1), st.floats(allow_nan=True),
    st.sampled_from(["garbage", "9999-12-31T23:00:00+14:00", "0001-01-01T00:00:00-14:00",
                     "9999-12-31", "0001-01-01", "2026-03-02T17:00:00", "2026-02-30",
                     "completed", "running", "stopped", "damaged", "1e999", "-0"]))


@contextmanager
def fresh_history() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as folder:
        yield Path(folder) / HISTORY_FILE


@settings(max_examples=60, deadline=None)
@given(column=st.sampled_from(COLUMNS), value=VALUES, pid=st.one_of(st.none(), VALUES))
def test_any_value_in_any_column_costs_only_its_row(column: str, value: object,
                                                    pid: object) -> None:
    with fresh_history() as path:
        try:
            crafted = write_row(path, **{column: value}, pid=pid)
        except sqlite3.IntegrityError:
            return  # a NOT NULL column refused it (NaN is NULL to SQLite)
        with HistoryStore(path) as store:
            records = store.sessions()
            week_count(records, NOW)
            weeks_on_target(records, 1, NOW)
            write_csv(store, io.StringIO())
            session_lines(records)
            json.dumps(history_json(records, 1))
            assert all(not r.counts for r in records if r.damage)
            shown = {r.id: r for r in records}
            with suppress(NotRated):  # a rating moves the level within its range, or nothing
                store.rate(crafted, Feeling.PAIN)
                assert store.level("Daily")[0] >= 0
            if crafted in shown and shown[crafted].status is not SessionStatus.RUNNING:
                store.delete_sessions([crafted])
                assert crafted not in {r.id for r in store.sessions()}
                store.restore_sessions([crafted])

