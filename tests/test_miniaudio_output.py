"""Sound through miniaudio plays each sound whole, on a stream that closes once it is heard,
and the next sound's stream is opened ahead, so that a cue only has to start it.

The library here is a stand-in whose device hands out what it is given only when the test
asks, as miniaudio's own thread would; the real library is heard through ALSA in
test_audio_capture.py and crashed in test_sound_crash.py.
"""

from __future__ import annotations

import sys
from enum import Enum
from types import SimpleNamespace
from typing import Any

import pytest

from hiptimer.cues.miniaudio_output import PERIOD_MS, PERIODS, MiniaudioOutput
from hiptimer.cues.player_process import Player
from hiptimer.cues.sound import RATE

from .support.processes import until

FRAMES = RATE * PERIOD_MS // 1000
SOUND = bytes(range(256)) * 10  # 1,280 frames of 16-bit mono


class Format(Enum):
    SIGNED16 = 2
    UNSIGNED8 = 1


class Backend(Enum):
    ALSA = 1


class DeviceError(Exception):
    pass


def stand_in_library() -> Any:
    library = SimpleNamespace(SampleFormat=Format, Backend=Backend, devices=[], contexts=0,
                              broken=False)

    class PlaybackDevice:
        def __init__(self, *, output_format: Format, nchannels: int, sample_rate: int,
                     buffersize_msec: int, callback_periods: int,
                     backends: list[Backend]) -> None:
            self.settings = (output_format, nchannels, sample_rate, buffersize_msec,
                             callback_periods, backends)
            self.context = self._make_context(backends)
            if library.broken:
                raise DeviceError("failed to init device")
            self.samples: Any = None
            self.heard = bytearray()
            self.closed = False
            self.gone_bad = False
            library.devices.append(self)

        def _make_context(self, backends: list[Backend]) -> object:
            library.contexts += 1
            return object()

        def start(self, samples: Any) -> None:
            if self.gone_bad:
                raise DeviceError("failed to start audio device")
            self.samples = samples

        def ask(self, frames: int = FRAMES) -> bytes | None:
            """What the device's thread does each period: ``None`` once the sound is over."""
            if self.closed:
                return None
            try:
                chunk: bytes = self.samples.send(frames)
            except StopIteration:
                return None
            self.heard += chunk
            return chunk

        def close(self) -> None:
            assert not self.closed, "closed twice"
            self.closed = True

    library.PlaybackDevice = PlaybackDevice
    return library


def started(library: Any) -> list[Any]:
    return [device for device in library.devices if device.samples is not None]


def ready(library: Any) -> list[Any]:
    """Streams opened ahead: open, not started."""
    return [device for device in library.devices
            if device.samples is None and not device.closed]


def played_through(library: Any, output: MiniaudioOutput, data: bytes) -> None:
    """Plays ``data`` and lets the device take all of it, as its thread would."""
    playback = output.play_buffer(data, 1, 2, RATE)
    device = started(library)[-1]
    while device.ask() is not None:
        pass
    playback.wait_done()


def test_a_sound_is_heard_whole_then_its_stream_closes_by_itself() -> None:
    library = stand_in_library()
    playback = MiniaudioOutput(library).play_buffer(SOUND, 1, 2, RATE)
    [device] = started(library)
    assert device.settings == (Format.SIGNED16, 1, RATE, PERIOD_MS, PERIODS, [Backend.ALSA])
    assert playback.is_playing()
    while device.ask() is not None:
        pass
    silence = bytes(PERIODS * FRAMES * 2)
    assert bytes(device.heard) == SOUND + silence, "the whole sound, then a buffer of silence"
    until(lambda: device.closed)
    assert not playback.is_playing()
    playback.wait_done()  # returns at once: it is over


@pytest.mark.parametrize(("platform", "backends"), [("linux", [Backend.ALSA]), ("darwin", [])])
def test_linux_plays_through_alsa_and_elsewhere_the_systems_own_sound(
        platform: str, backends: list[Backend]) -> None:
    library = stand_in_library()
    MiniaudioOutput(library, platform=platform).play_buffer(SOUND, 1, 2, RATE).stop()
    assert started(library)[0].settings[-1] == backends


def test_the_next_sounds_stream_is_opened_ahead_and_only_started_by_the_cue() -> None:
    library = stand_in_library()
    output = MiniaudioOutput(library)
    playback = output.play_buffer(SOUND, 1, 2, RATE)
    until(lambda: len(ready(library)) == 1)  # opened while the first sound plays
    [ahead] = ready(library)
    playback.stop()
    until(lambda: started(library)[0].closed)
    opened = len(library.devices)
    second = output.play_buffer(SOUND, 1, 2, RATE)
    assert started(library)[-1] is ahead
    assert len(library.devices) - opened <= 1, "at most the stream for the sound after"
    assert ahead.ask() == SOUND[:FRAMES * 2]
    second.stop()
    assert library.contexts == 1


def test_a_stream_opened_ahead_is_closed_when_no_sound_comes() -> None:
    library = stand_in_library()
    output = MiniaudioOutput(library, spare_for=0.0)
    played_through(library, output, SOUND[:64])
    until(lambda: not ready(library) and all(d.closed for d in library.devices))


def test_a_stream_opened_ahead_that_went_bad_gives_way_to_a_new_one() -> None:
    library = stand_in_library()
    output = MiniaudioOutput(library)
    played_through(library, output, SOUND[:64])
    until(lambda: len(ready(library)) == 1)
    [ahead] = ready(library)
    ahead.gone_bad = True  # the headphones it was opened on were unplugged
    playback = output.play_buffer(SOUND, 1, 2, RATE)
    fresh = started(library)[-1]
    assert ahead.closed and fresh is not ahead and playback.is_playing()
    assert fresh.ask() == SOUND[:FRAMES * 2]
    playback.stop()


def test_stopping_ends_the_sound_at_once_and_closes_its_stream() -> None:
    library = stand_in_library()
    playback = MiniaudioOutput(library).play_buffer(SOUND, 1, 2, RATE)
    [device] = started(library)
    device.ask()
    playback.stop()
    assert not playback.is_playing()
    assert device.ask() is None, "nothing more of the sound once stopped"
    assert bytes(device.heard) == SOUND[:FRAMES * 2], "one period heard, then nothing"
    until(lambda: device.closed)


def test_each_sound_plays_on_a_stream_of_its_own_on_one_context() -> None:
    library = stand_in_library()
    output = MiniaudioOutput(library)
    player = Player(output, sys.stdout)
    player.sounds = {b"a": SOUND, b"b": SOUND[:64]}
    player.play(b"a")
    player.play(b"b")  # the first is cut off for the second, as with simpleaudio
    first, second = started(library)
    until(lambda: first.closed)
    assert not second.closed and second.ask() == SOUND[:64]
    assert library.contexts == 1
    player.playing.stop()


def test_a_device_that_cannot_open_is_reported_and_tried_again(
        capsys: pytest.CaptureFixture[str]) -> None:
    library = stand_in_library()
    library.broken = True
    player = Player(MiniaudioOutput(library), sys.stdout)
    player.sounds = {b"a": SOUND}
    player.play(b"a")
    player.play(b"a")
    assert capsys.readouterr().out == "problem failed to init device\n"
    library.broken = False
    player.play(b"a")
    assert capsys.readouterr().out == "working\n"
    assert len(started(library)) == 1
    player.playing.stop()
