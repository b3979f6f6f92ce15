"""Durations, counts and tempos as people write them: ``45s``, ``2 min``, ``1:30``, ``30-60s``.

Each parser returns a value or raises ``ValueError`` whose text is the user-facing message.
"""

from __future__ import annotations

import math
import re

from hiptimer.routine.model import IntRange, Span, Tempo

MAX_PHASE_SECONDS = 3600.0

_SECONDS = {"s", "sec", "secs", "second", "seconds"}
_MINUTES = {"m", "min", "mins", "minute", "minutes"}
_PART = re.compile(r"\s*(\d+(?:\.\d+)?|\.\d+)\s*([A-Za-z]*)\s*")
_CLOCK = re.compile(r"(\d+):([0-5]\d)(\.\d+)?")
_RANGE = re.compile(r"(.+?)\s*(?:-|\u2013|\bto\b)\s*(.+)")
_TRAILING_UNIT = re.compile(r"[A-Za-z]+\s*$")

DURATION_HELP = "write seconds (45, 45s, 45 sec), minutes (2m, 2 min), 1m30s or 1:30"


def parse_duration(text: str) -> float:
    """Seconds in ``text``; zero is allowed here, callers decide whether it is."""
    text = text.strip()
    if not text:
        raise ValueError(f"empty duration: {DURATION_HELP}")
    if text.startswith("-"):
        raise ValueError(f"duration {text!r} is negative")
    clock = _CLOCK.fullmatch(text)
    if clock:
        minutes, seconds, fraction = clock.groups()
        return int(minutes) * 60 + int(seconds) + float(fraction or 0)
    total = 0.0
    pos = 0
    seen_minutes = seen_seconds = False
    parts = 0
    while pos < len(text):
        match = _PART.match(text, pos)
        if not match or match.end() == pos:
            raise ValueError(f"{text!r} is not a duration: {DURATION_HELP}")
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
            raise ValueError(f"{text!r} is not a duration: {DURATION_HELP}")
        pos = match.end()
    return total


def parse_span(text: str) -> Span:
    """A duration or a range of durations (``30-60s``; the unit may be written once, at the end)."""
    text = text.strip()
    if text.startswith("-"):
        raise ValueError(f"duration {text!r} is negative")
    match = _RANGE.fullmatch(text)
    if not match:
        value = parse_duration(text)
        return Span(value, value)
    low_text, high_text = match.groups()
    unit = _TRAILING_UNIT.search(high_text)
    if unit and re.fullmatch(r"\d+(\.\d+)?", low_text):
        low_text += unit.group(0)
    try:
        low, high = parse_duration(low_text), parse_duration(high_text)
    except ValueError:
        raise ValueError(f"{text!r} is not a duration or a range of durations such as "
                         "30-60s") from None
    if low > high:
        raise ValueError(f"range {text!r} starts above where it ends")
    return Span(low, high)


def _within_phase_limit(seconds: float) -> float:
    if seconds > MAX_PHASE_SECONDS:
        raise ValueError(f"{seconds:.10g} seconds is longer than the one-hour limit for a phase")
    return seconds


def parse_pause(text: str) -> float:
    """A pause (prepare, rest, switch): zero turns it off, at most an hour."""
    return _within_phase_limit(parse_duration(text))


def parse_hold(text: str) -> Span:
    """A hold or a range of holds: longer than zero, at most an hour."""
    span = parse_span(text)
    if span.low <= 0:
        raise ValueError(f"hold must be longer than 0 seconds ({DURATION_HELP})")
    _within_phase_limit(span.high)
    return span


def parse_bounded_count(text: str, what: str, limit: int) -> IntRange:
    """A count or a range of counts, the high end at most ``limit``."""
    value = parse_count(text, what)
    if value.high > limit:
        raise ValueError(f"at most {limit} {what}, not {value.high}")
    return value


def parse_count(text: str, what: str) -> IntRange:
    """A whole number or a range of them (``8-12``), each at least 1."""
    text = text.strip()
    match = re.fullmatch(r"(\S+?)\s*(?:-|\u2013|\bto\b)\s*(\S+)", text)
    ends = match.groups() if match and not text.startswith("-") else (text,)
    values: list[int] = []
    for end in ends:
        if not re.fullmatch(r"-?\d+(\.\d+)?", end):
            raise ValueError(f"{what} must be a whole number or a range such as 8-12, "
                             f"not {text!r}")
        if len(end) > 9:
            raise ValueError(f"{what}: {end[:12]}... is far too large")
        number = float(end)
        if number != int(number):
            raise ValueError(f"{what} must be a whole number, not {end}")
        if number < 1:
            raise ValueError(f"{what} must be at least 1, not {end}")
        values.append(int(number))
    low, high = values[0], values[-1]
    if low > high:
        raise ValueError(f"range {text!r} starts above where it ends")
    return IntRange(low, high)


def parse_tempo(text: str) -> Tempo:
    """Seconds per rep (``3s``), up-hold-down seconds (``2-1-2``), or ``self`` for self-paced."""
    text = text.strip()
    if text.lower() == "self":
        return Tempo.SELF_PACED
    help_text = "tempo must be seconds per rep (3s), up-hold-down seconds (2-1-2) or self"
    if text.startswith("-"):
        raise ValueError(f"tempo {text!r} is negative")
    pieces = [p.strip() for p in text.split("-")]
    if len(pieces) == 1:
        try:
            seconds = parse_duration(text)
        except ValueError:
            raise ValueError(f"{help_text}, not {text!r}") from None
        if seconds <= 0:
            raise ValueError("tempo must be longer than 0 seconds")
        return Tempo((seconds,))
    if len(pieces) != 3:
        raise ValueError(f"{help_text}, not {text!r}")
    try:
        parts = tuple(parse_duration(p) for p in pieces)
    except ValueError:
        raise ValueError(f"{help_text}, not {text!r}") from None
    if sum(parts) <= 0:
        raise ValueError("tempo must be longer than 0 seconds in all")
    return Tempo(parts)


def format_seconds(seconds: float) -> str:
    """Short human form used in plans and lists: ``45s``, ``2m``, ``1m30s``, ``1h05m10s``."""
    if seconds != int(seconds):
        if seconds < 60:
            return f"{seconds:g}s"
        hours, rest = divmod(int(seconds), 3600)
        fraction = f"{rest // 60}m{rest % 60 + seconds % 1:.3g}s"
        return f"{hours}h{fraction}" if hours else fraction
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}h{minutes:02d}m" + (f"{secs:02d}s" if secs else "")
    if minutes and secs:
        return f"{minutes}m{secs:02d}s"
    if minutes:
        return f"{minutes}m"
    return f"{secs}s"


def format_elapsed(seconds: float) -> str:
    """``M:SS`` counted up, showing whole seconds passed (a count-up starts at 0:00)."""
    return format_clock(math.floor(seconds + 1e-9))


def format_clock(seconds: float) -> str:
    """``M:SS`` (or ``H:MM:SS``) rounded up, the way a countdown shows a remaining time."""
    whole = max(0, int(-(-seconds // 1)))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
