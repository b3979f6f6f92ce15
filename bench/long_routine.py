"""How long does a very long routine keep the window's thread busy before and during a session?

Writes valid routines of 1000 and 3000 exercises (holds and reps, with sets, sides and
ranges) into a temporary folder and times, on this thread, each step the window takes with
one: reading and checking the file as the library does, compiling its timeline, the library's
line and plan preview (the text and the widget showing it), putting a session together as
the window does (the cue plan, the spoken texts in the order they are needed, the engine),
starting it up to its first phase, and then every deadline of the whole session on a fake
clock, with its worst single one. Speech is made on a worker in the app, so here words
come from a stand-in that has none: what is timed is the thread's own work.
Target: each step for 1000 exercises well under 0.5 s, and no deadline near a frame.

    .venv/bin/python bench/long_routine.py [--sizes 1000 3000] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

T = TypeVar("T")

KINDS = (
    "hold: 30-60s, sets: 2-3, sides: both",
    "reps: 10-15, sets: 2, tempo: 2-1-2",
    "hold: 20s",
    "reps: 8, sets: 3, sides: [left, right], order: alternating",
    "hold: 45s",
    "reps: 12",
)
"""Exercise shapes taken in turn; one mapping per line keeps each under the file's value
limit even at 3000 exercises."""
LIGHT = ("hold: 20s", "reps: 10", "hold: 30s, sides: both", "reps: 8, tempo: 2-1-2")
"""Shapes for the longest routines, within the file's limits on values and work periods."""


def routine_text(count: int) -> str:
    """A valid routine of ``count`` exercises, each with its own name."""
    kinds = KINDS if count <= 1000 else LIGHT
    lines = ["hiptimer: 1", f"name: Long routine of {count}",
             "defaults: {prepare: 10s, rest: 15s, switch: 5s}", "exercises:"]
    lines += [f"  - {{name: Exercise {n + 1}, {kinds[n % len(kinds)]}}}" for n in range(count)]
    return "\n".join(lines) + "\n"


def timed(work: Callable[[], T], runs: int) -> tuple[float, T]:
    """The median seconds of ``runs`` runs of ``work``, and what the last one returned."""
    seconds = []
    for _ in range(runs):
        began = time.perf_counter()
        result = work()
        seconds.append(time.perf_counter() - began)
    return statistics.median(seconds), result


class Silent:
    """A sound sink that plays nothing."""

    def play(self, sound: object) -> None:
        pass

    def close(self) -> None:
        pass


class NoWords:
    """A speech maker with no words yet, as before the worker made any."""

    problem: str | None = None

    def say(self, text: str) -> None:
        return None

    def cached(self, text: str) -> None:
        return None


class Idle:
    """A worker that never runs: its work is not the window thread's."""

    def join(self, timeout: float | None = None) -> None:
        pass


def measure(count: int, folder: Path, runs: int) -> list[tuple[str, float]]:
    from hiptimer.cues.announcements import in_order_of_need
    from hiptimer.cues.names import CueSettings
    from hiptimer.practice import Assembler, Practice
    from hiptimer.routine.catalogue import Origin, load_entry
    from hiptimer.routine.model import Routine
    from hiptimer.routine.progression import top_level
    from hiptimer.session.clock import FakeClock
    from hiptimer.session.timeline import compile_timeline
    from hiptimer.ui.library.plan_preview import PlanView, plan_text

    path = folder / f"long-{count}.yaml"
    path.write_text(routine_text(count), encoding="utf-8")
    figures: list[tuple[str, float]] = []

    def step(name: str, work: Callable[[], T]) -> T:
        seconds, result = timed(work, runs)
        figures.append((name, seconds))
        return result

    def loaded() -> Routine:
        entry = load_entry(path, Origin.USER)
        assert entry.routine is not None, entry.why_not()
        return entry.routine

    routine = step("read and check the file", loaded)
    top = top_level(routine)
    timeline = step("compile the timeline", lambda: compile_timeline(routine, top))
    step("library line (timeline, length)", lambda: compile_timeline(routine, top).total_seconds)
    step("plan preview text", lambda: plan_text(timeline, 100))
    view = PlanView()
    view.resize(900, 700)

    def shown() -> PlanView:
        view.show_plan(timeline)
        return view

    step("plan preview shown", shown)
    step("spoken texts in order of need", lambda: in_order_of_need(timeline))
    assembler = Assembler(FakeClock(), Silent(), CueSettings, print, None, data=folder,
                          speaker=NoWords, spawn=lambda _step: Idle())
    practice = step("put the session together", lambda: assembler.assemble(routine))

    def first_phase() -> Practice:
        made = assembler.assemble(routine)
        made.deliver(made.session.start())
        made.prepare()
        return made

    seconds, _ = timed(first_phase, runs)
    figures.append(("put together and start to the first phase", seconds))
    clock = practice.session.clock
    assert isinstance(clock, FakeClock)
    practice.deliver(practice.session.start())
    practice.prepare()
    worst = 0.0
    deadlines = 0
    began = time.perf_counter()
    while (deadline := practice.session.next_deadline()) is not None:
        clock.set(deadline)
        before = time.perf_counter()
        practice.deliver(practice.session.advance())
        practice.prepare()
        worst = max(worst, time.perf_counter() - before)
        deadlines += 1
    figures.append((f"the whole session ({deadlines} deadlines)", time.perf_counter() - began))
    figures.append(("the slowest deadline", worst))
    assert len({phase.exercise_index for phase in timeline.phases}) == count
    figures += in_the_window(path, folder, runs)
    return figures


