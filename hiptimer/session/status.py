"""What every front end shows of a session, as one value derived from the engine.

The session screen, the terminal's status line and the window title all render a
``Status``, so they can never disagree. Its numbers are the ones shown (whole seconds,
thousandths of a bar), so two statuses are equal exactly when nothing on screen would
change: a front end redraws only when the value differs from the last one it drew.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from operator import attrgetter
from pathlib import Path

from hiptimer.base.translation import N_, _, ngettext, pgettext
from hiptimer.routine.duration import format_clock, format_elapsed, shown_seconds
from hiptimer.routine.model import Exercise, TextField
from hiptimer.session.engine import Session
from hiptimer.session.events import EventKind, PauseReason, TempoPart
from hiptimer.session.state import State
from hiptimer.session.timeline import Phase, PhaseKind
from hiptimer.session.vocabulary import BAR_FULL, ColourRole, PhaseWord

SEPARATOR = "  ·  "
"""Between the parts of a line of the session screen."""
_KIND_WORDS = {PhaseKind.PREPARE: PhaseWord.GET_READY, PhaseKind.REST: PhaseWord.REST,
               PhaseKind.SWITCH: PhaseWord.SWITCH}
_KIND_COLOURS = {PhaseKind.PREPARE: ColourRole.PREPARE, PhaseKind.WORK: ColourRole.WORK,
                 PhaseKind.REST: ColourRole.REST, PhaseKind.SWITCH: ColourRole.SWITCH}


def phase_word(phase: Phase) -> PhaseWord:
    if phase.kind is PhaseKind.WORK:
        return PhaseWord.HOLD if phase.reps is None else PhaseWord.REPS
    return _KIND_WORDS[phase.kind]


def _named_side(side: str | None) -> str | None:
    """"left" or "right" when ``side`` is just that side (the routine file's English word,
    not a translation); ``None`` for a label of the routine's own."""
    return side if side in ("left", "right") else None


def side_label(side: str | None, shown: str | None = None) -> str:
    """"Left side", "Right side", or the routine's own label with a capital; "" for none.
    ``side`` is the source label, which the reasoning goes by; ``shown`` its text in the
    language installed (``Exercise.side_text``), shown for a label of the routine's own."""
    named = _named_side(side)
    if named is not None:
        return _("Left side") if named == "left" else _("Right side")
    label = shown or side
    return f"{label[0].upper()}{label[1:]}" if side and label else ""


def side_in_sentence(side: str | None, shown: str | None = None) -> str:
    """The side inside a sentence ("left side", or the routine's own label as written, in
    ``shown``'s words when given); "" for none."""
    named = _named_side(side)
    if named is not None:
        # Translators: the side inside a sentence, after a comma ("Next: 5 reps, left side").
        return _("left side") if named == "left" else _("right side")
    return (shown or side or "") if side else ""


def _side_letter(side: str | None) -> str | None:
    """"L" or "R" when the label names just one of the sides (as "left leg back" does),
    worked out on the routine file's English words; else ``None``."""
    if not side:
        return None
    words = set(side.lower().replace("-", " ").split())
    if ("left" in words) != ("right" in words):
        return "L" if "left" in words else "R"
    return None


def side_mark(side: str | None) -> str:
    """The side as one big letter: "L" or "R" when the label names just one of them (as
    "left leg back" does), otherwise the label itself; "" for none. The letters are the
    source's, for code that reasons on them; ``shown_side_mark`` is what a screen shows."""
    if not side:
        return ""
    return _side_letter(side) or side_label(side)


def shown_side_mark(side: str | None, shown: str | None = None) -> str:
    """``side_mark`` as the screen shows it, in the language installed: a routine's own
    label that names neither side in ``shown``'s words, when given."""
    letter = _side_letter(side)
    if letter is None:
        return side_label(side, shown)
    # Translators: the one big letter for the left side (or right side, next message).
    return pgettext("side mark", "L") if letter == "L" else pgettext("side mark", "R")


