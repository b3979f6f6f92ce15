"""The huge figure: the countdown or the rep count, in digits of our own, drawn cheaply.

The digits are thick rounded strokes (the pictures' style) and narrower than a font's, so
"1:00" stays at 40 % of the screen's height even on a 4:3 screen (and "10/15" at 35 %),
whatever fonts the system has. A character without a shape of its own falls back to the font.

Digits take one width each, so a countdown's colon never moves; the "/" of a rep count
is spaced by the ink on either side instead, so it sits evenly between the numbers even
where a "1" leaves its cell half empty.

A ``QLabel`` would ask its layout to recompute on every ``setText``; a ``Figure`` keeps
the geometry it is given, repaints only where the old and the new text are, and draws each
character once per height, colour and screen, then copies it (a few heights are kept).
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPixmap,
    QResizeEvent,
)
from PySide6.QtWidgets import QWidget

STROKE = 0.14
"""Stroke width, as a share of the digits' height."""
_I = STROKE / 2  # strokes run this far inside the character's box, so the ink fills it
_W = 0.52  # a digit's ink width, as a share of its height
_GAP = 0.13  # the space after each character
PAD = 0.04
"""Room around each drawn character, as a share of the height."""
GLYPH_SETS = 3
"""Sets of drawn characters kept (one per height, colour and screen): phases take turns at
a few digit heights (a rep count is wider than a countdown), so a set drawn for one phase
is there again when a phase like it comes back, and not drawn afresh at each change."""

ADVANCES = {":": 0.30, "/": 0.50, " ": 0.22, "✓": 0.95, "-": 0.45, ".": 0.26}
"""Character advances (share of the height) that differ from a digit's."""
SLASH_SPACE = 0.17
"""The empty space between a "/" and the ink either side of it (share of the height)."""


def _digit(ch: str) -> QPainterPath:
    """The centre line of ``ch`` in a box of height 1 (y down), stroked later."""
    x0, x1, y0, y1 = _I, _W - _I, _I, 1 - _I
    w, mid = x1 - x0, 0.5
    upper = QRectF(x0 + 0.02, y0, w - 0.04, mid - y0)
    lower = QRectF(x0, mid, w, y1 - mid)
    path = QPainterPath()
    if ch == "0":
        path.addRoundedRect(QRectF(x0, y0, w, y1 - y0), w / 2, w / 2)
    elif ch == "1":
        path.moveTo(x1 - 0.16, y0 + 0.12)
        path.lineTo(x1 - 0.02, y0)
        path.lineTo(x1 - 0.02, y1)
    elif ch == "2":
        top = QRectF(x0, y0, w, w)
        path.arcMoveTo(top, 160)
        path.arcTo(top, 160, -175)
        path.lineTo(x0, y1)
        path.lineTo(x1, y1)
    elif ch == "3":
        path.arcMoveTo(upper, 160)
        path.arcTo(upper, 160, -250)
        path.arcTo(lower, 90, -250)
    elif ch == "4":
        path.moveTo(x1 - 0.06, y1)
        path.lineTo(x1 - 0.06, y0)
        path.lineTo(x0, 0.68)
        path.lineTo(x1, 0.68)
    elif ch == "5":
        bowl = QRectF(x0, 0.42, w, y1 - 0.42)
        path.moveTo(x1, y0)
        path.lineTo(x0 + 0.03, y0)
        start = QPainterPath()
        start.arcMoveTo(bowl, 150)
        path.lineTo(start.currentPosition())
        path.arcTo(bowl, 150, -280)
    elif ch == "6":
        bowl = QRectF(x0, 0.45, w, y1 - 0.45)
        path.addEllipse(bowl)
        path.moveTo(x1 - 0.04, y0 + 0.02)
        path.cubicTo(QPointF(x0 + 0.05, y0 + 0.1), QPointF(x0, 0.45), QPointF(x0, 0.72))
    elif ch == "7":
        path.moveTo(x0, y0)
        path.lineTo(x1, y0)
        path.lineTo(x0 + 0.1, y1)
    elif ch == "8":
        path.addEllipse(upper)
        path.addEllipse(lower)
    elif ch == "9":
        bowl = QRectF(x0, y0, w, 0.55 - y0)
        path.addEllipse(bowl)
        path.moveTo(x1, 0.28)
        path.cubicTo(QPointF(x1, 0.55), QPointF(x1 - 0.05, y1 - 0.1), QPointF(x0 + 0.04, y1))
    elif ch == "/":
        path.moveTo(ADVANCES["/"] - _I - 0.04, y0)
        path.lineTo(_I + 0.04, y1)
    elif ch == "-":
        path.moveTo(_I + 0.02, 0.55)
        path.lineTo(ADVANCES["-"] - _I - 0.02, 0.55)
    elif ch == "✓":
        path.moveTo(_I + 0.02, 0.58)
        path.lineTo(0.33, y1 - 0.06)
        path.lineTo(ADVANCES["✓"] - _I, y0 + 0.08)
    return path


