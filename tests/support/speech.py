"""Stand-ins for making speech: a speech maker that can be slow, broken or warm, and a
worker that runs only when a test says so, a text at a time."""

from __future__ import annotations

import threading
from array import array
from collections.abc import Iterable

from hiptimer.cues.sound import RATE, Sound
from hiptimer.cues.speech_worker import Step

GATE_WAIT = 10.0
"""Failsafe, in seconds, for a gated maker whose test forgot to open the gate."""


def words(text: str) -> Sound:
    """What the fake maker says for ``text``: 70 ms of silence a character."""
    return Sound(array("h", bytes(2 * int(0.07 * len(text) * RATE))))


class FakeMaker:
    """Makes every text as ``words`` does, and notes what it made and on which thread.

    ``warm`` is what its cache holds; ``problem`` is a missing engine; ``fault`` is raised
    by ``say`` (a crash while making speech); with ``gate``, ``say`` waits until it is set.
    """

    def __init__(self, warm: Iterable[str] = (), problem: str | None = None,
                 fault: Exception | None = None, gate: threading.Event | None = None) -> None:
        self.warm = set(warm)
        self.problem = problem
        self.fault = fault
        self.gate = gate
        self.made: list[str] = []
        self.threads: list[threading.Thread] = []
        self.entered = threading.Event()
        """Set once ``say`` has been called: a worker thread has begun."""

    def say(self, text: str) -> Sound | None:
        self.threads.append(threading.current_thread())
        self.entered.set()
        if self.gate is not None:
            self.gate.wait(GATE_WAIT)
        if self.fault is not None:
            raise self.fault
        self.made.append(text)
        return words(text)

    def cached(self, text: str) -> Sound | None:
        return words(text) if text in self.warm else None


class ManualSpawn:
    """Runs the speech worker only when told: ``step`` makes one text, ``run`` the rest."""

    def __init__(self) -> None:
        self.spawned = 0
        self.joined = 0
        self._step: Step | None = None

    def __call__(self, step: Step) -> ManualSpawn:
        self.spawned += 1
        self._step = step
        return self

    def join(self, timeout: float | None = None) -> None:
        self.joined += 1

    def step(self) -> bool:
        """One text made; False when the worker had nothing (more) to do."""
        step, self._step = self._step, None
        if step is None or not step():
            return False
        self._step = step
        return True

    def run(self) -> None:
        while self.step():
            pass
