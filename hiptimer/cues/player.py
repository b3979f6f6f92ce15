"""Where cue sounds go: the sound card through simpleaudio, or nowhere.

Playback never runs on the timer's thread: ``play`` hands the sound to a worker thread and
returns at once. A missing or vanished sound device is reported once; the session goes on
silently and playback is simply tried again at the next cue.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import queue
import sys
import threading
from collections.abc import Callable
from typing import Any, Protocol

from hiptimer.cues.sound import RATE, Sound


class AudioSink(Protocol):
    def play(self, sound: Sound) -> None:
        """Start ``sound`` now, stopping whatever this sink is still playing."""

    def close(self) -> None: ...


# ALSA prints several lines to stderr for every failed open; hiptimer reports the problem
# once in words of its own instead. The handler must outlive every call into ALSA.
_ALSA_HANDLER = ctypes.CFUNCTYPE(None, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                                 ctypes.c_int, ctypes.c_char_p)
_quiet_handler = _ALSA_HANDLER(lambda *args: None)


def quiet_alsa() -> None:
    """Silence ALSA's own error printing (Linux only; elsewhere there is nothing to do)."""
    if not sys.platform.startswith("linux"):
        return
    name = ctypes.util.find_library("asound")
    if name is None:
        return
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(name).snd_lib_error_set_handler(_quiet_handler)


class SilentSink:
    """For --mute: every cue is decided and logged, none is heard."""

    def play(self, sound: Sound) -> None:
        pass

    def close(self) -> None:
        pass


class SimpleaudioSink:
    def __init__(self, on_problem: Callable[[str], None], backend: Any = None) -> None:
        """``backend`` stands in for the simpleaudio module (tests pass a fake)."""
        self._on_problem = on_problem
        self._backend = backend
        self._queue: queue.SimpleQueue[Sound | None] = queue.SimpleQueue()
        self._failing = False
        self._thread = threading.Thread(target=self._work, name="hiptimer-audio", daemon=True)
        self._thread.start()

    def play(self, sound: Sound) -> None:
        self._queue.put(sound)

    def close(self) -> None:
        self._queue.put(None)
        self._thread.join(timeout=2)

    def _work(self) -> None:
        playing: Any = None
        backend: Any = self._backend
        quiet_alsa()
        while (sound := self._queue.get()) is not None:
            try:
                if backend is None:
                    import simpleaudio

                    backend = simpleaudio
                if playing is not None and playing.is_playing():
                    playing.stop()
                playing = backend.play_buffer(sound.to_bytes(), 1, 2, RATE)
            except Exception as exc:  # the device's error types vary; all mean "no sound now"
                playing = None
                if not self._failing:
                    self._failing = True
                    self._on_problem(f"no sound: {exc or type(exc).__name__}. The session "
                                     "goes on silently; sound is tried again at every cue")
            else:
                if self._failing:
                    self._failing = False
                    self._on_problem("sound is working again")
        if playing is not None and playing.is_playing():
            playing.wait_done()
