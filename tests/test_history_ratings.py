"""How a session felt, kept in the history: a rating moves the routine's level as if given at
the time, a corrected one by the difference, never out of 0..top; old histories read as
unrated; ``hiptimer history --rate`` says what it did, and refuses what it cannot rate."""

from __future__ import annotations

import itertools
import json
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hiptimer.cli import main
from hiptimer.history.ending import Ending
from hiptimer.history.level_rows import rated_level
from hiptimer.history.ratings import NotRated
from hiptimer.history.schema import MIGRATIONS, SCHEMA_VERSION, migration_statements
from hiptimer.history.sessions import STOPPED
from hiptimer.history.store import HISTORY_FILE, HistoryStore
from hiptimer.routine.progression import level_in_range
from hiptimer.session.feeling import Feeling, level_step

from .support.history import StoreOpener

Capture = pytest.CaptureFixture[str]
STARTED = datetime(2026, 11, 2, 17, 0, tzinfo=UTC)
FEELINGS = st.sampled_from(list(Feeling))


def ended(store: HistoryStore, name: str, top: int, completed: bool = True) -> int:
    """A session of ``name`` recorded and ended as the recorder ends one: a completed one
    steps the level (unless held), with ``top`` the routine's top level."""
    session = store.start(name, None, "hash", 300.0, STARTED)
    store.add_work(session, "Frog", "left", 1, 1, 290.0)
    assert store.end(session, Ending(completed, STARTED + timedelta(minutes=6), 360.0,
                                     top if completed else None))
    return session


# -- the level arithmetic ----------------------------------------------------------------------

def test_a_rating_moves_the_level_as_if_given_at_the_time(open_store: StoreOpener,
                                                          tmp_path: Path) -> None:
    store = open_store(tmp_path / "history.sqlite")
    store.set_level("Daily", 3, False)
    session = ended(store, "Daily", 5)
    assert store.level("Daily") == (4, False)  # unrated: the step up, as before ratings
    store.rate(session, Feeling.EASY)
    assert store.level("Daily") == (4, False)  # easy keeps the step
    store.rate(session, Feeling.HARD)
    assert store.level("Daily") == (3, False)  # hard stays where it ran
    store.rate(session, Feeling.PAIN)
    assert store.level("Daily") == (2, False)  # pain goes one below
    store.rate(session, Feeling.RIGHT)
    assert store.level("Daily") == (4, False)
    assert [r.feeling for r in store.sessions()] == [Feeling.RIGHT]


def test_pain_at_level_zero_stays_there_and_the_top_is_kept(open_store: StoreOpener,
                                                            tmp_path: Path) -> None:
    store = open_store(tmp_path / "history.sqlite")
    first = ended(store, "Daily", 2)
    store.rate(first, Feeling.PAIN)
    assert store.level("Daily") == (0, False)
    store.rate(first, Feeling.EASY)
    assert store.level("Daily") == (1, False)
    store.set_level("Daily", 2, False)
    at_top = ended(store, "Daily", 2)  # ran at the top: no step
    assert store.level("Daily") == (2, False)
    store.rate(at_top, Feeling.HARD)
    assert store.level("Daily") == (2, False)  # it stays where it ran: the top
    store.rate(at_top, Feeling.PAIN)
    assert store.level("Daily") == (1, False)
    store.rate(at_top, Feeling.EASY)
    assert store.level("Daily") == (2, False)


def test_a_held_level_does_not_move_and_the_feeling_is_kept(open_store: StoreOpener,
                                                            tmp_path: Path) -> None:
    store = open_store(tmp_path / "history.sqlite")
    store.set_level("Daily", 3, True)
    held_then = ended(store, "Daily", 5)
    store.rate(held_then, Feeling.PAIN)
    assert store.level("Daily") == (3, True)
    store.set_level("Daily", 3, False)
    store.rate(held_then, Feeling.HARD)  # held when it ended: its rating moves nothing
    assert store.level("Daily") == (3, False)
    later = ended(store, "Daily", 5)
    store.set_level("Daily", 4, True)
    store.rate(later, Feeling.PAIN)  # held now: the level stays
    assert store.level("Daily") == (4, True)
    store.set_level("Daily", 4, False)
    store.rate(later, Feeling.HARD)  # let go: from easy's step, one down
    assert store.level("Daily") == (3, False)
    assert [r.feeling for r in store.sessions()] == [Feeling.HARD, Feeling.HARD]


