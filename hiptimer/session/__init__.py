"""Sessions: the timeline compiler, the clock-driven engine and its status. No Qt here.

The names below load on first use, so importing one small module of the package (the
clock, at start-up) does not compile the timeline machinery with it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hiptimer.session.timeline import Phase, PhaseKind, Timeline, compile_timeline

__all__ = ["Phase", "PhaseKind", "Timeline", "compile_timeline"]


def __getattr__(name: str) -> Any:
    if name not in __all__:
        raise AttributeError(f"module 'hiptimer.session' has no attribute {name!r}")
    return getattr(importlib.import_module("hiptimer.session.timeline"), name)
