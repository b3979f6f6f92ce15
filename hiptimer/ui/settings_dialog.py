"""Sound and look preferences; every change applies at once and is saved."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from hiptimer.cues.names import CueGroup
from hiptimer.ui.plain import add_row
from hiptimer.ui.settings import THEMES, AppSettings

GROUP_LABELS = {
    CueGroup.GET_READY: "Get ready", CueGroup.WORK: "Work starts", CueGroup.REST: "Rest",
    CueGroup.SWITCH: "Switch sides", CueGroup.COUNTDOWN: "Countdown pips (3, 2, 1)",
    CueGroup.HALFWAY: "Halfway", CueGroup.REPS: "Rep ticks",
    CueGroup.TEMPO: "Tempo (up, hold, down)", CueGroup.FINISHED: "Routine finished",
}


class SettingsDialog(QDialog):
    def __init__(self, settings: AppSettings, on_change: Callable[[], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("hiptimer settings")
        self.settings = settings
        self.on_change = on_change
        self.volume = QSlider(Qt.Orientation.Horizontal)
        self.volume.setRange(0, 100)
        self.volume.setValue(settings.volume)
        self.muted = QCheckBox("Mute")
        self.muted.setChecked(settings.muted)
        self.voice = QCheckBox("Spoken announcements")
        self.voice.setChecked(settings.voice)
        self.theme = QComboBox()
        self.theme.addItems([t.value.capitalize() for t in THEMES])
        self.theme.setCurrentIndex(THEMES.index(settings.theme))
        self.font_scale = QDoubleSpinBox()
        self.font_scale.setRange(0.5, 2.0)
        self.font_scale.setSingleStep(0.1)
        self.font_scale.setValue(settings.font_scale)
        self.font_scale.setSuffix(" \u00d7")
        cues = QGroupBox("Cues")
        cue_layout = QVBoxLayout(cues)
        self.cues: dict[CueGroup, QCheckBox] = {}
        for group in CueGroup:
            box = QCheckBox(GROUP_LABELS[group])
            box.setChecked(settings.cue_enabled(group))
            box.toggled.connect(lambda on, group=group: self._on_cue_toggled(group, on))
            cue_layout.addWidget(box)
            self.cues[group] = box
        form = QFormLayout()
        add_row(form, "Volume", self.volume)
        form.addRow("", self.muted)
        form.addRow("", self.voice)
        add_row(form, "Theme", self.theme)
        add_row(form, "Text size", self.font_scale)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(cues)
        layout.addWidget(buttons)
        self.volume.valueChanged.connect(self._on_volume_value_changed)
        self.muted.toggled.connect(self._on_muted_toggled)
        self.voice.toggled.connect(self._on_voice_toggled)
        self.theme.currentIndexChanged.connect(self._on_theme_current_index_changed)
        self.font_scale.valueChanged.connect(self._on_font_scale_value_changed)

    def _changed(self) -> None:
        self.settings.sync()
        self.on_change()

    def _on_volume_value_changed(self, value: int) -> None:
        self.settings.volume = value
        self._changed()

    def _on_muted_toggled(self, on: bool) -> None:
        self.settings.muted = on
        self._changed()

    def _on_voice_toggled(self, on: bool) -> None:
        self.settings.voice = on
        self._changed()

    def _on_cue_toggled(self, group: CueGroup, on: bool) -> None:
        self.settings.set_cue_enabled(group, on)
        self._changed()

    def _on_theme_current_index_changed(self, index: int) -> None:
        self.settings.theme = THEMES[index]
        self._changed()

    def _on_font_scale_value_changed(self, value: float) -> None:
        self.settings.font_scale = value
        self._changed()
