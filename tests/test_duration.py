"""How people write durations, counts and tempos, and what the app understands by them."""

from __future__ import annotations

import pytest

from hiptimer.routine.duration import (
    format_clock,
    format_seconds,
    parse_count,
    parse_duration,
    parse_span,
    parse_tempo,
)
from hiptimer.routine.model import IntRange, Span, Tempo


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
