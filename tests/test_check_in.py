"""The check-in after a completed session, on the session screen: "How did that feel?",
answered from the floor with a number, the clicker, the headset or a click; never a dialog,
never in the way, gone unrated with Esc or after a minute."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from hiptimer.session.check_in import (
    QUESTION,
    SETTLE_SECONDS,
    WAIT_SECONDS,
    spoken_question,
)
from hiptimer.session.feeling import Feeling
from hiptimer.session.state import State
from hiptimer.session.summary import PAIN_ADVICE
from hiptimer.ui.desktop.media_player import BUS_NAME, OBJECT_PATH, start_media_player
from hiptimer.ui.desktop.mpris_interfaces import PLAYER_INTERFACE
from hiptimer.ui.desktop.qt_bus import QtBus
from hiptimer.ui.window.app import player_controls

from .support.bus import BUS
from .support.history import StoreOpener
from .support.window import SHORT, Harness

RANGED = ("name: Ranged\ndefaults: {prepare: 3s, rest: 2s}\nexercises:\n"
          "  - name: Frog stretch\n    description: Knees wide, sink back.\n"
          "    hold: 4-8s\n    sets: 2\n")
"""Two short holds with room to grow: levels 0 to 1."""


class Ratings:
    """Stands in for the history's ``rate``: notes each answer it is given."""

    def __init__(self) -> None:
        self.given: list[tuple[int, Feeling]] = []

    def __call__(self, session_id: int, feeling: Feeling) -> None:
        self.given.append((session_id, feeling))


@pytest.fixture
def ratings() -> Ratings:
    return Ratings()


@pytest.fixture
def ui(qtbot: QtBot, data_dir: Path, ratings: Ratings,
       open_store: StoreOpener) -> Iterator[Harness]:
    harness = Harness(qtbot, data_dir, rate=ratings)
    harness.store = open_store(data_dir / "history.sqlite")
    (harness.user_dir / "tiny.yaml").write_text(SHORT, encoding="utf-8")
    harness.window.reload_library()
    harness.select("tiny")
    yield harness
    harness.store = None  # the library may still read levels as it goes; not from a closed one
    harness.window.close()


def finish(ui: Harness) -> None:
    """Start the selected routine and run it to its end."""
    ui.key(Qt.Key.Key_Space)
    assert ui.state() is State.RUNNING
    focus = QApplication.focusWidget()
    driver = ui.window.session.driver
    assert driver is not None
    ui.clock.jump(driver.session, wake=driver.catch_up)  # deadline to deadline, to the end
    assert ui.state() is State.FINISHED and ui.view.banner.text() == "DONE"
    assert QApplication.focusWidget() is focus  # the question took no focus
    assert ui.windows_over() == [] and QApplication.activeModalWidget() is None


def asking(ui: Harness) -> bool:
    return ui.window.prompts.check_in.asking and ui.window.prompts.check_in.card.isVisible()


def summary(ui: Harness) -> list[str]:
    return str(ui.view.description.text()).split("\n")


def session_id(ui: Harness) -> int:
    assert ui.store is not None
    return ui.store.sessions()[-1].id


def test_a_completed_session_asks_how_it_felt_on_the_screen(ui: Harness) -> None:
    finish(ui)
    assert asking(ui)
    card = ui.window.prompts.check_in.card
    assert card.accessibleName() == QUESTION
    description = card.accessibleDescription()
    for target in ("1  Easy", "2  About right", "3  Hard", "4  It hurt"):
        assert target in description
    assert "Highlighted: 2  About right" in description
    assert summary(ui)[0] == "Finished: all 2 sets done"  # DONE waits beneath it


@pytest.mark.parametrize("key, feeling", [(Qt.Key.Key_1, Feeling.EASY),
                                          (Qt.Key.Key_2, Feeling.RIGHT),
                                          (Qt.Key.Key_3, Feeling.HARD),
                                          (Qt.Key.Key_4, Feeling.PAIN)])
def test_a_number_answers_at_once(ui: Harness, ratings: Ratings, key: Qt.Key,
                                  feeling: Feeling) -> None:
    finish(ui)
    ui.key(key)
    assert not asking(ui)
    assert ratings.given == [(session_id(ui), feeling)]
    lines = summary(ui)
    felt = "It hurt" if feeling is Feeling.PAIN else f"Felt {feeling.words.lower()}"
    assert felt in lines  # the routine has no levels: said alone
    assert all(advice in lines for advice in PAIN_ADVICE) is (feeling is Feeling.PAIN)
    assert ui.state() is State.FINISHED and ui.view.banner.text() == "DONE"


