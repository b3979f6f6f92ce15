"""Durations, counts and tempos as people write them: ``45s``, ``2 min``, ``1:30``, ``30-60s``.

Each parser returns a value or raises ``ValueError`` whose text is the user-facing message.
Whatever text arrives, each answers in time proportional to a short, bounded length (longer
text is refused before any pattern sees it, and no pattern backtracks over its input), and
every number returned is finite and within its limits.
"""

from __future__ import annotations

import math
import re

from hiptimer.base.local_format import decimal_separator
from hiptimer.base.problem import quoted
from hiptimer.base.translation import N_, _
from hiptimer.routine.model import IntRange, Span, Tempo

MAX_PHASE_SECONDS = 3600.0
MAX_BUDGET_SECONDS = 24 * 3600.0
"""A routine's time budget is at most a day: anything longer is a slip of the unit."""
MAX_VALUE_CHARS = 64
"""The longest duration, count or tempo that is read: "1 minute 30 seconds to 2 minutes" fits."""

_SECONDS = {"s", "sec", "secs", "second", "seconds"}
_MINUTES = {"m", "min", "mins", "minute", "minutes"}
# Digits are ASCII only: other scripts' digits are not what a routine file means by a number.
_PART = re.compile(r"\s*([0-9]+(?:\.[0-9]+)?|\.[0-9]+)\s*([A-Za-z]*)\s*")
_CLOCK = re.compile(r"([0-9]+):([0-5][0-9])(\.[0-9]+)?")
_SEPARATOR = re.compile(r"-|\u2013|\bto\b")
_NUMBER = re.compile(r"[0-9]+(\.[0-9]+)?")
_COUNT = re.compile(r"-?[0-9]+(\.[0-9]+)?")

DURATION_HELP = N_("write seconds (45, 45s, 45 sec), minutes (2m, 2 min), 1m30s or 1:30")


def _short(text: str, what: str) -> str:
    """``text`` stripped, or ``ValueError`` when it is far longer than any real value."""
    text = text.strip()
    if len(text) > MAX_VALUE_CHARS:
        # Translators: {what} is what the value is, e.g. "a duration" or "a tempo".
        raise ValueError(_("{value} is far too long for {what} (at most {limit} characters)")
                         .format(value=quoted(text, 20), what=what, limit=MAX_VALUE_CHARS))
    return text


def _finite(seconds: float, text: str) -> float:
    if not math.isfinite(seconds) or seconds > 1e9:
        raise ValueError(_("{value} is far too long a time").format(value=quoted(text)))
    return seconds


def _split_range(text: str) -> tuple[str, str] | None:
    """The two ends of a range written ``A-B``, ``A - B``, ``A\u2013B`` or ``A to B``.

    The first separator after the first character splits it, as a person reads it; found
    with one forward search, so the time taken grows only with the length of the text.
    """
    found = _SEPARATOR.search(text, 1)
    if found is None:
        return None
    low, high = text[:found.start()].rstrip(), text[found.end():].lstrip()
    return (low, high) if low and high else None


def _trailing_unit(text: str) -> str:
    """The letters at the end of ``text`` (``s`` of ``60s``), or ''."""
    text = text.rstrip()
    start = len(text)
    while start > 0 and text[start - 1].isascii() and text[start - 1].isalpha():
        start -= 1
    return text[start:]


def parse_duration(text: str) -> float:
    """Seconds in ``text``; zero is allowed here, callers decide whether it is."""
    text = _short(text, _("a duration"))
    if not text:
        raise ValueError(_("empty duration: {help}").format(help=_(DURATION_HELP)))
    if text.startswith("-"):
        raise ValueError(_("duration {value} is negative").format(value=quoted(text)))
    clock = _CLOCK.fullmatch(text)
    if clock:
        minutes, seconds, fraction = clock.groups()
        return _finite(int(minutes) * 60 + int(seconds) + float(fraction or 0), text)
    total = 0.0
    pos = 0
    seen_minutes = seen_seconds = False
    parts = 0
    while pos < len(text):
        match = _PART.match(text, pos)
        if not match or match.end() == pos:
            raise ValueError(_("{value} is not a duration: {help}")
                             .format(value=quoted(text), help=_(DURATION_HELP)))
        number, unit = float(match.group(1)), match.group(2).lower()
        parts += 1
        if unit in _MINUTES and not seen_minutes and not seen_seconds:
            total += number * 60
            seen_minutes = True
        elif unit in _SECONDS and not seen_seconds:
            total += number
            seen_seconds = True
        elif unit == "" and match.end() == len(text) and (parts == 1 or (
                seen_minutes and not seen_seconds)):
            total += number  # a bare number, or the seconds of "1m30"
        else:
            raise ValueError(_("{value} is not a duration: {help}")
                             .format(value=quoted(text), help=_(DURATION_HELP)))
        pos = match.end()
    return _finite(total, text)


