"""Sessions: the timeline compiler and (later) the clock-driven engine. No Qt here."""

from hiptimer.session.timeline import Phase, PhaseKind, Timeline, compile_timeline

__all__ = ["Phase", "PhaseKind", "Timeline", "compile_timeline"]
