"""Sound through miniaudio: a stream of its own for each sound on ALSA's default device.

miniaudio is published as wheels for every Python hiptimer supports, so an install compiles
nothing. It is driven much as simpleaudio was: each sound plays on a stream of its own on
ALSA's default device (on a desktop that is PipeWire or PulseAudio, as for any ALSA
program), closed once its last sample has left the device's buffer. Opening a stream costs
miniaudio several milliseconds (it opens the device twice, once to learn its name), so the
next sound's stream is opened ahead, at the start and while each sound plays, and kept
ready, not started, for at most ``SPARE_FOR`` seconds: a cue then only starts it. One
miniaudio context, made at the first stream, serves the whole player process. Runs only in
the player process.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Generator
from typing import Any

PERIOD_MS = 20
"""The device asks for samples this often: short, so a sound's end is known soon after."""
PERIODS = 3
"""Periods in the device's buffer; silence this long follows a sound before its stream closes."""
WAIT_FOR_CLOSE = 2.0
"""Seconds past a sound's length after which its stream is closed, heard out or not."""
SPARE_FOR = 60.0
"""Seconds a stream opened ahead waits for a sound before it is closed: a session's cues
come closer together than this, and an idle app keeps no stream open for long."""

Format = tuple[int, int, int]
"""Channels, bytes a sample and samples a second."""


class MiniaudioOutput:
    """``play_buffer`` as simpleaudio has it, played through ``library`` (the miniaudio
    module, or a test's stand-in)."""

    def __init__(self, library: Any, spare_for: float = SPARE_FOR,
                 platform: str = sys.platform) -> None:
        self._library = library
        self._spare_for = spare_for
        # ALSA's default device on Linux, as simpleaudio played (miniaudio would try a
        # PulseAudio server first); elsewhere the system's own, in miniaudio's order.
        self._backends = [library.Backend.ALSA] if platform.startswith("linux") else []
        self._context: Any = None
        self._device_lock = threading.Lock()
        """Held while a stream opens or closes, which happens on several threads here."""
        self._spare_lock = threading.Lock()
        """Held while the stream opened ahead is put aside or taken: never for long."""
        self._device_class = self._make_device_class()
        self._spare: tuple[Format, Any] | None = None
        self._spare_expiry: threading.Timer | None = None

    def play_buffer(self, data: bytes, channels: int, width: int, rate: int) -> Playback:
        sound_format = (channels, width, rate)
        device = self._take_spare(sound_format)
        if device is not None:
            try:
                return self._start(device, data, sound_format)
            except Exception:
                # It went bad while it waited (a device unplugged); its closing opened
                # another ahead, if the device can be opened at all.
                device = self._take_spare(sound_format)
        if device is None:
            with self._device_lock:
                device = self._open(sound_format)
        return self._start(device, data, sound_format)

    def open_ahead(self, sound_format: Format) -> None:
        """Opens the next sound's stream now, unless one is ready: while a sound plays, as a
        cue may follow it closely, and once it has closed (a card that mixes nothing takes
        one stream at a time). A failure waits for the next sound to be told."""
        with self._device_lock:
            with self._spare_lock:
                if self._spare is not None:
                    return
            try:
                device = self._open(sound_format)
            except Exception:
                return
        if not self._put_aside((sound_format, device)):
            self._close_device(device)  # another was put aside meanwhile

    def _put_aside(self, spare: tuple[Format, Any]) -> bool:
        with self._spare_lock:
            if self._spare is not None:
                return False
            self._spare = spare
            self._spare_expiry = threading.Timer(self._spare_for, self._close_spare, (spare,))
            self._spare_expiry.daemon = True
            self._spare_expiry.start()
            return True

    def _start(self, device: Any, data: bytes, sound_format: Format) -> Playback:
        channels, width, rate = sound_format

        def ahead() -> None:
            self.open_ahead(sound_format)
        return Playback(device, data, channels * width, rate, self._close_device,
                        on_started=ahead, on_closed=ahead)

    def _open(self, sound_format: Format) -> Any:
        channels, width, rate = sound_format
        return self._device_class(
            output_format=self._library.SampleFormat.SIGNED16 if width == 2
            else self._library.SampleFormat.UNSIGNED8,
            nchannels=channels, sample_rate=rate, buffersize_msec=PERIOD_MS,
            callback_periods=PERIODS, backends=self._backends)

    def _close_device(self, device: Any, closing: threading.Event | None = None) -> None:
        """Closes ``device``; ``closing`` is set just before, once nothing can delay it."""
        with self._device_lock:
            if closing is not None:
                closing.set()
            device.close()

    def _take_spare(self, sound_format: Format) -> Any:
        """The stream opened ahead, if it suits; one that does not is closed."""
        with self._spare_lock:
            spare, self._spare = self._spare, None
            if self._spare_expiry is not None:
                self._spare_expiry.cancel()
                self._spare_expiry = None
        if spare is None:
            return None
        spare_format, device = spare
        if spare_format == sound_format:
            return device
        self._close_device(device)
        return None

    def _close_spare(self, spare: tuple[Format, Any]) -> None:
        with self._spare_lock:
            if self._spare is not spare:
                return  # taken meanwhile
            self._spare = self._spare_expiry = None
        self._close_device(spare[1])

    def _make_device_class(self) -> Any:
        output = self

        class SharedContextDevice(self._library.PlaybackDevice):  # type: ignore[misc, name-defined]
            """A playback device on the output's one context, made once, not once a sound."""

            def _make_context(self, *args: Any, **kwargs: Any) -> Any:
                if output._context is None:
                    output._context = super()._make_context(*args, **kwargs)
                return output._context

        return SharedContextDevice