@pytest.mark.parametrize("moves, feeling", [
    ((Qt.Key.Key_PageDown,), Feeling.HARD),
    ((Qt.Key.Key_PageDown, Qt.Key.Key_PageDown), Feeling.PAIN),
    ((Qt.Key.Key_PageUp,), Feeling.EASY),
    ((Qt.Key.Key_PageUp, Qt.Key.Key_PageUp), Feeling.PAIN),  # round from the top
    ((Qt.Key.Key_Down, Qt.Key.Key_Down, Qt.Key.Key_Up), Feeling.HARD),
    ((Qt.Key.Key_Right,), Feeling.HARD),
    ((Qt.Key.Key_Left,), Feeling.EASY),
    ((), Feeling.RIGHT),
])
def test_the_clicker_moves_the_highlight_and_space_chooses(
        ui: Harness, ratings: Ratings, moves: tuple[Qt.Key, ...], feeling: Feeling) -> None:
    finish(ui)
    for key in moves:
        ui.key(key)
        assert asking(ui)  # moving answers nothing yet
    assert ui.window.prompts.check_in.card.highlighted is feeling
    ui.key(Qt.Key.Key_Space)
    assert ratings.given == [(session_id(ui), feeling)]
    assert ui.state() is State.FINISHED  # the Space that answered started nothing


def test_return_chooses_too(ui: Harness, ratings: Ratings) -> None:
    finish(ui)
    ui.key(Qt.Key.Key_PageDown)
    ui.key(Qt.Key.Key_Return)
    assert ratings.given == [(session_id(ui), Feeling.HARD)]


def test_a_click_on_an_answer_chooses_it(ui: Harness, ratings: Ratings) -> None:
    finish(ui)
    card = ui.window.prompts.check_in.card
    where = card.arranged().targets[3].center().toPoint()
    ui.qtbot.mouseClick(card, Qt.MouseButton.LeftButton, pos=where)
    assert not asking(ui)
    assert ratings.given == [(session_id(ui), Feeling.PAIN)]
    assert "It hurt" in summary(ui)


def test_a_click_beside_the_answers_chooses_nothing(ui: Harness, ratings: Ratings) -> None:
    finish(ui)
    card = ui.window.prompts.check_in.card
    ui.qtbot.mouseClick(card, Qt.MouseButton.LeftButton, pos=card.rect().topLeft() + QPoint(4, 4))
    assert asking(ui) and ratings.given == []


def test_esc_leaves_it_unrated_and_done_shows_as_before(ui: Harness,
                                                        ratings: Ratings) -> None:
    finish(ui)
    before = summary(ui)
    ui.key(Qt.Key.Key_Escape)
    assert not asking(ui) and ratings.given == []
    assert summary(ui) == before and not any(line.startswith("Felt") for line in before)
    assert ui.state() is State.FINISHED


def test_no_answer_in_a_minute_leaves_it_unrated(ui: Harness, ratings: Ratings) -> None:
    finish(ui)
    check_in = ui.window.prompts.check_in
    ui.clock.advance(WAIT_SECONDS - 1)
    check_in.timer.timeout.emit()  # the timer woke early: it waits for the rest
    assert asking(ui) and check_in.timer.isActive()
    ui.clock.advance(1)
    check_in.timer.timeout.emit()
    assert not asking(ui) and ratings.given == []
    assert ui.view.banner.text() == "DONE" and ui.state() is State.FINISHED


def test_a_stopped_session_is_not_asked(ui: Harness, ratings: Ratings) -> None:
    ui.key(Qt.Key.Key_Space)
    ui.wait(5)
    ui.key(Qt.Key.Key_Escape)  # early on: stopped at once
    assert ui.state() is State.STOPPED
    assert not asking(ui) and ratings.given == []


def test_the_keys_that_answered_start_nothing_for_a_moment(ui: Harness) -> None:
    finish(ui)
    ui.key(Qt.Key.Key_Space)  # answers
    ui.key(Qt.Key.Key_Space)  # a double press: held
    ui.key(Qt.Key.Key_PageDown)
    assert ui.state() is State.FINISHED
    ui.clock.advance(SETTLE_SECONDS)
    ui.key(Qt.Key.Key_Space)  # a while later, Space starts the routine again as always
    assert ui.state() is State.RUNNING


