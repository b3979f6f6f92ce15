"""Follows the desktop's switch between light and dark while hiptimer runs.

Qt says when the desktop's colour scheme changes (the portal's or the desktop's own
setting); the window restyles at once, but only while the user's theme is "follow the
system": a fixed light or dark theme stays as chosen.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QGuiApplication

from hiptimer.base.preferences import Settings, Theme


class SchemeWatch(QObject):
    """Calls ``restyle`` each time the desktop's colour scheme changes, if it is followed."""

    def __init__(self, settings: Settings, restyle: Callable[[], None],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.restyle = restyle
        # Made with this object as the receiver, so the connection ends with it.
        QGuiApplication.styleHints().colorSchemeChanged.connect(
            self._on_hints_color_scheme_changed)

    def _on_hints_color_scheme_changed(self, scheme: Qt.ColorScheme) -> None:
        if self.settings.theme is Theme.SYSTEM:
            self.restyle()
