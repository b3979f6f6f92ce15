"""Every file hiptimer writes is replaced whole: a write that fails at any step leaves the old
file as it was, and no scratch file beside it."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from hiptimer.base.files import scratch_pattern, write_atomically

# The steps of a write after the scratch file is made, each of which can fail.
STEPS = ("write", "fsync", "chmod", "replace")


def names(folder: Path) -> list[str]:
    return sorted(entry.name for entry in folder.iterdir())


@settings(max_examples=60, deadline=None)
@given(old=st.binary(max_size=4096), new=st.binary(max_size=4096),
       step=st.sampled_from(STEPS), durable=st.booleans())
def test_a_failed_write_leaves_the_old_file_and_no_scratch_file(
        old: bytes, new: bytes, step: str, durable: bool) -> None:
    assume(durable or step != "fsync")  # a write that need not last is never synced
    with tempfile.TemporaryDirectory() as scratch, pytest.MonkeyPatch.context() as patch:
        folder = Path(scratch)
        path = folder / "plan.txt"
        path.write_bytes(old)

        def fail(*args: object, **kwargs: object) -> None:
            raise OSError(28, "No space left on device")

        if step == "write":
            patch.setattr(os, "fdopen", lambda fd, *a, **k: _FailingStream(fd))
        else:
            patch.setattr(os, step, fail)
        with pytest.raises(OSError, match="No space left"):
            write_atomically(path, new, durable=durable, like=path.stat())
        patch.undo()
        assert path.read_bytes() == old
        assert names(folder) == ["plan.txt"]


class _FailingStream:
    """A file object whose writing fails part-way, as on a full disk."""

    def __init__(self, fd: int) -> None:
        self.fd = fd

    def __enter__(self) -> _FailingStream:
        return self

    def __exit__(self, *exc: object) -> None:
        os.close(self.fd)

    def write(self, data: bytes) -> int:
        os.write(self.fd, data[: len(data) // 2])
        raise OSError(28, "No space left on device")


@settings(max_examples=60, deadline=None)
@given(old=st.none() | st.binary(max_size=4096), new=st.binary(max_size=70_000),
       durable=st.booleans(), sync_folder=st.booleans())
def test_a_write_leaves_exactly_the_new_contents(old: bytes | None, new: bytes, durable: bool,
                                                 sync_folder: bool) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "deeper" / "reminded.txt"
        if old is not None:
            path.parent.mkdir()
            path.write_bytes(old)
        write_atomically(path, new, durable=durable, sync_folder=sync_folder)
        assert path.read_bytes() == new
        assert names(path.parent) == ["reminded.txt"]


def test_a_new_file_gets_the_mode_asked_for_less_the_umask(tmp_path: Path) -> None:
    before = os.umask(0o022)
    try:
        write_atomically(tmp_path / "private", b"x")
        write_atomically(tmp_path / "usual", b"x", mode=0o666)
    finally:
        os.umask(before)
    assert (tmp_path / "private").stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "usual").stat().st_mode & 0o777 == 0o644


def test_a_replaced_file_keeps_the_mode_and_times_it_is_told_to(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_bytes(b"old")
    path.chmod(0o640)
    os.utime(path, ns=(1_000_000_000, 2_000_000_000))
    old = path.stat()
    write_atomically(path, b"new", like=old, keep_times=True)
    now = path.stat()
    assert (now.st_mode & 0o7777, now.st_mtime_ns, path.read_bytes()) == (0o640,
                                                                          2_000_000_000, b"new")


def test_scratch_files_are_named_as_the_folder_cleaning_expects(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "mine.yaml"
    seen: list[str] = []
    real = os.replace

    def replace(source: str | Path, target: str | Path) -> None:
        seen.append(Path(source).name)
        real(source, target)

    monkeypatch.setattr(os, "replace", replace)
    write_atomically(path, b"x")
    assert len(seen) == 1 and scratch_pattern(path).fullmatch(seen[0])
    assert not scratch_pattern(path).fullmatch(".other.yaml.0123abcd.tmp")
