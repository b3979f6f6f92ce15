"""Pictures that would cost without end, or are not pictures at all: refused at once, or
given up after their time, while the window runs on.

A routine's own pictures are drawn on worker threads within a time budget; tests shorten it,
or hold a worker's work up until they let it go, and end every worker they started.
"""

from __future__ import annotations

import base64
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor

from hiptimer.ui.screen.parts import Picture
from hiptimer.ui.screen.picture_drawer import (
    Drawn,
    PictureDrawer,
    PictureFile,
    PictureProblem,
    drawn,
    open_picture,
    shared_drawer,
)
from hiptimer.ui.screen.safe_svg import MAX_DRAWN, UnsafeSvg, checked_svg

from .support.special_files import (
    HANG,
    assert_workers_ended,
    kind,
    nested_uses,
    png,
    svg,
)

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot


@pytest.fixture(autouse=True)
def workers_ended() -> Iterator[None]:
    yield
    assert_workers_ended()


# -- what a drawing may cost ------------------------------------------------------------------

@pytest.mark.parametrize(("data", "reason"), [
    (nested_uses(7), f"more than {MAX_DRAWN:,} elements"),
    (svg('<g id="a"><use xlink:href="#b"/></g><g id="b"><use xlink:href="#a"/></g>'),
     "circle"),
    (svg("<g>" * 200 + "</g>" * 200), "deep"),
    (b'<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>' + svg("&b;"),
     "entity"),
    (b"<html><body/></html>", "not an SVG drawing"),
    (b"\x1f\x8b\x08\x00garbage", "not a gzipped drawing"),
])
def test_a_drawing_that_would_cost_without_end_is_refused_at_once(
        data: bytes, reason: str) -> None:
    assert len(data) < 4096
    with pytest.raises(UnsafeSvg, match=reason):
        checked_svg(data)