def parse_span(text: str) -> Span:
    """A duration or a range of durations (``30-60s``; the unit may be written once, at the end)."""
    text = _short(text, _("a duration"))
    if text.startswith("-"):
        raise ValueError(_("duration {value} is negative").format(value=quoted(text)))
    ends = _split_range(text)
    if ends is None:
        value = parse_duration(text)
        return Span(value, value)
    low_text, high_text = ends
    unit = _trailing_unit(high_text)
    if unit and _NUMBER.fullmatch(low_text):
        low_text += unit
    try:
        low, high = parse_duration(low_text), parse_duration(high_text)
    except ValueError:
        raise ValueError(_("{value} is not a duration or a range of durations such as "
                           "30-60s").format(value=quoted(text))) from None
    if low > high:
        raise ValueError(_("range {value} starts above where it ends")
                         .format(value=quoted(text)))
    return Span(low, high)


def _within_phase_limit(seconds: float) -> float:
    if seconds > MAX_PHASE_SECONDS:
        raise ValueError(_("{seconds} seconds is longer than the one-hour limit for a phase")
                         .format(seconds=f"{seconds:.10g}"))
    return seconds


def parse_pause(text: str) -> float:
    """A pause (prepare, rest, switch): zero turns it off, at most an hour."""
    return _within_phase_limit(parse_duration(text))


def parse_budget(text: str) -> float:
    """A routine's time budget: longer than zero, at most a day."""
    seconds = parse_duration(text)
    if seconds <= 0:
        raise ValueError(_("budget must be longer than 0 seconds ({help})")
                         .format(help=_(DURATION_HELP)))
    if seconds > MAX_BUDGET_SECONDS:
        raise ValueError(_("budget {budget} is longer than the 24-hour limit")
                         .format(budget=shown_seconds(seconds)))
    return seconds


def parse_hold(text: str) -> Span:
    """A hold or a range of holds: longer than zero, at most an hour."""
    span = parse_span(text)
    if span.low <= 0:
        raise ValueError(_("hold must be longer than 0 seconds ({help})")
                         .format(help=_(DURATION_HELP)))
    _within_phase_limit(span.high)
    return span


def parse_bounded_count(text: str, what: str, limit: int) -> IntRange:
    """A count or a range of counts, the high end at most ``limit``."""
    value = parse_count(text, what)
    if value.high > limit:
        # Translators: {what} is the file's key, left in English: rounds, sets or reps.
        raise ValueError(_("at most {limit} {what}, not {count}")
                         .format(limit=limit, what=what, count=value.high))
    return value


def parse_count(text: str, what: str) -> IntRange:
    """A whole number or a range of them (``8-12``), each at least 1."""
    # Translators: {what} is the file's key, left in English: rounds, sets or reps.
    text = _short(text, _("a number of {what}").format(what=what))
    split = _split_range(text) if not text.startswith("-") else None
    ends = split if split is not None else (text,)
    values: list[int] = []
    for end in ends:
        if not _COUNT.fullmatch(end):
            # Translators: {what} is the file's key, left in English: rounds, sets or reps.
            raise ValueError(_("{what} must be a whole number or a range such as 8-12, not "
                               "{value}").format(what=what, value=quoted(text)))
        if len(end) > 9:
            raise ValueError(_("{what}: {value}... is far too large")
                             .format(what=what, value=end[:12]))
        number = float(end)
        if number != int(number):
            raise ValueError(_("{what} must be a whole number, not {value}")
                             .format(what=what, value=end))
        if number < 1:
            raise ValueError(_("{what} must be at least 1, not {value}")
                             .format(what=what, value=end))
        values.append(int(number))
    low, high = values[0], values[-1]
    if low > high:
        raise ValueError(_("range {value} starts above where it ends")
                         .format(value=quoted(text)))
    return IntRange(low, high)


