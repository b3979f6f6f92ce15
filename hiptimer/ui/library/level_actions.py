"""Holding, freeing and resetting the selected routine's level, from the Session menu."""

from __future__ import annotations

from collections.abc import Callable

from hiptimer.base.translation import _
from hiptimer.history.levels import Progression
from hiptimer.ui.library.watch import LibraryWatch


class LevelActions:
    def __init__(self, watch: LibraryWatch, progression: Progression,
                 say: Callable[[str], None]) -> None:
        self.watch = watch
        self.progression = progression
        self.say = say

    def hold(self, held: bool) -> None:
        """Keep the selected routine at its level (or let it step up again)."""
        entry = self.watch.selected()
        if entry is None or entry.routine is None:
            return
        level = self.progression.hold(entry.routine, held)
        if level is not None:
            said = (_("{routine}: level {level} held") if held
                    else _("{routine}: level {level} steps up again"))
            self.say(said.format(routine=entry.shown_name, level=level.level))

    def reset(self) -> None:
        entry = self.watch.selected()
        if entry is None or entry.routine is None:
            return
        self.progression.reset(entry.routine)
        self.watch.reload()
        self.say(_("{routine}: back to level 0").format(routine=entry.shown_name))
