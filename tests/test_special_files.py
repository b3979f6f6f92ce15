"""Named pipes, devices and folders where hiptimer expects a file: none of them hangs anything
or is written over.

Real named pipes (``os.mkfifo``) in each test's folder: a regression hangs on one, so what
could hang runs on a thread of its own and the test fails after a while instead. Links to
``/dev/null`` stand for links to devices; each test checks the device is still one after.
"""

from __future__ import annotations

import base64
import os
import signal
import subprocess
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from hiptimer.base.files import NotRegularFile, write_atomically
from hiptimer.base.preferences import Settings
from hiptimer.cli import main
from hiptimer.history.store import HistoryStore
from hiptimer.reminders.reminded import note_reminded
from hiptimer.reminders.training_days import DEFAULT_PLAN
from hiptimer.reminders.training_days_file import write_plan
from hiptimer.routine.save import SaveError, save_text
from hiptimer.ui.screen.picture_drawer import PictureProblem, open_picture

from .support.commands import hiptimer, read_until
from .support.routine_texts import OPEN
from .support.special_files import HANG, assert_workers_ended, kind, special, svg, without_hanging

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

NOT_KEPT = "the sessions of this run are not kept"


@pytest.fixture(autouse=True)
def workers_ended() -> Iterator[None]:
    yield
    assert_workers_ended()


# -- the history ------------------------------------------------------------------------------

@pytest.mark.parametrize("what", ["fifo", "folder", "device"])
@pytest.mark.parametrize("suffix", ["", "-wal", "-shm", "-journal"])
def test_a_history_that_is_no_file_is_left_alone_and_the_app_works_on(
        tmp_path: Path, what: str, suffix: str) -> None:
    path = tmp_path / "history.sqlite"
    if suffix:
        HistoryStore(path).close()
    odd = special(path.with_name(path.name + suffix), what)
    before = kind(odd)

    def opened() -> tuple[bool, str | None, int]:
        with HistoryStore(path) as store:
            return store.in_memory, store.problem, len(store.sessions())

    in_memory, problem, sessions = without_hanging(opened, [odd])
    assert in_memory and problem is not None and sessions == 0  # it works on, in memory
    assert f"{odd}" in problem and NOT_KEPT in problem and "\n" not in problem
    assert {"fifo": "named pipe", "folder": "folder", "device": "device"}[what] in problem
    assert kind(odd) == before
    assert os.path.islink(odd) == (what == "device")


def test_a_link_to_nothing_beside_the_history_is_not_followed(tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    HistoryStore(path).close()
    (tmp_path / "history.sqlite-wal").symlink_to(tmp_path / "elsewhere" / "log")
    (tmp_path / "elsewhere").mkdir()
    with HistoryStore(path) as store:
        assert store.in_memory and store.problem is not None
        assert "history.sqlite-wal, a file SQLite keeps beside the history database, is a " \
               "link to nothing" in store.problem
    assert list((tmp_path / "elsewhere").iterdir()) == []


def test_a_history_that_is_a_link_to_a_database_is_used(tmp_path: Path) -> None:
    real = tmp_path / "elsewhere.sqlite"
    HistoryStore(real).close()
    (tmp_path / "history.sqlite").symlink_to(real)
    with HistoryStore(tmp_path / "history.sqlite") as store:
        assert store.problem is None and not store.in_memory


@pytest.mark.parametrize("command", [["history"], ["history", "--json"],
                                     ["remind", "--dry-run"]])
def test_history_and_remind_say_it_in_one_line_and_go_on(
        data_dir: Path, capsys: pytest.CaptureFixture[str], command: list[str]) -> None:
    pipe = special(data_dir / "history.sqlite", "fifo")
    assert without_hanging(lambda: main(command), [pipe]) == 0
    said = [line for line in capsys.readouterr().err.splitlines() if "history" in line]
    assert len(said) == 1 and "named pipe" in said[0] and str(pipe) in said[0], said
    assert kind(pipe) == "fifo"


def test_a_terminal_session_over_a_pipe_history_runs_and_stops_at_a_kill(
        data_dir: Path, write: Callable[..., Path]) -> None:
    pipe = special(data_dir / "history.sqlite", "fifo")
    proc = hiptimer("run", "--no-gui", str(write(OPEN)), stdin=subprocess.DEVNULL)
    assert proc.stdout is not None
    try:
        before = read_until(proc.stdout, "REPS  Lift")
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=HANG)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    assert proc.returncode == 128 + signal.SIGTERM
    assert out.rstrip().endswith("Stopped.") and err == ""
    said = [line for line in before if "history" in line]
    assert len(said) == 1 and f"{pipe} is a named pipe" in said[0] and NOT_KEPT in said[0]
    assert kind(pipe) == "fifo"


def test_the_window_shows_it_in_its_problem_bar(qtbot: QtBot, data_dir: Path) -> None:
    from hiptimer.ui.window.app import build_window

    from .support.audio import RecordingSink

    pipe = special(data_dir / "history.sqlite", "fifo")
    built = build_window(sink=RecordingSink())
    qtbot.addWidget(built.window)
    built.window.show()
    try:
        qtbot.waitUntil(lambda: "named pipe" in built.window.problem_bar.label.text(),
                        timeout=round(HANG * 1000))
        assert NOT_KEPT in built.window.problem_bar.label.text()
    finally:
        built.close()
    assert kind(pipe) == "fifo"


