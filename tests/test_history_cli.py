"""``hiptimer history`` as a person uses it: each session numbered, in whole seconds and m:ss;
``--delete`` and ``--undo`` say what they did, and a refused change says why and changes
nothing."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from hiptimer.base.language import Language
from hiptimer.base.locations import builtin_routines_dir, settings_file
from hiptimer.base.preferences import Settings
from hiptimer.cli import main
from hiptimer.history.sessions import COMPLETED, STOPPED, SessionStatus
from hiptimer.history.store import HistoryStore
from hiptimer.routine.model import TextField
from hiptimer.routine.parse import load_routine

from .support.commands import hiptimer
from .support.history import StoreOpener
from .support.languages import LANGUAGES

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

Capture = pytest.CaptureFixture[str]
LONG_AGO = datetime(2026, 3, 2, 17, 0, tzinfo=UTC)
UNDO = "Undo with 'hiptimer history --undo' within 30 days."
HEADER = ["#", "STARTED", "STATUS", "WORK", "SESSION", "COUNTS", "FELT", "ROUTINE"]
MEASURE = ["", "You have not measured your hip rotation yet: the guided self-test takes a "
           "few minutes (History and progress, Range of motion)."]
"""The advice at the end of the list once a session is completed and nothing measured."""
RULE = ("A session counts towards the week with at least 2 minutes of work, completed or "
        "stopped after half its planned work.")
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def session(data_dir: Path, name: str, planned: float, done: float,
            status: SessionStatus = COMPLETED, started: datetime | None = None,
            length: float | None = None) -> int:
    """A session recorded in the user's history, as a finished run leaves it."""
    with HistoryStore(data_dir / "history.sqlite") as store:
        number = store.start(name, None, "hash", planned, when=started)
        store.add_work(number, "Frog", "left", 1, 1, done)
        if status is not SessionStatus.RUNNING:
            store.finish(number, status, when=started + timedelta(minutes=12) if started
                         else None, session_seconds=length)
        return number


def when(started: datetime) -> str:
    """A start as the terminal writes it, in this machine's time zone."""
    local = started.astimezone()
    return f"{WEEKDAYS[local.weekday()]} {local:%Y-%m-%d %H:%M}"


def cells(lines: list[str]) -> list[list[str]]:
    """A table's lines as their cells (the columns stand two spaces or more apart)."""
    return [re.split(r" {2,}", line.strip()) for line in lines]


def listed(capsys: Capture) -> list[str]:
    assert main(["history"]) == 0
    return capsys.readouterr().out.splitlines()


def test_each_session_is_listed_with_its_work_length_and_whether_it_counts(
        data_dir: Path, capsys: Capture) -> None:
    daily = session(data_dir, "Daily 10 minutes", 605.0, 597.6, started=LONG_AGO, length=725)
    later = LONG_AGO + timedelta(days=1)
    strength = session(data_dir, "Strength", 1370.0, 240.5, STOPPED, started=later,
                       length=370.2)
    assert listed(capsys) == [
        "#  STARTED               STATUS     WORK           SESSION  COUNTS  FELT  ROUTINE",
        f"{daily}  {when(LONG_AGO)}  completed  9:58 of 10:05    12:05  yes     -     "
        "Daily 10 minutes",
        f"{strength}  {when(later)}  stopped    4:01 of 22:50     6:10  no      -     Strength",
        "",
        "This week: 0 of 2 sessions. Weeks in a row on target: 0.",
        RULE,
        *MEASURE,
    ]


def test_the_week_counts_only_sessions_that_count(data_dir: Path, capsys: Capture) -> None:
    now = datetime.now(UTC)
    session(data_dir, "Daily", 450.0, 450.0, started=now, length=605)  # completed
    session(data_dir, "Daily", 450.0, 270.0, STOPPED, started=now)  # 60 %: counts
    session(data_dir, "Daily", 450.0, 180.0, STOPPED, started=now)  # 40 %: does not
    session(data_dir, "Quick", 60.0, 60.0, started=now)  # completed, but one minute of work
    rows = listed(capsys)
    assert [row[5] for row in cells(rows[1:5])] == ["yes", "yes", "no", "no"]
    assert rows[-4:] == ["This week: 2 of 2 sessions. Weeks in a row on target: 1.", RULE,
                         *MEASURE]


def test_the_rule_is_said_only_when_a_session_does_not_count(data_dir: Path,
                                                             capsys: Capture) -> None:
    session(data_dir, "Daily", 450.0, 450.0, started=LONG_AGO)
    rows = listed(capsys)
    assert cells(rows[:2]) == [HEADER, ["1", when(LONG_AGO), "completed", "7:30 of 7:30", "-",
                                        "yes", "-", "Daily"]]  # no length kept: a dash
    assert rows[2:] == ["", "This week: 0 of 2 sessions. Weeks in a row on target: 0.",
                        *MEASURE]


