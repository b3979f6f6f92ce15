"""The sound player's own process: the only place hiptimer calls into the sound library.

The sound library (miniaudio, or simpleaudio: ``sound_library`` says which and why) and
the ALSA plugins under it are native code, and native code can kill the process it runs
in. So they run here, in a child process that the app feeds over a pipe: each sound's
samples cross the pipe once, under a short key, and from then on a cue is a one-line
``play KEY``. If this process dies, the app loses sound, never the session.

Run as ``python -m hiptimer.cues.player_process PARENT_PID``. The protocol, one command a
line on standard input:

- ``load KEY SIZE`` followed by SIZE bytes: 16-bit mono samples at ``RATE``, kept as KEY.
- ``play KEY``: stop what is playing and start KEY now.
- ``clear``: forget every loaded sound (the app keeps the memory bounded this way).
- ``ping NUMBER``: answer ``pong NUMBER`` at once: the app's way to know this process still
  takes what it is sent (a stopped one, or one hung in the sound library, does not).
- ``quit``: let the current sound finish, then exit. End of input means the same.

On standard output it writes one line for each change a person should hear of:
``problem TEXT`` when playing fails, ``working`` when it plays again after that; and the
answers to pings.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import signal
import sys
from enum import IntEnum
from typing import IO, Any

from hiptimer.cues.sound import RATE
from hiptimer.cues.sound_library import NoLibrary, load_output


class ExitCode(IntEnum):
    DONE = 0
    NO_LIBRARY = 3
    """The sound library cannot be imported: starting this process again would not help."""
    ORPHANED = 4
    BAD_INPUT = 5


LOAD, PLAY, CLEAR, PING, QUIT = b"load", b"play", b"clear", b"ping", b"quit"
PROBLEM, WORKING, PONG = "problem", "working", "pong"

# ALSA prints several lines to stderr for every failed open; the app reports the problem
# once in words of its own instead. The handler must outlive every call into ALSA.
_ALSA_HANDLER = ctypes.CFUNCTYPE(None, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p,
                                 ctypes.c_int, ctypes.c_char_p)
_quiet_handler = _ALSA_HANDLER(lambda *args: None)
_PR_SET_PDEATHSIG = 1


def quiet_alsa() -> None:
    """Silence ALSA's own error printing (Linux only; elsewhere there is nothing to do)."""
    if not sys.platform.startswith("linux"):
        return
    name = ctypes.util.find_library("asound")
    if name is None:
        return
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(name).snd_lib_error_set_handler(_quiet_handler)


def die_with(parent: int) -> bool:
    """Ask the kernel to kill this process when its parent dies; ``False`` if it already has.

    Reading end of input also ends the player, but not while it is stuck in native code.
    """
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    return os.getppid() == parent


class Player:
    """Plays loaded sounds through ``backend``: what ``sound_library`` loaded, or a test's fake."""

    def __init__(self, backend: Any, report: IO[str]) -> None:
        self.backend = backend
        self.report = report
        self.sounds: dict[bytes, bytes] = {}
        self.playing: Any = None
        self.failing = False

    def serve(self, commands: IO[bytes]) -> ExitCode:
        while line := commands.readline():
            word, _, rest = line.strip().partition(b" ")
            if word == LOAD:
                key, _, size = rest.partition(b" ")
                data = commands.read(int(size))
                if len(data) != int(size):
                    return ExitCode.BAD_INPUT
                self.sounds[key] = data
            elif word == PLAY:
                self.play(rest)
            elif word == CLEAR:
                self.sounds.clear()
            elif word == PING and rest.isdigit():
                self.say(f"{PONG} {rest.decode()}")
            elif word == QUIT:
                break
            else:
                return ExitCode.BAD_INPUT
        self.finish()
        return ExitCode.DONE

    def play(self, key: bytes) -> None:
        data = self.sounds.get(key)
        if data is None:
            return
        try:
            if self.playing is not None and self.playing.is_playing():
                self.playing.stop()
            self.playing = self.backend.play_buffer(data, 1, 2, RATE)
        except Exception as exc:  # the device's error types vary; all mean "no sound now"
            self.playing = None
            if not self.failing:
                self.failing = True
                self.say(f"{PROBLEM} {exc or type(exc).__name__}")
        else:
            if self.failing:
                self.failing = False
                self.say(WORKING)

    def finish(self) -> None:
        with contextlib.suppress(Exception):
            if self.playing is not None and self.playing.is_playing():
                self.playing.wait_done()

    def say(self, line: str) -> None:
        self.report.write(" ".join(line.split()) + "\n")
        self.report.flush()


def main(argv: list[str]) -> int:
    # Ctrl+C, Ctrl+\ and a closed terminal signal the whole process group: the app decides
    # when sound ends, and the kernel ends this process if the app dies.
    for stop in (signal.SIGINT, signal.SIGQUIT, signal.SIGHUP):
        signal.signal(stop, signal.SIG_IGN)
    if len(argv) != 1 or not argv[0].isdigit() or not die_with(int(argv[0])):
        return ExitCode.ORPHANED
    report = sys.stdout
    quiet_alsa()
    try:
        output = load_output(os.environ)
    except NoLibrary as missing:
        report.write(f"{PROBLEM} {' '.join(str(missing).split())}\n")
        report.flush()
        return ExitCode.NO_LIBRARY
    return Player(output, report).serve(sys.stdin.buffer)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
