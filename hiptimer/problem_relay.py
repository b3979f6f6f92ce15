"""Carries problem messages from worker threads (audio) to the Qt thread that shows them."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class ProblemRelay(QObject):
    problem_found = Signal(str)
    """Emitted from any thread; receivers in the Qt thread get it through the event loop."""
