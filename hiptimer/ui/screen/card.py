"""Words shown on the session screen itself, never in a window over it.

A session must not be interrupted by a dialog that takes the keyboard and needs someone to
walk over and click: what the person must read or answer (the safety note before a first
session, the keys) is a ``Card`` drawn over the screen, answered with the session's own keys.
A passing change (the volume) is a ``PassingNote`` that goes by itself.

Both are painted on a solid dark block with light text, so they read on every phase colour,
and sized from the screen's height, so they read from the floor.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QRectF, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

BACKING = QColor(17, 17, 17, 240)
"""The block behind the words: near black, nearly opaque."""
INK = QColor("#ffffff")
KEYS_INK = QColor("#ffd54f")
"""The keys that answer, in amber: above 12:1 on the backing."""
DIM = QColor(0, 0, 0, 215)
"""What is left of the screen around the card."""
TITLE_SHARE, BODY_SHARE, KEYS_SHARE = 0.065, 0.042, 0.045
"""The sizes wanted, as shares of the screen's height; smaller only when the words need it."""
LEAST_BODY_SHARE = 0.022
"""The body is never made smaller than this share of the height to fit."""
NOTE_SHARE = 0.07
"""A passing note's text, as a share of the screen's height."""
NOTE_MS = 2500
"""How long a passing note stays."""
_WRAP = int(Qt.TextFlag.TextWordWrap)


def sized_font(base: QFont, pixels: float, bold: bool) -> QFont:
    font = QFont(base)
    font.setPixelSize(max(6, round(pixels)))
    font.setBold(bold)
    return font


@dataclass(frozen=True)
class Fitted:
    """A card's words at the sizes that fit its block."""

    title: QFont
    body: QFont
    keys: QFont
    height: float
    """The height all of it takes, spacing included."""


class Cover(QWidget):
    """A child that follows its parent's size: it is laid over the whole of it."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        parent.installEventFilter(self)
        self.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parent() and event.type() == QEvent.Type.Resize:
            self._follow()
        return False

    def _follow(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())

    def bring_up(self) -> None:
        self._follow()
        self.show()
        self.raise_()
        self.update()


class Card(Cover):
    """A title, a few paragraphs and the keys that answer them, over the dimmed screen.

    It takes no keys and no focus: the window decides what each key does while it shows."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.title = ""
        self.paragraphs: tuple[str, ...] = ()
        self.keys = ""
        self.columns = 1
        """The paragraphs are dealt into this many columns (a list of keys reads in two)."""

    def show_card(self, title: str, paragraphs: tuple[str, ...], keys: str,
                  columns: int = 1) -> None:
        self.title, self.paragraphs, self.keys = title, paragraphs, keys
        self.columns = max(1, columns)
        self.setAccessibleName(title)
        self.setAccessibleDescription(" ".join((*paragraphs, keys)))
        self.bring_up()

    def block(self) -> QRectF:
        """Where the block goes: most of the screen, a margin all round."""
        w, h = self.width(), self.height()
        margin_x, margin_y = max(12.0, w * 0.05), max(12.0, h * 0.05)
        return QRectF(margin_x, margin_y, w - 2 * margin_x, h - 2 * margin_y)

    def padding(self) -> float:
        return max(8.0, self.height() * 0.03)

    def fitted(self) -> Fitted:
        """The largest sizes, from those wanted down, at which every word fits the block."""
        h = max(200, self.height())
        block = self.block()
        width = block.width() - 2 * self.padding()
        room = block.height() - 2 * self.padding()
        scale = 1.0
        while True:
            title = sized_font(self.font(), h * TITLE_SHARE * scale, True)
            body = sized_font(self.font(), h * BODY_SHARE * scale, False)
            keys = sized_font(self.font(), h * KEYS_SHARE * scale, True)
            height = self._height(title, body, keys, width)
            if height <= room or BODY_SHARE * scale <= LEAST_BODY_SHARE:
                return Fitted(title, body, keys, height)
            scale *= 0.93

    def dealt(self) -> list[tuple[str, ...]]:
        """The paragraphs by column, in reading order, the first columns the longer."""
        per = -(-len(self.paragraphs) // self.columns)
        return [self.paragraphs[i:i + per] for i in range(0, len(self.paragraphs), per or 1)]

    def column_width(self, width: float, body: QFont) -> float:
        gutter = QFontMetricsF(body).lineSpacing() * 1.5
        return (width - (self.columns - 1) * gutter) / self.columns

    def _height(self, title: QFont, body: QFont, keys: QFont, width: float) -> float:
        gap = QFontMetricsF(body).lineSpacing() * 0.6
        column = self.column_width(width, body)
        tallest = max((sum(_wrapped(body, paragraph, column) + gap for paragraph in dealt)
                       for dealt in self.dealt()), default=0.0)
        return _wrapped(title, self.title, width) + gap + tallest + _wrapped(keys, self.keys,
                                                                             width)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), DIM)
        block = self.block()
        fitted = self.fitted()
        pad = self.padding()
        # The block hugs the words, centred, so a short card is not a wall of black.
        height = min(block.height(), fitted.height + 2 * pad)
        block = QRectF(block.left(), block.top() + (block.height() - height) / 2,
                       block.width(), height)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(BACKING)
        radius = self.height() * 0.02
        painter.drawRoundedRect(block, radius, radius)
        width = block.width() - 2 * pad
        x, y = block.left() + pad, block.top() + pad
        gap = QFontMetricsF(fitted.body).lineSpacing() * 0.6
        y += _draw(painter, fitted.title, INK, self.title, QRectF(x, y, width, 0)) + gap
        column = self.column_width(width, fitted.body)
        bottom = y
        for number, dealt in enumerate(self.dealt()):
            left = x + number * (width - column) / max(1, self.columns - 1)
            top = y
            for paragraph in dealt:
                top += _draw(painter, fitted.body, INK, paragraph,
                             QRectF(left, top, column, 0)) + gap
            bottom = max(bottom, top)
        _draw(painter, fitted.keys, KEYS_INK, self.keys, QRectF(x, bottom, width, 0))
        painter.end()


