"""Text from routines, file names and problem messages, shown as the characters it is.

Qt guesses: a label, message box or tooltip whose text looks like HTML is rendered as rich
text, so a routine named ``<img src=... width=4000>`` would draw any local image at any
size, and ``<a href=...>`` would show a link. Every widget in hiptimer.ui that shows such
text is made here, with plain text as its format, so a new label gets it by default.
"""

from __future__ import annotations

from pathlib import Path

from PySide6 import QtGui
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QFormLayout, QLabel, QMessageBox, QWidget

from hiptimer.base.translation import _


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """A label that never renders its text as HTML, whatever the text looks like.

    A plain ``QLabel``, not a subclass: Qt asks a Python subclass whether Python overrides
    each of its virtual methods at every event, and the session screen's labels change
    every second."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    return label


def add_row(form: QFormLayout, text: str, field: QWidget) -> QLabel:
    """``form.addRow(text, field)``, whose own label would guess the format."""
    label = plain_label(text)
    label.setBuddy(field)
    form.addRow(label, field)
    return label


def plain_tooltip(text: str) -> str:
    """A tooltip showing ``text`` literally: Qt renders a tooltip that looks like HTML."""
    return QtGui.Qt.convertFromPlainText(text, Qt.WhiteSpaceMode.WhiteSpaceNormal)


def plain_title(text: str) -> str:
    """A window title showing ``text`` literally: Qt hides ``[*]`` unless it is doubled."""
    return text.replace("[*]", "[*][*]")


def message_box(parent: QWidget, icon: QMessageBox.Icon, title: str,
                text: str) -> QMessageBox:
    """A message box (not yet shown) whose text is never rendered as HTML."""
    box = QMessageBox(icon, title, "", parent=parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    return box


def ask_yes_no(parent: QWidget, title: str, text: str) -> bool:
    """Ask a yes-or-no question in plain text; True only for Yes."""
    box = message_box(parent, QMessageBox.Icon.Question, title, text)
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.exec()
    clicked = box.clickedButton()  # none when the box is closed some other way
    return clicked is not None and box.standardButton(clicked) == QMessageBox.StandardButton.Yes


def warn(parent: QWidget, title: str, text: str) -> None:
    """Tell of a problem in plain text and wait for OK."""
    message_box(parent, QMessageBox.Icon.Warning, title, text).exec()


def ask_routine_path(parent: QWidget) -> Path | None:
    """A routine file the user picks to open, or ``None``."""
    # Translators: the kinds of file offered; keep the patterns in brackets and the ";;".
    kinds = _("Routines (*.yaml *.yml);;All files (*)")
    name, _kind = QFileDialog.getOpenFileName(parent, _("Open a routine"), str(Path.home()),
                                              kinds)
    return Path(name) if name else None
