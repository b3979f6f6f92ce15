"""The bar above the session that shows problems until they are dismissed.

It is read from the floor, so its text grows with the screen. A problem told as a
``Notice`` shows its plain summary; its technical detail waits behind a Details link. A long
file name in a problem breaks across lines (``WrappedText``) rather than widen the window
past the screen, and is copied from the bar as it is.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontInfo, QScreen, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from hiptimer.base.notice import detail_of, summary_of
from hiptimer.base.translation import N_, _
from hiptimer.ui.common.wrapped_text import WrappedText

SHOWN = 4
"""The newest problems shown at once; older ones scroll out."""
SCREEN_SHARE = 0.014
"""The text's height as a share of the screen's: about 30 pixels on a 4K screen."""
# Translators: the link under a problem that shows its technical details, and hides them.
SHOW_DETAILS, HIDE_DETAILS = N_("Details"), N_("Hide details")
"""Marked only: translated where the link shows them."""

_STYLE = """
* {{ background: #fff3cd; color: #3b2a00; font-size: {pixels}px; }}
QPushButton#details_link {{ color: #0b4ea2; text-decoration: underline; border: none;
                           padding: 0; text-align: left; }}
"""
"""Dark brown on pale yellow, the link dark blue: both above 7:1 contrast. The size is set
here, not with setFont: a style sheet's widgets do not take their parent's font."""


def banner_pixel_size(screen_height: int, default: int) -> int:
    """The banner's font size in pixels: a share of the screen, never below ``default``."""
    return max(default, round(screen_height * SCREEN_SHARE))


class ProblemBar(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.problems: list[str] = []
        # The whole bar in its pale yellow, not just its labels: on the dark look a bare
        # widget would leave dark gaps between them.
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setAccessibleName(_("Problems"))
        self.label = WrappedText()
        self.label.setAccessibleName(_("Problem"))
        self.label.setAccessibleDescription(_("What went wrong, and what to do"))
        # A button that looks like a link: keyboard-reachable, and no rich-text label needed.
        self.details_link = QPushButton(_(SHOW_DETAILS))
        self.details_link.setObjectName("details_link")
        self.details_link.setFlat(True)
        self.details_link.setCursor(Qt.CursorShape.PointingHandCursor)
        self.details_link.setAccessibleDescription(_("Show or hide the technical details"))
        self.details_link.hide()
        self.detail = WrappedText()
        # Translators: what a screen reader calls the technical details under a problem.
        self.detail.setAccessibleName(_("Details"))
        self.detail.setAccessibleDescription(_("Technical details"))
        self.detail.hide()
        self.dismiss = QPushButton(_("Dismiss"))
        self.dismiss.setAccessibleDescription(
            _("Hide these problems until another one happens"))
        self.dismiss.clicked.connect(self._on_dismiss_clicked)
        self.details_link.clicked.connect(self._on_details_link_clicked)
        self._follows_screen = False
        self.pixel_size = 0
        """The text's size in pixels, once the bar has been fitted to a screen."""
        self._fit(QFontInfo(QFont()).pixelSize())
        text = QVBoxLayout()
        text.addWidget(self.label)
        text.addWidget(self.details_link, 0, Qt.AlignmentFlag.AlignLeft)
        text.addWidget(self.detail)
        bar = QHBoxLayout(self)
        bar.addLayout(text, 1)
        bar.addWidget(self.dismiss, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def report(self, message: str) -> None:
        """Show a problem until dismissed; a message already shown is not repeated.

        A plain ``str`` is shown as it is; a ``Notice`` shows its summary, and its detail
        when Details is clicked.
        """
        if message in self.problems:
            return
        self.problems.append(message)
        shown = self.problems[-SHOWN:]
        self.label.setText("\n\n".join(summary_of(p) for p in shown))
        self.detail.setText("\n\n".join(filter(None, (detail_of(p) for p in shown))))
        self.details_link.setVisible(bool(self.detail.text()))
        if not self.detail.text():
            self._show_detail(False)
        self.show()

    def fit_to_screen(self) -> None:
        """Size the text for the screen the window is on, so it reads from across a room."""
        default = QFontInfo(QFont()).pixelSize()  # the application's font
        self._fit(banner_pixel_size(self.screen().geometry().height(), default))

    def _fit(self, pixels: int) -> None:
        if pixels != self.pixel_size:
            self.pixel_size = pixels
            self.setStyleSheet(_STYLE.format(pixels=pixels))

    def showEvent(self, event: QShowEvent) -> None:
        self.fit_to_screen()
        handle = self.window().windowHandle()
        if handle is not None and not self._follows_screen:
            # Moved to another screen: size the text for that one.
            handle.screenChanged.connect(self._on_window_screen_changed)
            self._follows_screen = True
        super().showEvent(event)

    def _show_detail(self, shown: bool) -> None:
        self.detail.setVisible(shown)
        self.details_link.setText(_(HIDE_DETAILS if shown else SHOW_DETAILS))

    def _on_details_link_clicked(self) -> None:
        self._show_detail(self.detail.isHidden())

    def _on_window_screen_changed(self, screen: QScreen) -> None:
        self.fit_to_screen()

    def _on_dismiss_clicked(self) -> None:
        self.problems.clear()
        self._show_detail(False)
        self.hide()
