"""Where the session reads the time: a monotonic clock, or a fake one that tests move by hand."""

from __future__ import annotations

import time
from typing import Protocol


class Clock(Protocol):
    def now(self) -> float:
        """Seconds on a monotonic scale; only differences mean anything."""
        ...


class MonotonicClock:
    """The real clock: immune to wall-clock changes, so a session never jumps with NTP.

    On Linux it counts time the machine spent suspended too (``CLOCK_BOOTTIME``), so a
    session that slept through a deadline notices and pauses instead of carrying on as if
    no time had passed.
    """

    def __init__(self) -> None:
        self._id = getattr(time, "CLOCK_BOOTTIME", time.CLOCK_MONOTONIC)

    def now(self) -> float:
        return time.clock_gettime(self._id)


class FakeClock:
    """A clock that only moves when told to, and never backwards."""

    def __init__(self, start: float = 0.0) -> None:
        self._now = start

    def now(self) -> float:
        return self._now

    def advance(self, seconds: float) -> float:
        if seconds < 0:
            raise ValueError(f"a clock cannot go backwards ({seconds} s)")
        self._now += seconds
        return self._now

    def set(self, when: float) -> float:
        if when < self._now:
            raise ValueError(f"a clock cannot go backwards (from {self._now} to {when})")
        self._now = when
        return self._now
