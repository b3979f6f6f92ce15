"""The check-in's question drawn on the session screen: four large answers, one highlighted.

Drawn over the screen as the other cards are (``card``), never as a dialog: it takes no
keys and no focus, and the window moves the highlight and chooses with the keys a person
on the floor already holds. A click (or a tap) on an answer chooses it too. The answers are
stacked, the first on top, so that up and down (PageUp, PageDown) move the way they look.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QWidget

from hiptimer.base.translation import N_, _
from hiptimer.session.check_in import answers, question, target_text
from hiptimer.session.feeling import Feeling
from hiptimer.ui.screen.card import BACKING, DIM, INK, KEYS_INK, Cover, sized_font

TARGET_FILL = QColor("#3a3a3a")
"""An answer not highlighted: a grey block, white words (above 11:1)."""
TARGET_EDGE = QColor("#9e9e9e")
CHOSEN_INK = QColor("#111111")
"""The highlighted answer's words, on amber (``KEYS_INK``): above 12:1."""
TITLE_SHARE, TARGET_SHARE, KEYS_SHARE = 0.075, 0.062, 0.04
"""Sizes wanted, as shares of the screen's height (times the text size, within what fits)."""
TARGET_HEIGHT = 1.9
"""An answer's block, as a multiple of its words' line height: a large target."""
LEAST_SCALE = 0.45
"""The sizes are never made smaller than this share of those wanted, to fit."""
# Translators: the keys that answer the check-in, on two lines under the answers.
KEYS = N_("1 to 4 or a click: answer  ·  Esc: skip\nPageUp, PageDown: move  ·  Space: choose")
"""Marked only: translated where it is shown (``keys_text``)."""


def keys_text() -> str:
    """The keys that answer, in the language installed."""
    return _(KEYS)


def keys_read() -> str:
    """The keys as a screen reader reads them, in one sentence."""
    return keys_text().replace("\n", ";  ")


@dataclass(frozen=True)
class Layout:
    """Where everything goes on a card of one size."""

    block: QRectF
    title: QFont
    title_rect: QRectF
    target: QFont
    targets: tuple[QRectF, ...]
    """One block for each answer, in the order of ``answers()``."""
    keys: QFont
    keys_rect: QRectF


