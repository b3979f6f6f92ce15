"""Files as hiptimer reads and writes them: a file a user put somewhere is read only when it
is a regular file, and bounded; a file hiptimer writes is replaced whole, never half.

Routine files, custom sounds, settings, the training plan and pictures are all read this
way. A named pipe, a device (``/dev/zero``, ``/dev/urandom``), a folder or a socket is refused
before it is opened (opening a device can do something) and again after, in case one was
swapped in between; the open does not block, so a pipe cannot hang the caller. At most
``limit + 1`` bytes are ever read, whatever the file's size claims. Callers word the refusals
in their own terms.

Writing is as careful: only a regular file is ever written over, so a settings file that is a
link to ``/dev/zero`` is refused, not replaced, and a pipe is never opened to be written.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import sys
from enum import StrEnum
from pathlib import Path

_OPEN_FLAGS = (os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
               | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))


class Kind(StrEnum):
    """What a path is, when it is not a regular file."""

    FOLDER = "folder"
    FIFO = "named pipe"
    DEVICE = "device"
    SOCKET = "socket"
    SPECIAL = "special file"


class NotRegularFile(OSError):
    """What is at a path is not a regular file, so it is neither read nor written over.

    An ``OSError``, so a caller that words any trouble with a file (``exc.strerror``) words
    this one too, as "it is a named pipe, not a regular file" ("it links to a device, ..."
    when a link led there); ``kind`` says what it is, for callers that word it themselves.
    """

    def __init__(self, kind: Kind, path: Path | None = None, *, linked: bool = False) -> None:
        what = f"it {'links to' if linked else 'is'} a {kind.value}, not a regular file"
        if path is None:
            super().__init__(errno.EINVAL, what)
        else:
            super().__init__(errno.EINVAL, what, str(path))
        self.kind = kind
        self.linked = linked

    def __str__(self) -> str:
        return f"{self.filename}: {self.strerror}" if self.filename else str(self.strerror)


class TooLarge(Exception):
    def __init__(self, size: int | None) -> None:
        super().__init__(size)
        self.size = size
        """The size the file claims, or ``None`` when only "more than the limit" is known."""


def kind_of(mode: int) -> Kind | None:
    """``None`` for a regular file, else what it is."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return Kind.FOLDER
    if stat.S_ISFIFO(mode):
        return Kind.FIFO
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return Kind.DEVICE
    if stat.S_ISSOCK(mode):
        return Kind.SOCKET
    return Kind.SPECIAL


def _refuse_special(mode: int, path: Path) -> None:
    kind = kind_of(mode)
    if kind is not None:
        raise NotRegularFile(kind, path)


def refuse_non_regular(path: Path) -> None:
    """Raises ``NotRegularFile`` when something is at ``path`` (a link followed) and it is not
    a regular file. Nothing there, a link to nothing, or a path that cannot be looked at is
    let through: writing there creates a file, or fails and says why."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return
    kind = kind_of(mode)
    if kind is None:
        return
    try:
        linked = stat.S_ISLNK(os.lstat(path).st_mode)
    except OSError:
        linked = False
    raise NotRegularFile(kind, path, linked=linked)


def read_regular_file(path: Path, limit: int) -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit`` of them.

    Raises ``NotRegularFile`` or ``TooLarge``; ``OSError`` (no such file, no permission) is
    left to the caller to word. Catch ``NotRegularFile`` before ``OSError``, of which it is one.
    """
    _refuse_special(os.stat(path).st_mode, path)
    descriptor = os.open(path, _OPEN_FLAGS)
    try:
        info = os.fstat(descriptor)
        _refuse_special(info.st_mode, path)
        if info.st_size > limit:
            raise TooLarge(info.st_size)
        chunks: list[bytes] = []
        left = limit + 1
        while left > 0:
            chunk = os.read(descriptor, min(left, 1 << 16))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    finally:
        os.close(descriptor)
    data = b"".join(chunks)
    if len(data) > limit:
        raise TooLarge(None)
    return data


SCRATCH_SUFFIX = ".tmp"
"""What the scratch files ``write_atomically`` writes end with: ``.NAME.<8 hex>.tmp``."""


def scratch_pattern(path: Path) -> re.Pattern[str]:
    """The names of the scratch files writes of ``path`` make, so a folder's owner can
    clean up what a killed write left. Eight characters from ``[a-z0-9_]``: these writes
    use hex, and older versions of hiptimer wrote ``tempfile`` names."""
    return re.compile(rf"\.{re.escape(path.name)}\.[a-z0-9_]{{8}}{re.escape(SCRATCH_SUFFIX)}")


def write_atomically(path: Path, data: bytes, *, durable: bool = True, mode: int = 0o600,
                     like: os.stat_result | None = None, keep_times: bool = False,
                     sync_folder: bool = False) -> None:
    """Replace ``path`` whole with ``data``: written to a scratch file beside it (named as
    ``scratch_pattern`` says), then renamed over it, so a kill or a full disk leaves the old
    file or the new one, never a mix. ``OSError`` when it cannot be done, and no scratch
    file is left behind.

    ``durable`` syncs the data to the disk before the rename (a power cut keeps it too);
    files that cost nothing to lose skip it. ``sync_folder`` syncs the folder after it, so
    that the rename itself survives a power cut. A new file gets ``mode`` (less the umask);
    with ``like``, the stat of the file being replaced (or copied), it gets that file's
    permission bits and owner instead, and with ``keep_times`` its times as well.

    Only a regular file is written over: when something else is at ``path`` (a named pipe, a
    device, a folder, a socket, itself or at the end of a link) ``NotRegularFile`` is raised
    before anything is written. A link is never written through: a link to a regular file,
    or to nothing, is replaced by the new file itself, and the file it named stays as it was.
    """
    refuse_non_regular(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Private until its mode is set; a new file's mode comes from the umask at creation.
    descriptor, scratch = _scratch_file(path, 0o600 if like is not None else mode)
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            if durable:
                os.fsync(stream.fileno())
        if like is not None:
            _keep_owner(scratch, like)
            os.chmod(scratch, stat.S_IMODE(like.st_mode))
            if keep_times:
                os.utime(scratch, ns=(like.st_atime_ns, like.st_mtime_ns))
        os.replace(scratch, path)
    except BaseException:
        scratch.unlink(missing_ok=True)
        raise
    if sync_folder:
        _sync_folder(path.parent)


def _scratch_file(target: Path, mode: int) -> tuple[int, Path]:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        scratch = target.with_name(f".{target.name}.{os.urandom(4).hex()}{SCRATCH_SUFFIX}")
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


def _sync_folder(folder: Path) -> None:
    # The rename itself is only durable once the folder's entry is on disk (POSIX).
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
