"""Where cue sounds go: a player process of their own, or nowhere.

The sound library is native code that can crash whatever process it runs in, so it never
runs in the app's: ``ProcessSink`` starts ``hiptimer.cues.player_process`` and feeds it
over a pipe. ``play`` never waits: it hands the sound to a feeder thread and returns, so
the timer is never held up by sound. If the player dies, the session goes on silently,
the problem is reported once, and a new player is started after a pause that grows while
players keep dying. The player ends with the app and never outlives it.

Every request is followed by a ping the player answers at once, and nothing written to it
may take long: a player that has not answered within ``ANSWER_WITHIN`` (SIGSTOPped, or
hung in the sound library) is reported once, ended (SIGKILL ends even a stopped process)
and replaced as a dead one is. Closing gives a player ``QUIT_WITHIN`` to take its last
words, so a stuck one never holds up the app's exit.

Problems are told as ``Notice`` values: a sentence for the person on the floor, who needs
to know only that the session goes on, with the exception or exit status kept apart.
"""

from __future__ import annotations

import contextlib
import hashlib
import math
import os
import queue
import select
import signal
import subprocess
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import IO, Protocol

from hiptimer.base.notice import Notice
from hiptimer.base.translation import N_, _
from hiptimer.cues.player_process import (
    CLEAR,
    LOAD,
    PING,
    PLAY,
    PONG,
    PROBLEM,
    QUIT,
    WORKING,
    ExitCode,
)
from hiptimer.cues.sound import Sound

PLAYER = (sys.executable, "-m", "hiptimer.cues.player_process")
"""The player's command line; the app's process id is added to it."""


class AudioSink(Protocol):
    def play(self, sound: Sound) -> None:
        """Start ``sound`` now, stopping whatever this sink is still playing."""

    def close(self) -> None: ...


class SilentSink:
    """For --mute: every cue is decided and logged, none is heard."""

    def play(self, sound: Sound) -> None:
        pass

    def close(self) -> None:
        pass


@dataclass(frozen=True)
class Backoff:
    """How long to wait before starting a player again, after ``deaths`` deaths in a row."""

    first: float = 0.5
    longest: float = 60.0
    stable: float = 60.0
    """A player that ran this long before dying starts the count again."""

    def delay(self, deaths: int) -> float:
        return min(self.longest, self.first * 2.0 ** max(0, deaths - 1))


@dataclass(frozen=True)
class _Died:
    process: subprocess.Popen[bytes]


class _Flush(threading.Event):
    """Set once everything handed over before it has been sent."""


def sound_key(sound: Sound) -> str:
    """Names a sound by its content, so each one crosses the pipe once."""
    return hashlib.blake2b(sound.samples, digest_size=12).hexdigest()


def how_it_ended(code: int) -> str:
    if code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit status {code}"


ANSWER_WITHIN = 2.0
"""Seconds a player may take to answer what it was sent before it is taken as stuck (a
stopped process, or one hung in the sound library): it is ended and the session goes on."""
QUIT_WITHIN = 0.5
"""Seconds ``close`` waits for a player to take its last words before ending it."""

LIBRARY_MISSING = "the sound library "
"""How the player's problem line begins when it cannot load the sound library at all."""

SOUND_WORKS_AGAIN = N_("Sound is working again.")
"""Told once sound plays again after a problem (translated where it is told)."""


class SoundTrouble(Enum):
    """Why nothing can be heard now, as a sink has learnt it."""

    NO_DEVICE = "no device"
    """The last sound failed to play: no device, or a busy one. Tried again at each sound."""
    NO_LIBRARY = "no library"
    """The sound library is missing: nothing will play until hiptimer is mended."""
    CANNOT_START = "cannot start"
    """The player process could not be started at all."""
    PLAYER_DIED = "player died"
    """The player process ended; a new one starts after a pause."""


def cannot_start(error: OSError) -> Notice:
    """The player process could not even be started (no interpreter, no memory...)."""
    return Notice(_("Sound cannot play on this computer; the session goes on silently."),
                  f"The sound player could not be started: {error}.")


