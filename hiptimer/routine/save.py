"""Saving a routine file so that nothing the user made is ever lost, even by a kill mid-save.

At every instant the folder holds the complete old file or the complete new one under the
real name, and a complete ``NAME.yaml.bak`` (the version before, or an older one) or none.
Both files are written the same way: to a temporary ``.NAME.yaml.<random>.tmp`` in the same
folder, flushed to disk, given the old file's permission bits, and only then renamed over
the real name. Temporary files a killed save left behind are removed by the next save of
that file. A save that fails (a full disk, a folder it may not write) leaves the original as
it was and says why; a file whose permission bits say the user may not write it is never
replaced at all.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import shutil
import stat
import sys
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO


class SaveError(Exception):
    """A save did not happen; the message says why, and the original is untouched."""


class ReadOnlyError(SaveError):
    """The file is marked read-only for this user, so it is left alone (save a copy)."""


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


def scratch_pattern(path: Path) -> re.Pattern[str]:
    """The names of the temporary files saves of ``path`` (and of its backup) write.

    Eight random characters: this module writes hex; older versions of hiptimer wrote
    ``tempfile`` names, whose leftovers are cleaned up as well.
    """
    return re.compile(rf"\.{re.escape(path.name)}(\.bak)?\.[a-z0-9_]{{8}}\.tmp")


def may_write(path: Path) -> bool:
    """Whether saving over ``path`` is allowed: it does not exist, or its mode lets us write.

    The permission bits decide, not ``os.access``: root may write anything, yet a file
    marked read-only says "leave this as it is" to root too.
    """
    try:
        info = path.stat()
    except OSError:
        return True  # a missing file is created; any other trouble is reported by the save
    return _mode_lets_us_write(info)


def save_text(path: Path, text: str) -> Path | None:
    """Write ``text`` to ``path`` atomically; returns the backup made of the old file, if any.

    Raises ``ReadOnlyError`` for a file the user may not write, ``SaveError`` for any
    other failure; either way the file on disk is unchanged.
    """
    folder = path.parent
    try:
        old = _stat_or_none(path)
        if old is not None and not _mode_lets_us_write(old):
            raise ReadOnlyError(f"{path} is read-only, so hiptimer does not replace it; "
                                "the file on disk is unchanged")
        folder.mkdir(parents=True, exist_ok=True)
        _remove_leftovers(path)
        backup: Path | None = None
        if old is not None:
            backup = backup_path(path)
            _write_and_rename(backup, lambda out: _copy_from(path, out), old, keep_times=True)
        _write_and_rename(path, lambda out: out.write(text.encode("utf-8")), old)
        _sync_folder(folder)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise SaveError(f"could not save {path}: {reason}; the file on disk is unchanged") \
            from None
    return backup


def _stat_or_none(path: Path) -> os.stat_result | None:
    try:
        return path.stat()
    except FileNotFoundError:
        return None


def _mode_lets_us_write(info: os.stat_result) -> bool:
    mode = info.st_mode
    if sys.platform == "win32":
        return bool(mode & stat.S_IWRITE)  # the read-only attribute
    if os.geteuid() == 0:  # root belongs to every class: any write bit will do
        return bool(mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    if info.st_uid == os.geteuid():
        return bool(mode & stat.S_IWUSR)
    if info.st_gid in {os.getegid(), *os.getgroups()}:
        return bool(mode & stat.S_IWGRP)
    return bool(mode & stat.S_IWOTH)


def _copy_from(source: Path, out: BinaryIO) -> None:
    with source.open("rb") as stream:
        shutil.copyfileobj(stream, out)


def _write_and_rename(target: Path, fill: Callable[[BinaryIO], object],
                      old: os.stat_result | None, keep_times: bool = False) -> None:
    """Make ``target`` hold what ``fill`` writes, all of it or (after a kill) none of it.

    The file takes ``old``'s owner and permission bits (and its times, for a backup); with
    no ``old`` it gets the usual mode for a new file, from the umask.
    """
    # Private until its mode is set; a new file's mode comes from the umask at creation.
    descriptor, scratch = _scratch_file(target, 0o600 if old is not None else 0o666)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            fill(stream)
            stream.flush()
            os.fsync(stream.fileno())
        if old is not None:
            _keep_owner(scratch, old)
            os.chmod(scratch, stat.S_IMODE(old.st_mode))
            if keep_times:
                os.utime(scratch, ns=(old.st_atime_ns, old.st_mtime_ns))
        os.replace(scratch, target)
    except BaseException:
        scratch.unlink(missing_ok=True)
        raise


def _scratch_file(target: Path, mode: int) -> tuple[int, Path]:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        scratch = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(scratch, flags, mode), scratch
        except FileExistsError:
            continue


def _keep_owner(scratch: Path, old: os.stat_result) -> None:
    # Root saving someone's file should not make it root's; others may only keep the group.
    if sys.platform == "win32":
        return
    now = scratch.stat()
    if (now.st_uid, now.st_gid) != (old.st_uid, old.st_gid):
        with contextlib.suppress(OSError):
            os.chown(scratch, old.st_uid, old.st_gid)


def _remove_leftovers(path: Path) -> None:
    """Delete the temporary files an earlier save of ``path`` left when it was killed."""
    pattern = scratch_pattern(path)
    for entry in path.parent.iterdir():
        if pattern.fullmatch(entry.name):
            with contextlib.suppress(OSError):
                entry.unlink()


def _sync_folder(folder: Path) -> None:
    # The rename itself is only durable once the folder's entry is on disk (POSIX).
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
