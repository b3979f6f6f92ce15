"""The safety note comes up by itself at the first start only, and from Help at any time."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from hiptimer.base.preferences import Settings, read_settings
from hiptimer.ui.window.safety_note import SAFETY_NOTE, show_safety_note_once


def settings_in(folder: Path) -> Settings:
    return read_settings(folder / "settings.ini")[0]


def test_the_note_comes_up_at_the_first_start_and_never_again(qtbot: QtBot,
                                                              tmp_path: Path) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    reported: list[str] = []
    first = show_safety_note_once(window, settings_in(tmp_path), reported.append)
    assert isinstance(first, QMessageBox) and first.isVisible()
    assert not first.isModal() or first.windowModality().name != "ApplicationModal"
    first.close()
    # A later start:
    assert show_safety_note_once(window, settings_in(tmp_path), reported.append) is None
    assert reported == []


def test_the_note_says_when_to_stop_and_who_should_ask_first() -> None:
    text = SAFETY_NOTE.lower()
    assert "sharp or pinching pain" in text
    for who in ("hip replacement", "hip surgery", "diagnosed hip condition", "clinician"):
        assert who in text
    assert "help menu" in text
