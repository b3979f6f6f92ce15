"""Which sessions count, and which are kept at all: the one rule behind this week's count, the
streak, a reminder's "already done today" and the summary at the end.

Work is the time spent in work phases (holds and reps; get ready, rests, side switches and
pauses left out). A session **counts** when it has at least ``MIN_WORK`` of work and was
completed, or stopped (or cut off) after at least ``DONE_SHARE`` of its planned work. So a
routine with less than two minutes of work never counts, a start by mistake never counts,
and a session stopped near its end does. A session with no more than ``KEPT_WORK`` of work
(stopped while getting ready, say) is not kept in the history at all: nothing was done.

Only plain numbers here, so the session's own summary and the history's records give the
rule the same figures. No Qt here.
"""

from __future__ import annotations

from enum import Enum

from hiptimer.base.local_format import decimal_text
from hiptimer.base.translation import N_, _, ngettext

MIN_WORK = 120.0
"""Seconds of work a session needs to count: a routine shorter than this is a warm-up."""
DONE_SHARE = 0.5
"""A session stopped after at least this share of its planned work counts."""
KEPT_WORK = 0.0
"""Seconds of work a session must have more than to be kept in the history: any work at
all (a stop a moment into a hold is a stop, kept as one; a start by mistake is not)."""
TOLERANCE = 1e-6
"""Seconds of rounding a figure may fall short by (work is a sum of clock differences)."""


RULE = (f"A session counts towards the week with at least {MIN_WORK / 60:g} minutes of work, "
        "completed or stopped after half its planned work.")
"""The rule in words, in English (``rule_text`` gives it in the language installed)."""


def _minutes_count(minutes: float) -> int:
    """The count a plural form is chosen by, for a number of minutes that may not be whole."""
    return int(minutes) if minutes.is_integer() else 0


def rule_text() -> str:
    """The rule in words, in the language installed, for wherever the counts are shown."""
    minutes = MIN_WORK / 60
    return ngettext("A session counts towards the week with at least {minutes} minute of work, "
                    "completed or stopped after half its planned work.",
                    "A session counts towards the week with at least {minutes} minutes of "
                    "work, completed or stopped after half its planned work.",
                    _minutes_count(minutes)).format(minutes=decimal_text(minutes, 2))


class Shortfall(Enum):
    """Why a session does not count."""

    NO_WORK = "no work done"
    """No more than ``KEPT_WORK``: not kept in the history at all."""
    UNDER_HALF = "under half the work"
    """Stopped before ``DONE_SHARE`` of its planned work."""
    TOO_SHORT = f"under {MIN_WORK / 60:g} minutes of work"
    """Under ``MIN_WORK`` (a very short routine, or most of one skipped)."""


_SHORTFALL_WORDS = {Shortfall.NO_WORK: N_("no work done"),
                    Shortfall.UNDER_HALF: N_("under half the work")}


def shortfall_words(missing: Shortfall) -> str:
    """Why a session does not count, in words of the language installed ("under half the
    work"), to follow "Not counted:"."""
    if missing is Shortfall.TOO_SHORT:
        minutes = MIN_WORK / 60
        return ngettext("under {minutes} minute of work", "under {minutes} minutes of work",
                        _minutes_count(minutes)).format(minutes=decimal_text(minutes, 2))
    return _(_SHORTFALL_WORDS[missing])


def shortfall(completed: bool, work: float, planned_work: float) -> Shortfall | None:
    """Why a session with ``work`` seconds of work out of ``planned_work`` does not count;
    ``None`` when it counts. ``planned_work`` leaves out self-paced phases (0 when all are)."""
    if not kept(work):
        return Shortfall.NO_WORK
    if not completed and work + TOLERANCE < DONE_SHARE * planned_work:
        return Shortfall.UNDER_HALF
    if work + TOLERANCE < MIN_WORK:
        return Shortfall.TOO_SHORT
    return None


def counts(completed: bool, work: float, planned_work: float) -> bool:
    """Whether the session counts towards the week, the streak and a reminder's day."""
    return shortfall(completed, work, planned_work) is None


def kept(work: float) -> bool:
    """Whether a session with ``work`` seconds of work belongs in the history."""
    return work > KEPT_WORK + TOLERANCE


__all__ = ["DONE_SHARE", "KEPT_WORK", "MIN_WORK", "RULE", "TOLERANCE", "Shortfall", "counts",
           "kept", "rule_text", "shortfall", "shortfall_words"]