def test_json_gives_each_sessions_number_and_whole_seconds(data_dir: Path,
                                                           capsys: Capture) -> None:
    number = session(data_dir, "Daily", 605.0, 597.5, started=LONG_AGO, length=724.6)
    assert main(["history", "--json", "--target", "3"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report == {
        "sessions": [{"id": number, "routine": "Daily", "file": None,
                      "started_at": "2026-03-02T17:00:00+00:00",
                      "ended_at": "2026-03-02T17:12:00+00:00", "status": "completed",
                      "planned_work_seconds": 605, "completed_work_seconds": 598,
                      "work_seconds": 598, "session_seconds": 725, "counts": True,
                      "feeling": None}],
        "this_week": 0, "weekly_target": 3, "streak_weeks": 0}


def test_a_deleted_session_leaves_the_list_the_week_and_the_export(
        data_dir: Path, tmp_path: Path, capsys: Capture) -> None:
    old = session(data_dir, "Daily", 605.0, 605.0, started=LONG_AGO)
    started = datetime.now(UTC)
    today = session(data_dir, "Strength", 600.0, 599.6, started=started, length=900)
    assert listed(capsys)[-3] == "This week: 1 of 2 sessions. Weeks in a row on target: 0."

    assert main(["history", "--delete", str(today)]) == 0
    out, err = capsys.readouterr()
    deleted = out.splitlines()
    assert deleted[0] == "Deleted 1 session:" and deleted[-1] == UNDO
    assert cells(deleted[1:-1]) == [
        HEADER, [str(today), when(started), "completed", "10:00 of 10:00", "15:00", "yes", "-",
                 "Strength"]]
    assert err == ""

    rows = listed(capsys)
    assert cells(rows[1:2]) == [[str(old), when(LONG_AGO), "completed", "10:05 of 10:05", "-",
                                 "yes", "-", "Daily"]]
    assert rows[2:] == ["", "This week: 0 of 2 sessions. Weeks in a row on target: 0.",
                        *MEASURE]
    assert main(["export", "--csv", str(tmp_path / "h.csv")]) == 0
    assert "wrote 1 session to" in capsys.readouterr().out


def test_undo_brings_back_the_sessions_deleted_last(data_dir: Path, capsys: Capture) -> None:
    first, second, third = (session(data_dir, f"R{n}", 600.0, 600.0,
                                    started=LONG_AGO + timedelta(days=n)) for n in range(3))

    def row(number: int, days: int) -> list[str]:
        return [str(number), when(LONG_AGO + timedelta(days=days)), "completed",
                "10:00 of 10:00", "-", "yes", "-", f"R{days}"]

    assert main(["history", "--delete", str(second)]) == 0
    assert main(["history", "--delete", str(third), str(first)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert sum(line.startswith("Deleted") for line in out) == 2
    assert out[-5] == "Deleted 2 sessions:" and out[-1] == UNDO
    assert cells(out[-4:-1]) == [HEADER, row(third, 2), row(first, 0)]

    assert main(["history", "--undo"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Brought back 2 sessions:"
    assert cells(out[1:]) == [HEADER, row(first, 0), row(third, 2)]
    assert main(["history", "--undo"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "Brought back 1 session:"
    assert [row[0] for row in cells(listed(capsys)[1:4])] == [str(first), str(second),
                                                              str(third)]

    assert main(["history", "--undo"]) == 1
    out_text, err = capsys.readouterr()
    assert out_text == "" and err == "hiptimer: there are no deleted sessions to bring back\n"


@pytest.mark.parametrize(("wanted", "message"), [
    (["1", "9"], "there is no session 9"),
    (["2", "1"], f"session 2 (started {when(LONG_AGO)}) is still running: stop it first"),
])
def test_a_deletion_that_cannot_be_done_says_why_and_changes_nothing(
        data_dir: Path, capsys: Capture, wanted: list[str], message: str) -> None:
    session(data_dir, "Daily", 60.0, 60.0, started=LONG_AGO)
    session(data_dir, "Running", 60.0, 12.0, SessionStatus.RUNNING, started=LONG_AGO)
    before = listed(capsys)
    assert main(["history", "--delete", *wanted]) == 1
    out, err = capsys.readouterr()
    assert out == "" and err == f"hiptimer: {message}; nothing was deleted\n"
    assert listed(capsys) == before


def test_a_session_deleted_twice_is_refused_the_second_time(data_dir: Path,
                                                            capsys: Capture) -> None:
    number = session(data_dir, "Daily", 60.0, 60.0, started=LONG_AGO)
    assert main(["history", "--delete", str(number)]) == 0
    capsys.readouterr()
    assert main(["history", "--delete", str(number)]) == 1
    assert capsys.readouterr().err == (f"hiptimer: session {number} is deleted already; "
                                       "nothing was deleted\n")


@pytest.mark.parametrize("wrong", [["--delete"], ["--delete", "x"], ["--delete", "0"],
                                   ["--delete", "1", "--undo"], ["--json", "--undo"]])
def test_a_wrong_command_line_is_a_usage_error(data_dir: Path, capsys: Capture,
                                               wrong: list[str]) -> None:
    session(data_dir, "Daily", 600.0, 600.0, started=LONG_AGO)
    with pytest.raises(SystemExit) as caught:
        main(["history", *wrong])
    assert caught.value.code == 2
    assert "usage: hiptimer history" in capsys.readouterr().err
    assert len(listed(capsys)) == 6  # still there: the header, its row, the week, advice


@pytest.mark.parametrize("change", [["--delete", "1"], ["--undo"]])
def test_a_history_that_cannot_be_used_says_nothing_was_changed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Capture,
        change: list[str]) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("mine")
    monkeypatch.setenv("HIPTIMER_DATA_DIR", str(blocker / "hiptimer"))
    assert main(["history", *change]) == 1
    out, err = capsys.readouterr()
    verb = "deleted" if change[0] == "--delete" else "restored"
    problem, said = err.splitlines()
    assert "history folder" in problem and "the sessions of this run are not kept" in problem
    assert said == (f"hiptimer: nothing was {verb}: the history file cannot be used, so this "
                    "run sees only an empty history in memory")
    assert out == "" and blocker.read_text() == "mine"


def test_deleting_and_undoing_as_typed_in_a_terminal(data_dir: Path) -> None:
    number = session(data_dir, "Daily", 605.0, 597.6, started=LONG_AGO, length=725)
    row = "\n".join([
        "#  STARTED               STATUS     WORK           SESSION  COUNTS  FELT  ROUTINE",
        f"{number}  {when(LONG_AGO)}  completed  9:58 of 10:05    12:05  yes     -     Daily"])

    deleting = hiptimer("history", "--delete", str(number))
    out, err = deleting.communicate(timeout=60)
    assert (deleting.returncode, out, err) == (0, f"Deleted 1 session:\n{row}\n{UNDO}\n", "")

    again = hiptimer("history", "--delete", str(number))
    out, err = again.communicate(timeout=60)
    assert (again.returncode, out) == (1, "")
    assert err == f"hiptimer: session {number} is deleted already; nothing was deleted\n"

    undoing = hiptimer("history", "--undo")
    out, err = undoing.communicate(timeout=60)
    assert (undoing.returncode, out, err) == (0, f"Brought back 1 session:\n{row}\n", "")


def test_the_weekly_target_set_in_the_window_counts_here_and_a_flag_overrides_it_once(
        qtbot: QtBot, data_dir: Path, tmp_path: Path, open_store: StoreOpener) -> None:
    from hiptimer.base.preferences import read_settings
    from hiptimer.ui.history.view import HistoryView

    view = HistoryView(open_store(tmp_path / "window.sqlite"), read_settings()[0])
    qtbot.addWidget(view)
    view.target.setValue(5)  # as a person sets it in the window's history

    def history(*flags: str) -> tuple[str, str]:
        proc = hiptimer("history", *flags)
        out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err
        return out, err

    assert history()[0].splitlines()[-1] == (
        "This week: 0 of 5 sessions. Weeks in a row on target: 0.")
    assert history("--target", "3")[0].splitlines()[-1] == (
        "This week: 0 of 3 sessions. Weeks in a row on target: 0.")
    assert json.loads(history("--json")[0])["weekly_target"] == 5  # the flag was not saved
    proc = hiptimer("history", "--target", "0")
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 2 and "the weekly target must be from 1 to 14" in err


def test_a_settings_file_that_cannot_be_read_is_said_and_the_default_target_used(
        data_dir: Path, capsys: Capture) -> None:
    (data_dir / "settings.ini").write_bytes(b"\xff\xfe[history]\nweekly_target=5\n")
    assert main(["history"]) == 0
    out, err = capsys.readouterr()
    assert out.splitlines()[-1] == "This week: 0 of 2 sessions. Weeks in a row on target: 0."
    # (no session completed and nothing measured: no advice yet)
    assert err.startswith("hiptimer: Your settings could not be read, so hiptimer uses its "
                          "defaults (") and "not UTF-8" in err


@pytest.mark.parametrize("spoken", LANGUAGES, indirect=True)
def test_a_built_in_routine_is_listed_by_its_name_in_the_language_spoken(
        spoken: Language, data_dir: Path, capsys: Capture) -> None:
    # The command speaks the language of the settings (not set through LANGUAGE: the C
    # library would keep its German error messages for the rest of the run).
    Settings(language=spoken.code, path=settings_file()).save()
    daily = load_routine(builtin_routines_dir() / "daily-short.yaml")
    session(data_dir, daily.name, 605.0, 597.6, started=LONG_AGO, length=725)
    session(data_dir, "My own morning", 605.0, 597.6, started=LONG_AGO, length=725)
    rows = cells(listed(capsys)[1:3])
    assert [row[-1] for row in rows] == [daily.text(TextField.NAME), "My own morning"]
    assert (daily.text(TextField.NAME) == daily.name) is (spoken is Language.ENGLISH)