def parse_tempo(text: str) -> Tempo:
    """Seconds per rep (``3s``), up-hold-down seconds (``2-1-2``), or ``self`` for self-paced."""
    text = _short(text, _("a tempo"))
    if text.lower() == "self":
        return Tempo.SELF_PACED
    wrong = _("tempo must be seconds per rep (3s), up-hold-down seconds (2-1-2) or self, not "
              "{value}").format(value=quoted(text))
    if text.startswith("-"):
        raise ValueError(_("tempo {value} is negative").format(value=quoted(text)))
    pieces = [p.strip() for p in text.split("-")]
    if len(pieces) == 1:
        try:
            seconds = parse_duration(text)
        except ValueError:
            raise ValueError(wrong) from None
        if seconds <= 0:
            raise ValueError(_("tempo must be longer than 0 seconds"))
        return Tempo((_within_phase_limit(seconds),))
    if len(pieces) != 3:
        raise ValueError(wrong)
    try:
        parts = tuple(parse_duration(p) for p in pieces)
    except ValueError:
        raise ValueError(wrong) from None
    if sum(parts) <= 0:
        raise ValueError(_("tempo must be longer than 0 seconds in all"))
    _within_phase_limit(sum(parts))
    return Tempo(parts)


def format_seconds(seconds: float) -> str:
    """Short form in a routine file's syntax: ``45s``, ``2m``, ``1m30s``, ``1h05m10s``
    (``shown_seconds`` is the same length as a person reads it in the language installed)."""
    hours, minutes, secs = _length_parts(seconds)
    return "".join(f"{part}{unit}" for part, unit in ((hours, "h"), (minutes, "m"), (secs, "s"))
                   if part is not None)


def shown_seconds(seconds: float) -> str:
    """A length of time as a person reads it, in the language installed: ``12m30s`` in
    English (as a routine file writes it), ``12 min 30 s`` in German and Spanish."""
    hours, minutes, secs = _length_parts(seconds)
    if secs is not None:
        secs = secs.replace(".", decimal_separator())
    # Translators: a length of time on the screen, in the symbols h, m and s: "45s", "2m",
    # "12m30s", "1h05m10s". Write your language's symbols with spaces: "12 min 30 s".
    if hours is not None:
        if secs is None:
            return _("{hours}h{minutes}m").format(hours=hours, minutes=minutes)
        # Translators: a length of time on the screen: "1h05m10s" ("1 h 05 min 10 s").
        return _("{hours}h{minutes}m{seconds}s").format(hours=hours, minutes=minutes,
                                                        seconds=secs)
    if minutes is not None:
        if secs is None:
            # Translators: a length of time on the screen: "2m" ("2 min").
            return _("{minutes}m").format(minutes=minutes)
        # Translators: a length of time on the screen: "12m30s" ("12 min 30 s").
        return _("{minutes}m{seconds}s").format(minutes=minutes, seconds=secs)
    # Translators: a length of time on the screen: "45s" ("45 s").
    return _("{seconds}s").format(seconds=secs)


def _length_parts(seconds: float) -> tuple[str | None, str | None, str | None]:
    """The hours, minutes and seconds of a length as ``format_seconds`` writes each (a part
    it leaves out is ``None``; decimals with a point)."""
    if seconds != int(seconds):
        if seconds < 60:
            return None, None, f"{seconds:g}"
        hours, rest = divmod(int(seconds), 3600)
        fraction = f"{rest % 60 + seconds % 1:.3g}"
        return (str(hours) if hours else None), str(rest // 60), fraction
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return str(hours), f"{minutes:02d}", (f"{secs:02d}" if secs else None)
    if minutes:
        return None, str(minutes), (f"{secs:02d}" if secs else None)
    return None, None, str(secs)


def format_elapsed(seconds: float) -> str:
    """``M:SS`` counted up, showing whole seconds passed (a count-up starts at 0:00)."""
    return format_clock(math.floor(seconds + 1e-9))


def nearest_second(seconds: float) -> int:
    """Whole seconds, halves rounded up (``round`` would make 28.5 s and 27.5 s both 28)."""
    return math.floor(seconds + 0.5)


def format_clock(seconds: float) -> str:
    """``M:SS`` (or ``H:MM:SS``) rounded up, the way a countdown shows a remaining time."""
    whole = max(0, int(-(-seconds // 1)))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
