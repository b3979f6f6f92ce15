"""What a session came to, for the screen shown when it is over and the terminal's last lines.

``session_summary`` reads only the engine and its timeline: the work done (time in work
phases, the figure the history keeps too), the session's length, and what was done.
``DoneSummary`` adds what the history knows (the level next time, this week against the
target) as plain numbers, filled in by ``hiptimer.practice``, and how the session felt, as
its person said in the check-in; this layer stays below the history and knows nothing of
it. ``summary_lines`` puts either into a few short lines that
any front end can show, read from across a room. No Qt here.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from dataclasses import dataclass

from hiptimer.base.translation import N_, _, ngettext
from hiptimer.routine.duration import format_clock, nearest_second
from hiptimer.session.counting import Shortfall, shortfall, shortfall_words
from hiptimer.session.engine import Session
from hiptimer.session.feeling import Feeling
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
    """The session's own facts once it is over: its work, its length and what was done."""

    routine: str
    state: State
    """FINISHED or STOPPED for a session that is over."""
    work_seconds: float
    """Work: seconds spent in work phases (holds and reps), pauses left out. The history
    records the same figure for the session."""
    session_seconds: float
    """The session's length: seconds it ran, get ready, rests and switches included, pauses
    left out (the engine's ``active_seconds``)."""
    planned_work_seconds: float
    """The work the routine plans at the level it ran at, self-paced phases left out."""
    self_paced: bool
    """Whether the routine has self-paced phases, which ``planned_work_seconds`` cannot count."""
    done: Tally
    """Phases run to their end (a self-paced one: moved on from). A phase cut short by a
    skip or the stop is not done, though its seconds count in ``work_seconds``."""
    planned: Tally

    @property
    def completed(self) -> bool:
        return self.state is State.FINISHED

    @property
    def shortfall(self) -> Shortfall | None:
        """Why this session does not count towards the week; ``None`` when it counts."""
        return shortfall(self.completed, self.work_seconds, self.planned_work_seconds)


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
    (while it runs, the phase under way counts in its work but not yet in what was done)."""
    timeline: Timeline = session.timeline
    phases = timeline.phases
    times = list(session.phase_times)
    if session.is_live():
        times.append((session.index, session.elapsed_in_phase()))
    return SessionSummary(
        routine=timeline.routine.name,
        state=session.state,
        work_seconds=sum(seconds for index, seconds in times
                         if phases[index].kind is PhaseKind.WORK),
        session_seconds=session.active_seconds(),
        planned_work_seconds=sum(phase.duration or 0 for phase in phases
                                 if phase.kind is PhaseKind.WORK),
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
    """Sessions that count (``hiptimer.session.counting``), of any routine, in the week
    this one started: itself included when it counts."""
    weekly_target: int | None
    """Sessions that count, a week, that the user aims for."""
    preview: bool = False
    """Played faster than real time: nothing of it was recorded."""
    unrecorded: bool = False
    """Its end could not be written to the history yet: the history does not count it, or
    step its level, until it is (the history's values are ``None`` meanwhile)."""
    feeling: Feeling | None = None
    """How it felt, as answered in the check-in; ``None``: not asked, or not answered."""
    advice: tuple[str, ...] = ()
    """What the history advises beyond this session, in sentences: measure the range of
    motion again, one hip stiffer than the other."""


PREVIEW_LINE = N_("A preview: not recorded")
NOT_KEPT_LINE = N_("Not recorded: no work done")
UNRECORDED_LINE = N_("Not in the history yet: trying again")
PAIN_ADVICE = (N_("Ease off: only as far as is comfortable"),
               N_("Take the easier version, or leave it out"),
               N_("If it keeps hurting, ask your clinician"))
"""Said after a session that hurt, below the level it steps down to (in English: pass each
through ``_`` to show it, as ``rated_lines`` does)."""


def _clock(seconds: float) -> str:
    return format_clock(nearest_second(seconds))


def _outcome_line(facts: SessionSummary) -> str:
    """Finished or stopped, and how many of the sets."""
    done, planned = facts.done.sets, facts.planned.sets
    if facts.completed:
        if done < planned:
            return ngettext("Finished: {done} of {count} set done",
                            "Finished: {done} of {count} sets done",
                            planned).format(done=done, count=planned)
        if planned > 1:
            return ngettext("Finished: all {count} set done", "Finished: all {count} sets done",
                            planned).format(count=planned)
        return _("Finished: 1 set done")
    if not done:
        return _("Stopped before a set was done")
    return ngettext("Stopped: {done} of {count} set done", "Stopped: {done} of {count} sets done",
                    planned).format(done=done, count=planned)


def _work_text(work: float, session: float | None, planned_work: float | None = None) -> str:
    """The one figure for work, with the session's length beside it:
    ``Work 0:49 of 7:30 · Session 1:12`` (no ``of`` without a plan to set it against, no
    session length where it is not known)."""
    if planned_work is None:
        text = _("Work {work}").format(work=_clock(work))
    else:
        text = _("Work {work} of {planned}").format(work=_clock(work),
                                                    planned=_clock(planned_work))
    if session is not None:
        text += SEPARATOR + _("Session {length}").format(length=_clock(session))
    return text


def _work_line(facts: SessionSummary) -> str:
    stopped_with_a_plan = not facts.completed and not facts.self_paced
    return _work_text(facts.work_seconds, facts.session_seconds,
                     facts.planned_work_seconds if stopped_with_a_plan else None)


def _counting_line(facts: SessionSummary) -> str | None:
    """Why the session does not count, when it does not."""
    missing = facts.shortfall
    if missing is None:
        return None
    if missing is Shortfall.NO_WORK:
        return _(NOT_KEPT_LINE)
    return _("Not counted: {reason}").format(reason=shortfall_words(missing))


def _week_line(summary: DoneSummary) -> str | None:
    count, target = summary.week_sessions, summary.weekly_target
    if count is None or target is None:
        return None
    if count >= target:
        return ngettext("This week: {count} session, on target",
                        "This week: {count} sessions, on target", count).format(count=count)
    return ngettext("This week: {count} of {target} session",
                    "This week: {count} of {target} sessions", target).format(count=count,
                                                                              target=target)


_LEVEL_LINES = {
    "level": (N_("Level {level} of {top}"), N_("level {level} of {top}")),
    "easier": (N_("Next time: level {level} of {top}, easier"),
               N_("next time: level {level} of {top}, easier")),
    "step": (N_("Next time: level {level} of {top}"), N_("next time: level {level} of {top}")),
    "held": (N_("Next time: level {level} of {top} again, held"),
             N_("next time: level {level} of {top} again, held")),
    "top": (N_("Next time: level {level} of {top} again, the top"),
            N_("next time: level {level} of {top} again, the top")),
    "again": (N_("Next time: level {level} of {top} again"),
              N_("next time: level {level} of {top} again")),
}
"""The level line's messages, each as a line begins it and as it goes on after how the
session felt ("Felt hard · next time: level 3 of 5 again")."""


def _level_line(summary: DoneSummary, after_feeling: bool = False) -> str | None:
    level, following, top = summary.level, summary.next_level, summary.top_level
    if not top:
        return None
    if following is None:
        which, shown = "level", level
    elif following < level:
        which, shown = "easier", following
    elif following != level:
        which, shown = "step", following
    elif summary.held:
        which, shown = "held", level
    elif level >= top:
        which, shown = "top", top
    else:
        which, shown = "again", level
    message = _LEVEL_LINES[which][1 if after_feeling else 0]
    return _(message).format(level=shown, top=top)


_FELT = {Feeling.EASY: N_("Felt easy"), Feeling.RIGHT: N_("Felt about right"),
         Feeling.HARD: N_("Felt hard"), Feeling.PAIN: N_("It hurt")}


def feeling_words(feeling: Feeling) -> str:
    """The check-in's answer as the end says it: "Felt about right", "It hurt"."""
    return _(_FELT[feeling])


def rated_lines(summary: DoneSummary) -> list[str]:
    """What the check-in's answer came to: how it felt with the level next time, which the
    answer moved ("Felt hard · next time: level 3 of 5 again"), and after a session that
    hurt, what to do about it. Empty when it was not answered."""
    feeling = summary.feeling
    if feeling is None:
        return []
    line = feeling_words(feeling)
    level = None if summary.preview else _level_line(summary, after_feeling=True)
    if level:
        line += f"{SEPARATOR}{level}"
    return [line, *(_(advice) for advice in (PAIN_ADVICE if feeling is Feeling.PAIN else ()))]


def summary_lines(summary: DoneSummary) -> list[str]:
    """A few short lines to read from the floor, most important first: finished or stopped,
    the work done, whether it counts and this week against the target, how it felt, the
    level next time and, when it hurt, what to do (each of the last ones only when there is
    something to say)."""
    facts = summary.session
    lines = [_outcome_line(facts), _work_line(facts)]
    if summary.preview:
        return [*lines, _(PREVIEW_LINE)]
    lines += [line for line in (_counting_line(facts), _week_line(summary)) if line]
    if summary.feeling is not None:
        lines += rated_lines(summary)
    else:
        lines += [line for line in (_level_line(summary),) if line]
    if summary.unrecorded and facts.shortfall is not Shortfall.NO_WORK:
        lines.append(_(UNRECORDED_LINE))
    return lines


SCREEN_WIDTH = 44
"""Characters in a line of the end's advice on the screen: about the summary's longest, so
that a sentence of advice does not make every line smaller to fit."""


def end_lines(summary: DoneSummary, width: int | None = None) -> list[str]:
    """All a front end shows at the end: the summary's lines, then the history's advice,
    each sentence broken into lines of at most ``width`` characters where one is given
    (the screen; a terminal breaks its lines itself)."""
    advice = [part for sentence in summary.advice
              for part in (textwrap.wrap(sentence, width) if width else [sentence])]
    return [*summary_lines(summary), *advice]


__all__ = ["PAIN_ADVICE", "DoneSummary", "SessionSummary", "Tally", "done_phases", "end_lines",
           "feeling_words", "rated_lines", "session_summary", "summary_lines", "tally"]
