"""The library's preview of a routine's plan, made to fit the panel's width.

The command line's plan table puts every phase on one line with its exercise, about ninety
characters wide; in the library, a column of about 400 pixels, every row of it wrapped. Here
each exercise is a heading with its phases under it, a row holding only the start, what
happens, the set, the side and the length, and a row still too wide is narrowed by
shortening its side (then what happens) with an ellipsis, never by wrapping. The text
is laid out again whenever the panel's width changes.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QFontMetricsF, QResizeEvent, QTextOption
from PySide6.QtWidgets import QPlainTextEdit, QStyle, QWidget

from hiptimer.base.problem import escaped
from hiptimer.base.translation import _, pgettext
from hiptimer.routine.duration import format_clock, shown_seconds
from hiptimer.routine.model import TextField
from hiptimer.routine.progression import has_ranges
from hiptimer.session.timeline import Timeline
from hiptimer.tables import equipment_text, length_text, level_text, total_text, what_text

ELLIPSIS = "…"
INDENT = "  "
"""Before each phase's row, under its exercise's heading."""
GAP = 2
"""Spaces between columns (one when a row is too wide)."""
NARROWEST = 24
"""Fewer characters than this are never laid out for, however narrow the panel."""


def shortened(text: str, width: int) -> str:
    """``text`` cut to ``width`` characters, an ellipsis at the end showing the cut."""
    return text if len(text) <= width else text[:max(0, width - 1)].rstrip() + ELLIPSIS


@dataclass
class Column:
    name: str
    """Which column it is, whatever its heading says in the language installed."""
    heading: str
    cells: list[str]
    narrowest: int
    """How far it may be shortened (its own heading's width counts for nothing)."""
    right: bool = False

    @property
    def natural(self) -> int:
        return max(len(text) for text in (self.heading, *self.cells))

    def shown(self, text: str, width: int) -> str:
        text = shortened(text, width)
        return text.rjust(width) if self.right else text.ljust(width)


def side_text(side: str | None, shown: str | None = None) -> str:
    """A phase's side as the plan writes it: "left" and "right" in the language installed,
    a routine's own label as it is (in ``shown``'s words, its text in that language, when
    given). ``side`` is the source label, which tells left from right."""
    if side == "left":
        return pgettext("plan side", "left")
    if side == "right":
        return pgettext("plan side", "right")
    return escaped((shown or side or "") if side else "")


def _columns(timeline: Timeline) -> list[Column]:
    phases = timeline.phases
    # Translators: the plan's column headings, in capitals like the command line's plan.
    columns = [
        Column("START", pgettext("plan column", "START"),
               [format_clock(p.offset) for p in phases], 4, right=True),
        Column("PHASE", pgettext("plan column", "PHASE"), [what_text(p) for p in phases], 9),
        Column("SET", pgettext("plan column", "SET"), [f"{p.set}/{p.sets}" for p in phases], 3),
    ]
    if any(p.side for p in phases):
        columns.append(Column("SIDE", pgettext("plan column", "SIDE"),
                              [side_text(p.side, timeline.shown_side(p)) for p in phases],
                              6))
    # Translators: a phase that lasts until the person moves on, in the plan's length column.
    open_length = pgettext("plan length", "open")
    columns.append(Column("LENGTH", pgettext("plan column", "LENGTH"),
                          [open_length if p.duration is None else shown_seconds(p.duration)
                           for p in phases], 4))
    return columns


NARROWING = ((GAP, ("SIDE",)), (1, ("SIDE",)), (1, ("SIDE", "PHASE")))
"""How a row too wide is narrowed, each step only when the one before is not enough: its
side shortened, then the gaps made single, then what happens shortened too."""


def _widths(columns: list[Column], room: int) -> tuple[list[int], int]:
    """Each column's width and the gap between them, so that a row takes at most ``room``
    characters where shortening can make it so."""
    for gap, names in NARROWING:
        widths = [column.natural for column in columns]
        for name in names:
            for at, column in enumerate(columns):
                if column.name == name:
                    over = len(INDENT) + sum(widths) + gap * (len(widths) - 1) - room
                    widths[at] = max(column.narrowest, widths[at] - max(0, over))
        if len(INDENT) + sum(widths) + gap * (len(widths) - 1) <= room:
            break
    return widths, gap


def _rows(timeline: Timeline, room: int) -> list[str]:
    phases = timeline.phases
    columns = _columns(timeline)
    widths, gap = _widths(columns, room)
    space = " " * gap

    def row(cells: list[str]) -> str:
        return INDENT + space.join(column.shown(cell, width) for column, cell, width
                                   in zip(columns, cells, widths, strict=True)).rstrip()

    lines = [row([column.heading for column in columns])]
    rounds = timeline.routine.rounds > 1
    heading = None
    for at, phase in enumerate(phases):
        group = (phase.round, phase.exercise_index)
        if group != heading:
            heading = group
            # Translators: an exercise's heading in the plan, when the routine has rounds.
            heading_text = _("{exercise}, round {round}") if rounds else "{exercise}"
            around = len(heading_text.format(exercise="", round=phase.round))
            lines.append(heading_text.format(
                exercise=shortened(escaped(timeline.shown_exercise(phase)), room - around),
                round=phase.round))
        lines.append(row([column.cells[at] for column in columns]))
    return lines


def plan_text(timeline: Timeline, room: int) -> str:
    """The plan as the library shows it, each row of its table at most ``room`` characters
    wide where shortening can make it so; the routine's own words above are left to wrap."""
    routine = timeline.routine
    lines = [_("Total: {total}").format(total=total_text(timeline)), "",
             escaped(routine.text(TextField.NAME))]
    description = routine.text(TextField.DESCRIPTION)
    if description:
        lines.extend(escaped(line) for line in description.split("\n"))
    if routine.equipment:
        lines.append(equipment_text(routine))
    if has_ranges(routine):
        lines.append(level_text(timeline))
        lines.append(_("Length: {length}").format(length=length_text(timeline)))
    lines.append("")
    lines.extend(_rows(timeline, max(NARROWEST, room)))
    return "\n".join(lines)


class PlanView(QPlainTextEdit):
    """The plan of one routine, read-only, laid out again for each width it is given.

    What is not a plan (a routine that does not load, or nothing) is shown as it is; every
    line wraps at the widget's width rather than be cut, so no text is ever out of sight.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._timeline: Timeline | None = None
        self._room = 0

    def show_plan(self, timeline: Timeline) -> None:
        self._timeline = timeline
        self._draw(keep_place=False)

    def show_text(self, text: str) -> None:
        self._timeline = None
        self.setPlainText(text)

    def room(self) -> int:
        """The characters a line holds, as if the scroll bar were shown (a long plan brings
        it, and the lines must still fit then)."""
        pixels = self.viewport().width() - 2 * self.document().documentMargin()
        if not self.verticalScrollBar().isVisible():
            pixels -= self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent,
                                               None, self)
        advance = QFontMetricsF(self.font()).horizontalAdvance("M")  # not whole pixels
        return int(pixels // advance) - 1  # and one to spare, for the cursor's width

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._timeline is not None and self.room() != self._room:
            self._draw(keep_place=True)

    def _draw(self, keep_place: bool) -> None:
        """Lay the plan out for the width there is now, scrolled as it was if asked."""
        assert self._timeline is not None
        self._room = self.room()
        scrolled = self.verticalScrollBar().value()
        self.setPlainText(plan_text(self._timeline, self._room))
        if keep_place:
            self.verticalScrollBar().setValue(scrolled)
