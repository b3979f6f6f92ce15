"""An animated GIF as an exercise's ``image``: it moves on the session screen at its own
pace (never faster than 30 frames a second), loops as the file says, holds while the session
is paused, and costs nothing while unseen; one too big to decode is refused with one line.

No test waits for a frame: the animation's timer is armed but never fires by itself, and
each test steps the animation and reads the delay the next frame was armed with. Only the
worker that decodes the frames is waited for.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QObject, QSize, QTimer
from PySide6.QtGui import QColor

from hiptimer.ui.screen import animated_picture
from hiptimer.ui.screen.animated_picture import MIN_DELAY_MS
from hiptimer.ui.screen.parts import Picture
from hiptimer.ui.screen.picture_drawer import (
    MAX_FRAME_PIXELS,
    MAX_FRAMES,
    MAX_KEPT_PIXELS,
    Deliver,
    PictureDrawer,
    PictureFile,
    draw_frames,
    open_picture,
)

from .support.gif import GifFrame, gif
from .support.special_files import HANG, assert_workers_ended

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

RED, GREEN, BLUE = (255, 0, 0), (0, 255, 0), (0, 0, 255)
WHITE = (255, 255, 255)


@pytest.fixture(autouse=True)
def workers_ended() -> Iterator[None]:
    yield
    assert_workers_ended()


class ArmedTimer(QTimer):
    """A timer that is armed, with its interval, but left for the test to fire (``step``)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._armed = False

    def start(self, msec: int) -> None:  # type: ignore[override]
        self.setInterval(msec)
        self._armed = True

    def stop(self) -> None:
        self._armed = False

    def isActive(self) -> bool:
        return self._armed


@pytest.fixture(autouse=True)
def frames_stepped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(animated_picture, "QTimer", ArmedTimer)


