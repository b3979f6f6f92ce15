"""What every front end shows of a session, as one value derived from the engine.

The session screen, the terminal's status line and the window title all render a
``Status``, so they can never disagree. Its numbers are the ones shown (whole seconds,
thousandths of a bar), so two statuses are equal exactly when nothing on screen would
change: a front end redraws only when the value differs from the last one it drew.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path

from hiptimer.routine.duration import format_clock, format_elapsed, format_seconds
from hiptimer.session.engine import Session
from hiptimer.session.events import PauseReason, TempoPart
from hiptimer.session.state import State
from hiptimer.session.timeline import Phase, PhaseKind
from hiptimer.session.vocabulary import BAR_FULL, ColourRole, PhaseWord

_KIND_WORDS = {PhaseKind.PREPARE: PhaseWord.GET_READY, PhaseKind.REST: PhaseWord.REST,
               PhaseKind.SWITCH: PhaseWord.SWITCH}
_KIND_COLOURS = {PhaseKind.PREPARE: ColourRole.PREPARE, PhaseKind.WORK: ColourRole.WORK,
                 PhaseKind.REST: ColourRole.REST, PhaseKind.SWITCH: ColourRole.SWITCH}


def phase_word(phase: Phase) -> PhaseWord:
    if phase.kind is PhaseKind.WORK:
        return PhaseWord.HOLD if phase.reps is None else PhaseWord.REPS
    return _KIND_WORDS[phase.kind]


def side_label(side: str | None) -> str:
    """"Left side", "Right side", or the routine's own label with a capital; "" for none."""
    if side in ("left", "right"):
        return f"{side.capitalize()} side"
    return f"{side[0].upper()}{side[1:]}" if side else ""


def side_mark(side: str | None) -> str:
    """The side as one big letter: "L" or "R" when the label names just one of them (as
    "left leg back" does), otherwise the label itself; "" for none."""
    if not side:
        return ""
    words = set(side.lower().replace("-", " ").split())
    if ("left" in words) != ("right" in words):
        return "L" if "left" in words else "R"
    return side_label(side)


def mirrored(side: str | None, sides: tuple[str, ...]) -> bool:
    """Whether a picture (drawn working the left side) is shown flipped for this side."""
    mark = side_mark(side)
    if mark in ("L", "R"):
        return mark == "R"
    return side is not None and side in sides and sides.index(side) % 2 == 1


def countdown_text(seconds: int) -> str:
    """Whole seconds alone under a minute (bigger digits), M:SS above."""
    return str(seconds) if seconds < 60 else format_clock(seconds)


