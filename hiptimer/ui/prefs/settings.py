"""The user's preferences, kept with QSettings in an INI file in hiptimer's config folder."""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QSettings

from hiptimer.base.locations import settings_file
from hiptimer.cues.names import CueGroup, CueSettings


class Theme(StrEnum):
    """Which look: the desktop's, or always light or dark."""

    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


THEMES = tuple(Theme)


class AppSettings:
    """Typed access to the stored preferences, with sane values whatever the file holds."""

    def __init__(self, store: QSettings | None = None) -> None:
        if store is None:
            store = QSettings(str(settings_file()), QSettings.Format.IniFormat)
        self.store = store

    def _number(self, key: str, default: float, low: float, high: float) -> float:
        try:
            value = float(str(self.store.value(key, default)))
        except ValueError:
            return default
        return min(high, max(low, value))

    def _flag(self, key: str, default: bool) -> bool:
        return str(self.store.value(key, default)).lower() in ("true", "1", "yes")

    @property
    def volume(self) -> int:
        """0 to 100."""
        return int(self._number("sound/volume", 80, 0, 100))

    @volume.setter
    def volume(self, value: int) -> None:
        self.store.setValue("sound/volume", max(0, min(100, int(value))))

    @property
    def muted(self) -> bool:
        return self._flag("sound/muted", False)

    @muted.setter
    def muted(self, value: bool) -> None:
        self.store.setValue("sound/muted", bool(value))

    @property
    def voice(self) -> bool:
        return self._flag("sound/voice", True)

    @voice.setter
    def voice(self, value: bool) -> None:
        self.store.setValue("sound/voice", bool(value))

    def cue_enabled(self, group: CueGroup) -> bool:
        return self._flag(f"cues/{group.value}", True)

    def set_cue_enabled(self, group: CueGroup, enabled: bool) -> None:
        self.store.setValue(f"cues/{group.value}", bool(enabled))

    @property
    def theme(self) -> Theme:
        value = str(self.store.value("look/theme", Theme.SYSTEM.value))
        return Theme(value) if value in THEMES else Theme.SYSTEM

    @theme.setter
    def theme(self, value: Theme) -> None:
        self.store.setValue("look/theme", Theme(value).value)

    @property
    def font_scale(self) -> float:
        """How much larger (or smaller) than the default all text is drawn: 0.5 to 2."""
        return self._number("look/font_scale", 1.0, 0.5, 2.0)

    @font_scale.setter
    def font_scale(self, value: float) -> None:
        self.store.setValue("look/font_scale", min(2.0, max(0.5, float(value))))

    @property
    def weekly_target(self) -> int:
        """Sessions a week to aim for (default 2, the low end of 2-3 a week)."""
        return int(self._number("history/weekly_target", 2, 1, 14))

    @weekly_target.setter
    def weekly_target(self, value: int) -> None:
        self.store.setValue("history/weekly_target", max(1, min(14, int(value))))

    @property
    def safety_note_seen(self) -> bool:
        """The safety note was shown at a first start: it is not shown by itself again."""
        return self._flag("notes/safety_seen", False)

    @safety_note_seen.setter
    def safety_note_seen(self, value: bool) -> None:
        self.store.setValue("notes/safety_seen", bool(value))

    def cue_settings(self) -> CueSettings:
        off = frozenset(g for g in CueGroup if not self.cue_enabled(g))
        volume = 0.0 if self.muted else self.volume / 100
        return CueSettings(volume=volume, voice=self.voice, off=off)

    def sync(self) -> None:
        self.store.sync()