def mirrored(side: str | None, sides: tuple[str, ...]) -> bool:
    """Whether a picture (drawn working the left side) is shown flipped for this side."""
    mark = side_mark(side)
    if mark in ("L", "R"):
        return mark == "R"
    return side is not None and side in sides and sides.index(side) % 2 == 1


_NEXT_WORDS_TIMED = {PhaseWord.GET_READY: N_("Get ready {length}"),
                     PhaseWord.HOLD: N_("Hold {length}"), PhaseWord.REPS: N_("Reps {length}"),
                     PhaseWord.REST: N_("Rest {length}"),
                     PhaseWord.SWITCH: N_("Switch sides {length}")}
"""A coming phase's word with its length ("Rest 30s")."""


def _next_word(word: PhaseWord) -> str:
    """A coming phase's word as "Next:" says it, without a length."""
    # Translators: what comes next, after "Next:" ("Next: Rest").
    words = {PhaseWord.GET_READY: pgettext("next phase", "Get ready"),
             PhaseWord.HOLD: pgettext("next phase", "Hold"),
             PhaseWord.REPS: pgettext("next phase", "Reps"),
             PhaseWord.REST: pgettext("next phase", "Rest"),
             PhaseWord.SWITCH: pgettext("next phase", "Switch sides")}
    return words[word]


