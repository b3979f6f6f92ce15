"""The session screen, made to be read from the floor three metres away.

The whole screen takes the phase's colour. Across the top the phase, the exercise, its
picture (a quarter of the height, flipped for the other side; for a built-in exercise, its
body figure, mirrored in the body and moving with the tempo) and the side as a big letter;
in the middle one huge figure (the countdown, or the rep count) and the description; along
the bottom the bars, what comes next and the routine's times. Paused veils the whole screen;
muted shows a crossed-out speaker.

It renders the session's ``Status`` and nothing else: it schedules nothing, and even the
description's pages turn by the status's time in the phase. Its parts are placed by hand
(``_place``, and ``middle`` for the figure and the description) when the size, the look or
the phase changes, never on a plain tick, which only redraws the figure, the bars and times.

A screen reader finds nothing to read in painted parts, so the screen says the same in
words: its accessible description is the status as sentences (``readout``), changed only
when those words change, and a new phase (or rep, or state) is announced.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import (
    QAccessible,
    QAccessibleAnnouncementEvent,
    QColor,
    QFont,
    QFontMetricsF,
    QPalette,
    QResizeEvent,
)
from PySide6.QtWidgets import QLabel, QWidget

from hiptimer.base.translation import N_, _, pgettext
from hiptimer.routine.duration import format_clock
from hiptimer.session.readout import spoken_figure, spoken_phase, spoken_status
from hiptimer.session.state import State
from hiptimer.session.vocabulary import ColourRole, PhaseWord
from hiptimer.ui.common.plain import plain_label
from hiptimer.ui.common.theme import LIGHT, Look
from hiptimer.ui.screen.bar import Bar
from hiptimer.ui.screen.figure import Figure
from hiptimer.ui.screen.labels import fit_line, put, set_text

if TYPE_CHECKING:  # the status, the engine and the painted parts load with a session
    from hiptimer.session.status import Status
    from hiptimer.ui.screen.column_text import ColumnText
    from hiptimer.ui.screen.parts import PauseVeil, Picture, ScreenParts, TempoBar
    from hiptimer.ui.screen.signs import MuteSign, SideBadge

# Translators: what a screen reader calls the session screen.
SCREEN_NAME = N_("Session")
"""The screen's accessible name (marked only: translated where it is set); its description
says what it shows."""
LINE = 1.22
"""A line of text's height, as a multiple of its font's pixel size."""
DESCRIPTION_SHARE = 0.042
"""The description's font, as a share of the height (its least is ``middle``'s)."""
SUMMARY_SHARE = 0.065
"""What the session came to is said bigger: it is all there is to read at the end."""
BOTTOM_SHARE = 0.045
"""What comes next and the routine's times, as a share of the height..."""
BOTTOM_LEAST = 0.04
"""...and no smaller than this: they go on two rows first."""
PICTURE_SHARE = 0.26
"""The exercise's picture is this share of the height (a quarter, and a little to spare)."""
BADGE_SHARE = 0.25
"""The side's badge is at most this share of the height."""
WORDS_LEAST = 0.45
"""The phase, the exercise and the details keep this share of the width beside them."""


@dataclass
class Fonts:
    """Pixel sizes of the screen's text, from its height and the user's text size."""

    word: float
    exercise: float
    details: float
    description: float
    bottom: float
    """What comes next, and the routine's times."""


