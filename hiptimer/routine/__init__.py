"""The routine file format: parse, validate and model routines (no Qt here)."""

from hiptimer.routine.model import (
    BUILTIN_SETTINGS,
    Exercise,
    IntRange,
    Order,
    Routine,
    Settings,
    Span,
    Tempo,
)
from hiptimer.routine.parse import load_routine, parse_routine
from hiptimer.routine.problem import Problem, RoutineError

__all__ = [
    "BUILTIN_SETTINGS",
    "Exercise",
    "IntRange",
    "Order",
    "Problem",
    "Routine",
    "RoutineError",
    "Settings",
    "Span",
    "Tempo",
    "load_routine",
    "parse_routine",
]
