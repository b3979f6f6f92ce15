"""The seated self-test of hip internal rotation, as a person measuring themselves uses it:
the readings typed, the middle one shown at once, and only what was measured saved."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QDialog, QPushButton, QSpinBox
from pytestqt.qtbot import QtBot

from hiptimer.history.motion import (
    ASYMMETRY_LIMIT,
    READINGS_PER_SIDE,
    TYPICAL_BAND,
    Side,
    middle_reading,
    side_result,
)
from hiptimer.session.clock import FakeClock
from hiptimer.ui.common import theme
from hiptimer.ui.history.guide_figure import ROUND_TRIP_SECONDS
from hiptimer.ui.history.self_test_dialog import NOT_TAKEN, SelfTestDialog

from .support.looks import each_look  # noqa: F401  (the "look" fixture)
from .support.readings import type_reading, type_side
from .support.screenshots import save_screenshot

TODAY = date(2026, 11, 25)
Measured = list[tuple[date, str, float]]

readings = st.floats(min_value=0, max_value=90, allow_nan=False)


@given(st.lists(readings, min_size=1, max_size=7))
def test_the_middle_reading_is_one_of_the_readings_between_the_extremes(
        taken: list[float]) -> None:
    middle = middle_reading(taken)
    assert middle in taken
    assert min(taken) <= middle <= max(taken)


@given(st.lists(readings, min_size=READINGS_PER_SIDE, max_size=READINGS_PER_SIDE))
def test_of_three_readings_the_middle_has_one_on_either_side(taken: list[float]) -> None:
    middle = middle_reading(taken)
    assert sum(r < middle for r in taken) <= 1 and sum(r > middle for r in taken) <= 1
    assert middle_reading(list(reversed(taken))) == middle


def test_one_reading_taken_badly_does_not_count() -> None:
    assert middle_reading([38, 12, 41]) == 38
    assert side_result([38, 12, 41]) == 38
    assert side_result([38, None, 41]) is None
    assert side_result([None, None, None]) is None
    with pytest.raises(ValueError, match="no readings"):
        middle_reading([])


@pytest.fixture
def dialog(qtbot: QtBot) -> SelfTestDialog:
    shown = SelfTestDialog(TODAY, now=FakeClock().now)
    qtbot.addWidget(shown)
    shown.resize(800, 600)
    shown.show()
    qtbot.waitExposed(shown)
    return shown


@pytest.fixture
def measured(dialog: SelfTestDialog) -> Measured:
    """Everything the dialog says was measured, in the order it said it."""
    heard: Measured = []
    dialog.measured.connect(heard.extend)
    return heard


@pytest.fixture
def us_dates() -> Iterator[None]:
    """Dates as the US writes them for the test; the default locale is put back after it."""
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    yield
    QLocale.setDefault(before)


def test_before_saving_it_says_what_save_will_do_not_that_it_is_done(
        qtbot: QtBot, us_dates: None) -> None:
    shown = SelfTestDialog(TODAY, now=FakeClock().now)
    qtbot.addWidget(shown)
    assert shown.day.text() == ("Save keeps each measured side's middle reading, dated "
                                "11/25/26. Nothing is kept until then.")
    type_side(qtbot, shown, Side.LEFT, "30", "33", "29")
    assert "Saved" not in shown.day.text()  # the history window says so once it has


def test_nothing_typed_nothing_to_save(dialog: SelfTestDialog) -> None:
    assert not dialog.save_button.isEnabled()
    for side in Side:
        assert [box.text() for box in dialog.readings[side]] == [NOT_TAKEN] * READINGS_PER_SIDE
        assert dialog.middles[side].text() == "not measured"


def test_the_middle_reading_shows_as_it_is_typed(qtbot: QtBot, dialog: SelfTestDialog) -> None:
    left = dialog.middles[Side.LEFT]
    type_side(qtbot, dialog, Side.LEFT, "44")
    assert left.text() == "1 of 3 typed"
    assert not dialog.save_button.isEnabled()
    type_side(qtbot, dialog, Side.LEFT, "44", "31")
    assert left.text() == "2 of 3 typed"
    type_reading(qtbot, dialog.readings[Side.LEFT][2], "40")
    assert left.text() == "40°"
    assert dialog.middles[Side.RIGHT].text() == "not measured"
    assert dialog.save_button.isEnabled()
    assert "Left: 40° is within the typical" in dialog.notes.text()


def test_save_keeps_the_middle_reading_of_each_side(qtbot: QtBot, dialog: SelfTestDialog,
                                                   measured: Measured) -> None:
    type_side(qtbot, dialog, Side.LEFT, "30", "33", "29")
    type_side(qtbot, dialog, Side.RIGHT, "45", "43", "0")
    assert dialog.middles[Side.RIGHT].text() == "43°"
    assert f"more than {ASYMMETRY_LIMIT:g}°" in dialog.notes.text()
    with qtbot.waitSignal(dialog.finished, timeout=1000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert measured == [(TODAY, "left", 30.0), (TODAY, "right", 43.0)]
    assert dialog.result() == QDialog.DialogCode.Accepted and not dialog.isVisible()


def test_a_side_not_measured_is_left_out(qtbot: QtBot, dialog: SelfTestDialog,
                                         measured: Measured) -> None:
    type_side(qtbot, dialog, Side.RIGHT, "38", "36", "39")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert measured == [(TODAY, "right", 38.0)]


def test_a_side_half_typed_holds_save_back_until_finished_or_emptied(
        qtbot: QtBot, dialog: SelfTestDialog, measured: Measured) -> None:
    type_side(qtbot, dialog, Side.LEFT, "30", "33", "29")
    type_side(qtbot, dialog, Side.RIGHT, "41")
    assert not dialog.save_button.isEnabled()
    assert "Type all three readings of a side, or none" in dialog.notes.text()
    first = dialog.readings[Side.RIGHT][0]
    first.lineEdit().selectAll()
    qtbot.keyClick(first, Qt.Key.Key_Backspace)
    dialog.readings[Side.RIGHT][1].setFocus()  # the emptied box goes back to its dash
    first.clearFocus()
    qtbot.waitUntil(lambda: first.text() == NOT_TAKEN, timeout=1000)
    assert dialog.middles[Side.RIGHT].text() == "not measured"
    assert dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert measured == [(TODAY, "left", 30.0)]


def test_zero_is_a_reading_and_ninety_the_most(qtbot: QtBot, dialog: SelfTestDialog) -> None:
    type_side(qtbot, dialog, Side.LEFT, "0", "0", "95")
    assert [box.reading() for box in dialog.readings[Side.LEFT]] == [0.0, 0.0, 9.0]
    assert dialog.middles[Side.LEFT].text() == "0°"


def test_enter_after_a_reading_does_not_save(qtbot: QtBot, dialog: SelfTestDialog,
                                             measured: Measured) -> None:
    type_side(qtbot, dialog, Side.LEFT, "30", "33", "29")
    qtbot.keyClick(dialog.readings[Side.LEFT][2], Qt.Key.Key_Return)
    assert dialog.isVisible() and measured == []
    assert dialog.focusWidget() is dialog.readings[Side.RIGHT][0]  # on to the next reading


def test_cancel_keeps_nothing(qtbot: QtBot, dialog: SelfTestDialog, measured: Measured) -> None:
    type_side(qtbot, dialog, Side.LEFT, "30", "33", "29")
    cancel = dialog.buttons.button(dialog.buttons.StandardButton.Cancel)
    assert cancel is not None
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert measured == []
    assert dialog.result() == QDialog.DialogCode.Rejected and not dialog.isVisible()


def test_every_field_says_what_it_is(dialog: SelfTestDialog) -> None:
    boxes = dialog.findChildren(QSpinBox)
    names = [box.accessibleName() for box in boxes]
    assert len(boxes) == 2 * READINGS_PER_SIDE and len(set(names)) == len(names)
    assert "Left side, reading 1" in names and "Right side, reading 3" in names
    assert all(box.accessibleDescription() for box in boxes)
    assert all(button.text() for button in dialog.findChildren(QPushButton))
    for side in Side:
        assert dialog.middles[side].accessibleName().endswith("middle reading")
    assert dialog.picture.accessibleName() and "phone" in dialog.picture.accessibleDescription()
    assert "Stop at once" in dialog.steps.accessibleDescription()


def test_the_band_is_spoken_of_as_typical(dialog: SelfTestDialog) -> None:
    low, high = TYPICAL_BAND
    assert f"{low:g}-{high:g}° is typical" in dialog.band.text()
    assert "health" not in dialog.band.text().casefold()


def test_it_reads_at_800x600_in_each_theme(qtbot: QtBot, look: theme.Look) -> None:
    clock = FakeClock()
    shown = SelfTestDialog(TODAY, now=clock.now)
    qtbot.addWidget(shown)
    shown.resize(800, 600)
    shown.show()
    qtbot.waitExposed(shown)
    type_side(qtbot, shown, Side.LEFT, "38", "41", "36")
    type_side(qtbot, shown, Side.RIGHT, "27", "30")
    qtbot.wait(1)  # let the layout settle (no timer of the dialog is waited on)
    hint = shown.minimumSizeHint()
    assert hint.width() <= 800 and hint.height() <= 600
    assert not shown.steps.verticalScrollBar().isVisible()  # every step in view, none cut
    clock.advance(ROUND_TRIP_SECONDS / 2)  # the hip turned in, the foot swung out
    image = shown.picture.grab().toImage()
    ink = QColor(look.text).rgb()
    inked = sum(image.pixel(x, y) == ink
                for y in range(0, image.height(), 2) for x in range(0, image.width(), 2))
    assert inked > 0.02 * image.width() * image.height() / 4  # in the theme's text colour
    name = "dark" if look.dark else "light"
    save_screenshot(shown, f"motion-test-800x600-{name}.png")
