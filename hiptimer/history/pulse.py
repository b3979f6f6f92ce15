"""The running work period's seconds, kept to the second in a small file beside the history.

Writing them into the database every second is a transaction each time (locks, two pages
into its log, the session's total worked out again): the largest single part of what a
running hold cost each second. A killed process must still leave those seconds. One
fixed-size line, overwritten in place with a single ``pwrite``, keeps them as well as the
database would (both survive a kill; a power cut may cost either the last seconds) at a
fraction of the cost.

The database gets the period's exact seconds when it ends. Until then the history reads the
line in wherever it shows the running session (``HistoryStore.sessions`` and ``work``), and
the first opening that finds the session cut off writes it into the database for good.

A pulse file is ``<history file>.running-<session id>`` and holds one line: the work period's
row id and its seconds. Anything else in it (a hand edit, a torn write) is not a pulse: it is
ignored, and removed once its session is over. Seconds beyond what a work period can run
(``MAX_PERIOD_SECONDS``) are read, and written, as that bound: a damaged line never puts
years of work into the history.
"""

from __future__ import annotations

import math
import os
import re
from contextlib import suppress
from pathlib import Path
from typing import NamedTuple

from hiptimer.history.beside import read_beside, sessions_beside
from hiptimer.history.damage import MAX_PERIOD_SECONDS

LINE = 48
"""Bytes in a pulse line, padded, so that each write covers the whole of the last one."""
_READ_AT_MOST = 4 * LINE
_MARK = ".running-"
_LINE = re.compile(rb" *([1-9][0-9]{0,17}) +([0-9]{1,12}(?:\.[0-9]{1,6})?) *\n")


class Beat(NamedTuple):
    """What a pulse file says: the work period's row, and the seconds it has run."""

    work_id: int
    seconds: float


def pulse_path(history: Path, session_id: int) -> Path:
    return history.with_name(f"{history.name}{_MARK}{session_id}")


def encode(beat: Beat) -> bytes:
    line = f"{beat.work_id} {beat.seconds:.3f}".encode()
    if len(line) >= LINE or not math.isfinite(beat.seconds) or beat.seconds < 0:
        raise ValueError(f"not a pulse: {beat}")
    return line.ljust(LINE - 1) + b"\n"


def decode(data: bytes) -> Beat | None:
    """The beat in ``data``, or None when it is not exactly one pulse line."""
    match = _LINE.fullmatch(data)
    if match is None:
        return None
    return Beat(int(match[1]), float(match[2]))


def pulse_sessions(history: Path) -> list[int]:
    """The sessions with a pulse file beside ``history``."""
    return sessions_beside(history, _MARK)


def read_pulse(history: Path, session_id: int) -> Beat | None:
    """One session's pulse: None for none, or one that cannot be read or holds no pulse."""
    return _read(pulse_path(history, session_id))


def read_pulses(history: Path) -> dict[int, Beat | None]:
    """Every pulse file beside ``history``, by session id (None as in ``read_pulse``)."""
    return {session: read_pulse(history, session) for session in pulse_sessions(history)}


def _read(path: Path) -> Beat | None:
    data = read_beside(path, _READ_AT_MOST)
    beat = None if data is None else decode(data)
    if beat is None:
        return None
    return beat._replace(seconds=min(beat.seconds, MAX_PERIOD_SECONDS))


def remove_pulse(history: Path, session_id: int) -> None:
    with suppress(OSError):
        pulse_path(history, session_id).unlink()


class Pulse:
    """Writes one session's pulse: the file is made at the first beat and kept open."""

    def __init__(self, history: Path, session_id: int) -> None:
        self.path = pulse_path(history, session_id)
        self._fd: int | None = None

    def beat(self, work_id: int, seconds: float) -> None:
        """Raises OSError when the file cannot be made or written (a full disk, a folder
        taken away); the caller writes the database instead."""
        bounded = min(max(seconds, 0.0), MAX_PERIOD_SECONDS) if math.isfinite(seconds) else 0.0
        line = encode(Beat(work_id, bounded))
        if self._fd is None:
            # A new file or none: whatever is in the way (a link to a file of the user's, a
            # pipe that would block) is never written through.
            self._fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC
                               | os.O_NOFOLLOW | os.O_NONBLOCK, 0o600)
        if os.pwrite(self._fd, line, 0) != len(line):
            raise OSError(f"{self.path}: a short write")

    def close(self) -> None:
        """Stops writing, leaving the file for the next opening of the history to fold in."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def end(self) -> None:
        """The session has ended and the database holds all of it: the file goes."""
        self.close()
        with suppress(OSError):
            self.path.unlink()
