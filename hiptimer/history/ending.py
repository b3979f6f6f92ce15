"""A session's end, kept in room set aside beside the history until the database holds it.

The end of a session is its most valued write (completed or stopped, the last exercise's
seconds, the week it counts in, the level it steps up), and it comes last, when the disk may
have filled during the session. So room for it is made when the session starts: a file of
``SIZE`` blank bytes, ``<history file>.ending-<session id>``. At the end the end is written
over those bytes with a single ``pwrite``, which needs no new disk space, and then into the
database; once the database holds it the file goes. A process that cannot write the
database before it ends leaves the file, and the next opening of the history (``sessions.
mark_cut_off``) writes the end in, once.

The file holds one JSON object padded with spaces to ``SIZE`` bytes. It is read as strictly
as a pulse: a regular file of exactly ``SIZE`` bytes, every value of the kind and within the
bounds its column allows (``damage``), nothing more and nothing missing. Anything else (a
blank file, a torn write, a hand edit) is no end: it is ignored, never trusted.
"""

from __future__ import annotations

import json
import os
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from hiptimer.history import damage
from hiptimer.history.beside import read_beside, sessions_beside

SIZE = 16 * 1024
"""Bytes set aside for one end: a few hundred work periods, and the file's whole size."""
FORMAT = 1
MOST_TEXT = 400
"""Characters an exercise's name or side may have here (a routine allows far fewer)."""
MOST_COUNT = 10_000
"""The highest round or set number taken from a file (a routine allows far fewer)."""
MOST_LEVEL = 10**6
MOST_ID = 2**63 - 1
_MARK = ".ending-"
_KEYS = frozenset({"format", "completed", "ended_at", "session_seconds", "step_to", "final",
                   "unwritten"})


class Final(NamedTuple):
    """A work period the history has a row for, with the seconds it ran to its end."""

    work_id: int
    seconds: float


class Unwritten(NamedTuple):
    """A work period the history has no row for yet: all of it, to be added."""

    exercise: str
    side: str | None
    round: int
    set_number: int
    seconds: float


@dataclass(frozen=True)
class Ending:
    """How a session ended, with what the history still lacks of it."""

    completed: bool
    """Finished (else stopped)."""
    ended_at: datetime
    session_seconds: float
    step_to: int | None
    """The routine's top level, when finishing it steps its level up (unless held)."""
    final: tuple[Final, ...] = ()
    unwritten: tuple[Unwritten, ...] = ()


def ending_path(history: Path, session_id: int) -> Path:
    return history.with_name(f"{history.name}{_MARK}{session_id}")


def encode(ending: Ending) -> bytes:
    """The end as its file holds it: ``SIZE`` bytes. Raises ValueError when it does not fit
    (``fitted`` makes it fit)."""
    data = json.dumps({
        "format": FORMAT, "completed": ending.completed,
        "ended_at": ending.ended_at.isoformat(),
        "session_seconds": round(ending.session_seconds, 3), "step_to": ending.step_to,
        "final": [[f.work_id, round(f.seconds, 3)] for f in ending.final],
        "unwritten": [[u.exercise, u.side, u.round, u.set_number, round(u.seconds, 3)]
                      for u in ending.unwritten],
    }, separators=(",", ":"), allow_nan=False).encode()
    if len(data) >= SIZE:
        raise ValueError(f"an end of {len(data)} bytes does not fit in {SIZE}")
    return data.ljust(SIZE - 1) + b"\n"


def fitted(ending: Ending) -> tuple[bytes, int]:
    """The end encoded, and how many of its unwritten work periods had to be left out for it
    to fit (the last ones first)."""
    every = len(ending.unwritten)
    fits, too_many = -1, every + 1
    while too_many - fits > 1:  # the most that fit, found in a few tries
        middle = (fits + too_many) // 2
        try:
            encode(_first(ending, middle))
        except ValueError:
            too_many = middle
        else:
            fits = middle
    if fits < 0:
        raise ValueError(f"an end with {len(ending.final)} work periods does not fit")
    return encode(_first(ending, fits)), every - fits


def _first(ending: Ending, count: int) -> Ending:
    return Ending(ending.completed, ending.ended_at, ending.session_seconds, ending.step_to,
                  ending.final, ending.unwritten[:count])


def decode(data: bytes) -> Ending | None:
    """The end in ``data``, or None when it is not exactly one end within bounds."""
    if len(data) != SIZE:
        return None
    try:
        value = json.loads(data)
        return _ending(value)
    except (ValueError, RecursionError, TypeError, damage.Damaged):
        return None


