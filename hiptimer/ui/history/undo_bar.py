"""The bar that says what was just saved, deleted or corrected, and offers to undo it.

A deletion takes effect at once, with no question first: the bar is the way back. It holds
one undo only; the next deletion or correction replaces it, so Undo always undoes what the
bar says.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from hiptimer.base.translation import _
from hiptimer.ui.common.plain import plain_label


class UndoBar(QWidget):
    undone = Signal()
    """The pending change was undone (Undo was clicked)."""
    dismissed = Signal()
    """The bar was closed; the change stays."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._undo: Callable[[], None] | None = None
        # The panel colour of the current look, so the bar stands out in light and dark alike.
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.setAutoFillBackground(True)
        self.setAccessibleName(_("Last change"))
        self.label = plain_label()
        self.label.setWordWrap(True)
        self.label.setAccessibleName(_("Last change"))
        self.label.setAccessibleDescription(_("What was just saved, deleted or corrected"))
        self.undo_button = QPushButton(_("Undo"))
        self.undo_button.setAccessibleName(_("Undo"))
        self.undo_button.setAccessibleDescription(
            _("Undo what was just saved, deleted or corrected (Ctrl+Z)"))
        self.undo_button.clicked.connect(self._on_undo_button_clicked)
        self.dismiss_button = QPushButton(_("Dismiss"))
        self.dismiss_button.setAccessibleName(_("Dismiss"))
        self.dismiss_button.setAccessibleDescription(_("Hide this message; the change stays"))
        self.dismiss_button.clicked.connect(self._on_dismiss_button_clicked)
        row = QHBoxLayout(self)
        row.addWidget(self.label, 1)
        row.addWidget(self.undo_button, 0, Qt.AlignmentFlag.AlignVCenter)
        row.addWidget(self.dismiss_button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.hide()

    @property
    def pending(self) -> bool:
        """Whether an undo is on offer."""
        return self._undo is not None

    def offer(self, text: str, undo: Callable[[], None]) -> None:
        """Say ``text`` and offer ``undo``, in place of whatever was offered before."""
        self._undo = undo
        self.label.setText(text)
        self.show()

    def withdraw(self) -> None:
        """Hide the bar and forget its undo (what it would undo is gone or changed)."""
        self._undo = None
        self.label.clear()
        self.hide()

    def undo(self) -> None:
        """Undo what the bar offers, if anything, and hide it."""
        undo = self._undo
        self.withdraw()
        if undo is not None:
            undo()
            self.undone.emit()

    def _on_undo_button_clicked(self) -> None:
        self.undo()

    def _on_dismiss_button_clicked(self) -> None:
        self.withdraw()
        self.dismissed.emit()