class Playback:
    """One sound on its own stream. A thread of its own has the next stream opened while it
    plays, and closes this one once the sound is out or stopped, so that neither holds up
    the next cue."""

    def __init__(self, device: Any, data: bytes, frame_size: int, rate: int,
                 close_device: Callable[[Any, threading.Event], None],
                 on_started: Callable[[], None],
                 on_closed: Callable[[], None]) -> None:
        self._device = device
        self._data = data
        self._frame_size = frame_size
        self._lasts = len(data) / frame_size / rate + PERIODS * PERIOD_MS / 1000
        self._close_device = close_device
        self._on_started = on_started
        self._on_closed = on_closed
        self._released = threading.Event()
        """The sound is over or stopped: its stream may close."""
        self._closing = threading.Event()
        """The stream is closing now: the device's thread may let go."""
        self._close_once = threading.Lock()
        self._closed = False
        samples = self._samples()
        next(samples)
        try:
            device.start(samples)
        except BaseException:
            self._released.set()
            self._close()
            raise
        threading.Thread(target=self._close_when_over, name="sound stream",
                         daemon=True).start()

    def is_playing(self) -> bool:
        return not self._released.is_set()

    def stop(self) -> None:
        """Ends the sound now; its stream closes on the stream's own thread, meanwhile."""
        self._released.set()

    def wait_done(self) -> None:
        self._released.wait(self._lasts + WAIT_FOR_CLOSE)
        self._released.set()
        self._close()

    def _samples(self) -> Generator[bytes, int, None]:
        """What the device's own thread asks for, ``frames`` at a time: the sound, then a
        buffer of silence so that all of it is heard; nothing once stopped.

        At the end it waits for the stream to be closing, so that a device that takes
        samples faster than it plays them (a capture, ALSA's null device) is not run on in
        the meantime, asking and asking for more."""
        frames = yield b""
        sent = 0
        while sent < len(self._data) and not self._released.is_set():
            chunk = self._data[sent:sent + frames * self._frame_size]
            sent += len(chunk)
            frames = yield chunk
        if not self._released.is_set():
            for _ in range(PERIODS):
                frames = yield bytes(frames * self._frame_size)
        self._released.set()
        self._closing.wait(self._lasts + WAIT_FOR_CLOSE)

    def _close_when_over(self) -> None:
        self._on_started()
        self._released.wait(self._lasts + WAIT_FOR_CLOSE)
        self._close()

    def _close(self) -> None:
        with self._close_once:
            if self._closed:
                return
            self._closed = True
        self._close_device(self._device, self._closing)
        self._on_closed()
