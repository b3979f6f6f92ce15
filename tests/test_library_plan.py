"""The library's plan fits its column: at the width the window first gives the library, no
row of the plan wraps, whatever the routine; what is shortened to fit says so with "…".
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QTextBlock
from PySide6.QtWidgets import QSplitter
from pytestqt.qtbot import QtBot

from hiptimer.base.language import Language
from hiptimer.base.translation import pgettext
from hiptimer.routine.catalogue import Entry, Origin, load_entry
from hiptimer.ui.library.panel import LibraryPanel
from hiptimer.ui.library.plan_preview import PlanView, plan_text

from .support.checkout import ROUTINES
from .support.languages import LANGUAGES
from .support.window import Harness

LONG_SIDES = """name: Long sides
rounds: 2
exercises:
  - name: A stretch whose name goes on far longer than any column could hold
    hold: 30-90s
    sets: 2-3
    sides: [with the left leg crossed over the right knee, and the other way round]
  - name: Clams
    reps: 12
    tempo: 2-1-2
    sides: both
"""
OPENING_WIDTHS = [380, 491, 512]
"""The library's width at the window's first size: the least the window gives it, then 2/5
of a window as wide as a 1366-pixel screen allows, and of the 1280 pixels it opens at."""


def entries(folder: Path) -> list[Entry]:
    path = folder / "long-sides.yaml"
    path.write_text(LONG_SIDES, encoding="utf-8")
    return ([load_entry(p, Origin.BUILT_IN) for p in sorted(ROUTINES.glob("*.yaml"))]
            + [load_entry(path, Origin.USER)])


def table_blocks(view: PlanView) -> list[QTextBlock]:
    """The plan's rows: every line from the table's heading on, each laid out at the
    view's width."""
    start = pgettext("plan column", "START")  # the heading in the language spoken
    document = view.document()
    block = document.begin()
    while block.isValid() and not block.text().lstrip().startswith(start):
        block = block.next()
    rows = []
    while block.isValid():
        document.documentLayout().blockBoundingRect(block)  # laid out, even out of sight
        rows.append(block)
        block = block.next()
    return rows


def wrapped(view: PlanView) -> list[str]:
    rows = table_blocks(view)
    assert len(rows) > 3
    return [block.text() for block in rows if block.layout().lineCount() != 1]


@pytest.mark.parametrize("spoken", LANGUAGES, indirect=True)
@pytest.mark.parametrize("width", OPENING_WIDTHS)
def test_no_row_of_any_plan_wraps_at_the_opening_width(qtbot: QtBot, tmp_path: Path,
                                                        width: int, spoken: Language) -> None:
    """In every language: German and Spanish headings and words are longer."""
    panel = LibraryPanel()
    qtbot.addWidget(panel)
    panel.resize(width, 700)
    panel.show()
    listed = entries(tmp_path)
    panel.set_entries(listed)
    assert panel.width() == width
    for row in range(len(listed)):
        panel.list.setCurrentRow(row)
        QCoreApplication.processEvents()
        assert wrapped(panel.details) == [], listed[row].name


def test_in_the_window_as_it_opens_no_row_wraps(qtbot: QtBot, data_dir: Path) -> None:
    ui = Harness(qtbot, data_dir)
    library = ui.window.library
    splitter = library.parentWidget()
    assert isinstance(splitter, QSplitter)
    assert library.width() >= max(380, splitter.width() * 2 // 5) - splitter.handleWidth()
    for name in ("hip-strength", "hip-mobility", "daily-short", "complete-session"):
        ui.select(name)
        QCoreApplication.processEvents()
        assert wrapped(library.details) == [], name
    ui.window.close()


def table_of(text: str) -> list[str]:
    lines = text.splitlines()
    return lines[next(at for at, line in enumerate(lines) if "START" in line):]


def test_what_is_shortened_shows_it_and_the_rest_is_whole(tmp_path: Path) -> None:
    from hiptimer.session.timeline import compile_timeline

    routine = entries(tmp_path)[-1].routine
    assert routine is not None
    timeline = compile_timeline(routine)
    table = table_of(plan_text(timeline, 50))
    assert all(len(line) <= 50 for line in table)
    headings = [line for line in table if not line.startswith(" ")]
    assert headings == ["A stretch whose name goes on far longer…, round 1", "Clams, round 1",
                        "A stretch whose name goes on far longer…, round 2", "Clams, round 2"]
    sides = [line.split("/2")[1].split()[0] for line in table if "1/2" in line]
    assert set(sides) == {"with", "and"} and all("…" in line for line in table
                                                  if "1/2" in line)  # the side, shortened
    assert any("12 reps, 2-1-2s  1/1  left" in line for line in table)  # the rest, whole
    narrow = table_of(plan_text(timeline, 40))
    assert all(len(line) <= 40 for line in narrow)
    assert any("12 reps, 2-1-…" in line for line in narrow)  # what happens, when it must be
    assert table_of(plan_text(timeline, 90)) == table_of(plan_text(timeline, 200))
    assert not any("…" in line for line in table_of(plan_text(timeline, 90))[2:])


def test_a_narrowed_panel_lays_the_plan_out_again(qtbot: QtBot, tmp_path: Path) -> None:
    panel = LibraryPanel()
    qtbot.addWidget(panel)
    panel.resize(700, 700)
    panel.show()
    panel.set_entries(entries(tmp_path))
    panel.list.setCurrentRow(len(panel.entries) - 1)
    QCoreApplication.processEvents()
    wide = panel.details.toPlainText()
    assert not any("…" in line for line in table_of(wide))  # room for every word
    panel.resize(380, 700)
    QCoreApplication.processEvents()
    narrow = panel.details.toPlainText()
    assert any("…" in line for line in table_of(narrow)) and wrapped(panel.details) == []
    panel.resize(700, 700)
    QCoreApplication.processEvents()
    assert panel.details.toPlainText() == wide
