"""The window's side of one window per data folder (``hiptimer.desktop.instance`` is the
other): it takes hand-overs from later starts and answers who runs here, and only them: its
socket is made only in a folder that is the user's alone, and a connection from a process
of another user is dropped unread."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from hiptimer.desktop.instance import (
    ANSWER_TIMEOUT,
    MAX_LINE,
    Request,
    SocketRefused,
    ask_at,
    checked_socket_path,
    same_user_at,
)

if TYPE_CHECKING:
    from PySide6.QtCore import QObject
    from PySide6.QtNetwork import QLocalSocket

HandOver = Callable[[Path | None, bool], None]
"""What the window does with a hand-over: come to the front, and open the routine file (and
start it, when told to) if one came."""


class InstanceServer:
    """The window's side: takes hand-overs from later starts and answers who runs here."""

    def __init__(self, folder: Path, hand_over: HandOver, parent: QObject) -> None:
        from PySide6.QtNetwork import QLocalServer

        self.hand_over = hand_over
        self.folder = folder
        self.path: Path | None = None
        """Where it listens, once it does."""
        self.problem: str | None = None
        """Why it cannot listen, when the socket's folder is not the user's alone."""
        self.server = QLocalServer(parent)
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._on_server_new_connection)

    def listen(self) -> bool:
        """Take the folder's socket; a stale one (its window crashed) is replaced. False when
        a live window holds it, or it cannot be made; or when its folder is not the user's
        alone (``problem`` says which folder and why, and the window runs on without)."""
        from PySide6.QtCore import QLockFile
        from PySide6.QtNetwork import QLocalServer

        try:
            path = checked_socket_path(self.folder, make=True)
        except SocketRefused as exc:
            self.problem = str(exc)
            return False
        # Two windows starting at one moment take turns between asking and listening. The
        # lock is in the checked folder too, where no other user can make it.
        lock = QLockFile(os.fspath(path) + ".lock")
        if not lock.tryLock(round(ANSWER_TIMEOUT * 2000)):
            return False
        try:
            # Qt would take the path over from a live window too: ask first.
            if ask_at(path, Request.PING) is not None:
                return False
            QLocalServer.removeServer(os.fspath(path))
            if not self.server.listen(os.fspath(path)):
                return False
            self.path = path
            return True
        finally:
            lock.unlock()

    def close(self) -> None:
        self.server.close()

    def _on_server_new_connection(self) -> None:
        while (connection := self.server.nextPendingConnection()) is not None:
            if not same_user_at(int(connection.socketDescriptor())):
                connection.abort()  # another user's process: nothing it says is read
                connection.deleteLater()
                continue
            connection.readyRead.connect(lambda c=connection: self._on_connection_ready_read(c))
            connection.disconnected.connect(connection.deleteLater)

    def _on_connection_ready_read(self, connection: QLocalSocket) -> None:
        if not connection.canReadLine():
            if connection.bytesAvailable() > MAX_LINE:
                connection.abort()
            return
        taken = _request(bytes(connection.readLine(MAX_LINE).data()))
        if taken is None:
            connection.abort()
            return
        request, path, start = taken
        connection.write(json.dumps({"pid": os.getpid()}).encode("utf-8") + b"\n")
        connection.flush()
        connection.disconnectFromServer()
        if request is Request.OPEN:
            self.hand_over(path, start)


def _request(line: bytes) -> tuple[Request, Path | None, bool] | None:
    """A request line read as the request, its routine file and whether to start it; ``None``
    for anything a ``hand_over`` would not send, however it was made."""
    try:
        message = json.loads(line)
        request = Request(message["request"])
        path = message.get("path")
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return None
    if path is not None and not _usable_path(path):
        return None
    return request, Path(path) if path else None, message.get("start") is True


def _usable_path(path: object) -> bool:
    """A path the system could open: text, with no NUL and nothing that cannot be encoded
    (a name that is not UTF-8 arrives with its bytes escaped, and those are fine)."""
    if not isinstance(path, str) or "\0" in path:
        return False
    try:
        os.fsencode(path)
    except UnicodeError:
        return False
    return True

