"""The user's own routines folder: new files, copies, renames, and a trash to undo deletes.

Every file operation on routines the user made lives here, away from any window, so it can
be tested with plain folders. Writing a routine goes through ``save_text`` (atomic, keeps a
``.bak``); a routine is deleted by moving it into the trash folder, under its name and a
time stamp, from where ``restore`` moves it back. Both folders are made for the user alone.
Whatever goes wrong, or is refused, is a ``FolderError`` whose message names the file.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from hiptimer.base.privacy import make_folder
from hiptimer.base.problem import RoutineError
from hiptimer.routine.catalogue import Entry, Origin, routine_files, scan_folder
from hiptimer.routine.model import Exercise, Routine
from hiptimer.routine.parse import MAX_NAME_CHARS, load_routine, parse_routine
from hiptimer.routine.save import SaveError, backup_path, save_text
from hiptimer.routine.write import routine_to_yaml

SUFFIX = ".yaml"
MAX_SLUG_CHARS = 64
"""File names stay far below the 255 bytes file systems allow, whatever the routine's name."""
STAMP_FORMAT = "%Y%m%d-%H%M%S"
_COPY_SUFFIX = re.compile(r"^(?P<base>.*) \(copy(?: \d+)?\)$", re.DOTALL)


class FolderError(Exception):
    """An operation on the user's routines did not happen; the message says which file and why."""


def slug(name: str) -> str:
    """A file stem for a routine name: lower-case letters, digits and dashes only."""
    text = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return text[:MAX_SLUG_CHARS].rstrip("-") or "routine"


def free_path(folder: Path, name: str) -> Path:
    """A path in ``folder`` for a routine called ``name`` that nothing occupies yet."""
    stem = slug(name)
    path = folder / f"{stem}{SUFFIX}"
    number = 2
    while os.path.lexists(path):  # a dangling link occupies its name too
        path = folder / f"{stem}-{number}{SUFFIX}"
        number += 1
    return path


def copy_name(name: str, taken: set[str]) -> str:
    """``X (copy)``, else ``X (copy 2)`` and up: the first not in ``taken`` (casefolded).

    A copy of a copy is numbered, not called ``X (copy) (copy)``; a long name is shortened
    so that the copy's name is still one a routine file may have.
    """
    match = _COPY_SUFFIX.fullmatch(name)
    base = match["base"] if match else name
    number = 1
    while True:
        ending = " (copy)" if number == 1 else f" (copy {number})"
        candidate = base[:MAX_NAME_CHARS - len(ending)].rstrip() + ending
        if candidate.casefold() not in taken:
            return candidate
        number += 1


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


