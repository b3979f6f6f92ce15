"""The routine file format: parse, validate and model routines (no Qt here).

The names below load on first use, so that a module that needs only the model (the session
screen, at start-up) does not pay for the parser and PyYAML before the window shows.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hiptimer.base.problem import Problem, RoutineError
    from hiptimer.routine.model import (
        BUILTIN_SETTINGS,
        Exercise,
        IntRange,
        Order,
        Routine,
        Settings,
        Span,
        Tempo,
        TextField,
        Wording,
        Wordings,
    )
    from hiptimer.routine.parse import load_routine, parse_routine

_HOMES = {
    **dict.fromkeys(("BUILTIN_SETTINGS", "Exercise", "IntRange", "Order", "Routine",
                     "Settings", "Span", "Tempo", "TextField", "Wording", "Wordings"),
                    "hiptimer.routine.model"),
    **dict.fromkeys(("load_routine", "parse_routine"), "hiptimer.routine.parse"),
    **dict.fromkeys(("Problem", "RoutineError"), "hiptimer.base.problem"),
}

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
    "TextField",
    "Wording",
    "Wordings",
    "load_routine",
    "parse_routine",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'hiptimer.routine' has no attribute {name!r}")
    return getattr(importlib.import_module(home), name)