def test_what_cannot_be_rated_is_refused_and_changes_nothing(open_store: StoreOpener,
                                                             tmp_path: Path) -> None:
    store = open_store(tmp_path / "history.sqlite")
    stopped = ended(store, "Daily", 5, completed=False)
    running = store.start("Daily", None, "hash", 300.0, STARTED)
    deleted = ended(store, "Daily", 5)
    store.delete_sessions([deleted])
    with pytest.raises(NotRated, match=r"^there is no session 99$"):
        store.rate(99, Feeling.EASY)
    with pytest.raises(NotRated, match=rf"^there is no session {deleted}$"):
        store.rate(deleted, Feeling.PAIN)
    with pytest.raises(NotRated, match=f"^session {stopped} did not complete \\(it is "
                                       "stopped\\): only a completed session can be rated$"):
        store.rate(stopped, Feeling.HARD)
    with pytest.raises(NotRated, match="it is running"):
        store.rate(running, Feeling.HARD)
    assert store.level("Daily") == (1, False)
    assert {r.feeling for r in store.sessions()} == {None}


def test_a_history_busy_elsewhere_rates_nothing_and_says_so(open_store: StoreOpener,
                                                            tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    store = open_store(path)
    session = ended(store, "Daily", 5)
    store.db.execute("PRAGMA busy_timeout = 0")
    other = sqlite3.connect(path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        with pytest.raises(NotRated, match=r"busy in another program.*try again"):
            store.rate(session, Feeling.PAIN)
    finally:
        other.close()
    assert store.level("Daily") == (1, False) and store.sessions()[0].feeling is None
    store.rate(session, Feeling.PAIN)  # once the other lets go, it works
    assert store.level("Daily") == (0, False)


LEVELS = st.integers(0, 6)


@given(top=LEVELS, ran=LEVELS, first=st.one_of(st.none(), FEELINGS), then=FEELINGS)
def test_rating_the_latest_session_again_is_as_if_rated_so_at_the_time(
        top: int, ran: int, first: Feeling | None, then: Feeling) -> None:
    ran = min(ran, top)
    now = level_in_range(ran + level_step(first), top)
    after = rated_level(now, top, ran, now - ran, then)
    assert after.level == level_in_range(ran + level_step(then), top)
    assert rated_level(after.level, top, ran, after.moved, then) == after  # once only


@given(top=LEVELS, level=LEVELS, ran=LEVELS, moved=st.integers(-1, 1),
       feeling=st.one_of(st.none(), FEELINGS))
def test_a_rating_never_leaves_the_range(top: int, level: int, ran: int, moved: int,
                                         feeling: Feeling | None) -> None:
    level, ran = min(level, top), min(ran, top)
    after = rated_level(level, top, ran, moved, feeling)
    assert 0 <= after.level <= top and -1 <= after.moved <= 1
    assert after.level - level == after.moved - moved  # what moved is what it says it moved


# Any sequence: sessions ending (completed or stopped), ratings and corrections of any of
# them, the user holding, letting go or resetting; the store against a plain model.
ACTIONS = st.lists(st.one_of(
    st.tuples(st.just("end"), st.booleans()),
    st.tuples(st.just("rate"), st.integers(0, 20), FEELINGS),
    st.tuples(st.just("hold"), st.booleans()),
    st.tuples(st.just("reset")),
), max_size=25)


class Model:
    """What each rating at the time would have done, applied as differences to the level
    now: the rule the store follows, in the plainest words."""

    def __init__(self, top: int) -> None:
        self.top, self.level, self.held = top, 0, False
        self.effect: dict[int, int] = {}
        """Per completed session whose end stepped the level: what it has moved it so far."""
        self.ran: dict[int, int] = {}

    def end(self, session: int) -> None:
        if self.held:
            return
        self.ran[session] = self.level
        self.effect[session] = min(self.level + 1, self.top) - self.level
        self.level += self.effect[session]

    def rate(self, session: int, feeling: Feeling) -> None:
        if self.held or session not in self.ran:
            return
        ran = self.ran[session]
        wanted = max(0, min(ran + feeling.level_step, self.top)) - ran
        moved_to = max(0, min(self.level + wanted - self.effect[session], self.top))
        self.effect[session] += moved_to - self.level
        self.level = moved_to


def test_any_ratings_keep_the_level_in_range_and_as_the_model_says(tmp_path: Path) -> None:
    names = (f"Routine {n}" for n in itertools.count())
    with HistoryStore(tmp_path / HISTORY_FILE) as store:  # one file: a routine per example

        @settings(max_examples=80, deadline=None)
        @given(top=st.integers(0, 4), actions=ACTIONS)
        def follow(top: int, actions: list[tuple[object, ...]]) -> None:
            name = next(names)
            model = Model(top)
            completed: list[int] = []
            stopped: list[int] = []
            untouched_since: int | None = None
            """The latest completed session, while nothing but its ratings moved the level."""
            for action in actions:
                if action[0] == "end":
                    session = ended(store, name, top, completed=bool(action[1]))
                    (completed if action[1] else stopped).append(session)
                    if action[1]:
                        model.end(session)
                    untouched_since = session if action[1] and not model.held else None
                elif action[0] == "rate" and completed:
                    assert isinstance(action[1], int) and isinstance(action[2], Feeling)
                    session = completed[action[1] % len(completed)]
                    store.rate(session, action[2])
                    model.rate(session, action[2])
                    if session == untouched_since:  # as if rated so at the time
                        ran = model.ran[session]
                        assert model.level == level_in_range(ran + action[2].level_step, top)
                    else:
                        untouched_since = None
                elif action[0] == "hold":
                    model.held = bool(action[1])
                    store.set_level(name, store.level(name)[0], model.held)
                    untouched_since = None
                elif action[0] == "reset":
                    model.level = 0
                    store.set_level(name, 0, model.held)
                    untouched_since = None
                assert store.level(name) == (model.level, model.held)
                assert 0 <= model.level <= top
            for session in stopped:
                with pytest.raises(NotRated):
                    store.rate(session, Feeling.EASY)
            assert store.level(name) == (model.level, model.held)

        follow()


# -- what is stored ----------------------------------------------------------------------------

def schema_7_history(path: Path) -> None:
    """A history as schema 7 left it: a completed session, a stopped one, a held level."""
    db = sqlite3.connect(path, isolation_level=None)
    try:
        for step in range(1, 8):
            for statement in migration_statements(MIGRATIONS[step]):
                db.execute(statement)
        for number, status in ((1, "completed"), (2, "stopped")):
            db.execute("INSERT INTO sessions (routine_name, content_hash, started_at, "
                       "ended_at, planned_work, status, session_seconds) "
                       "VALUES ('Old', 'x', ?, ?, 300, ?, 400)",
                       (f"2026-01-0{number}T10:00:00+00:00",
                        f"2026-01-0{number}T10:07:00+00:00", status))
            db.execute("INSERT INTO completed_work (session_id, exercise, side, round, "
                       "set_number, seconds) VALUES (?, 'Frog', 'left', 1, 1, 280)", (number,))
        db.execute("INSERT INTO progression VALUES ('Old', 3, 0)")
        db.execute("PRAGMA user_version = 7")
    finally:
        db.close()


def test_a_schema_7_history_reads_as_unrated_and_its_ratings_move_no_level(
        open_store: StoreOpener, tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    schema_7_history(path)
    store = open_store(path)
    assert store.problem is None
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 8
    assert [(r.id, r.status.value, r.completed_work, r.feeling) for r in store.sessions()] == [
        (1, "completed", 280.0, None), (2, "stopped", 280.0, None)]
    store.rate(1, Feeling.PAIN)  # what its end did is not known: the feeling alone is kept
    assert store.level("Old") == (3, False)
    assert [r.feeling for r in store.sessions()] == [Feeling.PAIN, None]
    with pytest.raises(NotRated, match="did not complete"):
        store.rate(2, Feeling.EASY)
    newer = ended(store, "Old", 5)  # a session after the migration steps and rates as usual
    store.rate(newer, Feeling.HARD)
    assert store.level("Old") == (3, False)


@pytest.mark.parametrize("feeling", ["meh", "EASY", "", 3, 2.5, b"easy"])
def test_a_stored_feeling_that_is_none_of_the_four_reads_as_unrated(
        open_store: StoreOpener, tmp_path: Path, feeling: object, capsys: Capture,
        data_dir: Path) -> None:
    path = data_dir / HISTORY_FILE
    store = open_store(path)
    session = ended(store, "Daily", 5)
    store.db.execute("UPDATE sessions SET feeling = ? WHERE id = ?", (feeling, session))
    [record] = store.sessions()
    assert record.feeling is None and record.damage is None and record.counts
    assert main(["history"]) == 0 and main(["export", "--csv", "-"]) == 0


@pytest.mark.parametrize(("ran", "top", "moved"), [
    ("x", 5, 1), (1, 5.5, 1), (1, None, 1), (7, 5, 1), (-1, 5, 1), (1, 5, 4), (1, 5, b"\x01"),
    (1, 2**62, 1),
])
def test_stored_steps_that_no_end_writes_move_no_level(open_store: StoreOpener,
                                                       tmp_path: Path, ran: object,
                                                       top: object, moved: object) -> None:
    store = open_store(tmp_path / "history.sqlite")
    session = ended(store, "Daily", 5)
    store.db.execute("UPDATE sessions SET level_ran = ?, level_top = ?, level_moved = ? "
                     "WHERE id = ?", (ran, top, moved, session))
    store.rate(session, Feeling.PAIN)
    assert store.level("Daily") == (1, False)
    assert store.sessions()[0].feeling is Feeling.PAIN


# -- hiptimer history --rate ---------------------------------------------------------------------

def cli(capsys: Capture, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_rating_from_the_command_line_says_where_the_level_is_now(
        data_dir: Path, capsys: Capture) -> None:
    with HistoryStore(data_dir / HISTORY_FILE) as store:
        store.set_level("Hip mobility", 3, False)
        session = ended(store, "Hip mobility", 5)
    assert cli(capsys, "history", "--rate", str(session), "hard") == (
        0, f"Session {session} rated hard: Hip mobility stays at level 3\n", "")
    assert cli(capsys, "history", "--rate", str(session), "pain") == (
        0, f"Session {session} rated pain: Hip mobility goes down to level 2\n", "")
    assert cli(capsys, "history", "--rate", str(session), "Easy") == (
        0, f"Session {session} rated easy: Hip mobility goes up to level 4\n", "")
    with HistoryStore(data_dir / HISTORY_FILE) as store:
        later = ended(store, "Hip mobility", 5)
    assert cli(capsys, "history", "--rate", str(session), "hard") == (  # an older one
        0, f"Session {session} rated hard: Hip mobility goes down to level 4\n", "")
    assert cli(capsys, "history", "--rate", str(later), "hard") == (
        0, f"Session {later} rated hard: Hip mobility goes down to level 3\n", "")
    with HistoryStore(data_dir / HISTORY_FILE) as store:
        store.set_level("Hip mobility", 4, True)
    assert cli(capsys, "history", "--rate", str(session), "right") == (
        0, f"Session {session} rated right: Hip mobility stays at level 4 (held)\n", "")
    code, out, _ = cli(capsys, "history")
    assert code == 0
    header, row = out.splitlines()[:2]
    assert header.split() == ["#", "STARTED", "STATUS", "WORK", "SESSION", "COUNTS", "FELT",
                              "ROUTINE"]
    assert row.split()[-4:] == ["yes", "right", "Hip", "mobility"]
    assert out.splitlines()[2].split()[-4:] == ["yes", "hard", "Hip", "mobility"]


def test_the_command_line_refuses_what_it_cannot_rate(data_dir: Path, capsys: Capture) -> None:
    with HistoryStore(data_dir / HISTORY_FILE) as store:
        stopped = ended(store, "Daily", 5, completed=False)
        assert store.sessions()[0].status is STOPPED
    assert cli(capsys, "history", "--rate", "42", "easy") == (
        1, "", "hiptimer: there is no session 42; nothing was rated\n")
    assert cli(capsys, "history", "--rate", str(stopped), "easy") == (
        1, "", f"hiptimer: session {stopped} did not complete (it is stopped): only a "
               "completed session can be rated; nothing was rated\n")


@pytest.mark.parametrize(("wrong", "said"), [
    (["--rate", "1", "meh"], "not a feeling: 'meh' (use one of easy, right, hard, pain)"),
    (["--rate", "x", "easy"], "not a session number: 'x'"),
    (["--rate", "0", "easy"], "not a session number: '0'"),
    (["--rate", "1"], "expected 2 arguments"),
    (["--rate", "1", "easy", "--delete", "1"], "not allowed with argument"),
])
def test_a_wrong_rating_is_a_usage_error(data_dir: Path, capsys: Capture, wrong: list[str],
                                         said: str) -> None:
    with HistoryStore(data_dir / HISTORY_FILE) as store:
        ended(store, "Daily", 5)
    with pytest.raises(SystemExit) as caught:
        main(["history", *wrong])
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert "usage: hiptimer history" in err and said in err
    with HistoryStore(data_dir / HISTORY_FILE) as store:
        assert store.level("Daily") == (1, False) and store.sessions()[0].feeling is None


def test_a_history_that_cannot_be_used_rates_nothing(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch,
                                                     capsys: Capture) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("mine")
    monkeypatch.setenv("HIPTIMER_DATA_DIR", str(blocker / "hiptimer"))
    code, out, err = cli(capsys, "history", "--rate", "1", "pain")
    assert (code, out) == (1, "")
    assert err.splitlines()[-1] == ("hiptimer: nothing was rated: the history file cannot be "
                                    "used, so this run sees only an empty history in memory")


def test_the_export_and_the_json_have_the_feeling(data_dir: Path, capsys: Capture) -> None:
    with HistoryStore(data_dir / HISTORY_FILE) as store:
        rated = ended(store, "Daily", 5)
        ended(store, "Daily", 5)
        store.rate(rated, Feeling.HARD)
    code, out, _ = cli(capsys, "export", "--csv", "-")
    rows = [line.split(",") for line in out.splitlines()]
    assert code == 0 and rows[0][-1] == "feeling"
    assert [row[-1] for row in rows[1:]] == ["hard", ""]
    code, out, _ = cli(capsys, "history", "--json")
    assert [s["feeling"] for s in json.loads(out)["sessions"]] == ["hard", None]