class UserFolder:
    """The routines in ``user_dir`` and the deleted ones in ``trash_dir``."""

    def __init__(self, user_dir: Path, trash_dir: Path,
                 now: Callable[[], datetime] = datetime.now) -> None:
        self.user_dir = user_dir
        self.trash_dir = trash_dir
        self.now = now
        """The clock for the trash's time stamps (local time, as the user reads them)."""

    def free_path(self, name: str) -> Path:
        return free_path(self.user_dir, name)

    def names(self) -> set[str]:
        """The names (casefolded) of the routines in the user's folder, loading or not."""
        return {entry.name.casefold() for entry in scan_folder(self.user_dir, Origin.USER)}

    def copy_name(self, name: str) -> str:
        """A name for a copy of ``name`` that no routine in the user's folder has."""
        return copy_name(name, self.names())

    def duplicate(self, source: Entry | Routine) -> Path:
        """Write a copy of the routine, under a name of its own, into the user's folder."""
        if isinstance(source, Entry):
            if source.routine is None:
                raise FolderError(
                    f"could not duplicate {source.path}: it does not load "
                    f"({len(source.problems)} problem(s)); fix it first")
            routine = source.routine
        else:
            routine = source
        copy = replace(routine, name=self.copy_name(routine.name),
                       exercises=self._images_found_from_here(routine))
        path = self.free_path(copy.name)
        self._save(path, copy)
        return path

    def rename(self, entry: Entry, new_name: str) -> None:
        """Give the routine in ``entry``'s file a new name; the file keeps its own name."""
        name = new_name.strip()
        if entry.origin is Origin.BUILT_IN:
            raise FolderError(f"could not rename {entry.path}: built-in routines cannot be "
                               "changed; duplicate it and rename the copy")
        if not name:
            raise FolderError(f"could not rename {entry.path}: a name is needed")
        try:
            # The file as it is now, not as it was scanned: an edit since then is kept.
            routine = load_routine(entry.path)
        except RoutineError as exc:
            raise FolderError(f"could not rename {entry.path}: it does not load "
                               f"({len(exc.problems)} problem(s)); fix it first") from None
        self._save(entry.path, replace(routine, name=name))

    def trash(self, entry: Entry) -> Path:
        """Move one of the user's routines into the trash; returns where it went."""
        if entry.origin is not Origin.USER:
            raise FolderError(f"could not delete {entry.path}: only your own routines can be "
                               "deleted")
        path = entry.path
        stamp = self.now().strftime(STAMP_FORMAT)
        try:
            make_folder(self.trash_dir)
            target = self.trash_dir / f"{path.stem}.{stamp}{path.suffix}"
            number = 2
            while os.path.lexists(target):  # deleted twice within one second
                target = self.trash_dir / f"{path.stem}.{stamp}-{number}{path.suffix}"
                number += 1
            shutil.move(path, target)
        except OSError as exc:
            raise FolderError(f"could not delete {path}: {_reason(exc)}") from None
        _move_backup(path, target)
        return target

    def trashed(self) -> list[Path]:
        """The routine files in the trash, sorted by file name."""
        try:
            return routine_files(self.trash_dir)
        except OSError as exc:
            raise FolderError(f"could not list the trash {self.trash_dir}: "
                               f"{_reason(exc)}") from None

    def restore(self, trashed: Path) -> Path:
        """Move a routine from the trash back into the user's folder; returns its new path.

        It gets its old file name back, or a free one when that was taken meanwhile.
        """
        if trashed.parent.resolve() != self.trash_dir.resolve():
            raise FolderError(f"could not restore {trashed}: it is not in the trash "
                               f"({self.trash_dir})")
        original = original_stem(trashed)
        target = self.user_dir / f"{original}{trashed.suffix}"
        try:
            make_folder(self.user_dir)
            if os.path.lexists(target):
                target = self.free_path(original)
            shutil.move(trashed, target)
        except OSError as exc:
            raise FolderError(f"could not restore {trashed}: {_reason(exc)}") from None
        _move_backup(trashed, target)
        return target

    def _images_found_from_here(self, routine: Routine) -> tuple[Exercise, ...]:
        """The exercises, their images pointed at where they are when the routine's folder
        is not the user's (an image path is relative to the routine file)."""
        if routine.path is None:
            return routine.exercises
        folder = routine.path.parent.resolve()
        if folder == self.user_dir.resolve():
            return routine.exercises
        return tuple(replace(ex, image=str(folder / ex.image)) if ex.image is not None else ex
                     for ex in routine.exercises)

    def _save(self, path: Path, routine: Routine) -> None:
        """Write ``routine`` to ``path``, unless the file written would not load."""
        text = routine_to_yaml(routine)
        try:
            parse_routine(text.encode("utf-8"), str(path), path.parent)
        except RoutineError as exc:
            raise FolderError(f"could not save {path}: {exc.problems[0].message}") from None
        try:
            save_text(path, text)
        except SaveError as exc:
            raise FolderError(str(exc)) from None


def _move_backup(moved: Path, to: Path) -> None:
    """The earlier version a save kept beside a routine goes where the routine went, so a
    deleted routine leaves nothing behind and a restored one has its earlier version back.
    It is a copy only: where it cannot follow, it stays where it was."""
    backup, arrived = backup_path(moved), backup_path(to)
    if os.path.lexists(backup) and not os.path.lexists(arrived):
        with contextlib.suppress(OSError):
            shutil.move(backup, arrived)


def original_stem(trashed: Path) -> str:
    """The file stem a trashed routine had, without the time stamp the trash added."""
    stem, dot, _stamp = trashed.stem.rpartition(".")
    return stem if dot else trashed.stem
