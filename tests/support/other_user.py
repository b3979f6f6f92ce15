"""Another user on this machine, for what modes and sockets must keep out: a child process
that gives up root for the user nobody and tries things there. Only root can become another
user (as the tests run in CI); elsewhere the tests that need one are skipped.

The child does no more than system calls and returns plain values; an ``OSError`` comes
back as the ``Refused`` it was, anything else fails the test with the child's traceback.
"""

from __future__ import annotations

import contextlib
import errno
import os
import pickle
import select
import shutil
import signal
import struct
import tempfile
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

NOBODY = 65534
"""The user and group ids of nobody, who owns nothing here."""
WAIT = 20.0
"""Seconds the child has for each step before it is taken as hung."""

as_root_only = pytest.mark.skipif(
    not hasattr(os, "fork") or not hasattr(os, "geteuid") or os.geteuid() != 0,
    reason="only root can act as another user")


@dataclass(frozen=True)
class Refused:
    """What the system answered another user: an ``OSError`` by its errno's name."""

    error: str


@dataclass(frozen=True)
class _Crashed:
    trace: str


_SIZE = struct.Struct("!I")


class Stranger:
    """A process of the user nobody: it does ``first`` at once, and ``then`` when told to
    (meanwhile, this process may do what the test is about). Each step's value, or the
    ``Refused`` it met, comes back; ``then`` sees what ``first`` left in their closures."""

    def __init__(self, first: Callable[[], object],
                 then: Callable[[], object] | None = None) -> None:
        to_child, self._tell = os.pipe()
        self._hear, from_child = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: never returns
            os.close(self._tell)
            os.close(self._hear)
            _child(to_child, from_child, first, then)
        os.close(to_child)
        os.close(from_child)
        self.pid = pid
        self.first = self._answer()
        self._then = then

    def go(self) -> None:
        """Have the child do ``then``; ``finished`` says when its value is here."""
        os.write(self._tell, b"g")

    def finished(self) -> bool:
        return bool(select.select([self._hear], [], [], 0)[0])

    def then(self) -> object:
        """What ``then`` returned, once ``go`` has been called (it waits for it)."""
        return self._answer()

    def close(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        os.close(self._tell)
        os.close(self._hear)

    def __enter__(self) -> Stranger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _answer(self) -> object:
        if not select.select([self._hear], [], [], WAIT)[0]:
            raise AssertionError("the other user's process did not answer in time")
        size = _SIZE.unpack(_read(self._hear, _SIZE.size))[0]
        value = pickle.loads(_read(self._hear, size))
        if isinstance(value, _Crashed):
            raise AssertionError("the other user's process failed:\n" + value.trace)
        return value


def as_nobody(action: Callable[[], object]) -> object:
    """What ``action`` returns (or the ``Refused`` it meets) when the user nobody does it."""
    with Stranger(action) as stranger:
        return stranger.first


def _read(descriptor: int, size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = os.read(descriptor, size - len(data))
        if not chunk:
            raise AssertionError("the other user's process ended without answering")
        data += chunk
    return data


def _child(told: int, answer: int, first: Callable[[], object],
           then: Callable[[], object] | None) -> None:
    try:
        os.setgroups([])
        os.setgid(NOBODY)
        os.setuid(NOBODY)
        _send(answer, _attempt(first))
        if then is not None and os.read(told, 1):
            _send(answer, _attempt(then))
    except BaseException:
        with contextlib.suppress(BaseException):
            _send(answer, _Crashed(traceback.format_exc()))
    finally:
        os._exit(0)


def _attempt(step: Callable[[], object]) -> object:
    try:
        return step()
    except OSError as exc:
        return Refused(errno.errorcode.get(exc.errno or 0, str(exc)))
    except Exception:
        return _Crashed(traceback.format_exc())


def _send(descriptor: int, value: object) -> None:
    data = pickle.dumps(value)
    os.write(descriptor, _SIZE.pack(len(data)) + data)


@contextlib.contextmanager
def open_area() -> Iterator[Path]:
    """A folder among the temporary files that every user may enter and read (as a home
    folder made with umask 022 is), with ``shared`` in it, open to all as the folder for
    temporary files is. Skips the test where nobody could not reach it anyway: a refusal
    must come from hiptimer's modes, not from a folder above."""
    area = Path(tempfile.mkdtemp(prefix="hiptimer-test-open-"))
    try:
        area.chmod(0o755)
        (area / "shared").mkdir()
        (area / "shared").chmod(0o1777)
        (area / "public.txt").write_text("anyone may read this")
        (area / "public.txt").chmod(0o644)
        if as_nobody(lambda: (area / "public.txt").read_text()) != "anyone may read this":
            pytest.skip(f"the user nobody cannot reach {area}")
        yield area
    finally:
        shutil.rmtree(area, ignore_errors=True)
