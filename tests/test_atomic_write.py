"""Every file hiptimer writes is replaced whole: a write that fails at any step leaves the old
file as it was, and no scratch file beside it; and only a regular file is ever written over
(a link is replaced, never written through)."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from hiptimer.base.files import NotRegularFile, scratch_pattern, write_atomically

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


TARGETS = ("nothing", "file", "link to a file", "link to nothing", "named pipe",
           "link to a pipe", "link to a device", "folder")


def make_target(folder: Path, what: str) -> Path:
    """``what`` at ``folder/target``, made of what a user (or another program) may leave."""
    path = folder / "target"
    pointed = {"link to a file": folder / "elsewhere", "link to nothing": folder / "gone",
               "link to a pipe": folder / "pipe", "link to a device": Path(os.devnull)}
    if what == "file":
        path.write_bytes(b"old")
    elif what == "named pipe":
        os.mkfifo(path)
    elif what == "folder":
        path.mkdir()
    elif what in pointed:
        if what == "link to a file":
            pointed[what].write_bytes(b"old")
        elif what == "link to a pipe":
            os.mkfifo(pointed[what])
        path.symlink_to(pointed[what])
    return path


def inventory(folder: Path) -> dict[str, tuple[str, int]]:
    """Each name in ``folder``, what it is (a link not followed) and its size."""
    found = {}
    for entry in os.scandir(folder):
        info = entry.stat(follow_symlinks=False)
        found[entry.name] = (stat.filemode(info.st_mode)[0], info.st_size
                             if stat.S_ISREG(info.st_mode) else 0)
    return found


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
@settings(max_examples=60, deadline=None)
@given(what=st.sampled_from(TARGETS), data=st.binary(max_size=512), durable=st.booleans())
def test_only_a_regular_file_or_nothing_is_written_over(what: str, data: bytes,
                                                        durable: bool) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        path = make_target(folder, what)
        before = inventory(folder)
        if what in ("named pipe", "link to a pipe", "link to a device", "folder"):
            with pytest.raises(NotRegularFile) as refused:
                write_atomically(path, data, durable=durable)
            assert refused.value.filename == str(path) and refused.value.strerror
            assert inventory(folder) == before  # nothing written, nothing left behind
            assert stat.S_ISCHR(os.stat(os.devnull).st_mode)
        else:
            write_atomically(path, data, durable=durable)
            assert path.read_bytes() == data and not path.is_symlink()
            after = inventory(folder)
            assert after.pop("target") == ("-", len(data))
            before.pop("target", None)
            assert after == before  # what a link named is left as it was
            if what == "link to a file":
                assert (folder / "elsewhere").read_bytes() == b"old"
