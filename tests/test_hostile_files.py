"""Routine files that are not what they seem: one bad file never breaks the rest.

Every file in ``tests/hostile`` is a routine file someone could hand over or a tool could
leave behind (escape sequences, surrogates, absurd numbers, alias bombs, wrong encodings,
special files). Each is refused with a located message, or (``safe-*``) accepted with
nothing unsafe in it; and with all of them in the user's routines folder the library, the
command line and the window still show every routine, built-ins first.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pytestqt.qtbot import QtBot

from hiptimer.cli import main
from hiptimer.routine import RoutineError, load_routine, source
from hiptimer.routine import catalogue as library_module
from hiptimer.routine.catalogue import Origin, load_entry, scan

from .support.checkout import REPO, ROUTINES
from .support.safe_routines import ENGINES, assert_safe, assert_safe_text

HOSTILE = REPO / "tests" / "hostile"
CORPUS = sorted(HOSTILE.glob("*.yaml"))
BUILT_INS = sorted(ROUTINES.glob("*.yaml"))
GOOD = "name: Fine\nexercises:\n  - {name: Frog, hold: 30s}\n"


@pytest.fixture(params=ENGINES)
def engine(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setattr(source, "FAST", request.param == "libyaml")
    return str(request.param)


def test_there_is_a_corpus() -> None:
    assert len(CORPUS) >= 80
    assert any(p.name.startswith("safe-") for p in CORPUS)


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_each_hostile_file_is_refused_with_located_messages_or_safe(
        path: Path, engine: str) -> None:
    lines = path.read_bytes().count(b"\n") + 1
    try:
        routine = load_routine(path)
    except RoutineError as exc:
        assert not path.name.startswith("safe-"), str(exc)
        assert exc.problems
        for problem in exc.problems:
            assert problem.path == str(path)
            assert 1 <= problem.line <= lines and problem.column >= 1
            assert problem.message and len(problem.message) < 300, problem.message
            assert str(problem).isprintable()
    else:
        assert path.name.startswith("safe-"), f"{path.name} was accepted"
        assert_safe(routine)


# -- a folder full of trouble ----------------------------------------------------------------

def special_files(folder: Path) -> dict[str, str]:
    """Makes the special files that can sit in a routines folder; name -> expected message."""
    made: dict[str, str] = {}
    (folder / "folder.yaml").mkdir()
    made["folder.yaml"] = "is a folder, not a routine file"
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "pipe.yaml")
        made["pipe.yaml"] = "is a named pipe (FIFO), not a regular file"
    for device in ("/dev/zero", "/dev/urandom"):
        if Path(device).exists():
            name = f"{Path(device).name}.yaml"
            (folder / name).symlink_to(device)
            made[name] = "is a device, not a regular file"
    (folder / "dangling.yaml").symlink_to(folder / "nowhere")
    made["dangling.yaml"] = "cannot read file: No such file or directory"
    (folder / "loop.yaml").symlink_to(folder / "loop.yaml")
    made["loop.yaml"] = "cannot read file: "
    (folder / "huge.yaml").write_bytes(b"name: x\n" + b"#" * source.MAX_BYTES)
    made["huge.yaml"] = "a routine file may be at most 1,048,576 bytes"
    return made


@pytest.fixture
def user_dir(data_dir: Path) -> Iterator[Path]:
    """The user's routines folder, holding every hostile file and every special file."""
    folder = data_dir / "routines"
    folder.mkdir()
    for path in CORPUS:
        shutil.copyfile(path, folder / path.name)
    (folder / "fine.yaml").write_text(GOOD)
    (folder / "title\x1b]0;owned\x07.yaml").write_text(GOOD.replace("Fine", "Fine too"))
    if sys.platform != "darwin":  # macOS refuses file names that are not UTF-8
        (folder / os.fsdecode(b"latin\xe9.yaml")).write_text(GOOD.replace("Fine", "Latin"))
    yield folder