def _draw(painter: QPainter, font: QFont, colour: QColor, text: str, where: QRectF) -> float:
    """``text`` wrapped to ``where``'s width from its top; the height it took."""
    used = _wrapped(font, text, where.width())
    painter.setFont(font)
    painter.setPen(colour)
    painter.drawText(QRectF(where.left(), where.top(), where.width(), used), _WRAP, text)
    return used


def _wrapped(font: QFont, text: str, width: float) -> float:
    """The height ``text`` takes wrapped to ``width`` in ``font``."""
    if not text:
        return 0.0
    bounds = QFontMetricsF(font).boundingRect(QRectF(0, 0, width, 1e6), _WRAP, text)
    return bounds.height()


class PassingNote(Cover):
    """A few words at the top of the screen that go by themselves (a new volume): the status
    bar that used to say them is hidden in full screen."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.text = ""
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(NOTE_MS)
        self.timer.timeout.connect(self.hide)

    def say(self, text: str) -> None:
        self.text = text
        self.setAccessibleName(text)
        self.bring_up()
        self.timer.start()

    def block(self) -> QRectF:
        """The words' block: centred low on the screen, over the end of the description
        rather than the phase, the exercise or the figure, as wide as it needs."""
        font = self.note_font()
        metrics = QFontMetricsF(font)
        pad = metrics.height() * 0.4
        width = min(self.width() * 0.9, metrics.horizontalAdvance(self.text) + 2 * pad)
        height = metrics.height() + 2 * pad
        return QRectF((self.width() - width) / 2, self.height() * 0.78 - height, width, height)

    def note_font(self) -> QFont:
        font = sized_font(self.font(), max(200, self.height()) * NOTE_SHARE, True)
        advance = QFontMetricsF(font).horizontalAdvance(self.text)
        room = self.width() * 0.85
        if advance > room > 0:  # a long note is written smaller, never cut
            font.setPixelSize(max(6, int(font.pixelSize() * room / advance)))
        return font

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        block = self.block()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(BACKING)
        radius = block.height() * 0.2
        painter.drawRoundedRect(block, radius, radius)
        painter.setFont(self.note_font())
        painter.setPen(INK)
        painter.drawText(block, Qt.AlignmentFlag.AlignCenter, self.text)
        painter.end()