class CheckInCard(Cover):
    """"How did that feel?" over the dimmed screen, with the answers as large targets."""

    chosen = Signal(object)
    """An answer (a ``Feeling``) was clicked."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.highlighted = Feeling.RIGHT
        self.text_scale = 1.0
        """The user's text size (1.0 to 1.5 or so), within what fits the screen."""

    def ask(self, highlighted: Feeling, text_scale: float = 1.0) -> None:
        self.text_scale = max(0.5, text_scale)
        self.highlight(highlighted)
        self.bring_up()

    def highlight(self, feeling: Feeling) -> None:
        self.highlighted = feeling
        self.setAccessibleName(question())
        # Translators: what a screen reader is told of the check-in: {answers} are the
        # answers with their numbers, {highlighted} the one highlighted, {keys} what to press.
        self.setAccessibleDescription(_("{answers}. Highlighted: {highlighted}. {keys}").format(
            answers="; ".join(target_text(answer) for answer in answers()),
            highlighted=target_text(feeling), keys=keys_read()))
        self.update()

    def arranged(self) -> Layout:
        """The largest sizes, from those wanted down, at which the whole card fits."""
        w, h = float(self.width()), float(max(200, self.height()))
        margin_x, margin_y = max(12.0, w * 0.05), max(12.0, h * 0.04)
        room = QRectF(margin_x, margin_y, w - 2 * margin_x, h - 2 * margin_y)
        pad = max(8.0, h * 0.025)
        scale = self.text_scale
        while True:
            layout = self._laid_out(room, pad, h, scale, force=scale <= LEAST_SCALE)
            if layout is not None:
                return layout
            scale *= 0.93

    def _laid_out(self, room: QRectF, pad: float, h: float, scale: float,
                  force: bool = False) -> Layout | None:
        base = self.font()
        title = sized_font(base, h * TITLE_SHARE * scale, True)
        target = sized_font(base, h * TARGET_SHARE * scale, True)
        keys = sized_font(base, h * KEYS_SHARE * scale, False)
        inner = room.width() - 2 * pad
        target_metrics = QFontMetricsF(target)
        widest = max(target_metrics.horizontalAdvance(target_text(a)) for a in answers())
        target_width = min(inner, max(room.width() * 0.6, widest + target_metrics.height() * 2))
        if widest + target_metrics.height() > target_width and not force:
            return None  # the longest answer would not fit its block
        target_height = target_metrics.height() * TARGET_HEIGHT
        gap = target_height * 0.18
        title_height = _wrapped(title, question(), inner)
        keys_height = _wrapped(keys, keys_text(), inner)
        spacing = QFontMetricsF(keys).lineSpacing() * 0.8
        count = len(answers())
        height = (2 * pad + title_height + spacing + count * target_height
                  + (count - 1) * gap + spacing + keys_height)
        if height > room.height() and not force:
            return None
        height = min(height, room.height())
        block = QRectF(room.left(), room.top() + (room.height() - height) / 2, room.width(),
                       height)
        top = block.top() + pad
        title_rect = QRectF(block.left() + pad, top, inner, title_height)
        top += title_height + spacing
        left = block.left() + (block.width() - target_width) / 2
        targets = []
        for _unused in range(count):
            targets.append(QRectF(left, top, target_width, target_height))
            top += target_height + gap
        keys_rect = QRectF(block.left() + pad, top - gap + spacing, inner, keys_height)
        return Layout(block, title, title_rect, target, tuple(targets), keys, keys_rect)

    def target_at(self, x: float, y: float) -> Feeling | None:
        """The answer drawn at ``x``, ``y``, if any."""
        for answer, rect in zip(answers(), self.arranged().targets, strict=True):
            if rect.contains(x, y):
                return answer
        return None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() is Qt.MouseButton.LeftButton:
            point = event.position()
            answer = self.target_at(point.x(), point.y())
            if answer is not None:
                self.highlight(answer)
                self.chosen.emit(answer)
        event.accept()  # nothing under the card takes a click while it asks

    def paintEvent(self, event: QPaintEvent) -> None:
        layout = self.arranged()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), DIM)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(BACKING)
        radius = self.height() * 0.02
        painter.drawRoundedRect(layout.block, radius, radius)
        flags = int(Qt.TextFlag.TextWordWrap) | int(Qt.AlignmentFlag.AlignHCenter)
        painter.setFont(layout.title)
        painter.setPen(INK)
        painter.drawText(layout.title_rect, flags, question())
        painter.setFont(layout.target)
        edge = max(2.0, self.height() * 0.004)
        for answer, rect in zip(answers(), layout.targets, strict=True):
            lit = answer is self.highlighted
            painter.setPen(QPen(INK if lit else TARGET_EDGE, edge * (2 if lit else 1)))
            painter.setBrush(KEYS_INK if lit else TARGET_FILL)
            corner = rect.height() * 0.2
            painter.drawRoundedRect(rect, corner, corner)
            painter.setPen(CHOSEN_INK if lit else INK)
            inset = QFontMetricsF(layout.target).height()
            painter.drawText(rect.adjusted(inset, 0, -inset, 0),
                             int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                             target_text(answer))
        painter.setFont(layout.keys)
        painter.setPen(KEYS_INK)
        painter.drawText(layout.keys_rect, flags, keys_text())
        painter.end()


def _wrapped(font: QFont, text: str, width: float) -> float:
    """The height ``text`` takes wrapped to ``width`` in ``font``."""
    flags = int(Qt.TextFlag.TextWordWrap)
    return QFontMetricsF(font).boundingRect(QRectF(0, 0, width, 1e6), flags, text).height()
