"""What the main window is built with: its opening size, and the services it gets from the
composition root once it has first shown."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from hiptimer.history.levels import Progression
    from hiptimer.history.store import HistoryStore
    from hiptimer.practice import Assembler
    from hiptimer.routine.catalogue import Entry
    from hiptimer.routine.user_folder import UserFolder


def opening_size(window: QWidget) -> QSize:
    """1280x720, or less: never larger than the part of its screen a window may take."""
    screen = window.screen().availableGeometry()
    return QSize(min(1280, screen.width() * 9 // 10), min(720, screen.height() * 9 // 10))


@dataclass(frozen=True)
class WindowServices:
    """What the window works with beyond its screen, built once it has first shown."""

    assembler: Assembler
    progression: Progression
    user_folder: UserFolder
    scan_library: Callable[[], list[Entry]]
    watch: list[Path]
    """Folders whose changes reload the library."""
    history: Callable[[], HistoryStore | None]
