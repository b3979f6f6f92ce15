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
import unicodedata
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from hiptimer.base.privacy import make_folder
from hiptimer.base.problem import RoutineError
from hiptimer.base.translation import N_, _, installed_language, ngettext
from hiptimer.routine.catalogue import Entry, Origin, routine_files, scan_folder
from hiptimer.routine.model import Exercise, Routine, TextField, Wording, source_text
from hiptimer.routine.parse import MAX_NAME_CHARS, load_routine, parse_routine
from hiptimer.routine.save import SaveError, backup_path, save_text
from hiptimer.routine.write import routine_to_yaml

SUFFIX = ".yaml"
MAX_SLUG_CHARS = 64
"""File names stay far below the 255 bytes file systems allow, whatever the routine's name."""
STAMP_FORMAT = "%Y%m%d-%H%M%S"
COPY_NAMES = (N_("{name} (copy)"), N_("{name} (copy {number})"))
"""A copy's name, then a further copy's, in English: a name made either way, in English or
in the language spoken, is a copy's, and its copy is numbered rather than copied again."""


class FolderError(Exception):
    """An operation on the user's routines did not happen; the message says which file and why."""


def slug(name: str) -> str:
    """A file stem for a routine name: lower-case letters, digits and dashes only; a letter
    with an accent is written without it ("Rotación" gives "rotacion", "Übung" "ubung"),
    so a name in German or Spanish keeps its words."""
    plain = unicodedata.normalize("NFKD", name.lower().replace("ß", "ss"))
    plain = "".join(char for char in plain if not unicodedata.combining(char))
    text = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")
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
    base = next((match["base"] for pattern in _copy_patterns()
                 if (match := pattern.fullmatch(name)) is not None), name)
    number = 1
    while True:
        # Translators: {name} is the routine's name; a routine's copy is named so.
        template = _(COPY_NAMES[0]) if number == 1 else _(COPY_NAMES[1])
        length = len(template.format(name="", number=number))
        candidate = template.format(name=base[:MAX_NAME_CHARS - length].rstrip(),
                                    number=number)
        if candidate.casefold() not in taken:
            return candidate
        number += 1


def _copy_patterns() -> list[re.Pattern[str]]:
    """What a copy's name looks like, in English and in the language spoken."""
    templates = dict.fromkeys((*COPY_NAMES, *(_(template) for template in COPY_NAMES)))
    return [re.compile(re.escape(template).replace(re.escape("{name}"), "(?P<base>.*)")
                       .replace(re.escape("{number}"), r"\d+"), re.DOTALL)
            for template in templates]


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
                raise FolderError(ngettext(
                    "could not duplicate {path}: it does not load ({count} problem); fix it "
                    "first", "could not duplicate {path}: it does not load ({count} problems); "
                    "fix it first", len(source.problems)).format(path=source.path,
                                                                 count=len(source.problems)))
            routine = source.routine
        else:
            routine = source
        # The copy is the person's own: its name is plain text, in the language they read.
        name = self.copy_name(routine.text(TextField.NAME))
        copy = replace(routine, name=name, wordings=replace(routine.wordings, name=Wording()),
                       exercises=self._images_found_from_here(routine))
        path = self.free_path(copy.name)
        self._save(path, copy)
        return path

    def rename(self, entry: Entry, new_name: str) -> None:
        """Give the routine in ``entry``'s file a new name; the file keeps its own name."""
        name = new_name.strip()
        if entry.origin is Origin.BUILT_IN:
            raise FolderError(_("could not rename {path}: built-in routines cannot be "
                                "changed; duplicate it and rename the copy")
                              .format(path=entry.path))
        if not name:
            raise FolderError(_("could not rename {path}: a name is needed")
                              .format(path=entry.path))
        try:
            # The file as it is now, not as it was scanned: an edit since then is kept.
            routine = load_routine(entry.path)
        except RoutineError as exc:
            raise FolderError(ngettext(
                "could not rename {path}: it does not load ({count} problem); fix it first",
                "could not rename {path}: it does not load ({count} problems); fix it first",
                len(exc.problems)).format(path=entry.path, count=len(exc.problems))) from None
        wording = routine.wordings.name.edited(name, installed_language(), required=True)
        source = source_text(wording.entries) if wording.entries else name
        self._save(entry.path, replace(routine, name=source,
                                       wordings=replace(routine.wordings, name=wording)))

    def trash(self, entry: Entry) -> Path:
        """Move one of the user's routines into the trash; returns where it went."""
        if entry.origin is not Origin.USER:
            raise FolderError(_("could not delete {path}: only your own routines can be "
                                "deleted").format(path=entry.path))
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
            raise FolderError(_("could not delete {path}: {reason}")
                              .format(path=path, reason=_reason(exc))) from None
        _move_backup(path, target)
        return target

    def trashed(self) -> list[Path]:
        """The routine files in the trash, sorted by file name."""
        try:
            return routine_files(self.trash_dir)
        except OSError as exc:
            raise FolderError(_("could not list the trash {folder}: {reason}")
                              .format(folder=self.trash_dir, reason=_reason(exc))) from None

    def restore(self, trashed: Path) -> Path:
        """Move a routine from the trash back into the user's folder; returns its new path.

        It gets its old file name back, or a free one when that was taken meanwhile.
        """
        if trashed.parent.resolve() != self.trash_dir.resolve():
            raise FolderError(_("could not restore {path}: it is not in the trash ({folder})")
                              .format(path=trashed, folder=self.trash_dir))
        original = original_stem(trashed)
        target = self.user_dir / f"{original}{trashed.suffix}"
        try:
            make_folder(self.user_dir)
            if os.path.lexists(target):
                target = self.free_path(original)
            shutil.move(trashed, target)
        except OSError as exc:
            raise FolderError(_("could not restore {path}: {reason}")
                              .format(path=trashed, reason=_reason(exc))) from None
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
            raise FolderError(_("could not save {path}: {problem}")
                              .format(path=path, problem=exc.problems[0].message)) from None
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
