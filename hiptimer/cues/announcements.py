"""What is said aloud for a phase: a full sentence, then shorter ones for tight moments."""

from __future__ import annotations

from hiptimer.base.local_format import decimal_text
from hiptimer.base.translation import N_, _, ngettext
from hiptimer.routine.model import TextField
from hiptimer.session.schedule import has_halfway
from hiptimer.session.timeline import Phase, PhaseKind, Timeline

# Translators: said aloud at the middle of a phase.
HALFWAY = N_("Halfway.")
# Translators: said aloud when the whole routine is finished.
DONE = N_("Done. Well done.")


def side_words(side: str | None, shown: str | None = None) -> str | None:
    """The side as said in a sentence: the built-in sides in words, a routine's own labels
    as written (in ``shown``'s words, the label in the language installed, when given);
    ``None`` for no side. ``side`` is the source label, which tells left from right."""
    if side == "left":
        # Translators: said aloud inside a sentence ("Next: Clams, 12 reps, left side.").
        return _("left side")
    if side == "right":
        # Translators: said aloud inside a sentence ("Next: Clams, 12 reps, right side.").
        return _("right side")
    return (shown or side or None) if side else None


def length_words(seconds: float) -> str:
    """How long, in whole minutes from two on, else in seconds."""
    if seconds >= 120 and seconds % 60 == 0:
        minutes = int(seconds // 60)
        # Translators: a length said aloud inside a sentence.
        return ngettext("{count} minute", "{count} minutes", minutes).format(count=minutes)
    written = f"{seconds:g}"
    if "." in written:  # in the decimals the language writes, as many as English shows
        written = decimal_text(seconds, len(written.partition(".")[2]))
    # A fraction of a second takes the plural, as in "2.5 seconds".
    count = int(seconds) if float(seconds).is_integer() else 2
    # Translators: a length said aloud inside a sentence ("Next: Frog, 45 seconds.").
    return ngettext("{count} second", "{count} seconds", count).format(count=written)


def work_words(work: Phase) -> str:
    """What the work phase asks for: how long, or how many reps."""
    if work.reps is None:
        return length_words(work.duration or 0)
    if work.duration is None:
        # Translators: said aloud inside a sentence ("Next: Clams, 12 reps, at your own
        # pace.").
        return ngettext("{count} rep, at your own pace", "{count} reps, at your own pace",
                        work.reps).format(count=work.reps)
    # Translators: said aloud inside a sentence ("Next: Clams, 12 reps, left side.").
    return ngettext("{count} rep", "{count} reps", work.reps).format(count=work.reps)


def sets_words(sets: int, work: str) -> str:
    """``sets`` sets of ``work`` (``work_words``)."""
    # Translators: said aloud inside a sentence; {work} is a length ("45 seconds") or reps
    # ("12 reps", "12 reps, at your own pace").
    return ngettext("{count} set of {work}", "{count} sets of {work}", sets).format(
        count=sets, work=work)


def next_words(exercise: str, work: str, side: str | None) -> str:
    """The get-ready's full sentence: what comes next, as much as is known of it."""
    if work and side:
        # Translators: said aloud before an exercise. {work} is how long or how many reps
        # ("2 sets of 45 seconds"), {side} the side ("left side").
        return _("Next: {exercise}, {work}, {side}.").format(exercise=exercise, work=work,
                                                             side=side)
    if work:
        # Translators: said aloud before an exercise. {work} is how long or how many reps
        # ("2 sets of 45 seconds", "12 reps").
        return _("Next: {exercise}, {work}.").format(exercise=exercise, work=work)
    if side:
        # Translators: said aloud before an exercise; {side} is the side ("left side").
        return _("Next: {exercise}, {side}.").format(exercise=exercise, side=side)
    return next_short(exercise)


def next_short(exercise: str) -> str:
    """The get-ready's shorter sentence: the exercise's name alone."""
    # Translators: said aloud before an exercise when there is no time for more.
    return _("Next: {exercise}.").format(exercise=exercise)


def rest_words(set_number: int, sets: int, side: str | None) -> str:
    """The rest's full sentence: which set comes next, and on which side."""
    if set_number == sets:
        if side:
            # Translators: said aloud as a rest between sets starts; {side} is the side
            # ("left side").
            return _("Rest. Next: last set, {side}.").format(side=side)
        # Translators: said aloud as a rest between sets starts.
        return _("Rest. Next: last set.")
    if side:
        # Translators: said aloud as a rest between sets starts; {side} is the side
        # ("left side").
        return _("Rest. Next: set {set} of {sets}, {side}.").format(
            set=set_number, sets=sets, side=side)
    # Translators: said aloud as a rest between sets starts.
    return _("Rest. Next: set {set} of {sets}.").format(set=set_number, sets=sets)


def switch_words(side: str | None, shown: str | None = None) -> str:
    """The switch's full sentence: switch, and to which side (``side`` the source label,
    ``shown`` its words in the language installed)."""
    if side == "left":
        # Translators: said aloud when it is time to change to the other side.
        return _("Switch sides. Left side.")
    if side == "right":
        # Translators: said aloud when it is time to change to the other side.
        return _("Switch sides. Right side.")
    label = shown or side
    if side and label:
        # Translators: said aloud when it is time to change to the other side; {side} is
        # the routine's own name for the side, as written there.
        return _("Switch sides. {side}.").format(side=f"{label[0].upper()}{label[1:]}")
    return switch_short()


def switch_short() -> str:
    # Translators: said aloud when it is time to change to the other side.
    return _("Switch sides.")


def rest_short() -> str:
    # Translators: said aloud as a rest starts.
    return _("Rest.")


def as_sentence(text: str) -> str:
    """``text`` ending as a sentence does, so it is said with a stop after it."""
    return text if not text or text[-1] in ".!?" else f"{text}."


def setup_words(timeline: Timeline, phase: Phase) -> str:
    """What to set up before the phase's exercise, as said in its get-ready, in the
    language installed; "" for none."""
    setup = timeline.exercise_of(phase).text(TextField.SETUP)
    return f" {as_sentence(setup)}" if setup else ""


def announcements(timeline: Timeline, index: int) -> list[str]:
    """Sentences for the start of phase ``index``, longest first; empty when nothing is said."""
    phase = timeline.phases[index]
    shown_side = timeline.shown_side(phase)
    side = side_words(phase.side, shown_side)
    if phase.kind is PhaseKind.PREPARE:
        following = timeline.phases[index + 1] if index + 1 < len(timeline.phases) else None
        what = ""
        if following is not None and following.kind is PhaseKind.WORK:
            what = work_words(following)
            if phase.sets > 1:
                what = sets_words(phase.sets, what)
        setup = setup_words(timeline, phase)  # the get-ready is the time to do it
        name = timeline.shown_exercise(phase)
        return _distinct([f"{next_words(name, what, side)}{setup}",
                          f"{next_short(name)}{setup}", f"{name}."])
    if phase.kind is PhaseKind.REST:
        return _distinct([rest_words(phase.set, phase.sets, side), rest_short()])
    if phase.kind is PhaseKind.SWITCH:
        return _distinct([switch_words(phase.side, shown_side), switch_short()])
    return []


def all_texts(timeline: Timeline) -> set[str]:
    """Everything a session of ``timeline`` might say, for rendering ahead of time."""
    texts = {_(HALFWAY), _(DONE)}
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
        texts.append(_(HALFWAY))
    return texts


def in_order_of_need(timeline: Timeline) -> list[str]:
    """Everything a session of ``timeline`` may say, once each, in the order an
    uninterrupted session comes to it: phase by phase, then the finishing words."""
    texts = [text for index, phase in enumerate(timeline.phases)
             for text in phase_texts(timeline, index, phase.duration)]
    return _distinct([*texts, _(DONE)])


def _distinct(texts: list[str]) -> list[str]:
    return list(dict.fromkeys(texts))