def test_sound_keys_work_while_it_asks(ui: Harness) -> None:
    ui.settings.volume = 50
    finish(ui)
    ui.key(Qt.Key.Key_Minus)
    assert asking(ui) and ui.window.prompts.note.text == "Volume 40 %"


def test_choosing_another_routine_takes_the_question_away(ui: Harness,
                                                          ratings: Ratings) -> None:
    finish(ui)
    ui.window.library.show()
    ui.select("daily-short")
    assert not asking(ui) and ratings.given == []
    assert ui.view.banner.text() != "DONE"


def test_nothing_is_spoken_with_the_voice_off(ui: Harness) -> None:
    finish(ui)
    heard = len(ui.sink.played)
    check_in = ui.window.prompts.check_in
    for _ in range(4):  # every try the voice would make
        check_in.voice_timer.timeout.emit()
    assert len(ui.sink.played) == heard and asking(ui)


def test_without_a_history_it_is_asked_and_shown_but_kept_nowhere(
        qtbot: QtBot, data_dir: Path) -> None:
    harness = Harness(qtbot, data_dir)  # no history, and the app's own way of keeping
    try:
        (harness.user_dir / "tiny.yaml").write_text(SHORT, encoding="utf-8")
        harness.window.reload_library()
        harness.select("tiny")
        finish(harness)
        harness.key(Qt.Key.Key_3)
        assert "Felt hard" in summary(harness)
    finally:
        harness.window.close()


@pytest.mark.parametrize("key, said", [
    (Qt.Key.Key_1, "Felt easy · next time: level 1 of 1"),
    (Qt.Key.Key_3, "Felt hard · next time: level 0 of 1 again"),
    (Qt.Key.Key_4, "It hurt · next time: level 0 of 1 again"),  # none lower than the first
])
def test_the_history_moves_the_level_as_answered(qtbot: QtBot, data_dir: Path,
                                                 open_store: StoreOpener, key: Qt.Key,
                                                 said: str) -> None:
    harness = Harness(qtbot, data_dir)  # the history's own rating, as the app has it
    try:
        harness.store = store = open_store(data_dir / "history.sqlite")
        (harness.user_dir / "ranged.yaml").write_text(RANGED, encoding="utf-8")
        harness.window.reload_library()
        harness.select("ranged")
        finish(harness)
        assert "Next time: level 1 of 1" in summary(harness)  # as an unrated one
        harness.key(key)
        lines = summary(harness)
        assert said in lines and "Next time: level 1 of 1" not in lines
        assert store.level("Ranged")[0] == (1 if key == Qt.Key.Key_1 else 0)
    finally:
        harness.store = None
        harness.window.close()


needs_bus = pytest.mark.skipif(
    not BUS.running or not shutil.which("dbus-send"),
    reason="needs dbus-daemon and dbus-send (Debian: dbus-daemon, dbus-bin)")


