"""Whatever a user puts in the sounds folder, it is used or refused with a reason, cheaply."""

from __future__ import annotations

import os
import struct
import subprocess
import tracemalloc
import wave
from pathlib import Path
from typing import TypedDict, Unpack

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from hiptimer.cues.names import CueName
from hiptimer.cues.sound import LONGEST, MAX_FILE_BYTES, RATE, Sound, read_wav
from hiptimer.cues.tones import LONGEST_CUE, built_in, load_tones

from .support.commands import hiptimer, read_until

PCM, FLOAT, EXTENSIBLE = 1, 3, 0xFFFE
PCM_GUID = bytes.fromhex("0100000000001000800000aa00389b71")
per_file = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])


def chunk(name: bytes, body: bytes, claimed: int | None = None) -> bytes:
    size = len(body) if claimed is None else claimed
    return name + struct.pack("<I", size) + body + b"\0" * (len(body) & 1)


def fmt(tag: int = PCM, channels: int = 1, rate: int = RATE, bits: int = 16,
        guid: bytes = PCM_GUID) -> bytes:
    block = channels * ((bits + 7) // 8)
    body = struct.pack("<HHIIHH", tag, channels, rate, (rate * block) & 0xFFFFFFFF,
                       block & 0xFFFF, bits)
    if tag == EXTENSIBLE:
        body += struct.pack("<HHI", 22, bits, 0) + guid
    return chunk(b"fmt ", body)


def riff(*chunks: bytes) -> bytes:
    body = b"WAVE" + b"".join(chunks)
    return b"RIFF" + struct.pack("<I", len(body)) + body


class Format(TypedDict, total=False):
    """What ``fmt`` may be told, for ``wav`` to pass on."""

    tag: int
    channels: int
    rate: int
    bits: int
    guid: bytes


def wav(frames: bytes, claimed: int | None = None, **format_values: Unpack[Format]) -> bytes:
    return riff(fmt(**format_values), chunk(b"data", frames, claimed))


def written(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def stereo_file(path: Path, rate: int, seconds: float) -> Path:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(2)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(bytes(4 * int(rate * seconds)))
    return path


def outcome(path: Path, longest: float = LONGEST) -> Sound | str:
    """The sound read, or the reason it was refused (which must be one plain line)."""
    try:
        sound = read_wav(path, longest)
    except ValueError as exc:
        reason = str(exc)
        assert reason and "\n" not in reason
        return reason
    assert len(sound.samples) <= longest * RATE + 1
    return sound


@per_file
@given(st.binary(max_size=3000))
def test_any_bytes_are_a_sound_or_a_reason(tmp_path: Path, data: bytes) -> None:
    outcome(written(tmp_path / "x.wav", data))


@per_file
@given(st.lists(st.tuples(st.sampled_from([b"fmt ", b"data", b"LIST", b"fact", b"\0\0\0\0"]),
                          st.binary(max_size=60),
                          st.none() | st.integers(0, 2**32 - 1)), max_size=6))
def test_any_chunks_are_a_sound_or_a_reason(
        tmp_path: Path, chunks: list[tuple[bytes, bytes, int | None]]) -> None:
    outcome(written(tmp_path / "x.wav", riff(*(chunk(*c) for c in chunks))))


SANE: dict[str, st.SearchStrategy[int]] = {
    "tag": st.sampled_from([PCM, EXTENSIBLE]), "channels": st.integers(1, 2),
    "rate": st.integers(8000, 192000), "bits": st.just(16)}
WILD: dict[str, st.SearchStrategy[int]] = {
    "tag": st.integers(0, 0xFFFF), "channels": st.integers(0, 0xFFFF),
    "rate": st.sampled_from([0, 1, 7999, 192001, 2**32 - 1]) | st.integers(0, 2**32 - 1),
    "bits": st.sampled_from([0, 8, 24, 32]) | st.integers(0, 0xFFFF)}
# Some of the values are wild, and sometimes none is: both outcomes are tried often.
header_values = st.sets(st.sampled_from(sorted(SANE))).flatmap(
    lambda wild: st.fixed_dictionaries({key: (WILD if key in wild else SANE)[key]
                                        for key in SANE}))


@per_file
@given(values=header_values, frames=st.binary(max_size=4000),
       claimed=st.none() | st.integers(0, 2**32 - 1))
def test_any_header_values_are_used_only_when_sane(
        tmp_path: Path, values: dict[str, int], frames: bytes, claimed: int | None) -> None:
    tag, channels, rate, bits = (values[key] for key in ("tag", "channels", "rate", "bits"))
    path = written(tmp_path / "x.wav", wav(frames, claimed, tag=tag, channels=channels,
                                           rate=rate, bits=bits))
    result = outcome(path)
    # A claimed size past the end leaves the data chunk's padding byte in the sound.
    held = len(frames) if claimed is None else min(claimed, len(frames) + len(frames) % 2)
    sane = tag in (PCM, EXTENSIBLE) and bits == 16 and channels in (1, 2) and \
        8000 <= rate <= 192000 and held >= 2 * channels
    assert isinstance(result, Sound) == sane, result
    event("used" if sane else "refused")
    if isinstance(result, Sound):
        assert len(result.samples) == held // (2 * channels) * RATE // rate


@per_file
@given(rate=st.integers(8000, 192000),
       samples=st.lists(st.integers(-32768, 32767), min_size=1, max_size=2000))
def test_a_sound_at_any_rate_keeps_its_length_and_its_loudness(
        tmp_path: Path, rate: int, samples: list[int]) -> None:
    frames = struct.pack(f"<{len(samples)}h", *samples)
    sound = read_wav(written(tmp_path / "x.wav", wav(frames, rate=rate)))
    assert len(sound.samples) == len(samples) * RATE // rate
    assert all(min(samples) <= s <= max(samples) for s in sound.samples)


def test_absurd_headers_are_refused_with_a_reason(tmp_path: Path) -> None:
    second = bytes(2 * 8000)
    cases = {
        "a sample rate of 0 Hz": wav(second, rate=0),
        "a sample rate of 1 Hz": wav(second, rate=1),
        "a sample rate of 4294967295 Hz": wav(second, rate=2**32 - 1),
        "0 channels": wav(second, channels=0),
        "6 channels; save it as mono or stereo": wav(second, channels=6),
        "24-bit samples; save it as 16-bit PCM": wav(second, bits=24),
        "floating-point samples (format 3)": wav(second, tag=FLOAT, bits=32),
        "(format 65534)": wav(second, tag=EXTENSIBLE, guid=bytes(16)),
        "the file holds no sound": wav(b"", claimed=2**32 - 1),
        "its sound comes before its format": riff(chunk(b"data", second), fmt()),
        "not a WAV file": b"ID3\3" + second,
    }
    for reason, data in cases.items():
        result = outcome(written(tmp_path / "x.wav", data))
        assert isinstance(result, str) and reason in result


def test_a_header_that_claims_a_huge_sound_costs_only_what_the_file_holds(
        tmp_path: Path) -> None:
    path = written(tmp_path / "x.wav", wav(bytes(2 * 8000), claimed=2**32 - 2, rate=8000))
    tracemalloc.start()
    try:
        sound = read_wav(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert sound.seconds == pytest.approx(1.0, abs=1 / RATE)
    assert peak < 2 * 2**20


def test_a_huge_file_is_refused_without_being_read(tmp_path: Path) -> None:
    path = tmp_path / "x.wav"
    with path.open("wb") as sparse:  # 100 MB of nothing, taking no room on the disk
        sparse.write(wav(b""))
        sparse.truncate(100 * 10**6)
    tracemalloc.start()
    try:
        result = outcome(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert result == "the file is 100.0 MB, too big for a cue (at most 8 MB)"
    assert peak < 2**20


def test_the_biggest_cue_is_read_and_a_longer_one_refused(tmp_path: Path) -> None:
    biggest = stereo_file(tmp_path / "biggest.wav", 192000, LONGEST_CUE)
    assert biggest.stat().st_size <= MAX_FILE_BYTES
    assert read_wav(biggest, LONGEST_CUE).seconds == pytest.approx(LONGEST_CUE, abs=1 / RATE)
    longer = stereo_file(tmp_path / "longer.wav", 8000, LONGEST_CUE + 0.05)
    assert outcome(longer, LONGEST_CUE) == ("it lasts 10.1 seconds; a cue may last at most "
                                            "10 seconds")


def test_a_wave_format_extensible_file_is_used(tmp_path: Path) -> None:
    frames = struct.pack("<4h", 1000, 3000, -1000, -3000)
    sound = read_wav(written(tmp_path / "x.wav", wav(frames, tag=EXTENSIBLE, channels=2)))
    assert list(sound.samples) == [2000, -2000]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs and /dev/zero are POSIX")
def test_whatever_is_in_the_sounds_folder_is_used_or_refused_in_one_line(
        tmp_path: Path) -> None:
    folder = tmp_path / "sounds"
    folder.mkdir()
    written(folder / "pip.wav", wav(bytes(2 * 8000), rate=0))
    os.mkfifo(folder / "work.wav")  # reading it would wait for a writer for ever
    (folder / "rest.wav").symlink_to("/dev/zero")  # reading it would never end
    (folder / "switch.wav").mkdir()
    (folder / "halfway.wav").symlink_to(folder / "nowhere.wav")
    written(folder / "tick.wav", wav(bytes(2 * 80), rate=8000))
    tones, problems = load_tones(folder)
    reasons = {
        "pip": "a sample rate of 0 Hz; use one from 8000 to 192000 Hz",
        "work": "it is a FIFO, not a regular file",
        "rest": "it is a device, not a regular file",
        "switch": "it is a folder, not a regular file",
        "halfway": "cannot be read (No such file or directory)",
    }
    assert sorted(problems) == sorted(
        f"custom sound {folder / name}.wav cannot be used: {reason}; the built-in sound plays "
        "instead" for name, reason in reasons.items())
    for name in reasons:
        assert tones[CueName(name)] == built_in(CueName(name))
    assert tones[CueName.TICK].seconds == pytest.approx(0.01, abs=1 / RATE)


def test_a_session_with_an_absurd_sound_runs_with_the_built_in_one(
        tmp_path: Path, data_dir: Path) -> None:
    (data_dir / "sounds").mkdir()
    written(data_dir / "sounds" / "pip.wav", wav(bytes(2 * 8000), rate=0))
    routine = written(tmp_path / "r.yaml", b"name: Tiny\ndefaults: {prepare: 0}\n"
                                           b"exercises:\n  - {name: Frog, hold: 0.2s}\n")
    proc = hiptimer("run", "--no-gui", str(routine), "--mute", stdin=subprocess.DEVNULL)
    assert proc.stdout is not None
    read_until(proc.stdout, "a sample rate of 0 Hz")
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert out.rstrip().endswith("Finished. Well done.") and "Traceback" not in err