class SessionView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAutoFillBackground(True)  # the phase's colour, edge to edge
        self.status: Status | None = None
        """The status on screen; ``None`` while no routine is under way."""
        self.look = LIGHT
        self.font_scale = 1.0
        self.summary: list[str] = []
        """Lines said at the end, in place of the description (given by the window)."""
        self._colour = ColourRole.IDLE
        self._layout_key: tuple[object, ...] | None = None
        self._readout = ""
        """The words a screen reader is given for the screen, as last set."""
        self._details_fitted = 0
        """The length of the details line when it was last fitted to its room."""
        self.setAccessibleName(_(SCREEN_NAME))

        self.banner = self._label(bold=True)
        self.exercise = self._label(bold=True)
        self.details = self._label()
        self.countdown = Figure(self)
        self._parts: ScreenParts | None = None
        self.phase_bar = Bar(self)
        self.next_up = self._label()
        self.routine_bar = Bar(self)
        self.elapsed = self._label()
        self.remaining = self._label()
        for label in (self.elapsed, self.remaining):  # either side of the bar, close to it
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        # A label's text is its accessible name; what the line is goes in its description.
        # Translators: what a screen reader says each line of the session screen is.
        for label, what in ((self.banner, _("Phase")), (self.exercise, _("Exercise")),
                            (self.details, _("Side, set and time")),
                            (self.next_up, pgettext("what comes next", "Next")),
                            (self.elapsed, _("Routine time done")),
                            (self.remaining, _("Routine time left"))):
            label.setAccessibleDescription(what)
        for widget, name in ((self.countdown, _("Count")),
                             (self.phase_bar, _("Phase progress")),
                             (self.routine_bar, _("Routine progress"))):
            widget.setAccessibleName(name)
        self.show_idle(None)

    # The painted parts are made when a session first shows: the first paint, which shows
    # no session, goes without them and the code behind them.
    @property
    def parts(self) -> ScreenParts:
        if self._parts is None:
            from hiptimer.ui.screen.parts import ScreenParts

            self._parts = ScreenParts(self)
            # A routine's own picture comes from a worker thread: room is made when it does.
            self._parts.picture.changed.connect(self._on_picture_changed)
        return self._parts

    def _on_picture_changed(self) -> None:
        self._place()

    @property
    def side(self) -> SideBadge:
        return self.parts.side

    @property
    def mute(self) -> MuteSign:
        return self.parts.mute

    @property
    def tempo(self) -> TempoBar:
        return self.parts.tempo

    @property
    def picture(self) -> Picture:
        return self.parts.picture

    @property
    def description(self) -> ColumnText:
        return self.parts.description

    @property
    def veil(self) -> PauseVeil:
        return self.parts.veil

    def _label(self, bold: bool = False) -> QLabel:
        label = plain_label(parent=self)
        # Its own ground in the phase's colour: a label that changes paints itself alone,
        # not the screen behind it too.
        label.setAutoFillBackground(True)
        label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        font = QFont(label.font())
        font.setBold(bold)
        label.setFont(font)
        return label

    def apply_look(self, look: Look, font_scale: float) -> None:
        self.look = look
        self.font_scale = font_scale
        self._recolour()
        self._place(force=True)

    # -- what is shown ---------------------------------------------------------------------

    def show_idle(self, routine: str | None) -> None:
        """No session: the routine that Space would start, if one is chosen."""
        self.status = None
        self._colour = ColourRole.IDLE
        self.banner.setText(PhaseWord.IDLE.shown)
        self._recolour()
        if routine:
            self.exercise.setText(routine)
            # Translators: under the routine's name before a session; keep "  ·  " between
            # the two hints (a screen reader is given them as two sentences).
            self.details.setText(_("Space or Enter starts it  ·  L shows the library"))
        else:
            self.exercise.setText(_("Choose a routine from the library"))
            self.details.setText(_("L shows the library; Enter starts the one selected"))
        self.countdown.setText("")
        self.countdown.setAccessibleDescription("")
        if self._parts is not None:
            self.side.set_mark("")
            self.mute.hide()
            self.veil.hide()
            self.description.set_text("")
            self.picture.set_picture(None, False)
            self.picture.set_figure(None)
            self.tempo.stop()
        self.next_up.setText("")
        self.phase_bar.setValue(0)
        self.routine_bar.setValue(0)
        self.elapsed.setText("")
        self.remaining.setText("")
        # Said as sentences: a screen reader reads the dot between the parts as a dot.
        self._say(f"{self.exercise.text()}. {self.details.text().replace('  ·  ', '. ')}.")
        self._place(force=True)

    def show_status(self, status: Status) -> None:
        """Put ``status`` on screen, touching only what differs from the last one shown."""
        before = self.status
        self.status = status
        if before is not None and before.only_time_differs(status):
            self._show_time(status)  # most seconds: the figure, the bars, the totals
            self.description.follow(status)
            self._say(self._readout_of(status))
            return
        from hiptimer.ui.common.exercise_figures import exercise_figure

        if before is None or before.colour != status.colour:
            self._colour = status.colour
            self._recolour()
        set_text(self.banner, status.word.shown)
        set_text(self.exercise, status.exercise)
        self._show_details(status.details_text(), tick=False)
        self.side.set_mark(status.shown_side_mark())
        self.mute.setVisible(status.muted)
        self.description.set_text(self._description_text(), self._summary_shown())
        self.description.follow(status)
        self.picture.set_picture(status.image, status.mirrored)
        # An exercise is drawn by the body model (its own figure file, or the built-in one of
        # its name), the other side mirrored in the body; a routine's own image wins.
        self.picture.set_figure(None if status.phase is None else exercise_figure(
            status.phase.exercise, status.image, status.side, status.mirrored,
            status.figure_file))
        set_text(self.next_up, status.next_text())  # _place_bottom may say it shorter
        self.veil.setVisible(status.paused)
        self._place()
        self._show_time(status)
        self.side.setAccessibleDescription(status.side_text())
        self._say(self._readout_of(status))
        if before is None or spoken_phase(before) != spoken_phase(status):
            self._announce(spoken_phase(status))

    def show_summary(self, lines: list[str]) -> None:
        """What the session came to, shown at its end where the description was."""
        self.summary = lines
        if self._summary_shown():
            self.description.set_text(self._description_text(), self._summary_shown())
            self._place(force=True)
        if self.status is not None:
            self._say(self._readout_of(self.status))

    def _readout_of(self, status: Status) -> str:
        """The screen in words: the status, and at the end what the session came to."""
        words = spoken_status(status)
        return f"{words} {' '.join(self.summary)}" if self._summary_shown() else words

    def _say(self, words: str) -> None:
        """Give a screen reader ``words`` for the screen, when they changed (Qt tells a
        running reader; with none running it is one stored string)."""
        if words != self._readout:
            self._readout = words
            self.setAccessibleDescription(words)

    def _announce(self, words: str) -> None:
        """Have a running screen reader say ``words`` (a new phase) without being asked."""
        if QAccessible.isActive():
            QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(self, words))

    def _show_time(self, status: Status) -> None:
        self.countdown.setText(status.figure())
        self.countdown.setAccessibleDescription(spoken_figure(status))
        part = status.tempo_part if status.live else None
        if part is not None:
            self.tempo.show_tempo(part, status.tempo_done, status.tempo_left_ms,
                                  status.state is State.RUNNING)
        else:
            self.tempo.stop()
        self.picture.follow(status)  # the figure moves with the tempo, as the bar fills
        self.phase_bar.setValue(status.phase_progress)
        self.routine_bar.setValue(status.routine_progress)
        done, left = status.totals_text()
        set_text(self.elapsed, done)
        set_text(self.remaining, left)
        if status.live and status.reps is not None:  # the phase's time left moved here
            self._show_details(status.details_text(), tick=True)

    def _show_details(self, text: str, tick: bool) -> None:
        """The line under the exercise, fitted to its room. On a tick only the time left in
        it changes, and its digits all take one width: it is measured again only when it
        grows longer, not every second."""
        if text == self.details.text():
            return
        self.details.setText(text)
        if not tick or len(text) > self._details_fitted:
            fit_line(self.details, self._fonts().details, self.details.width())
            self._details_fitted = len(text)

    def _recolour(self) -> None:
        ground = QColor(self.look.phase[self._colour])
        ink = QColor(self.look.on_phase)
        palette = QPalette(self.palette())
        for role, colour in ((QPalette.ColorRole.Window, ground),
                             (QPalette.ColorRole.WindowText, ink),
                             (QPalette.ColorRole.Base, _blend(ground, ink, 0.25)),
                             (QPalette.ColorRole.Highlight, ink)):
            palette.setColor(role, colour)
        self.setPalette(palette)

    # -- where everything goes -------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place()

    def _fonts(self) -> Fonts:
        h, s = max(200, self.height()), self.font_scale
        top = min(s, 1.2)  # the top lines are big already: they grow less
        return Fonts(word=h * 0.07 * top, exercise=h * 0.052 * top, details=h * 0.04 * top,
                     description=h * s * (SUMMARY_SHARE if self._summary_shown()
                                          else DESCRIPTION_SHARE),
                     bottom=h * BOTTOM_SHARE * min(s, 1.25))

    def _summary_shown(self) -> bool:
        return (bool(self.summary) and self.status is not None
                and self.status.state is State.FINISHED)

    def _description_text(self) -> str:
        """At the end, what the session came to; until then, the exercise's description."""
        if self._summary_shown():
            return "\n".join(self.summary)
        return self.status.description if self.status is not None else ""

    def _place(self, force: bool = False) -> None:
        """Lay the screen out for its size, look and phase (only when one of them changed)."""
        status = self.status
        widest = status.widest_figure() if status is not None else ""
        parts = self._parts
        key = (self.width(), self.height(), self.font_scale, widest, self.banner.text(),
               self.exercise.text(), self.next_up.text(), self.tempo_shown(),
               status.state if status is not None else None, self._time_template(),
               parts is not None and (parts.description.text(), parts.picture.has_picture(),
                                      parts.picture.aspect(), parts.side.mark(),
                                      parts.mute.isHidden()))
        if key == self._layout_key and not force:
            return
        self._layout_key = key
        w, h = max(200, self.width()), max(200, self.height())
        fonts = self._fonts()
        margin = round(0.025 * min(w, h))
        gap = round(0.015 * h)
        if parts is not None:
            parts.veil.setGeometry(self.rect())
            parts.veil.raise_()
        top = self._place_top(w, h, fonts, margin, gap)
        row = self._place_bottom(w, h, fonts, margin, gap)  # over it the phase's (or tempo) bar
        bar = max(6, round(h * 0.016))
        tempo_h = round(h * 0.07) if self.tempo_shown() else 0
        above = tempo_h or bar
        self.phase_bar.setGeometry(margin, row - gap - bar, w - 2 * margin, bar)
        self.phase_bar.setVisible(not tempo_h and status is not None and (
            status.live or status.state is State.FINISHED))
        if parts is not None:
            parts.tempo.setGeometry(margin, row - gap - tempo_h, w - 2 * margin, tempo_h)
            parts.tempo.setVisible(bool(tempo_h))
        middle = QRect(margin, top, w - 2 * margin, row - 2 * gap - above - top)
        self._place_middle(middle, widest, fonts, gap)

    def _place_top(self, w: int, h: int, fonts: Fonts, margin: int, gap: int) -> int:
        """The phase word, the exercise and the details; beside them the picture and the
        side's badge. Says where the top ends."""
        parts = self._parts
        rows = [(self.banner, fonts.word), (self.exercise, fonts.exercise),
                (self.details, fonts.details)]
        rows_h = sum(round(px * LINE) for _label, px in rows)
        picture_w = picture_h = 0
        # A body figure keeps its height when its box is narrowed: it lies on the box's
        # floor with room above, so a body lying along the floor is drawn as wide as the
        # words leave room for, not shrunk to a strip.
        figure = parts is not None and parts.picture.figure() is not None
        if parts is not None and parts.picture.has_picture():
            aspect = parts.picture.aspect()
            picture_h = round(PICTURE_SHARE * h)
            picture_w = round(picture_h * aspect)
            if picture_w > w * 0.4 and not figure:  # a wide image leaves room for the words
                picture_w = round(w * 0.4)
                picture_h = round(picture_w / aspect)
        badge_h = min(max(rows_h, picture_h), round(h * BADGE_SHARE))
        badge_w = mute = 0
        right = w - margin
        if parts is not None:
            if parts.side.mark():
                badge_w = min(parts.side.wanted_width(badge_h), w // 3)
            parts.side.setGeometry(right - badge_w, margin, badge_w, badge_h)
            right -= badge_w + (gap if badge_w else 0)
            if picture_w > right - margin - gap - WORDS_LEAST * w:  # a narrow window's
                picture_w = max(0, round(right - margin - gap - WORDS_LEAST * w))
                if not figure:
                    picture_h = round(picture_w / parts.picture.aspect())
            parts.picture.setGeometry(right - picture_w, margin, picture_w, picture_h)
            parts.picture.setVisible(bool(picture_w))
            right -= picture_w + (gap if picture_w else 0)
            mute = round(fonts.word * 1.2) if not parts.mute.isHidden() else 0
            parts.mute.setGeometry(right - mute, margin, mute, mute)
        y = margin
        for label, px in rows:
            room = right - margin - (mute + gap if label is self.banner and mute else 0)
            fit_line(label, px, room)
            put(label, QRect(margin, y, room, round(px * LINE)))
            y += round(px * LINE)
        self._details_fitted = len(self.details.text())
        return margin + max(rows_h, picture_h, badge_h if badge_w else 0) + gap

    def _place_bottom(self, w: int, h: int, fonts: Fonts, margin: int, gap: int) -> int:
        """What comes next, and the routine's bar between its times, on one row (two when
        they would not fit at ``BOTTOM_LEAST``). Says where the top row begins."""
        times = self.status is not None and any(self.status.totals_text())
        self.routine_bar.setVisible(times)
        room = w - 2 * margin
        least = max(6, math.ceil(BOTTOM_LEAST * h - 1e-6))
        px = max(least, round(fonts.bottom))
        bar_least = 3 * gap

        def widths(px: int) -> tuple[float, float]:
            font = QFont(self.next_up.font())
            font.setPixelSize(px)
            metrics = QFontMetricsF(font)
            time_w = metrics.horizontalAdvance(self._time_template()) + 2 if times else 0.0
            return metrics.horizontalAdvance(self.next_up.text()) + 2, time_w

        def fits(px: int) -> bool:
            next_w, time_w = widths(px)
            totals = 2 * time_w + 2 * gap + bar_least if times else 0.0
            return next_w + (2 * px if next_w > 2 and times else 0) + totals <= room

        # The whole line if it fits at the least size (on a row of its own if need be), else
        # the first shorter way of saying it that does.
        for text in self.status.next_texts() if self.status is not None else ():
            set_text(self.next_up, text)
            if widths(least)[0] <= room:
                break
        while px > least and not fits(px):
            px -= 1
        one_row = fits(px)
        line = round(px * LINE)
        row = h - margin - line
        next_w, time_w = (round(width) for width in widths(px))
        totals_w = 0
        if times:
            spare = room - (next_w + 2 * px if one_row else 0) - 2 * time_w - 2 * gap
            totals_w = 2 * time_w + 2 * gap + max(bar_least, min(spare, round(w * 0.22)))
            totals_x = w - margin - totals_w
            for label in (self.elapsed, self.remaining):
                fit_line(label, px, time_w)
            put(self.elapsed, QRect(totals_x, row, time_w, line))
            put(self.remaining, QRect(w - margin - time_w, row, time_w, line))
            bar = max(6, round(h * 0.016))
            self.routine_bar.setGeometry(totals_x + time_w + gap, row + (line - bar) // 2,
                                         totals_w - 2 * time_w - 2 * gap, bar)
        if one_row:
            next_room = room - (totals_w + gap if totals_w else 0)
            next_row = row
        else:  # on a row of its own above the times, as large as fits the width
            next_room = room
            next_row = row - line
        fit_line(self.next_up, px, next_room)
        put(self.next_up, QRect(margin, next_row, next_room, line))
        return next_row if self.next_up.text() else row

    def _time_template(self) -> str:
        """The widest the routine's times get: a digit's width for each of their digits."""
        status = self.status
        total = format_clock(status.routine_done + status.routine_left) if status else ""
        return "-" + "".join("0" if ch.isdigit() else ch for ch in total) if status else ""

    def tempo_shown(self) -> bool:
        status = self.status
        return status is not None and status.live and status.tempo_part is not None

    def _place_middle(self, box: QRect, widest: str, fonts: Fonts, gap: int) -> None:
        """The figure and the description in ``box`` (see ``middle``)."""
        parts = self._parts
        if parts is None:  # no session yet: nothing but the (empty) figure
            self.countdown.setGeometry(box)
            return
        from hiptimer.ui.screen.middle import Middle

        status = self.status
        Middle(self.countdown, parts.description, (max(200, self.width()),
                                                   max(200, self.height())),
               self.font_scale, status is not None and status.live).place(
            box, widest, fonts.description, gap)


def _blend(a: QColor, b: QColor, share: float) -> QColor:
    return QColor(round(a.red() + (b.red() - a.red()) * share),
                  round(a.green() + (b.green() - a.green()) * share),
                  round(a.blue() + (b.blue() - a.blue()) * share))
