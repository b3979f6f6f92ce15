"""The routine library beside the session: find a routine, see its plan, start it."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QFontDatabase, QKeyEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hiptimer.plan_text import plan_table, total_text
from hiptimer.routine.duration import format_seconds
from hiptimer.routine.library import Entry
from hiptimer.routine.model import Routine
from hiptimer.session.timeline import compile_timeline
from hiptimer.ui.plain import PlainLabel, plain_tooltip

PATH_ROLE = Qt.ItemDataRole.UserRole


class LibraryAction(StrEnum):
    """What the panel's buttons ask of the window; all but NEW act on the selected routine."""

    NEW = "new"
    DUPLICATE = "duplicate"
    EDIT = "edit"
    RENAME = "rename"
    DELETE = "delete"

    @property
    def label(self) -> str:
        """The button's text."""
        return self.value.capitalize()


class RoutineList(QListWidget):
    """A list where Enter starts the selected routine, as a double-click does."""

    routine_activated = Signal(object)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentItem():
            self.routine_activated.emit(self.currentItem().data(PATH_ROLE))
            return
        super().keyPressEvent(event)


class LibraryPanel(QWidget):
    routine_selected = Signal(object)
    """A routine file was selected (a ``Path``)."""
    routine_activated = Signal(object)
    """The user asked to start a routine (a ``Path``)."""
    open_requested = Signal()
    action_requested = Signal(object)
    """A ``LibraryAction`` button was clicked."""

    def __init__(self, level_of: Callable[[Routine], int] = lambda routine: 0,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.level_of = level_of
        self.entries: list[Entry] = []
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Type to filter routines")
        self.filter.setClearButtonEnabled(True)
        self.list = RoutineList()
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.open_button = QPushButton("Open routine file…")
        actions = QGridLayout()
        for position, action in enumerate(LibraryAction):
            button = QPushButton(action.label)
            button.setObjectName(f"{action.value}_button")
            button.clicked.connect(
                lambda _=False, action=action: self.action_requested.emit(action))
            actions.addWidget(button, position // 3, position % 3)
        title = PlainLabel("Routines")
        font = QFont(title.font())
        font.setBold(True)
        title.setFont(font)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(title)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 2)
        layout.addWidget(self.details, 3)
        layout.addLayout(actions)
        layout.addWidget(self.open_button)
        self.filter.textChanged.connect(self._on_filter_text_changed)
        self.list.currentItemChanged.connect(self._on_list_current_item_changed)
        self.list.itemDoubleClicked.connect(self._on_list_item_double_clicked)
        self.list.routine_activated.connect(self.routine_activated)
        self.open_button.clicked.connect(self.open_requested)

    def set_entries(self, entries: list[Entry], select: Path | None = None) -> None:
        """Show ``entries``, keeping (or moving to) the selected routine."""
        current = select or self.selected_path()
        self.entries = entries
        self.list.blockSignals(True)
        self.list.clear()
        for entry in entries:
            item = QListWidgetItem(self._label(entry))
            item.setData(PATH_ROLE, entry.path)
            item.setToolTip(plain_tooltip(str(entry.path)))
            self.list.addItem(item)
        self.list.blockSignals(False)
        self._on_filter_text_changed(self.filter.text())
        for row in range(self.list.count()):
            if self.list.item(row).data(PATH_ROLE) == current:
                self.list.setCurrentRow(row)
                break
        else:
            # Nothing chosen yet: the first routine, so Space starts something at once.
            if self.list.count():
                self.list.setCurrentRow(0)
            else:
                self.details.setPlainText("")

    def selected_path(self) -> Path | None:
        item = self.list.currentItem()
        path = item.data(PATH_ROLE) if item is not None else None
        return path if isinstance(path, Path) else None

    def entry_for(self, path: Path) -> Entry | None:
        return next((e for e in self.entries if e.path == path), None)

    def _label(self, entry: Entry) -> str:
        if entry.routine is None:
            return f"{entry.name}\n    does not load: {len(entry.problems)} problem(s)"
        timeline = compile_timeline(entry.routine, self.level_of(entry.routine))
        count = len(entry.routine.exercises)
        length = format_seconds(timeline.total_seconds)
        if timeline.open_ended_count:
            length += "+"
        where = {"built-in": "", "user": "  (yours)", "opened": "  (opened)"}[entry.origin.value]
        return f"{entry.name}{where}\n    {length} · {count} exercise{'s' * (count != 1)}"

    def _on_filter_text_changed(self, text: str) -> None:
        words = text.lower().split()
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setHidden(not all(word in item.text().lower() for word in words))

    def _on_list_current_item_changed(self, current: QListWidgetItem | None,
                                      previous: QListWidgetItem | None) -> None:
        if current is None:
            self.details.setPlainText("")
            return
        entry = self.entry_for(current.data(PATH_ROLE))
        if entry is None:
            return
        if entry.routine is None:
            text = "This routine file does not load:\n\n" + "\n".join(
                str(p) for p in entry.problems)
        else:
            timeline = compile_timeline(entry.routine, self.level_of(entry.routine))
            text = f"Total: {total_text(timeline)}\n\n{plan_table(timeline)}"
        self.details.setPlainText(text)
        self.routine_selected.emit(entry.path)

    def _on_list_item_double_clicked(self, item: QListWidgetItem) -> None:
        self.routine_activated.emit(item.data(PATH_ROLE))
