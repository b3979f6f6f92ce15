"""The user's routine files as the window offers them: new, edit, copy, rename, delete, restore.

The file work itself is the Qt-free ``UserFolder``; this adds what a person sees around
it: the editor windows, the questions, and a located message when something is refused.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtWidgets import QFileDialog, QInputDialog, QWidget

from hiptimer.base.translation import _
from hiptimer.routine.catalogue import Entry, Origin, load_entry
from hiptimer.routine.draft import RoutineDraft, draft_from_routine
from hiptimer.routine.model import Routine
from hiptimer.routine.user_folder import FolderError, UserFolder
from hiptimer.ui.library.editor import RoutineEditor
from hiptimer.ui.library.panel import LibraryAction

_T = TypeVar("_T")
Say = Callable[[str], None]


class RoutineFiles:
    def __init__(self, window: QWidget, user_folder: UserFolder, *,
                 saved: Callable[[Path], None], removed: Callable[[], None],
                 try_routine: Callable[[Routine], None], explain: Callable[[Entry], None],
                 confirm: Callable[[str, str], bool], say: Say, report: Say) -> None:
        self.window = window
        self.user_folder = user_folder
        self.saved = saved
        """A routine file was written: the library shows and selects it."""
        self.removed = removed
        self.try_routine = try_routine
        self.explain = explain
        """Says why a routine file does not load."""
        self.confirm = confirm
        self.say = say
        self.report = report
        self.editors: list[RoutineEditor] = []

    def act(self, action: LibraryAction, entry: Entry | None) -> None:
        """A library button: ``entry`` is the selected routine, if any."""
        if action is LibraryAction.NEW:
            self.new_routine()
            return
        if entry is None:
            self.say(_("Select a routine first"))
            return
        {LibraryAction.DUPLICATE: self.duplicate, LibraryAction.EDIT: self.edit,
         LibraryAction.RENAME: self.rename, LibraryAction.DELETE: self.delete}[action](entry)

    def open_editor(self, draft: RoutineDraft, path: Path | None) -> RoutineEditor:
        # A window of its own (no parent): the main window's hands-free keys stay out of it.
        editor = RoutineEditor(draft, path, self.user_folder.user_dir, self.saved,
                               self.try_routine)
        self.editors.append(editor)
        editor.show()
        return editor

    def close_editors(self) -> bool:
        """Close every editor; ``False`` when one with unsaved changes was kept open."""
        return all(editor.close() for editor in self.editors if editor.isVisible())

    def new_routine(self) -> RoutineEditor:
        return self.open_editor(RoutineDraft(), None)

    def duplicate(self, entry: Entry) -> RoutineEditor | None:
        path = self._attempt(lambda: self.user_folder.duplicate(entry))
        if path is None:
            return None
        self.saved(path)
        copy = load_entry(path, Origin.USER).routine
        return self.open_editor(draft_from_routine(copy), path) if copy is not None else None

    def edit(self, entry: Entry) -> RoutineEditor | None:
        if entry.origin is Origin.BUILT_IN:
            if self.confirm(_("Built-in routines cannot be changed."),
                            _("Make your own copy to edit?")):
                return self.duplicate(entry)
            return None
        if entry.routine is None:
            self.explain(entry)
            return None
        return self.open_editor(draft_from_routine(entry.routine), entry.path)

    def rename(self, entry: Entry) -> None:
        if entry.origin is Origin.BUILT_IN or entry.routine is None:
            self.say(_("Only your own, valid routines can be renamed"))
            return
        name, ok = QInputDialog.getText(self.window, _("Rename routine"), _("New name:"),
                                        text=entry.shown_name)
        if not ok or not name.strip():
            return
        try:
            self.user_folder.rename(entry, name)
        except FolderError as exc:
            self.report(str(exc))
            return
        self.saved(entry.path)

    def delete(self, entry: Entry) -> Path | None:
        """Move a routine of the user's to the trash, from where it can come back."""
        if entry.origin is not Origin.USER:
            self.say(_("Only your own routines can be deleted"))
            return None
        target = self._attempt(lambda: self.user_folder.trash(entry))
        if target is not None:
            self.removed()
            # Translators: "File > Restore" names the menu and its entry "Restore a deleted
            # routine…"; use their translated words.
            self.say(_("Moved {file} to the trash; File > Restore brings it back").format(
                file=entry.path.name))
        return target

    def restore(self, trashed: Path) -> Path | None:
        target = self._attempt(lambda: self.user_folder.restore(trashed))
        if target is not None:
            self.saved(target)
        return target

    def restore_dialog(self) -> None:
        # Translators: the kind of file offered; keep the patterns in brackets.
        kinds = _("Routines (*.yaml *.yml)")
        name, _kind = QFileDialog.getOpenFileName(self.window, _("Restore a deleted routine"),
                                                  str(self.user_folder.trash_dir), kinds)
        if name:
            self.restore(Path(name))

    def _attempt(self, operation: Callable[[], _T]) -> _T | None:
        """Run a file operation; a refusal or failure is shown and gives ``None``."""
        try:
            return operation()
        except FolderError as exc:
            self.report(str(exc))
            return None
