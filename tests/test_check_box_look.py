"""An unticked check box can be seen in either look: its frame stands out from the window
around it and from the box inside by at least 3:1, as WCAG asks of a control's parts.

The box is drawn as the screen would draw it, into an image, and its pixels are read.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QCheckBox, QStyle, QStyleOptionButton
from pytestqt.qtbot import QtBot

from hiptimer.ui.common import theme
from hiptimer.ui.common.theme import contrast

from .support.looks import each_look  # noqa: F401  (the "look" fixture)


def drawn(qtbot: QtBot, ticked: bool) -> tuple[QImage, QPoint, QRect]:
    """A check box drawn as it is shown: the image, a point on the left edge of its box's
    frame, and the inside of the box."""
    box = QCheckBox("Rep ticks")
    qtbot.addWidget(box)
    box.setChecked(ticked)
    box.resize(box.sizeHint())
    box.ensurePolished()
    image = QImage(box.size(), QImage.Format.Format_RGB32)
    box.render(image)
    option = QStyleOptionButton()
    box.initStyleOption(option)
    square = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
    return image, QPoint(square.left(), square.center().y()), square.adjusted(2, 2, -2, -2)


def colour(image: QImage, at: QPoint) -> str:
    return image.pixelColor(at).name()


def test_an_unticked_box_stands_out_from_the_window(qtbot: QtBot, look: theme.Look) -> None:
    image, frame, inside = drawn(qtbot, ticked=False)
    window = colour(image, QPoint(image.width() - 1, 0))  # a corner, away from box and words
    assert window == look.window
    assert contrast(colour(image, frame), window) >= 3, colour(image, frame)
    assert contrast(colour(image, frame), colour(image, inside.center())) >= 3


def test_a_ticked_box_still_shows_its_tick(qtbot: QtBot, look: theme.Look) -> None:
    unticked, _, inside = drawn(qtbot, ticked=False)
    ticked, frame, _ = drawn(qtbot, ticked=True)
    assert colour(ticked, frame) == colour(unticked, frame)
    empty = colour(unticked, inside.center())
    tick = [colour(ticked, QPoint(x, y)) for x in range(inside.left(), inside.right() + 1)
            for y in range(inside.top(), inside.bottom() + 1)]
    assert max(contrast(pixel, empty) for pixel in tick) >= 3


def test_the_frame_keeps_its_contrast_whatever_the_look(look: theme.Look) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    frame = theme.box_frame(app.palette()).name()
    assert QColor(frame) != QColor(look.window)
    for background in (look.window, look.panel):
        assert contrast(frame, background) >= 3, background
