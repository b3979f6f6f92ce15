"""The user's sound and look, changed by a key, a menu or the settings dialog: each change
is saved at once, reaches the running session, shows on the screen and is said."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from hiptimer.base.preferences import Settings
from hiptimer.base.translation import _
from hiptimer.cues.names import CueSettings
from hiptimer.practice import cue_settings

if TYPE_CHECKING:
    from hiptimer.ui.prefs.dialog import TestCue

VOLUME_STEP = 10


class Preferences:
    """``report`` shows a save that failed (the change still holds while the window runs)."""

    def __init__(self, settings: Settings, *, retune: Callable[[CueSettings], None],
                 restyle: Callable[[], None], say: Callable[[str, int], None],
                 report: Callable[[str], None], test_cue: TestCue | None = None) -> None:
        self.settings = settings
        self.retune = retune
        self.restyle = restyle
        self.say = say
        self.report = report
        self.test_cue = test_cue

    def toggle_mute(self) -> None:
        self.settings.muted = not self.settings.muted
        self.changed()

    def louder(self) -> None:
        self._change_volume(VOLUME_STEP)

    def quieter(self) -> None:
        self._change_volume(-VOLUME_STEP)

    def _change_volume(self, step: int) -> None:
        self.settings.volume = self.settings.volume + step
        self.settings.muted = False
        self.changed()

    def open_dialog(self, parent: QWidget) -> None:
        from hiptimer.ui.prefs.dialog import SettingsDialog

        SettingsDialog(self.settings, self.changed, parent, test_cue=self.test_cue).exec()

    def changed(self) -> None:
        problem = self.settings.save()
        if problem:
            self.report(problem)
        self.retune(cue_settings(self.settings))
        self.restyle()
        self.say(_("muted") if self.settings.muted
                 else _("volume {volume}%").format(volume=self.settings.volume), 3000)
