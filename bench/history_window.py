"""How fast does the history window open on a long history, and how much memory does it take?

Makes a history of many sessions (100 000 by default, one every two hours back from now,
each with its work periods, a few stopped short, cut off or damaged) in a temporary folder,
then, in a fresh process, opens the real history window on it, as the main window does, and
prints:
- the time from asking for the window to its first paint,
- the peak memory (resident set) that opening added,
- the time until the weeks and totals are counted (a part at a time, the window usable
  meanwhile),
- the time to scroll the sessions to the last (the oldest) and paint it, and the memory
  then.
Targets: the window shown within 0.5 s, with under 50 MB more memory.
Runs offscreen unless a display is asked for (``QT_QPA_PLATFORM``).

    .venv/bin/python bench/history_window.py [--sessions 100000] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.child_figures import figures_of

CHILD = "--child"
ROUTINES = ("Hip internal rotation - mobility", "Hip internal rotation - strength", "Daily")
PERIODS = 3
"""Work periods a session holds."""


def _sessions(count: int, now: datetime) -> Iterator[tuple[object, ...]]:
    """The ``sessions`` rows, the oldest first: most completed, every seventh stopped under
    half its work, every 97th cut off, every 5000th with a start no one can read."""
    for number in range(count):
        start = now - timedelta(hours=2 * (count - number))
        status = ("interrupted" if number % 97 == 0 else
                  "stopped" if number % 7 == 0 else "completed")
        started = "garbage" if number % 5000 == 4999 else start.isoformat()
        yield (number + 1, ROUTINES[number % len(ROUTINES)], None, "bench", started,
               (start + timedelta(minutes=12)).isoformat(), 600.0,
               None if status == "interrupted" else 720.0, status)


def _work(count: int) -> Iterator[tuple[object, ...]]:
    """The work periods: ``PERIODS`` a session, fewer for one stopped short."""
    for number in range(count):
        periods = 1 if number % 7 == 0 and number % 97 else PERIODS
        for period in range(periods):
            yield (number + 1, "Frog stretch", "left" if period % 2 else "right", 1,
                   period + 1, 200.0)


def make_history(path: Path, count: int) -> None:
    """A history of ``count`` sessions at ``path``, written in a few statements."""
    from hiptimer.history.store import HistoryStore

    with HistoryStore(path):
        pass  # made with its schema
    db = sqlite3.connect(path)
    try:
        with db:
            db.executemany(
                "INSERT INTO sessions (id, routine_name, routine_file, content_hash, "
                "started_at, ended_at, planned_work, session_seconds, status) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", _sessions(count, datetime.now(UTC)))
            # The database sums each session's work as its periods are written.
            db.executemany(
                "INSERT INTO completed_work (session_id, exercise, side, round, set_number, "
                "seconds) VALUES (?, ?, ?, ?, ?, ?)", _work(count))
    finally:
        db.close()


def _memory() -> dict[str, float]:
    """This process's resident set now and at its peak, in MB."""
    found: dict[str, float] = {}
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            key, _, value = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                found[key] = int(value.split()[0]) / 1024
    return found


def _forget_peak() -> None:
    """Starts the peak resident set afresh from now (Linux)."""
    with open("/proc/self/clear_refs", "w", encoding="ascii") as refs:
        refs.write("5")


def child(path: Path) -> None:
    """Runs in a fresh process: opens the history window on ``path`` and measures it."""
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication, QWidget

    from hiptimer.base.preferences import Settings
    from hiptimer.history.store import HistoryStore

    app = QApplication.instance() or QApplication([sys.argv[0]])
    settings = Settings(path=path.parent / "settings.ini")
    store = HistoryStore(path)  # the main window has it open already: not measured
    from hiptimer.ui.history.windows import HistoryWindows

    painted: list[QWidget] = []

    class Paints(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and isinstance(watched, QWidget):
                painted.append(watched)
            return False

    def until_painted(table: QWidget) -> None:
        painted.clear()
        while table not in painted:
            app.processEvents()
        app.processEvents()  # the rest of the frame

    spy = Paints()
    app.installEventFilter(spy)
    _forget_peak()
    before = _memory()["VmRSS"]
    asked = time.perf_counter()
    view = HistoryWindows(lambda: store, settings, print).open()
    assert view is not None
    until_painted(view.sessions.viewport())
    shown = time.perf_counter() - asked
    opened = _memory()["VmHWM"] - before
    while getattr(view, "tallies", True) is None:  # counted a part at a time
        app.processEvents()
    counted = time.perf_counter() - asked
    asked = time.perf_counter()
    view.sessions.scrollToBottom()
    until_painted(view.sessions.viewport())
    scrolled = time.perf_counter() - asked
    model = view.sessions.model()
    last = model.index(model.rowCount() - 1, 1).data()
    at_end = _memory()["VmHWM"] - before
    print(f"shown {shown:.4f} opened {opened:.1f} counted {counted:.4f} scrolled {scrolled:.4f} "
          f"ended {at_end:.1f} rows {model.rowCount()} last_named {int(bool(last))}",
          flush=True)
    view.close()
    store.close()


def run(path: Path) -> dict[str, float]:
    env = {**os.environ}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    out = subprocess.run([sys.executable, __file__, CHILD, str(path)], env=env, check=True,
                         capture_output=True, text=True).stdout
    return figures_of(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, sqlite "
          f"{sqlite3.sqlite_version}")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "history.sqlite"
        made = time.perf_counter()
        make_history(path, args.sessions)
        print(f"made {args.sessions} sessions in {time.perf_counter() - made:.1f} s "
              f"({path.stat().st_size / 2**20:.1f} MiB)")
        run(path)  # not counted: the first run compiles the modules and fills caches
        runs = [run(path) for _ in range(args.runs)]
    for key, what, unit, scale in (("shown", "opened and painted", "ms", 1000),
                                   ("opened", "memory added to then", "MB", 1),
                                   ("counted", "weeks and totals counted", "ms", 1000),
                                   ("scrolled", "scrolled to the oldest", "ms", 1000),
                                   ("ended", "memory added by then", "MB", 1)):
        figures = sorted(r[key] * scale for r in runs)
        print(f"{what:>24}: {statistics.median(figures):8.1f} {unit} (median of "
              f"{len(figures)}, {figures[0]:.1f}-{figures[-1]:.1f})")
    print(f"rows: {runs[0]['rows']:.0f}, the oldest shown: {bool(runs[0]['last_named'])}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == CHILD:
        child(Path(sys.argv[2]))
    else:
        sys.exit(main())
