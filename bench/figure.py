"""What does the moving body figure cost? Its frames, and a reps session's CPU with it.

Frames: the session screen alone at 1366x768 and 1920x1080, in a reps phase of an exercise
drawn by the body model, its figure repainted (through Qt's widget painting, offscreen)
while it moves; the cost of each frame, median and p99, for every built-in figure.
Target: at most 2 ms at 1920x1080.

CPU: the real window at 1920x1080, offscreen, running a reps phase (tempo 2-1-2) on the real
clock for ``--seconds`` of real time: the process's CPU time over the wall time, with the
figure and, for comparison, the same routine with an exercise that has no figure; and the
frames a second the figure was drawn at. Target: at most 30 frames a second and 2 % of one
core for the figure.

    .venv/bin/python bench/figure.py [--seconds 20] [--frames 300]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SIZES = ((1366, 768), (1920, 1080))
ROUTINE = ("name: Figure bench\ndefaults: {{prepare: 1s, rest: 2s}}\nexercises:\n"
           "  - {{name: {name}, reps: 40, tempo: 2-1-2}}\n")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


class Silent:
    """A sound sink that plays nothing."""

    def play(self, sound: object) -> None:
        pass

    def close(self) -> None:
        pass


def frame_costs(size: tuple[int, int], count: int) -> list[float]:
    """Milliseconds per repaint of the moving figure, over every built-in figure."""
    from PySide6.QtWidgets import QApplication

    from hiptimer.routine.figures import builtin_figure_names
    from hiptimer.routine.parse import parse_routine
    from hiptimer.session.clock import FakeClock
    from hiptimer.session.engine import Session
    from hiptimer.session.status import status_of
    from hiptimer.session.timeline import compile_timeline
    from hiptimer.ui.screen.session_view import SessionView

    view = SessionView()
    view.resize(*size)
    view.show()
    costs: list[float] = []
    for name in builtin_figure_names():
        routine = parse_routine(ROUTINE.format(name=name).encode(), "bench.yaml")
        clock = FakeClock(100.0)
        session = Session(compile_timeline(routine), clock)
        session.start()
        clock.jump(session, clock.now() + 1.5)  # into the first rep's up
        view.show_status(status_of(session))
        QApplication.processEvents()
        moving = view.picture.moving
        if moving is None or moving.figure() is None:
            continue
        for _ in range(count):
            began = time.perf_counter()
            moving.repaint()
            costs.append((time.perf_counter() - began) * 1000)
    view.close()
    return costs


def session_cpu(name: str, seconds: float, folder: Path) -> tuple[float, float]:
    """The process's CPU over the wall time (percent of one core) while the real window runs
    a reps phase of exercise ``name`` for ``seconds``, and the figure's frames a second."""
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from hiptimer.base.preferences import Settings
    from hiptimer.routine.catalogue import scan
    from hiptimer.routine.parse import parse_routine
    from hiptimer.session.clock import MonotonicClock
    from hiptimer.ui.desktop.keep_awake import NullInhibitor
    from hiptimer.ui.window.app import Surroundings, build_window

    settings = Settings(path=folder / f"{name}.ini")
    settings.voice = False
    settings.safety_note_seen = True
    user = folder / "routines"
    user.mkdir(exist_ok=True)
    builtin = folder / "none"
    builtin.mkdir(exist_ok=True)
    built = build_window(Surroundings(
        MonotonicClock(), settings, NullInhibitor(), lambda: None, user, folder / "trash",
        lambda: scan(builtin, user), [user]), sink=Silent())
    window = built.window
    window.resize(*SIZES[-1])
    window.show()
    while not window.readiness.ready:
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    window.start_routine(parse_routine(ROUTINE.format(name=name).encode(), "bench.yaml"))
    settle = time.monotonic() + 3.0  # past the get-ready, into the reps
    while time.monotonic() < settle:
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    moving = window.view.picture.moving
    paints = moving.paints() if moving is not None else 0
    loop = QEventLoop()
    QTimer.singleShot(round(seconds * 1000), loop.quit)
    cpu, wall = time.process_time(), time.monotonic()
    loop.exec()
    cpu, wall = time.process_time() - cpu, time.monotonic() - wall
    frames = ((moving.paints() - paints) / wall) if moving is not None else 0.0
    window.session.stop_without_asking()
    window.close()
    built.close()
    return cpu / wall * 100, frames


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--frames", type=int, default=300,
                        help="repaints timed per figure and screen size")
    args = parser.parse_args()
    from PySide6.QtWidgets import QApplication

    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        for variable in ("HIPTIMER_DATA_DIR", "XDG_CONFIG_HOME", "XDG_DATA_HOME",
                         "XDG_STATE_HOME", "XDG_CACHE_HOME"):
            os.environ[variable] = str(folder / variable.lower())
        app = QApplication.instance() or QApplication(sys.argv[:1])
        assert app is not None
        for size in SIZES:
            costs = frame_costs(size, args.frames)
            print(f"frame at {size[0]}x{size[1]}: median {statistics.median(costs):.2f} ms, "
                  f"p99 {percentile(costs, 0.99):.2f} ms, max {max(costs):.2f} ms "
                  f"({len(costs)} frames)")
        for name, what in (("Clamshells", "with the moving figure"),
                           ("Lift", "without a figure (for comparison)")):
            cpu, frames = session_cpu(name, args.seconds, folder)
            shown = f", {frames:.1f} frames a second" if frames else ""
            print(f"reps phase {what}: {cpu:.2f} % of one core over {args.seconds:g} s"
                  f"{shown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
