"""What a session came to, for the screen shown when it is over and the terminal's last lines.

``session_summary`` reads only the engine and its timeline: time worked and what was done.
``DoneSummary`` adds what the history knows (the level next time, this week against the
target) as plain numbers, filled in by ``hiptimer.practice``; this layer stays below the
history and knows nothing of it. ``summary_lines`` puts either into a few short lines that
any front end can show, read from across a room. No Qt here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from hiptimer.routine.duration import format_clock, nearest_second
from hiptimer.session.engine import Session
from hiptimer.session.state import State
from hiptimer.session.timeline import Phase, PhaseKind, Timeline

SEPARATOR = " · "
"""Between the parts of one summary line."""
END_TOLERANCE = 1e-6
"""Seconds a phase may fall short of its length and still count as run to its end: the
engine's times are differences of clock readings, exact only to rounding."""


@dataclass(frozen=True)
class Tally:
    """How much of a routine a set of phases covers, counted the way a person counts."""

    exercises: tuple[str, ...]
    """Exercise names, each once, in the order first reached (a second round adds none)."""
    sets: int
    """Sets of an exercise in a round; both sides of a set make one set."""
    sides: int
    """Work on one side of one set: a set done left and right is two."""
    phases: int
    """Phases of every kind: get ready, work, rest and switch."""

    def within(self, other: Tally) -> bool:
        """Whether no count here is above ``other``'s (what was done against the plan)."""
        return (set(self.exercises) <= set(other.exercises) and self.sets <= other.sets
                and self.sides <= other.sides and self.phases <= other.phases)


def tally(phases: Iterable[Phase]) -> Tally:
    """The tally of ``phases``; a phase given twice (run again after going back) counts once."""
    distinct = list({phase.index: phase for phase in phases}.values())
    work = [phase for phase in distinct if phase.kind is PhaseKind.WORK]
    return Tally(exercises=tuple(dict.fromkeys(phase.exercise for phase in work)),
                 sets=len({(phase.round, phase.exercise_index, phase.set) for phase in work}),
                 sides=sum(1 for phase in work if phase.side is not None),
                 phases=len(distinct))


@dataclass(frozen=True)
class SessionSummary:
    """The session's own facts once it is over: how long it ran and what was done."""

    routine: str
    state: State
    """FINISHED or STOPPED for a session that is over."""
    worked_seconds: float
    """Seconds the session ran, pauses left out: the engine's ``active_seconds``."""
    planned_seconds: float
    """The routine's length at the level it ran at, self-paced phases left out."""
    self_paced: bool
    """Whether the routine has self-paced phases, which ``planned_seconds`` cannot count."""
    done: Tally
    """Phases run to their end (a self-paced one: moved on from). A phase cut short by a
    skip or the stop is not done, though its seconds count in ``worked_seconds``."""
    planned: Tally

    @property
    def completed(self) -> bool:
        return self.state is State.FINISHED


def _run_to_end(phase: Phase, seconds: float) -> bool:
    return phase.duration is None or seconds >= phase.duration - END_TOLERANCE


def done_phases(session: Session) -> list[Phase]:
    """The phases ``session`` has left after running them to their end, in the order left."""
    phases = session.timeline.phases
    times = list(session.phase_times)
    if session.state is State.STOPPED and times:
        times.pop()  # the phase the stop cut short: had it reached its end, it would have moved on
    return [phases[index] for index, seconds in times if _run_to_end(phases[index], seconds)]


def session_summary(session: Session) -> SessionSummary:
    """What ``session`` has done so far; meant for one that has finished or been stopped
    (while it runs, the phase under way is not counted yet)."""
    timeline: Timeline = session.timeline
    return SessionSummary(
        routine=timeline.routine.name,
        state=session.state,
        worked_seconds=session.active_seconds(),
        planned_seconds=timeline.total_seconds,
        self_paced=timeline.open_ended_count > 0,
        done=tally(done_phases(session)),
        planned=tally(timeline.phases),
    )


@dataclass(frozen=True)
class DoneSummary:
    """The whole picture at the end: the session's facts and what the history makes of them.

    The history's values are ``None`` when no history is kept (or it could not be read).
    """

    session: SessionSummary
    level: int
    """The progression level this run was at."""
    top_level: int
    """The routine's highest level; 0 when it has no ranges, and levels mean nothing."""
    next_level: int | None
    """The level the routine runs at next time, with any step-up this session earned."""
    held: bool
    """The user keeps the routine at its level, so completing it stepped nothing up."""
    week_sessions: int | None
    """Completed sessions, of any routine, in the week this one started (itself included
    when it was completed)."""
    weekly_target: int | None
    """Completed sessions a week the user aims for."""
    preview: bool = False
    """Played faster than real time: nothing of it was recorded."""


PREVIEW_LINE = "A preview: not recorded"


def _count(number: int, thing: str) -> str:
    return f"{number} {thing}" + ("" if number == 1 else "s")


def _worked_line(facts: SessionSummary) -> str:
    worked = f"Worked {format_clock(nearest_second(facts.worked_seconds))}"
    if facts.completed or facts.self_paced:
        return worked
    # Stopped: how far through the routine it got.
    return f"{worked} of {format_clock(nearest_second(facts.planned_seconds))}"


def _done_line(done: Tally) -> str:
    if not done.sets:
        return "No set finished"
    parts = [_count(len(done.exercises), "exercise"), _count(done.sets, "set")]
    if done.sides:
        parts.append(_count(done.sides, "side"))
    return SEPARATOR.join(parts)


def _level_line(summary: DoneSummary) -> str | None:
    level, following = summary.level, summary.next_level
    if not summary.top_level:
        return None
    if following is None:
        return f"Level {level} of {summary.top_level}"
    if following != level:
        return f"Level {level}{SEPARATOR}next time {following}"
    if summary.held:
        return f"Level {level}{SEPARATOR}held there"
    if level >= summary.top_level:
        return f"Level {level}{SEPARATOR}the top"
    return f"Level {level}{SEPARATOR}again next time"


def _week_line(summary: DoneSummary) -> str | None:
    count, target = summary.week_sessions, summary.weekly_target
    if count is None or target is None:
        return None
    if count >= target:
        return f"This week: {_count(count, 'session')}{SEPARATOR}on target"
    return f"This week: {count} of {target} sessions"


def summary_lines(summary: DoneSummary) -> list[str]:
    """A few short lines, most important first: time worked, what was done, the level and
    the week (each of the last two only when there is something to say)."""
    facts = summary.session
    lines = [_worked_line(facts), _done_line(facts.done)]
    lines += [line for line in (_level_line(summary), _week_line(summary)) if line]
    if summary.preview:
        lines.append(PREVIEW_LINE)
    return lines


__all__ = ["DoneSummary", "SessionSummary", "Tally", "done_phases", "session_summary",
           "summary_lines", "tally"]
