"""A session's status as sentences, for people who hear the screen rather than see it.

The session screen is painted by hand, so a screen reader finds nothing in it to read: it
reads these sentences instead. They say what the screen shows (the phase, the exercise,
the side, the set or rep, and the time left) in words a speech synthesiser says well, not
the screen's short forms ("0:25", "3/8", "L").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hiptimer.base.translation import N_, _, ngettext
from hiptimer.session.state import State
from hiptimer.session.vocabulary import PhaseWord

if TYPE_CHECKING:  # the status (and the engine behind it) loads with a session
    from hiptimer.session.status import Status

_UNDER_WAY = {PhaseWord.GET_READY: N_("Get ready: {exercise}"),
              PhaseWord.HOLD: N_("Hold: {exercise}"), PhaseWord.REPS: N_("Reps: {exercise}"),
              PhaseWord.REST: N_("Rest: {exercise}"),
              PhaseWord.SWITCH: N_("Switch sides: {exercise}")}
"""What is under way, opening the sentence a screen reader says of a phase."""


def spoken_seconds(seconds: int) -> str:
    """``65`` as "1 minute 5 seconds": a clock's "1:05" is read out as a time of day."""
    minutes, rest = divmod(max(0, seconds), 60)
    minutes_text = ngettext("{count} minute", "{count} minutes", minutes).format(count=minutes)
    seconds_text = ngettext("{count} second", "{count} seconds", rest).format(count=rest)
    if minutes and rest:
        # Translators: a length in words: "1 minute 5 seconds".
        return _("{minutes} {seconds}").format(minutes=minutes_text, seconds=seconds_text)
    return minutes_text if minutes else seconds_text


def _under_way(status: Status) -> str:
    message = _UNDER_WAY.get(status.word)
    if message is None:  # no phase word of its own: the screen's word as it is shown
        return f"{status.word.shown}: {status.exercise}"
    return _(message).format(exercise=status.exercise)


def spoken_phase(status: Status) -> str:
    """What is under way, without the clock: it changes only when the phase (or the rep,
    or the state) does, so it is what is announced when it changes."""
    routine = status.routine
    if status.state is State.READY:
        return _("Ready: {routine}. Press Space to start.").format(routine=routine)
    if status.state is State.FINISHED:
        return _("Done: {routine}. Well done.").format(routine=routine)
    if status.state is State.STOPPED:
        return _("Stopped at {exercise}. Press Space to begin again.").format(
            exercise=status.exercise)
    bits = [_under_way(status)]
    side = status.side_in_sentence()
    if side:
        bits.append(side)
    if status.sets > 1:
        # Translators: a part of a sentence read out: "Hold: Pigeon, left side, set 1 of 2."
        bits.append(_("set {set} of {sets}").format(set=status.set, sets=status.sets))
    if status.reps is not None and not status.self_paced:
        bits.append(_("rep {rep} of {reps}").format(rep=status.rep or 1, reps=status.reps))
    sentence = ", ".join(bits) + "."
    return _("Paused. {sentence}").format(sentence=sentence) if status.paused else sentence


def spoken_time(status: Status) -> str:
    """The phase's clock in words: the time left, or the time so far when self-paced."""
    if not status.live:
        return ""
    if status.self_paced or status.remaining is None:
        return _("{time} so far; press Space or the clicker when done.").format(
            time=spoken_seconds(status.elapsed))
    return _("{time} left.").format(time=spoken_seconds(status.remaining))


def spoken_status(status: Status) -> str:
    """Everything the screen says now, as one or two sentences."""
    time = spoken_time(status)
    return f"{spoken_phase(status)} {time}" if time else spoken_phase(status)


def spoken_figure(status: Status) -> str:
    """The screen's big figure in words: the rep count in a timed reps phase, otherwise the
    phase's clock; before the start, the routine's length."""
    if status.live and status.reps is not None and not status.self_paced:
        return _("Rep {rep} of {reps}.").format(rep=status.rep or 1, reps=status.reps)
    if status.state is State.READY:
        return _("{time} in all.").format(
            time=spoken_seconds(status.routine_done + status.routine_left))
    if status.state is State.FINISHED:
        return _("Done.")
    return spoken_time(status)
