"""The problem banner: plain words first, the technical detail on request, text sized for
the screen it is read from."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QPoint, QRect, Qt
from PySide6.QtGui import QAccessible, QFont, QFontInfo
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hiptimer.base.notice import Notice
from hiptimer.cues.player import cannot_play, player_died
from hiptimer.qtloop.problem_relay import ProblemRelay
from hiptimer.ui.window.problem_bar import HIDE_DETAILS, SHOW_DETAILS, ProblemBar, banner_pixel_size

from .support.screenshots import save_screenshot
from .support.window import Harness


@pytest.fixture
def bar(qtbot: QtBot) -> ProblemBar:
    made = ProblemBar()
    qtbot.addWidget(made)
    made.resize(800, 200)
    return made


def test_a_plain_message_shows_as_it_is_with_nothing_behind_it(bar: ProblemBar) -> None:
    bar.report("routine.yaml does not load")
    bar.report("routine.yaml does not load")
    assert bar.isVisible() and bar.label.text() == "routine.yaml does not load"
    assert bar.details_link.isHidden() and bar.detail.isHidden()


def test_a_notice_shows_its_summary_and_its_detail_on_a_click(bar: ProblemBar,
                                                              qtbot: QtBot) -> None:
    notice = cannot_play("Error opening PCM device")
    bar.report(notice)
    assert bar.label.text() == notice.summary
    assert "PCM" not in bar.label.text()
    assert not bar.details_link.isHidden() and bar.details_link.text() == SHOW_DETAILS
    assert bar.detail.isHidden()
    qtbot.mouseClick(bar.details_link, Qt.MouseButton.LeftButton)
    assert not bar.detail.isHidden() and bar.details_link.text() == HIDE_DETAILS
    assert bar.detail.text() == notice.detail
    qtbot.mouseClick(bar.details_link, Qt.MouseButton.LeftButton)
    assert bar.detail.isHidden()


def test_several_problems_keep_their_details_apart_from_the_summaries(bar: ProblemBar) -> None:
    died = player_died(-11)
    bar.report("a routine does not load")
    bar.report(died)
    assert bar.label.text() == f"a routine does not load\n\n{died.summary}"
    assert bar.detail.text() == died.detail
    bar.details_link.click()
    assert bar.detail.isVisible()
    dismiss = next(b for b in bar.findChildren(type(bar.details_link)) if b.text() == "Dismiss")
    dismiss.click()
    assert bar.isHidden() and bar.problems == []
    bar.report("a routine does not load")  # shown afresh, its detail closed
    assert bar.details_link.isHidden() and bar.detail.isHidden()


def test_a_notice_from_another_thread_arrives_whole(bar: ProblemBar) -> None:
    relay = ProblemRelay()
    relay.problem_found.connect(bar.report)
    worker = threading.Thread(target=relay.problem_found.emit,
                              args=(Notice("Sound stopped.", "exit status 1"),))
    worker.start()
    worker.join()
    QCoreApplication.processEvents()  # the queued signal is delivered here
    assert bar.label.text() == "Sound stopped." and bar.detail.text() == "exit status 1"


class Screen:
    """Stands in for a QScreen of a given height."""

    def __init__(self, height: int) -> None:
        self.height = height

    def geometry(self) -> QRect:
        return QRect(0, 0, self.height * 16 // 9, self.height)


def test_the_text_grows_with_the_screen_and_never_below_the_default(
        bar: ProblemBar, monkeypatch: pytest.MonkeyPatch) -> None:
    default = QFontInfo(QFont()).pixelSize()
    assert banner_pixel_size(2160, default) == max(default, 30)
    assert banner_pixel_size(400, default) == default
    monkeypatch.setattr(bar, "screen", lambda: Screen(2160))
    bar.report("no sound")
    bar.show()
    for shown in (bar.label, bar.details_link, bar.detail):
        assert QFontInfo(shown.font()).pixelSize() == max(default, 30)
    monkeypatch.setattr(bar, "screen", lambda: Screen(300))
    bar.fit_to_screen()
    assert QFontInfo(bar.label.font()).pixelSize() == default


LONG_NAME = "hip" + "Mobility" * 29 + "Daily.yaml"
"""A file name of 245 characters, with neither a space nor a hyphen to break a line at."""
BROKEN = "name: Broken\nexercises:\n  - name: Frog\n    hold: -30s\n"


@pytest.fixture
def long_problem(qtbot: QtBot, data_dir: Path, tmp_path: Path) -> Iterator[Harness]:
    """The window at 800 by 600, told that a routine with a 245-character name is broken."""
    ui = Harness(qtbot, data_dir)
    ui.window.resize(800, 600)
    path = tmp_path / LONG_NAME
    path.write_text(BROKEN, encoding="utf-8")
    ui.window.open_path(path)
    qtbot.waitUntil(lambda: ui.window.problem_bar.isVisible())
    qtbot.wait(1)  # laid out
    yield ui
    ui.window.close()


def test_a_long_file_name_breaks_and_dismiss_stays_in_the_window(long_problem: Harness) -> None:
    assert len(LONG_NAME) == 245
    window = long_problem.window
    bar = window.problem_bar
    screen = window.screen().availableGeometry()
    assert window.width() <= screen.width() and window.width() == 800
    assert window.minimumSizeHint().width() <= 800
    assert bar.minimumSizeHint().width() < 400
    place = bar.dismiss.mapTo(window, QPoint(0, 0))
    assert bar.dismiss.isVisible()
    assert window.rect().contains(QRect(place, bar.dismiss.size()))
    assert LONG_NAME in bar.label.text()
    # All of it in sight, on a few lines, none of them wider than the text has room for.
    assert bar.label.verticalScrollBar().maximum() == 0
    line = bar.label.fontMetrics().lineSpacing()
    assert 3 * line <= bar.label.height() <= 8 * line + 4
    save_screenshot(window, "problem-long-file-name-800x600.png")


def test_a_long_file_name_is_copied_and_read_aloud_as_it_is(long_problem: Harness,
                                                            qtbot: QtBot) -> None:
    label = long_problem.window.problem_bar.label
    text = label.text()
    assert LONG_NAME in text and "\u200b" not in text
    clipboard = QApplication.clipboard()
    clipboard.clear()
    qtbot.mouseClick(label.viewport(), Qt.MouseButton.LeftButton)
    qtbot.keyClick(label, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(label, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert clipboard.text() == text
    node = QAccessible.queryAccessibleInterface(label)
    assert node is not None and node.text(QAccessible.Text.Value) == text
    reader = node.textInterface()
    assert reader is not None and reader.text(0, reader.characterCount()) == text
    assert node.text(QAccessible.Text.Name) == "Problem"


def test_the_session_keys_still_reach_the_window_from_the_clicked_text(
        long_problem: Harness, qtbot: QtBot) -> None:
    label = long_problem.window.problem_bar.label
    long_problem.select("daily-short")
    qtbot.mouseClick(label.viewport(), Qt.MouseButton.LeftButton)
    assert label.hasFocus()
    qtbot.keyClick(label, Qt.Key.Key_Space)
    assert long_problem.state() is not None  # Space started the routine


def test_the_bar_is_no_wider_for_a_long_word(bar: ProblemBar) -> None:
    layout = bar.layout()
    assert layout is not None
    bar.report("short")
    layout.activate()
    narrow = bar.minimumSizeHint().width()
    bar.report(f"{LONG_NAME} does not load")
    layout.activate()
    assert bar.minimumSizeHint().width() == narrow < 400
    assert bar.label.text() == f"short\n\n{LONG_NAME} does not load"
