"""Helpers for tests about sound: a fake voice, a recording sink and a tone detector."""

from __future__ import annotations

import math
from array import array
from collections.abc import Sequence

from hiptimer.cues.sound import RATE, Sound


class FakeVoice:
    """Speaks every text as silence lasting 70 ms a character, so lengths are predictable."""

    def __init__(self) -> None:
        self.said: list[str] = []

    def say(self, text: str) -> Sound | None:
        self.said.append(text)
        return Sound(array("h", bytes(2 * int(0.07 * len(text) * RATE))))


class RecordingSink:
    def __init__(self) -> None:
        self.played: list[Sound] = []

    def play(self, sound: Sound) -> None:
        self.played.append(sound)

    def close(self) -> None:
        pass


def power(samples: Sequence[int], frequency: float, rate: int = RATE) -> float:
    """Goertzel: how strongly ``frequency`` is present, normalised by length."""
    coefficient = 2 * math.cos(2 * math.pi * frequency / rate)
    s1 = s2 = 0.0
    for x in samples:
        s1, s2 = x + coefficient * s1 - s2, s1
    return (s1 * s1 + s2 * s2 - coefficient * s1 * s2) / max(1, len(samples)) ** 2


def strongest(samples: Sequence[int], candidates: Sequence[float]) -> float:
    return max(candidates, key=lambda f: power(samples, f))
