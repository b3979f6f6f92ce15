"""Named pipes, devices and folders where a file should be, and pictures to feed the picture
drawer: what the tests of special files and of hostile pictures share."""

from __future__ import annotations

import contextlib
import os
import stat
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QColor, QImage, QImageWriter

from hiptimer.ui.screen.picture_drawer import shared_drawer

SVG_NS = 'xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
HANG = 20.0
"""Seconds after which something that should have returned at once counts as hung."""
T = TypeVar("T")


def svg(body: str, size: str = 'width="40" height="30"') -> bytes:
    return f'<svg {SVG_NS} {size}>{body}</svg>'.encode()


def nested_uses(depth: int, fan: int = 10) -> bytes:
    """A ``<use>`` of ``fan`` uses of ``fan`` uses ... ``depth`` deep: ``fan ** depth``
    squares in a few hundred bytes."""
    groups = ['<g id="u0"><rect width="1" height="1"/></g>']
    groups += [f'<g id="u{d}">' + f'<use xlink:href="#u{d - 1}"/>' * fan + "</g>"
               for d in range(1, depth + 1)]
    return svg("<defs>" + "".join(groups) + f'</defs><use xlink:href="#u{depth}"/>')


def png(width: int = 40, height: int = 30) -> bytes:
    """A PNG image of one colour."""
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(QColor("#336699"))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QImageWriter(buffer, QByteArray(b"png"))
    assert writer.write(image), writer.errorString()
    return bytes(buffer.data().data())


def kind(path: Path) -> str:
    """What is at ``path``, a link followed: so a test sees a pipe or device left as it was."""
    mode = os.stat(path).st_mode
    return ("fifo" if stat.S_ISFIFO(mode) else "device" if stat.S_ISCHR(mode)
            else "folder" if stat.S_ISDIR(mode) else "file" if stat.S_ISREG(mode) else "?")


def special(path: Path, what: str) -> Path:
    """Puts a named pipe, a folder or a link to a device at ``path``."""
    if what == "fifo":
        os.mkfifo(path)
    elif what == "folder":
        path.mkdir()
    else:
        path.symlink_to(os.devnull)
    return path


def without_hanging(work: Callable[[], T], pipes: list[Path]) -> T:
    """``work`` done on a thread of its own, its result returned and what it raises raised;
    should it hang on one of ``pipes``, the pipe is opened from the other end, so that it
    ends, and the test fails."""
    done: list[T] = []
    raised: list[BaseException] = []

    def run() -> None:
        try:
            done.append(work())
        except BaseException as exc:
            raised.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(HANG)
    if thread.is_alive():
        for pipe in pipes:
            with contextlib.suppress(OSError):
                os.close(os.open(pipe, os.O_WRONLY | os.O_NONBLOCK))
        thread.join(HANG)
        raise AssertionError(f"it hung for {HANG:g} s on a named pipe")
    if raised:
        raise raised[0]
    return done[0]



def assert_workers_ended() -> None:
    """Every picture worker started has ended (a test's own drawer it waits for itself)."""
    assert shared_drawer().wait(HANG)
    assert not [t for t in threading.enumerate() if t.name == "hiptimer-picture"]
