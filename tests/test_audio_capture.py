"""A real session through the player process and ALSA, captured stream by stream and heard."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from hiptimer.cues.names import CueName
from hiptimer.cues.sound_library import CHOICE_VARIABLE, SoundLibrary
from hiptimer.cues.tones import NOTES

from .support.alsa_capture import capture_home, streams
from .support.audio import power, strongest

ROUTINE = """\
name: Listen
defaults: {prepare: 4s, switch: 2s}
exercises:
  - {name: Frog, hold: 3s, sides: both}
  - {name: Lift, reps: 2, tempo: 1s}
"""
PITCHES = sorted({f for notes in NOTES.values() for freqs, _ in notes for f in freqs})


def first_note(name: str) -> tuple[float, ...]:
    return NOTES[CueName(name)][0][0]


@pytest.fixture(scope="module", params=list(SoundLibrary), ids=lambda library: library.value)
def captured(request: pytest.FixtureRequest,
             tmp_path_factory: pytest.TempPathFactory) -> tuple[list[dict[str, object]], Path]:
    """One session heard through each sound library: miniaudio, and the simpleaudio extra."""
    library: SoundLibrary = request.param
    pytest.importorskip(library.value)
    folder = tmp_path_factory.mktemp("capture")
    home = capture_home(folder)
    routine = folder / "listen.yaml"
    routine.write_text(ROUTINE)
    events = folder / "events.jsonl"
    env = {**os.environ, "HOME": str(home), "HIPTIMER_DATA_DIR": str(folder / "data"),
           CHOICE_VARIABLE: library.value}
    subprocess.run([sys.executable, "-m", "hiptimer", "run", "--no-gui", str(routine),
                    "--events", str(events)], env=env, check=True, timeout=120,
                   stdin=subprocess.DEVNULL, capture_output=True)
    lines = [json.loads(line) for line in events.read_text().splitlines()]
    return lines, folder


def test_every_cue_is_one_stream_in_order(captured: tuple[list[dict[str, object]], Path]) -> None:
    lines, folder = captured
    cues = [line for line in lines if line["event"] == "cue"]
    heard = streams(folder)
    assert [c["name"] for c in cues][:3] == ["get_ready", "pip", "pip"]
    assert cues[-1]["name"] == "finished"
    assert len(heard) == len(cues)
    for cue, stream in zip(cues, heard, strict=True):
        opening = stream.samples[:int(0.05 * 22050)]
        assert strongest(opening, PITCHES) in first_note(str(cue["name"])), cue


def test_announcements_carry_speech_once_it_is_made(
        captured: tuple[list[dict[str, object]], Path]) -> None:
    """The speech cache starts empty, as on a first start: the first phase starts at once
    with its tone alone (its words were not made yet), and the next announcement, made
    meanwhile, carries speech."""
    lines, folder = captured
    cues = [line for line in lines if line["event"] == "cue"]
    heard = streams(folder)
    get_ready = [s for c, s in zip(cues, heard, strict=True) if c["name"] == "get_ready"]
    assert len(get_ready) == 2
    first, later = get_ready
    assert len(first.samples) < 0.5 * 22050, "the first phase waited for its words"
    for stream in [later]:
        words = stream.samples[int(0.5 * 22050):]  # after the tone
        assert len(words) > 0.25 * 22050, "no words after the get-ready tone"
        speech_band = sum(power(words, f) for f in (150, 250, 400, 600, 900))
        assert speech_band > 1000
    pips = [s for c, s in zip(cues, heard, strict=True) if c["name"] == "pip"]
    assert all(len(s.samples) < 0.2 * 22050 for s in pips)  # tones only: no words


def test_nothing_heard_overlaps(captured: tuple[list[dict[str, object]], Path]) -> None:
    _, folder = captured
    heard = streams(folder)
    for stream, following in itertools.pairwise(heard):
        assert stream.began + len(stream.samples) / 22050 <= following.began + 0.02
