"""What is said aloud for a phase: a full sentence, then shorter ones for tight moments."""

from __future__ import annotations

from hiptimer.session.schedule import has_halfway
from hiptimer.session.timeline import Phase, PhaseKind, Timeline

HALFWAY = "Halfway."
DONE = "Done. Well done."


def side_words(side: str | None) -> str | None:
    if side in ("left", "right"):
        return f"{side} side"
    return side


def length_words(seconds: float) -> str:
    if seconds >= 120 and seconds % 60 == 0:
        return f"{int(seconds // 60)} minutes"
    return f"{seconds:g} seconds"


def work_words(work: Phase) -> str:
    if work.reps is None:
        return length_words(work.duration or 0)
    return f"{work.reps} reps" + (", at your own pace" if work.duration is None else "")


def as_sentence(text: str) -> str:
    """``text`` ending as a sentence does, so it is said with a stop after it."""
    return text if not text or text[-1] in ".!?" else f"{text}."


def setup_words(timeline: Timeline, phase: Phase) -> str:
    """What to set up before the phase's exercise, as said in its get-ready; "" for none."""
    setup = timeline.routine.exercises[phase.exercise_index].setup
    return f" {as_sentence(setup)}" if setup else ""


def announcements(timeline: Timeline, index: int) -> list[str]:
    """Sentences for the start of phase ``index``, longest first; empty when nothing is said."""
    phase = timeline.phases[index]
    side = side_words(phase.side)
    if phase.kind is PhaseKind.PREPARE:
        following = timeline.phases[index + 1] if index + 1 < len(timeline.phases) else None
        what = ""
        if following is not None and following.kind is PhaseKind.WORK:
            what = work_words(following)
            if phase.sets > 1:
                what = f"{phase.sets} sets of {what}"
        full = ", ".join(bit for bit in (f"Next: {phase.exercise}", what, side) if bit)
        setup = setup_words(timeline, phase)  # the get-ready is the time to do it
        return _distinct([f"{full}.{setup}", f"Next: {phase.exercise}.{setup}",
                          f"{phase.exercise}."])
    if phase.kind is PhaseKind.REST:
        which = "last set" if phase.set == phase.sets else f"set {phase.set} of {phase.sets}"
        full = ", ".join(bit for bit in (f"Rest. Next: {which}", side) if bit)
        return _distinct([f"{full}.", "Rest."])
    if phase.kind is PhaseKind.SWITCH:
        if side:
            return _distinct([f"Switch sides. {side[0].upper()}{side[1:]}.", "Switch sides."])
        return ["Switch sides."]
    return []


def all_texts(timeline: Timeline) -> set[str]:
    """Everything a session of ``timeline`` might say, for rendering ahead of time."""
    texts = {HALFWAY, DONE}
    for index in range(len(timeline.phases)):
        texts.update(announcements(timeline, index))
    return texts


def phase_texts(timeline: Timeline, index: int, duration: float | None) -> list[str]:
    """What phase ``index`` lasting ``duration`` may say, in the order it is best made: its
    announcement shortest first (when time runs short, a short sentence made is better than
    a long one still waiting), then its halfway."""
    texts = announcements(timeline, index)[::-1]
    phase = timeline.phases[index]
    if duration is not None and has_halfway(phase, duration):
        texts.append(HALFWAY)
    return texts


def in_order_of_need(timeline: Timeline) -> list[str]:
    """Everything a session of ``timeline`` may say, once each, in the order an
    uninterrupted session comes to it: phase by phase, then the finishing words."""
    texts = [text for index, phase in enumerate(timeline.phases)
             for text in phase_texts(timeline, index, phase.duration)]
    return _distinct([*texts, DONE])


def _distinct(texts: list[str]) -> list[str]:
    return list(dict.fromkeys(texts))
