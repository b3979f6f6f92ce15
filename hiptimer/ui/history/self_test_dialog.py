"""The guided seated self-test of hip internal rotation: how to sit, what to keep still, how
to read the shin's angle with a phone, and three readings a side, of which the middle counts.

The range-of-motion tab records degrees; without one agreed way of measuring them, a change
over the weeks could as well be a change in how they were measured. The dialog only says
what was measured (``measured``); whoever opens it decides where that is kept, and says
that it was kept once it is (the history window's bar does).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QKeyEvent, QValidator
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from hiptimer.base.local_format import decimal_text
from hiptimer.base.translation import N_, _
from hiptimer.history.motion import (
    ASYMMETRY_LIMIT,
    READINGS_PER_SIDE,
    TYPICAL_BAND,
    Side,
    findings,
    side_result,
)
from hiptimer.ui.common.plain import plain_label
from hiptimer.ui.history.dates import date_text
from hiptimer.ui.history.guide_figure import ROUND_TRIP_SECONDS, guide_figure
from hiptimer.ui.history.measured_words import DEGREE, degrees_text
from hiptimer.ui.screen.moving_figure import LoopingFigure

TITLE = N_("Measure hip internal rotation")
MAX_DEGREES = 90
NOT_TAKEN = "—"
"""What a reading box shows before anything is typed in it: 0° is a reading too."""
PICTURE_DESCRIPTION = N_(
    "Seen from the front: a person sitting on the edge of a table, thighs on it, lower legs "
    "hanging. One shin hangs straight down; the other hip turns inwards, slowly and back "
    "again, so its foot swings outwards, away from the other leg, while the knee stays where "
    "it was; an arrow shows the way the foot goes. A phone lies along that shin, and the "
    "angle it turns from straight down is the reading.")

_LOW, _HIGH = TYPICAL_BAND
STEPS = (
    N_("Sit on the edge of a firm, high chair or a table, so that it carries your thighs "
       "all the way to the knees. Knees bent at a right angle, lower legs hanging free, "
       "thighs parallel and hip-width apart."),
    N_("Open a level or inclinometer app on your phone and lay the phone along the front "
       "of one shin, its long edge following the shin bone."),
    N_("With the shin hanging straight down, set the app to zero (or note what it reads "
       "there and subtract it from each reading)."),
    N_("Keep that thigh and knee where they are, and both sit bones on the seat: do not "
       "lean to the side or lift a buttock."),
    N_("Turn the hip inwards: the foot swings out, away from the other leg, while the knee "
       "stays put. Go as far as it goes without the thigh moving, and read the angle."),
    N_("Let the leg hang again and rest a moment. Take three readings on each side and "
       "type them below: the middle one of each side counts."),
    N_("Stop at once at a sharp or pinching pain."),
)
"""The steps in English; each is shown through ``_``."""
INCOMPLETE_NOTE = N_(
    "Type all three readings of a side, or none: a side left empty is not saved.")


def band_note() -> str:
    """The typical range and the difference worth noticing, in the language installed."""
    return _("About {low}-{high}° is typical. A difference of more than about {limit}° "
             "between the sides is worth noticing.").format(
        low=decimal_text(_LOW, 2), high=decimal_text(_HIGH, 2),
        limit=decimal_text(ASYMMETRY_LIMIT, 2))


def before_saving_text(today: date, locale: QLocale) -> str:
    """What Save will do, said before it is pressed: nothing is kept until then (whoever
    keeps the readings says so once they are kept)."""
    return _("Save keeps each measured side's middle reading, dated {date}. Nothing is kept "
             "until then.").format(date=date_text(today, locale))


def _side_words(side: Side) -> tuple[str, str, str, str]:
    """What names ``side`` in the table of readings: its row's label, the name of a reading
    box (to be given its number), the box's description and the name of its middle
    reading."""
    if side is Side.LEFT:
        return (_("Left side"), _("Left side, reading {number}"),
                _("Degrees the left shin swung out from straight down, 0 to {most}; a dash "
                  "while it is not taken"), _("Left side, middle reading"))
    return (_("Right side"), _("Right side, reading {number}"),
            _("Degrees the right shin swung out from straight down, 0 to {most}; a dash "
              "while it is not taken"), _("Right side, middle reading"))


class ReadingBox(QSpinBox):
    """One reading in whole degrees, 0 to 90, or none yet: shows a dash until typed into.

    A click into the dash and a digit typed replace the dash; a reading cleared and left
    empty goes back to the dash, so a side can be emptied again."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(-1, MAX_DEGREES)  # the minimum stands for "not taken"
        self.setSpecialValueText(NOT_TAKEN)
        self.setSuffix(DEGREE)
        self.setValue(self.minimum())
        self.setAlignment(Qt.AlignmentFlag.AlignRight)

    def reading(self) -> float | None:
        return None if self.value() == self.minimum() else float(self.value())

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        digits = "".join(c for c in text if c.isdigit())
        if not digits:
            state = (QValidator.State.Acceptable if text == NOT_TAKEN
                     else QValidator.State.Intermediate)
            return state, text, pos
        if NOT_TAKEN in text:  # a digit typed beside the dash replaces it
            text, pos = digits + self.suffix(), len(digits)
        return super().validate(text, pos)

    def fixup(self, text: str) -> str:
        if not any(c.isdigit() for c in text):
            return NOT_TAKEN
        return str(super().fixup(text))


