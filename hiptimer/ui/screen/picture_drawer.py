"""Pictures read and drawn so that none can hang the window or hold it up.

A picture is read as bytes, never handed to Qt by name: ``read_regular_file`` takes only a
regular file, of at most ``MAX_BYTES``, and never waits on a named pipe. A drawing (SVG) is
checked first (``safe_svg``: it names nothing outside itself, and what it draws is bounded);
an image's size is read from its header before it is decoded. Then Qt's image reader draws it
at the size it is shown; it lets go of Python's lock while it draws, so on a worker thread the
window runs on. A picture not drawn within ``BUDGET`` seconds is given up: shown as missing,
said once in one line that names the file, and not tried again until the file changes. The
window never waits for it; its thread is left to end on its own.

An animated GIF is measured before it is decoded too: its frames are counted, and one with
more than ``MAX_FRAMES``, or whose frames would come to more than ``MAX_FRAME_PIXELS``
decoded, is refused. Asked for its frames (``ask(..., frames=True)``), a worker decodes them
all, fitted to the box, with their delays; otherwise it draws the first, as a still.

The pictures hiptimer ships go the same way, but at once, on the window's thread: they are
checked by its tests, take a millisecond, and the screen is laid out with them in place.
"""

from __future__ import annotations

import contextlib
import itertools
import math
import os
import struct
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import shiboken6
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QImageReader

from hiptimer.base.files import NotRegularFile, TooLarge, read_regular_file
from hiptimer.base.local_format import decimal_text
from hiptimer.base.problem import escaped
from hiptimer.base.translation import _
from hiptimer.ui.screen.safe_svg import UnsafeSvg, checked_svg, grouped

BUDGET = 2.0
"""Seconds a picture may take to be read and drawn, before it is given up."""
MAX_BYTES = 16 << 20
"""The largest picture file read: 16 MiB."""
MAX_PIXELS = 40_000_000
"""The most pixels an image may have: decoded, it takes four bytes each."""
MAX_FRAMES = 200
"""The most frames an animated GIF may have."""
MAX_FRAME_PIXELS = 40_000_000
"""The most pixels an animated GIF's frames may come to, all decoded: each is decoded at
the size of its whole screen."""
MAX_KEPT_PIXELS = 16_000_000
"""The most pixels an animation's frames are kept in, once fitted to their box (64 MiB):
beyond it they are kept smaller, and shown scaled up."""
SVG = QByteArray(b"svg")
GIF = QByteArray(b"gif")

FileKey = tuple[int, int, int, int]
"""A file as it is now: its device, inode, size and time of change."""


class PictureProblem(Exception):
    """A picture is not shown; ``str`` is the one line that says which and why."""

    def __init__(self, path: Path, reason: str) -> None:
        # Translators: {reason} is one of the "it ..." sentences that say why.
        super().__init__(_("The picture {path} is not shown: {reason}").format(
            path=escaped(str(path)), reason=reason))


@dataclass(frozen=True)
class PictureFile:
    """A picture read and checked: its bytes as Qt is given them, their format, its size."""

    path: Path
    data: bytes
    format: QByteArray
    size: QSize
    """Its own size: the shape it is drawn in."""
    frames: int = 1
    """How many frames it has: more than one for an animation."""
    loops: int = 0
    """How many times an animation plays again after the first (-1: for ever)."""


@dataclass(frozen=True)
class Frame:
    """One frame of an animation, fitted to its box, and how long it asks to be shown."""

    image: QImage
    delay_ms: int


@dataclass(frozen=True)
class Drawn:
    """What a worker made: the picture opened, and drawn when a box was asked for."""

    picture: PictureFile
    image: QImage | None
    box: QSize
    frames: tuple[Frame, ...] = ()
    """An animation's frames, when they were asked for (the first is ``image``)."""


Outcome = Drawn | PictureProblem
Deliver = Callable[[Outcome], None]


