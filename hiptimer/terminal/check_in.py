"""The check-in in a terminal: once a session has run to its end, "How did that feel?" is
asked once, on one line, and answered with one key (1 to 4); Enter skips it, and so do the
end of input and a stop signal. No answer within ``WAIT_SECONDS`` leaves the session
unrated, as in the window. The answer is kept (``Practice.rate``) and what it came to is
said: how it felt, the level next time, and after a session that hurt, what to do.

It is asked only of a person at a terminal: not with input from elsewhere, nor in a run
that writes its events to a file (a script's run).
"""

from __future__ import annotations

import os
import select
import socket
from collections.abc import Callable
from contextlib import suppress
from typing import Protocol

from hiptimer.base.translation import N_, _
from hiptimer.session.check_in import WAIT_SECONDS, by_typed, spoken_question, typed_question
from hiptimer.session.clock import Clock
from hiptimer.session.feeling import Feeling
from hiptimer.session.summary import DoneSummary, rated_lines

Read = Callable[[float], str | None]
"""Waits at most that many seconds for what is typed: the characters, ``""`` when no more
can come (the end of input, or a stop signal), ``None`` when nothing came in that time."""
NOT_RATED = N_("Not rated")
ENTER = frozenset("\r\n")


class Rated(Protocol):
    """What the check-in needs of the session's ``Practice``."""

    def rate(self, feeling: Feeling) -> None: ...

    def summary(self) -> DoneSummary | None: ...

    def ask_for_words(self, text: str) -> None: ...

    def say(self, text: str) -> bool: ...

    def ending_seconds(self) -> float: ...


def ask_feeling(read: Read, clock: Clock, say: Callable[[str], None],
                speak: Callable[[], object] | None = None, speak_after: float = 0.0,
                wait: float = WAIT_SECONDS) -> Feeling | None:
    """Ask once and wait up to ``wait`` seconds by ``clock`` for an answer; ``speak`` says
    the question once, ``speak_after`` seconds in (after the finishing cue). ``None``:
    skipped, or no answer in time. Keys that answer nothing are passed over."""
    say(typed_question())
    start = clock.now()
    deadline = start + wait
    voice_at = start + speak_after if speak is not None else None
    while (left := deadline - clock.now()) > 0:
        if voice_at is not None and clock.now() >= voice_at:
            assert speak is not None
            speak()
            voice_at = None
        typed = read(left if voice_at is None else min(left, max(0.0, voice_at - clock.now())))
        if typed is None:
            continue
        if not typed:
            return None
        for char in typed:
            if char in ENTER:
                return None
            feeling = by_typed(char)
            if feeling is not None:
                return feeling
    return None


def check_in(practice: Rated, read: Read, clock: Clock, say: Callable[[str], None]) -> None:
    """The whole check-in after a completed session: asked, kept, and what it came to
    said."""
    question = spoken_question()
    practice.ask_for_words(question)
    feeling = ask_feeling(read, clock, say, lambda: practice.say(question),
                          practice.ending_seconds())
    if feeling is None:
        say(_(NOT_RATED))
        return
    practice.rate(feeling)
    summary = practice.summary()
    for line in rated_lines(summary) if summary is not None else []:
        say(line)


def terminal_reader(fd: int, wake: socket.socket, stopped: Callable[[], bool]) -> Read:
    """What is typed at the terminal ``fd`` (in single keypresses), waiting with ``select``;
    ``wake`` is the stop signals' socket: a stop (``stopped``) ends the wait, a resize
    does not. Anything typed before the question is dropped first: a key pressed as the
    session ended does not answer it."""
    import termios

    with suppress(termios.error, OSError):
        termios.tcflush(fd, termios.TCIFLUSH)

    def read(seconds: float) -> str | None:
        try:
            ready = select.select([fd, wake.fileno()], [], [], max(0.0, seconds))[0]
        except (OSError, ValueError):  # the terminal is gone
            return ""
        if wake.fileno() in ready:
            with suppress(OSError):
                while wake.recv(4096):
                    pass
            if stopped():
                return ""
        if fd not in ready:
            return None
        try:
            data = os.read(fd, 64)
        except OSError:  # the terminal went away
            return ""
        return data.decode(errors="ignore")

    return read
