"""Small files a session keeps beside the history, one per session: ``<history file><mark>N``
(its running seconds, its end). Found by name, and read only as regular files of a bounded
size: whatever else stands at such a name (a link, a pipe, a device) is never opened."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path


def sessions_beside(history: Path, mark: str) -> list[int]:
    """The sessions with a file named ``<history file><mark>N`` beside ``history``."""
    prefix = history.name + mark
    try:
        names = [name for name in os.listdir(history.parent) if name.startswith(prefix)]
    except OSError:
        return []
    number = re.compile(r"[1-9][0-9]{0,17}")
    return [int(name[len(prefix):]) for name in names
            if number.fullmatch(name, len(prefix)) is not None]


def read_beside(path: Path, limit: int) -> bytes | None:
    """At most ``limit`` bytes of the regular file at ``path``; ``None`` for anything else,
    or one that cannot be read. Only a regular file is opened (opening a device can do
    something), and it is read only once it is known to be the same regular file."""
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return None
        fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        return os.pread(fd, limit, 0)
    except OSError:
        return None
    finally:
        os.close(fd)
