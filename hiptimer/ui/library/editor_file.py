"""The routine editor's file: saving the draft safely, and following the file on disk.

Saving writes the routine atomically and keeps the previous file as ``NAME.yaml.bak``; a
file marked read-only is never replaced, and the editor offers to save a copy in the user's
routines folder instead. A change made to the file elsewhere is loaded, after asking when
the editor holds changes of its own; closing with changes asks whether to save them.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMessageBox, QWidget

from hiptimer.base.problem import RoutineError
from hiptimer.base.translation import N_, _, pgettext
from hiptimer.routine.draft import RoutineDraft, draft_to_routine
from hiptimer.routine.save import SaveError, backup_path, may_write, save_text
from hiptimer.routine.user_folder import free_path
from hiptimer.routine.write import routine_to_yaml
from hiptimer.ui.common import plain
from hiptimer.ui.common.plain import plain_label
from hiptimer.ui.library.editor_fields import keep_place

SAVED_STYLE = ("background: #1b6e3a; color: #ffffff; font-weight: bold; padding: 2px 10px;"
               " border-radius: 3px;")
"""White on green (6.3:1): seen at a glance in either look."""


class Answer(StrEnum):
    """The buttons of the editor's questions; the value is the button's text in English
    (``text`` gives it in the language spoken)."""

    SAVE = "Save"
    DISCARD = N_("Discard changes")
    SAVE_A_COPY = N_("Save a copy")
    KEEP_MINE = N_("Keep my changes")
    LOAD_FROM_DISK = N_("Load the file from disk")

    @property
    def text(self) -> str:
        if self is Answer.SAVE:
            return pgettext("button", "Save")
        return _(self.value)


class FileEditor(QWidget):
    """A window editing the draft of the routine file at ``path`` (``None``: not saved yet).

    The editor built on it shows drafts (``show_draft``) and takes one from disk
    (``load_draft``); this part decides when and where the draft is written.
    """

    def __init__(self, draft: RoutineDraft, path: Path | None, folder: Path,
                 on_saved: Callable[[Path], None], parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.path = path
        self.folder = folder
        self.on_saved = on_saved
        self.draft = draft
        self.saved_draft = draft if path is not None else RoutineDraft(name="", exercises=())
        self.comments_accepted = False
        # Said here, in the editor, where the eyes are; gone with the next change.
        self.saved_note = plain_label(_("Saved"))
        self.saved_note.setStyleSheet(SAVED_STYLE)
        keep_place(self.saved_note)
        self.saved_note.hide()
        self.watcher = QFileSystemWatcher(self)
        self.watcher.fileChanged.connect(self._on_watcher_file_changed)
        if path is not None:
            self.watcher.addPath(str(path))

    def show_draft(self, draft: RoutineDraft) -> None:
        raise NotImplementedError

    def load_draft(self, draft: RoutineDraft) -> None:
        """``draft``, read from the file, becomes the saved one and the one shown."""
        raise NotImplementedError

    @property
    def dirty(self) -> bool:
        return self.draft != self.saved_draft

    @property
    def base_folder(self) -> Path:
        """Where the routine's file is, or will be saved: the files it names are found
        from there."""
        return self.path.parent if self.path is not None else self.folder

    def written_path(self, chosen: Path) -> str:
        """``chosen`` as the routine file gives it: relative to the routine's file when it
        is inside the routine's folder (so the two can be moved together), else whole."""
        base = self.base_folder
        try:
            return chosen.resolve().relative_to(base.resolve()).as_posix()
        except (OSError, ValueError):
            return str(chosen)

    def save(self) -> bool:
        """Save to the routine's file, or to a copy when that file is marked read-only."""
        try:
            routine = draft_to_routine(self.draft, base_dir=self.base_folder)
        except RoutineError:
            return False
        path = self.path or free_path(self.folder, routine.name)
        if not may_write(path):
            answer = self.choose(
                _("{path} is read-only, so hiptimer does not replace it.\n\nSave your changes "
                  "as a copy in your routines folder ({folder}) instead? The editor then edits "
                  "the copy.").format(path=path, folder=self.folder), [Answer.SAVE_A_COPY])
            if answer != Answer.SAVE_A_COPY:
                return False
            path = free_path(self.folder, routine.name)
        elif self.path is not None and not self.comments_accepted and has_comments(path):
            keep = self.ask(
                _("This file has comments, which the editor does not keep."),
                _("Save anyway? The file as it is now is kept as {backup}.")
                .format(backup=backup_path(path).name))
            if not keep:
                return False
            self.comments_accepted = True
        return self._save_as(path, routine_to_yaml(routine))

    def _save_as(self, path: Path, text: str) -> bool:
        """Write ``text`` to ``path``, which from then on is the file this editor edits."""
        if self.watcher.files():  # our own write is not a change made elsewhere
            self.watcher.removePaths(self.watcher.files())
        try:
            save_text(path, text)
        except SaveError as exc:
            if self.path is not None:
                self.watcher.addPath(str(self.path))
            self.warn(str(exc))
            return False
        self.path = path
        self.watcher.addPath(str(path))
        self.saved_draft = self.draft
        self.show_draft(self.draft)
        self.saved_note.show()
        self.on_saved(path)
        return True

    def ask(self, question: str, detail: str) -> bool:
        return plain.ask_yes_no(self, _("Routine editor"), f"{question}\n\n{detail}")

    def choose(self, question: str, choices: list[Answer]) -> Answer | None:
        """The button clicked, or ``None`` for Cancel (or the box closed)."""
        box = plain.message_box(self, QMessageBox.Icon.Question, _("Routine editor"), question)
        buttons = [box.addButton(choice.text, QMessageBox.ButtonRole.AcceptRole)
                   for choice in choices]
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        clicked = box.clickedButton()
        return next((c for c, b in zip(choices, buttons, strict=True) if b is clicked), None)

    def warn(self, message: str) -> None:
        plain.warn(self, _("Routine editor"), message)

    def _on_watcher_file_changed(self, name: str) -> None:
        from hiptimer.routine.draft import draft_from_routine
        from hiptimer.routine.parse import load_routine

        path = Path(name)
        if path.exists():
            self.watcher.addPath(name)
        try:
            on_disk = draft_from_routine(load_routine(path))
        except RoutineError:
            on_disk = None
        if on_disk == self.saved_draft:
            return
        if self.dirty:
            answer = self.choose(_("The file was changed on disk while you were editing it."),
                                 [Answer.KEEP_MINE, Answer.LOAD_FROM_DISK])
            if answer != Answer.LOAD_FROM_DISK:
                return
        if on_disk is not None:
            self.load_draft(on_disk)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.dirty:
            answer = self.choose(_("Save your changes to this routine?"),
                                 [Answer.SAVE, Answer.DISCARD])
            if answer is None or (answer == Answer.SAVE and not self.save()):
                event.ignore()
                return
        super().closeEvent(event)


def has_comments(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return any(line.lstrip().startswith("#") or " #" in line for line in text.splitlines())