def test_the_library_lists_every_file_and_loads_the_good_ones(user_dir: Path) -> None:
    made = special_files(user_dir)
    entries = scan(ROUTINES, user_dir)
    built_in = [e for e in entries if e.origin is Origin.BUILT_IN]
    user = {e.path.name: e for e in entries if e.origin is Origin.USER}
    assert [e.path for e in built_in] == BUILT_INS and all(e.valid for e in built_in)
    assert set(user) == {p.name for p in user_dir.iterdir()}
    for name, expected in made.items():
        assert not user[name].valid
        assert expected in user[name].problems[0].message, user[name].problems
    assert user["fine.yaml"].valid
    assert user["title\x1b]0;owned\x07.yaml"].valid
    for entry in user.values():
        assert entry.valid == entry.path.name.startswith(("safe-", "fine", "title", "latin"))
        assert_safe_text(entry.name)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="permissions do not stop the superuser from reading")
def test_an_unreadable_file_is_a_row_of_its_own(data_dir: Path) -> None:
    folder = data_dir / "routines"
    folder.mkdir()
    (folder / "fine.yaml").write_text(GOOD)
    (folder / "secret.yaml").write_text(GOOD)
    (folder / "secret.yaml").chmod(0)
    try:
        user = [e for e in scan(ROUTINES, folder) if e.origin is Origin.USER]
    finally:
        (folder / "secret.yaml").chmod(0o600)
    assert [(e.path.name, e.valid) for e in user] == [("fine.yaml", True), ("secret.yaml", False)]
    assert "Permission denied" in user[1].problems[0].message


