"""Speech made ahead of need on a worker thread, so that a session never waits for it.

espeak-ng takes tens of milliseconds a sentence and a routine has dozens of them: made all
at once before a session, they held back its first phase by most of a second on a first
start. The worker makes them one at a time in the order the session will need them (what
the cue planner has just asked for goes first), and the planner is told only of what is
made already: to it, a sentence not made yet is one that cannot be said, so a shorter one
or the tone alone takes its place, never a late one. What the cache on disk already holds
for the first phase is read at once, so a warm cache is heard from the very first cue.

The worker is started by the owner's ``poll`` (the cue dispatcher's, on the timer's thread,
once each deadline's events are delivered), so the way to the first phase is not shared
with it at all; ``poll`` also reports a problem, once, and ``close`` ends the worker.
Nothing here touches Qt or reports from the worker.
"""

from __future__ import annotations

import atexit
import threading
import weakref
from collections import deque
from collections.abc import Callable, Iterable
from typing import Protocol

from hiptimer.base.notice import Notice
from hiptimer.base.translation import _
from hiptimer.cues.sound import Sound


class SpeechMaker(Protocol):
    """Makes words into sound (``speech.Speaker``, or a test's stand-in)."""

    problem: str | None
    """Why speech is unavailable, once something has gone wrong."""

    def say(self, text: str) -> Sound | None:
        """The words, made now if need be (slow); ``None`` when they cannot be spoken."""

    def cached(self, text: str) -> Sound | None:
        """The words if they were made before, else ``None``; quick, never makes them."""


class Handle(Protocol):
    def join(self, timeout: float | None = None) -> None: ...


Step = Callable[[], bool]
"""Makes one text; False once there is nothing (more) to do."""
Spawn = Callable[[Step], Handle]
"""Runs a step again and again, somewhere else, until it returns False."""

CLOSE_WAIT = 5.0
"""How long ``close`` waits for the text in hand, in seconds: espeak-ng takes a fraction of
one, and one that hangs is left to end on its own (the worker is a daemon thread)."""


def on_thread(step: Step) -> Handle:
    """The worker: a thread of its own, ended as soon as there is nothing left to make."""

    def work() -> None:
        while step():
            pass

    thread = threading.Thread(target=work, name="hiptimer-speech", daemon=True)
    thread.start()
    return thread


def failed(exc: BaseException) -> Notice:
    """The problem told when making speech fails unexpectedly (a fault, not the engine)."""
    return Notice(_("spoken announcements are off: making speech failed"), repr(exc))


_open: weakref.WeakSet[SpeechWorker] = weakref.WeakSet()
"""Workers that may be running: closed before the interpreter finishes, whoever forgot."""


@atexit.register
def _close_all() -> None:
    for worker in list(_open):
        worker.close()


class SpeechWorker:
    """A voice that never makes anyone wait: ``say`` gives the words if they are made, and
    otherwise ``None`` at once, with the words moved to the front of what is made next
    (from the next ``poll`` on, which starts the worker when it is not running).

    ``order`` is every text the session may say, in the order it will need them.
    ``report`` hears, through ``poll``, why speech stopped, once. ``spawn`` runs the worker
    (a thread; tests step it by hand).
    """

    def __init__(self, maker: SpeechMaker, order: Iterable[str],
                 report: Callable[[str], None], spawn: Spawn = on_thread) -> None:
        self._maker = maker
        self._report = report
        self._spawn = spawn
        self._lock = threading.Lock()
        self._waiting: deque[str] = deque(dict.fromkeys(order))
        self._made: dict[str, Sound | None] = {}
        self._problem: str | None = None
        self._told = False
        self._generation = 0
        """Counts the workers started and stopped: a worker whose count is past stops."""
        self._running: int | None = None
        """The generation of the worker that runs now, if one does."""
        self._handle: Handle | None = None
        """The worker last started; only the owner's thread changes it."""
        self._making: str | None = None
        """The text the worker has in hand."""
        self._wanted = False
        """Speech is wanted: started, or asked for (with the voice off, nothing is made)."""

    @property
    def problem(self) -> str | None:
        """Why speech stopped, if it has: no engine, or the engine or the worker failed."""
        return self._problem

    def start(self, at_once: Iterable[str] = ()) -> None:
        """``at_once`` (the first phase's words) from the cache now, if it holds them; the
        rest on the worker, from the first ``poll``. A missing engine is known here."""
        self._wanted = True
        if self._maker.problem is not None:
            self._fail(self._maker.problem)
            return
        for text in at_once:
            try:
                sound = self._maker.cached(text)
            except Exception as exc:  # a fault in it costs speech, never the session
                self._fail(failed(exc))
                return
            if sound is not None:
                with self._lock:
                    self._made[text] = sound
                    if text in self._waiting:
                        self._waiting.remove(text)

    def say(self, text: str) -> Sound | None:
        """The words if they are made; if not, ``None`` now and they are made next."""
        self._wanted = True
        with self._lock:
            if text in self._made:
                return self._made[text]
            if self._problem is not None or text == self._making:
                return None
            if text in self._waiting:
                self._waiting.remove(text)
            self._waiting.appendleft(text)
        return None

    def ready(self, text: str) -> bool:
        """The words are made (asks for nothing: quick, with no effect on the order)."""
        return self._made.get(text) is not None

    def poll(self) -> None:
        """Keep the worker going while there is something to make, and report why speech
        stopped, if it has (once): the owner calls it now and then, on its own thread."""
        self.tell()
        self._wake()

    def tell(self) -> None:
        """Report why speech stopped, once, on the caller's thread (the owner's)."""
        if self._problem is not None and not self._told:
            self._told = True
            self._report(self._problem)

    def close(self) -> None:
        """Stop making speech and wait for the worker to end (it finishes the text in
        hand). What is made is kept; once words are asked for again (a session started
        over), the next ``poll`` starts a worker again. It may be called any number of
        times."""
        self._wanted = False
        with self._lock:
            self._generation += 1
            self._running = None
        handle, self._handle = self._handle, None
        if handle is not None:
            handle.join(CLOSE_WAIT)
        _open.discard(self)

    def _wake(self) -> None:
        """Start a worker if there is something to make and none runs (owner's thread)."""
        with self._lock:
            if (not self._wanted or self._running is not None or not self._waiting
                    or self._problem is not None):
                return
            self._generation += 1
            generation = self._running = self._generation
        finished, self._handle = self._handle, None
        if finished is not None:  # the one before said it was done: over in a moment
            finished.join(CLOSE_WAIT)
        _open.add(self)
        self._handle = self._spawn(lambda: self._step(generation))

    def _step(self, generation: int) -> bool:
        """Make the next text (on the worker)."""
        with self._lock:
            if (generation != self._generation or self._problem is not None
                    or not self._waiting):
                if self._running == generation:
                    self._running = None
                return False
            text = self._making = self._waiting.popleft()
        problem = None
        try:
            sound = self._maker.say(text)
            if sound is None:
                problem = self._maker.problem
        except Exception as exc:  # a fault in it costs speech, never the session
            sound, problem = None, failed(exc)
        with self._lock:
            self._made[text] = sound
            self._making = None
            if problem is not None and self._problem is None:
                self._problem = problem
        return True

    def _fail(self, problem: str) -> None:
        with self._lock:
            if self._problem is None:
                self._problem = problem
