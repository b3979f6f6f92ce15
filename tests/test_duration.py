"""How people write durations, counts and tempos, and what the app understands by them."""

from __future__ import annotations

import math
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hiptimer.routine.duration import (
    MAX_PHASE_SECONDS,
    format_clock,
    format_seconds,
    parse_bounded_count,
    parse_count,
    parse_duration,
    parse_hold,
    parse_pause,
    parse_span,
    parse_tempo,
)
from hiptimer.routine.model import IntRange, Span, Tempo

Parse = Callable[[str], object]


@pytest.mark.parametrize(("text", "seconds"), [
    ("45", 45), ("2.5", 2.5), ("45s", 45), ("45 sec", 45), ("45 seconds", 45), ("2m", 120),
    ("2 min", 120), ("1m30s", 90), ("1 min 30 s", 90), ("1:30", 90), ("0:05", 5), ("0", 0),
    ("10:00", 600), (" 3s ", 3),
])
def test_durations_people_write(text: str, seconds: float) -> None:
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "-5", "-5s", "abc", "5 hours", "30s2m", "1:75", "5 5",
                                  "2m2m", "1e3", ".inf", "s"])
def test_not_durations(text: str) -> None:
    with pytest.raises(ValueError):
        parse_duration(text)


def test_negative_duration_says_negative() -> None:
    with pytest.raises(ValueError, match="negative"):
        parse_duration("-10s")


@pytest.mark.parametrize(("text", "span"), [
    ("30-60s", Span(30, 60)), ("30s-60s", Span(30, 60)), ("30 - 60 sec", Span(30, 60)),
    ("1-2 min", Span(60, 120)), ("0:30-1:00", Span(30, 60)), ("45", Span(45, 45)),
    ("30 to 60s", Span(30, 60)),
])
def test_spans(text: str, span: Span) -> None:
    assert parse_span(text) == span


def test_span_whose_low_end_is_above_its_high_end() -> None:
    with pytest.raises(ValueError, match="starts above"):
        parse_span("60-30s")


@pytest.mark.parametrize(("text", "expected"), [
    ("8", IntRange(8, 8)), ("8-12", IntRange(8, 12)), ("8 - 12", IntRange(8, 12)),
    ("3.0", IntRange(3, 3)),
])
def test_counts(text: str, expected: IntRange) -> None:
    assert parse_count(text, "reps") == expected


@pytest.mark.parametrize(("text", "message"), [
    ("0", "at least 1"), ("2.5", "whole number"), ("-3", "at least 1"), ("12-8", "starts above"),
    ("lots", "whole number"),
])
def test_bad_counts(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_count(text, "reps")


def test_tempos() -> None:
    assert parse_tempo("3s") == Tempo((3.0,))
    assert parse_tempo("2-1-2") == Tempo((2.0, 1.0, 2.0))
    assert parse_tempo("2-0-2").seconds_per_rep == 4
    assert parse_tempo("self").self_paced
    assert parse_tempo("Self") is Tempo.SELF_PACED


@pytest.mark.parametrize("text", ["0", "0-0-0", "2-1", "1-2-3-4", "fast", "-2"])
def test_bad_tempos(text: str) -> None:
    with pytest.raises(ValueError):
        parse_tempo(text)


def test_formats() -> None:
    assert [format_seconds(s) for s in (45, 60, 90, 3900, 2.5)] == ["45s", "1m", "1m30s",
                                                                     "1h05m", "2.5s"]
    assert [format_clock(s) for s in (0, 0.2, 59.01, 60, 3601)] == ["0:00", "0:01", "1:00",
                                                                     "1:00", "1:00:01"]


@pytest.mark.parametrize(("text", "span"), [
    ("1m30-2m", Span(90, 120)), ("30\u201360s", Span(30, 60)), ("30s to 1 min", Span(30, 60)),
    ("1:30 - 2:00", Span(90, 120)), ("30 - 60 seconds", Span(30, 60)),
])
def test_ranges_split_where_a_person_reads_them(text: str, span: Span) -> None:
    assert parse_span(text) == span


def test_a_tempo_part_over_an_hour_is_refused() -> None:
    with pytest.raises(ValueError, match="one-hour limit"):
        parse_tempo("3000-3000-3000")
    with pytest.raises(ValueError, match="one-hour limit"):
        parse_tempo("61m")


@pytest.mark.parametrize("text", ["\u0663\u0660", "\uff13\uff10s", "\u0663\u0660-\u0666\u0660s"])
def test_only_ascii_digits_are_numbers(text: str) -> None:
    with pytest.raises(ValueError, match="not a duration"):
        parse_span(text)
    with pytest.raises(ValueError, match="whole number"):
        parse_count(text, "reps")


# The shapes that once took time growing with the square of their length, and their kin.
LONG = [
    "1" + " " * 40_000 + "x",
    "1-" + "a" * 40_000 + "!",
    "9" * 400 + ":00",
    "1" * 5000,
    "1-" * 20_000,
    " to" * 20_000,
    "1 " * 20_000,
    "\u2013" * 40_000,
    "0." + "0" * 5000 + "1",
]
PARSERS = [parse_duration, parse_span, parse_hold, parse_pause, parse_tempo,
           lambda text: parse_count(text, "reps"),
           lambda text: parse_bounded_count(text, "sets", 20)]


@pytest.mark.parametrize("parser", PARSERS)
@pytest.mark.parametrize("text", LONG, ids=lambda t: f"{t[:6]!r}x{len(t)}")
def test_long_text_is_refused_with_a_short_message(parser: Parse, text: str) -> None:
    with pytest.raises(ValueError) as caught:
        parser(text)
    message = str(caught.value)
    assert len(message) < 200 and message.isprintable()
    assert "far too long" in message


def check_value(value: object) -> None:
    """Whatever a parser returns is made of finite numbers within the limits."""
    if isinstance(value, float):
        assert math.isfinite(value) and 0 <= value <= MAX_PHASE_SECONDS
    elif isinstance(value, Span):
        assert math.isfinite(value.low) and math.isfinite(value.high)
        assert 0 < value.low <= value.high <= MAX_PHASE_SECONDS
    elif isinstance(value, IntRange):
        assert 1 <= value.low <= value.high < 10**9
    else:
        assert isinstance(value, Tempo)
        assert all(math.isfinite(p) and p >= 0 for p in value.parts)
        assert value.self_paced or 0 < value.seconds_per_rep <= MAX_PHASE_SECONDS


duration_like = st.text(st.sampled_from(list("0123456789.:-\u2013 tosecminSM\u0663\uff11e+_")),
                        max_size=90)


@settings(max_examples=400)
@given(st.one_of(st.text(max_size=90), duration_like), st.sampled_from(PARSERS[2:]))
def test_any_text_is_a_value_within_limits_or_a_readable_refusal(text: str,
                                                                 parser: Parse) -> None:
    try:
        value = parser(text)
    except ValueError as exc:
        assert str(exc) and len(str(exc)) < 300 and str(exc).isprintable()
    else:
        check_value(value)
