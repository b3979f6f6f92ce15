"""Training days: the plan file, the default plan, and which reminders are due when."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, time, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hiptimer.base.locations import builtin_routines_dir
from hiptimer.history.sessions import SessionRecord, SessionStatus
from hiptimer.reminders.due import Verdict, check, done_on
from hiptimer.reminders.reminded import note_reminded, read_reminded
from hiptimer.reminders.today import reminders_now
from hiptimer.reminders.training_days import (
    DEFAULT_PLAN,
    EVERY_DAY,
    STRENGTH_ROUTINE,
    Plan,
    PlanEntry,
    Weekday,
)
from hiptimer.reminders.training_days_file import (
    PlanError,
    can_be_written,
    parse_plan,
    plan_text,
    read_plan,
    write_plan,
)
from hiptimer.routine.catalogue import Origin, scan_folder

MONDAY_EVENING = datetime(2026, 11, 23, 19, 0, tzinfo=UTC)

references = st.text(st.characters(codec="utf-8"), min_size=1, max_size=30).filter(
    can_be_written)
entries = st.builds(PlanEntry, references,
                    st.frozensets(st.sampled_from(Weekday), min_size=1),
                    st.times().map(lambda t: time(t.hour, t.minute)))
plans = st.lists(entries, max_size=8).map(lambda found: Plan(tuple(found)))
moments = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1),
                       timezones=st.just(UTC))


# -- the plan file ---------------------------------------------------------------------------

@settings(max_examples=300)
@given(st.text())
def test_any_text_is_a_plan_or_located_problems(text: str) -> None:
    try:
        plan = parse_plan(text, "plan.txt")
    except PlanError as exc:
        assert exc.problems
        lines = max(1, len(text.splitlines()))
        for problem in exc.problems:
            assert str(problem).startswith(f"plan.txt:{problem.line}:{problem.column}: error: ")
            assert 1 <= problem.line <= lines and problem.column >= 1
    else:
        for entry in plan.entries:
            assert entry.days and entry.routine.strip()


@given(plans)
def test_a_written_plan_reads_back_the_same(plan: Plan) -> None:
    assert parse_plan(plan_text(plan)) == plan


def test_a_plan_file_by_hand() -> None:
    plan = parse_plan("# mine\n\nhip-strength | Mon, thursday | 18:00\n"
                      "Hip internal rotation - mobility|daily|7:05\n")
    assert plan.entries == (
        PlanEntry("hip-strength", frozenset({Weekday.MONDAY, Weekday.THURSDAY}), time(18, 0)),
        PlanEntry("Hip internal rotation - mobility", EVERY_DAY, time(7, 5)))


@pytest.mark.parametrize(("line", "where", "words"), [
    ("hip-strength | mon | 25:00", ":1:22:", "'25:00' is not a time of day"),
    ("hip-strength | someday | 18:00", ":1:16:", "'someday' is not a day"),
    ("hip-strength | | 18:00", ":1:", "no day is given"),
    (" | mon | 18:00", ":1:", "no routine is named"),
    ("hip-strength mon 18:00", ":1:1:", "three parts, not 1"),
    ("hip\x1b[2J | mon | 18:00", ":1:4:", "control character U+001B"),
])
def test_each_mistake_is_named_where_it_is(line: str, where: str, words: str) -> None:
    with pytest.raises(PlanError) as caught:
        parse_plan(line, "plan.txt")
    message = str(caught.value)
    assert f"plan.txt{where}" in message and words in message


def test_no_plan_file_means_the_default_plan(tmp_path: Path) -> None:
    assert read_plan(tmp_path / "none.txt", DEFAULT_PLAN) == (DEFAULT_PLAN, None)


def test_a_broken_plan_file_means_no_reminders_and_says_where(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text("hip-strength | mon | 18:00\nhip-mobility | mon | noon\n")
    plan, problem = read_plan(path, DEFAULT_PLAN)
    assert plan == Plan()
    assert problem is not None and f"{path}:2:" in problem and "no reminders" in problem


@pytest.mark.parametrize("content", [b"\xff\xfe\x00garbage", b"x" * 200_000, b"\x00" * 10])
def test_a_hostile_plan_file_is_refused_with_a_message(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "plan.txt"
    path.write_bytes(content)
    plan, problem = read_plan(path, DEFAULT_PLAN)
    assert plan == Plan() and problem and str(path) in problem


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
def test_a_pipe_for_a_plan_file_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    os.mkfifo(path)
    plan, problem = read_plan(path, DEFAULT_PLAN)
    assert plan == Plan() and problem and "named pipe" in problem


def test_a_saved_plan_replaces_the_file(tmp_path: Path) -> None:
    path = tmp_path / "config" / "plan.txt"
    write_plan(path, DEFAULT_PLAN)
    assert read_plan(path, Plan()) == (DEFAULT_PLAN, None)
    write_plan(path, Plan())
    assert read_plan(path, DEFAULT_PLAN) == (Plan(), None)
    assert [p.name for p in path.parent.iterdir()] == ["plan.txt"]


# -- the default plan ------------------------------------------------------------------------

def test_the_default_plan_has_two_or_three_strength_days_never_in_a_row() -> None:
    library = scan_folder(builtin_routines_dir(), Origin.BUILT_IN)
    strength = {e.path.stem for e in library
                if e.routine and "2-3 times a week" in e.routine.description}
    assert STRENGTH_ROUTINE in strength
    days = set().union(*(e.days for e in DEFAULT_PLAN.entries if e.routine in strength))
    assert 2 <= len(days) <= 3
    assert all(day.next not in days for day in days)  # Sunday's next is Monday


def test_the_default_plan_names_built_in_routines_that_load() -> None:
    library = scan_folder(builtin_routines_dir(), Origin.BUILT_IN)
    reminders = reminders_now(DEFAULT_PLAN, MONDAY_EVENING, library, [], frozenset())
    assert all(r.routine is not None and r.problem is None for r in reminders)


# -- what is due -----------------------------------------------------------------------------

@given(plans, moments, st.data())
def test_a_reminder_is_due_on_its_days_once_its_time_has_come(
        plan: Plan, now: datetime, data: st.DataObject) -> None:
    done = data.draw(st.frozensets(st.sampled_from([e.routine.casefold() for e in plan.entries]
                                                   or ["x"])))
    for checked in check(plan, now, done, frozenset()):
        entry = checked.entry
        expected_due = (Weekday(now.weekday()) in entry.days and now.time() >= entry.at
                        and entry.routine.casefold() not in done)
        assert (checked.verdict is Verdict.DUE) == expected_due


@given(plans, moments)
def test_each_reminder_comes_at_most_once_a_day(plan: Plan, now: datetime) -> None:
    first = check(plan, now, frozenset(), frozenset())
    sent = frozenset(c.entry.key for c in first if c.verdict is Verdict.DUE)
    later = now + timedelta(hours=1)
    if later.date() == now.date():
        assert not any(c.verdict is Verdict.DUE and c.entry.key in sent
                       for c in check(plan, later, frozenset(), sent))


def test_a_late_start_still_brings_the_days_reminder_but_not_the_next_day() -> None:
    plan = parse_plan("hip-strength | mon | 18:00")
    assert [c.verdict for c in check(plan, MONDAY_EVENING.replace(hour=23, minute=59),
                                     (), ())] == [Verdict.DUE]
    assert [c.verdict for c in check(plan, MONDAY_EVENING + timedelta(days=1), (), ())] \
        == [Verdict.NOT_TODAY]
    assert [c.verdict for c in check(plan, MONDAY_EVENING.replace(hour=17, minute=59),
                                     (), ())] == [Verdict.NOT_YET]


def _record(started: datetime, status: SessionStatus = SessionStatus.COMPLETED,
            name: str = "Hip internal rotation - strength", done: float = 600,
            file: str | None = "/somewhere/hip-strength.yaml") -> SessionRecord:
    return SessionRecord(1, name, file, "hash", started, None, 600, done, status)


def test_a_routine_done_today_gets_no_reminder() -> None:
    library = scan_folder(builtin_routines_dir(), Origin.BUILT_IN)
    plan = parse_plan("hip-strength | mon | 18:00\nhip-mobility | mon | 18:00")
    records = [_record(MONDAY_EVENING.replace(hour=7))]
    verdicts = [r.check.verdict for r in reminders_now(plan, MONDAY_EVENING, library, records,
                                                       frozenset())]
    assert verdicts == [Verdict.DONE, Verdict.DUE]


def test_a_plan_naming_the_routine_sees_a_session_recorded_from_another_file() -> None:
    library = scan_folder(builtin_routines_dir(), Origin.BUILT_IN)
    plan = parse_plan("hip-strength | mon | 18:00")
    records = [_record(MONDAY_EVENING.replace(hour=7), file="/elsewhere/copy.yaml")]
    assert reminders_now(plan, MONDAY_EVENING, library, records, frozenset())[0] \
        .check.verdict is Verdict.DONE


@pytest.mark.parametrize(("record", "counts"), [
    (_record(MONDAY_EVENING.replace(hour=8)), True),
    (_record(MONDAY_EVENING.replace(hour=8), SessionStatus.STOPPED, done=400), True),
    (_record(MONDAY_EVENING.replace(hour=8), SessionStatus.STOPPED, done=100), False),
    (_record(MONDAY_EVENING.replace(hour=8), SessionStatus.INTERRUPTED, done=20), False),
    (_record(MONDAY_EVENING.replace(hour=8), SessionStatus.INTERRUPTED, done=300), True),
    # Completed, but with a minute of work: as the week does not count it, neither does this.
    (_record(MONDAY_EVENING.replace(hour=8), done=60), False),
    (_record(MONDAY_EVENING - timedelta(days=1)), False),
])
def test_what_counts_as_done_today(record: SessionRecord, counts: bool) -> None:
    assert bool(done_on([record], MONDAY_EVENING.date(), UTC)) == counts


def test_today_is_the_users_own_day() -> None:
    berlin_winter = timezone(timedelta(hours=1))
    late_sunday_utc = datetime(2026, 11, 22, 23, 30, tzinfo=UTC)  # Monday 00:30 in Berlin
    assert done_on([_record(late_sunday_utc)], date(2026, 11, 23), berlin_winter)
    assert not done_on([_record(late_sunday_utc)], date(2026, 11, 23), UTC)


def test_a_routine_the_library_lacks_is_said_not_sent() -> None:
    plan = parse_plan("no-such-routine | mon | 18:00")
    [reminder] = reminders_now(plan, MONDAY_EVENING, [], [], frozenset())
    assert reminder.blocked and not reminder.sendable
    assert "no routine called 'no-such-routine'" in reminder.describe()


# -- reminders sent today --------------------------------------------------------------------

def test_sent_reminders_are_remembered_for_the_day(tmp_path: Path) -> None:
    path = tmp_path / "state" / "reminded.txt"
    today = MONDAY_EVENING.date()
    note_reminded(path, today, frozenset({"18:00 hip-strength"}))
    assert read_reminded(path, today) == {"18:00 hip-strength"}
    assert read_reminded(path, today + timedelta(days=1)) == frozenset()


@pytest.mark.parametrize("content", [b"", b"\xff\xfe garbage\n", b"2026-11-23\n", b"\0" * 100])
def test_a_damaged_reminded_file_never_stops_a_check(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "reminded.txt"
    path.write_bytes(content)
    assert read_reminded(path, MONDAY_EVENING.date()) == frozenset()