def next_what(phase: Phase) -> str:
    """What a coming phase asks for, as "Next:" says it: a reps phase by how many reps (its
    seconds mean little to someone counting reps), any other by its word and length."""
    if phase.kind is PhaseKind.WORK and phase.reps is not None:
        return ngettext("{count} rep", "{count} reps", phase.reps).format(count=phase.reps)
    word = phase_word(phase)
    if phase.duration is None:
        return _next_word(word)
    return _(_NEXT_WORDS_TIMED[word]).format(length=shown_seconds(phase.duration))


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
    """The routine's name in the language installed (the history goes by its source)."""
    state: State
    word: PhaseWord
    colour: ColourRole
    phase: Phase | None
    """The phase under way (where it stopped, once stopped); ``None`` before the start and
    at the end."""
    exercise: str
    """The exercise's name, or the routine's before the start and at the end, in the
    language installed (the phase has the source name, which figures go by)."""
    description: str
    """The exercise's description, its setup line first in the get-ready before it; the
    routine's before the start."""
    image: Path | None
    figure_file: Path | None
    """The exercise's own figure file (``figure:``), if the routine names one."""
    side: str | None
    """The side's source label ("left", or the routine's own), which side marks and
    mirroring reason on; ``shown_side`` is its text in the language installed."""
    shown_side: str | None
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
    next_exercise: str
    """The next phase's exercise name in the language installed ("" with no next phase)."""
    next_side: str | None
    """The next phase's side label in the language installed (``next_phase.side`` is its
    source)."""
    first_exercise: str
    """The first exercise's name in the language installed."""
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
        return _scene(self) == _scene(other)

    def side_text(self) -> str:
        return side_label(self.side, self.shown_side)

    def side_in_sentence(self) -> str:
        """The side as a sentence says it ("left side"); "" for none."""
        return side_in_sentence(self.side, self.shown_side)

    def side_mark(self) -> str:
        """The side's big letter as the source writes it ("L", "R"), for reasoning."""
        return side_mark(self.side)

    def shown_side_mark(self) -> str:
        """The side's big letter as the screen shows it, in the language installed."""
        return shown_side_mark(self.side, self.shown_side)

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

    def countdown(self) -> str:
        """The phase's time left as a countdown shows it, while one runs down; else ""."""
        return countdown_text(self.remaining) if self.live and self.remaining is not None else ""

    def details_text(self) -> str:
        """The line under the exercise: the level before the start; the side, the set and,
        in a reps phase (whose figure is the rep count), the time left while it runs."""
        if self.state is State.READY:
            start = _("Press Space to start")
            if not self.top_level:
                return start
            level = _("Level {level} of {top}").format(level=self.level, top=self.top_level)
            return f"{level}{SEPARATOR}{start}"
        if self.state is State.FINISHED:
            return _("Well done.")
        if self.state is State.STOPPED:
            return _("Press Space to begin again")
        bits = [self.side_text()]
        if self.sets > 1:
            bits.append(_("Set {set} of {sets}").format(set=self.set, sets=self.sets))
        if self.self_paced:
            bits.append(_("press Space or the clicker when done"))
        elif self.reps is not None and self.remaining is not None:
            bits.append(_("{time} left").format(time=format_clock(self.remaining)))
        return SEPARATOR.join(bit for bit in bits if bit)

    def totals_text(self) -> tuple[str, str]:
        """The routine's time done and time left (with a minus), either side of its bar."""
        if self.state is State.READY:
            return "0:00", format_clock(self.routine_left)
        if self.state is State.STOPPED:
            return "", ""
        if self.state is State.FINISHED:
            return format_clock(self.routine_done), "0:00"
        return format_clock(self.routine_done), f"-{format_clock(self.routine_left)}"

    def ticked(self, session: Session) -> Status:
        """This status at ``session``'s present moment, for a session that has only counted
        time since (its events since were all ``CLOCK_ONLY``): only the clocks and bars are
        worked out again, not all the rest, every second."""
        ticked = object.__new__(Status)  # a copy: the fields are frozen, not the copy
        values = vars(ticked)
        values.update(vars(self))
        values.update(zip(_TIME, _clocks(session, self.state, self.phase is not None),
                          strict=True))
        return ticked

    def next_text(self) -> str:
        """What comes after the phase under way, in a few words."""
        return self.next_texts()[0]

    def next_texts(self) -> tuple[str, ...]:
        """``next_text``, then shorter ways to say it (without the coming phase's side), for a
        screen too narrow for the whole line in a language of long words."""
        if self.state is State.READY:
            return (_("First: {exercise}").format(exercise=self.first_exercise),)
        if self.state in (State.FINISHED, State.STOPPED):
            return ("",)
        following = self.next_phase
        if following is None:
            return (_("Next: done"),)
        if following.kind is PhaseKind.PREPARE:
            return (_("Next: {exercise}").format(exercise=self.next_exercise),)
        short = _("Next: {what}").format(what=next_what(following))
        side = side_in_sentence(following.side, self.next_side)
        if not side:
            return (short,)
        # Translators: {what} is the coming phase ("5 reps", "Rest 30s"), {side} its side
        # ("left side").
        return _("Next: {what}, {side}").format(what=next_what(following), side=side), short


_TIME = ("remaining", "elapsed", "tempo_done", "tempo_left_ms", "phase_progress",
         "routine_progress", "routine_done", "routine_left")
"""The clocks and bars: what a tick changes (in ``_clocks``'s order)."""
_scene = attrgetter(*(f.name for f in fields(Status) if f.name not in _TIME))
"""What a plain tick leaves as it was, as one tuple: asked every second, so read in one go."""


CLOCK_ONLY = frozenset({EventKind.SECOND, EventKind.COUNTDOWN, EventKind.HALFWAY})
"""Events after which a status differs at most in its clocks and bars (see ``ticked``)."""


