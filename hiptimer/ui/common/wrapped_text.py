"""Text that wraps wherever it must: at a space, or inside a word too long for its line.

A label wraps only between words, so one long word (a file name of 245 characters without
a space) makes it, and its window, as wide as the word: wider than the screen, with what
stands beside it pushed off. Break marks put into the text would be copied with it. This
shows the very text, as plain text, read-only, and lets the line break anywhere a word does
not fit; what a person selects and copies, and what a screen reader reads, is the text.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QResizeEvent, QTextOption
from PySide6.QtWidgets import QFrame, QSizePolicy, QTextEdit, QWidget

MOST_LINES = 8
"""Lines shown before the text scrolls."""
NARROWEST = 12
"""Characters the text can be narrowed to, however long its words."""


class WrappedText(QTextEdit):
    """Plain text, read-only, as tall as its lines (up to ``lines``, then it scrolls) and
    never wider than it is given: ``text`` and ``setText`` as a label has them."""

    def __init__(self, text: str = "", lines: int = MOST_LINES,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lines = lines
        self.setReadOnly(True)
        self.setAcceptRichText(False)
        self.setUndoRedoEnabled(False)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        # As a label selectable by mouse: focus from a click only, never from Tab.
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.document().setDocumentMargin(0)
        # The background is what lies behind: the text shows on its parent's colour.
        self.viewport().setAutoFillBackground(False)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.setText(text)

    def text(self) -> str:
        return self.toPlainText()

    def setText(self, text: str) -> None:
        """Shows ``text`` as the characters it is, never as HTML."""
        self.setPlainText(text)
        self.updateGeometry()

    def _line_height(self) -> int:
        return self.fontMetrics().lineSpacing()

    def _frame(self) -> int:
        """What the frame and the margins around the text add to its height."""
        margins = self.contentsMargins()
        return 2 * self.frameWidth() + margins.top() + margins.bottom()

    def heightForWidth(self, width: int) -> int:
        """As tall as the text's lines at ``width``, up to ``lines`` of them."""
        document = self.document().clone()  # laid out at that width, the shown one left be
        document.setTextWidth(max(width - 2 * self.frameWidth(), 1))
        tall = max(round(document.size().height()), self._line_height())
        return min(tall, self.lines * self._line_height()) + self._frame()

    def hasHeightForWidth(self) -> bool:
        return True

    def sizeHint(self) -> QSize:
        width = self.width() if self.isVisible() else 40 * self.fontMetrics().averageCharWidth()
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        """Narrow, whatever the text: a long word breaks rather than widen the window."""
        return QSize(NARROWEST * self.fontMetrics().averageCharWidth(),
                     self._line_height() + self._frame())

    def resizeEvent(self, event: QResizeEvent) -> None:
        """At another width the text may take more lines or fewer: the layout asks again."""
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.updateGeometry()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Copy and Select All; every other key (Space, the arrows: the session's keys)
        goes on to the window, as from a label, whatever was clicked last."""
        if (event.matches(QKeySequence.StandardKey.Copy)
                or event.matches(QKeySequence.StandardKey.SelectAll)):
            super().keyPressEvent(event)
            return
        event.ignore()
