"""The routine library beside the session: find a routine, see its plan, start it.

The preview always shows the selected routine as it would run now: it follows the
filter, and is drawn again when the list is refilled or ``refresh_preview`` is called
(a finished session may have stepped the routine's level up). Its plan is laid out for the
panel's width (``plan_preview``), and a long description wraps, never cut at the edge.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from hiptimer.base.translation import N_, _, ngettext, pgettext
from hiptimer.routine.catalogue import Entry, Origin, find
from hiptimer.routine.duration import shown_seconds
from hiptimer.routine.model import Routine
from hiptimer.session.timeline import compile_timeline
from hiptimer.ui.common.plain import plain_label, plain_tooltip
from hiptimer.ui.library.picture_strip import PictureStrip
from hiptimer.ui.library.plan_preview import PlanView

PATH_ROLE = Qt.ItemDataRole.UserRole
FIRST_ROUTINE = "daily-short"
"""The built-in routine selected before any other was used: the daily one, by its file."""


class LibraryAction(StrEnum):
    """What the panel's buttons ask of the window; all but NEW act on the selected routine."""

    NEW = "new"
    DUPLICATE = "duplicate"
    EDIT = "edit"
    RENAME = "rename"
    DELETE = "delete"

    @property
    def label(self) -> str:
        """The button's text, in the language installed."""
        labels = {
            LibraryAction.NEW: pgettext("library button", "New"),
            LibraryAction.DUPLICATE: pgettext("library button", "Duplicate"),
            LibraryAction.EDIT: pgettext("library button", "Edit"),
            LibraryAction.RENAME: pgettext("library button", "Rename"),
            LibraryAction.DELETE: pgettext("library button", "Delete"),
        }
        return labels[self]

    @property
    def description(self) -> str:
        """What the button does, for a screen reader and a tooltip."""
        return _(_ACTION_DESCRIPTIONS[self])


