"""A time of day typed the way it is read: ``07:30``, ``7:30``, ``0730`` or ``7.30``.

Qt's time edit keeps the hour it had when digits are typed after a click, or with all of
it selected: a reminder typed as 07:30 was saved at 18:30. This field is text, so what is
typed is what is kept. Coming into it (a click, Tab) selects it all, so typing replaces
the time; typing into a full field writes over the character at the cursor; Up and Down
step the hour or the minute the cursor is in, as the time edit did.
"""

from __future__ import annotations

import re
from datetime import time

from PySide6.QtCore import QRegularExpression, QSize, Qt
from PySide6.QtGui import QFocusEvent, QKeyEvent, QMouseEvent, QRegularExpressionValidator
from PySide6.QtWidgets import QLineEdit, QWidget

from hiptimer.base.translation import _

TIME_SHAPE = r"[0-9]{0,2}[:.]?[0-9]{0,2}"
"""What may be typed at all: up to two digits of hour, a separator, two of minutes."""
_TIME = re.compile(r"([0-9]{1,2})(?:[:.]?([0-9]{2}))?")
SHOWN = "{:%H:%M}"
"""How a time is shown: 24-hour, as the plan file writes it."""


def time_of(text: str) -> time | None:
    """The time of day ``text`` means (``7``, ``730``, ``07:30``, ``7.30``), or ``None``."""
    found = _TIME.fullmatch(text.strip())
    if found is None:
        return None
    hour, minute = int(found.group(1)), int(found.group(2) or 0)
    return time(hour, minute) if hour < 24 and minute < 60 else None


class TimeField(QLineEdit):
    """A 24-hour time of day, kept as typed until it is read with ``time_of_day``."""

    def __init__(self, at: time, parent: QWidget | None = None) -> None:
        super().__init__(SHOWN.format(at), parent)
        self._clicked_in = False
        self.setValidator(QRegularExpressionValidator(QRegularExpression(TIME_SHAPE), self))
        self.setMaxLength(5)
        # Translators: the shape of a time typed, hours and minutes ("HH:MM").
        self.setPlaceholderText(_("HH:MM"))
        self.setAccessibleDescription(_("A 24-hour time such as 07:30; Up and Down change it"))
        self.editingFinished.connect(self._on_self_editing_finished)

    def time_of_day(self) -> time | None:
        """The time typed, or ``None`` when the text is no time of day."""
        return time_of(self.text())

    def set_time(self, at: time) -> None:
        self.setText(SHOWN.format(at))

    def sizeHint(self) -> QSize:
        # Room for the time and a little more, not the wide default of a line field.
        hint = super().sizeHint()
        return QSize(self.fontMetrics().horizontalAdvance("00:00") * 2, hint.height())

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        # The click that brought the focus in comes next; it would put the cursor down.
        self._clicked_in = event.reason() == Qt.FocusReason.MouseFocusReason

    def mousePressEvent(self, event: QMouseEvent) -> None:
        # A click that brings the focus in selects it all, as Tab does: typing replaces it.
        super().mousePressEvent(event)
        if self._clicked_in:
            self._clicked_in = False
            self.selectAll()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self._step(1 if event.key() == Qt.Key.Key_Up else -1)
            return
        typed = event.text()
        if (typed and typed in "0123456789:." and not self.hasSelectedText()
                and len(self.text()) >= self.maxLength()
                and self.cursorPosition() < len(self.text())):
            self.cursorForward(True, 1)  # a full field: write over the next character
        super().keyPressEvent(event)

    def _step(self, step: int) -> None:
        """One hour or one minute on or back (whichever the cursor is in), round the clock."""
        at = self.time_of_day()
        if at is None:
            return
        text = self.text()
        colon = next((i for i, c in enumerate(text) if c in ":."), len(text))
        in_minutes = self.cursorPosition() > colon
        minutes = at.hour * 60 + at.minute + (step if in_minutes else 60 * step)
        hour, minute = divmod(minutes % (24 * 60), 60)
        self.set_time(time(hour, minute))
        self.setSelection(3 if in_minutes else 0, 2)

    def _on_self_editing_finished(self) -> None:
        at = self.time_of_day()
        if at is not None and self.text() != SHOWN.format(at):
            self.set_time(at)  # 730 reads 07:30 once the field is left
