"""The routine library: built-in routines and the user's own, each loaded or with its problems."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from hiptimer.routine.model import Routine
from hiptimer.routine.parse import load_routine
from hiptimer.routine.problem import Problem, RoutineError

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
        return self.routine.name if self.routine is not None else self.path.stem

    @property
    def valid(self) -> bool:
        return self.routine is not None


def load_entry(path: Path, origin: Origin) -> Entry:
    try:
        return Entry(path, origin, load_routine(path))
    except RoutineError as exc:
        return Entry(path, origin, None, exc.problems)


def routine_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir()
                  if p.suffix.lower() in ROUTINE_SUFFIXES and p.is_file())


def scan(builtin_dir: Path, user_dir: Path) -> list[Entry]:
    """Every routine file in both folders, built-ins first, each sorted by file name."""
    return ([load_entry(p, Origin.BUILT_IN) for p in routine_files(builtin_dir)]
            + [load_entry(p, Origin.USER) for p in routine_files(user_dir)])


def find(entries: list[Entry], wanted: str) -> list[Entry]:
    """The entries whose file stem or routine name is ``wanted``, ignoring case."""
    key = wanted.strip().lower()
    return [e for e in entries if key in (e.path.stem.lower(), e.name.lower())]
