"""Knowing when a widget first reaches the screen, so what it does not need can wait, and
what waits for that."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject


class FirstPaint(QObject):
    """An event filter that calls back once, when the widget it watches first paints."""

    def __init__(self, parent: QObject, callback: Callable[[], None]) -> None:
        super().__init__(parent)
        self.callback: Callable[[], None] | None = callback

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.callback is not None:
            callback, self.callback = self.callback, None
            # Off the widget at once: left on, it would see every event of a session.
            watched.removeEventFilter(self)
            callback()
        return False


class Readiness:
    """Actions waiting for what is built after the first paint, done once it is there."""

    def __init__(self) -> None:
        self.ready = False
        self._waiting: list[Callable[[], object]] = []

    def when_ready(self, action: Callable[[], object]) -> None:
        """Do ``action`` once ready (at once if ready already)."""
        if self.ready:
            action()
        else:
            self._waiting.append(action)

    def reached(self) -> None:
        self.ready = True
        waiting, self._waiting = self._waiting, []
        for action in waiting:
            action()
