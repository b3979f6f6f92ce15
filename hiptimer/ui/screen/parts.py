"""The session screen's painted parts: the tempo bar, the picture and the pause veil, with
the side badge and the mute sign (``signs``; the description's columns are ``middle``'s).
Each draws in the view's palette (window: the phase's colour, window text: the text on
it), so one palette change recolours all.

Painted text is invisible to a screen reader: each part also names itself, and says in its
accessible description what it draws."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEasingCurve, QPointF, QRectF, QSize, QSizeF, Qt, QTimeLine, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QHideEvent,
    QImage,
    QPainter,
    QPaintEvent,
    QPixmap,
    QResizeEvent,
    QShowEvent,
    QTransform,
)
from PySide6.QtWidgets import QWidget

from hiptimer.base.translation import N_, _, pgettext
from hiptimer.session.events import TempoPart
from hiptimer.session.vocabulary import BAR_FULL
from hiptimer.ui.screen.animated_picture import FramePlayer
from hiptimer.ui.screen.column_text import ColumnText
from hiptimer.ui.screen.picture_drawer import (
    Drawn,
    PictureDrawer,
    PictureFile,
    PictureProblem,
    fitted,
    shared_drawer,
)
from hiptimer.ui.screen.signs import MuteSign, SideBadge, advance, bold_font

if TYPE_CHECKING:  # the body figure loads with the first exercise that has one
    from hiptimer.body.figure_file import Figure
    from hiptimer.session.status import Status
    from hiptimer.ui.screen.moving_figure import MovingFigure

TEMPO_FRAME_MS = 100
"""How often the tempo bar moves while it fills: smooth enough from across a room."""


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
        self.setAccessibleName(_("Tempo"))

    def value(self) -> int:
        return self._value

    def word(self) -> str:
        return self._word

    def show_tempo(self, part: TempoPart, done: int, left_ms: int, running: bool) -> None:
        """Show ``part`` of the rep under way (see ``show_part``), in the language installed."""
        word, said = tempo_words(part)
        self.show_part(word, done, left_ms, running, said)

    def show_part(self, word: str, done: int, left_ms: int, running: bool,
                  said: str | None = None) -> None:
        """Show ``word`` with ``done`` thousandths filled, filling the rest over ``left_ms``
        while running; a screen reader says ``said`` (``word`` in small letters when none)."""
        self._timeline.stop()
        if word != self._word:
            self._word = word
            self.setAccessibleDescription(word.lower() if said is None else said)
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


def tempo_words(part: TempoPart) -> tuple[str, str]:
    """The tempo bar's word for ``part``, in capitals, and the same as a screen reader
    says it."""
    if part is TempoPart.UP:
        # Translators: the part of a rep under way, on the tempo bar (in capitals, short)
        # and as a screen reader says it: moving up, holding at the top, moving down.
        return pgettext("tempo", "UP"), pgettext("tempo", "up")
    if part is TempoPart.HOLD:
        return pgettext("tempo", "HOLD"), pgettext("tempo", "hold")
    return pgettext("tempo", "DOWN"), pgettext("tempo", "down")


class Picture(QWidget):
    """An exercise's picture, fitted to its box, flipped for the other side. The built-in
    pictures are line drawings in one colour, drawn in the text's colour so they keep its
    contrast on every phase colour; a routine's own images are shown as they are.

    hiptimer's own pictures are there as soon as they are set. A routine's own are read and
    drawn by the ``PictureDrawer`` on a worker thread, within its time budget: until it is
    done the picture is waiting (``is_waiting``), and ``changed`` says when it came or was
    found missing, so that whoever lays the picture out can make room for it, or take it
    away. A picture drawn for one size is shown scaled while it is drawn for another.

    An animated GIF moves when ``animate`` (the session screen): its frames are decoded on
    the worker for each size it is shown at, and played by its ``animation`` while it is on
    screen and not held by a paused or ended session (``follow``). Otherwise (the library's preview)
    it shows its first frame, still.

    An exercise with a body figure (``set_figure``) shows the figure instead, drawn by the
    ``MovingFigure`` laid over the whole picture, moving as the statuses it ``follow``s say."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None,
                 drawer: PictureDrawer | None = None, animate: bool = False) -> None:
        super().__init__(parent)
        self._drawer = drawer or shared_drawer()
        self._animate = animate
        self.animation = FramePlayer(self)
        """An animated picture's frames, played; empty for any other."""
        self.animation.frame_changed.connect(self._on_animation_frame_changed)
        self._path: Path | None = None
        self._mirrored = False
        self._generation = 0
        """Counts the pictures set: what a worker brings for an earlier one is dropped."""
        self._source: PictureFile | None = None
        self._problem: str | None = None
        self._waiting = False
        self._drawing: QImage | None = None
        self._drawing_box = QSize()
        self._asking = False
        """A worker is drawing it now (one at a time; the size wanted last is drawn next)."""
        self._shown: QPixmap | None = None
        self._shown_key: tuple[object, ...] | None = None
        self.moving: MovingFigure | None = None
        """The body figure drawn instead of the picture; made for the first one set."""
        self.setAccessibleName(_("Picture of the exercise"))

    def has_picture(self) -> bool:
        """The picture is known and can be shown (it may still be being drawn)."""
        return self._source is not None or self.figure() is not None

    def figure(self) -> Figure | None:
        """The body figure shown instead of the picture, if there is one."""
        return None if self.moving is None else self.moving.figure()

    def set_figure(self, figure: Figure | None) -> None:
        """Show ``figure`` instead of the picture (None: the picture again)."""
        if self.moving is None:
            if figure is None:
                return
            from hiptimer.ui.screen.moving_figure import MovingFigure

            self.moving = MovingFigure(self)
            self.moving.setGeometry(self.rect())
        self.moving.set_figure(figure)
        self.moving.setVisible(figure is not None)

    def follow(self, status: Status) -> None:
        """Move the figure to where the session is; hold an animation while the session is
        paused, or over."""
        self.animation.set_held(status.paused or not status.live)
        if self.moving is not None and self.moving.figure() is not None:
            self.moving.follow(status)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.moving is not None:
            self.moving.setGeometry(self.rect())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.animation.set_on_screen(True)

    def hideEvent(self, event: QHideEvent) -> None:
        """Hidden, or its window minimised: an animation stops until it is seen again."""
        super().hideEvent(event)
        self.animation.set_on_screen(False)

    def is_waiting(self) -> bool:
        """A routine's own picture is still being read and checked on a worker thread."""
        return self._waiting

    def problem(self) -> str | None:
        """Why the picture set is not shown, if it is not."""
        return self._problem

    def is_mirrored(self) -> bool:
        return self._mirrored

    def path(self) -> Path | None:
        """The picture's file, as last set."""
        return self._path

    def drawn_size(self) -> QSizeF:
        """The box the picture is drawn in: an image fitted to the widget, its shape kept; a
        body figure stands on the floor of the widget's whole height (a body lying along
        the floor, fitted to the width, has the room above it), as wide as its shape asks."""
        if not self.has_picture():
            return QSizeF()
        if self.figure() is not None:
            return QSizeF(min(self.width(), self.height() * self.aspect()), self.height())
        return QSizeF(self.aspect(), 1.0).scaled(QSizeF(self.size()),
                                                 Qt.AspectRatioMode.KeepAspectRatio)

    def set_picture(self, path: Path | None, mirrored: bool) -> None:
        """Show a routine's own picture, flipped for the other side when ``mirrored``."""
        if (path, mirrored) == (self._path, self._mirrored):
            return
        if path != self._path:
            self._open(path)
        self._path, self._mirrored = path, mirrored
        self._shown_key = None
        self.update()

    def aspect(self) -> float:
        """Width over height of the picture (4:3 when there is none)."""
        if self.moving is not None and self.moving.figure() is not None:
            return self.moving.aspect()
        size = QSize(4, 3) if self._source is None else self._source.size
        return size.width() / size.height() if size.height() > 0 else 4 / 3

    def _open(self, path: Path | None) -> None:
        self._generation += 1
        self._source, self._problem, self._drawing = None, None, None
        self._waiting = self._asking = False
        self.animation.load((), 0, fresh=True)
        if path is None:
            return
        self._waiting = True
        self._ask(path, None, QSize())

    def _ask(self, path: Path, source: PictureFile | None, box: QSize) -> None:
        generation = self._generation
        self._asking = True
        self._drawer.ask(path, source, box, self,
                         lambda outcome: self._on_drawer_done(generation, outcome),
                         frames=self._animate and source is not None and source.frames > 1)

    def _on_drawer_done(self, generation: int, outcome: Drawn | PictureProblem) -> None:
        if generation != self._generation:
            return  # for a picture set before this one
        self._asking = False
        came = self._waiting
        self._waiting = False
        if isinstance(outcome, Exception):
            self._source, self._drawing, self._problem = None, None, str(outcome)
            self.animation.load((), 0, fresh=True)
            self.update()
            self.changed.emit()
            return
        self._source = outcome.picture
        if outcome.frames:
            self.animation.load(outcome.frames, outcome.picture.loops,
                                fresh=self.animation.current() is None)
        if outcome.image is not None:
            frame = self.animation.current()
            self._drawing = outcome.image if frame is None else frame
            self._drawing_box = outcome.box
            self._shown_key = None
        self.update()
        if came:
            self.changed.emit()

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._source is None or self.figure() is not None:
            return
        ratio = self.devicePixelRatioF()
        box = QSize(max(1, round(self.width() * ratio)), max(1, round(self.height() * ratio)))
        if self._drawing is None or self._drawing_box != box:
            self._draw(box)
        if self._drawing is None:
            return  # still being drawn: shown when it comes
        key = (self._drawing.cacheKey(), ratio)
        if key != self._shown_key or self._shown is None:
            self._shown, self._shown_key = self._finished(self._drawing, ratio), key
        painter = QPainter(self)
        if self._drawing_box == box and self._drawing.size() == fitted(self._source.size, box):
            # drawn for this size: pixel for pixel
            size = self._shown.deviceIndependentSize()
            painter.drawPixmap(QPointF((self.width() - size.width()) / 2,
                                       (self.height() - size.height()) / 2), self._shown)
        else:  # drawn for another size until drawn for this one, or kept smaller (frames)
            size = self.drawn_size()
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            painter.drawPixmap(QRectF(QPointF((self.width() - size.width()) / 2,
                                              (self.height() - size.height()) / 2), size),
                               self._shown, QRectF(self._shown.rect()))
        painter.end()

    def _on_animation_frame_changed(self) -> None:
        """The next frame is due: shown, and only it repainted."""
        frame = self.animation.current()
        if frame is not None and self._drawing is not None:
            self._drawing = frame
            self.update()

    def _draw(self, box: QSize) -> None:
        """Has the picture drawn for ``box`` on a worker (when none is drawing it already)."""
        assert self._source is not None and self._path is not None
        if not self._asking:
            self._ask(self._path, self._source, box)

    def _finished(self, fitted: QImage, ratio: float) -> QPixmap:
        """The drawing as shown: flipped for the other side."""
        if self._mirrored:
            fitted = fitted.transformed(QTransform().scale(-1, 1))
        pixmap = QPixmap.fromImage(fitted)
        pixmap.setDevicePixelRatio(ratio)
        return pixmap