def _whole(value: object, low: int, high: int) -> int:
    number = damage.whole("number", value)
    if not low <= number <= high:
        raise damage.Damaged(f"{number} is out of range")
    return number


def _short(value: object) -> str:
    text = damage.text("text", value)
    if len(text) > MOST_TEXT:
        raise damage.Damaged("a text too long")
    return text


def _list(value: object) -> list[object]:
    if not isinstance(value, list):
        raise damage.Damaged("not a list")
    return value


def _ending(value: object) -> Ending:
    if not isinstance(value, dict) or set(value) != _KEYS or value["format"] != FORMAT:
        raise damage.Damaged("not an end")
    completed = value["completed"]
    if not isinstance(completed, bool):
        raise damage.Damaged("completed is not true or false")
    step = value["step_to"]
    finals = []
    for item in _list(value["final"]):
        work_id, seconds = _list(item)
        finals.append(Final(_whole(work_id, 1, MOST_ID),
                            damage.seconds("seconds", seconds, damage.MAX_PERIOD_SECONDS)))
    if len({final.work_id for final in finals}) != len(finals):
        raise damage.Damaged("a work period given twice")
    unwritten = []
    for item in _list(value["unwritten"]):
        exercise, side, round_, number, seconds = _list(item)
        unwritten.append(Unwritten(
            _short(exercise), None if side is None else _short(side),
            _whole(round_, 1, MOST_COUNT), _whole(number, 1, MOST_COUNT),
            damage.seconds("seconds", seconds, damage.MAX_PERIOD_SECONDS)))
    return Ending(completed, damage.moment("ended_at", value["ended_at"]),
                  damage.seconds("session_seconds", value["session_seconds"]),
                  None if step is None else _whole(step, 0, MOST_LEVEL),
                  tuple(finals), tuple(unwritten))


def ending_sessions(history: Path) -> list[int]:
    """The sessions with an end file beside ``history``."""
    return sessions_beside(history, _MARK)


def read_ending(path: Path) -> Ending | None:
    """The end in the file at ``path``: None for none, for a file that is not a regular
    file of ``SIZE`` bytes, and for one that holds no end."""
    data = read_beside(path, SIZE + 1)
    return None if data is None else decode(data)


def read_endings(history: Path) -> dict[int, Ending | None]:
    """Every end file beside ``history``, by session id (None as in ``read_ending``)."""
    return {session: read_ending(ending_path(history, session))
            for session in ending_sessions(history)}


def remove_ending(history: Path, session_id: int) -> None:
    with suppress(OSError):
        ending_path(history, session_id).unlink()


class EndingRoom:
    """The room set aside for one session's end, kept open from the session's start."""

    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self._fd: int | None = fd
        self.holds_end = False
        """The room holds the session's end as it was last written."""
        self.left_out = 0
        """Work periods of that end that did not fit."""

    @classmethod
    def make(cls, history: Path, session_id: int) -> EndingRoom:
        """Sets the room aside: ``SIZE`` blank bytes written, so that the disk has given them.
        Raises OSError when it cannot (a full disk already); nothing is left then."""
        path = ending_path(history, session_id)
        flags = (os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC | os.O_NOFOLLOW
                 | os.O_NONBLOCK)
        try:
            fd = os.open(path, flags, 0o600)
        except FileExistsError:  # left by a history that had the same numbers
            with suppress(OSError):
                path.unlink()
            fd = os.open(path, flags, 0o600)
        try:
            if os.pwrite(fd, b" " * (SIZE - 1) + b"\n", 0) != SIZE:
                raise OSError(f"{path}: a short write")
        except BaseException:
            os.close(fd)
            with suppress(OSError):
                path.unlink()
            raise
        return cls(path, fd)

    def write(self, ending: Ending) -> None:
        """Writes the end over the room; raises OSError when it cannot."""
        if self._fd is None:
            raise OSError(f"{self.path}: closed")
        data, self.left_out = fitted(ending)
        self.holds_end = False
        if os.pwrite(self._fd, data, 0) != SIZE:
            raise OSError(f"{self.path}: a short write")
        self.holds_end = True

    def close(self) -> None:
        """Stops writing, leaving the file for the next opening of the history."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def remove(self) -> None:
        """The database holds the end: the room is given back."""
        self.close()
        with suppress(OSError):
            self.path.unlink()