def player_died(code: int) -> Notice:
    """The player process ended on its own, most often by crashing in native sound code."""
    return Notice(_("The sound stopped working; the session goes on silently."),
                  f"The sound player ended: {how_it_ended(code)}. A new one starts after a "
                  "pause.")


def player_stuck(within: float) -> Notice:
    """The player process stopped taking what it is sent: stopped, or hung in native code."""
    return Notice(_("The sound stopped answering; the session goes on silently."),
                  f"The sound player did not answer within {within:g} s and was ended. A "
                  "new one starts after a pause.")


def cannot_play(problem: str) -> Notice:
    """The player runs but cannot play: the device is missing or busy, or no library."""
    detail = problem[:1].upper() + problem[1:]
    if problem.startswith(LIBRARY_MISSING):
        return Notice(_("Sound cannot play because a part of hiptimer is missing; the "
                        "session goes on silently."), f"{detail}.")
    return Notice(_("No working sound device was found; the session goes on silently."),
                  f"{detail}. Sound is tried again at every cue.")


class ProcessSink:
    """Plays through a player process, started now and again whenever it has died.

    ``on_problem`` hears of each problem once, as a ``Notice`` (called from this sink's
    threads), and of sound working again after one.

    ``command`` replaces the player's command line (tests start fakes); ``clock`` times the
    pauses between restarts; ``linger`` is how long ``close`` lets the last sound finish;
    ``answer_within`` how long a player may take to answer before it is taken as stuck.
    """

    def __init__(self, on_problem: Callable[[str], None],
                 command: Sequence[str] = PLAYER, clock: Callable[[], float] = time.monotonic,
                 backoff: Backoff = Backoff(), linger: float = 3.0,
                 memory_limit: int = 48 * 2**20,
                 answer_within: float = ANSWER_WITHIN) -> None:
        self._on_problem = on_problem
        self._command = [*command, str(os.getpid())]
        self._clock = clock
        self._backoff = backoff
        self._linger = linger
        self._memory_limit = memory_limit
        self._answer_within = answer_within
        self._queue: queue.SimpleQueue[Sound | _Died | _Flush | None] = queue.SimpleQueue()
        self._process: subprocess.Popen[bytes] | None = None
        self._started_at = 0.0
        self._loaded: set[str] = set()
        self._loaded_bytes = 0
        self._deaths = 0
        self._restart_at = 0.0
        self._death_reported = False
        self._device_failing = False
        self._failing_for = SoundTrouble.NO_DEVICE
        self._given_up = False
        self._given_up_for: SoundTrouble | None = None
        self._asked = 0
        """Pings sent, numbered on from player to player (an old one's late answer is
        always below the new one's questions)."""
        self._answered = 0
        """The highest ping the running player answered (set by its reading thread)."""
        self._unanswered: deque[tuple[int, float]] = deque()
        """Pings not known to be answered, with when (``time.monotonic``) each is overdue."""
        self._answer_came = threading.Condition()
        self._closing_by = math.inf
        """Once ``close`` is called: when (``time.monotonic``) writing must give up."""
        self.players_started = 0
        """How many player processes this sink has started."""
        self._thread = threading.Thread(target=self._work, name="hiptimer-audio", daemon=True)
        self._thread.start()

    @property
    def pid(self) -> int | None:
        """The running player's process id, if one runs."""
        process = self._process
        return process.pid if process is not None and process.poll() is None else None

    @property
    def trouble(self) -> SoundTrouble | None:
        """Why nothing can be heard now, as far as this sink knows. A missing device is
        learnt only from a sound that failed, a moment after its ``play``."""
        if self._given_up:
            return self._given_up_for
        if self._process is None and self.players_started:
            return SoundTrouble.PLAYER_DIED
        return self._failing_for if self._device_failing else None

    @property
    def next_start(self) -> float | None:
        """While no player runs: when one may start again (on ``clock``), if ever."""
        if self._process is not None or self._given_up:
            return None
        return self._restart_at

    def play(self, sound: Sound) -> None:
        self._queue.put(sound)

    def flush(self, timeout: float = 5.0) -> bool:
        """Wait until everything handed over so far has reached the player (or was dropped)."""
        done = _Flush()
        self._queue.put(done)
        return done.wait(timeout)

    def close(self) -> None:
        """End the player: the last sound may finish (``linger``), but a player that does
        not take its last words within ``QUIT_WITHIN`` is ended at once."""
        self._closing_by = time.monotonic() + QUIT_WITHIN
        self._queue.put(None)
        self._thread.join(timeout=self._linger + QUIT_WITHIN + 1)
        process = self._process
        if process is not None and process.poll() is None:  # a player that hangs
            process.kill()
            self._thread.join(timeout=2)

    # Everything below runs on the feeder thread, except _read, which has one per player.
    def _work(self) -> None:
        self._start()
        while True:
            try:
                item = self._queue.get(timeout=self._wake_in())
            except queue.Empty:  # a player to start again, or an answer overdue
                self._check_answers()
                self._start_when_due()
                continue
            if item is None:
                break
            if isinstance(item, _Died):
                self._on_died(item.process)
                continue
            self._check_answers()
            self._start_when_due()
            if isinstance(item, _Flush):
                item.set()
            elif self._process is not None:
                self._send(self._process, item)
        self._stop()

    def _wake_in(self) -> float | None:
        """How long the feeder may sleep: until a player may start again, or until the
        oldest unanswered ping is overdue; for ever when neither is ahead."""
        if self._process is None:
            if self._given_up:
                return None
            return max(0.05, self._restart_at - self._clock())
        if self._unanswered:
            return max(0.0, self._unanswered[0][1] - time.monotonic()) + 0.01
        return None

    def _check_answers(self) -> None:
        """A player that let a ping go unanswered past its time is stuck."""
        while self._unanswered and self._unanswered[0][0] <= self._answered:
            self._unanswered.popleft()
        process = self._process
        if (process is not None and self._unanswered
                and self._unanswered[0][1] <= time.monotonic()):
            self._on_stuck(process)

    def _start_when_due(self) -> None:
        if self._process is None and not self._given_up and self._clock() >= self._restart_at:
            self._start()

    def _start(self) -> None:
        try:
            process = subprocess.Popen(self._command, stdin=subprocess.PIPE,
                                       stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        except OSError as exc:
            self._given_up_for = SoundTrouble.CANNOT_START
            self._given_up = True
            self._on_problem(cannot_start(exc))
            return
        assert process.stdin is not None and process.stdout is not None
        os.set_blocking(process.stdin.fileno(), False)  # written with a time limit
        self.players_started += 1
        self._process = process
        self._started_at = self._clock()
        self._loaded.clear()
        self._loaded_bytes = 0
        self._unanswered.clear()
        threading.Thread(target=self._read, args=(process, process.stdout),
                         name="hiptimer-audio-report", daemon=True).start()

    def _send(self, process: subprocess.Popen[bytes], sound: Sound) -> None:
        key = sound_key(sound)
        request = bytearray()
        if key not in self._loaded:
            data = sound.to_bytes()
            if self._loaded_bytes + len(data) > self._memory_limit:
                request += CLEAR + b"\n"
                self._loaded.clear()
                self._loaded_bytes = 0
            request += LOAD + f" {key} {len(data)}\n".encode() + data
            self._loaded.add(key)
            self._loaded_bytes += len(data)
        request += PLAY + f" {key}\n".encode()
        self._ask(process, bytes(request))

    def _ask(self, process: subprocess.Popen[bytes], request: bytes) -> int | None:
        """Write ``request`` and a ping after it; the ping's number, or ``None`` when the
        player has died or is stuck (and has been dealt with)."""
        self._asked += 1
        number = self._asked
        overdue = time.monotonic() + self._answer_within
        self._unanswered.append((number, overdue))
        try:
            self._write(process, request + PING + f" {number}\n".encode(), overdue)
        except TimeoutError:
            self._on_stuck(process)
            return None
        except OSError:  # a broken pipe: the player has died
            self._on_died(process)
            return None
        return number

    def _write(self, process: subprocess.Popen[bytes], data: bytes, until: float) -> None:
        """All of ``data`` into the player's input; ``TimeoutError`` once ``until`` (or the
        time ``close`` gives) has passed with some left: a player that reads nothing never
        holds this thread longer."""
        assert process.stdin is not None
        pipe = process.stdin.fileno()
        left = memoryview(data)
        while left:
            remaining = min(until, self._closing_by) - time.monotonic()
            if remaining <= 0:
                raise TimeoutError
            # In short slices, so that a close meanwhile is noticed.
            writable = select.select([], [pipe], [], min(remaining, 0.1))[1]
            if writable:
                try:
                    left = left[os.write(pipe, left):]
                except BlockingIOError:
                    continue

    def _on_stuck(self, process: subprocess.Popen[bytes]) -> None:
        """The player stopped answering: ended at once (SIGKILL ends a stopped process too)."""
        if process is not self._process:
            return
        process.kill()
        self._on_died(process, stuck=True)

    def _on_died(self, process: subprocess.Popen[bytes], stuck: bool = False) -> None:
        if process is not self._process:
            return  # already dealt with
        with contextlib.suppress(OSError):  # unsent data to a dead player fails to flush
            assert process.stdin is not None
            process.stdin.close()
        try:
            code = process.wait(timeout=2)
        except subprocess.TimeoutExpired:  # its output closed, yet it lives: end it
            process.kill()
            code = process.wait()
        self._unanswered.clear()
        hopeless = code == ExitCode.NO_LIBRARY  # it said why; a new player would not help
        if hopeless:
            self._given_up_for = SoundTrouble.NO_LIBRARY
            self._given_up = True
        else:
            if self._clock() - self._started_at >= self._backoff.stable:
                self._deaths = 0
                self._death_reported = False
            self._deaths += 1
            self._restart_at = self._clock() + self._backoff.delay(self._deaths)
        self._process = None  # last: the restart time is set before anyone sees no player
        closing = self._closing_by < math.inf  # nobody is left to tell
        if not hopeless and not self._death_reported and not closing:
            self._death_reported = True
            self._on_problem(player_stuck(self._answer_within) if stuck
                             else player_died(code))

    def _read(self, process: subprocess.Popen[bytes], stream: IO[bytes]) -> None:
        for raw in stream:
            word, _space, text = raw.decode(errors="replace").strip().partition(" ")
            if word == PONG and text.isdigit():
                with self._answer_came:
                    if process is self._process:
                        self._answered = max(self._answered, int(text))
                    self._answer_came.notify_all()
            elif word == PROBLEM and not self._device_failing:
                self._failing_for = (SoundTrouble.NO_LIBRARY if text.startswith(LIBRARY_MISSING)
                                     else SoundTrouble.NO_DEVICE)
                self._device_failing = True
                self._on_problem(cannot_play(text))
            elif word == WORKING and self._device_failing:
                self._device_failing = False
                self._on_problem(_(SOUND_WORKS_AGAIN))
        stream.close()
        with self._answer_came:
            self._answer_came.notify_all()  # a player that ended has said all it will
        self._queue.put(_Died(process))

    def _stop(self) -> None:
        """The last words: a ping, then quit. A player that answers may finish its sound
        (``linger``); one that does not within ``QUIT_WITHIN`` is ended at once."""
        process = self._process
        if process is None:
            return
        self._asked += 1
        last = self._asked
        try:
            self._write(process, PING + f" {last}\n".encode() + QUIT + b"\n",
                        self._closing_by)
            taken = True
        except (OSError, TimeoutError):
            taken = False
        with contextlib.suppress(OSError):
            assert process.stdin is not None
            process.stdin.close()
        if taken:
            taken = self._answered_or_ended(process, last)
        try:
            if not taken:
                raise subprocess.TimeoutExpired(self._command, QUIT_WITHIN)
            process.wait(timeout=self._linger)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        self._process = None

    def _answered_or_ended(self, process: subprocess.Popen[bytes], number: int) -> bool:
        """Wait, until ``close``'s time is up, for the player to answer ping ``number`` or
        to end (its end is seen a moment after its output closes)."""
        with self._answer_came:
            while self._answered < number and process.poll() is None:
                left = self._closing_by - time.monotonic()
                if left <= 0:
                    return False
                self._answer_came.wait(min(left, 0.05))
        return True
