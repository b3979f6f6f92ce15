"""Short mono sounds as 16-bit samples: tones made here, speech and WAV files read in.

Every sound is kept at one sample rate so cues can be joined (a tone, then words) and
played as one stream that the player never has to convert on the timer's path.
"""

from __future__ import annotations

import math
import wave
from array import array
from dataclasses import dataclass
from pathlib import Path

RATE = 22050
"""Samples per second: espeak-ng's own rate, so speech needs no conversion."""
_PEAK = 32767


@dataclass(frozen=True)
class Sound:
    samples: array[int]

    @property
    def seconds(self) -> float:
        return len(self.samples) / RATE

    def scaled(self, volume: float) -> Sound:
        if volume >= 1.0:
            return self
        return Sound(array("h", (int(s * volume) for s in self.samples)))

    def then(self, other: Sound, gap: float = 0.08) -> Sound:
        joined = array("h", self.samples)
        joined.extend(array("h", bytes(2 * int(gap * RATE))))
        joined.extend(other.samples)
        return Sound(joined)

    def to_bytes(self) -> bytes:
        return self.samples.tobytes()


def tone(frequencies: tuple[float, ...], seconds: float, level: float = 0.5,
         attack: float = 0.01, release: float = 0.04) -> Sound:
    """A tone (or a chord) with soft attack and release, so it starts and stops without a click."""
    count = int(seconds * RATE)
    attack_n = max(1, int(attack * RATE))
    release_n = max(1, int(release * RATE))
    amplitude = level * _PEAK / len(frequencies)
    out = array("h", bytes(2 * count))
    steps = [2 * math.pi * f / RATE for f in frequencies]
    for i in range(count):
        envelope = min(1.0, i / attack_n, (count - 1 - i) / release_n)
        envelope = 0.5 - 0.5 * math.cos(math.pi * max(0.0, envelope))
        out[i] = int(amplitude * envelope * sum(math.sin(step * i) for step in steps))
    return Sound(out)


def silence(seconds: float) -> Sound:
    return Sound(array("h", bytes(2 * int(seconds * RATE))))


def join(*sounds: Sound, gap: float = 0.06) -> Sound:
    result = sounds[0]
    for sound in sounds[1:]:
        result = result.then(sound, gap)
    return result


def read_wav(path: Path) -> Sound:
    """A WAV file as mono 16-bit samples at ``RATE``; ``ValueError`` says what is wrong."""
    try:
        with wave.open(str(path), "rb") as wav:
            channels, width, rate = wav.getnchannels(), wav.getsampwidth(), wav.getframerate()
            frames = wav.readframes(wav.getnframes())
    except (wave.Error, EOFError) as exc:
        raise ValueError(f"not a readable WAV file ({exc})") from None
    if width != 2:
        raise ValueError(f"{8 * width}-bit samples; save it as 16-bit PCM")
    if not frames:
        raise ValueError("the file holds no sound")
    samples = array("h", frames)
    if channels > 1:
        samples = array("h", (sum(samples[i:i + channels]) // channels
                              for i in range(0, len(samples), channels)))
    return Sound(_resample(samples, rate) if rate != RATE else samples)


def _resample(samples: array[int], rate: int) -> array[int]:
    count = int(len(samples) * RATE / rate)
    ratio = rate / RATE
    out = array("h", bytes(2 * count))
    last = len(samples) - 1
    for i in range(count):
        x = i * ratio
        j = min(int(x), last)
        k = min(j + 1, last)
        out[i] = int(samples[j] + (samples[k] - samples[j]) * (x - j))
    return out


def trimmed(sound: Sound, threshold: int = 300, keep: float = 0.02) -> Sound:
    """Without the silence before and after, so its length is the length people hear."""
    samples = sound.samples
    loud = [i for i in range(len(samples)) if abs(samples[i]) > threshold]
    if not loud:
        return Sound(array("h"))
    margin = int(keep * RATE)
    return Sound(samples[max(0, loud[0] - margin):loud[-1] + margin])


def write_wav(path: Path, sound: Sound) -> None:
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(RATE)
        wav.writeframes(sound.to_bytes())
