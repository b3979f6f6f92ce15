"""The status line's parts, and the line fitted to a terminal's width by giving up the least
needed parts first.

A person glances at the line from a mat: the countdown is what must stay, then what to do
(the phase word, and PAUSED when it is) and on which side, then the rep under way with its
tempo part (it guides each movement), then the exercise, shortened before it goes (it stays
the same all phase long); the set, the self-paced hint, what comes next and the routine's
total go first, in that order from the end.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import Enum, auto

from hiptimer.base.problem import escaped
from hiptimer.base.translation import _
from hiptimer.routine.duration import format_clock, format_elapsed
from hiptimer.session.events import TempoPart
from hiptimer.session.status import Status
from hiptimer.tables import side_word
from hiptimer.terminal.cells import shortened, text_cells

SEPARATOR = "  "
"""Between two parts of the line."""


class PartKind(Enum):
    """What a part of the status line says."""

    PAUSED = auto()
    WORD = auto()
    EXERCISE = auto()
    SIDE = auto()
    SET = auto()
    REP = auto()
    COUNTDOWN = auto()
    """The phase's time left, or the time counted up in a self-paced one."""
    HINT = auto()
    """How a self-paced phase is ended."""
    NEXT = auto()
    TOTAL = auto()


DROP_ORDER = (PartKind.TOTAL, PartKind.NEXT, PartKind.HINT, PartKind.SET, PartKind.EXERCISE,
              PartKind.REP, PartKind.SIDE, PartKind.WORD, PartKind.PAUSED, PartKind.COUNTDOWN)
"""The parts in the order they give way when the line is too wide: the first goes first."""
SHORTENED = frozenset({PartKind.EXERCISE, PartKind.SIDE})
"""Parts cut short with an ellipsis before they are given up."""
SHORTEST = 4
"""The fewest cells a shortened part keeps, its ellipsis included: fewer tell nothing."""


@dataclass(frozen=True)
class Part:
    kind: PartKind
    text: str
    """Safe to print: whatever could act on a terminal is escaped."""
    glue: str = SEPARATOR
    """What joins it to the part before it."""


def status_parts(status: Status, keys: bool = True, upcoming: bool = True) -> list[Part]:
    """The parts of the line for ``status``, in the order they are shown; what comes next
    only with ``upcoming`` (a line printed per phase shows it on the next line anyway)."""
    parts: list[Part] = []

    def add(kind: PartKind, text: str, glue: str = SEPARATOR) -> None:
        if text:
            # A routine's text is checked when it is read; escaped here all the same, since
            # an escape sequence reaching the terminal could rewrite what it shows.
            parts.append(Part(kind, escaped(text), glue))

    if status.paused:
        # Translators: the terminal's status line while a session is paused, in capitals.
        add(PartKind.PAUSED, _("PAUSED"))
    add(PartKind.WORD, status.word.shown)
    add(PartKind.EXERCISE, status.exercise)
    add(PartKind.SIDE, side_word(status.side, status.shown_side))
    if status.sets > 1:
        add(PartKind.SET, _("set {set}/{sets}").format(set=status.set, sets=status.sets))
    if status.reps is not None and status.rep is not None:
        add(PartKind.REP, rep_text(status.rep, status.reps, status.tempo_part))
    if status.remaining is None:
        add(PartKind.COUNTDOWN, format_elapsed(status.elapsed))
        add(PartKind.HINT, _("(self-paced: space or n when done)") if keys
            else _("(self-paced: Ctrl+C stops)"), glue=" ")
    else:
        add(PartKind.COUNTDOWN, format_clock(status.remaining))
    if upcoming:
        add(PartKind.NEXT, status.next_text())
    add(PartKind.TOTAL, _("total {time} left").format(time=format_clock(status.routine_left)))
    return parts


def rep_text(rep: int, reps: int, part: TempoPart | None) -> str:
    """The rep under way, and the part of it under way in capitals: ``rep 3/8 UP``."""
    # Translators: the rep under way in the terminal's status line; the part of the rep
    # (UP, HOLD, DOWN) is in capitals.
    if part is TempoPart.UP:
        text = _("rep {rep}/{reps} UP")
    elif part is TempoPart.HOLD:
        text = _("rep {rep}/{reps} HOLD")
    elif part is TempoPart.DOWN:
        text = _("rep {rep}/{reps} DOWN")
    else:
        text = _("rep {rep}/{reps}")
    return text.format(rep=rep, reps=reps)


def joined(parts: Sequence[Part]) -> str:
    return "".join((part.glue if index else "") + part.text for index, part in enumerate(parts))


def line_cells(parts: Sequence[Part], ambiguous: int | None = None) -> int:
    return text_cells(joined(parts), ambiguous)


def fit(parts: Sequence[Part], width: int, ambiguous: int | None = None) -> list[Part]:
    """The parts that fit a terminal ``width`` cells wide, in one line at most ``width - 1``
    cells wide: a line as wide as the terminal wraps on some, and could not be rewritten.

    Parts give way in ``DROP_ORDER`` until the line fits, the ones in ``SHORTENED`` cut
    short first where that is enough; nothing at all when not even the countdown fits.
    ``ambiguous``: the cells of a character of ambiguous width (``None``: as the locale has
    it, see ``cells``).
    """
    room = width - 1
    kept = list(parts)
    for kind in DROP_ORDER:
        over = line_cells(kept, ambiguous) - room
        if over <= 0:
            return kept
        index = next((at for at, part in enumerate(kept) if part.kind is kind), None)
        if index is None:
            continue
        part = kept[index]
        if kind in SHORTENED:
            cells = text_cells(part.text, ambiguous) - over
            if cells >= SHORTEST:
                kept[index] = replace(part, text=shortened(part.text, cells, ambiguous))
                return kept
        del kept[index]
    return kept if line_cells(kept, ambiguous) <= room else []


def fitted_line(status: Status, width: int, keys: bool = True,
                ambiguous: int | None = None) -> str:
    """The status line as it fits a terminal ``width`` cells wide."""
    return joined(fit(status_parts(status, keys), width, ambiguous))
