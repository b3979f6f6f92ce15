"""The main window and its session screen in German and Spanish: the menus, the title, the
cards on the screen and the paused screen speak the language installed, and English stays
as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from pytestqt.qtbot import QtBot

from hiptimer.base.language import Language
from hiptimer.session.state import State
from hiptimer.ui.screen.parts import paused_word

from .support.languages import TRANSLATED
from .support.window import Harness

ENGLISH_MENUS = ["&File", "&Session", "&View", "&Help"]


def menu_titles(ui: Harness) -> list[str]:
    return [action.text() for action in ui.window.menuBar().actions()]


def test_in_english_the_window_reads_as_it_always_has(qtbot: QtBot, data_dir: Path) -> None:
    ui = Harness(qtbot, data_dir)
    assert menu_titles(ui) == ENGLISH_MENUS
    entries = [action.text() for action in ui.window.menuBar().findChildren(QAction)]
    assert "Next   (Right, PageDown, N)" in entries and "&Safety note" in entries
    assert paused_word() == "PAUSED"
    ui.key(Qt.Key.Key_F1)
    assert ui.window.prompts.card.title == "Keys"
    assert "Right, PageDown, N:  Next" in ui.window.prompts.card.paragraphs
    ui.window.close()


@pytest.mark.parametrize("spoken", TRANSLATED, indirect=True, ids=lambda x: x.code)
def test_the_window_speaks_the_language_installed(qtbot: QtBot, data_dir: Path,
                                                  spoken: Language) -> None:
    ui = Harness(qtbot, data_dir)
    titles = menu_titles(ui)
    assert len(titles) == len(ENGLISH_MENUS)
    for title, english in zip(titles, ENGLISH_MENUS, strict=True):
        assert title != english and "&" in title, (spoken, title)
    entries = [action.text() for action in ui.window.menuBar().findChildren(QAction)]
    assert "&Safety note" not in entries and "Next   (Right, PageDown, N)" not in entries
    # The keys card names the commands as the menus do, in the same language.
    ui.key(Qt.Key.Key_F1)
    card = ui.window.prompts.card
    assert card.title != "Keys"
    assert "Right, PageDown, N:  Next" not in card.paragraphs
    ui.key(Qt.Key.Key_Escape)
    # A paused session: the word across the screen, and the title, in the language.
    ui.select("daily-short")
    ui.window.toggle()
    ui.wait(2)
    ui.key(Qt.Key.Key_Space)
    assert ui.state() is State.PAUSED
    assert paused_word() != "PAUSED"
    title = ui.window.windowTitle()
    assert not title.startswith("PAUSED") and ui.window.view.banner.text() in title
    ui.window.close()
