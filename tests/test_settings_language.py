"""The language in Settings: the desktop's, or one of those offered, each by its own name;
kept in the settings file at once, spoken from the next start; and the dialog's words whole
in every language, where they are longer than in English."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from hiptimer.base.language import Language, offered_languages
from hiptimer.base.preferences import Settings, read_settings
from hiptimer.base.translation import (
    install_chosen_language,
    install_language,
    installed_language,
)
from hiptimer.ui.prefs import dialog as dialog_module
from hiptimer.ui.prefs.dialog import MUTED_TEXT, SettingsDialog
from hiptimer.ui.prefs.preferences import Preferences

from .support.languages import LANGUAGES
from .support.uncut import cut_texts

EVERY_LANGUAGE = tuple(Language)
"""Every language hiptimer knows, as the list shows them once all are offered."""


def settings_in(folder: Path) -> Settings:
    return read_settings(folder / "settings.ini")[0]


def shown_dialog(qtbot: QtBot, settings: Settings,
                 offered: tuple[Language, ...] | None = EVERY_LANGUAGE) -> SettingsDialog:
    """The dialog as the window opens it, each change saved through the window's
    preferences, with ``offered`` to choose from (``None``: those offered today)."""
    preferences = Preferences(settings, retune=lambda cues: None, restyle=lambda: None,
                              say=lambda text, ms: None, report=lambda text: None)
    dialog = SettingsDialog(settings, preferences.changed, test_cue=lambda: None,
                            offered=offered)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def listed(dialog: SettingsDialog) -> list[str]:
    return [dialog.language.itemText(row) for row in range(dialog.language.count())]


def choose(qtbot: QtBot, dialog: SettingsDialog, name: str) -> None:
    """Pick ``name`` from the list with the keyboard, as a person does."""
    dialog.language.setFocus()
    qtbot.keyClick(dialog.language, Qt.Key.Key_Home)
    while dialog.language.currentText() != name:
        before = dialog.language.currentIndex()
        qtbot.keyClick(dialog.language, Qt.Key.Key_Down)
        assert dialog.language.currentIndex() != before, f"{name} is not listed"


def test_the_desktops_language_comes_first_then_each_language_by_its_own_name(
        qtbot: QtBot, data_dir: Path) -> None:
    dialog = shown_dialog(qtbot, settings_in(data_dir))
    assert listed(dialog) == ["Follow the desktop", "English", "Deutsch", "Español"]
    assert dialog.language.currentText() == "Follow the desktop"  # nothing chosen yet
    assert dialog.language_note.isVisible()
    assert "next time hiptimer starts" in dialog.language_note.text()


def test_choosing_deutsch_writes_it_to_the_settings_file(qtbot: QtBot, data_dir: Path) -> None:
    dialog = shown_dialog(qtbot, settings_in(data_dir))
    choose(qtbot, dialog, "Deutsch")
    assert settings_in(data_dir).language == "de"
    assert "language=de\n" in (data_dir / "settings.ini").read_text(encoding="utf-8")
    assert installed_language() is Language.ENGLISH  # nothing on the screen changes now
    choose(qtbot, dialog, "Follow the desktop")
    assert settings_in(data_dir).language == ""


def test_the_language_chosen_is_spoken_at_the_next_start(qtbot: QtBot, data_dir: Path,
                                                         compiled_locale: Path) -> None:
    dialog = shown_dialog(qtbot, settings_in(data_dir))
    choose(qtbot, dialog, "Español")
    dialog.close()
    chosen = settings_in(data_dir).language
    offered = offered_languages()
    try:
        spoken = install_chosen_language(chosen, {"LANGUAGE": "de"}, compiled_locale)
        # Chosen and offered: Spanish, whatever the desktop asks for; until Spanish is
        # offered, the desktop's language among those offered.
        if Language.SPANISH in offered:
            assert spoken is Language.SPANISH
        else:
            assert spoken is (Language.GERMAN if Language.GERMAN in offered
                              else Language.ENGLISH)
    finally:
        install_language(Language.ENGLISH)


def test_a_saved_language_shows_as_chosen(qtbot: QtBot, data_dir: Path) -> None:
    (data_dir / "settings.ini").write_text("[look]\nlanguage=es\n", encoding="utf-8")
    dialog = shown_dialog(qtbot, settings_in(data_dir))
    assert dialog.language.currentText() == "Español"


def test_a_language_no_longer_offered_is_kept_until_another_is_chosen(
        qtbot: QtBot, data_dir: Path) -> None:
    (data_dir / "settings.ini").write_text("[look]\nlanguage=es\n", encoding="utf-8")
    dialog = shown_dialog(qtbot, settings_in(data_dir), offered=(Language.ENGLISH,))
    assert dialog.language.currentText() == "Follow the desktop"
    dialog.muted.click()  # another change saves the settings, the language as it was
    assert settings_in(data_dir).language == "es"


def test_the_list_offers_what_offered_languages_gives(qtbot: QtBot, data_dir: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    assert listed(shown_dialog(qtbot, settings_in(data_dir), offered=None)) == [
        "Follow the desktop", *(language.native_name for language in offered_languages())]
    monkeypatch.setattr(dialog_module, "offered_languages",
                        lambda: (Language.ENGLISH, Language.GERMAN))
    assert listed(shown_dialog(qtbot, settings_in(data_dir), offered=None)) == [
        "Follow the desktop", "English", "Deutsch"]


@pytest.mark.parametrize("spoken", LANGUAGES, indirect=True)
def test_no_word_of_the_dialog_is_cut(qtbot: QtBot, data_dir: Path, spoken: Language) -> None:
    dialog = shown_dialog(qtbot, settings_in(data_dir))
    dialog.muted.click()  # the test cue then says, under its button, why nothing is heard
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(dialog.hearing.isVisible)
    assert cut_texts(dialog) == []
    if spoken is not Language.ENGLISH:  # the words are the language's, not English
        assert dialog.windowTitle() != "hiptimer settings"
        assert dialog.hearing.text() != MUTED_TEXT
