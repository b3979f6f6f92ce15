"""The library's preview: whole text, wrapped to the panel, and always of the routine in sight
at the level it would run at now."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QPlainTextEdit
from pytestqt.qtbot import QtBot

from hiptimer.routine.catalogue import Entry, Origin, load_entry
from hiptimer.routine.model import Routine
from hiptimer.ui.library.panel import LibraryPanel

LONG = " ".join(f"step{n} keeps the knee soft and the back long" for n in range(12)) + " END"


def entry(folder: Path, name: str, description: str = "", hold: str = "30s") -> Entry:
    path = folder / f"{name.lower()}.yaml"
    path.write_text(f"name: {name}\ndescription: {description or name}\n"
                    f"exercises:\n  - name: Frog stretch\n    hold: {hold}\n", encoding="utf-8")
    made = load_entry(path, Origin.USER)
    assert made.routine is not None, made.problems
    return made


def panel_of(qtbot: QtBot, entries: list[Entry], **kwargs: object) -> LibraryPanel:
    panel = LibraryPanel(**kwargs)  # type: ignore[arg-type]
    qtbot.addWidget(panel)
    panel.resize(320, 700)  # as narrow as the window first makes it
    panel.show()
    panel.set_entries(entries)
    return panel


def shown(panel: LibraryPanel) -> list[str]:
    return [panel.list.item(row).text().splitlines()[0] for row in range(panel.list.count())
            if not panel.list.item(row).isHidden()]


def test_a_long_description_is_wrapped_never_cut(qtbot: QtBot, tmp_path: Path) -> None:
    panel = panel_of(qtbot, [entry(tmp_path, "Long", LONG)])
    details = panel.details
    assert LONG in details.toPlainText()
    assert details.lineWrapMode() == QPlainTextEdit.LineWrapMode.WidgetWidth
    QCoreApplication.processEvents()  # let it lay out the text at its width
    block = details.document().findBlock(details.toPlainText().index(LONG))
    assert block.layout().lineCount() > 3  # wrapped onto several lines
    assert details.horizontalScrollBar().maximum() == 0  # and nothing past the right edge


def test_the_preview_follows_the_filter(qtbot: QtBot, tmp_path: Path) -> None:
    panel = panel_of(qtbot, [entry(tmp_path, name) for name in ("Alpha", "Beta", "Gamma")])
    panel.list.setCurrentRow(1)
    assert "Beta" in panel.details.toPlainText()
    qtbot.keyClicks(panel.filter, "gam")
    assert shown(panel) == ["Gamma  (yours)"]
    assert panel.selected_path() == tmp_path / "gamma.yaml"
    assert "Gamma" in panel.details.toPlainText() and "Beta" not in panel.details.toPlainText()
    qtbot.keyClicks(panel.filter, "zzz")  # nothing matches: nothing selected, nothing shown
    assert shown(panel) == [] and panel.selected_path() is None
    assert panel.details.toPlainText() == ""
    panel.filter.clear()
    assert panel.selected_path() == tmp_path / "alpha.yaml"
    assert "Alpha" in panel.details.toPlainText()
    panel.list.setCurrentRow(2)
    qtbot.keyClicks(panel.filter, "a")  # the selected routine still matches: it stays
    assert panel.selected_path() == tmp_path / "gamma.yaml"


def test_a_routine_asked_for_by_name_is_shown_even_when_filtered_out(
        qtbot: QtBot, tmp_path: Path) -> None:
    panel = panel_of(qtbot, [entry(tmp_path, name) for name in ("Alpha", "Beta")])
    qtbot.keyClicks(panel.filter, "alpha")
    panel.set_entries(panel.entries, select=tmp_path / "beta.yaml")  # just opened or saved
    assert panel.filter.text() == "" and shown(panel) == ["Alpha  (yours)", "Beta  (yours)"]
    assert "Beta" in panel.details.toPlainText()


def test_the_preview_reads_the_level_afresh(qtbot: QtBot, tmp_path: Path) -> None:
    levels = {"Ranged": 0}

    def level_of(routine: Routine) -> int:
        return levels[routine.name]

    panel = panel_of(qtbot, [entry(tmp_path, "Ranged", hold="30-60s")], level_of=level_of)
    assert "Level 0 of " in panel.details.toPlainText()
    first_line = panel.list.item(0).text()
    levels["Ranged"] = 2  # a session ended and stepped it up
    panel.refresh_preview()
    assert "Level 2 of " in panel.details.toPlainText()
    assert panel.list.item(0).text() != first_line  # its length in the list, too
    levels["Ranged"] = 3
    panel.set_entries(panel.entries)
    assert "Level 3 of " in panel.details.toPlainText()


def test_the_preview_shows_each_exercise_as_a_picture(qtbot: QtBot) -> None:
    from .support.checkout import ROUTINES

    panel = LibraryPanel()
    qtbot.addWidget(panel)
    entry = load_entry(ROUTINES / "daily-short.yaml", Origin.BUILT_IN)
    assert entry.routine is not None
    panel.set_entries([entry])
    shown = panel.pictures.pictures
    distinct = list(dict.fromkeys(e.name for e in entry.routine.exercises))
    assert len(shown) == len(distinct) and all(p.has_picture() for p in shown)
    panel.set_entries([])
    assert panel.pictures.pictures == [] and panel.pictures.isHidden()


def the_library(qtbot: QtBot, tmp_path: Path) -> LibraryPanel:
    """The built-in routines and two of the user's own, as the window lists them."""
    from .support.checkout import ROUTINES

    built_in = [load_entry(path, Origin.BUILT_IN) for path in sorted(ROUTINES.glob("*.yaml"))]
    return panel_of(qtbot, [*built_in, entry(tmp_path, "Alpha"), entry(tmp_path, "Beta")])


