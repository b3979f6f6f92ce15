"""Sound and look preferences; every change is handed at once to ``on_change``, which
applies and saves it.

The dialog knows nothing of sound: "Play a test cue" calls whatever the window hands it,
so the volume can be tried without starting a routine.
"""

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
    QHBoxLayout,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from hiptimer.base.preferences import FONT_SCALE, VOLUME, Settings, Theme
from hiptimer.cues.names import CueGroup
from hiptimer.ui.common.plain import add_row, plain_label

GROUP_LABELS = {
    CueGroup.GET_READY: "Get ready", CueGroup.WORK: "Work starts", CueGroup.REST: "Rest",
    CueGroup.SWITCH: "Switch sides", CueGroup.COUNTDOWN: "Countdown pips (3, 2, 1)",
    CueGroup.HALFWAY: "Halfway", CueGroup.REPS: "Rep ticks",
    CueGroup.TEMPO: "Tempo (up, hold, down)", CueGroup.FINISHED: "Routine finished",
}
THEMES = tuple(Theme)


def percent_text(value: int) -> str:
    """The volume as shown beside its slider."""
    return f"{value} %"


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, on_change: Callable[[], None],
                 parent: QWidget | None = None, *,
                 test_cue: Callable[[], None] | None = None) -> None:
        """``test_cue`` plays a cue as the settings now are; without it there is no button."""
        super().__init__(parent)
        self.setWindowTitle("hiptimer settings")
        self.settings = settings
        self.on_change = on_change
        self.test_cue = test_cue
        self.volume = QSlider(Qt.Orientation.Horizontal)
        self.volume.setRange(int(VOLUME.low), int(VOLUME.high))
        self.volume.setValue(settings.volume)
        self.volume_text = plain_label(percent_text(settings.volume))
        # As wide as the widest value, so the slider does not shift as the number changes.
        self.volume_text.setMinimumWidth(
            self.volume_text.fontMetrics().horizontalAdvance(percent_text(100)))
        self.volume_text.setAlignment(Qt.AlignmentFlag.AlignRight
                                      | Qt.AlignmentFlag.AlignVCenter)
        self.test_button = QPushButton("Play a test cue")
        self.test_button.setVisible(test_cue is not None)
        volume_box = QWidget()
        volume_row = QHBoxLayout(volume_box)
        volume_row.setContentsMargins(0, 0, 0, 0)
        volume_row.addWidget(self.volume, 1)
        volume_row.addWidget(self.volume_text)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addStretch(1)
        self.muted = QCheckBox("Mute")
        self.muted.setChecked(settings.muted)
        self.voice = QCheckBox("Spoken announcements")
        self.voice.setChecked(settings.voice)
        self.theme = QComboBox()
        self.theme.addItems([t.value.capitalize() for t in THEMES])
        self.theme.setCurrentIndex(THEMES.index(settings.theme))
        self.font_scale = QDoubleSpinBox()
        self.font_scale.setRange(FONT_SCALE.low, FONT_SCALE.high)
        self.font_scale.setSingleStep(0.1)
        self.font_scale.setValue(settings.font_scale)
        self.font_scale.setSuffix(" \u00d7")
        cues = QGroupBox("Cues")
        cue_layout = QVBoxLayout(cues)
        self.cues: dict[CueGroup, QCheckBox] = {}
        cues.setAccessibleDescription("The sounds and words a session plays, each on or off")
        for group in CueGroup:
            box = QCheckBox(GROUP_LABELS[group])
            box.setChecked(group.value not in settings.cues_off)
            box.toggled.connect(lambda on, group=group: self._on_cue_toggled(group, on))
            cue_layout.addWidget(box)
            self.cues[group] = box
        form = QFormLayout()
        add_row(form, "Volume", volume_box).setBuddy(self.volume)
        form.addRow("", test_row)
        form.addRow("", self.muted)
        form.addRow("", self.voice)
        add_row(form, "Theme", self.theme)
        add_row(form, "Text size", self.font_scale)
        self._describe()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(cues)
        layout.addWidget(buttons)
        self.volume.valueChanged.connect(self._on_volume_value_changed)
        self.test_button.clicked.connect(self._on_test_button_clicked)
        self.muted.toggled.connect(self._on_muted_toggled)
        self.voice.toggled.connect(self._on_voice_toggled)
        self.theme.currentIndexChanged.connect(self._on_theme_current_index_changed)
        self.font_scale.valueChanged.connect(self._on_font_scale_value_changed)

    def _describe(self) -> None:
        """Names and descriptions for screen readers, where a label alone says too little."""
        for widget, name, description in (
                (self.volume, "Volume", "How loud cues and announcements are, 0 to 100 %"),
                (self.test_button, "", "Plays a cue at the volume set, without a session"),
                (self.muted, "", "No sound at all while checked"),
                (self.voice, "", "Says each phase and exercise aloud as it starts"),
                (self.theme, "Theme",
                 "System follows the desktop's light or dark look as it changes"),
                (self.font_scale, "Text size",
                 "How much larger or smaller than usual all text is drawn, 0.5 to 2 times")):
            if name:
                widget.setAccessibleName(name)
            widget.setAccessibleDescription(description)
        self.theme.view().setAccessibleName("Themes")

    def _on_volume_value_changed(self, value: int) -> None:
        self.volume_text.setText(percent_text(value))
        self.settings.volume = value
        self.on_change()

    def _on_test_button_clicked(self) -> None:
        if self.test_cue is not None:
            self.test_cue()

    def _on_muted_toggled(self, on: bool) -> None:
        self.settings.muted = on
        self.on_change()

    def _on_voice_toggled(self, on: bool) -> None:
        self.settings.voice = on
        self.on_change()

    def _on_cue_toggled(self, group: CueGroup, on: bool) -> None:
        off = self.settings.cues_off
        self.settings.cues_off = off - {group.value} if on else off | {group.value}
        self.on_change()

    def _on_theme_current_index_changed(self, index: int) -> None:
        self.settings.theme = THEMES[index]
        self.on_change()

    def _on_font_scale_value_changed(self, value: float) -> None:
        self.settings.font_scale = value
        self.on_change()
