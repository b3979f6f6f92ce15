"""Carries problem messages from worker threads (audio) to the Qt thread that shows them."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class ProblemRelay(QObject):
    problem_found = Signal(object)
    """A problem, as a ``str`` (often a ``Notice``), emitted from any thread; receivers in the
    Qt thread get it through the event loop. Declared ``object``, not ``str``: a ``str``
    signal would hand over a copy of the text alone, losing a notice's summary and detail."""