def _steps() -> QScrollArea:
    """The numbered steps, each wrapped beside its number; they scroll at a large text size."""
    inside = QWidget()
    grid = QGridLayout(inside)
    grid.setContentsMargins(0, 0, 0, 0)
    grid.setVerticalSpacing(6)
    steps = [_(step) for step in STEPS]
    for row, step in enumerate(steps):
        number = plain_label(f"{row + 1}.")
        number.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        text = plain_label(step)
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        grid.addWidget(number, row, 0)
        grid.addWidget(text, row, 1)
    grid.setColumnStretch(1, 1)
    grid.setRowStretch(len(steps), 1)
    area = QScrollArea()
    area.setWidget(inside)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setAccessibleName(_("Steps"))
    area.setAccessibleDescription(" ".join(f"{n}. {step}" for n, step in enumerate(steps, 1)))
    return area


class SelfTestDialog(QDialog):
    """The seated self-test, both sides; Save says what was measured and closes."""

    measured = Signal(list)
    """The sides measured: ``list[tuple[date, str, float]]``, the day, the side ("left",
    "right") and its middle reading. Sides left empty are not in it."""

    def __init__(self, today: date, parent: QWidget | None = None,
                 now: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        self.today = today
        self.setWindowTitle(_(TITLE))
        self.setAccessibleName(_(TITLE))

        self.picture = LoopingFigure(ROUND_TRIP_SECONDS, now=now)
        self.picture.set_figure(guide_figure())
        """The test position drawn by the body model, the hip turning in and back."""
        self.picture.setAccessibleName(_("Picture of the seated test"))
        self.picture.setAccessibleDescription(_(PICTURE_DESCRIPTION))
        self.picture.setMinimumSize(200, 150)
        self.picture.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.steps = _steps()
        guide = QHBoxLayout()
        guide.addWidget(self.picture, 1)
        guide.addWidget(self.steps, 1)

        self.readings: dict[Side, list[ReadingBox]] = {}
        self.middles: dict[Side, QLabel] = {}
        table = QGridLayout()
        for column in range(READINGS_PER_SIDE):
            table.addWidget(plain_label(_("Reading {number}").format(number=column + 1)),
                            0, column + 1, Qt.AlignmentFlag.AlignCenter)
        table.addWidget(plain_label(_("Middle reading")), 0, READINGS_PER_SIDE + 1)
        for row, side in enumerate(Side, 1):
            named, reading_name, reading_description, middle_name = _side_words(side)
            label = plain_label(named)
            table.addWidget(label, row, 0)
            boxes = []
            for column in range(READINGS_PER_SIDE):
                box = ReadingBox()
                box.setAccessibleName(reading_name.format(number=column + 1))
                box.setAccessibleDescription(reading_description.format(most=MAX_DEGREES))
                box.valueChanged.connect(self._on_reading_value_changed)
                table.addWidget(box, row, column + 1)
                boxes.append(box)
            label.setBuddy(boxes[0])
            middle = plain_label()
            font = middle.font()
            font.setBold(True)
            middle.setFont(font)
            middle.setAccessibleName(middle_name)
            middle.setMinimumWidth(middle.fontMetrics().horizontalAdvance("0" * 18))
            table.addWidget(middle, row, READINGS_PER_SIDE + 1)
            self.readings[side], self.middles[side] = boxes, middle
        table.setColumnStretch(READINGS_PER_SIDE + 1, 1)

        self.band = plain_label(band_note())
        self.band.setWordWrap(True)
        self.notes = plain_label()
        self.notes.setWordWrap(True)
        self.notes.setAccessibleName(_("What the readings show"))
        self.day = plain_label(before_saving_text(today, self.locale()))
        self.day.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.save_button.setAccessibleDescription(
            _("Keep the middle reading of each side measured; a side left empty is not kept"))
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.day, 1)
        bottom.addWidget(self.buttons)

        layout = QVBoxLayout(self)
        layout.addLayout(guide, 1)
        layout.addLayout(table)
        layout.addWidget(self.band)
        layout.addWidget(self.notes)
        layout.addLayout(bottom)
        self.resize(780, 560)
        self._show_readings()

    @property
    def save_button(self) -> QPushButton:
        button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        assert button is not None
        return button

    def typed(self, side: Side) -> list[float | None]:
        """The readings of ``side`` as they stand; None for one not typed."""
        return [box.reading() for box in self.readings[side]]

    def results(self) -> list[tuple[date, str, float]]:
        """What Save would keep: each fully measured side's middle reading."""
        kept = []
        for side in Side:
            middle = side_result(self.typed(side))
            if middle is not None:
                kept.append((self.today, side.value, middle))
        return kept

    def _incomplete(self) -> bool:
        """Some side has some of its readings but not all: which one counts is not known."""
        return any(side_result(readings) is None and any(r is not None for r in readings)
                   for readings in map(self.typed, Side))

    def _show_readings(self) -> None:
        for side, label in self.middles.items():
            readings = self.typed(side)
            count = sum(r is not None for r in readings)
            middle = side_result(readings)
            label.setText(degrees_text(middle) if middle is not None
                          else _("{count} of {total} typed").format(count=count,
                                                                   total=len(readings))
                          if count else _("not measured"))
        kept = self.results()
        incomplete = self._incomplete()
        self.save_button.setEnabled(bool(kept) and not incomplete)
        self.notes.setText(_(INCOMPLETE_NOTE) if incomplete else "\n".join(findings(kept)))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter in a reading goes on to the next one: it must not save half the test."""
        if (event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and isinstance(self.focusWidget(), ReadingBox)):
            self.focusNextChild()
            event.accept()
            return
        super().keyPressEvent(event)

    def _on_reading_value_changed(self, value: int) -> None:
        self._show_readings()

    def _on_buttons_accepted(self) -> None:
        kept = self.results()
        if not kept or self._incomplete():
            return
        self.measured.emit(kept)
        self.accept()
