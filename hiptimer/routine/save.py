"""Saving a routine file so that nothing the user made is ever lost, even by a kill mid-save.

At every instant the folder holds the complete old file or the complete new one under the
real name, and a complete ``NAME.yaml.bak`` (the version before, or an older one) or none.
Both files are written the same way (``base.files.write_atomically``): to a temporary
``.NAME.yaml.<random>.tmp`` in the same folder, flushed to disk, given the old file's
permission bits and owner, and only then renamed over the real name; the folder is synced
once the new file is in place. A new file, and a folder made for it, are the user's alone
(a routine says how someone trains). Temporary files a killed save left behind are removed
by the next save of that file. A save that fails (a full disk, a folder it may not write)
leaves the original as it was and says why; a file whose permission bits say the user may
not write it is never replaced at all.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from pathlib import Path

from hiptimer.base.files import refuse_non_regular, scratch_pattern, write_atomically
from hiptimer.base.privacy import make_folder
from hiptimer.base.translation import _


class SaveError(Exception):
    """A save did not happen; the message says why, and the original is untouched."""


class ReadOnlyError(SaveError):
    """The file is marked read-only for this user, so it is left alone (save a copy)."""


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


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
        refuse_non_regular(path)  # a pipe there would hang the copy kept as the backup
        old = _stat_or_none(path)
        if old is not None and not _mode_lets_us_write(old):
            raise ReadOnlyError(_("{path} is read-only, so hiptimer does not replace it; "
                                  "the file on disk is unchanged").format(path=path))
        make_folder(folder)
        _remove_leftovers(path)
        backup: Path | None = None
        if old is not None:
            backup = backup_path(path)
            write_atomically(backup, path.read_bytes(), like=old, keep_times=True)
        # A new file is the user's alone; one replaced keeps the mode it had.
        write_atomically(path, text.encode("utf-8"), like=old, sync_folder=True)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise SaveError(_("could not save {path}: {reason}; the file on disk is unchanged")
                        .format(path=path, reason=reason)) from None
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


def _remove_leftovers(path: Path) -> None:
    """Delete the temporary files an earlier save of ``path`` left when it was killed."""
    patterns = [scratch_pattern(path), scratch_pattern(backup_path(path))]
    for entry in path.parent.iterdir():
        if any(pattern.fullmatch(entry.name) for pattern in patterns):
            with contextlib.suppress(OSError):
                entry.unlink()
