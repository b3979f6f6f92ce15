"""The history database, opened only when first needed.

The window shows before the database (and SQLite) is touched; the library's levels, a
session's recorder and the history view all ask this for the store when they need it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hiptimer.history.store import HistoryStore


class LazyHistory:
    """The history database, opened when first needed and reported on once."""

    def __init__(self, open_store: Callable[[], HistoryStore] | None,
                 report: Callable[[str], None]) -> None:
        self._open = open_store
        self._report = report
        self._store: HistoryStore | None = None

    def store(self) -> HistoryStore | None:
        if self._store is None and self._open is not None:
            self._store = self._open()
            self._open = None
            if self._store.problem:
                self._report(self._store.problem)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None
        self._open = None
