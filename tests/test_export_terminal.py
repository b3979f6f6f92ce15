"""``hiptimer export --csv``: a routine's name with an escape sequence in it is shown, not
obeyed, when the CSV goes to a terminal, and kept exactly as it is in a file (CSV is data);
``hiptimer history`` shows it escaped too."""

from __future__ import annotations

import csv
import io
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from hiptimer.cli import main
from hiptimer.history.sessions import SessionStatus
from hiptimer.history.store import HistoryStore

NAME = "Evil\x1b]0;pwned\x07\x1b[2J name"
FILE = "/routines/\x1b[31mred.yaml"
EXERCISE = "Clam\x9bshell"


class Terminal(io.StringIO):
    """Standard output as a person's terminal: it says it is one."""

    def isatty(self) -> bool:
        return True


@pytest.fixture(autouse=True)
def hostile_session(data_dir: Path) -> None:
    with HistoryStore(data_dir / "history.sqlite") as store:
        session = store.start(NAME, FILE, "hash", 600,
                              when=datetime(2026, 11, 23, 7, 0, tzinfo=UTC))
        store.add_work(session, EXERCISE, "left", 1, 1, 600)
        store.finish(session, SessionStatus.COMPLETED,
                     datetime(2026, 11, 23, 7, 30, tzinfo=UTC))


def test_to_a_terminal_control_characters_are_shown_escaped(
        monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = Terminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    assert main(["export", "--csv", "-"]) == 0
    shown = terminal.getvalue()
    assert "\x1b" not in shown and "\x07" not in shown and "\x9b" not in shown
    [row] = list(csv.DictReader(io.StringIO(shown)))
    assert row["routine"] == r"Evil\x1b]0;pwned\x07\x1b[2J name"
    assert row["file"] == r"/routines/\x1b[31mred.yaml"
    assert row["exercises"] == r"Clam\x9bshell"


def test_into_a_pipe_or_a_file_the_names_are_kept_as_they_are(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "--csv", "-"]) == 0
    [piped] = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    target = tmp_path / "history.csv"
    assert main(["export", "--csv", str(target)]) == 0
    with target.open(newline="", encoding="utf-8") as stream:
        [saved] = list(csv.DictReader(stream))
    for row in (piped, saved):
        assert (row["routine"], row["file"], row["exercises"]) == (NAME, FILE, EXERCISE)


def test_the_history_table_shows_the_name_escaped(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["history"]) == 0
    out = capsys.readouterr().out
    assert r"Evil\x1b]0;pwned\x07\x1b[2J name" in out
    assert "\x1b" not in out and "\x07" not in out
