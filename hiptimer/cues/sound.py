"""Short mono sounds as 16-bit samples: tones made here, speech and WAV files read in.

Every sound is kept at one sample rate so cues can be joined (a tone, then words) and
played as one stream that the player never has to convert on the timer's path.
"""

from __future__ import annotations

import functools
import math
import struct
import sys
import wave
from array import array
from dataclasses import dataclass
from pathlib import Path

from hiptimer.base.files import Kind, NotRegularFile, TooLarge, read_regular_file
from hiptimer.base.local_format import decimal_text
from hiptimer.base.translation import _, ngettext

RATE = 22050
"""Samples per second: espeak-ng's own rate, so speech needs no conversion."""
_PEAK = 32767
GAP = 0.08
"""Seconds of silence between a cue's tone and its words."""


@functools.lru_cache(maxsize=4)
def _volume_table(volume: float) -> list[int]:
    """Every 16-bit sample at ``volume``, indexed by the sample itself (negatives from the end)."""
    return ([int(s * volume) for s in range(32768)]
            + [int(s * volume) for s in range(-32768, 0)])


@dataclass(frozen=True)
class Sound:
    samples: array[int]

    @property
    def seconds(self) -> float:
        return len(self.samples) / RATE

    def scaled(self, volume: float) -> Sound:
        if volume >= 1.0:
            return self
        # A look-up per sample (a negative sample indexes the table from its end) in a list
        # comprehension: about a third of multiplying each one, and the words of a new phase
        # are scaled on the timer's path. The table is made once per volume.
        table = _volume_table(volume)
        return Sound(array("h", [table[sample] for sample in self.samples]))

    def then(self, other: Sound, gap: float = GAP) -> Sound:
        joined = array("h", self.samples)
        joined.extend(array("h", bytes(2 * int(gap * RATE))))
        joined.extend(other.samples)
        return Sound(joined)

    def then_length(self, other: Sound, gap: float = GAP) -> float:
        """How long ``then`` would be, in seconds, without joining anything."""
        return (len(self.samples) + int(gap * RATE) + len(other.samples)) / RATE

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


LONGEST = 30.0
"""The longest sound ``read_wav`` accepts by default, in seconds: room for a long sentence."""
MAX_FILE_BYTES = 8 * 10**6
"""The biggest WAV file read at all: ten seconds of 16-bit stereo at the highest rate fit."""
RATES = range(8000, 192001)
"""The sample rates accepted, in Hz: below is no longer sound worth hearing, above is absurd."""
MAX_CHANNELS = 2
_MOST_CHUNKS = 100
"""How many chunks are looked through for the sound: real files have a handful."""
_PCM, _EXTENSIBLE = 1, 0xFFFE
# The tail of the PCM sub-format GUID in a WAVE_FORMAT_EXTENSIBLE header.
_PCM_GUID_TAIL = bytes.fromhex("000000001000800000aa00389b71")


def read_wav(path: Path, longest: float = LONGEST) -> Sound:
    """A WAV file as mono 16-bit samples at ``RATE``; ``ValueError`` says what is wrong.

    The file may be anything a user put there, so nothing in it is trusted: only a regular
    file of at most ``MAX_FILE_BYTES`` is read, and a sound longer than ``longest`` seconds,
    or at a rate, width or channel count no cue has, is refused before it is converted.
    """
    return decode_wav(_read_regular_file(path), longest)


def _not_regular(kind: Kind) -> str:
    """Why a cue's file that is not a regular file cannot be read, by what it is instead."""
    if kind is Kind.FOLDER:
        return _("it is a folder, not a regular file")
    if kind is Kind.FIFO:
        return _("it is a FIFO, not a regular file")
    if kind is Kind.SOCKET:
        return _("it is a socket, not a regular file")
    return _("it is a device, not a regular file")


def _one_decimal(value: float) -> str:
    """``value`` with one decimal, shown even when it is 0 ("100.0"), written with the
    decimal separator of the language spoken (the one ``decimal_text`` puts in 0.5)."""
    return f"{value:.1f}".replace(".", decimal_text(0.5)[1])


def _read_regular_file(path: Path) -> bytes:
    try:
        return read_regular_file(path, MAX_FILE_BYTES)
    except NotRegularFile as exc:
        raise ValueError(_not_regular(exc.kind)) from None
    except TooLarge as exc:
        most = MAX_FILE_BYTES // 10**6
        if exc.size is not None:
            raise ValueError(_("the file is {size} MB, too big for a cue (at most {most} MB)")
                             .format(size=_one_decimal(exc.size / 10**6), most=most)) from None
        raise ValueError(_("the file is more than {most} MB, too big for a cue (at most "
                           "{most} MB)").format(most=most)) from None
    except OSError as exc:
        raise ValueError(_("cannot be read ({problem})").format(
            problem=exc.strerror or exc)) from None


