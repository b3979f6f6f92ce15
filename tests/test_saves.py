"""Saving a routine file loses nothing, whenever the process is killed, and respects the file.

A real process saves in a loop and is killed with SIGKILL; after every kill the routine and
its ``.bak`` are each a complete version, at most one temporary file is left, and the next
save clears it. A file's mode is kept, and a file marked read-only is never replaced.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hiptimer.routine import load_routine
from hiptimer.routine.catalogue import routine_files
from hiptimer.routine.save import ReadOnlyError, backup_path, may_write, save_text

from .support.checkout import REPO

KILLS = 30

# Saves the versions in a loop, saying which after each; or, given a call to stop at
# ("replace:2" is the second os.replace), says "stopped" there and waits to be killed.
SAVER = """
import json, os, sys
from pathlib import Path
from hiptimer.routine.save import save_text

path, versions = Path(sys.argv[1]), json.loads(Path(sys.argv[2]).read_text())
if len(sys.argv) > 3:
    name, number = sys.argv[3].split(":")
    real, calls = getattr(os, name), []

    def stop_here(*args, **kwargs):
        calls.append(1)
        if len(calls) == int(number):
            print("stopped", flush=True)
            sys.stdin.readline()  # never answered: the test kills this process here
        return real(*args, **kwargs)

    setattr(os, name, stop_here)
    save_text(path, versions[1])
    print("saved", flush=True)
    sys.stdin.readline()
index = 0
while True:
    save_text(path, versions[index % len(versions)])
    print(index % len(versions), flush=True)
    index += 1
"""


def version(number: int) -> str:
    """A complete routine file, long enough that writing it takes more than one system call."""
    steps = "".join(f"  - name: Step {i} of version {number}\n    description: {'x' * 300}\n"
                    f"    hold: {number + 5}s\n" for i in range(40))
    return f"name: Version {number}\nexercises:\n{steps}"


VERSIONS = [version(n) for n in range(3)]


def scratch_files(path: Path) -> list[Path]:
    """hiptimer's temporary files for ``path`` (and its backup), as a person would list them."""
    return sorted(path.parent.glob(f".{path.name}.*.tmp"))


@contextmanager
def saver(path: Path, stop_at: str | None = None) -> Iterator[subprocess.Popen[str]]:
    """A separate process saving ``path``; it is killed with SIGKILL when the block ends."""
    versions = path.parent.parent / "versions.json"
    versions.write_text(json.dumps(VERSIONS))
    command = [sys.executable, "-c", SAVER, str(path), str(versions)]
    environment = {**os.environ, "PYTHONPATH": str(REPO)}
    with subprocess.Popen(command + ([stop_at] if stop_at else []), cwd=REPO, text=True,
                          env=environment, stdin=subprocess.PIPE,
                          stdout=subprocess.PIPE) as process:
        try:
            yield process
        finally:
            process.send_signal(signal.SIGKILL)
            process.wait()
            assert process.stdout is not None and process.stdin is not None
            process.stdout.close()
            process.stdin.close()


def line(process: subprocess.Popen[str]) -> str:
    assert process.stdout is not None
    text = process.stdout.readline()
    assert text, f"the saving process ended early, code {process.wait()}"
    return text.strip()


def assert_nothing_lost(path: Path) -> None:
    """The file, and its backup if any, each hold one whole version; one scratch file at most."""
    assert path.read_text() in VERSIONS
    assert load_routine(path).name.startswith("Version ")
    backup = backup_path(path)
    if backup.exists():
        assert backup.read_text() in VERSIONS
    assert len(scratch_files(path)) <= 1, scratch_files(path)
    assert routine_files(path.parent) == [path]  # the library never lists the leftovers


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    routines = tmp_path / "routines"
    routines.mkdir()
    return routines


def test_a_save_killed_at_any_moment_loses_nothing(folder: Path) -> None:
    path = folder / "mine.yaml"
    save_text(path, VERSIONS[0])
    rng = random.Random(20261125)
    left_behind = 0
    for _ in range(KILLS):
        with saver(path) as process:
            for _ in range(rng.randint(1, 6)):
                line(process)
        assert_nothing_lost(path)
        left_behind += bool(scratch_files(path))
    (folder / f".{path.name}.k2j4_x9q.tmp").write_text("left by an older hiptimer")
    (folder / ".other.yaml.0123abcd.tmp").write_text("another file's save")
    save_text(path, VERSIONS[2])
    assert scratch_files(path) == []
    assert (folder / ".other.yaml.0123abcd.tmp").exists()
    assert path.read_text() == VERSIONS[2]


# Each moment of a save of an existing file: the backup written, renamed; the new text
# written, renamed; the folder synced. What the folder holds if the process dies there.
MOMENTS = [("fsync:1", VERSIONS[0], None, 1), ("replace:1", VERSIONS[0], None, 1),
           ("fsync:2", VERSIONS[0], VERSIONS[0], 1), ("replace:2", VERSIONS[0], VERSIONS[0], 1),
           ("fsync:3", VERSIONS[1], VERSIONS[0], 0)]


@pytest.mark.parametrize(("stop_at", "text", "backup", "scratch"), MOMENTS,
                         ids=[m[0] for m in MOMENTS])
def test_a_save_killed_at_each_step_leaves_complete_files(
        folder: Path, stop_at: str, text: str, backup: str | None, scratch: int) -> None:
    path = folder / "mine.yaml"
    path.write_text(VERSIONS[0])
    with saver(path, stop_at) as process:
        assert line(process) == "stopped"
    assert path.read_text() == text
    assert (backup_path(path).read_text() if backup_path(path).exists() else None) == backup
    assert len(scratch_files(path)) == scratch
    assert routine_files(folder) == [path]
    save_text(path, VERSIONS[2])
    assert scratch_files(path) == [] and path.read_text() == VERSIONS[2]


writable_modes = st.integers(0, 0o777).filter(lambda m: m & 0o600 == 0o600)


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(writable_modes)
def test_saving_keeps_the_files_mode(folder: Path, mode: int) -> None:
    path = folder / f"mode-{mode:o}.yaml"
    path.write_text(VERSIONS[0])
    path.chmod(mode)
    save_text(path, VERSIONS[1])
    assert path.stat().st_mode & 0o7777 == mode
    assert backup_path(path).stat().st_mode & 0o7777 == mode
    assert path.read_text() == VERSIONS[1]


@pytest.mark.parametrize("umask", [0o022, 0o077, 0o002, 0o000])
def test_a_new_file_and_its_folder_are_the_users_alone(folder: Path, umask: int) -> None:
    before = os.umask(umask)
    try:
        save_text(folder / "new" / "new.yaml", VERSIONS[0])
    finally:
        os.umask(before)
    assert (folder / "new" / "new.yaml").stat().st_mode & 0o777 == 0o600
    assert (folder / "new").stat().st_mode & 0o777 == 0o700


@pytest.mark.parametrize("mode", [0o444, 0o400, 0o555, 0o000])
def test_a_read_only_file_is_never_replaced(folder: Path, mode: int) -> None:
    path = folder / "mine.yaml"
    path.write_text(VERSIONS[0])
    path.chmod(mode)
    assert not may_write(path)
    with pytest.raises(ReadOnlyError, match=r"mine\.yaml is read-only, so hiptimer does not "
                                            "replace it; the file on disk is unchanged"):
        save_text(path, VERSIONS[1])
    path.chmod(0o600)
    assert path.read_text() == VERSIONS[0]
    assert sorted(p.name for p in folder.iterdir()) == ["mine.yaml"]
