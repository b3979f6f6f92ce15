"""Where the session reads the time: a monotonic clock, or a fake one that tests move by hand."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Protocol, TypeVar

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)


class Clock(Protocol):
    def now(self) -> float:
        """Seconds on a monotonic scale; only differences mean anything."""
        ...


class Schedule(Protocol[T_co]):
    """What a fake clock can run: something with deadlines (a session, typically) that
    reports what fell due when woken."""

    def next_deadline(self) -> float | None:
        """When the next thing falls due; ``None`` while nothing is scheduled."""
        ...

    def advance(self) -> Sequence[T_co]:
        """Whatever has fallen due by now."""
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

    def jump(self, schedule: Schedule[T], until: float | None = None,
             deliver: Callable[[Sequence[T]], object] | None = None, *,
             wake: Callable[[], Sequence[T] | None] | None = None) -> list[T]:
        """Move from deadline to deadline as a driver's timer fires, without waiting.

        At each of ``schedule``'s deadlines the clock is set there and ``wake`` runs (the
        schedule's own ``advance`` unless given); what it reports goes to ``deliver``. It
        stops at ``until``, where it wakes once more, or, without one, once nothing is
        scheduled. Returns everything reported, in order.
        """
        woken = schedule.advance if wake is None else wake
        reported: list[T] = []

        def wake_up() -> None:
            happened = woken() or []
            if deliver is not None:
                deliver(happened)
            reported.extend(happened)

        while (due := schedule.next_deadline()) is not None and (until is None or due <= until):
            self.set(due)
            wake_up()
        if until is not None:
            self.set(until)
            wake_up()
        return reported
