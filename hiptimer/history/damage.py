"""What a stored value must be to be read, and the reason, for the user, when it is not.

The history is a file the user owns: a hand edit, another program or a damaged disk may put
any value in any column (SQLite keeps text where a number belongs). A row is checked when it
is read; one that does not pass costs that row, shown as damaged with its reason, never every
reader of the history.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TypeVar

from hiptimer.base.problem import escaped, quoted
from hiptimer.base.translation import _

T = TypeVar("T")

MAX_SECONDS = 7 * 24 * 3600.0
"""The most a session's work, planned work or length can be: a week. A routine's budget is at
most a day and a phase at most an hour; anything far beyond is a damaged figure."""
MAX_PERIOD_SECONDS = 24 * 3600.0
"""The most one work period can have run: a day (a timed phase is at most an hour, a
self-paced one is cut off here)."""
EARLIEST = datetime(2, 1, 1, tzinfo=UTC)
LATEST = datetime(9998, 12, 31, tzinfo=UTC)
"""The moments a session can be at: within these, every time zone and every week before it
can still be worked out (the year 9999 shifted east is beyond what a date can hold)."""
UNKNOWN_MOMENT = datetime(1970, 1, 1, tzinfo=UTC)
"""What a damaged row's start reads as: a moment every reader can show and sort."""


class Damaged(ValueError):
    """A stored value that cannot be what its column holds; the message says which and why
    (the column by its name in the database, which is not translated)."""


def shown(value: object) -> str:
    """A stored value in a reason: quoted, escaped and cut short, whatever its type."""
    if isinstance(value, str):
        return escaped(quoted(value, 40))
    text = repr(value)
    return escaped(text if len(text) <= 60 else f"{text[:60]}...")


def moment(column: str, value: object) -> datetime:
    """A stored time: ISO text within ``EARLIEST`` and ``LATEST`` (one without a time zone
    is local time, as every reader took it)."""
    if not isinstance(value, str):
        raise Damaged(_("{column} {value} is not a time").format(
            column=column, value=shown(value)))
    try:
        parsed = datetime.fromisoformat(value)
        if parsed.tzinfo is None:
            parsed = parsed.astimezone()
        in_utc = parsed.astimezone(UTC)
    except (ValueError, OverflowError, OSError):
        raise Damaged(_("{column} {value} is not a time").format(
            column=column, value=shown(value))) from None
    if not EARLIEST <= in_utc <= LATEST:
        raise Damaged(_("{column} {value} is out of range").format(
            column=column, value=shown(value)))
    return parsed


def seconds(column: str, value: object, most: float = MAX_SECONDS) -> float:
    """A stored figure in seconds: a number from 0 to ``most``."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise Damaged(_("{column} {value} is not a number").format(
            column=column, value=shown(value)))
    if not (math.isfinite(value) and 0 <= value <= most):
        raise Damaged(_("{column} {value} is out of range").format(
            column=column, value=shown(value)))
    return float(value)


def text(column: str, value: object) -> str:
    if not isinstance(value, str):
        raise Damaged(_("{column} {value} is not text").format(
            column=column, value=shown(value)))
    return value


def optional_text(column: str, value: object) -> str | None:
    return None if value is None else text(column, value)


def whole(column: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise Damaged(_("{column} {value} is not a whole number").format(
            column=column, value=shown(value)))
    return value


class Reasons:
    """Reads a row's values one by one, collecting why each one that does not pass failed
    and standing in its ``fallback``, so every fault of a row is named at once."""

    def __init__(self) -> None:
        self.found: list[str] = []

    def read(self, check: Callable[[], T], fallback: T) -> T:
        try:
            return check()
        except Damaged as exc:
            self.found.append(str(exc))
            return fallback

    @property
    def damage(self) -> str | None:
        """The reasons in one line, or None for a sound row."""
        return "; ".join(self.found) or None
