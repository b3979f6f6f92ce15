"""Typing readings into the motion self-test as a person does: a click, then the digits."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSpinBox
from pytestqt.qtbot import QtBot

from hiptimer.history.motion import Side
from hiptimer.ui.history.self_test_dialog import SelfTestDialog


def type_reading(qtbot: QtBot, box: QSpinBox, text: str) -> None:
    """Click into the box (where its dash is) and type, as a person does."""
    qtbot.mouseClick(box.lineEdit(), Qt.MouseButton.LeftButton)
    box.lineEdit().end(False)
    qtbot.keyClicks(box, text)


def type_side(qtbot: QtBot, dialog: SelfTestDialog, side: Side, *texts: str) -> None:
    for box, text in zip(dialog.readings[side], texts, strict=False):
        type_reading(qtbot, box, text)
