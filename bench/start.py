"""How long from pressing start to the first phase, with an empty speech cache and a warm one?

For every built-in routine, starts a session as the window does (the routine put together
with the default settings and a history, a driver made for it and started) in a fresh
process, and prints the time from the start command to the first phase: the moment its
first cue is handed to the sound player, which is also when its screen is shown. Each is
measured with an empty speech cache (a first start, or a routine never run before) and with
a warm one (every announcement of the routine made before), as the median of several runs
taken in turns, with the difference. Whether the first cue carried its words is shown
too. Target: the empty cache within 100 ms of the warm one.

    .venv/bin/python bench/start.py [--runs 7] [--routine FILE ...]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

CHILD = "--child"
FILL = "--fill"


def child(path: Path) -> None:
    """Runs in a fresh process on its own data folder: one start, measured."""
    from PySide6.QtCore import QCoreApplication

    from hiptimer.base.preferences import Settings
    from hiptimer.cues.names import CueName
    from hiptimer.cues.sound import Sound
    from hiptimer.cues.tones import built_in
    from hiptimer.history.store import open_history
    from hiptimer.practice import Assembler, cue_settings
    from hiptimer.qtloop.driver import SessionDriver
    from hiptimer.routine.parse import load_routine
    from hiptimer.session.clock import MonotonicClock

    app = QCoreApplication.instance() or QCoreApplication([sys.argv[0]])
    routine = load_routine(path)
    settings = cue_settings(Settings())
    first: list[tuple[float, Sound]] = []

    class FirstSound:
        """Notes when the first cue reaches the player, as the player's sink takes it."""

        def play(self, sound: Sound) -> None:
            if not first:
                first.append((time.perf_counter(), sound))

        def close(self) -> None:
            pass

    history = open_history()
    try:
        assembler = Assembler(MonotonicClock(), FirstSound(), lambda: settings, print,
                              lambda: history)
        pressed = time.perf_counter()
        driver = SessionDriver(assembler.assemble(routine))
        driver.show_status()
        driver.start()
        [(heard, sound)] = first
        tone = built_in(CueName.GET_READY).seconds
        print(f"first {heard - pressed:.6f} words {int(sound.seconds > tone + 0.05)}",
              flush=True)
        driver.stop()
        close = getattr(driver.practice, "close", None)
        if close is not None:
            close()
    finally:
        history.close()
        app.quit()


def fill(path: Path) -> None:
    """Makes every announcement of the routine into the cache: the warm start's cache."""
    from hiptimer.base.locations import SPEECH_CACHE, cache_dir
    from hiptimer.cues.announcements import all_texts
    from hiptimer.cues.speech import Speaker
    from hiptimer.routine.parse import load_routine
    from hiptimer.routine.progression import top_level
    from hiptimer.session.timeline import compile_timeline

    routine = load_routine(path)
    speaker = Speaker(cache_dir() / SPEECH_CACHE)
    for level in range(top_level(routine) + 1):
        for text in sorted(all_texts(compile_timeline(routine, level))):
            speaker.say(text)
    if speaker.problem:
        sys.exit(speaker.problem)


def run(mode: str, path: Path, data: Path) -> dict[str, float]:
    env = {**os.environ, "HIPTIMER_DATA_DIR": str(data)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # started as users start it: compiled modules
    out = subprocess.run([sys.executable, __file__, mode, str(path)], env=env, check=True,
                         capture_output=True, text=True).stdout
    figures: dict[str, float] = {}
    for line in out.splitlines():
        words = line.split()
        if words and words[0] == "first":
            figures = {key: float(value)
                       for key, value in zip(words[::2], words[1::2], strict=True)}
    return figures


def main() -> int:
    from hiptimer.base.locations import builtin_routines_dir

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--routine", type=Path, nargs="+",
                        help="routines to start (default: every built-in one)")
    args = parser.parse_args()
    routines = [p.resolve() for p in args.routine] if args.routine else sorted(
        builtin_routines_dir().glob("*.yaml"))
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, median of {args.runs} "
          "runs each, from start to the first phase's first cue")
    print(f"{'routine':<24} {'empty cache':>12} {'warm cache':>11} {'difference':>11}  "
          "first cue with words (empty / warm)")
    worst: float | None = None
    for path in routines:
        with tempfile.TemporaryDirectory() as scratch:
            warm = Path(scratch) / "warm"
            subprocess.run([sys.executable, __file__, FILL, str(path)], check=True,
                           env={**os.environ, "HIPTIMER_DATA_DIR": str(warm)})
            run(CHILD, path, warm)  # not counted: the first start compiles and fills caches
            cold: list[dict[str, float]] = []
            hot: list[dict[str, float]] = []
            # In turns, so a machine that gets busier or quieter meanwhile weighs on both.
            for turn in range(args.runs):
                cold.append(run(CHILD, path, Path(scratch) / f"cold-{turn}"))
                hot.append(run(CHILD, path, warm))
        empty = statistics.median(r["first"] for r in cold)
        full = statistics.median(r["first"] for r in hot)
        worst = empty - full if worst is None else max(worst, empty - full)
        spoken = (f"{sum(int(r['words']) for r in cold)}/{len(cold)} / "
                  f"{sum(int(r['words']) for r in hot)}/{len(hot)}")
        print(f"{path.stem:<24} {empty * 1000:9.1f} ms {full * 1000:8.1f} ms "
              f"{(empty - full) * 1000:+8.1f} ms  {spoken}", flush=True)
    if worst is not None:
        print(f"largest difference: {worst * 1000:+.1f} ms (target: under 100 ms)")
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == CHILD:
        child(Path(sys.argv[2]))
    elif len(sys.argv) == 3 and sys.argv[1] == FILL:
        fill(Path(sys.argv[2]))
    else:
        sys.exit(main())
