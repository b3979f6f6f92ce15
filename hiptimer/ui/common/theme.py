"""Light and dark looks, and the colour that says each phase at a glance."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QProxyStyle, QStyle, QStyleOption, QWidget

from hiptimer.base.preferences import Theme
from hiptimer.session.vocabulary import ColourRole


@dataclass(frozen=True)
class Look:
    dark: bool
    window: str
    text: str
    muted_text: str
    panel: str
    phase: dict[ColourRole, str]
    """The session screen's whole background in each phase, read from across a room."""
    on_phase: str
    """The text on every phase background (contrast at least 4.5:1 on each)."""


# Light: bright, clearly different hues under near-black text; dark: deep ones under white.
LIGHT = Look(False, "#f4f4f1", "#16181a", "#50555a", "#e6e6e1", {
    ColourRole.IDLE: "#f4f4f1",
    ColourRole.PREPARE: "#f2b01e",  # amber: get ready
    ColourRole.WORK: "#3cb568",  # green: work
    ColourRole.REST: "#62a8ee",  # blue: rest
    ColourRole.SWITCH: "#c29bf0",  # violet: switch sides
    ColourRole.DONE: "#c5ced6",
}, "#101214")
DARK = Look(True, "#17191c", "#f1f1ee", "#a9adb2", "#23262a", {
    ColourRole.IDLE: "#17191c",
    ColourRole.PREPARE: "#805300",
    ColourRole.WORK: "#16653a",
    ColourRole.REST: "#1d4c8a",
    ColourRole.SWITCH: "#623a90",
    ColourRole.DONE: "#323a43",
}, "#ffffff")


def luminance(colour: str) -> float:
    """Relative luminance of a "#rrggbb" colour, as WCAG defines it."""
    def channel(hex_pair: str) -> float:
        c = int(hex_pair, 16) / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(colour[i:i + 2]) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two "#rrggbb" colours (1 to 21)."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def system_scheme() -> Qt.ColorScheme:
    """The desktop's colour scheme as Qt hears it now (Unknown where the desktop says none)."""
    return QGuiApplication.styleHints().colorScheme()


def choose(theme: Theme) -> Look:
    """The look ``theme`` asks for: the desktop's own, read afresh, when it follows it."""
    if theme is Theme.DARK:
        return DARK
    if theme is Theme.LIGHT:
        return LIGHT
    return DARK if system_scheme() == Qt.ColorScheme.Dark else LIGHT


FRAME_SHARE = 0.6
"""How far a check box's frame is from the window colour towards the text: far enough to
stand out at least 3:1 from the window and from the box inside, in either look (what WCAG
asks of the parts of a control), and still quieter than the text beside it."""


def box_frame(palette: QPalette) -> QColor:
    """The colour a check box's frame is drawn in, made from the palette it is drawn with."""
    text = palette.color(QPalette.ColorRole.WindowText)
    window = palette.color(QPalette.ColorRole.Window)

    def between(towards: int, start: int) -> int:
        return round(start + (towards - start) * FRAME_SHARE)

    return QColor(between(text.red(), window.red()), between(text.green(), window.green()),
                  between(text.blue(), window.blue()))


class FramedBoxes(QProxyStyle):
    """Fusion, with check boxes framed in ``box_frame``'s colour.

    Fusion frames a check box in its window colour made darker: on a dark window that frame
    is next to invisible, and an unticked box with it. Only the frame is drawn again; the
    keyboard focus frame, which Fusion draws in the highlight colour, is left as it is.
    """

    def __init__(self) -> None:
        super().__init__("Fusion")

    def drawPrimitive(self, element: QStyle.PrimitiveElement, option: QStyleOption,
                      painter: QPainter, widget: QWidget | None = None) -> None:
        super().drawPrimitive(element, option, painter, widget)
        focused = QStyle.StateFlag.State_HasFocus | QStyle.StateFlag.State_KeyboardFocusChange
        if (element is QStyle.PrimitiveElement.PE_IndicatorCheckBox
                and option.state & focused != focused):
            painter.save()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
            painter.translate(0.5, 0.5)  # the frame on the pixels Fusion's own lies on
            painter.setPen(box_frame(option.palette))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(option.rect.adjusted(0, 0, -1, -1))
            painter.restore()


def apply(app: QApplication, look: Look) -> None:
    if not isinstance(app.style(), FramedBoxes):  # setting it again would restyle everything
        app.setStyle(FramedBoxes())
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