# -- saves ------------------------------------------------------------------------------------

def links(path: Path, to: Path | str) -> Path:
    path.symlink_to(to)
    return path


@pytest.mark.parametrize("what", ["fifo", "folder", "link to a pipe", "link to a device"])
def test_a_save_never_writes_over_what_is_no_regular_file(tmp_path: Path, what: str) -> None:
    path = tmp_path / "settings.ini"
    if what.startswith("link"):
        target = (special(tmp_path / "pipe", "fifo") if what.endswith("pipe")
                  else Path(os.devnull))
        links(path, target)
    else:
        target = special(path, what)
    before, names = kind(target), sorted(os.listdir(tmp_path))
    with pytest.raises(NotRegularFile) as refused:
        without_hanging(lambda: write_atomically(path, b"[sound]\nvolume=1\n"), [target])
    assert isinstance(refused.value, OSError)
    assert str(path) in str(refused.value)
    assert ("links to a" if what.startswith("link") else "is a") in str(refused.value.strerror)
    assert kind(target) == before and sorted(os.listdir(tmp_path)) == names
    assert os.path.islink(path) == what.startswith("link")


def test_a_link_to_a_file_or_to_nothing_is_replaced_never_written_through(
        tmp_path: Path) -> None:
    kept = tmp_path / "kept.ini"
    kept.write_bytes(b"mine")
    links(tmp_path / "a.ini", kept)
    links(tmp_path / "b.ini", tmp_path / "nothing" / "there.ini")
    for name in ("a.ini", "b.ini"):
        write_atomically(tmp_path / name, b"new")
        assert not (tmp_path / name).is_symlink()
        assert (tmp_path / name).read_bytes() == b"new"
    assert kept.read_bytes() == b"mine" and not (tmp_path / "nothing").exists()


def test_every_save_says_where_and_why_it_was_refused(tmp_path: Path) -> None:
    folder = tmp_path / "saves"
    folder.mkdir()
    device = links(folder / "settings.ini", os.devnull)
    notice = Settings(path=device).save()
    assert notice is not None and str(device) in notice and "links to a device" in notice
    plan = links(folder / "training-days.txt", os.devnull)
    with pytest.raises(OSError, match="links to a device") as refused:
        write_plan(plan, DEFAULT_PLAN)
    assert refused.value.filename == str(plan)
    state = special(folder / "reminded.txt", "fifo")
    with pytest.raises(OSError, match="is a named pipe") as refused:
        note_reminded(state, date(2026, 5, 4), frozenset({"x"}))
    assert refused.value.filename == str(state)
    routine = special(folder / "mine.yaml", "fifo")
    with pytest.raises(SaveError) as failed:
        without_hanging(lambda: save_text(routine, "name: x\n"), [routine])
    assert str(failed.value) == (f"could not save {routine}: it is a named pipe, not a regular "
                                 "file; the file on disk is unchanged")
    assert [kind(p) for p in (folder / "settings.ini", plan, state, routine)] \
        == ["device", "device", "fifo", "fifo"]
    assert sorted(os.listdir(folder)) == ["mine.yaml", "reminded.txt", "settings.ini",
                                            "training-days.txt"]


# -- pictures that are, or name, special files ------------------------------------------------

@pytest.mark.parametrize("body", [
    '<image xlink:href="{pipe}" width="9" height="9"/>',
    '<image href="{pipe}" width="9" height="9"/>',
    '<g><svg><image xlink:href="file://{pipe}" width="9" height="9"/></svg></g>',
    '<use xlink:href="{pipe}#a"/>',
    '<rect width="9" height="9" fill="url({pipe})"/>',
    '<rect width="9" height="9" style="fill: url( \'{pipe}\' )"/>',
    '<style>@import url("{pipe}");</style>',
    '<image xlink:href="data:image/svg+xml;base64,{inner}" width="9" height="9"/>',
])
def test_a_drawing_that_names_another_file_is_refused_unopened(
        qtbot: QtBot, tmp_path: Path, body: str) -> None:
    pipe = special(tmp_path / "pipe.png", "fifo")
    inner = base64.b64encode(svg(f'<image xlink:href="{pipe}" width="9" height="9"/>'))
    path = tmp_path / "own.svg"
    path.write_bytes(svg(body.format(pipe=pipe, inner=inner.decode())))
    with pytest.raises(PictureProblem, match=r"own\.svg is not shown: .*(outside|embeds|imports)"):
        without_hanging(lambda: open_picture(path), [pipe])


def test_a_style_sheet_named_by_an_instruction_is_refused(tmp_path: Path) -> None:
    pipe = special(tmp_path / "look.css", "fifo")
    path = tmp_path / "own.svg"
    path.write_bytes(f'<?xml-stylesheet type="text/css" href="{pipe}"?>'.encode() + svg(""))
    with pytest.raises(PictureProblem, match="processing instruction"):
        without_hanging(lambda: open_picture(path), [pipe])


@pytest.mark.parametrize("name", ["pipe.svg", "pipe.png", "pipe"])
def test_a_picture_that_is_a_pipe_is_refused_without_waiting(tmp_path: Path, name: str) -> None:
    pipe = special(tmp_path / name, "fifo")
    with pytest.raises(PictureProblem, match="is a named pipe, not a regular file"):
        without_hanging(lambda: open_picture(pipe), [pipe])