_DOTS = {":": (0.33, 0.75), ".": (1 - _I - 0.02,)}


def advance(ch: str) -> float:
    """How far the next character starts after ``ch``, as a share of the height."""
    return ADVANCES.get(ch, _W) + (_GAP if ch != " " else 0)


_INK: dict[str, tuple[float, float]] = {}


def ink(ch: str) -> tuple[float, float]:
    """Where ``ch``'s ink begins and ends across its cell, as shares of the height."""
    span = _INK.get(ch)
    if span is None:
        box = _digit(ch).boundingRect() if has_shape(ch) else QRectF()
        cell = ADVANCES.get(ch, _W)
        span = ((max(0.0, box.left() - STROKE / 2), min(cell, box.right() + STROKE / 2))
                if box.width() > 0 else (0.0, cell))
        _INK[ch] = span
    return span


def offsets(text: str) -> list[float]:
    """Where each character of ``text`` starts, as shares of the height: a digit's width
    apart, but a "/" an even ``SLASH_SPACE`` from the ink on either side."""
    starts: list[float] = []
    for index, ch in enumerate(text):
        if not index:
            starts.append(0.0)
            continue
        before = text[index - 1]
        if "/" in (before, ch):
            starts.append(starts[-1] + ink(before)[1] + SLASH_SPACE - ink(ch)[0])
        else:
            starts.append(starts[-1] + advance(before))
    return starts


def text_width(text: str, height: float) -> float:
    """The width ``text`` takes at ``height`` pixels (no trailing gap)."""
    if not text:
        return 0.0
    return (offsets(text)[-1] + ADVANCES.get(text[-1], _W)) * height


def has_shape(ch: str) -> bool:
    return ch.isdigit() or ch in ADVANCES