class CountingDrawer(PictureDrawer):
    """The real drawer, counting what it is asked to draw."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: list[QSize] = []

    def ask(self, path: Path, picture: PictureFile | None, box: QSize, owner: QObject,
            deliver: Deliver, frames: bool = False) -> None:
        self.asked.append(QSize(box))
        super().ask(path, picture, box, owner, deliver, frames)


def centre(picture: Picture, x: float = 0.5) -> QColor:
    """The colour a person sees at the middle of the picture's height, ``x`` across it."""
    image = picture.grab().toImage()
    return image.pixelColor(min(image.width() - 1, int(image.width() * x)),
                            image.height() // 2)


def rgb(colour: QColor) -> tuple[int, int, int]:
    return colour.red(), colour.green(), colour.blue()


def shown(qtbot: QtBot, path: Path, colour: tuple[int, int, int], mirrored: bool = False,
          drawer: PictureDrawer | None = None, x: float = 0.5) -> Picture:
    """A picture of ``path`` on screen, waited for until its worker has drawn it."""
    picture = Picture(drawer=drawer or PictureDrawer(), animate=True)
    qtbot.addWidget(picture)
    picture.resize(80, 60)
    picture.show()
    picture.set_picture(path, mirrored)
    qtbot.waitUntil(lambda: centre(picture, x) == QColor(*colour), timeout=round(HANG * 1000))
    return picture


def write(tmp_path: Path, data: bytes, name: str = "moving.gif") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# -- playing ----------------------------------------------------------------------------------

def test_the_frames_follow_in_order_each_at_its_delay_and_loop(
        qtbot: QtBot, tmp_path: Path) -> None:
    path = write(tmp_path, gif([GifFrame(RED, 5), GifFrame(GREEN, 20), GifFrame(BLUE, 7)]))
    picture = shown(qtbot, path, RED)
    seen = []
    for _ in range(7):
        seen.append((rgb(centre(picture)), picture.animation.next_in()))
        picture.animation.step()
    assert seen == [(RED, 50), (GREEN, 200), (BLUE, 70)] * 2 + [(RED, 50)]


def test_no_frame_is_shown_for_less_than_a_thirtieth_of_a_second(
        qtbot: QtBot, tmp_path: Path) -> None:
    path = write(tmp_path, gif([GifFrame(RED, 2), GifFrame(GREEN, 0), GifFrame(BLUE, 3)]))
    picture = shown(qtbot, path, RED)
    delays = []
    for _ in range(3):
        delays.append(picture.animation.next_in())
        picture.animation.step()
    # 0.02 s is lengthened to a thirtieth; none at all is a tenth, as browsers show it.
    assert delays == [MIN_DELAY_MS, 100, MIN_DELAY_MS]
    assert MIN_DELAY_MS >= 1000 / 30


@pytest.mark.parametrize(("loops", "plays"), [(None, 1), (2, 3)])
def test_a_gif_that_loops_a_number_of_times_stops_on_its_last_frame(
        qtbot: QtBot, tmp_path: Path, loops: int | None, plays: int) -> None:
    path = write(tmp_path, gif([GifFrame(RED, 10), GifFrame(GREEN, 10)], loops=loops))
    picture = shown(qtbot, path, RED)
    colours = [rgb(centre(picture))]
    for _ in range(2 * plays + 2):
        picture.animation.step()
        colours.append(rgb(centre(picture)))
    assert colours == [RED, GREEN] * plays + [GREEN] * 3
    assert not picture.animation.is_playing()


def test_the_other_side_plays_mirrored(qtbot: QtBot, tmp_path: Path) -> None:
    left_half = (20, 30)  # on a white screen
    path = write(tmp_path, gif([GifFrame(RED, 10, left_half), GifFrame(BLUE, 10, left_half)]))
    plain = shown(qtbot, path, RED, x=0.25)
    mirrored = shown(qtbot, path, RED, mirrored=True, x=0.75)
    assert (centre(plain, 0.25), centre(plain, 0.75)) == (QColor(*RED), QColor(*WHITE))
    assert (centre(mirrored, 0.25), centre(mirrored, 0.75)) == (QColor(*WHITE), QColor(*RED))
    for picture in (plain, mirrored):
        picture.animation.step()
    assert centre(plain, 0.25) == QColor(*BLUE) and centre(mirrored, 0.75) == QColor(*BLUE)


def test_frames_are_drawn_once_for_their_box_not_on_every_frame(
        qtbot: QtBot, tmp_path: Path) -> None:
    path = write(tmp_path, gif([GifFrame(RED, 10), GifFrame(GREEN, 10)]))
    drawer = CountingDrawer()
    picture = shown(qtbot, path, RED, drawer=drawer)
    asked = list(drawer.asked)
    frame = picture.animation.current()
    assert frame is not None and frame.size() == QSize(80, 60)  # fitted to the box
    for _ in range(6):
        picture.animation.step()
        picture.repaint()
    assert drawer.asked == asked
    picture.resize(120, 90)  # a new box: drawn again, once, and goes on where it was
    picture.animation.step()
    qtbot.waitUntil(lambda: (frame := picture.animation.current()) is not None
                    and frame.size() == QSize(120, 90) and centre(picture) == QColor(*GREEN))
    assert drawer.asked == [*asked, QSize(120, 90)]
    assert drawer.wait(HANG)


def test_an_animation_plays_only_while_it_is_seen(qtbot: QtBot, tmp_path: Path) -> None:
    path = write(tmp_path, gif([GifFrame(RED, 10), GifFrame(GREEN, 10)]))
    picture = shown(qtbot, path, RED)
    assert picture.animation.is_playing()
    picture.hide()
    assert not picture.animation.is_playing()
    picture.show()
    assert picture.animation.next_in() == 100


def test_a_gif_of_one_frame_is_a_still_picture(qtbot: QtBot, tmp_path: Path) -> None:
    path = write(tmp_path, gif([GifFrame(BLUE, 10)]), "still.gif")
    picture = shown(qtbot, path, BLUE)
    assert picture.animation.current() is None and not picture.animation.is_playing()
    assert open_picture(path).frames == 1


def test_a_paused_or_stopped_session_holds_the_frame_it_shows(qtbot: QtBot, tmp_path: Path) -> None:
    from hiptimer.routine.parse import load_routine
    from hiptimer.session.clock import FakeClock
    from hiptimer.session.engine import Session
    from hiptimer.session.status import status_of
    from hiptimer.session.timeline import compile_timeline
    from hiptimer.ui.screen.session_view import SessionView

    write(tmp_path, gif([GifFrame(RED, 10), GifFrame(GREEN, 30)]))
    routine = tmp_path / "r.yaml"
    routine.write_text("name: Own\nexercises:\n  - {name: Plank, hold: 30s, image: moving.gif}\n")
    session = Session(compile_timeline(load_routine(routine)), FakeClock(0))
    session.start()
    view = SessionView()
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.show()
    view.show_status(status_of(session))
    picture = view.picture
    qtbot.waitUntil(lambda: picture.animation.is_playing(), timeout=round(HANG * 1000))
    picture.animation.step()
    assert picture.animation.next_in() == 300
    session.pause()
    view.show_status(status_of(session))
    assert not picture.animation.is_playing()
    held = centre(picture)
    assert held == QColor(*GREEN)
    session.resume()
    view.show_status(status_of(session))
    assert picture.animation.next_in() == 300 and centre(picture) == held
    session.stop()  # a stopped session keeps the exercise in view, standing still
    view.show_status(status_of(session))
    assert not picture.animation.is_playing()


def test_the_librarys_preview_shows_the_first_frame_still(qtbot: QtBot, tmp_path: Path) -> None:
    from hiptimer.routine.parse import load_routine
    from hiptimer.ui.library.picture_strip import PictureStrip

    write(tmp_path, gif([GifFrame(RED, 10), GifFrame(GREEN, 10)]))
    routine = tmp_path / "r.yaml"
    routine.write_text("name: Own\nexercises:\n  - {name: A, hold: 5s, image: moving.gif}\n")
    strip = PictureStrip()
    qtbot.addWidget(strip)
    strip.resize(200, 60)
    strip.show()
    strip.show_routine(load_routine(routine))
    [picture] = strip.pictures
    qtbot.waitUntil(lambda: centre(picture) == QColor(*RED), timeout=round(HANG * 1000))
    assert picture.animation.current() is None and not picture.animation.is_playing()


# -- what an animation may cost ---------------------------------------------------------------

@pytest.mark.parametrize(("data", "reason"), [
    (gif([GifFrame(RED, 1, (1, 1))] * (MAX_FRAMES + 1), 4, 4),
     f"it has {MAX_FRAMES + 1:,} frames, more than {MAX_FRAMES}"),
    (gif([GifFrame(RED, 1, (1, 1))] * 5000, 4, 4), f"it has 5,000 frames, more than {MAX_FRAMES}"),
    (gif([GifFrame(RED, 1, (1, 1)), GifFrame(GREEN, 1, (1, 1))] * 11, 2000, 1000),
     "its 22 frames of 2,000 by 1,000 pixels come to more than 40 million pixels"),
    (gif([GifFrame(RED, 1, (1, 1)), GifFrame(GREEN, 1, (1, 1))], 60000, 60000),
     "it is 60,000 by 60,000 pixels, more than 40 million"),
])
def test_a_gif_too_costly_to_decode_is_refused_from_its_header(
        qtbot: QtBot, tmp_path: Path, data: bytes, reason: str) -> None:
    assert len(data) < 128_000  # a small file, all the same
    path = write(tmp_path, data, "hostile.gif")
    said: list[str] = []
    drawer = PictureDrawer()
    drawer.problem_found.connect(said.append)
    picture = Picture(drawer=drawer, animate=True)
    qtbot.addWidget(picture)
    picture.set_picture(path, False)
    qtbot.waitUntil(lambda: not picture.is_waiting(), timeout=round(HANG * 1000))
    assert not picture.has_picture()
    assert said == [f"The picture {path} is not shown: {reason}"]
    assert drawer.wait(HANG)


def test_the_window_says_which_animation_it_does_not_show(qtbot: QtBot, data_dir: Path) -> None:
    from .support.window import Harness

    ui = Harness(qtbot, data_dir)
    said = ui.said_of_own_picture("flood.gif", gif([GifFrame(RED, 1, (1, 1))] * 1000, 4, 4))
    assert said == [f"The picture {ui.user_dir / 'flood.gif'} is not shown: it has 1,000 "
                    f"frames, more than {MAX_FRAMES}"]


def test_many_frames_for_a_big_box_are_kept_smaller(tmp_path: Path) -> None:
    path = write(tmp_path, gif([GifFrame(RED, 10), GifFrame(GREEN, 10)] * (MAX_FRAMES // 2)))
    picture = open_picture(path)
    assert picture.frames == MAX_FRAMES
    frames = draw_frames(picture, QSize(4000, 3000))
    assert len(frames) == MAX_FRAMES
    size = frames[0].image.size()
    assert MAX_FRAMES * size.width() * size.height() <= MAX_KEPT_PIXELS
    assert abs(size.width() / size.height() - 4 / 3) < 0.02
    assert [frame.image.pixelColor(1, 1) for frame in frames[:3]] == [
        QColor(*RED), QColor(*GREEN), QColor(*RED)]


def test_the_format_guide_gives_the_limits_hiptimer_keeps() -> None:
    guide = " ".join((Path(__file__).parents[1] / "docs" / "routine-format.md")
                     .read_text("utf-8").split())
    said = guide[guide.index("An animated GIF moves on the session screen"):]
    assert f"at most {MAX_FRAMES} frames" in said
    assert f"at most {MAX_FRAME_PIXELS // 1_000_000} million pixels" in said
    assert 29 < 1000 / MIN_DELAY_MS <= 30 and "at most 30 frames a second" in said
