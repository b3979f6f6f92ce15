"""One window per data folder: a second ``hiptimer`` hands its routine file to the window
already running there, and two processes never run sessions into one history.

The window listens on a local socket that belongs to its data folder (inside it, or named
after it in the runtime folder when the folder's path is too long for a socket). That
needs no session bus. Whoever starts next asks there first, with Python's own socket,
before any Qt is loaded: a second ``hiptimer FILE`` is gone in a few milliseconds.

One JSON line each way: a ``Request`` with its fields, then ``{"pid": N}`` from the window.
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
import tempfile
from enum import StrEnum
from pathlib import Path
from typing import Any

from hiptimer.base.identity import APP_NAME

SOCKET_NAME = "window.socket"
MAX_SOCKET_PATH = 100
"""Bytes a socket's path may have everywhere (Linux allows 107, macOS 103)."""
ANSWER_TIMEOUT = 5.0
"""Seconds a running window has to answer; one that does not is taken as hung and gone."""
MAX_LINE = 64 * 1024


class Request(StrEnum):
    OPEN = "open"
    """Show the window; open ``path`` in it (and start it when ``start``), if given."""
    PING = "ping"
    """Only say whether a window runs here, and its process id."""


def socket_path(folder: Path) -> Path:
    """Where the window for ``folder`` listens."""
    inside = folder / SOCKET_NAME
    if len(os.fsencode(inside)) <= MAX_SOCKET_PATH:
        return inside
    key = hashlib.sha256(os.fsencode(folder.resolve())).hexdigest()[:32]
    base = os.environ.get("XDG_RUNTIME_DIR") or tempfile.gettempdir()
    return Path(base) / f"{APP_NAME}-{key}.socket"


def ask(folder: Path, request: Request, **fields: Any) -> int | None:
    """Send ``request`` to the window running for ``folder``; its process id, or ``None``
    when none answers (none runs, or a crashed one left its socket behind)."""
    return ask_at(socket_path(folder), request, **fields)


def ask_at(where: Path, request: Request, **fields: Any) -> int | None:
    """``ask``, at a socket's path."""
    if not hasattr(socket, "AF_UNIX"):
        return None  # a system without local sockets runs every window on its own
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
            connection.settimeout(ANSWER_TIMEOUT)
            connection.connect(os.fspath(where))
            line = json.dumps({"request": request.value, **fields}) + "\n"
            connection.sendall(line.encode("utf-8"))
            answer = b""
            while not answer.endswith(b"\n") and len(answer) < MAX_LINE:
                chunk = connection.recv(4096)
                if not chunk:
                    break
                answer += chunk
        pid = json.loads(answer).get("pid")
    except (OSError, ValueError, AttributeError, RecursionError):
        return None  # no answer, or not the answer of a hiptimer window
    return pid if isinstance(pid, int) else None


def hand_over(folder: Path, path: Path | None, start: bool) -> int | None:
    """Have the window running for ``folder`` open ``path`` and come to the front; its
    process id, or ``None`` when no window runs there."""
    return ask(folder, Request.OPEN, path=None if path is None else os.fspath(path.absolute()),
               start=start)


def running_window(folder: Path) -> int | None:
    """The process id of the window running for ``folder``, if one does."""
    return ask(folder, Request.PING)
