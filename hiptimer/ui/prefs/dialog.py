"""Sound, look and language preferences; every change is handed at once to ``on_change``,
which applies and saves it.

The dialog knows nothing of sound: "Play a test cue" calls whatever the window hands it,
so the volume can be tried without starting a routine. Under the button it says, each time,
whether the cue could be heard: muted, at 0 %, no sound device, no sound player. A missing
device is learnt only once the cue has failed to play, so it asks again for a moment.

The language is one of those offered (``offered_languages``), each by its own name, or the
desktop's. It is saved at once but spoken from the next start: nothing already on the screen
changes its words, and a running session goes on undisturbed, so the dialog says so.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, QTimer
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

from hiptimer.base.language import Language, offered_languages
from hiptimer.base.preferences import FONT_SCALE, VOLUME, Settings, Theme
from hiptimer.base.translation import N_, _, pgettext
from hiptimer.cues.names import CueGroup, group_label
from hiptimer.cues.player import SoundTrouble
from hiptimer.ui.common.plain import add_row, plain_label

THEMES = tuple(Theme)
FOLLOW_DESKTOP = ""
"""The language setting that follows the desktop's."""

Hearing = Callable[[], SoundTrouble | None]
"""Asked after a test cue: why nothing can be heard, as far as is known by then."""
TestCue = Callable[[], Hearing | None]
"""Plays the test cue; what it returns is asked whether it could be heard."""
HEARING_CHECK_MS = 100
HEARING_CHECKS = 20
"""How often, and how many times, a test cue is asked after whether it could be heard: a
failed cue is told of within a few hundredths of a second, a player starting within two."""
TROUBLE_TEXTS = {
    SoundTrouble.NO_DEVICE: N_("Nothing can be heard: no working sound device was found. "
                               "Check that speakers or headphones are connected and switched "
                               "on."),
    SoundTrouble.NO_LIBRARY: N_("Nothing can be heard: a part of hiptimer that plays sound is "
                                "missing. Installing hiptimer again should mend it."),
    SoundTrouble.CANNOT_START: N_("Nothing can be heard: hiptimer's sound player could not be "
                                  "started on this computer."),
    SoundTrouble.PLAYER_DIED: N_("Nothing was heard: hiptimer's sound player stopped. It "
                                 "starts again by itself; try again in a moment."),
}
"""What is said when a test cue cannot be heard, in English (shown through ``_``)."""
LASTING_TROUBLES = frozenset({SoundTrouble.NO_LIBRARY, SoundTrouble.CANNOT_START})
"""Troubles that stay while hiptimer runs: once one is known, the sound is not asked again."""
MUTED_TEXT = N_("Nothing was heard: sound is muted. Untick Mute to hear the cues.")
SILENT_TEXT = N_("Nothing was heard: the volume is at 0 %. Move the slider up to hear the "
                 "cues.")


def played_text(volume: int) -> str:
    """Said when nothing is known to be wrong: hiptimer cannot hear the computer's own mute."""
    return _("Played at {volume}. Heard nothing? Check the computer's own volume.").format(
        volume=percent_text(volume))


def theme_name(theme: Theme) -> str:
    """A theme as the list of themes offers it, in the language installed."""
    names = {Theme.SYSTEM: pgettext("theme", "System"), Theme.LIGHT: pgettext("theme", "Light"),
             Theme.DARK: pgettext("theme", "Dark")}
    return names[theme]


