"""Which sessions count, as a person meets the rule: a start by mistake leaves nothing behind,
a session stopped before half its work does not count and one stopped after does, and a
very short routine never counts; the summary at the end, ``hiptimer history`` and the
reminders all agree, on the same figure for work."""

from __future__ import annotations

import tempfile
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hiptimer.cli import main
from hiptimer.cues.names import CueSettings
from hiptimer.cues.player import SilentSink
from hiptimer.history.store import HistoryStore
from hiptimer.practice import Assembler, Practice
from hiptimer.reminders.due import done_on
from hiptimer.routine import Routine, parse_routine
from hiptimer.session.clock import FakeClock
from hiptimer.session.counting import (
    DONE_SHARE,
    KEPT_WORK,
    MIN_WORK,
    TOLERANCE,
    Shortfall,
    counts,
    kept,
    shortfall,
)
from hiptimer.session.summary import DoneSummary, summary_lines
from hiptimer.session.timeline import PhaseKind

from .support.history import StoreOpener

# Get ready 5 s, the left side 150 s, switch 5 s, the right side 150 s: 5 minutes of work.
FIVE = parse_routine(b"name: Five\ndefaults: {prepare: 5s, switch: 5s}\nexercises:\n"
                     b"  - {name: Frog, hold: 150s, sides: both}\n", "five.yaml")
# A one-minute routine: 50 s of work.
QUICK = parse_routine(b"name: Quick\ndefaults: {prepare: 10s}\nexercises:\n"
                      b"  - {name: Frog, hold: 50s}\n", "quick.yaml")
Capture = pytest.CaptureFixture[str]


def assembler(clock: FakeClock, store: HistoryStore) -> Assembler:
    return Assembler(clock, SilentSink(), lambda: CueSettings(voice=False), lambda _: None,
                     lambda: store, weekly_target=lambda: 2)


def run_for(practice: Practice, clock: FakeClock, seconds: float | None) -> DoneSummary:
    """Start, let it run ``seconds`` (to its end for ``None``), stop it there; the summary."""
    session = practice.session
    practice.deliver(session.start())
    clock.jump(session, None if seconds is None else clock.now() + seconds, practice.deliver)
    practice.deliver(session.stop())
    done = practice.summary()
    assert done is not None
    return done


def test_a_session_stopped_in_its_get_ready_leaves_no_history(
        open_store: StoreOpener, data_dir: Path, capsys: Capture) -> None:
    store = open_store(data_dir / "history.sqlite")
    clock = FakeClock()
    done = run_for(assembler(clock, store).assemble(FIVE), clock, 3)  # 0:00 of work
    assert store.sessions() == []
    assert summary_lines(done) == ["Stopped before a set was done",
                                   "Work 0:00 of 5:00 · Session 0:03",
                                   "Not recorded: no work done", "This week: 0 of 2 sessions"]
    assert main(["history"]) == 0
    assert capsys.readouterr().out.splitlines()[0].startswith("No sessions yet.")


def test_a_session_getting_ready_is_under_way_until_it_is_stopped(open_store: StoreOpener,
                                                                  tmp_path: Path) -> None:
    """While it gets ready, others see a session under way (a reminder waits for its end);
    stopped there, it is gone."""
    store = open_store(tmp_path / "history.sqlite")
    clock = FakeClock()
    practice = assembler(clock, store).assemble(FIVE)
    session = practice.session
    practice.deliver(session.start())
    clock.jump(session, 4, practice.deliver)
    [running] = store.sessions()
    assert running.status == "running" and running.completed_work == 0
    practice.deliver(session.stop())
    assert store.sessions() == []
    assert store.db.execute("SELECT COUNT(*) FROM sessions").fetchone()[0] == 0


@pytest.mark.parametrize(("share", "counted"), [(0.4, False), (0.6, True)])
def test_a_session_stopped_part_way_counts_from_half_its_work(
        open_store: StoreOpener, data_dir: Path, capsys: Capture, share: float,
        counted: bool) -> None:
    store = open_store(data_dir / "history.sqlite")
    clock = FakeClock()
    work = share * 300
    # Work on the left side first, then (past 150 s) the 5 s switch, then the right side.
    ran = 5 + work + (5 if work > 150 else 0)
    done = run_for(assembler(clock, store).assemble(FIVE), clock, ran)
    [record] = store.sessions()
    assert record.completed_work == pytest.approx(work) == done.session.work_seconds
    assert record.counts is counted and done.week_sessions == int(counted)
    lines = summary_lines(done)
    assert lines[1] == f"Work {'2:00' if share < 0.5 else '3:00'} of 5:00 · Session " + (
        "2:05" if share < 0.5 else "3:10")
    assert ("Not counted: under half the work" in lines) is not counted
    assert f"This week: {int(counted)} of 2 sessions" in lines

    assert main(["history"]) == 0
    listed = capsys.readouterr().out.splitlines()
    assert listed[1].split()[-3:] == ["yes" if counted else "no", "-", "Five"]  # unrated
    assert f"This week: {int(counted)} of 2 sessions." in listed[-2 if not counted else -1]

    today = datetime.now().astimezone()
    assert bool(done_on(store.sessions(), today.date(), today.tzinfo)) is counted


