"""Where each routine stands in its progression, and the user's say over it (hold, reset).

The level lives in the history database, keyed by the routine's name. The history opens
lazily, so this service is handed a way to get it rather than the store itself; when no
history is kept every routine is at level 0 and changes have nowhere to go.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from hiptimer.routine.model import Routine
from hiptimer.routine.progression import level_in_range, top_level

if TYPE_CHECKING:  # the database module loads with the history, not with this service
    from hiptimer.history.store import HistoryStore


@dataclass(frozen=True)
class Level:
    """A routine's place in its progression."""

    level: int
    """The level its sessions run at: the stored one, but never above ``top``."""
    held: bool
    """True while the user keeps it at this level (completed sessions do not step it up)."""
    top: int
    """The level from which nothing in the routine can go higher (0: it has no ranges)."""

    @property
    def at_top(self) -> bool:
        return self.level >= self.top


class Progression:
    """Reads and changes routines' levels in the history, whenever it is opened."""

    def __init__(self, history: Callable[[], HistoryStore | None]) -> None:
        self.history = history
        """The store, opened on first call; ``None`` when no history is kept."""

    def level_of(self, routine: Routine) -> Level:
        store = self.history()
        stored, held = store.level(routine.name) if store is not None else (0, False)
        top = top_level(routine)
        return Level(level_in_range(stored, top), held, top)

    def hold(self, routine: Routine, held: bool) -> Level | None:
        """Keep the routine at its level (or let it step up again); ``None``: not kept."""
        store = self.history()
        if store is None:
            return None
        # The stored level, not the shown one: a routine whose ranges were narrowed and
        # widened again is back where it was.
        stored, _ = store.level(routine.name)
        store.set_level(routine.name, stored, held)
        return self.level_of(routine)

    def reset(self, routine: Routine) -> Level | None:
        """Back to level 0, held or not as before; ``None`` when no history is kept."""
        store = self.history()
        if store is None:
            return None
        _, held = store.level(routine.name)
        store.set_level(routine.name, 0, held)
        return self.level_of(routine)