def _clocks(session: Session, state: State,
            shown: bool) -> tuple[int | None, int, int, int, int, int, int, int]:
    """The clocks and bars at the session's present moment, in ``_TIME``'s order; ``shown``:
    a phase is on screen (not before the start, nor at the end)."""
    timeline = session.timeline
    total = _whole_up(timeline.total_seconds)
    left = total if state is State.READY else min(total,
                                                  _whole_up(session.total_remaining()))
    remaining_seconds = session.remaining()
    remaining = None if remaining_seconds is None else _whole_up(remaining_seconds)
    length = session.phase_duration
    phase_done = 0
    if length and remaining is not None:
        # By the seconds shown, so the bar moves with the countdown and nothing between.
        phase_done = int(BAR_FULL * (1 - min(remaining, length) / length))
    routine_done = BAR_FULL * (total - left) // total if total else 0
    tempo_done, tempo_left_ms = 0, 0
    window = session.tempo_window() if shown else None
    if window is not None:
        begun, part = window
        into = min(part, max(0.0, session.elapsed_in_phase() - begun))
        tempo_done = int(BAR_FULL * into / part) if part > 0 else BAR_FULL
        tempo_left_ms = round((part - into) * 1000)
    if state is State.READY:
        phase_done = 0
    elif state is State.FINISHED:
        phase_done = BAR_FULL
    elif state is State.STOPPED:
        # What was under way stays in view; its progress no longer applies.
        phase_done, routine_done = 0, 0
    elapsed = int(session.elapsed_in_phase() + 1e-9) if remaining is None else 0
    return (remaining, elapsed, tempo_done, tempo_left_ms, max(0, min(BAR_FULL, phase_done)),
            routine_done, total - left, left)


def exercise_text(exercise: Exercise, phase: Phase) -> str:
    """The text shown with a phase, in the language installed: the exercise's description,
    its setup line first in the get-ready before it (the time to do it; once begun, it is
    done)."""
    description = exercise.text(TextField.DESCRIPTION)
    setup = exercise.text(TextField.SETUP)
    if phase.kind is PhaseKind.PREPARE and setup:
        return "\n".join(text for text in (setup, description) if text)
    return description


def status_of(session: Session, muted: bool = False) -> Status:
    """What ``session`` shows now, at its clock's present moment."""
    timeline = session.timeline
    routine = timeline.routine
    state = session.state
    phase = session.phase
    exercise = routine.exercises[phase.exercise_index]
    shown: Phase | None = phase
    word = phase_word(phase)
    colour = _KIND_COLOURS[phase.kind]
    if state is State.READY:
        shown, word, colour = None, PhaseWord.READY, ColourRole.IDLE
    elif state is State.FINISHED:
        shown, word, colour = None, PhaseWord.DONE, ColourRole.DONE
    following = (timeline.phases[phase.index + 1]
                 if phase.index + 1 < len(timeline.phases) else None)
    if state is State.STOPPED:
        # What was under way stays in view; what would have come no longer applies.
        word, colour, following = PhaseWord.STOPPED, ColourRole.DONE, None
    (remaining, elapsed, tempo_done, tempo_left_ms, phase_progress, routine_progress,
     routine_done, routine_left) = _clocks(session, state, shown is not None)
    name = routine.text(TextField.NAME)
    return Status(
        routine=name,
        state=state,
        word=word,
        colour=colour,
        phase=shown,
        exercise=timeline.shown_exercise(phase) if shown is not None else name,
        description=(exercise_text(exercise, phase) if shown is not None
                     else routine.text(TextField.DESCRIPTION) if state is State.READY
                     else ""),
        image=routine.image_path(exercise) if shown is not None else None,
        figure_file=routine.figure_path(exercise) if shown is not None else None,
        side=phase.side if shown is not None else None,
        shown_side=timeline.shown_side(phase) if shown is not None else None,
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
        elapsed=elapsed,
        next_phase=following if shown is not None else None,
        next_exercise=(timeline.shown_exercise(following)
                       if shown is not None and following is not None else ""),
        next_side=(timeline.shown_side(following)
                   if shown is not None and following is not None else None),
        first_exercise=timeline.shown_exercise(timeline.phases[0]),
        phase_progress=phase_progress,
        routine_progress=routine_progress,
        routine_done=routine_done,
        routine_left=routine_left,
        level=timeline.level,
        top_level=timeline.top_level,
        pause_reason=session.pause_reason,
        muted=muted,
    )
