"""The window's one connection to the session bus, shared by whatever needs it.

It is opened when something first needs it (keeping the screen awake, the media player),
not before the first paint: even the bus library is loaded only then.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import QObject

    from hiptimer.ui.desktop.qt_bus import QtBus

LOG = logging.getLogger(__name__)


class SharedBus:
    """``get`` is the connection, or ``None`` where there is no bus to reach."""

    def __init__(self, parent: QObject | None = None) -> None:
        self._parent = parent
        self._bus: QtBus | None = None
        self._tried = False

    def get(self) -> QtBus | None:
        if not self._tried:
            self._tried = True
            from hiptimer.desktop.bus import BusError
            from hiptimer.ui.desktop.qt_bus import QtBus

            try:
                self._bus = QtBus.open(self._parent)
            except BusError as exc:
                LOG.info("the session bus cannot be reached: %s", exc)
        return self._bus

    def close(self) -> None:
        """Close the connection, if one was made: the desktop lets go of what it asked for."""
        if self._bus is not None:
            self._bus.close()
