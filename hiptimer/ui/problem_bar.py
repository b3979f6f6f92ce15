"""The bar above the session that shows problems until they are dismissed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from hiptimer.ui.plain import PlainLabel

SHOWN = 4
"""The newest problems shown at once; older ones scroll out."""


class ProblemBar(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.problems: list[str] = []
        self.label = PlainLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        dismiss = QPushButton("Dismiss")
        dismiss.clicked.connect(self._on_dismiss_clicked)
        self.setStyleSheet("background: #fff3cd; color: #3b2a00;")
        bar = QHBoxLayout(self)
        bar.addWidget(self.label, 1)
        bar.addWidget(dismiss, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def report(self, message: str) -> None:
        """Show a problem until dismissed; a message already shown is not repeated."""
        if message in self.problems:
            return
        self.problems.append(message)
        self.label.setText("\n\n".join(self.problems[-SHOWN:]))
        self.show()

    def _on_dismiss_clicked(self) -> None:
        self.problems.clear()
        self.hide()
