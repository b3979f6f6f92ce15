"""What every routine the loader accepts must be: safe to show and to time.

Every text encodes as UTF-8 and holds nothing a terminal would act on; every number is
finite and within its limits. Checked for both YAML engines the loader can use.
"""

from __future__ import annotations

import math
import unicodedata

import yaml

from hiptimer.routine import Routine, Settings
from hiptimer.routine.parse import MAX_REPS, MAX_ROUNDS, MAX_SETS, MAX_SIDE_LABELS
from hiptimer.session.timeline import compile_timeline
from hiptimer.tables import plan_table

ENGINES = ["libyaml", "pyyaml"] if yaml.__with_libyaml__ else ["pyyaml"]
HOUR = 3600.0
BIDI = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def assert_safe_text(text: str, *, lines: bool = False) -> None:
    """No character a terminal could act on, or that cannot be written out as UTF-8."""
    text.encode("utf-8")
    for char in text:
        if char == "\n" and lines:
            continue
        assert unicodedata.category(char) not in ("Cc", "Cs", "Zl", "Zp"), repr(text)
        assert char not in BIDI, repr(text)
        code = ord(char)
        assert not (0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE), repr(text)


def assert_seconds(value: float | None, *, above_zero: bool = False) -> None:
    if value is None:
        return
    assert math.isfinite(value) and 0 <= value <= HOUR
    assert value > 0 or not above_zero


def assert_settings(settings: Settings) -> None:
    for pause in (settings.prepare, settings.rest, settings.switch):
        assert_seconds(pause)
    if settings.tempo is not None and not settings.tempo.self_paced:
        for part in settings.tempo.parts:
            assert_seconds(part)
        assert_seconds(settings.tempo.seconds_per_rep, above_zero=True)


def assert_safe(routine: Routine) -> None:
    """Everything a loaded routine holds is printable text and finite numbers within limits."""
    assert routine.name.strip() and "\n" not in routine.name
    assert_safe_text(routine.name)
    assert_safe_text(routine.description, lines=True)
    assert 1 <= routine.rounds <= MAX_ROUNDS
    assert_settings(routine.defaults)
    for exercise in routine.exercises:
        assert exercise.name.strip()
        assert_safe_text(exercise.name)
        assert_safe_text(exercise.description, lines=True)
        for label in exercise.sides:
            assert label.strip()
            assert_safe_text(label)
        assert len(exercise.sides) <= MAX_SIDE_LABELS
        if exercise.image is not None:
            assert_safe_text(exercise.image)
        assert (exercise.hold is None) != (exercise.reps is None)
        if exercise.hold is not None:
            assert_seconds(exercise.hold.low, above_zero=True)
            assert_seconds(exercise.hold.high)
            assert exercise.hold.low <= exercise.hold.high
        if exercise.reps is not None:
            assert 1 <= exercise.reps.low <= exercise.reps.high <= MAX_REPS
        assert 1 <= exercise.sets.low <= exercise.sets.high <= MAX_SETS
        assert_settings(exercise.settings)
    shown = plan_table(compile_timeline(routine))
    assert_safe_text(shown, lines=True)
