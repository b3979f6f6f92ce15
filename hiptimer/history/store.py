"""The history database: every session, recorded as it happens, in the user's data folder.

``HistoryStore`` is the one object callers hold. It is put together from the parts that
each keep one concept's tables: sessions and their work (``sessions``), progression levels
(``level_rows``), how sessions felt (``ratings``), range-of-motion measurements
(``measurements``) and deleting (``deletion``); all share the one connection that
``opening`` made. The schema and its migrations are ``schema``'s.
"""

from __future__ import annotations

from pathlib import Path

from hiptimer.history.deletion import Deletions
from hiptimer.history.level_rows import LevelRows
from hiptimer.history.measurements import MeasurementRows
from hiptimer.history.opening import OPEN_WAIT, WRITE_WAIT, open_database
from hiptimer.history.ratings import RatingRows
from hiptimer.history.sessions import SessionRows

HISTORY_FILE = "history.sqlite"


class HistoryStore(SessionRows, LevelRows, RatingRows, MeasurementRows, Deletions):
    """The history at ``path``: opened (or stood in for, in memory) when it is made."""

    def __init__(self, path: Path, *, open_wait: float = OPEN_WAIT,
                 write_wait: float = WRITE_WAIT) -> None:
        self.path = path
        self.write_wait = write_wait
        opened = open_database(path, open_wait, write_wait)
        self.db = opened.db
        self.problem = opened.problem
        """Why the history is not what the user would expect: moved aside, or not used."""
        self.in_memory = opened.in_memory
        """True when this run records into memory: the file could not be used."""

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> HistoryStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_history() -> HistoryStore:
    """The user's own history, in the data folder."""
    from hiptimer.base.locations import data_dir

    return HistoryStore(data_dir() / HISTORY_FILE)
