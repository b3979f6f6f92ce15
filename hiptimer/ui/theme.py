"""Light and dark looks, and the colour that says each phase at a glance."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from hiptimer.session.vocabulary import ColourRole
from hiptimer.ui.settings import Theme


@dataclass(frozen=True)
class Look:
    dark: bool
    window: str
    text: str
    muted_text: str
    panel: str


LIGHT = Look(False, "#f4f4f1", "#16181a", "#50555a", "#e6e6e1")
DARK = Look(True, "#17191c", "#f1f1ee", "#a9adb2", "#23262a")

# Banner colours chosen to read from across a room, with white text on each (contrast >= 4.5).
PHASE_COLOURS = {
    ColourRole.PREPARE: "#8a5a00",  # amber: get ready
    ColourRole.WORK: "#1b6e3a",  # green: work
    ColourRole.REST: "#1f4f8f",  # blue: rest
    ColourRole.SWITCH: "#6b3f99",  # violet: switch sides
    ColourRole.DONE: "#3d4650",
    ColourRole.IDLE: "#3d4650",
}


def choose(theme: Theme) -> Look:
    if theme is Theme.DARK:
        return DARK
    if theme is Theme.LIGHT:
        return LIGHT
    hints = QGuiApplication.styleHints()
    return DARK if hints.colorScheme() == Qt.ColorScheme.Dark else LIGHT


def apply(app: QApplication, look: Look) -> None:
    if app.style().name().lower() != "fusion":  # setting it again would restyle everything
        app.setStyle("Fusion")
    palette = QPalette()
    window, text = QColor(look.window), QColor(look.text)
    panel, muted = QColor(look.panel), QColor(look.muted_text)
    for role, colour in ((QPalette.ColorRole.Window, window),
                         (QPalette.ColorRole.WindowText, text),
                         (QPalette.ColorRole.Base, panel),
                         (QPalette.ColorRole.AlternateBase, window),
                         (QPalette.ColorRole.Text, text),
                         (QPalette.ColorRole.Button, panel),
                         (QPalette.ColorRole.ButtonText, text),
                         (QPalette.ColorRole.PlaceholderText, muted),
                         (QPalette.ColorRole.ToolTipBase, panel),
                         (QPalette.ColorRole.ToolTipText, text)):
        palette.setColor(role, colour)
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#2d6cdf"))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor("#ffffff"))
    app.setPalette(palette)
