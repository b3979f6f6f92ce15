"""The window in the language chosen: Qt's own buttons and menus in that language, from the
translations Qt ships, and dates and numbers written the way its readers write them, in the
user's region where the language has a way for it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QDoubleSpinBox, QLineEdit
from pytestqt.qtbot import QtBot

from hiptimer.base.language import Language
from hiptimer.base.preferences import Settings
from hiptimer.base.translation import install_language, installed_language
from hiptimer.ui.common.qt_language import QtLanguage, locale_for
from hiptimer.ui.history.dates import moment_text
from hiptimer.ui.window.app import build_window, speak_in_the_window

from .support.audio import RecordingSink

MONDAY = datetime(2026, 3, 2, 18, 0).astimezone()
"""A Monday evening in this machine's time zone."""

BUTTONS = (QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
           | QDialogButtonBox.StandardButton.Close)
QT_WORDS = {
    Language.ENGLISH: ["Save", "Close", "Cancel"],
    Language.GERMAN: ["Speichern", "Schließen", "Abbrechen"],
    Language.SPANISH: ["Guardar", "Cerrar", "Cancelar"],
}
UNDO = {Language.ENGLISH: "&Undo", Language.GERMAN: "&Rückgängig",
        Language.SPANISH: "&Deshacer"}


def standard_buttons() -> list[str]:
    """The words on a dialog's Save, Close and Cancel buttons, made now."""
    box = QDialogButtonBox(BUTTONS)
    texts = [button.text() for button in box.buttons()]
    box.deleteLater()
    return texts


def undo_in_context_menu() -> str:
    """A text field's context menu's first entry, without its shortcut."""
    field = QLineEdit()
    menu = field.createStandardContextMenu()
    text: str = menu.actions()[0].text().split("\t")[0]
    menu.deleteLater()
    field.deleteLater()
    return text


@pytest.fixture
def all_offered(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every language offered, as once their catalogues are complete; English after."""
    monkeypatch.setattr("hiptimer.base.language._COMPLETE", frozenset(Language))
    yield
    install_language(Language.ENGLISH)


@pytest.mark.parametrize(("language", "desktop", "chosen", "written"), [
    # The desktop's own locale, region and all, when it is of the language spoken.
    (Language.GERMAN, "de_AT", "de_AT", "Mo. 02.03.26 18:00"),
    (Language.SPANISH, "es_CL", "es_CL", "lun 02-03-26 6:00"),
    (Language.ENGLISH, "en_GB", "en_GB", "Mon 02/03/2026 18:00"),
    # Another language: its way in the user's region where it has one, else its main one.
    (Language.GERMAN, "en_US", "de_DE", "Mo. 02.03.26 18:00"),
    (Language.GERMAN, "C", "de_DE", "Mo. 02.03.26 18:00"),
    (Language.SPANISH, "de_DE", "es_ES", "lun 2/3/26 18:00"),
    (Language.ENGLISH, "de_DE", "en_DE", "Mon 02/03/2026 18:00"),
    # English with no language set: ISO dates, as the terminal writes them.
    (Language.ENGLISH, "C", "C", "Mon 2026-03-02 18:00"),
])
def test_dates_follow_the_language_spoken_in_the_users_region(
        language: Language, desktop: str, chosen: str, written: str) -> None:
    locale = locale_for(language, QLocale(desktop))
    assert locale.name() == chosen
    assert moment_text(MONDAY, locale).startswith(written)  # Chile's "p. m." spaced variously


@pytest.mark.parametrize("language", list(Language))
def test_qt_speaks_the_language_until_taken_back(qtbot: QtBot, language: Language) -> None:
    before = (standard_buttons(), undo_in_context_menu(), QLocale().name())
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    qt = QtLanguage(app, language, QLocale("en_US"))
    try:
        assert standard_buttons() == QT_WORDS[language]
        assert undo_in_context_menu() == UNDO[language]
        spin_box = QDoubleSpinBox()
        qtbot.addWidget(spin_box)
        spin_box.setValue(2.5)
        assert spin_box.text() == ("2,50" if language is Language.GERMAN else "2.50")
    finally:
        qt.remove()
    assert (standard_buttons(), undo_in_context_menu(), QLocale().name()) == before


def test_the_chosen_language_is_spoken_by_gettext_and_qt_alike(
        qtbot: QtBot, compiled_locale: Path, all_offered: None) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    qt = speak_in_the_window(app, Settings(language="de"), {"LANGUAGE": "es"},
                               compiled_locale)
    try:
        assert installed_language() is Language.GERMAN
        assert standard_buttons() == QT_WORDS[Language.GERMAN]
    finally:
        qt.remove()
    qt = speak_in_the_window(app, Settings(), {"LANGUAGE": "es"}, compiled_locale)
    try:
        assert installed_language() is Language.SPANISH  # none chosen: the desktop's
        assert standard_buttons() == QT_WORDS[Language.SPANISH]
    finally:
        qt.remove()


def test_the_window_starts_in_the_language_of_its_settings(
        qtbot: QtBot, data_dir: Path, compiled_locale: Path, all_offered: None,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("hiptimer.ui.window.app.LOCALE_DIR", compiled_locale)
    monkeypatch.setenv("LANGUAGE", "en")
    assert Settings(language="de", safety_note_seen=True).save() is None
    built = build_window(sink=RecordingSink())
    window = built.window
    qtbot.addWidget(window)
    try:
        assert installed_language() is Language.GERMAN
        assert window.locale().language() == QLocale.Language.German
        assert moment_text(MONDAY, window.locale()).startswith("Mo. 02.03.")
        assert standard_buttons() == QT_WORDS[Language.GERMAN]
    finally:
        built.close()
    assert standard_buttons() == QT_WORDS[Language.ENGLISH]