def in_the_window(path: Path, folder: Path, runs: int) -> list[tuple[str, float]]:
    """The real window, built as the app builds it around a fake clock and a silent sink:
    selecting the routine in the library, then Space up to GET READY on the screen."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from hiptimer.base.preferences import Settings
    from hiptimer.routine.catalogue import Origin, scan_folder
    from hiptimer.session.clock import FakeClock
    from hiptimer.ui.window.app import Surroundings, build_window

    settings = Settings(path=folder / "settings.ini")
    settings.voice = False
    settings.safety_note_seen = True
    library = path.parent
    built = build_window(Surroundings(
        FakeClock(), settings, Quiet(), lambda: None, library, folder / "trash",
        lambda: scan_folder(library, Origin.USER), [library]), sink=Silent())
    window = built.window
    window.show()
    while not window.readiness.ready or window.library.list.count() == 0:
        QApplication.processEvents()
    rows = window.library.list

    def select() -> bool:
        rows.setCurrentRow(-1)
        QApplication.processEvents()
        for row in range(rows.count()):
            if rows.item(row).data(Qt.ItemDataRole.UserRole) == path:
                rows.setCurrentRow(row)
        QApplication.processEvents()
        return window.library.selected_path() == path

    selecting, selected = timed(select, runs)
    assert selected

    starts = []
    for _ in range(runs):
        window.session.forget()
        QApplication.processEvents()
        began = time.perf_counter()
        window.toggle()  # Space
        QApplication.processEvents()
        starts.append(time.perf_counter() - began)
        assert window.view.banner.text() == "GET READY", window.view.banner.text()
    starting = statistics.median(starts)
    window.session.close()
    window.close()
    built.close()
    return [("window: select it in the library", selecting),
            ("window: Space to GET READY", starting)]


class Quiet:
    """Keeps no screen awake."""

    def inhibit(self, reason: str) -> None:
        pass

    def release(self) -> None:
        pass


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 3000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([sys.argv[0]])
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, median of {args.runs} "
          "runs, seconds on the window's thread")
    with tempfile.TemporaryDirectory() as scratch:
        os.environ["HIPTIMER_DATA_DIR"] = str(Path(scratch) / "data")
        results = {}
        for size in args.sizes:
            folder = Path(scratch) / str(size)
            folder.mkdir()
            results[size] = measure(size, folder, args.runs)
    names = [name for name, _ in results[args.sizes[0]]]
    width = max(len(name) for name in names) + 2
    print(f"{'step':<{width}}" + "".join(f"{f'{size} exercises':>16}" for size in args.sizes))
    for row, name in enumerate(names):
        cells = "".join(f"{results[size][row][1]:>15.3f}s" for size in args.sizes)
        label = name.split(" (")[0] if name.startswith("the whole") else name
        print(f"{label:<{width}}{cells}")
    app.quit()
    return 0


if __name__ == "__main__":
    sys.exit(main())