def open_picture(path: Path) -> PictureFile:
    """The picture at ``path`` read, checked and measured; ``PictureProblem`` when it cannot
    be shown. Bounded by ``MAX_BYTES``, but a drawing's measuring draws it once."""
    try:
        data = read_regular_file(path, MAX_BYTES)
    except NotRegularFile as exc:
        raise PictureProblem(path, str(exc.strerror)) from None
    except TooLarge:
        raise PictureProblem(path, _("it is larger than {size} MiB").format(
            size=MAX_BYTES >> 20)) from None
    except OSError as exc:
        raise PictureProblem(path, cannot_be_read(exc.strerror or exc)) from None
    if _is_drawing(path, data):
        try:
            data = checked_svg(data)
        except UnsafeSvg as exc:
            raise PictureProblem(path, str(exc)) from None
        return PictureFile(path, data, SVG, _drawing_size(path, data))
    kind = QImageReader.imageFormat(_device(data))
    if kind.isEmpty() or kind.startsWith(SVG):  # Qt would take it for a drawing, unchecked
        raise PictureProblem(path, _("it is not an image hiptimer can show (PNG, JPEG, SVG, "
                                     "...)"))
    reader = _reader(data, kind)
    size = reader.size()
    screen = _gif_screen(data) if kind == GIF else QSize()
    if screen.width() * screen.height() > MAX_PIXELS:
        size = screen  # Qt may not say it, and go on to fail when it decodes
    if not size.isValid() or size.isEmpty():
        raise PictureProblem(path, _("it cannot be read as an image ({problem})").format(
            problem=reader.errorString()))
    if size.width() * size.height() > MAX_PIXELS:
        raise PictureProblem(path, _("it is {width} by {height} pixels, more than {million} "
                                     "million").format(width=grouped(size.width()),
                                                       height=grouped(size.height()),
                                                       million=MAX_PIXELS // 1_000_000))
    if kind != GIF:
        return PictureFile(path, data, kind, size)
    frames = max(1, reader.imageCount())
    if frames > MAX_FRAMES:
        raise PictureProblem(path, _("it has {frames} frames, more than {most}").format(
            frames=grouped(frames), most=MAX_FRAMES))
    decoded = QSize(max(size.width(), screen.width()), max(size.height(), screen.height()))
    if frames > 1 and frames * decoded.width() * decoded.height() > MAX_FRAME_PIXELS:
        raise PictureProblem(path, _("its {frames} frames of {width} by {height} pixels come "
                                     "to more than {million} million pixels").format(
            frames=frames, width=grouped(decoded.width()), height=grouped(decoded.height()),
            million=MAX_FRAME_PIXELS // 1_000_000))
    return PictureFile(path, data, kind, size, frames, reader.loopCount() if frames > 1 else 0)


def fitted(size: QSize, box: QSize) -> QSize:
    """``size`` made as large as fits in ``box``, its shape kept, at least a pixel."""
    scaled = size.scaled(box, Qt.AspectRatioMode.KeepAspectRatio)
    return QSize(max(1, scaled.width()), max(1, scaled.height()))


def draw(picture: PictureFile, box: QSize) -> QImage:
    """The picture drawn as large as fits in ``box`` (in pixels), its shape kept."""
    reader = _reader(picture.data, picture.format)
    reader.setScaledSize(fitted(picture.size, box))
    image = reader.read()
    if image.isNull():
        raise PictureProblem(picture.path, not_drawn(reader.errorString()))
    return image


def draw_frames(picture: PictureFile, box: QSize) -> tuple[Frame, ...]:
    """Every frame of an animation, fitted to ``box`` (smaller, should they all come to more
    than ``MAX_KEPT_PIXELS``), each with the delay it asks for. Frames past one that cannot
    be read are left out, as a browser leaves them."""
    size = fitted(picture.size, box)
    kept = picture.frames * size.width() * size.height()
    if kept > MAX_KEPT_PIXELS:
        shrink = math.sqrt(MAX_KEPT_PIXELS / kept)
        size = fitted(picture.size, QSize(math.floor(size.width() * shrink),
                                          math.floor(size.height() * shrink)))
    reader = _reader(picture.data, picture.format)
    reader.setScaledSize(size)
    frames: list[Frame] = []
    for _frame in range(picture.frames):
        image = reader.read()
        if image.isNull():
            break
        frames.append(Frame(image, reader.nextImageDelay()))
    if not frames:
        raise PictureProblem(picture.path, not_drawn(reader.errorString()))
    return tuple(frames)


def cannot_be_read(problem: object) -> str:
    # Translators: {problem} is the system's reason, as it gives it.
    return _("it cannot be read ({problem})").format(problem=problem)


def not_drawn(problem: str) -> str:
    # Translators: {problem} is Qt's reason, as it gives it.
    return _("it could not be drawn ({problem})").format(problem=problem)


def _gif_screen(data: bytes) -> QSize:
    """A GIF's screen, as its header gives it: the size each of its frames is decoded at."""
    if len(data) < 10:
        return QSize()
    width, height = struct.unpack_from("<HH", data, 6)
    return QSize(width, height)


def _is_drawing(path: Path, data: bytes) -> bool:
    """An SVG by its name, or by its first characters (text that begins with a tag, or gzip)."""
    if path.suffix.lower() in (".svg", ".svgz"):
        return True
    start = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    return start.startswith((b"<", b"\x1f\x8b", b"\xff\xfe", b"\xfe\xff"))


def _drawing_size(path: Path, data: bytes) -> QSize:
    """A drawing's own size, as Qt sees it: Qt tells it once it has drawn it (asking first
    would parse the drawing holding Python's lock), so it is drawn at one pixel."""
    reader = _reader(data, SVG)
    reader.setScaledSize(QSize(1, 1))
    reader.read()
    size = reader.size()
    if not size.isValid() or size.isEmpty():
        raise PictureProblem(path, _("it cannot be drawn: Qt finds no size in it (give the "
                                     "svg element a width and height, or a viewBox)"))
    return size


def _device(data: bytes) -> QBuffer:
    device = QBuffer()
    device.setData(QByteArray(data))
    device.open(QIODevice.OpenModeFlag.ReadOnly)
    return device


class _Reader(QImageReader):
    """An image reader that keeps the buffer it reads alive as long as itself."""

    def __init__(self, device: QBuffer, kind: QByteArray) -> None:
        super().__init__(device, kind)
        self.device_kept = device


def _reader(data: bytes, kind: QByteArray) -> QImageReader:
    """A reader of ``data`` in format ``kind`` only: never one Qt guesses from the content."""
    reader = _Reader(_device(data), kind)
    reader.setAutoDetectImageFormat(False)
    return reader


def _file_key(path: Path) -> FileKey | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns


@dataclass
class _Asked:
    path: Path
    owner: QObject
    deliver: Deliver


class PictureDrawer(QObject):
    """Opens and draws pictures on worker threads, each within ``budget`` seconds.

    ``ask`` returns at once; what was asked for is delivered, on the window's thread, to the
    ``deliver`` given (unless its ``owner`` is gone by then): the picture drawn, or the
    problem that keeps it from being shown. Each problem is also said once, through
    ``problem_found``, for the window's problem bar.
    """

    problem_found = Signal(str)
    _done = Signal(int, object)

    def __init__(self, budget: float = BUDGET,
                 work: Callable[[Path, PictureFile | None, QSize], Outcome] | None = None,
                 parent: QObject | None = None) -> None:
        """``work`` opens and draws on the worker (``drawn``, unless a test holds it up)."""
        super().__init__(parent)
        self.budget = budget
        self._work = work or drawn
        self._tickets = itertools.count(1)
        self._asked: dict[int, _Asked] = {}
        self._lock = threading.Lock()
        self._keys: dict[int, FileKey] = {}
        """The file each worker has in hand, so that one given up is known by it."""
        self._given_up: dict[FileKey, str] = {}
        self._threads: list[threading.Thread] = []
        self._told: set[str] = set()
        self._done.connect(self._on_done)

    def ask(self, path: Path, picture: PictureFile | None, box: QSize, owner: QObject,
            deliver: Deliver, frames: bool = False) -> None:
        """Open the picture at ``path`` (unless ``picture`` is it, opened) and draw it to fit
        ``box`` (unless ``box`` is empty), on a worker thread; an animation's every frame
        too, when ``frames``."""
        ticket = next(self._tickets)
        self._asked[ticket] = _Asked(path, owner, deliver)
        # Fires whether or not the work is done by then; done, it finds nothing to give up.
        QTimer.singleShot(round(self.budget * 1000), self, lambda: self._give_up(ticket))
        thread = threading.Thread(target=self._run,
                                  args=(ticket, path, picture, QSize(box), frames),
                                  name="hiptimer-picture", daemon=True)
        self._threads = [each for each in self._threads if each.is_alive()] + [thread]
        thread.start()

    def tell(self, problem: PictureProblem) -> None:
        """Say ``problem`` through ``problem_found``, unless it was said already."""
        message = str(problem)
        if message not in self._told:
            self._told.add(message)
            self.problem_found.emit(message)

    def wait(self, timeout: float) -> bool:
        """Wait up to ``timeout`` seconds for every worker to end (a test's end, the app's
        close); True when none is left."""
        for thread in list(self._threads):
            thread.join(timeout)
        self._threads = [each for each in self._threads if each.is_alive()]
        return not self._threads

    def _run(self, ticket: int, path: Path, picture: PictureFile | None, box: QSize,
             frames: bool) -> None:
        """On the worker: the work, whatever becomes of it, handed back to the window."""
        key = _file_key(path)
        outcome: Outcome
        with self._lock:
            known = self._given_up.get(key) if key is not None else None
            if key is not None:
                self._keys[ticket] = key
        if known is not None:
            outcome = PictureProblem(path, known)
        else:
            # An animation's frames are asked for once it is open: all drawn here, the first
            # not drawn twice.
            moving = frames and picture is not None and picture.frames > 1 and not box.isEmpty()
            try:
                outcome = self._work(path, picture, QSize() if moving else box)
                if moving and isinstance(outcome, Drawn):
                    drawn_frames = draw_frames(outcome.picture, box)
                    outcome = Drawn(outcome.picture, drawn_frames[0].image, box, drawn_frames)
            except PictureProblem as exc:
                outcome = exc
            except Exception as exc:  # a fault of ours: said, never lost on a thread
                outcome = PictureProblem(path, _("drawing it failed ({problem})").format(
                    problem=repr(exc)))
        with self._lock:
            self._keys.pop(ticket, None)
        with contextlib.suppress(RuntimeError):  # the drawer is gone: no one is waiting
            self._done.emit(ticket, outcome)

    def _on_done(self, ticket: int, outcome: Outcome) -> None:
        asked = self._asked.pop(ticket, None)
        if asked is None:
            return  # given up already
        self._deliver(asked, outcome)

    def _give_up(self, ticket: int) -> None:
        asked = self._asked.pop(ticket, None)
        if asked is None:
            return  # done in time
        reason = _("it takes longer than {seconds} seconds to draw").format(
            seconds=decimal_text(self.budget, 3))
        with self._lock:
            key = self._keys.get(ticket)
            if key is not None:
                self._given_up[key] = reason
        self._deliver(asked, PictureProblem(asked.path, reason))

    def _deliver(self, asked: _Asked, outcome: Outcome) -> None:
        if isinstance(outcome, PictureProblem):
            self.tell(outcome)
        if shiboken6.isValid(asked.owner):
            asked.deliver(outcome)


def drawn(path: Path, picture: PictureFile | None, box: QSize) -> Drawn:
    """The worker's work: the picture opened (unless given), and drawn when ``box`` is not
    empty."""
    picture = picture or open_picture(path)
    return Drawn(picture, draw(picture, box) if not box.isEmpty() else None, box)


_shared: PictureDrawer | None = None


def shared_drawer() -> PictureDrawer:
    """The one drawer of the app's pictures, whose problems the window shows."""
    global _shared
    if _shared is None:
        _shared = PictureDrawer()
    return _shared
