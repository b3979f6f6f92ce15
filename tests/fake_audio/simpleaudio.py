"""A stand-in for the simpleaudio module, imported by a player process under test.

Put this folder first on the player's PYTHONPATH and choose it with
``HIPTIMER_SOUND_LIBRARY=simpleaudio``. What it does is set by the environment,
since it runs in the player's own process:

- ``FAKE_AUDIO_LOG``: a file that gets a line ``play SIZE FIRST-BYTES`` for each sound played,
  and ``fail SIZE`` for each that failed.
- ``FAKE_AUDIO_CRASH_AT``: the process kills itself with SIGSEGV at this play (1 = the first).
- ``FAKE_AUDIO_BROKEN``: a file; while it exists, every play fails as a missing device does.
- ``FAKE_AUDIO_MISSING``: set, and importing this module fails, as with no library installed.
"""

from __future__ import annotations

import os
import signal
from pathlib import Path

if os.environ.get("FAKE_AUDIO_MISSING"):
    raise ImportError("No module named 'simpleaudio'")

_plays = 0


class PlayObject:
    def is_playing(self) -> bool:
        return False

    def stop(self) -> None:
        pass

    def wait_done(self) -> None:
        pass


def play_buffer(data: bytes, channels: int, width: int, rate: int) -> PlayObject:
    global _plays
    _plays += 1
    broken = os.environ.get("FAKE_AUDIO_BROKEN")
    if broken and Path(broken).exists():
        _log(f"fail {len(data)}")
        raise RuntimeError("Error opening PCM device")
    if str(_plays) == os.environ.get("FAKE_AUDIO_CRASH_AT"):
        os.kill(os.getpid(), signal.SIGSEGV)
    _log(f"play {len(data)} {data[:8].hex()}")
    return PlayObject()


def _log(line: str) -> None:
    log = os.environ.get("FAKE_AUDIO_LOG")
    if log:
        with open(log, "a", encoding="ascii") as out:
            out.write(line + "\n")