def test_the_daily_routine_is_selected_before_any_was_used(qtbot: QtBot,
                                                           tmp_path: Path) -> None:
    panel = the_library(qtbot, tmp_path)
    for remembered in ("", "   "):
        panel.list.setCurrentRow(panel.list.count() - 1)
        assert not panel.select_named(remembered)
        selected = panel.selected_path()
        assert selected is not None and selected.stem == "daily-short"
        assert "daily 10 minutes" in panel.details.toPlainText()


@pytest.mark.parametrize("remembered", [
    "beta.yaml", "Beta", "beta", "Hip internal rotation - strength", "hip-strength"])
def test_the_routine_used_last_is_selected_by_its_path_or_name(
        qtbot: QtBot, tmp_path: Path, remembered: str) -> None:
    panel = the_library(qtbot, tmp_path)
    text = str(tmp_path / remembered) if remembered.endswith(".yaml") else remembered
    assert panel.select_named(text)
    selected = panel.selected_path()
    assert selected is not None
    assert selected.stem == ("hip-strength" if "strength" in remembered else "beta")


def test_a_routine_used_last_that_is_gone_leaves_the_daily_one_selected(
        qtbot: QtBot, tmp_path: Path) -> None:
    panel = the_library(qtbot, tmp_path)
    for gone in (str(tmp_path / "deleted.yaml"), "Evening hips", str(tmp_path)):
        assert not panel.select_named(gone)
        selected = panel.selected_path()
        assert selected is not None and selected.stem == "daily-short"


def test_the_routine_used_last_is_shown_even_when_filtered_out(qtbot: QtBot,
                                                               tmp_path: Path) -> None:
    panel = the_library(qtbot, tmp_path)
    qtbot.keyClicks(panel.filter, "alpha")
    assert panel.select_named(str(tmp_path / "beta.yaml"))
    assert panel.filter.text() == "" and panel.selected_path() == tmp_path / "beta.yaml"
    assert "Beta" in panel.details.toPlainText()


def test_a_built_in_used_last_is_selected_by_its_path(qtbot: QtBot, tmp_path: Path) -> None:
    from .support.checkout import ROUTINES

    panel = the_library(qtbot, tmp_path)
    assert panel.select_named(str(ROUTINES / "hip-mobility.yaml"))
    assert panel.selected_path() == ROUTINES / "hip-mobility.yaml"