def _whole_up(seconds: float) -> int:
    """Seconds as a countdown shows them: 4.2 s left is still "5"."""
    return max(0, int(-(-seconds // 1)))


@dataclass(frozen=True)
class Status:
    """Everything a front end shows of a session at one moment."""

    routine: str
    state: State
    word: PhaseWord
    colour: ColourRole
    phase: Phase | None
    """The phase under way (where it stopped, once stopped); ``None`` before the start and
    at the end."""
    exercise: str
    """The exercise's name, or the routine's before the start and at the end."""
    description: str
    image: Path | None
    side: str | None
    set: int
    sets: int
    rep: int | None
    """The rep under way in a timed reps phase, once reported (a self-paced one has none)."""
    reps: int | None
    tempo_part: TempoPart | None
    tempo_done: int
    """Thousandths of the tempo part under way done (0 when there is none)."""
    tempo_left_ms: int
    """Milliseconds left in the tempo part under way (0 when there is none)."""
    mirrored: bool
    """The exercise's picture is shown flipped: the other side."""
    self_paced: bool
    remaining: int | None
    """Whole seconds left in the phase as shown (rounded up); ``None`` when self-paced."""
    elapsed: int
    """Whole seconds a self-paced phase has counted up (0 in a timed one, which counts down:
    the status changes once a second, not twice)."""
    next_phase: Phase | None
    """The phase after this one; ``None`` at the last (or first, before the start)."""
    first_exercise: str
    phase_progress: int
    """Thousandths of the phase done."""
    routine_progress: int
    routine_done: int
    routine_left: int
    """Whole seconds of the routine done and left (self-paced phases not counted); they
    always add up to the routine's length."""
    level: int
    top_level: int
    pause_reason: PauseReason | None
    muted: bool

    @property
    def paused(self) -> bool:
        return self.state is State.PAUSED

    @property
    def live(self) -> bool:
        """Running or paused: a session under way."""
        return self.state in (State.RUNNING, State.PAUSED)

    def only_time_differs(self, other: Status) -> bool:
        """Whether ``other`` shows the same but for the clocks and bars: a plain tick."""
        return all(getattr(self, name) == getattr(other, name) for name in _NOT_TIME)

    def side_text(self) -> str:
        return side_label(self.side)

    def side_mark(self) -> str:
        return side_mark(self.side)

    def figure(self) -> str:
        """The big figure: the rep count in a timed reps phase, otherwise the phase's
        countdown, or its count-up when self-paced."""
        if self.live and self.reps is not None and not self.self_paced:
            return f"{self.rep or 1}/{self.reps}"
        if self.state is State.READY:
            return format_clock(self.routine_done + self.routine_left)
        if self.state is State.FINISHED:
            return "✓"
        if self.state is State.STOPPED:
            return ""
        if self.remaining is None:
            return format_elapsed(self.elapsed)
        return countdown_text(self.remaining)

    def widest_figure(self) -> str:
        """The widest the figure gets in this phase, so a screen can size it once a phase."""
        phase = self.phase
        if not self.live or phase is None:
            return self.figure()
        if self.reps is not None and not self.self_paced:
            return f"{self.reps}/{self.reps}"
        if phase.duration is None:
            return "00:00"
        return countdown_text(_whole_up(phase.duration))

    def next_text(self) -> str:
        """What comes after the phase under way, in a few words."""
        if self.state is State.READY:
            return f"First: {self.first_exercise}"
        if self.state in (State.FINISHED, State.STOPPED):
            return ""
        following = self.next_phase
        if following is None:
            return "Next: done"
        if following.kind is PhaseKind.PREPARE:
            return f"Next: {following.exercise}"
        length = "" if following.duration is None else f" {format_seconds(following.duration)}"
        side = side_label(following.side)
        return (f"Next: {phase_word(following).capitalize()}{length}"
                + (f", {side.lower()}" if side else ""))


_TIME = frozenset({"remaining", "elapsed", "tempo_done", "tempo_left_ms", "phase_progress",
                   "routine_progress", "routine_done", "routine_left"})
_NOT_TIME = tuple(f.name for f in fields(Status) if f.name not in _TIME)
"""What a plain tick leaves as it was: asked every second, so read field by field."""


def status_of(session: Session, muted: bool = False) -> Status:
    """What ``session`` shows now, at its clock's present moment."""
    timeline = session.timeline
    routine = timeline.routine
    state = session.state
    total = _whole_up(timeline.total_seconds)
    left = min(total, _whole_up(session.total_remaining()))
    if state is State.READY:
        left = total
    phase = session.phase
    exercise = routine.exercises[phase.exercise_index]
    remaining_seconds = session.remaining()
    remaining = None if remaining_seconds is None else _whole_up(remaining_seconds)
    length = session.phase_duration
    phase_done = 0
    if length and remaining is not None:
        # By the seconds shown, so the bar moves with the countdown and nothing between.
        phase_done = int(BAR_FULL * (1 - min(remaining, length) / length))
    shown: Phase | None = phase
    word = phase_word(phase)
    colour = _KIND_COLOURS[phase.kind]
    if state is State.READY:
        shown, word, colour, phase_done = None, PhaseWord.READY, ColourRole.IDLE, 0
    elif state is State.FINISHED:
        shown, word, colour, phase_done = None, PhaseWord.DONE, ColourRole.DONE, BAR_FULL
    following = (timeline.phases[phase.index + 1]
                 if phase.index + 1 < len(timeline.phases) else None)
    routine_done = BAR_FULL * (total - left) // total if total else 0
    tempo_done, tempo_left_ms = 0, 0
    window = session.tempo_window() if shown is not None else None
    if window is not None:
        begun, part = window
        into = min(part, max(0.0, session.elapsed_in_phase() - begun))
        tempo_done = int(BAR_FULL * into / part) if part > 0 else BAR_FULL
        tempo_left_ms = round((part - into) * 1000)
    if state is State.STOPPED:
        # What was under way stays in view; what would have come no longer applies.
        word, colour, following, phase_done, routine_done = (
            PhaseWord.STOPPED, ColourRole.DONE, None, 0, 0)
    return Status(
        routine=routine.name,
        state=state,
        word=word,
        colour=colour,
        phase=shown,
        exercise=phase.exercise if shown is not None else routine.name,
        description=(exercise.description if shown is not None
                     else routine.description if state is State.READY else ""),
        image=routine.image_path(exercise) if shown is not None else None,
        side=phase.side if shown is not None else None,
        set=phase.set,
        sets=phase.sets,
        rep=session.rep if shown is not None else None,
        reps=phase.reps if shown is not None else None,
        tempo_part=session.tempo_part if shown is not None else None,
        tempo_done=tempo_done,
        tempo_left_ms=tempo_left_ms,
        mirrored=shown is not None and mirrored(phase.side, exercise.sides),
        self_paced=shown is not None and phase.open_ended,
        remaining=remaining,
        elapsed=int(session.elapsed_in_phase() + 1e-9) if remaining is None else 0,
        next_phase=following if shown is not None else None,
        first_exercise=timeline.phases[0].exercise,
        phase_progress=max(0, min(BAR_FULL, phase_done)),
        routine_progress=routine_done,
        routine_done=total - left,
        routine_left=left,
        level=timeline.level,
        top_level=timeline.top_level,
        pause_reason=session.pause_reason,
        muted=muted,
    )
