"""How exactly do phases start? Runs routines through the headless runner in real time.

For each length asked for (default: a 1-minute and a 10-minute routine) it writes a routine
of short phases, runs ``hiptimer run --no-gui --events`` on it while another process keeps
a CPU core busy, and prints the phase-start error (``t - scheduled`` from the events file)
at p50, p99 and max, and the drift at the end (when ``finished`` was written, against when
it was due). Every cue is played, by the player process, into ALSA's ``null`` device (a
scratch HOME's ``.asoundrc``), so the cost of sound is part of the figures; ``--mute`` leaves
sound out. Targets: p99 under 5 ms, max under 20 ms, no growth with session length.

    .venv/bin/python bench/timing.py [--minutes 1 10] [--no-load] [--mute]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from hiptimer.routine import parse_routine
from hiptimer.session import compile_timeline

BURN = "while True:\n    pass\n"


def routine_text(minutes: float) -> str:
    """Phases of 1 to 3 seconds (holds, reps with a tempo, rests, switches), ``minutes`` long."""
    head = "name: Timing bench\ndefaults: {prepare: 2s, rest: 2s, switch: 1s, tempo: 1-1-1}\n"
    block = ("  - {name: Hold, hold: 3s, sets: 2, sides: both}\n"
             "  - {name: Reps, reps: 1, sets: 2}\n")
    one = compile_timeline(parse_routine(f"{head}exercises:\n{block}".encode(), "bench"))
    repeats = max(1, round(minutes * 60 / one.total_seconds))
    return f"{head}exercises:\n{block * repeats}"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


def run(minutes: float, load: bool, mute: bool) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        routine = folder / "bench.yaml"
        routine.write_text(routine_text(minutes))
        events = folder / "events.jsonl"
        home = folder / "home"
        home.mkdir()
        (home / ".asoundrc").write_text("pcm.!default { type null }\n")
        burner = subprocess.Popen([sys.executable, "-c", BURN]) if load else None
        try:
            env = {**os.environ, "HIPTIMER_DATA_DIR": str(folder / "data"), "HOME": str(home)}
            subprocess.run([sys.executable, "-m", "hiptimer", "run", "--no-gui", str(routine),
                            "--events", str(events), *(["--mute"] if mute else [])],
                           check=True, env=env, stdin=subprocess.DEVNULL,
                           stdout=subprocess.DEVNULL)
        finally:
            if burner is not None:
                burner.kill()
                burner.wait()
        lines = [json.loads(line) for line in events.read_text().splitlines()]
    errors = [(e["t"] - e["scheduled"]) * 1000 for e in lines if e["event"] == "phase_start"]
    end = lines[-1]
    return {
        "minutes": minutes,
        "phases": len(errors),
        "p50_ms": statistics.median(errors),
        "p99_ms": percentile(errors, 0.99),
        "max_ms": max(errors),
        "drift_ms": (end["t"] - end["scheduled"]) * 1000,
        "length_s": end["scheduled"],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, nargs="+", default=[1, 10])
    parser.add_argument("--no-load", action="store_true", help="no busy CPU core beside it")
    parser.add_argument("--mute", action="store_true", help="play no sound")
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, "
          f"{'one core kept busy' if not args.no_load else 'no extra load'}, "
          f"{'muted' if args.mute else 'cues played by the player process'}")
    print(f"{'length':>8} {'phases':>7} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8} "
          f"{'end drift ms':>13}")
    for minutes in args.minutes:
        r = run(minutes, not args.no_load, args.mute)
        print(f"{r['length_s'] / 60:>7.1f}m {r['phases']:>7} {r['p50_ms']:>8.2f} "
              f"{r['p99_ms']:>8.2f} {r['max_ms']:>8.2f} {r['drift_ms']:>13.2f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
