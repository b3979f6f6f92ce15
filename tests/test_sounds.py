"""The cue sounds themselves: soft edges, the right pitch, and the user's own files."""

from __future__ import annotations

import wave
from array import array
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hiptimer.cues.names import CueName
from hiptimer.cues.sound import RATE, Sound, read_wav, tone, trimmed, write_wav
from hiptimer.cues.speech import Speaker
from hiptimer.cues.tones import NOTES, built_in, load_tones

from .support.audio import power, strongest


@pytest.mark.parametrize("name", list(CueName))
def test_every_tone_starts_and_ends_softly(name: CueName) -> None:
    samples = built_in(name).samples
    peak = max(abs(s) for s in samples)
    edge = int(0.001 * RATE)
    assert abs(samples[0]) < 50 and abs(samples[-1]) < 50
    assert max(abs(s) for s in samples[:edge]) < peak / 4  # rises gently: no click
    assert max(abs(s) for s in samples[-edge:]) < peak / 4  # and fades out
    assert peak > 5000


@pytest.mark.parametrize("name", list(CueName))
def test_every_tone_is_at_its_pitch(name: CueName) -> None:
    first_freq, first_len = NOTES[name][0][0][0], NOTES[name][0][1]
    head = built_in(name).samples[:int(first_len * RATE)]
    every_pitch = sorted({f for notes in NOTES.values() for freqs, _ in notes for f in freqs})
    assert strongest(head, every_pitch) == first_freq


def test_a_tone_has_its_length() -> None:
    assert tone((440.0,), 0.25).seconds == pytest.approx(0.25, abs=1 / RATE)


def test_users_own_sounds_replace_the_built_in_ones(tmp_path: Path) -> None:
    write_wav(tmp_path / "pip.wav", tone((300.0,), 0.3))
    with wave.open(str(tmp_path / "work.wav"), "wb") as stereo:  # stereo at 44.1 kHz
        stereo.setnchannels(2)
        stereo.setsampwidth(2)
        stereo.setframerate(44100)
        mono = tone((500.0,), 0.2).samples
        frames = bytearray()
        for s in mono:
            frames += s.to_bytes(2, "little", signed=True) * 4  # 2 channels, 2x the rate
        stereo.writeframes(bytes(frames))
    (tmp_path / "rest.wav").write_bytes(b"RIFF garbage")
    tones, problems = load_tones(tmp_path)
    assert tones[CueName.PIP].seconds == pytest.approx(0.3, abs=0.001)
    assert tones[CueName.WORK].seconds == pytest.approx(0.2, abs=0.01)
    assert power(tones[CueName.WORK].samples, 500) > 10 * power(tones[CueName.WORK].samples, 900)
    assert tones[CueName.REST] == built_in(CueName.REST)
    assert len(problems) == 1
    assert f"custom sound {tmp_path / 'rest.wav'} cannot be used" in problems[0]
    assert "built-in sound plays instead" in problems[0]


def test_unusable_wav_files_say_why(tmp_path: Path) -> None:
    path = tmp_path / "x.wav"
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(1)
        wav.setframerate(8000)
        wav.writeframes(b"\x80" * 100)
    with pytest.raises(ValueError, match="8-bit samples"):
        read_wav(path)


def test_trimming_keeps_only_what_is_heard() -> None:
    padded = Sound(tone((440.0,), 0.5).samples)
    quiet = Sound(padded.samples.__class__("h", bytes(2 * RATE)))
    joined = quiet.then(padded, gap=0).then(quiet, gap=0)
    assert trimmed(joined).seconds == pytest.approx(0.54, abs=0.03)


def test_speech_is_rendered_once_and_cached(tmp_path: Path) -> None:
    speaker = Speaker(tmp_path / "cache")
    if not speaker.available:
        pytest.skip("espeak-ng is not installed")
    words = speaker.say("Next: frog stretch.")
    assert words is not None and 0.5 < words.seconds < 3
    assert power(words.samples, 200) + power(words.samples, 400) > 0
    assert len(list((tmp_path / "cache").glob("*.wav"))) == 1
    again = Speaker(tmp_path / "cache", engine="/nonexistent/espeak-ng")
    assert again.say("Next: frog stretch.") == words  # from the cache, no engine run


@given(quiet_before=st.lists(st.integers(-300, 300), max_size=30),
       middle=st.lists(st.integers(-32768, 32767), max_size=30),
       quiet_after=st.lists(st.integers(-300, 300), max_size=30))
def test_trimming_keeps_from_the_first_loud_sample_to_the_last(
        quiet_before: list[int], middle: list[int], quiet_after: list[int]) -> None:
    samples = array("h", quiet_before + middle + quiet_after)
    loud = [i for i, sample in enumerate(samples) if abs(sample) > 300]
    margin = int(0.02 * RATE)
    kept = samples[max(0, loud[0] - margin):loud[-1] + margin] if loud else array("h")
    assert trimmed(Sound(samples)).samples == kept


def test_what_was_made_before_is_found_without_running_the_engine(tmp_path: Path) -> None:
    made = Speaker(tmp_path / "cache")
    if not made.available:
        pytest.skip("espeak-ng is not installed")
    words = made.say("Rest.")
    broken = Speaker(tmp_path / "cache", engine="/bin/false")  # fails whenever it runs
    assert broken.cached("Rest.") == words
    assert broken.cached("Switch sides.") is None and broken.problem is None  # not run


def test_no_speech_engine_means_tones_only_and_says_so(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # nowhere to find espeak-ng
    speaker = Speaker(tmp_path)
    assert not speaker.available and speaker.say("Rest.") is None
    assert speaker.problem == ("espeak-ng is not installed, so cues are tones only; install "
                               "it for spoken announcements")


def test_a_failing_speech_engine_is_reported(tmp_path: Path) -> None:
    speaker = Speaker(tmp_path, engine="/bin/false")
    assert speaker.say("Rest.") is None
    assert speaker.problem is not None and "spoken announcements are off" in speaker.problem


@given(samples=st.lists(st.integers(-32768, 32767), max_size=200),
       volume=st.floats(0.0, 1.0, allow_nan=False))
def test_a_quieter_sound_is_every_sample_scaled_towards_silence(samples: list[int],
                                                                 volume: float) -> None:
    quieter = Sound(array("h", samples)).scaled(volume).samples
    assert list(quieter) == [int(s * volume) for s in samples]


@given(first=st.lists(st.integers(-100, 100), max_size=50),
       second=st.lists(st.integers(-100, 100), max_size=50),
       gap=st.floats(0.0, 0.5, allow_nan=False))
def test_a_joined_sound_lasts_as_long_as_said_before_it_is_joined(
        first: list[int], second: list[int], gap: float) -> None:
    a, b = Sound(array("h", first)), Sound(array("h", second))
    assert a.then(b, gap).seconds == a.then_length(b, gap)


def test_a_stuck_speech_engine_is_given_up_and_reported_once(tmp_path: Path) -> None:
    stuck = tmp_path / "espeak-ng"
    stuck.write_text("#!/bin/sh\nexec sleep 60\n")
    stuck.chmod(0o755)
    speaker = Speaker(tmp_path / "cache", engine=str(stuck), timeout=0.2)
    assert speaker.say("Rest.") is None
    assert speaker.problem is not None and "timed out" in speaker.problem
    assert not speaker.available  # the next words are tones at once, not another wait
