"""Keeps the library panel current: the routine folders as they change on disk, and the
files opened from elsewhere (a file dialog, a drop, the command line)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer

from hiptimer.routine.catalogue import Entry, Origin, load_entry
from hiptimer.ui.library.panel import LibraryPanel

RESCAN_AFTER_MS = 250
"""One rescan for an editor's burst of writes."""


class LibraryWatch(QObject):
    def __init__(self, panel: LibraryPanel, scan: Callable[[], list[Entry]],
                 folders: list[Path], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.panel = panel
        self.scan = scan
        self.opened: list[Path] = []
        self.watcher = QFileSystemWatcher(self)
        for folder in folders:
            if folder.is_dir():
                self.watcher.addPath(str(folder))
        self.watcher.directoryChanged.connect(self._on_watcher_changed)
        self.watcher.fileChanged.connect(self._on_watcher_changed)
        self.rescan_timer = QTimer(self)
        self.rescan_timer.setSingleShot(True)
        self.rescan_timer.setInterval(RESCAN_AFTER_MS)
        self.rescan_timer.timeout.connect(self.reload)

    def reload(self) -> None:
        entries = self.scan()
        known = {e.path for e in entries}
        entries += [load_entry(p, Origin.OPENED) for p in self.opened if p not in known]
        self.panel.set_entries(entries)
        for entry in entries:
            if entry.origin is Origin.OPENED and str(entry.path) not in self.watcher.files():
                self.watcher.addPath(str(entry.path))

    def open(self, path: Path) -> Entry:
        """The entry of a routine file from anywhere, listed (and watched) and selected."""
        path = path.resolve()
        if path not in {e.path.resolve() for e in self.panel.entries}:
            self.opened.append(path)
            self.reload()
        entry = next(e for e in self.panel.entries if e.path.resolve() == path)
        self.select(entry.path)
        return entry

    def select(self, path: Path) -> None:
        self.panel.set_entries(self.panel.entries, select=path)

    def selected(self) -> Entry | None:
        path = self.panel.selected_path()
        return self.panel.entry_for(path) if path is not None else None

    def entry(self, path: Path) -> Entry:
        """The listed entry for ``path``, or the file read afresh when it is not listed."""
        return self.panel.entry_for(path) or load_entry(path, Origin.OPENED)

    def _on_watcher_changed(self, path: str) -> None:
        if Path(path).is_file() and path not in self.watcher.files():
            self.watcher.addPath(path)  # an editor that replaces the file drops the watch
        self.rescan_timer.start()