def call(qtbot: QtBot, method: str, *arguments: str) -> str:
    """A call to the player from another process on the session bus; its reply, printed."""
    process = subprocess.Popen(
        ["dbus-send", "--session", "--print-reply", f"--dest={BUS_NAME}", OBJECT_PATH,
         method, *arguments], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    # The window answers from this process's event loop, which must keep running.
    qtbot.waitUntil(lambda: process.poll() is not None, timeout=10_000)
    out, err = process.communicate()
    assert process.returncode == 0, err
    return out


def press(qtbot: QtBot, button: str) -> None:
    """A headset's button."""
    call(qtbot, f"{PLAYER_INTERFACE}.{button}")


def offers_next(qtbot: QtBot) -> bool:
    """Whether the player says next can be pressed (``CanGoNext``)."""
    reply = call(qtbot, "org.freedesktop.DBus.Properties.Get", f"string:{PLAYER_INTERFACE}",
                 "string:CanGoNext")
    return "boolean true" in reply


@needs_bus
def test_the_headset_moves_with_next_and_previous_and_chooses_with_play(
        ui: Harness, ratings: Ratings, qtbot: QtBot) -> None:
    bus = QtBus.open()
    player = start_media_player(bus, ui.window.session, player_controls(ui.window))
    assert player is not None
    try:
        qtbot.waitUntil(lambda: player.bus_name == BUS_NAME)
        finish(ui)
        assert offers_next(qtbot)  # a session over, but a question to answer
        press(qtbot, "Next")
        press(qtbot, "Next")
        press(qtbot, "Previous")
        assert asking(ui) and ui.window.prompts.check_in.card.highlighted is Feeling.HARD
        press(qtbot, "PlayPause")
        assert not asking(ui) and not offers_next(qtbot)
        assert ratings.given == [(session_id(ui), Feeling.HARD)]
        assert ui.state() is State.FINISHED  # the play that answered started nothing
    finally:
        player.close()
        bus.close()


def test_it_hurt_steps_the_level_down_and_says_what_to_do(qtbot: QtBot, data_dir: Path,
                                                         open_store: StoreOpener) -> None:
    harness = Harness(qtbot, data_dir)
    try:
        harness.store = store = open_store(data_dir / "history.sqlite")
        (harness.user_dir / "ranged.yaml").write_text(RANGED, encoding="utf-8")
        harness.window.reload_library()
        harness.select("ranged")
        finish(harness)
        harness.key(Qt.Key.Key_2)  # about right: up to level 1
        harness.qtbot.keyClick(harness.window.library.list, Qt.Key.Key_Return)
        assert harness.view.status is not None and harness.view.status.level == 1
        driver = harness.window.session.driver
        assert driver is not None
        harness.clock.jump(driver.session, wake=driver.catch_up)
        harness.key(Qt.Key.Key_4)
        lines = summary(harness)
        at = lines.index("It hurt · next time: level 0 of 1, easier")
        assert lines[at + 1:at + 4] == list(PAIN_ADVICE)
        assert store.level("Ranged")[0] == 0
    finally:
        harness.store = None
        harness.window.close()


def test_done_advises_measuring_again(ui: Harness) -> None:
    assert ui.store is not None
    long_ago = datetime.now().astimezone().date() - timedelta(days=30)
    ui.store.add_motion(long_ago, "left", 30.0)
    ui.store.add_motion(long_ago, "right", 45.0)
    finish(ui)
    ui.key(Qt.Key.Key_3)
    lines = summary(ui)
    advice = " ".join(lines[lines.index("Felt hard") + 1:])  # last, in lines that fit
    assert "was 30 days ago: measure again with the guided self-test" in advice
    assert advice.endswith("Your left hip turns in 15° less than your right.")
    assert max(len(line) for line in lines) <= 44


class Voice:
    """Stands in for the session's voice: its words are made after ``making`` tries."""

    def __init__(self, making: int = 0) -> None:
        self.making = making
        self.asked: list[str] = []
        self.said: list[str] = []

    def ask_for_words(self, text: str) -> None:
        self.asked.append(text)

    def say(self, text: str) -> bool:
        if self.making:
            self.making -= 1
            return False
        self.said.append(text)
        return True

    def ending_seconds(self) -> float:
        return 1.5


def test_the_question_is_spoken_once_after_the_finishing_cue(ui: Harness) -> None:
    finish(ui)
    ui.key(Qt.Key.Key_Escape)
    voice = Voice(making=1)
    ui.window.prompts.ask_feeling(voice)
    check_in = ui.window.prompts.check_in
    check_in.voice_timer.timeout.emit()  # at once: the words are asked for
    assert voice.asked == [spoken_question()] and voice.said == []
    assert check_in.voice_timer.interval() == 1700  # then after the finishing cue
    check_in.voice_timer.timeout.emit()  # not made yet: a moment later
    check_in.voice_timer.timeout.emit()
    assert voice.said == [spoken_question()] and not check_in.voice_timer.isActive()


def test_an_answer_before_the_voice_silences_it(ui: Harness) -> None:
    finish(ui)
    ui.key(Qt.Key.Key_Escape)
    voice = Voice()
    ui.window.prompts.ask_feeling(voice)
    ui.key(Qt.Key.Key_1)
    assert not ui.window.prompts.check_in.voice_timer.isActive() and voice.said == []


def test_a_question_left_open_ends_with_its_screen(ui: Harness) -> None:
    """A window closed while it asks leaves no timer behind to fire on a card that is gone."""
    import shiboken6

    finish(ui)
    check_in = ui.window.prompts.check_in
    assert asking(ui) and check_in.timer.isActive()
    timers = (check_in.timer, check_in.voice_timer)
    ui.view.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # the deletion, now
    assert not any(shiboken6.isValid(timer) for timer in timers)