_ACTION_DESCRIPTIONS = {
    LibraryAction.NEW: N_("Make a new routine of your own in the editor"),
    LibraryAction.DUPLICATE: N_("Copy the selected routine into your routines folder"),
    LibraryAction.EDIT: N_("Edit the selected routine (a built-in one as your own copy)"),
    LibraryAction.RENAME: N_("Give the selected routine of yours another name"),
    LibraryAction.DELETE: N_("Move the selected routine of yours to the trash"),
}


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
        self.filter.setPlaceholderText(_("Type to filter routines"))
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName(_("Filter routines"))
        self.filter.setAccessibleDescription(
            _("Shows only the routines that match every word typed"))
        for clear in self.filter.findChildren(QToolButton):  # the filter's own clear button
            clear.setAccessibleName(_("Clear the filter"))
        self.list = RoutineList()
        self.list.setAccessibleName(_("Routines"))
        self.list.setAccessibleDescription(
            _("Enter, Space or a double-click starts the selected routine"))
        self.details = PlanView()
        self.details.setAccessibleName(_("Plan of the selected routine"))
        self.details.setAccessibleDescription(
            _("The routine's total length and every phase with its start and length"))
        self.pictures = PictureStrip()
        self.open_button = QPushButton(_("Open routine file…"))
        self.open_button.setAccessibleDescription(_("Open a routine file from any folder"))
        actions = QGridLayout()
        for position, action in enumerate(LibraryAction):
            button = QPushButton(action.label)
            button.setObjectName(f"{action.value}_button")
            button.setAccessibleDescription(action.description)
            button.clicked.connect(
                lambda checked=False, action=action: self.action_requested.emit(action))
            actions.addWidget(button, position // 3, position % 3)
        title = plain_label(_("Routines"))
        font = QFont(title.font())
        font.setBold(True)
        title.setFont(font)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(title)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 2)
        layout.addWidget(self.pictures)
        layout.addWidget(self.details, 5)
        layout.addLayout(actions)
        layout.addWidget(self.open_button)
        self.filter.textChanged.connect(self._on_filter_text_changed)
        self.list.currentItemChanged.connect(self._on_list_current_item_changed)
        self.list.itemDoubleClicked.connect(self._on_list_item_double_clicked)
        self.list.routine_activated.connect(self.routine_activated)
        self.open_button.clicked.connect(self.open_requested)

    def set_entries(self, entries: list[Entry], select: Path | None = None) -> None:
        """Show ``entries``, keeping (or moving to) the selected routine, and its preview."""
        current = select or self.selected_path()
        self.entries = entries
        self.list.blockSignals(True)  # one preview and one routine_selected, at the end
        self.list.clear()
        for entry in entries:
            item = QListWidgetItem(self._label(entry))
            item.setData(PATH_ROLE, entry.path)
            item.setToolTip(plain_tooltip(str(entry.path)))
            self.list.addItem(item)
        self._hide_unmatched(self.filter.text())
        wanted = next((row for row in range(self.list.count())
                       if self.list.item(row).data(PATH_ROLE) == current), None)
        if wanted is not None and self.list.item(wanted).isHidden():
            if select is not None:  # asked for by name (opened, saved): clear the filter
                self.filter.blockSignals(True)
                self.filter.clear()
                self.filter.blockSignals(False)
                self._hide_unmatched("")
            else:
                wanted = None
        # Otherwise the first routine shown, so Space starts something at once.
        self._select(wanted if wanted is not None else next(iter(self._visible_rows()), None))
        self.list.blockSignals(False)
        self._show_current()

    def select_named(self, wanted: str) -> bool:
        """Select the routine ``wanted`` names: a listed file's path, or a routine's name or
        file name, as the routine used last is remembered. ``False`` when none is listed
        (nothing remembered yet, or a file gone since): then the daily routine is selected,
        and failing that, whatever was."""
        found = self._named(wanted) if wanted.strip() else None
        daily = next((e for e in find(self.entries, FIRST_ROUTINE)
                      if e.origin is Origin.BUILT_IN), None)
        chosen = found or daily
        if chosen is not None and chosen.path != self.selected_path():
            self.set_entries(self.entries, select=chosen.path)
        return found is not None

    def _named(self, wanted: str) -> Entry | None:
        """The listed entry at the path ``wanted``, or else the first one it names."""
        path = Path(wanted)
        if path.is_absolute():
            for entry in self.entries:
                if entry.path == path or _same_file(entry.path, path):
                    return entry
        return next(iter(find(self.entries, wanted)), None)

    def refresh_preview(self) -> None:
        """Draw the selected routine's preview and list line again, reading its level afresh
        (a completed session may have stepped it up)."""
        item = self.list.currentItem()
        entry = self._entry_of(item)
        if item is not None and entry is not None:
            item.setText(self._label(entry))
        self._draw_preview(entry)

    def selected_path(self) -> Path | None:
        item = self.list.currentItem()
        path = item.data(PATH_ROLE) if item is not None else None
        return path if isinstance(path, Path) else None

    def entry_for(self, path: Path) -> Entry | None:
        return next((e for e in self.entries if e.path == path), None)

    def _label(self, entry: Entry) -> str:
        """The routine's two lines in the list: its name and where it comes from, then its
        length and exercises (or why it does not load)."""
        name = {Origin.BUILT_IN: "{name}",
                # Translators: a routine of the user's own, in the library's list.
                Origin.USER: _("{name}  (yours)"),
                # Translators: a routine file opened from elsewhere, in the library's list.
                Origin.OPENED: _("{name}  (opened)")}[entry.origin].format(name=entry.shown_name)
        if entry.routine is None:
            count = len(entry.problems)
            return f"{entry.shown_name}\n    " + ngettext(
                "does not load: {count} problem(s)", "does not load: {count} problem(s)",
                count).format(count=count)
        timeline = compile_timeline(entry.routine, self.level_of(entry.routine))
        count = len(entry.routine.exercises)
        length = shown_seconds(timeline.total_seconds)
        if timeline.open_ended_count:
            length += "+"
        return f"{name}\n    " + ngettext("{length} · {count} exercise",
                                            "{length} · {count} exercises",
                                            count).format(length=length, count=count)

    def _entry_of(self, item: QListWidgetItem | None) -> Entry | None:
        return self.entry_for(item.data(PATH_ROLE)) if item is not None else None

    def _preview(self, entry: Entry | None) -> None:
        if entry is None:
            self.details.show_text("")
        elif entry.routine is None:
            self.details.show_text(_("This routine file does not load:") + "\n\n" + "\n".join(
                str(p) for p in entry.problems))
        else:
            self.details.show_plan(compile_timeline(entry.routine,
                                                    self.level_of(entry.routine)))

    def _hide_unmatched(self, text: str) -> None:
        words = text.lower().split()
        for row in range(self.list.count()):
            item = self.list.item(row)
            item.setHidden(not all(word in item.text().lower() for word in words))

    def _visible_rows(self) -> list[int]:
        return [row for row in range(self.list.count()) if not self.list.item(row).isHidden()]

    def _select(self, row: int | None) -> None:
        """Make ``row`` the current one (``None``: none), which shows it in the preview."""
        self.list.setCurrentRow(-1 if row is None else row)

    def _on_filter_text_changed(self, text: str) -> None:
        self._hide_unmatched(text)
        current = self.list.currentItem()
        if current is None or current.isHidden():
            # What the preview shows must be in sight: the first match, or nothing.
            self._select(next(iter(self._visible_rows()), None))

    def _draw_preview(self, entry: Entry | None) -> None:
        """The plan and the exercises' pictures of ``entry`` (nothing for none)."""
        self._preview(entry)
        self.pictures.show_routine(entry.routine if entry is not None else None)

    def _show_current(self) -> None:
        entry = self._entry_of(self.list.currentItem())
        self._draw_preview(entry)
        if entry is not None:
            self.routine_selected.emit(entry.path)

    def _on_list_current_item_changed(self, current: QListWidgetItem | None,
                                      previous: QListWidgetItem | None) -> None:
        self._show_current()

    def _on_list_item_double_clicked(self, item: QListWidgetItem) -> None:
        self.routine_activated.emit(item.data(PATH_ROLE))


def _same_file(listed: Path, wanted: Path) -> bool:
    """Whether two paths name one file, through links and ``..`` (a file gone is no match)."""
    try:
        return listed.resolve() == wanted.resolve()
    except OSError:
        return False
