"""The problem banner: plain words first, the technical detail on request, text sized for
the screen it is read from."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QCoreApplication, QRect, Qt
from PySide6.QtGui import QFont, QFontInfo
from pytestqt.qtbot import QtBot

from hiptimer.base.notice import Notice
from hiptimer.cues.player import cannot_play, player_died
from hiptimer.qtloop.problem_relay import ProblemRelay
from hiptimer.ui.window.problem_bar import HIDE_DETAILS, SHOW_DETAILS, ProblemBar, banner_pixel_size


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