def percent_text(value: int) -> str:
    """The volume as shown beside its slider."""
    return f"{value} %"


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, on_change: Callable[[], None],
                 parent: QWidget | None = None, *,
                 test_cue: TestCue | None = None,
                 offered: Sequence[Language] | None = None) -> None:
        """``test_cue`` plays a cue as the settings now are; without it there is no button.
        ``offered`` are the languages to choose from (those complete, unless given)."""
        super().__init__(parent)
        self.setWindowTitle(_("hiptimer settings"))
        # Wide enough for what is said of a test cue to take two or three lines.
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 64)
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
        self.test_button = QPushButton(_("Play a test cue"))
        self.test_button.setVisible(test_cue is not None)
        self.hearing = plain_label()
        self.hearing.setWordWrap(True)
        self.hearing.setAccessibleName(_("Whether the test cue could be heard"))
        self.hearing.hide()
        self._heard: Hearing | None = None
        self._checks_left = 0
        self.hearing_timer = QTimer(self)
        self.hearing_timer.setInterval(HEARING_CHECK_MS)
        self.hearing_timer.timeout.connect(self._on_hearing_timer_timeout)
        volume_box = QWidget()
        volume_row = QHBoxLayout(volume_box)
        volume_row.setContentsMargins(0, 0, 0, 0)
        volume_row.addWidget(self.volume, 1)
        volume_row.addWidget(self.volume_text)
        test_row = QVBoxLayout()
        test_row.addWidget(self.test_button, 0, Qt.AlignmentFlag.AlignLeft)
        test_row.addWidget(self.hearing)
        self.muted = QCheckBox(_("Mute"))
        self.muted.setChecked(settings.muted)
        self.voice = QCheckBox(_("Spoken announcements"))
        self.voice.setChecked(settings.voice)
        self.theme = QComboBox()
        self.theme.addItems([theme_name(t) for t in THEMES])
        self.theme.setCurrentIndex(THEMES.index(settings.theme))
        self.font_scale = QDoubleSpinBox()
        self.font_scale.setRange(FONT_SCALE.low, FONT_SCALE.high)
        self.font_scale.setSingleStep(0.1)
        self.font_scale.setValue(settings.font_scale)
        self.font_scale.setSuffix(" \u00d7")
        self.language = QComboBox()
        self.language.addItem(_("Follow the desktop"), FOLLOW_DESKTOP)
        for language in offered_languages() if offered is None else offered:
            self.language.addItem(language.native_name, language.code)
        # A language no longer offered is kept in the file, but the list cannot show it.
        self.language.setCurrentIndex(max(0, self.language.findData(settings.language)))
        self.language_note = plain_label(_("A new language is used the next time hiptimer "
                                           "starts."))
        self.language_note.setWordWrap(True)
        cues = QGroupBox(_("Cues"))
        cue_layout = QVBoxLayout(cues)
        self.cues: dict[CueGroup, QCheckBox] = {}
        cues.setAccessibleDescription(_("The sounds and words a session plays, each on or off"))
        for group in CueGroup:
            box = QCheckBox(group_label(group))
            box.setChecked(group.value not in settings.cues_off)
            box.toggled.connect(lambda on, group=group: self._on_cue_toggled(group, on))
            cue_layout.addWidget(box)
            self.cues[group] = box
        form = QFormLayout()
        add_row(form, _("Volume"), volume_box).setBuddy(self.volume)
        form.addRow("", test_row)
        form.addRow("", self.muted)
        form.addRow("", self.voice)
        add_row(form, _("Theme"), self.theme)
        add_row(form, _("Text size"), self.font_scale)
        add_row(form, _("Language"), self.language)
        form.addRow("", self.language_note)
        self._describe()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(cues)
        layout.addStretch(1)  # room left when what was said of the test cue is gone
        layout.addWidget(buttons)
        self.volume.valueChanged.connect(self._on_volume_value_changed)
        self.test_button.clicked.connect(self._on_test_button_clicked)
        self.muted.toggled.connect(self._on_muted_toggled)
        self.voice.toggled.connect(self._on_voice_toggled)
        self.theme.currentIndexChanged.connect(self._on_theme_current_index_changed)
        self.font_scale.valueChanged.connect(self._on_font_scale_value_changed)
        self.language.currentIndexChanged.connect(self._on_language_current_index_changed)

    def _describe(self) -> None:
        """Names and descriptions for screen readers, where a label alone says too little."""
        for widget, name, description in (
                (self.volume, _("Volume"),
                 _("How loud cues and announcements are, 0 to 100 %")),
                (self.test_button, "", _("Plays a cue at the volume set, without a session")),
                (self.muted, "", _("No sound at all while checked")),
                (self.voice, "", _("Says each phase and exercise aloud as it starts")),
                (self.theme, _("Theme"),
                 _("System follows the desktop's light or dark look as it changes")),
                (self.font_scale, _("Text size"),
                 _("How much larger or smaller than usual all text is drawn, 0.5 to 2 times")),
                (self.language, _("Language"),
                 _("The language of hiptimer's words, used from its next start; Follow the "
                   "desktop speaks the desktop's language where hiptimer has it, else "
                   "English"))):
            if name:
                widget.setAccessibleName(name)
            widget.setAccessibleDescription(description)
        self.theme.view().setAccessibleName(_("Themes"))
        self.language.view().setAccessibleName(_("Languages"))

    def _on_volume_value_changed(self, value: int) -> None:
        self.volume_text.setText(percent_text(value))
        self.settings.volume = value
        self._forget_hearing()
        self.on_change()

    def _on_test_button_clicked(self) -> None:
        if self.test_cue is None:
            return
        self._forget_hearing()
        self._heard = self.test_cue()
        self._checks_left = HEARING_CHECKS
        if not self._tell_hearing():
            self.hearing_timer.start()

    def _tell_hearing(self) -> bool:
        """Say under the button whether the test cue could be heard, as known now; ``True``
        when that cannot change any more, so the sound need not be asked again."""
        if self.settings.muted:
            text, settled = _(MUTED_TEXT), True
        elif self.settings.volume <= 0:
            text, settled = _(SILENT_TEXT), True
        else:
            # A device that failed before may work this time, and the other way round.
            trouble = self._heard() if self._heard is not None else None
            text = (_(TROUBLE_TEXTS[trouble]) if trouble is not None
                    else played_text(self.settings.volume))
            settled = self._heard is None or trouble in LASTING_TROUBLES
        if self.hearing.text() != text or self.hearing.isHidden():
            self.hearing.setText(text)
            self.hearing.show()
            self._make_room()
        return settled

    def _make_room(self) -> None:
        """Grow the dialog to the height its text now takes, wrapped at the width it has: a
        window keeps its size when a label in it gets longer."""
        layout = self.layout()
        if layout is None:
            return
        layout.activate()
        height = (layout.totalHeightForWidth(self.width()) if layout.hasHeightForWidth()
                  else layout.totalSizeHint().height())
        if height > self.height():
            self.resize(self.width(), height)

    def _on_hearing_timer_timeout(self) -> None:
        self._checks_left -= 1
        if self._tell_hearing() or self._checks_left <= 0:
            self.hearing_timer.stop()

    def _forget_hearing(self) -> None:
        """What was said of the last test cue no longer holds once the sound is changed."""
        self.hearing_timer.stop()
        self._heard = None
        self.hearing.clear()
        self.hearing.hide()

    def _on_muted_toggled(self, on: bool) -> None:
        self.settings.muted = on
        self._forget_hearing()
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

    def _on_language_current_index_changed(self, index: int) -> None:
        self.settings.language = str(self.language.itemData(index))
        self.on_change()