def decode_wav(data: bytes, longest: float = LONGEST) -> Sound:
    """The sound in a WAV file's bytes, as mono 16-bit samples at ``RATE``."""
    if len(data) < 12 or data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        raise ValueError(_("not a WAV file (it does not begin with a RIFF WAVE header)"))
    view = memoryview(data)
    channels = rate = 0
    position = 12
    for __ in range(_MOST_CHUNKS):  # a file of nothing but empty chunks is walked quickly too
        if position + 8 > len(data):
            break
        name = bytes(view[position:position + 4])
        size = int.from_bytes(view[position + 4:position + 8], "little")
        body = view[position + 8:position + 8 + size]  # a size past the end is cut short
        if name == b"fmt ":
            channels, rate = _read_format(body)
        elif name == b"data":
            if not channels:
                raise ValueError(
                    _("not a readable WAV file (its sound comes before its format)"))
            return _convert(body, channels, rate, longest)
        position += 8 + size + (size & 1)  # chunks are padded to an even length
    raise ValueError(_("not a readable WAV file (no sound data in it)"))


def _read_format(body: memoryview) -> tuple[int, int]:
    """The channel count and rate of a ``fmt`` chunk, if it describes sound a cue can be."""
    if len(body) < 16:
        raise ValueError(_("not a readable WAV file (its format is cut short)"))
    tag, channels, rate, __, __, bits = struct.unpack_from("<HHIIHH", body)
    if tag == _EXTENSIBLE and len(body) >= 40 and bytes(body[26:40]) == _PCM_GUID_TAIL:
        tag = int.from_bytes(body[24:26], "little")
    if tag != _PCM:
        raise ValueError(_("compressed or floating-point samples (format {tag}); save it "
                           "as 16-bit PCM").format(tag=tag))
    if bits != 16:
        raise ValueError(_("{bits}-bit samples; save it as 16-bit PCM").format(bits=bits))
    if not 1 <= channels <= MAX_CHANNELS:
        raise ValueError(ngettext("{count} channel; save it as mono or stereo",
                                  "{count} channels; save it as mono or stereo",
                                  channels).format(count=channels))
    if rate not in RATES:
        raise ValueError(_("a sample rate of {rate} Hz; use one from {lowest} to {highest} "
                           "Hz").format(rate=rate, lowest=RATES.start,
                                        highest=RATES.stop - 1))
    return channels, rate


def _convert(frames: memoryview, channels: int, rate: int, longest: float) -> Sound:
    count = len(frames) // (2 * channels)  # a last frame cut short is left out
    if not count:
        raise ValueError(_("the file holds no sound"))
    if count > longest * rate:
        raise ValueError(_("it lasts {seconds} seconds; a cue may last at most {longest} "
                           "seconds").format(seconds=decimal_text(math.ceil(10 * count / rate)
                                                                  / 10),
                                             longest=decimal_text(longest, 3)))
    samples = array("h")
    samples.frombytes(frames[:2 * channels * count])
    if sys.byteorder == "big":  # WAV samples are little-endian
        samples.byteswap()
    if channels == 1:
        return Sound(_at_rate(samples, rate))
    # Each side brought to RATE first, so the Python-level work follows the sound's length
    # at RATE, not the file's (a 192 kHz file has nearly nine times as many samples).
    left, right = _at_rate(samples[0::2], rate), _at_rate(samples[1::2], rate)
    return Sound(array("h", ((a + b) >> 1 for a, b in zip(left, right, strict=True))))


def _at_rate(samples: array[int], rate: int) -> array[int]:
    return samples if rate == RATE else _resample(samples, rate)


def _resample(samples: array[int], rate: int) -> array[int]:
    """Linear interpolation to ``RATE``: one pass over the output, however long the input."""
    count = len(samples) * RATE // rate
    ratio = rate / RATE
    padded = samples + samples[-1:]  # the last sample has a neighbour to lean on
    out = array("h", bytes(2 * count))
    for i in range(count):
        x = i * ratio
        j = int(x)
        here = padded[j]
        out[i] = int(here + (padded[j + 1] - here) * (x - j))
    return out


def trimmed(sound: Sound, threshold: int = 300, keep: float = 0.02) -> Sound:
    """Without the silence before and after, so its length is the length people hear."""
    samples = sound.samples
    # Only the quiet ends are walked, not the words between them: speech is made on a
    # worker thread beside the timer's, and a walk over every sample would hold it up.
    first = next((i for i, sample in enumerate(samples) if abs(sample) > threshold), None)
    if first is None:
        return Sound(array("h"))
    last = next(i for i in range(len(samples) - 1, first - 1, -1)
                if abs(samples[i]) > threshold)
    margin = int(keep * RATE)
    return Sound(samples[max(0, first - margin):last + margin])


def write_wav(path: Path, sound: Sound) -> None:
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(RATE)
        wav.writeframes(sound.to_bytes())
