"""The session state machine: walks a timeline against absolute deadlines on an injected clock.

Nothing here counts ticks. A phase ends at the moment it started plus its length, shifted
only by time spent paused; the next phase starts at that exact moment, however late the
driver noticed. A driver asks ``next_deadline()`` when to call ``advance()`` again.
"""

from __future__ import annotations

from collections.abc import Callable

from hiptimer.session.clock import Clock
from hiptimer.session.events import Event, EventKind, PauseReason, TempoPart
from hiptimer.session.schedule import Due, phase_schedule
from hiptimer.session.state import State
from hiptimer.session.timeline import Phase, Timeline

ASK_BEFORE_STOP_AFTER = 60.0
"""A stop asks first once a session has run longer than this (seconds, pauses left out)."""
RESTART_WINDOW = 2.0
"""``previous`` restarts the current phase once more than this much of it has run."""
FELL_BEHIND = 5.0
"""Further past a deadline than this, the machine must have slept: pause instead of racing."""


class Session:
    """One run through a timeline. Commands act at ``clock.now()`` and return their events."""

    def __init__(self, timeline: Timeline, clock: Clock) -> None:
        if not timeline.phases:
            raise ValueError("a session needs at least one phase")
        self.timeline = timeline
        self.clock = clock
        self.state = State.READY
        self.index = 0
        self.started_at: float | None = None
        self.ended_at: float | None = None
        self.paused_total = 0.0
        self.phase_times: list[tuple[int, float]] = []
        """(phase index, seconds it ran) for every phase left so far, in order."""
        self._phase_start = 0.0
        self._duration: float | None = timeline.phases[0].duration
        self._due: list[Due] = []
        self._cursor = 0
        self._marks_at: tuple[list[Due], int] | None = None
        self._found: tuple[Due | None, Due | None] = (None, None)
        self._halfway_done = False
        self._paused_at: float | None = None
        self._pause_reason = PauseReason.USER

    # -- queries ---------------------------------------------------------------------------

    @property
    def phase(self) -> Phase:
        return self.timeline.phases[self.index]

    @property
    def phase_duration(self) -> float | None:
        """The current phase's length including any extension; ``None`` when self-paced."""
        return self._duration

    def _moment(self, now: float) -> float:
        """The clock time the phase has run to: frozen while paused and once the session ends."""
        if self._paused_at is not None:
            return self._paused_at
        if self.ended_at is not None and self.state in (State.FINISHED, State.STOPPED):
            return self.ended_at
        return now

    @property
    def paused_since(self) -> float | None:
        """When the current pause began on the clock, while paused."""
        return self._paused_at if self.state is State.PAUSED else None

    def _marks(self) -> tuple[Due | None, Due | None]:
        """The latest rep start or tempo part reported in this phase, and the latest rep
        start. Found once for each point a phase reaches: a long hold has a reported second
        for each of its seconds, and the status asks every second."""
        at = self._marks_at
        if at is not None and at[0] is self._due and at[1] == self._cursor:
            return self._found
        if at is not None and at[0] is self._due and at[1] < self._cursor:
            seen = self._due[at[1]:self._cursor]  # further on: only what is new can count
            mark, rep = self._found
        else:
            seen, mark, rep = self._due[:self._cursor], None, None
        for item in seen:
            if item.kind is EventKind.TEMPO_PART:
                mark = item
            elif item.kind is EventKind.REP_STARTED:
                mark = rep = item
        self._marks_at, self._found = (self._due, self._cursor), (mark, rep)
        return self._found

    @property
    def rep(self) -> int | None:
        """The rep under way in a timed reps phase, as last reported; ``None`` before the first."""
        rep = self._marks()[1]
        return rep.value if rep is not None else None

    @property
    def tempo_part(self) -> TempoPart | None:
        """The part of the current rep under way (up, hold, down), as last reported; none
        for a rep just begun."""
        mark = self._marks()[0]
        return mark.tempo if mark is not None and mark.kind is EventKind.TEMPO_PART else None

    def tempo_window(self) -> tuple[float, float] | None:
        """(seconds into the phase the tempo part under way began, its length), or None."""
        tempo = self.phase.tempo
        if tempo is None or len(tempo.parts) != 3:
            return None
        mark = self._marks()[0]
        if mark is None or mark.kind is not EventKind.TEMPO_PART or mark.tempo is None:
            return None  # as ``tempo_part``: a rep begun has no part yet
        return mark.offset, tempo.parts[list(TempoPart).index(mark.tempo)]

    @property
    def pause_reason(self) -> PauseReason | None:
        return self._pause_reason if self.state is State.PAUSED else None

    def active_seconds(self, now: float | None = None) -> float:
        """Seconds the session has run so far, pauses left out."""
        done = sum(seconds for _, seconds in self.phase_times)
        if self.is_live():
            done += self.elapsed_in_phase(now)
        return done

    def is_live(self) -> bool:
        """Under way: running or paused. (A method: the state changes under every command.)"""
        return self.state in (State.RUNNING, State.PAUSED)

    def asks_before_stopping(self) -> bool:
        """Whether a stop should be confirmed: past the first minute, a stop would throw
        away enough work to be worth a question; before it, a stop is likely a false start."""
        return self.is_live() and self.active_seconds() > ASK_BEFORE_STOP_AFTER

    def elapsed_in_phase(self, now: float | None = None) -> float:
        if self.state is State.READY:
            return 0.0
        return max(0.0, self._moment(self.clock.now() if now is None else now)
                   - self._phase_start)

    def remaining(self, now: float | None = None) -> float | None:
        """Seconds left in the current phase (``deadline - now``); ``None`` when self-paced."""
        if self._duration is None:
            return None
        return max(0.0, self._duration - self.elapsed_in_phase(now))

    def total_remaining(self, now: float | None = None) -> float:
        """Seconds left in the session, leaving out self-paced phases."""
        later = self.timeline.seconds_after(self.index)
        if self.state in (State.FINISHED, State.STOPPED):
            return 0.0
        return later + (self.remaining(now) or 0.0)

    def deadline(self) -> float | None:
        """When the current phase ends on the clock, if it runs on and has a length."""
        if self._duration is None or self.state is not State.RUNNING:
            return None
        return self._phase_start + self._duration

    def next_deadline(self) -> float | None:
        """When ``advance`` next has something to report; ``None`` while nothing is scheduled."""
        if self.state is not State.RUNNING:
            return None
        if self._cursor < len(self._due):
            return self._phase_start + self._due[self._cursor].offset
        if self._duration is None:
            # Counting up: the cursor is how many whole seconds have been reported.
            return self._phase_start + self._cursor + 1
        return self._phase_start + self._duration

    # -- driving ---------------------------------------------------------------------------

    def advance(self, now: float | None = None) -> list[Event]:
        """Every event that has become due by ``now``, in order."""
        now = self.clock.now() if now is None else now
        events: list[Event] = []
        if self.state is not State.RUNNING:
            return events
        due = self.next_deadline()
        if due is not None and now - due > FELL_BEHIND:
            self._paused_at = due
            self.state = State.PAUSED
            self._pause_reason = PauseReason.FELL_BEHIND
            events.append(Event(EventKind.PAUSED, now, self.phase,
                                reason=PauseReason.FELL_BEHIND))
            return events
        while self.state is State.RUNNING:
            due = self.next_deadline()
            if due is None or due > now:
                break
            if self._cursor < len(self._due):
                item = self._due[self._cursor]
                self._cursor += 1
                self._halfway_done |= item.kind is EventKind.HALFWAY
                events.append(Event(item.kind, due, self.phase, item.value, item.tempo))
            elif self._duration is None:
                self._cursor += 1
                events.append(Event(EventKind.SECOND, due, self.phase, self._cursor))
            else:
                events.extend(self._go_to(self.index + 1, due))
        return _latest_seconds_only(events)

    # -- commands --------------------------------------------------------------------------

    def start(self) -> list[Event]:
        if self.state is not State.READY:
            return []
        now = self.clock.now()
        self.started_at = now
        self.state = State.RUNNING
        return self._enter(0, now) + self.advance(now)

    def pause(self) -> list[Event]:
        if self.state is not State.RUNNING:
            return []
        now = self.clock.now()
        events = self.advance(now)
        if not self._running():
            return events
        self._paused_at = now
        self.state = State.PAUSED
        self._pause_reason = PauseReason.USER
        return [*events, Event(EventKind.PAUSED, now, self.phase, reason=PauseReason.USER)]

    def resume(self) -> list[Event]:
        if self.state is not State.PAUSED or self._paused_at is None:
            return []
        now = self.clock.now()
        self._take_pause(now)
        self.state = State.RUNNING
        return [Event(EventKind.RESUMED, now, self.phase), *self.advance(now)]

    def toggle(self) -> list[Event]:
        """The one button: start when ready, pause when running, resume when paused. In a
        running self-paced phase it says "done" and moves on: there is no countdown to
        stop, and on the floor one button is all there is."""
        if self.state is State.READY:
            return self.start()
        if self.state is State.RUNNING and self._duration is None:
            return self.next()
        return self.pause() if self.state is State.RUNNING else self.resume()

    def next(self) -> list[Event]:
        """Skip the rest of the current phase."""
        return self._move(lambda: self.index + 1)

    def previous(self) -> list[Event]:
        """Restart the phase once it has run a while; otherwise go back one, like a player."""
        def target() -> int:
            back = self.elapsed_in_phase() <= RESTART_WINDOW and self.index > 0
            return self.index - 1 if back else self.index

        return self._move(target)

    def next_exercise(self) -> list[Event]:
        def target() -> int:
            group = self._group(self.index)
            later = [p.index for p in self.timeline.phases[self.index:]
                     if self._group(p.index) != group]
            return later[0] if later else len(self.timeline.phases)

        return self._move(target)

    def previous_exercise(self) -> list[Event]:
        """To the start of this exercise, or of the one before when already at its start."""
        def target() -> int:
            first = self._first_of_group(self.index)
            at_start = self.index == first and self.elapsed_in_phase() <= RESTART_WINDOW
            return self._first_of_group(first - 1) if at_start and first > 0 else first

        return self._move(target)

    def extend(self, seconds: float) -> list[Event]:
        """Give the current phase whole ``seconds`` more (a self-paced one has no end to move)."""
        seconds = round(seconds)
        if not self.is_live() or self._duration is None or seconds <= 0:
            return []
        now = self.clock.now()
        events = self.advance(now)
        if not self.is_live() or self._duration is None:
            return events
        elapsed = self.elapsed_in_phase(now)
        self._duration += seconds
        self._due = [d for d in phase_schedule(self.phase, self._duration)
                     if not (d.kind is EventKind.HALFWAY and self._halfway_done)]
        self._cursor = sum(1 for d in self._due if d.offset <= elapsed)
        return [*events, Event(EventKind.PHASE_EXTENDED, now, self.phase, seconds)]

    def stop(self) -> list[Event]:
        if self.state in (State.FINISHED, State.STOPPED):
            return []
        now = self.clock.now()
        if self.state is State.READY:
            self.state = State.STOPPED
            return [Event(EventKind.STOPPED, now, None)]
        events = self.advance(now)  # what fell due before the key press still happened
        if not self.is_live():
            return events
        self._leave(now)
        if self._paused_at is not None:
            self.paused_total += now - self._paused_at
            self._paused_at = None
        self.state = State.STOPPED
        self.ended_at = now
        return [*events, Event(EventKind.STOPPED, now, self.phase)]

    def restart(self) -> list[Event]:
        """Begin again from the first phase, running."""
        events = self.stop() if self.is_live() else []
        self.state = State.READY
        self.index = 0
        self.paused_total = 0.0
        self.phase_times = []
        self.ended_at = None
        self._paused_at = None
        return events + self.start()

    # -- internals -------------------------------------------------------------------------

    def _running(self) -> bool:
        """(A method, as ``is_live``: the state changes under every command.)"""
        return self.state is State.RUNNING

    def _move(self, target: Callable[[], int]) -> list[Event]:
        """Catch up with what fell due before the key press, then jump to ``target()``."""
        if not self.is_live():
            return []
        events = self.advance()
        if not self.is_live():
            return events
        return events + self._jump(target())

    def _group(self, index: int) -> tuple[int, int]:
        phase = self.timeline.phases[index]
        return phase.round, phase.exercise_index

    def _first_of_group(self, index: int) -> int:
        group = self._group(index)
        while index > 0 and self._group(index - 1) == group:
            index -= 1
        return index

    def _take_pause(self, now: float) -> None:
        assert self._paused_at is not None
        shift = now - self._paused_at
        self._phase_start += shift
        self.paused_total += shift
        self._paused_at = None

    def _leave(self, at: float) -> None:
        self.phase_times.append((self.index, self._moment(at) - self._phase_start))

    def _jump(self, index: int) -> list[Event]:
        """Leave the current phase now and enter ``index``, keeping a pause in force."""
        now = self.clock.now()
        paused_at = self._paused_at
        events = self._go_to(index, now)
        if paused_at is not None:
            self.paused_total += now - paused_at
            if self._running():
                self.state = State.PAUSED
                self._paused_at = now
        return events + (self.advance(now) if self._running() else [])

    def _go_to(self, index: int, at: float) -> list[Event]:
        """End the current phase at ``at`` and start ``index`` at that same moment."""
        self._leave(at)
        self._paused_at = None
        events = [Event(EventKind.PHASE_ENDED, at, self.phase)]
        if index >= len(self.timeline.phases):
            self.state = State.FINISHED
            self.ended_at = at
            return [*events, Event(EventKind.FINISHED, at, self.phase)]
        self.state = State.RUNNING
        return events + self._enter(index, at)

    def _enter(self, index: int, at: float) -> list[Event]:
        self.index = index
        self._phase_start = at
        self._duration = self.phase.duration
        self._due = [] if self._duration is None else phase_schedule(self.phase, self._duration)
        self._cursor = 0
        self._halfway_done = False
        return [Event(EventKind.PHASE_STARTED, at, self.phase)]


def _latest_seconds_only(events: list[Event]) -> list[Event]:
    """After a stall, only the newest whole second is worth showing."""
    seconds = [i for i, e in enumerate(events) if e.kind is EventKind.SECOND]
    if len(seconds) < 2:
        return events
    drop = set(seconds[:-1])
    return [e for i, e in enumerate(events) if i not in drop]