class PauseVeil(QWidget):
    """Dims the whole screen and says PAUSED across it, on a dark block of its own so it
    reads over anything: a paused session is not missed. Under the word, what to press."""

    DIM = 0.62
    """How much of the screen's light the veil takes away."""
    BLOCK = QColor(17, 17, 17)
    """The block under the words: solid, whatever lies beneath."""
    HINT = N_("Space resumes")
    """Marked only: translated when a veil is made."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._hint = _(self.HINT)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAccessibleName(_("Paused"))
        self.setAccessibleDescription(self._hint)

    def hint(self) -> str:
        return self._hint

    def set_hint(self, text: str) -> None:
        """Say ``text`` under the word (what to press now)."""
        if text != self._hint:
            self._hint = text
            self.setAccessibleDescription(text)
            self.update()

    def hint_font(self) -> QFont:
        """The hint's font: a twentieth of the height, smaller where it would not fit
        across the block's widest."""
        font = bold_font(self, self.height() * 0.05, bold=False)
        room = self._room()
        wide = advance(font, self._hint)
        if wide > room > 0:
            font = bold_font(self, font.pixelSize() * room / wide * 0.98, bold=False)
        return font

    def _room(self) -> float:
        """The widest text on the block may be."""
        return self.width() * 0.9 - 2 * self._pad()

    def _pad(self) -> float:
        return self.height() * 0.03

    def block(self) -> QRectF:
        """Where the dark block goes: round the word and the hint, in the middle."""
        word, hint = self.word_font(), self.hint_font()
        pad = self._pad()
        wide = max(advance(word, paused_word()), advance(hint, self._hint))
        tall = QFontMetricsF(word).capHeight() + QFontMetricsF(hint).lineSpacing() + 3 * pad
        return QRectF((self.width() - wide) / 2 - pad, (self.height() - tall) / 2,
                      wide + 2 * pad, tall)

    def word_font(self) -> QFont:
        font = bold_font(self, min(self.height() * 0.2, self.width() * 0.16))
        wide, room = advance(font, paused_word()), self._room()
        return bold_font(self, font.pixelSize() * room / wide) if wide > room > 0 else font

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor(0, 0, 0, round(255 * self.DIM)))
        block, pad = self.block(), self._pad()
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self.BLOCK)
        painter.drawRoundedRect(block, pad, pad)
        word = self.word_font()
        cap = QFontMetricsF(word).capHeight()
        painter.setPen(QColor("#ffffff"))
        painter.setFont(word)
        shown = paused_word()
        painter.drawText(QPointF(block.center().x() - advance(word, shown) / 2,
                                 block.top() + pad + cap), shown)
        painter.setFont(self.hint_font())
        painter.drawText(QRectF(block.left(), block.top() + 2 * pad + cap, block.width(),
                                block.bottom() - pad - (block.top() + 2 * pad + cap)),
                         Qt.AlignmentFlag.AlignCenter, self._hint)
        painter.end()


def paused_word() -> str:
    """The word across a paused screen, in the language installed."""
    # Translators: across the whole screen while a session is paused; in capitals, short.
    return _("PAUSED")


class ScreenParts:
    """The painted parts of the session screen, made together when a session first shows."""

    def __init__(self, parent: QWidget) -> None:
        self.side = SideBadge(parent)
        self.mute = MuteSign(parent)
        self.tempo = TempoBar(parent)
        self.picture = Picture(parent, animate=True)
        self.description = ColumnText(parent)
        self.veil = PauseVeil(parent)
        for part in (self.side, self.mute, self.tempo, self.picture, self.veil):
            part.hide()  # each shows when a status has it
        self.description.show()  # made after its parent may have shown: not shown by itself
