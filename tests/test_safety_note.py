"""The safety note says when to stop and who should ask first, and reads from the floor."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from hiptimer.ui.screen.card import Card
from hiptimer.ui.window.safety_note import SAFETY_NOTE, TITLE
from hiptimer.ui.window.screen_prompts import CLOSE_KEYS, CONFIRM_KEYS, KEYS_TITLE, keys_paragraphs


def test_the_note_says_when_to_stop_and_who_should_ask_first() -> None:
    text = SAFETY_NOTE.lower()
    assert "sharp or pinching pain" in text
    for who in ("hip replacement", "hip surgery", "diagnosed hip condition", "clinician"):
        assert who in text
    assert "help menu" in text


def test_the_note_names_the_signs_to_stop_for_beyond_a_pinch() -> None:
    first = SAFETY_NOTE.split("\n\n")[0].lower()  # with the other reasons to stop
    for sign in ("numbness", "tingling", "pain that spreads", "stays after you stop"):
        assert sign in first


SIZES = [(800, 600), (1366, 768), (1920, 1080), (2560, 1440)]


def card_on_a_screen(qtbot: QtBot, size: tuple[int, int]) -> tuple[QWidget, Card]:
    """A card over a full screen of ``size``, as the session screen has it (the screen is
    returned too: the card lives as long as it does)."""
    screen = QWidget()
    qtbot.addWidget(screen)
    screen.resize(*size)
    return screen, Card(screen)


@pytest.mark.parametrize("size", SIZES)
def test_the_note_on_the_screen_fits_whole_in_large_type(qtbot: QtBot,
                                                         size: tuple[int, int]) -> None:
    _screen, card = card_on_a_screen(qtbot, size)
    card.show_card(TITLE, tuple(SAFETY_NOTE.split("\n\n")), CONFIRM_KEYS)
    assert (card.width(), card.height()) == size
    fitted = card.fitted()
    height = size[1]
    # Every word inside the block, none cut, at a size read from across a room.
    assert fitted.height <= card.block().height() - 2 * card.padding()
    assert fitted.body.pixelSize() >= 0.03 * height
    assert fitted.title.pixelSize() >= 0.045 * height
    assert fitted.keys.pixelSize() >= 0.03 * height


@pytest.mark.parametrize("size", SIZES)
def test_the_keys_card_reads_in_two_columns_in_large_type(qtbot: QtBot,
                                                         size: tuple[int, int]) -> None:
    _screen, card = card_on_a_screen(qtbot, size)
    shortcuts = ("Ctrl+O:  Open routine", "Ctrl+N:  New routine", "Ctrl+Q:  Quit",
                 "Ctrl+H:  History and progress")
    card.show_card(KEYS_TITLE, keys_paragraphs(shortcuts), CLOSE_KEYS, columns=2)
    fitted = card.fitted()
    assert fitted.height <= card.block().height() - 2 * card.padding()
    assert fitted.body.pixelSize() >= 0.03 * size[1]
    assert [len(column) for column in card.dealt()] == [8, 7]
