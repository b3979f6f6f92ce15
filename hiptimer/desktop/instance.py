"""One window per data folder: a second ``hiptimer`` hands its routine file to the window
already running there, and two processes never run sessions into one history.

The window listens on a local socket that belongs to its data folder (inside it, or named
after it in a folder of the user's when the folder's path is too long for a socket). That
needs no session bus. Whoever starts next asks there first, with Python's own socket,
before any Qt is loaded: a second ``hiptimer FILE`` is gone in a few milliseconds.

The hand-over carries a path the user may want kept to themselves, and whoever holds the
socket's name could take it. So the socket and its lock file live only in a folder that
belongs to the user and that no one else may write (checked each time it is used:
``checked_socket_path``), and each side asks the system who is at the other end and talks
only to a process of the same user (``same_user``).

One JSON line each way: a ``Request`` with its fields, then ``{"pid": N}`` from the window.
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
import stat
import struct
import tempfile
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Any

from hiptimer.base.identity import APP_NAME
from hiptimer.base.privacy import PRIVATE_FOLDER, make_folder

SOCKET_NAME = "window.socket"
MAX_SOCKET_PATH = 100
"""Bytes a socket's path may have everywhere (Linux allows 107, macOS 103)."""
ANSWER_TIMEOUT = 5.0
"""Seconds a running window has to answer; one that does not is taken as hung and gone."""
MAX_LINE = 64 * 1024
_PEER_CREDENTIALS = struct.Struct("iII")
"""What ``SO_PEERCRED`` tells of the other end: its process, user and group ids."""


class SocketRefused(Exception):
    """The socket's folder is not the user's alone: no hand-over goes through it. The
    message names the folder and says why, in one line."""


class Request(StrEnum):
    OPEN = "open"
    """Show the window; open ``path`` in it (and start it when ``start``), if given."""
    PING = "ping"
    """Only say whether a window runs here, and its process id."""


def socket_path(folder: Path) -> Path:
    """Where the window for ``folder`` listens: inside it when the path is short enough for
    a socket, else named after it in the runtime folder (if it is the user's alone) or in a
    folder of the user's own among the temporary files. Nothing is checked or made here:
    ``checked_socket_path`` does that."""
    inside = folder / SOCKET_NAME
    if len(os.fsencode(inside)) <= MAX_SOCKET_PATH:
        return inside
    key = hashlib.sha256(os.fsencode(folder.resolve())).hexdigest()[:32]
    return _outside_folder() / f"{APP_NAME}-{key}.socket"


def own_temporary_folder() -> Path:
    """The folder of this user's sockets among the temporary files, where there is no
    runtime folder. Its name can be foreseen, so another user could make it first: it is
    used only when it is this user's and closed to everyone else (``checked_socket_path``)."""
    return Path(tempfile.gettempdir()) / f"{APP_NAME}-{os.geteuid()}"


def _outside_folder() -> Path:
    runtime = os.environ.get("XDG_RUNTIME_DIR", "")
    if os.path.isabs(runtime) and _unsafe(Path(runtime), os.stat) is None:
        return Path(runtime)
    return own_temporary_folder()


def checked_socket_path(folder: Path, make: bool = False) -> Path:
    """``socket_path``, once its folder is known to be the user's and closed to others'
    writes; ``make`` makes that folder first (for the user alone) when it is missing.
    ``SocketRefused`` otherwise, saying which folder and why.

    The folder among the temporary files must be a folder itself (not a link) and closed
    to everyone else, since its name is the one another user would foresee; the others
    (the data folder, the runtime folder) may be open for others to read."""
    path = socket_path(folder)
    place = path.parent
    own = place == own_temporary_folder()
    if make:
        try:
            if own:
                _make_own(place)
            else:
                make_folder(place)
        except OSError as exc:
            raise _refused(place, f"cannot be made ({exc.strerror or exc})") from None
    why = _unsafe(place, os.lstat if own else os.stat, closed=own)
    if why is not None:
        raise _refused(place, why)
    return path


def _make_own(place: Path) -> None:
    """The user's folder among the temporary files, made closed to others unless it is
    there (then checked as it is); the shared folder above it is never made here."""
    try:
        place.mkdir(mode=PRIVATE_FOLDER)
    except FileExistsError:
        return
    os.chmod(place, PRIVATE_FOLDER)  # the owner's bits, whatever the umask took away


def _refused(place: Path, why: str) -> SocketRefused:
    return SocketRefused(f"{place} {why}, so hiptimer keeps no socket there: a later start "
                         "cannot hand its routine to this window, and opens its own")


def _unsafe(place: Path, look: Callable[[Path], os.stat_result],
            closed: bool = False) -> str | None:
    """Why ``place`` may not hold the socket, or ``None``: it must be a folder of this
    user's that no one else may write into (``closed``: nor read or enter)."""
    try:
        info = look(place)
    except OSError as exc:
        return f"cannot be used ({exc.strerror or exc})"
    if stat.S_ISLNK(info.st_mode):
        return "is a link, not a folder"
    if not stat.S_ISDIR(info.st_mode):
        return "is not a folder"
    if info.st_uid != os.geteuid():
        return f"belongs to another user (uid {info.st_uid})"
    mode = stat.S_IMODE(info.st_mode)
    if mode & (0o077 if closed else 0o022):
        return f"is open to other users (mode {mode:o})"
    return None


def peer_user(connection: socket.socket) -> int | None:
    """The user id of the process at the other end of a local socket, as the system saw
    it when that process connected (or listened); ``None`` where the system cannot tell
    (there, the folder's check alone keeps others out)."""
    option = getattr(socket, "SO_PEERCRED", None)
    if option is None:
        return None
    answer = connection.getsockopt(socket.SOL_SOCKET, option, _PEER_CREDENTIALS.size)
    _pid, uid, _gid = _PEER_CREDENTIALS.unpack(answer)
    return int(uid)


def same_user(connection: socket.socket) -> bool:
    """Whether the other end runs as this user; False when the system cannot say who it
    is on a system that can tell."""
    try:
        uid = peer_user(connection)
    except OSError:
        return False
    return uid is None or uid == os.geteuid()


def same_user_at(descriptor: int) -> bool:
    """``same_user`` for a connection known only by its descriptor (Qt's), which stays
    open."""
    if descriptor < 0:
        return False
    try:
        copy = os.dup(descriptor)
    except OSError:
        return False
    try:
        connection = socket.socket(fileno=copy)
    except OSError:
        os.close(copy)
        return False
    with connection:
        return same_user(connection)


def ask(folder: Path, request: Request, **fields: Any) -> int | None:
    """Send ``request`` to the window running for ``folder``; its process id, or ``None``
    when none answers (none runs, or a crashed one left its socket behind) or the socket's
    folder is not the user's alone."""
    try:
        where = checked_socket_path(folder)
    except SocketRefused:
        return None  # the window that opens instead says why
    return ask_at(where, request, **fields)


def ask_at(where: Path, request: Request, **fields: Any) -> int | None:
    """``ask``, at a socket's path. Nothing is sent to a process of another user."""
    if not hasattr(socket, "AF_UNIX"):
        return None  # a system without local sockets runs every window on its own
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
            connection.settimeout(ANSWER_TIMEOUT)
            connection.connect(os.fspath(where))
            if not same_user(connection):
                return None
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
