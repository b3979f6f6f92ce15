"""Files as hiptimer reads and writes them: a file a user put somewhere is read only when it
is a regular file, and bounded; a file hiptimer writes is replaced whole, never half.

Routine files and custom sounds are both read this way. A named pipe, a device
(``/dev/zero``, ``/dev/urandom``), a folder or a socket is refused before it is opened (opening
a device can do something) and again after, in case one was swapped in between; the open
does not block, so a pipe cannot hang the caller. At most ``limit + 1`` bytes are ever read,
whatever the file's size claims. Callers word the refusals in their own terms.
"""

from __future__ import annotations

import os
import stat
import tempfile
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


class NotRegularFile(Exception):
    def __init__(self, kind: Kind) -> None:
        super().__init__(kind.value)
        self.kind = kind


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


def _refuse_special(mode: int) -> None:
    kind = kind_of(mode)
    if kind is not None:
        raise NotRegularFile(kind)


def read_regular_file(path: Path, limit: int) -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit`` of them.

    Raises ``NotRegularFile`` or ``TooLarge``; ``OSError`` (no such file, no permission) is
    left to the caller to word.
    """
    _refuse_special(os.stat(path).st_mode)
    descriptor = os.open(path, _OPEN_FLAGS)
    try:
        info = os.fstat(descriptor)
        _refuse_special(info.st_mode)
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


def write_atomically(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Replace ``path`` whole with ``data``: written to a scratch file beside it, then renamed
    over it, so a kill or a full disk leaves the old file or the new one, never a mix.
    ``durable`` syncs the data to the disk before the rename (a power cut keeps it too);
    files that cost nothing to lose skip it. ``OSError`` when it cannot be done, and no
    scratch file is left behind."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor, scratch = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            if durable:
                os.fsync(stream.fileno())
        os.replace(scratch, path)
    except BaseException:
        Path(scratch).unlink(missing_ok=True)
        raise
