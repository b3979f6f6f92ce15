"""The routine library: built-in routines and the user's own, each loaded or with its problems.

Whatever the folders hold, a scan lists every routine file in them: one that loads is a
routine, and one that does not, for whatever reason, is an entry with its problems. Nothing
in one file can stop the others from being listed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path

from hiptimer.base.locations import builtin_routines_dir, user_routines_dir
from hiptimer.base.problem import Problem, RoutineError, escaped
from hiptimer.base.translation import _, ngettext
from hiptimer.routine.model import Routine, TextField
from hiptimer.routine.parse import load_routine

ROUTINE_SUFFIXES = (".yaml", ".yml")


class Origin(StrEnum):
    BUILT_IN = "built-in"
    USER = "user"
    OPENED = "opened"
    """Opened from elsewhere (a file dialog, a drop, the command line)."""


@dataclass(frozen=True)
class Entry:
    """One routine file in the library: its routine when it loads, its problems when not."""

    path: Path
    origin: Origin
    routine: Routine | None
    problems: tuple[Problem, ...] = ()

    @property
    def name(self) -> str:
        """The routine's name (its source text, which history and settings go by), or (when
        it does not load) its file's name, safe to print."""
        return self.routine.name if self.routine is not None else escaped(self.path.stem)

    @property
    def shown_name(self) -> str:
        """The name to show: the routine's in the language spoken, or its file's name."""
        return (self.routine.text(TextField.NAME) if self.routine is not None
                else escaped(self.path.stem))

    def names(self) -> set[str]:
        """Every name it may be asked for by, ignoring case: its file's stem, and its
        routine's name in every language the file gives."""
        found = {self.path.stem.casefold(), self.name.casefold()}
        if self.routine is not None:
            found.update(text.casefold() for _language, text in
                         self.routine.wordings.name.entries)
        return found

    @property
    def valid(self) -> bool:
        return self.routine is not None

    def why_not(self, shown: int = 8) -> str:
        """What to tell the user of a file that does not load: the first problems, located."""
        listed = "\n".join(str(p) for p in self.problems[:shown])
        more = len(self.problems) - shown
        text = _("{file} does not load. Fix these lines and save; the library reloads "
                 "it:\n{problems}").format(file=self.path.name, problems=listed)
        if more > 0:
            text += "\n" + ngettext("…and {count} more", "…and {count} more",
                                    more).format(count=more)
        return text


def load_entry(path: Path, origin: Origin) -> Entry:
    """The file's entry; never raises, whatever the file holds or however reading it fails."""
    try:
        return Entry(path, origin, load_routine(path))
    except RoutineError as exc:
        return Entry(path, origin, None, exc.problems)
    except Exception as exc:  # a mistake of ours must not empty the whole library
        message = _("hiptimer could not read this file ({error}); this is a bug in hiptimer, "
                    "please report it with the file").format(error=type(exc).__name__)
        return Entry(path, origin, None, (Problem(str(path), 1, 1, message),))


def routine_files(folder: Path) -> list[Path]:
    """Every entry in ``folder`` named like a routine file, whatever kind of file it is.

    Folders, pipes and devices named ``*.yaml`` are listed too: loading them says what
    they are, so the person sees why they are not routines. ``OSError`` when the folder
    cannot be listed.
    """
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in ROUTINE_SUFFIXES)


def scan_folder(folder: Path, origin: Origin) -> list[Entry]:
    """The entries of one folder; a folder that cannot be listed is one entry saying why."""
    try:
        paths = routine_files(folder)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        problem = Problem(str(folder), 1, 1, _("cannot list this routines folder: {reason}")
                          .format(reason=reason))
        return [Entry(folder, origin, None, (problem,))]
    return [load_entry(p, origin) for p in paths]


def scan(builtin_dir: Path, user_dir: Path) -> list[Entry]:
    """Every routine file in both folders, built-ins first, each sorted by file name."""
    return scan_folder(builtin_dir, Origin.BUILT_IN) + scan_folder(user_dir, Origin.USER)


def scan_installed() -> list[Entry]:
    """The built-in routines and the user's own, from the folders hiptimer keeps them in."""
    return scan(builtin_routines_dir(), user_routines_dir())


def shown_routine_name(recorded: str) -> str:
    """A routine's name as the history recorded it (its source text), in the language
    spoken when it is a built-in routine's; any other as recorded (a routine of the user's
    is named in the language it was written in)."""
    for entry in _builtins():
        if entry.name == recorded:
            return entry.shown_name
    return recorded


@cache
def _builtins() -> list[Entry]:
    """The built-in routines, read once: a long history asks for their names row by row,
    and they do not change while hiptimer runs."""
    return scan_folder(builtin_routines_dir(), Origin.BUILT_IN)


def find(entries: list[Entry], wanted: str) -> list[Entry]:
    """The entries whose file stem or routine name (in any of its languages) is ``wanted``,
    ignoring case."""
    key = wanted.strip().casefold()
    return [e for e in entries if key in e.names()]


def locate(wanted: str, entries: Callable[[], list[Entry]] = scan_installed
           ) -> tuple[Path | None, str | None]:
    """A routine named on a command line: a file's path, or a library routine's name (its
    file's stem or its own name). The path, or None and why not, in words for the user."""
    path = Path(wanted)
    if path.exists():
        return path, None
    matches = find(entries(), wanted)
    if len(matches) == 1:
        return matches[0].path, None
    if matches:
        paths = ", ".join(escaped(str(e.path)) for e in matches)
        return None, _("several routines are called {name} ({paths}); give the path of the "
                       "one you mean").format(name=repr(wanted), paths=paths)
    return None, _("no routine file or library routine called {name} (see 'hiptimer list')"
                   ).format(name=repr(wanted))


class NotFound(Exception):
    """What a command line named is not there; the message says why, for a person."""


def exercise_index(routine: Routine, name: str) -> int | None:
    """The place in ``routine`` of its first exercise called ``name``, in any case and in
    any language its file gives the name in."""
    wanted = name.casefold()
    return next((index for index, exercise in enumerate(routine.exercises)
                 if wanted in {exercise.name.casefold(), *(text.casefold() for _language, text
                                                           in exercise.wordings.name.entries)}),
                None)


def locate_exercise(wanted: str, name: str) -> tuple[Routine, int]:
    """The routine a command line names (``locate``), loaded, and the place in it of its
    exercise called ``name``; ``NotFound`` saying why not."""
    found, problem = locate(wanted)
    if found is None:
        raise NotFound(problem or _("no routine {name}").format(name=repr(wanted)))
    try:
        routine = load_routine(found)
    except RoutineError as exc:
        raise NotFound(str(exc)) from None
    index = exercise_index(routine, name)
    if index is None:
        names = ", ".join(dict.fromkeys(e.text(TextField.NAME) for e in routine.exercises))
        raise NotFound(_("{routine} has no exercise called {name}; it has: {names}").format(
            routine=routine.text(TextField.NAME), name=repr(name), names=names))
    return routine, index
