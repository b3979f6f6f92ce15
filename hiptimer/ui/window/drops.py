"""Routine files dropped on the window: taken only when every dropped item is one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData


def routine_paths(mime: QMimeData) -> list[Path]:
    """The dropped files when all of them are routine files; otherwise none."""
    from hiptimer.routine.catalogue import ROUTINE_SUFFIXES

    paths = [Path(url.toLocalFile()) for url in mime.urls()]
    return paths if paths and all(p.suffix.lower() in ROUTINE_SUFFIXES for p in paths) else []