def test_a_one_minute_routine_never_counts(open_store: StoreOpener, tmp_path: Path) -> None:
    store = open_store(tmp_path / "history.sqlite")
    clock = FakeClock()
    practice = assembler(clock, store).assemble(QUICK)
    done = run_for(practice, clock, None)
    assert done.session.completed
    [record] = store.sessions()
    assert record.status == "completed" and not record.counts
    assert summary_lines(done) == ["Finished: 1 set done", "Work 0:50 · Session 1:00",
                                   "Not counted: under 2 minutes of work",
                                   "This week: 0 of 2 sessions"]


def test_a_completed_session_with_its_work_skipped_does_not_count(
        open_store: StoreOpener, tmp_path: Path) -> None:
    store = open_store(tmp_path / "history.sqlite")
    clock = FakeClock()
    practice = assembler(clock, store).assemble(FIVE)
    session = practice.session
    practice.deliver(session.start())
    clock.jump(session, 5 + 30, practice.deliver)
    while session.is_live():
        practice.deliver(session.next())  # skipped through to the end
    done = practice.summary()
    assert done is not None and done.session.completed
    assert done.session.shortfall is Shortfall.TOO_SHORT and done.week_sessions == 0
    assert summary_lines(done)[:3] == ["Finished: 0 of 1 set done", "Work 0:30 · Session 0:35",
                                       "Not counted: under 2 minutes of work"]


# -- the rule as a property ------------------------------------------------------------------

seconds = st.floats(min_value=0, max_value=4 * 3600, allow_nan=False)


@given(completed=st.booleans(), less=seconds, more=seconds, planned=seconds)
def test_more_work_never_counts_less(completed: bool, less: float, more: float,
                                     planned: float) -> None:
    less, more = sorted((less, more))
    if counts(completed, less, planned):
        assert counts(completed, more, planned)


@given(work=seconds, planned=seconds, more_planned=seconds)
def test_completing_never_counts_less_and_a_bigger_plan_never_counts_more(
        work: float, planned: float, more_planned: float) -> None:
    planned, more_planned = sorted((planned, more_planned))
    for completed in (False, True):
        if counts(completed, work, more_planned):
            assert counts(completed, work, planned)
    if counts(False, work, planned):
        assert counts(True, work, planned)


@given(completed=st.booleans(), work=seconds, planned=seconds)
def test_the_rule_in_words(completed: bool, work: float, planned: float) -> None:
    """What the report and the docs say: at least 2 minutes of work, and completed or at
    least half the planned work; no work at all is not kept."""
    near = work + TOLERANCE  # work is a sum of clock differences: rounding is forgiven
    said = near >= MIN_WORK and (completed or near >= DONE_SHARE * planned)
    assert counts(completed, work, planned) is said
    assert kept(work) is (work > KEPT_WORK + TOLERANCE)
    if not kept(work):
        assert shortfall(completed, work, planned) is Shortfall.NO_WORK


def _routine(sets: int, hold: int) -> Routine:
    text = (f"name: R\ndefaults: {{prepare: 3s, rest: 4s}}\nexercises:\n"
            f"  - {{name: Frog, hold: {hold}s, sets: {sets}}}\n"
            "  - {name: Lift, reps: 4, tempo: 2-1-2}\n")
    return parse_routine(text.encode(), "r.yaml")


@settings(max_examples=40, deadline=None)
@given(sets=st.integers(1, 3), hold=st.integers(20, 90), stop_at=st.floats(0, 400),
       skip_at=st.none() | st.floats(0, 300))
def test_the_summary_and_the_history_agree_on_work_length_and_counting(
        sets: int, hold: int, stop_at: float, skip_at: float | None) -> None:
    """The done screen and the history give one figure for work and one for the session's
    length, and so one answer to whether it counts; a session is in the history exactly
    when it has a second of work."""
    with tempfile.TemporaryDirectory() as folder, \
            HistoryStore(Path(folder) / "history.sqlite") as store:
        clock = FakeClock(100)
        practice = assembler(clock, store).assemble(_routine(sets, hold))
        session = practice.session
        practice.deliver(session.start())
        if skip_at is not None and skip_at < stop_at:
            clock.jump(session, 100 + skip_at, practice.deliver)
            practice.deliver(session.next())
        clock.jump(session, 100 + stop_at, practice.deliver)
        practice.deliver(session.stop())
        done = practice.summary()
        assert done is not None
        facts = done.session
        planned = sum(p.duration or 0 for p in session.timeline.phases
                      if p.kind is PhaseKind.WORK)
        assert facts.planned_work_seconds == planned
        records = store.sessions()
        if not kept(facts.work_seconds):
            assert records == [] and facts.shortfall is Shortfall.NO_WORK
            return
        [record] = records
        assert record.completed_work == pytest.approx(facts.work_seconds)
        assert record.session_seconds == pytest.approx(facts.session_seconds)
        assert record.planned_work == planned
        assert record.shortfall is facts.shortfall
        assert done.week_sessions == int(record.counts)
