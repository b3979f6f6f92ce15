"""A session's status as sentences, for people who hear the screen rather than see it.

The session screen is painted by hand, so a screen reader finds nothing in it to read: it
reads these sentences instead. They say what the screen shows (the phase, the exercise,
the side, the set or rep, and the time left) in words a speech synthesiser says well, not
the screen's short forms ("0:25", "3/8", "L").
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hiptimer.session.state import State

if TYPE_CHECKING:  # the status (and the engine behind it) loads with a session
    from hiptimer.session.status import Status


def spoken_seconds(seconds: int) -> str:
    """``65`` as "1 minute 5 seconds": a clock's "1:05" is read out as a time of day."""
    minutes, rest = divmod(max(0, seconds), 60)
    parts = []
    if minutes:
        parts.append(f"{minutes} minute{'s' * (minutes != 1)}")
    if rest or not minutes:
        parts.append(f"{rest} second{'s' * (rest != 1)}")
    return " ".join(parts)


def spoken_phase(status: Status) -> str:
    """What is under way, without the clock: it changes only when the phase (or the rep,
    or the state) does, so it is what is announced when it changes."""
    routine = status.routine
    if status.state is State.READY:
        return f"Ready: {routine}. Press Space to start."
    if status.state is State.FINISHED:
        return f"Done: {routine}. Well done."
    if status.state is State.STOPPED:
        return f"Stopped at {status.exercise}. Press Space to begin again."
    bits = [f"{status.word.value.capitalize()}: {status.exercise}"]
    side = status.side_text().lower()
    if side:
        bits.append(side)
    if status.sets > 1:
        bits.append(f"set {status.set} of {status.sets}")
    if status.reps is not None and not status.self_paced:
        bits.append(f"rep {status.rep or 1} of {status.reps}")
    sentence = ", ".join(bits) + "."
    return f"Paused. {sentence}" if status.paused else sentence


def spoken_time(status: Status) -> str:
    """The phase's clock in words: the time left, or the time so far when self-paced."""
    if not status.live:
        return ""
    if status.self_paced or status.remaining is None:
        return (f"{spoken_seconds(status.elapsed)} so far; "
                "press Space or the clicker when done.")
    return f"{spoken_seconds(status.remaining)} left."


def spoken_status(status: Status) -> str:
    """Everything the screen says now, as one or two sentences."""
    time = spoken_time(status)
    return f"{spoken_phase(status)} {time}" if time else spoken_phase(status)


def spoken_figure(status: Status) -> str:
    """The screen's big figure in words: the rep count in a timed reps phase, otherwise the
    phase's clock; before the start, the routine's length."""
    if status.live and status.reps is not None and not status.self_paced:
        return f"Rep {status.rep or 1} of {status.reps}."
    if status.state is State.READY:
        return f"{spoken_seconds(status.routine_done + status.routine_left)} in all."
    if status.state is State.FINISHED:
        return "Done."
    return spoken_time(status)
