"""A routine's level: read from the history, held or reset by the user, never past the top."""

from __future__ import annotations

from pathlib import Path

from hiptimer.history.levels import Level, Progression
from hiptimer.history.store import HistoryStore
from hiptimer.routine import Routine, parse_routine
from hiptimer.routine.progression import top_level

from .support.history import StoreOpener

RANGED = parse_routine(b"name: Ranged\nexercises:\n  - {name: a, hold: 30-45s, sets: 1-2}\n",
                       "ranged.yaml")
FIXED = parse_routine(b"name: Fixed\nexercises:\n  - {name: a, hold: 30s}\n", "fixed.yaml")


def progression_over(store: HistoryStore) -> Progression:
    return Progression(lambda: store)


def test_a_new_routine_starts_at_level_zero(open_store: StoreOpener, tmp_path: Path) -> None:
    levels = progression_over(open_store(tmp_path / "history.sqlite"))
    assert levels.level_of(RANGED) == Level(0, False, top_level(RANGED))
    assert top_level(RANGED) == 7 and not levels.level_of(RANGED).at_top
    assert levels.level_of(FIXED) == Level(0, False, 0) and levels.level_of(FIXED).at_top


def test_holding_keeps_the_level_and_stops_the_steps(open_store: StoreOpener,
                                                     tmp_path: Path) -> None:
    store = open_store(tmp_path / "history.sqlite")
    levels = progression_over(store)
    store.set_level(RANGED.name, 3, False)
    assert levels.hold(RANGED, True) == Level(3, True, 7)
    assert store.step_up(RANGED.name, top_level(RANGED)) == 3  # a completed session
    assert levels.hold(RANGED, False) == Level(3, False, 7)
    assert store.step_up(RANGED.name, top_level(RANGED)) == 4


def test_reset_goes_back_to_zero_and_keeps_the_hold(open_store: StoreOpener,
                                                    tmp_path: Path) -> None:
    store = open_store(tmp_path / "history.sqlite")
    levels = progression_over(store)
    store.set_level(RANGED.name, 5, True)
    assert levels.reset(RANGED) == Level(0, True, 7)
    store.set_level(RANGED.name, 5, False)
    assert levels.reset(RANGED) == Level(0, False, 7)


def test_levels_are_the_routines_own(open_store: StoreOpener, tmp_path: Path) -> None:
    store = open_store(tmp_path / "history.sqlite")
    levels = progression_over(store)
    store.set_level(RANGED.name, 2, False)
    levels.hold(FIXED, True)
    levels.reset(FIXED)
    assert levels.level_of(RANGED) == Level(2, False, 7)


def test_a_level_above_the_top_shows_as_the_top_and_is_kept(open_store: StoreOpener,
                                                            tmp_path: Path) -> None:
    # The routine's ranges were narrowed since: its sessions run at the top.
    store = open_store(tmp_path / "history.sqlite")
    levels = progression_over(store)
    store.set_level(RANGED.name, 12, False)
    assert levels.level_of(RANGED) == Level(7, False, 7) and levels.level_of(RANGED).at_top
    levels.hold(RANGED, True)
    assert store.level(RANGED.name) == (12, True)


def test_with_no_history_everything_is_level_zero_and_nothing_changes() -> None:
    levels = Progression(lambda: None)
    assert levels.level_of(RANGED) == Level(0, False, 7)
    assert levels.hold(RANGED, True) is None
    assert levels.reset(RANGED) is None


def test_the_history_is_opened_only_when_a_level_is_needed(open_store: StoreOpener,
                                                           tmp_path: Path) -> None:
    opened: list[HistoryStore] = []

    def history() -> HistoryStore:
        if not opened:
            opened.append(open_store(tmp_path / "history.sqlite"))
        return opened[0]

    levels = Progression(history)
    assert opened == []
    routine: Routine = RANGED
    assert levels.level_of(routine).level == 0 and len(opened) == 1