class Figure(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._height = 10
        self._glyph_sets: dict[tuple[int, int, float], dict[str, QPixmap]] = {}
        """Drawn characters by height, colour and pixel ratio, the latest used last."""
        self._where = QRect()
        """Where the ink goes, as last laid out."""
        self._places: list[tuple[int, str]] = []
        """Each character and where it starts, in pixels from the ink's left edge."""
        # It paints its own ground (the phase's colour) under the glyphs, so Qt paints
        # nothing under it first. The glyphs stay transparent: drawn once for every phase's
        # colour, not again at each change of phase.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)

    def text(self) -> str:
        return self._text

    def ink_rect(self) -> QRect:
        """Where the characters go, in the widget: the figure as a person sees it."""
        return QRect(self._where)

    def digit_height(self) -> int:
        """The digits' ink height in pixels: what a person across the room sees."""
        return self._height

    def set_digit_height(self, height: int) -> None:
        if height != self._height:
            self._height = max(4, height)
            self._lay_out()
            self.update()

    def setText(self, text: str) -> None:
        if text == self._text:
            return
        before, old_places = self._where, self._places
        self._text = text
        self._lay_out()
        pad = round(PAD * self._height) + 2
        places = self._places
        if before == self._where and [x for x, _ in old_places] == [x for x, _ in places]:
            # The same places (digits share one width): most seconds only the last digit
            # changes, and only its box is painted again, not the whole figure.
            for (x, ch), (_, old_ch) in zip(places, old_places, strict=True):
                if ch != old_ch:
                    box = QRect(before.left() + x, before.top(),
                                round(advance(ch) * self._height) + 1, before.height())
                    self.update(box.adjusted(-pad, -pad, pad, pad))
            return
        self.update(before.united(self._where).adjusted(-pad, -pad, pad, pad))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._lay_out()

    def _lay_out(self) -> None:
        """Where the ink goes (centred in the widget) and where each character starts:
        worked out when the text, the height or the size changes, not at every paint."""
        self._places = [(round(x * self._height), ch)
                        for x, ch in zip(offsets(self._text), self._text, strict=True)]
        if not self._text:
            self._where = QRect()
            return
        width = round(text_width(self._text, self._height))
        centre = self.rect().center()
        self._where = QRect(centre.x() - width // 2, centre.y() - self._height // 2, width,
                            self._height)

    def sizeHint(self) -> QSize:
        return QSize(round(text_width("0:00", self._height)), self._height)

    def paintEvent(self, event: QPaintEvent) -> None:
        palette = self.palette()
        ground, colour = palette.window().color(), palette.windowText().color()
        glyphs = self._glyphs_for((self._height, colour.rgba(), self.devicePixelRatioF()))
        where = self._where
        pad = round(PAD * self._height)
        asked = event.rect()
        painter = QPainter(self)
        painter.fillRect(asked, ground)
        for x, ch in self._places:
            left = where.left() + x - pad
            glyph = glyphs.get(ch)
            if glyph is None:
                glyph = glyphs[ch] = self._draw_glyph(ch, colour)
            if left < asked.right() + 1 and asked.left() < left + glyph.width():
                painter.drawPixmap(left, where.top() - pad, glyph)  # only where asked
        painter.end()

    def _glyphs_for(self, key: tuple[int, int, float]) -> dict[str, QPixmap]:
        """The characters drawn for ``key``, made the latest used; the set used longest ago
        goes when there are more than ``GLYPH_SETS``."""
        sets = self._glyph_sets
        glyphs = sets.pop(key, None)
        if glyphs is None:
            glyphs = {}
            if len(sets) >= GLYPH_SETS:
                del sets[next(iter(sets))]
        sets[key] = glyphs
        return glyphs

    def _draw_glyph(self, ch: str, colour: QColor) -> QPixmap:
        height = self._height
        ratio = self.devicePixelRatioF()
        width = ADVANCES.get(ch, _W) * height
        pad = PAD * height  # room for the antialiased edge and a curve's overshoot
        glyph = QPixmap(QSize(max(1, round((width + 2 * pad) * ratio)),
                              max(1, round((height + 2 * pad) * ratio))))
        glyph.setDevicePixelRatio(ratio)
        glyph.fill(Qt.GlobalColor.transparent)
        painter = QPainter(glyph)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.translate(pad, pad)
        if has_shape(ch):
            painter.scale(height, height)
            pen = QPen(colour, STROKE, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap,
                       Qt.PenJoinStyle.RoundJoin)
            painter.setPen(pen)
            painter.drawPath(_digit(ch))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            for y in _DOTS.get(ch, ()):
                painter.drawEllipse(QPointF(ADVANCES[ch] / 2, y), STROKE * 0.62, STROKE * 0.62)
        else:
            font = QFont(self.font())
            font.setPixelSize(max(4, round(height * 1.3)))
            font.setBold(True)
            painter.setFont(font)
            painter.setPen(colour)
            painter.drawText(QRectF(0, 0, width, height), Qt.AlignmentFlag.AlignCenter, ch)
        painter.end()
        return glyph
