"""Progression within ranges: each completed session steps a routine up, never past the top."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from hiptimer.cli import main
from hiptimer.history.schema import MIGRATIONS, SCHEMA_VERSION
from hiptimer.routine import parse_routine
from hiptimer.routine.progression import Dose, dose, doses, top_level
from hiptimer.session import PhaseKind, compile_timeline

from .support.history import StoreOpener, recorded_session

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

Write = Callable[..., Path]


def exercise(text: str):  # type: ignore[no-untyped-def]
    return parse_routine(f"name: t\nexercises:\n  - {text}\n".encode(), "t.yaml").exercises[0]


def test_holds_step_up_five_seconds_then_add_a_set_that_asks_more() -> None:
    ladder = doses(exercise("{name: a, hold: 30-45s, sets: 2-3}"))
    # 3 x 30 s would be no more than 2 x 45 s: the third set starts at 35 s.
    assert ladder == [Dose(2, 30, None), Dose(2, 35, None), Dose(2, 40, None),
                      Dose(2, 45, None), Dose(3, 35, None), Dose(3, 40, None),
                      Dose(3, 45, None)]


def test_reps_step_up_one_then_a_set_with_reps_back_at_the_low_end() -> None:
    ladder = doses(exercise("{name: a, reps: 8-10, sets: 2-3}"))
    assert ladder == [Dose(2, None, 8), Dose(2, None, 9), Dose(2, None, 10),
                      Dose(3, None, 8), Dose(3, None, 9), Dose(3, None, 10)]
    assert dose(exercise("{name: a, reps: 8-10, sets: 2-3}"), 99) == Dose(3, None, 10)


def test_fixed_values_do_not_move() -> None:
    assert doses(exercise("{name: a, hold: 30s}")) == [Dose(1, 30, None)]
    assert doses(exercise("{name: a, reps: 10, sets: 1-2}")) == [Dose(1, None, 10),
                                                                  Dose(2, None, 10)]


def test_the_timeline_follows_the_level() -> None:
    routine = parse_routine(b"name: t\nexercises:\n  - {name: a, hold: 30-60s, sets: 2-3}\n",
                            "t.yaml")
    work: Callable[[int], list[float | None]] = lambda level: [  # noqa: E731
        p.duration for p in compile_timeline(routine, level).phases if p.kind is PhaseKind.WORK]
    assert work(0) == [30, 30] and work(1) == [35, 35] and work(6) == [60, 60]
    # The top of the hold reached: one more set, from 45 s, the first more than 2 x 60 s.
    assert work(7) == [45, 45, 45]
    assert work(100) == [60, 60, 60] and top_level(routine) == 10


def test_completed_sessions_step_up_and_stopped_ones_do_not(open_store: StoreOpener,
                                                            tmp_path: Path) -> None:
    store = open_store(tmp_path / "history.sqlite")
    recorded_session(store)
    # "Rec" has no ranges, so its top level is 0: it stays there.
    assert store.level("Rec") == (0, False)
    store.set_level("Other", 2, False)
    assert store.step_up("Other", 3) == 3 and store.step_up("Other", 3) == 3
    store.set_level("Other", 1, True)
    assert store.step_up("Other", 3) == 1  # held
    recorded_session(store, steps=3.5)
    assert store.level("Rec") == (0, False)


def test_a_version_1_history_is_migrated_with_its_sessions(open_store: StoreOpener,
                                                           tmp_path: Path) -> None:
    path = tmp_path / "history.sqlite"
    db = sqlite3.connect(path)
    db.executescript(MIGRATIONS[1] + "PRAGMA user_version = 1;")
    db.execute("INSERT INTO sessions (routine_name, content_hash, started_at, planned_work, "
               "completed_work, status) VALUES ('Old', 'x', '2026-01-05T10:00:00+00:00', 60, "
               "58, 'completed')")
    db.commit()
    db.close()
    store = open_store(path)
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert [s.routine_name for s in store.sessions()] == ["Old"]
    assert store.level("Old") == (0, False)


def test_plan_shows_the_level_in_use(open_store: StoreOpener, data_dir: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    store = open_store(data_dir / "history.sqlite")
    store.set_level("Hip internal rotation - mobility", 2, False)
    store.close()
    assert main(["plan", "hip-mobility"]) == 0
    out = capsys.readouterr().out
    assert "Level 2 of " in out and "  40s" in out  # 30-60s holds two steps up
    assert main(["plan", "hip-mobility", "--level", "0", "--json"]) == 0
    assert '"level": 0' in capsys.readouterr().out


def test_the_window_shows_holds_and_resets_the_level(open_store: StoreOpener, qtbot: QtBot,
                                                    data_dir: Path) -> None:
    from PySide6.QtCore import Qt

    from .support.window import Harness

    # A routine of its own, written before the window watches the folder: the built-ins'
    # contents and budgets change with the seasons.
    (data_dir / "routines").mkdir()
    (data_dir / "routines" / "steady.yaml").write_text(
        "name: Steady\nexercises:\n  - {name: Frog, hold: 30-60s, sets: 2-3, sides: both}\n")
    ui = Harness(qtbot, data_dir)
    store = open_store(data_dir / "history.sqlite")
    ui.store = store
    name = "Steady"
    store.set_level(name, 2, False)
    ui.window.reload_library()
    ui.select("steady")
    shown = ui.window.library.details.toPlainText()
    assert "Level 2 of 10" in shown and "Length: 3m15s now, 6m55s at the top level" in shown
    ui.window.levels.hold(True)
    assert store.level(name) == (2, True)
    ui.window.levels.reset()
    assert store.level(name) == (0, True)
    store.set_level(name, 3, False)
    selected = ui.window.library.selected_path()
    assert selected is not None
    ui.window.start(selected)
    ui.key(Qt.Key.Key_Space)  # pause at once, then look at the first hold
    ui.key(Qt.Key.Key_Right)
    assert ui.view.countdown.text() == "45"  # 30-60s at level 3
    ui.window.close()


def test_a_budget_stops_the_climb_where_the_session_would_outgrow_it() -> None:
    text = "name: t\n{}exercises:\n  - {{name: a, hold: 30-60s, sets: 2-3}}\n"
    free = parse_routine(text.format("").encode(), "t.yaml")
    capped = parse_routine(text.format("budget: 2m40s\n").encode(), "t.yaml")
    assert top_level(free) == 10 and compile_timeline(free, 10).total_seconds == 220
    # 2 x 60 s (2m25s with the pauses) is as far as 2m40s goes: a third set would not fit.
    assert top_level(capped) == 6 and compile_timeline(capped, 99).total_seconds == 145
