"""The history and progress windows the main window opens: kept while open, none without a
history."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from hiptimer.base.translation import _

if TYPE_CHECKING:
    from hiptimer.base.preferences import Settings
    from hiptimer.history.store import HistoryStore
    from hiptimer.ui.history.view import HistoryView


class HistoryWindows:
    def __init__(self, history: Callable[[], HistoryStore | None], settings: Settings,
                 say: Callable[[str], None]) -> None:
        self.history = history
        self.settings = settings
        self.say = say
        self.views: list[HistoryView] = []

    def open(self) -> HistoryView | None:
        """A new history window, shown; ``None`` (and a word why) when no history is kept."""
        from hiptimer.ui.history.view import HistoryView

        store = self.history()
        if store is None:
            self.say(_("No history is kept in this session"))
            return None
        view = HistoryView(store, self.settings)
        self.views.append(view)
        view.show()
        return view
