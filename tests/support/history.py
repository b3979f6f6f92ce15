"""A history store for a test, and a session recorded into it on a fake clock."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from contextlib import closing
from pathlib import Path

from hiptimer.history.recorder import SessionRecorder
from hiptimer.history.store import HistoryStore
from hiptimer.routine import parse_routine
from hiptimer.session import compile_timeline
from hiptimer.session.clock import FakeClock
from hiptimer.session.engine import Session
from hiptimer.session.events import Event

StoreOpener = Callable[[Path], HistoryStore]
"""The ``open_store`` fixture: opens a history that is closed when the test ends."""

ROUTINE = ("name: Rec\ndefaults: {prepare: 2s, rest: 1s}\nexercises:\n"
           "  - {name: Frog, hold: 3s, sets: 2}\n")


def recorded_session(store: HistoryStore, steps: float | None = None, *,
                     until: float | None = None,
                     report: Callable[[str], None] | None = None,
                     at_each: Callable[[float], None] | None = None) -> Session:
    """Runs the routine on a fake clock, recording it: stopped at ``steps`` seconds, or left
    running at ``until``; ``at_each`` hears the clock before each step."""
    timeline = compile_timeline(parse_routine(ROUTINE.encode(), "rec.yaml"))
    clock = FakeClock(0)
    session = Session(timeline, clock)
    recorder = SessionRecorder(store, session, report)

    def record(events: Sequence[Event]) -> None:
        for event in events:
            recorder.on_event(event)

    def step() -> list[Event]:
        if at_each is not None:
            at_each(clock.now())
        return session.advance()

    record(session.start())
    clock.jump(session, until if until is not None else steps, record, wake=step)
    if until is None:
        record(session.stop())  # a session already at its end stops no more
    return session


def statuses_on_disk(data_dir: Path) -> list[str]:
    """The statuses of the sessions in ``data_dir``'s history, read as another process
    writes it (read-only, and empty while the file or its tables are still being made)."""
    path = data_dir / "history.sqlite"
    if not path.exists():
        return []
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
        try:
            return [row[0] for row in db.execute("SELECT status FROM sessions")]
        except sqlite3.OperationalError:  # the tables are being made
            return []
