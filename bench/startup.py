"""How fast does the window appear, how much memory does it take, and what does idling cost?

Prints, beside the same figures for a bare PySide6 window on the same machine:
- the time from starting the process to the main window's first paint (median of runs),
- the peak memory (resident set) at that moment,
- the CPU used while a session runs for a while (default 60 s), as a share of one core,
  in a few sessions one after another (the median, and the spread), each with a session
  bus of its own where ``dbus-run-session`` exists, as on a desktop.
Targets: within 1.5x of the bare window's time, under 80 MiB, under 0.2 % of a core.
Run it where windows can open, e.g. under ``xvfb-run -a``.

    xvfb-run -a .venv/bin/python bench/startup.py [--runs 5] [--seconds 60] [--sessions 3]
                                                  [--routine FILE]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.child_figures import figures_of

CHILD = "--child"


def child(kind: str, seconds: float) -> None:
    """Runs in a fresh process: shows a window and reports when it first painted."""
    started = float(os.environ["BENCH_STARTED"])
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QLabel, QWidget

    app = QApplication.instance() or QApplication([sys.argv[0]])
    window: QWidget
    if kind == "bare":
        window = QLabel("bare window")
        window.resize(1280, 720)
    else:
        import hiptimer.cli  # noqa: F401  (what the hiptimer command loads before the app)
        from hiptimer.base.locations import builtin_routines_dir
        from hiptimer.ui.window.app import build_window

        # As the app starts: the sound player too (it starts after the first paint).
        built = build_window()
        window = built.window
        app.aboutToQuit.connect(built.close)

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            # The first paint of anything in the window: its first frame.
            if (event.type() == QEvent.Type.Paint and not hasattr(self, "seen")
                    and isinstance(watched, QWidget) and watched.window() is window):
                self.seen = True
                painted = time.monotonic() - started
                peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
                print(f"paint {painted:.4f} rss {peak:.1f}", flush=True)
                # Seen once: off again, so it costs nothing while the CPU is measured.
                QTimer.singleShot(0, lambda: app.removeEventFilter(self))
                if seconds <= 0:
                    QTimer.singleShot(0, app.quit)
                else:
                    QTimer.singleShot(0, start_session)
            return False

    def start_session() -> None:
        from hiptimer.ui.window.main_window import MainWindow

        assert isinstance(window, MainWindow)  # only hiptimer's window starts a session
        routine = Path(os.environ.get("BENCH_ROUTINE")
                       or builtin_routines_dir() / "complete-session.yaml")
        window.when_ready(lambda: window.open_path(routine, start=True))
        QTimer.singleShot(2000, measure)

    def measure() -> None:
        before = resource.getrusage(resource.RUSAGE_SELF)
        clock = time.monotonic()

        def done() -> None:
            after = resource.getrusage(resource.RUSAGE_SELF)
            used = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
            from PySide6.QtDBus import QDBusConnection

            bus = QDBusConnection.sessionBus().isConnected()
            print(f"cpu {100 * used / (time.monotonic() - clock):.3f} bus {int(bus)}",
                  flush=True)
            app.quit()

        QTimer.singleShot(int(seconds * 1000), done)

    spy = FirstPaint()
    app.installEventFilter(spy)
    window.show()
    app.exec()


def run(kind: str, seconds: float) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as data:
        env = {**os.environ, "BENCH_STARTED": repr(time.monotonic()), "HIPTIMER_DATA_DIR": data}
        # Started as users start it: from the compiled modules Python keeps beside the code
        # (a shell that forbids writing them would make every start compile them afresh).
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        command = [sys.executable, __file__, CHILD, kind, str(seconds)]
        if seconds > 0 and shutil.which("dbus-run-session"):
            # A desktop has a session bus, and on it the window is a media player that
            # follows the session: measured with one of its own, as users run it.
            command = ["dbus-run-session", "--", *command]
        out = subprocess.run(command, env=env, check=True, capture_output=True,
                             text=True).stdout
    return figures_of(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=60.0,
                        help="how long to measure a running session's CPU (0: skip)")
    parser.add_argument("--sessions", type=int, default=3,
                        help="how many sessions to measure the CPU of, one after another")
    parser.add_argument("--routine", type=Path,
                        help="the routine whose session is measured (default: the complete "
                             "session, which opens with a reps exercise)")
    args = parser.parse_args()
    if args.routine is not None:
        os.environ["BENCH_ROUTINE"] = str(args.routine.resolve())
    platform = os.environ.get("QT_QPA_PLATFORM") or ("xcb" if os.environ.get("DISPLAY")
                                                     else "default")
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, Qt platform {platform}")
    kinds = ("bare", "hiptimer")
    for kind in kinds:
        run(kind, 0)  # not counted: the first start compiles the modules and fills caches
    # Taken in turns, so a machine that gets busier or quieter meanwhile weighs on both.
    runs: dict[str, list[dict[str, float]]] = {kind: [] for kind in kinds}
    for _ in range(args.runs):
        for kind in kinds:
            runs[kind].append(run(kind, 0))
    paint = {kind: statistics.median(r["paint"] for r in runs[kind]) for kind in kinds}
    for kind in kinds:
        low, high = min(r["paint"] for r in runs[kind]), max(r["paint"] for r in runs[kind])
        print(f"{kind:>9}: first paint {paint[kind] * 1000:7.1f} ms (median of {args.runs}, "
              f"{low * 1000:.0f}-{high * 1000:.0f}), peak memory "
              f"{max(r['rss'] for r in runs[kind]):6.1f} MiB", flush=True)
    print(f"hiptimer / bare first paint: {paint['hiptimer'] / paint['bare']:.2f}x")
    if args.seconds > 0:
        sessions = [run("hiptimer", args.seconds) for _ in range(args.sessions)]
        cpu = sorted(r["cpu"] for r in sessions)
        bus = "with" if all(r["bus"] for r in sessions) else "WITHOUT"
        print(f"running session ({bus} a session bus): {statistics.median(cpu):.3f} % of one "
              f"core over {args.seconds:g} s (median of {len(cpu)}, "
              f"{cpu[0]:.3f}-{cpu[-1]:.3f})")
        # Each one, in the order run: one far off the rest is the machine's, or a cost
        # that comes only now and then; the order helps to tell which.
        print("  each session: " + ", ".join(f"{r['cpu']:.3f} %" for r in sessions))
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == CHILD:
        child(sys.argv[2], float(sys.argv[3]))
    else:
        sys.exit(main())