def test_a_nested_use_drawing_is_refused_in_the_window_and_said_once(
        qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "bomb.svg"
    path.write_bytes(nested_uses(8))
    said: list[str] = []
    shared_drawer().problem_found.connect(said.append)
    pictures = [Picture() for _ in range(3)]
    for picture in pictures:
        qtbot.addWidget(picture)
        picture.set_picture(path, False)
        assert picture.is_waiting()  # and set_picture has returned
    for picture in pictures:
        qtbot.waitUntil(lambda p=picture: not p.is_waiting())  # type: ignore[misc]
        assert not picture.has_picture() and "bomb.svg is not shown" in str(picture.problem())
    shared_drawer().problem_found.disconnect(said.append)
    assert len(said) == 1


# -- the time budget --------------------------------------------------------------------------

class Held:
    """A worker's work held until the test lets it go: a drawing that takes forever."""

    def __init__(self) -> None:
        self.gate = threading.Event()
        self.started = threading.Event()
        self.calls = 0

    def __call__(self, path: Path, picture: PictureFile | None, box: QSize) -> Drawn:
        self.calls += 1
        self.started.set()
        self.gate.wait(HANG)
        return drawn(path, picture, box)


def test_a_picture_not_drawn_in_time_is_given_up_while_the_window_runs_on(
        qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "own.svg"
    path.write_bytes(svg('<rect width="40" height="30"/>'))
    held = Held()
    drawer = PictureDrawer(budget=0.0, work=held)
    picture = Picture(drawer=drawer)
    qtbot.addWidget(picture)
    try:
        picture.set_picture(path, False)
        assert held.started.wait(HANG)  # the worker has it in hand, and keeps it
        with qtbot.waitSignal(picture.changed):
            pass  # the window's loop runs on meanwhile, and gives the picture up
        assert not held.gate.is_set()
        assert not picture.has_picture() and not picture.is_waiting()
        assert picture.problem() == (f"The picture {path} is not shown: it takes longer "
                                     "than 0 seconds to draw")
        held.gate.set()
        assert drawer.wait(HANG)
        # The file as it is is not drawn again: no second worker takes it in hand.
        again = Picture(drawer=drawer)
        qtbot.addWidget(again)
        again.set_picture(path, False)
        qtbot.waitUntil(lambda: not again.is_waiting())
        assert again.problem() == picture.problem()
        assert drawer.wait(HANG) and held.calls == 1
        path.write_bytes(svg('<rect width="40" height="30"/><rect width="4" height="3"/>'))
        changed = Picture(drawer=drawer)  # once changed, it is tried again
        qtbot.addWidget(changed)
        changed.set_picture(path, False)
        qtbot.waitUntil(lambda: not changed.is_waiting())
        assert drawer.wait(HANG) and held.calls == 2
    finally:
        held.gate.set()
        assert drawer.wait(HANG)


def test_a_slow_drawing_is_given_up_and_the_worker_left_to_end(
        qtbot: QtBot, tmp_path: Path) -> None:
    """A real one: ten thousand squares by nested uses, within the limits, given a
    millisecond."""
    path = tmp_path / "slow.svg"
    path.write_bytes(nested_uses(4))
    checked_svg(path.read_bytes())  # passes the check: only the budget stops it
    drawer = PictureDrawer(budget=0.001)
    picture = Picture(drawer=drawer)
    qtbot.addWidget(picture)
    picture.set_picture(path, False)
    with qtbot.waitSignal(picture.changed, timeout=round(HANG * 1000)):
        pass
    assert "takes longer than 0.001 seconds" in str(picture.problem())
    assert drawer.wait(HANG)


def test_a_routines_own_picture_is_drawn_off_the_window_thread_and_given_room(
        qtbot: QtBot, tmp_path: Path) -> None:
    from hiptimer.routine.parse import load_routine
    from hiptimer.session.clock import FakeClock
    from hiptimer.session.engine import Session
    from hiptimer.session.status import status_of
    from hiptimer.session.timeline import compile_timeline
    from hiptimer.ui.screen.session_view import SessionView

    (tmp_path / "wide.png").write_bytes(png(80, 30))
    routine = tmp_path / "r.yaml"
    routine.write_text("name: Own\nexercises:\n  - {name: Plank, hold: 5s, image: wide.png}\n")
    session = Session(compile_timeline(load_routine(routine)), FakeClock(0))
    session.start()
    view = SessionView()
    qtbot.addWidget(view)
    view.resize(1200, 800)
    view.show()
    view.show_status(status_of(session))
    assert view.picture.is_waiting() and view.picture.isHidden()
    qtbot.waitUntil(lambda: view.picture.has_picture() and view.picture.isVisible())
    assert abs(view.picture.width() / view.picture.height() - 80 / 30) < 0.05
    qtbot.waitUntil(lambda: view.picture.grab().toImage().pixelColor(
        view.picture.width() // 2, view.picture.height() // 2) == QColor("#336699"))


def test_the_librarys_strip_drops_a_picture_found_missing(qtbot: QtBot, tmp_path: Path) -> None:
    from hiptimer.routine.parse import load_routine
    from hiptimer.ui.library.picture_strip import PictureStrip

    (tmp_path / "good.png").write_bytes(png())
    (tmp_path / "bomb.svg").write_bytes(nested_uses(9))
    routine = tmp_path / "r.yaml"
    routine.write_text("name: Own\nexercises:\n  - {name: A, hold: 5s, image: good.png}\n"
                       "  - {name: B, hold: 5s, image: bomb.svg}\n")
    strip = PictureStrip()
    qtbot.addWidget(strip)
    strip.show_routine(load_routine(routine))
    assert len(strip.pictures) == 2
    qtbot.waitUntil(lambda: len(strip.pictures) == 1)
    qtbot.waitUntil(lambda: strip.pictures[0].has_picture() and not strip.isHidden())


def test_the_window_says_which_picture_it_does_not_show(qtbot: QtBot, data_dir: Path) -> None:
    from .support.window import Harness

    ui = Harness(qtbot, data_dir)
    said = ui.said_of_own_picture("bomb.svg", nested_uses(9))
    assert said == [f"The picture {ui.user_dir / 'bomb.svg'} is not shown: it would draw more "
                    f"than {MAX_DRAWN:,} elements (its references multiply out)"]


# -- files and bytes --------------------------------------------------------------------------

def test_an_image_too_big_to_decode_is_refused_from_its_header(tmp_path: Path) -> None:
    import struct
    import zlib

    def chunk(name: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + name + data
                + struct.pack(">I", zlib.crc32(name + data)))

    path = tmp_path / "huge.png"
    path.write_bytes(b"\x89PNG\r\n\x1a\n"
                     + chunk(b"IHDR", struct.pack(">IIBBBBB", 60000, 60000, 8, 6, 0, 0, 0))
                     + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b""))
    with pytest.raises(PictureProblem, match="60,000 by 60,000 pixels"):
        open_picture(path)


def test_a_drawing_under_another_name_is_checked_as_one(tmp_path: Path) -> None:
    path = tmp_path / "photo.png"
    path.write_bytes(nested_uses(9))
    with pytest.raises(PictureProblem, match="multiply out"):
        open_picture(path)


@pytest.mark.qt_log_level_fail("CRITICAL")  # Qt warns of damaged images it is given
@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=2048) | st.builds(
    lambda head, body: head + body, st.sampled_from([b"<svg", b"\x1f\x8b", b"<?xml", b"BM"]),
    st.binary(max_size=512)))
def test_any_bytes_as_a_picture_are_a_picture_or_a_problem(
        tmp_path: Path, data: bytes) -> None:
    for name in ("any.svg", "any.png"):
        path = tmp_path / name
        path.write_bytes(data)
        try:
            opened = open_picture(path)
        except PictureProblem as exc:
            assert str(exc).startswith(f"The picture {path} is not shown: ")
            assert "\n" not in str(exc)
        else:
            assert opened.size.width() > 0 and opened.size.height() > 0


ELEMENTS = st.sampled_from(["g", "use", "rect", "image", "svg", "defs", "a", "pattern",
                            "linearGradient", "symbol", "style", "text"])


@st.composite
def drawings(draw: st.DrawFn, pipe: str) -> bytes:
    """Small drawings of nested elements whose ids and references point anywhere: at each
    other, at themselves, at a named pipe, at embedded data."""
    ids = ["a", "b", "c"]
    embedded = base64.b64encode(png(4, 3)).decode()
    targets = st.sampled_from(["#a", "#b", "#c", "#nowhere", pipe, f"file://{pipe}",
                               f"data:image/png;base64,{embedded}",
                               "data:image/svg+xml;base64,PHN2Zy8+"])

    def element(depth: int) -> str:
        name = draw(ELEMENTS)
        attributes = ""
        if draw(st.booleans()):
            attributes += f' id="{draw(st.sampled_from(ids))}"'
        if draw(st.booleans()):
            attributes += f' xlink:href="{draw(targets)}"'
        if draw(st.booleans()):
            attributes += f' fill="url({draw(targets)})"'
        children = "".join(element(depth + 1) for _ in range(
            draw(st.integers(0, 3)) if depth < 4 else 0))
        return f'<{name}{attributes} width="9" height="9">{children}</{name}>'

    return svg("".join(element(0) for _ in range(draw(st.integers(1, 3)))))


@pytest.mark.qt_log_level_fail("CRITICAL")  # Qt warns of references it cannot resolve
@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_no_drawing_keeps_a_worker_or_the_window_waiting(
        qtbot: QtBot, tmp_path: Path, data: st.DataObject) -> None:
    pipe = tmp_path / "pipe"
    if not pipe.exists():
        os.mkfifo(pipe)
    path = tmp_path / "any.svg"
    path.write_bytes(data.draw(drawings(str(pipe))))
    drawer = PictureDrawer(budget=HANG)
    got: list[object] = []
    drawer.ask(path, None, QSize(40, 30), drawer, got.append)  # returns at once
    qtbot.waitUntil(lambda: bool(got), timeout=round(HANG * 1000))
    assert drawer.wait(HANG)
    outcome = got[0]
    assert isinstance(outcome, Drawn | PictureProblem)
    if isinstance(outcome, Drawn):
        assert outcome.image is not None and not outcome.image.isNull()
    assert kind(pipe) == "fifo"
