"""The session screen's painted parts: the side badge, the mute sign, the tempo bar, the
picture, text in columns and the pause veil. Each draws in the view's palette (window:
the phase's colour, window text: the text on it), so one palette change recolours all.

Painted text is invisible to a screen reader: each part also names itself, and says in its
accessible description what it draws."""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEasingCurve, QPointF, QRectF, QSize, Qt, QTimeLine
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPixmap,
    QTextLayout,
    QTextOption,
    QTransform,
)
from PySide6.QtWidgets import QWidget

from hiptimer.session.vocabulary import BAR_FULL

if TYPE_CHECKING:  # QtSvg loads with the first picture, not with the window
    from PySide6.QtSvg import QSvgRenderer

TEMPO_FRAME_MS = 100
"""How often the tempo bar moves while it fills: smooth enough from across a room."""
MEASURES_KEPT = 2000
"""How many measurements of the description are kept, at most (a few hundred a phase)."""


def bold_font(widget: QWidget, pixels: float, bold: bool = True) -> QFont:
    font = QFont(widget.font())
    font.setPixelSize(max(6, round(pixels)))
    font.setBold(bold)
    return font


class SideBadge(QWidget):
    """The side as a big letter (L, R) or the routine's label, in a solid rounded block."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._mark = ""
        self.setAccessibleName("Side")

    def mark(self) -> str:
        return self._mark

    def set_mark(self, mark: str) -> None:
        if mark != self._mark:
            self._mark = mark
            self.setVisible(bool(mark))
            self.update()

    def wanted_width(self, height: int) -> int:
        """Square for one letter; wider for a label, which is written smaller."""
        if len(self._mark) <= 1:
            return height
        font = bold_font(self, height * 0.3)
        return round(_advance(font, self._mark) + height * 0.3)

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self._mark:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        ink = self.palette().windowText().color()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(ink)
        radius = min(self.width(), self.height()) * 0.12
        painter.drawRoundedRect(QRectF(self.rect()), radius, radius)
        size = self.height() * (0.8 if len(self._mark) <= 1 else 0.3)
        font = bold_font(self, size)
        room = self.width() * 0.9
        wide = _advance(font, self._mark)
        if wide > room > 0:  # a long label is written smaller, never cut
            font = bold_font(self, size * room / wide)
        painter.setFont(font)
        painter.setPen(self.palette().window().color())
        painter.drawText(QRectF(self.rect()), Qt.AlignmentFlag.AlignCenter, self._mark)
        painter.end()


def _advance(font: QFont, text: str) -> float:
    return QFontMetricsF(font).horizontalAdvance(text)


class MuteSign(QWidget):
    """A loudspeaker crossed out: the sound is off, seen without reading."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Sound muted")

    def paintEvent(self, event: QPaintEvent) -> None:
        side = min(self.width(), self.height())
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.translate((self.width() - side) / 2, (self.height() - side) / 2)
        painter.scale(side, side)
        ink = self.palette().windowText().color()
        speaker = QPainterPath()
        speaker.moveTo(0.08, 0.36)
        speaker.lineTo(0.26, 0.36)
        speaker.lineTo(0.50, 0.14)
        speaker.lineTo(0.50, 0.86)
        speaker.lineTo(0.26, 0.64)
        speaker.lineTo(0.08, 0.64)
        speaker.closeSubpath()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(ink)
        painter.drawPath(speaker)
        pen = QPen(ink, 0.09, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.drawLine(QPointF(0.64, 0.34), QPointF(0.94, 0.66))
        painter.drawLine(QPointF(0.64, 0.66), QPointF(0.94, 0.34))
        painter.end()


class TempoBar(QWidget):
    """The part of the rep under way (UP, HOLD, DOWN) as a wide bar that fills over that
    part's seconds. It moves itself between statuses, from where the last one said it was,
    and stands still while the session is paused."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._word = ""
        self._value = 0
        self._timeline = QTimeLine(1000, self)
        self._timeline.setUpdateInterval(TEMPO_FRAME_MS)
        # Evenly over the part's seconds (a time line eases in and out unless told).
        self._timeline.setEasingCurve(QEasingCurve(QEasingCurve.Type.Linear))
        self._timeline.frameChanged.connect(self._on_timeline_frame_changed)
        self.setAccessibleName("Tempo")

    def value(self) -> int:
        return self._value

    def word(self) -> str:
        return self._word

    def show_part(self, word: str, done: int, left_ms: int, running: bool) -> None:
        """Show ``word`` with ``done`` thousandths filled, filling the rest over ``left_ms``
        while running."""
        self._timeline.stop()
        if word != self._word:
            self._word = word
            self.setAccessibleDescription(word.lower())
            self.update()
        self._set_value(done)
        if running and left_ms > 0 and done < BAR_FULL:
            self._timeline.setDuration(left_ms)
            self._timeline.setFrameRange(done, BAR_FULL)
            self._timeline.start()

    def stop(self) -> None:
        self._timeline.stop()

    def _on_timeline_frame_changed(self, frame: int) -> None:
        self._set_value(frame)

    def _set_value(self, value: int) -> None:
        value = max(0, min(BAR_FULL, value))
        if self.width() * value // BAR_FULL != self.width() * self._value // BAR_FULL:
            self.update()
        self._value = value

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        ink = self.palette().windowText().color()
        ground = self.palette().window().color()
        whole = QRectF(self.rect())
        radius = self.height() * 0.18
        track = QColor(ink)
        track.setAlphaF(0.22)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(track)
        painter.drawRoundedRect(whole, radius, radius)
        filled = QRectF(whole)
        filled.setWidth(whole.width() * self._value / BAR_FULL)
        painter.setBrush(ink)
        painter.save()
        painter.setClipRect(filled)
        painter.drawRoundedRect(whole, radius, radius)
        painter.restore()
        painter.setFont(bold_font(self, self.height() * 0.62))
        # The word reads on both: ground-coloured over the fill, ink-coloured beyond it.
        for clip, colour in ((filled, ground),
                             (QRectF(filled.right(), 0, whole.width(), whole.height()), ink)):
            painter.save()
            painter.setClipRect(clip)
            painter.setPen(colour)
            painter.drawText(whole, Qt.AlignmentFlag.AlignCenter, self._word)
            painter.restore()
        painter.end()


class Picture(QWidget):
    """An exercise's picture, fitted to its box, flipped for the other side. The built-in
    pictures are line drawings in one colour, drawn in the text's colour so they keep its
    contrast on every phase colour; a routine's own images are shown as they are."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._path: Path | None = None
        self._mirrored = False
        self._recolour = False
        self._source: QSvgRenderer | QImage | None = None
        self._shown: QPixmap | None = None
        self._shown_key: tuple[int, int, int, float] | None = None
        self.setAccessibleName("Picture of the exercise")

    def has_picture(self) -> bool:
        return self._source is not None

    def is_mirrored(self) -> bool:
        return self._mirrored

    def set_picture(self, path: Path | None, mirrored: bool, recolour: bool) -> None:
        if (path, mirrored, recolour) == (self._path, self._mirrored, self._recolour):
            return
        if path != self._path:
            self._source = _load(path) if path is not None else None
        self._path, self._mirrored, self._recolour = path, mirrored, recolour
        self._shown_key = None
        self.update()

    def aspect(self) -> float:
        """Width over height of the picture (4:3 when there is none)."""
        size = (QSize(4, 3) if self._source is None else self._source.size()
                if isinstance(self._source, QImage) else self._source.defaultSize())
        return size.width() / size.height() if size.height() > 0 else 4 / 3

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._source is None:
            return
        ratio = self.devicePixelRatioF()
        ink = self.palette().windowText().color()
        key = (self.width(), self.height(), ink.rgba(), ratio)
        if key != self._shown_key or self._shown is None:
            self._shown, self._shown_key = self._render(ink, ratio), key
        painter = QPainter(self)
        size = self._shown.deviceIndependentSize()
        painter.drawPixmap(QPointF((self.width() - size.width()) / 2,
                                   (self.height() - size.height()) / 2), self._shown)
        painter.end()

    def _render(self, ink: QColor, ratio: float) -> QPixmap:
        assert self._source is not None
        box = QSize(max(1, round(self.width() * ratio)), max(1, round(self.height() * ratio)))
        if not isinstance(self._source, QImage):
            size = self._source.defaultSize().scaled(box, Qt.AspectRatioMode.KeepAspectRatio)
            fitted = QImage(max(1, size.width()), max(1, size.height()),
                            QImage.Format.Format_ARGB32_Premultiplied)
            fitted.fill(Qt.GlobalColor.transparent)
            painter = QPainter(fitted)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            self._source.render(painter)
            painter.end()
        else:
            fitted = self._source.scaled(box, Qt.AspectRatioMode.KeepAspectRatio,
                                         Qt.TransformationMode.SmoothTransformation)
        if self._mirrored:
            fitted = fitted.transformed(QTransform().scale(-1, 1))
        if self._recolour:
            fitted = fitted.convertToFormat(QImage.Format.Format_ARGB32_Premultiplied)
            painter = QPainter(fitted)
            painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
            painter.fillRect(fitted.rect(), ink)
            painter.end()
        pixmap = QPixmap.fromImage(fitted)
        pixmap.setDevicePixelRatio(ratio)
        return pixmap


def is_builtin_picture(image: Path | None) -> bool:
    """A picture of hiptimer's own: a line drawing, shown in the text's colour."""
    if image is None:
        return False
    from hiptimer.base.locations import builtin_pictures_dir

    return image.parent.resolve() == builtin_pictures_dir().resolve()


def _load(path: Path) -> QSvgRenderer | QImage | None:
    """The drawing (an SVG, drawn afresh at each size) or the image at ``path``, or None."""
    if path.suffix.lower() == ".svg":
        from PySide6.QtSvg import QSvgRenderer

        renderer = QSvgRenderer(str(path))
        return renderer if renderer.isValid() else None
    image = QImage(str(path))
    return None if image.isNull() else image


class ColumnText(QWidget):
    """Wrapped text in one or more columns, never cut: the screen finds a size and a number
    of columns at which all of it fits (``height_needed`` says), and this draws it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._columns = 1
        self._measured: dict[tuple[str, str, float, int], float] = {}
        """Heights found (by text, font, width and columns; 0 columns: the widest word's
        width): a phase like an earlier one (the next set) is laid out without measuring."""
        self.setAccessibleName("Description")

    def text(self) -> str:
        return self._text

    def columns(self) -> int:
        return self._columns

    def set_text(self, text: str) -> None:
        if text != self._text:
            self._text = text
            self.setAccessibleDescription(text)
            self.update()

    def set_columns(self, columns: int) -> None:
        if columns != self._columns:
            self._columns = columns
            self.update()

    def height_needed(self, font: QFont, width: float, columns: int) -> float:
        """The height all the text takes in ``columns`` columns across ``width``."""
        key = (self._text, font.key(), width, columns)
        height = self._measured.get(key)
        if height is None:
            lines = self._lines(font, self.column_width(font, width, columns))
            per_column = math.ceil(len(lines) / columns) if lines else 0
            height = self._remember(key, per_column * _line_height(font))
        return height

    def widest_word(self, font: QFont) -> float:
        key = (self._text, font.key(), 0.0, 0)
        width = self._measured.get(key)
        if width is None:
            metrics = QFontMetricsF(font)
            width = self._remember(key, max(
                (metrics.horizontalAdvance(word) for word in set(self._text.split())),
                default=0.0))
        return width

    def _remember(self, key: tuple[str, str, float, int], value: float) -> float:
        if len(self._measured) >= MEASURES_KEPT:
            self._measured.clear()  # a long session's old phases: measured again if needed
        self._measured[key] = value
        return value

    def column_width(self, font: QFont, width: float, columns: int) -> float:
        """One column's width when ``columns`` share ``width``, a line's height apart."""
        return (width - (columns - 1) * _line_height(font)) / columns

    def _lines(self, font: QFont, width: float) -> list[tuple[QTextLayout, int]]:
        """Every line as (its paragraph's layout, line number), in reading order."""
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        lines: list[tuple[QTextLayout, int]] = []
        for paragraph in self._text.strip("\n").split("\n"):
            layout = QTextLayout(paragraph, font)
            layout.setTextOption(option)
            layout.beginLayout()
            count = 0
            while True:
                line = layout.createLine()
                if not line.isValid():
                    break
                line.setLineWidth(max(1.0, width))
                count += 1
            layout.endLayout()
            lines += [(layout, n) for n in range(count)]
        return lines

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self._text:
            return
        font = self.font()
        width = self.column_width(font, self.width(), self._columns)
        lines = self._lines(font, width)
        per_column = max(1, math.ceil(len(lines) / self._columns))
        step = _line_height(font)
        painter = QPainter(self)
        painter.setPen(self.palette().windowText().color())
        for number, (layout, index) in enumerate(lines):
            column, row = divmod(number, per_column)
            x = column * (width + step)
            line = layout.lineAt(index)
            line.draw(painter, QPointF(x - line.x(), row * step - line.y()))
        painter.end()


def _line_height(font: QFont) -> float:
    return QFontMetricsF(font).lineSpacing()


class PauseVeil(QWidget):
    """Dims the whole screen and says PAUSED across it: a paused session is not missed."""

    DIM = 0.62
    """How much of the screen's light the veil takes away."""

    HINT = "Space resumes"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAccessibleName("Paused")
        self.setAccessibleDescription(self.HINT)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(0, 0, 0, round(255 * self.DIM)))
        painter.setPen(QColor("#ffffff"))
        height = self.height()
        painter.setFont(bold_font(self, min(height * 0.2, self.width() * 0.16)))
        word = QRectF(0, 0, self.width(), height * 0.62)
        painter.drawText(word, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
                         "PAUSED")
        painter.setFont(bold_font(self, height * 0.05, bold=False))
        painter.drawText(QRectF(0, height * 0.64, self.width(), height * 0.1),
                         Qt.AlignmentFlag.AlignCenter, self.HINT)
        painter.end()


class ScreenParts:
    """The painted parts of the session screen, made together when a session first shows."""

    def __init__(self, parent: QWidget) -> None:
        self.side = SideBadge(parent)
        self.mute = MuteSign(parent)
        self.tempo = TempoBar(parent)
        self.picture = Picture(parent)
        self.description = ColumnText(parent)
        self.veil = PauseVeil(parent)
        for part in (self.side, self.mute, self.tempo, self.picture, self.veil):
            part.hide()  # each shows when a status has it
        self.description.show()  # made after its parent may have shown: not shown by itself
