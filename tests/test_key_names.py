"""Keys named in the language: the window's menus and keys card say "Leertaste" and
"AvPág", while the keys themselves are matched by the names Qt knows them by."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent

from hiptimer.base.keys import Command
from hiptimer.base.language import Language
from hiptimer.ui.common.keys import command_for, menu_text
from hiptimer.ui.window.screen_prompts import keys_paragraphs
from tests.support.languages import LANGUAGES

NEXT_KEYS = {Language.ENGLISH: "(Right, PageDown, N)", Language.GERMAN: "(Rechts, Bild ab, N)",
             Language.SPANISH: "(Derecha, AvPág, N)"}
PREVIOUS_KEYS = {Language.ENGLISH: "(Left, PageUp, P)", Language.GERMAN: "(Links, Bild auf, P)",
                 Language.SPANISH: "(Izquierda, RePág, P)"}
SPACE = {Language.ENGLISH: "Space", Language.GERMAN: "Leertaste", Language.SPANISH: "Espacio"}


@pytest.mark.parametrize("spoken", LANGUAGES, indirect=True)
def test_the_menus_name_the_keys_in_the_language(spoken: Language) -> None:
    assert menu_text(Command.NEXT).endswith("   " + NEXT_KEYS[spoken])
    assert menu_text(Command.PREVIOUS).endswith("   " + PREVIOUS_KEYS[spoken])
    assert menu_text(Command.TOGGLE).endswith(f"({SPACE[spoken]})")
    assert menu_text(Command.STOP).endswith("(Esc)")
    assert menu_text(Command.LOUDER).endswith("(+, =)")


@pytest.mark.parametrize("spoken", LANGUAGES, indirect=True)
def test_the_keys_card_names_the_keys_in_the_language(spoken: Language) -> None:
    lines = keys_paragraphs()
    assert lines[0].startswith(f"{SPACE[spoken]}:  ")
    assert any(line.startswith(NEXT_KEYS[spoken][1:-1] + ":  ") for line in lines)


@pytest.mark.parametrize("spoken", LANGUAGES, indirect=True)
def test_the_keys_still_act_whatever_they_are_called(spoken: Language) -> None:
    def pressed(key: Qt.Key) -> Command | None:
        return command_for(QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier))

    assert pressed(Qt.Key.Key_PageDown) is Command.NEXT
    assert pressed(Qt.Key.Key_Space) is Command.TOGGLE
    assert pressed(Qt.Key.Key_Left) is Command.PREVIOUS