def test_a_routines_folder_that_cannot_be_listed_is_one_row(
        data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = data_dir / "routines"
    folder.mkdir()
    real_iterdir = Path.iterdir

    def iterdir(self: Path) -> Iterator[Path]:
        if self == folder:
            raise PermissionError(13, "Permission denied")
        return real_iterdir(self)

    monkeypatch.setattr(Path, "iterdir", iterdir)
    entries = scan(ROUTINES, folder)
    assert [e.path for e in entries if e.origin is Origin.BUILT_IN] == BUILT_INS
    assert [(e.path, e.valid) for e in entries if e.origin is Origin.USER] == [(folder, False)]
    assert "cannot list this routines folder: Permission denied" in str(entries[-1].problems[0])


def test_a_mistake_of_ours_is_one_invalid_row_not_an_empty_library(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(path: Path) -> None:
        raise OverflowError("int too large to convert to float")

    monkeypatch.setattr(library_module, "load_routine", broken)
    entry = load_entry(tmp_path / "any.yaml", Origin.USER)
    assert not entry.valid
    assert "could not read this file (OverflowError); this is a bug" in entry.problems[0].message


file_names = st.text(st.characters(codec="utf-8", exclude_characters="/\\\x00"),
                     min_size=1, max_size=20).filter(lambda n: n not in (".", ".."))
contents = st.one_of(
    st.binary(max_size=400),
    st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.sampled_from([p.read_bytes() for p in CORPUS if p.stat().st_size < 5000]),
    st.just(GOOD.encode()),
)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.dictionaries(file_names, contents, min_size=1, max_size=6))
def test_arbitrary_files_in_the_routines_folder(files: dict[str, bytes]) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        for name, data in files.items():
            (folder / f"{name}.yaml").write_bytes(data)
        entries = scan(ROUTINES, folder)
        user = [e for e in entries if e.origin is Origin.USER]
        assert [e.path for e in entries if e.origin is Origin.BUILT_IN] == BUILT_INS
        assert sorted(e.path.name for e in user) == sorted(f"{n}.yaml" for n in files)
        for entry in user:
            assert_safe_text(entry.name)
            if entry.routine is not None:
                assert_safe(entry.routine)
            else:
                assert entry.problems
                for problem in entry.problems:
                    assert_safe_text(str(problem))
        if GOOD.encode() in files.values():
            assert any(e.valid for e in user)


# -- the command line ------------------------------------------------------------------------

def assert_terminal_safe(output: str) -> None:
    assert_safe_text(output, lines=True)


def test_list_in_a_fresh_process_shows_built_ins_and_every_file(
        user_dir: Path, data_dir: Path) -> None:
    special_files(user_dir)
    env = {**os.environ, "HIPTIMER_DATA_DIR": str(data_dir), "PYTHONIOENCODING": "utf-8"}
    for args in (["list"], ["list", "--json"]):
        # A time limit, so that a file that blocks fails this test instead of hanging it.
        done = subprocess.run([sys.executable, "-m", "hiptimer", *args], capture_output=True,
                              env=env, timeout=120, check=False, cwd=REPO)
        out, err = done.stdout.decode("utf-8"), done.stderr.decode("utf-8")
        assert done.returncode == 0, err
        assert err == ""
        assert_terminal_safe(out)
    rows = json.loads(out)
    assert [r["path"] for r in rows if r["origin"] == "built-in"] == [str(p) for p in BUILT_INS]
    assert all(r["valid"] for r in rows if r["origin"] == "built-in")
    assert len([r for r in rows if r["origin"] == "user"]) == len(list(user_dir.iterdir()))


def test_list_table_escapes_file_names(user_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    assert_terminal_safe(out)
    assert "title\\x1b]0;owned\\x07.yaml" in out
    assert out.count("ok (built-in)") == len(BUILT_INS)
    assert out.count("INVALID (user)") == len([p for p in CORPUS
                                               if not p.name.startswith("safe-")])


def test_validate_and_plan_refuse_each_hostile_file_plainly(
        user_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = [user_dir / p.name for p in CORPUS]
    assert main(["validate", *map(str, corpus)]) == 1
    out, err = capsys.readouterr()
    assert_terminal_safe(out)
    assert_terminal_safe(err)
    assert "Traceback" not in err
    for path in corpus:
        if path.name.startswith("safe-"):
            assert f"{path}: ok" in out
        else:
            assert f"{path}:" in err, path.name
    for path in corpus:
        assert main(["plan", str(path)]) == (0 if path.name.startswith("safe-") else 1)
        plan_out, plan_err = capsys.readouterr()
        assert_terminal_safe(plan_out)
        assert_terminal_safe(plan_err)
        assert "Traceback" not in plan_err


# -- the window ------------------------------------------------------------------------------

def test_the_window_lists_every_routine_and_each_row_answers(
        qtbot: QtBot, user_dir: Path, data_dir: Path) -> None:
    from .support.window import Harness

    special_files(user_dir)
    ui = Harness(qtbot, data_dir)
    assert ui.user_dir == user_dir
    window = ui.window
    rows = window.library.list
    qtbot.waitUntil(lambda: rows.count() > 0)
    assert rows.count() == len(BUILT_INS) + len(list(user_dir.iterdir()))
    for row in range(rows.count()):
        rows.setCurrentRow(row)
        details = window.library.details.toPlainText()
        assert details
        assert_safe_text(details, lines=True)
    for row in range(len(BUILT_INS)):
        rows.setCurrentRow(row)
        assert window.library.details.toPlainText().startswith("Total: ")


def test_validate_and_plan_show_file_names_escaped(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "a\x1b[2J\x07.yaml"
    path.write_text("name: Fine\nexercises:\n  - {name: Frog, hold: 30s}\n")
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr().out
    assert "\\x1b[2J\\x07.yaml: ok" in out
    shutil.copy(path, tmp_path / "b\x1b.yaml")
    assert main(["plan", "Fine"]) == 1  # not in the library: the path must be given
    assert main(["plan", str(path)]) == 0
    captured = capsys.readouterr()
    assert not any(ord(c) < 32 and c not in "\n" for c in captured.out + captured.err)
