"""How late do cues reach the sound device? Captures real playback through ALSA's file plugin.

Runs a routine dense with cues through ``hiptimer run --no-gui`` in real time, with the
default ALSA device replaced by a capture (see tests/support/alsa_capture.py), and prints the
lateness of each cue from when it was due to when its stream was opened: p50, p99 and max.
Opening a stream starts a small shell script that stamps it; that script's own start-up is
measured separately and printed beside the figures. Target: p99 under 10 ms.

    .venv/bin/python bench/cues.py [--minutes 2]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.support.alsa_capture import capture_home, streams

BLOCK = ("  - {name: Hold, hold: 21s, prepare: 6s}\n"
         "  - {name: Reps, reps: 6, tempo: 1-1-1, sets: 2, rest: 4s, prepare: 6s}\n")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def stamp_overhead(folder: Path, count: int = 30) -> float:
    """Median ms from starting the capture script to the time it writes in its file name."""
    script = folder / "capture.sh"
    out = folder / "streams"
    delays = []
    for _ in range(count):
        before = time.time()
        subprocess.run([str(script)], input=b"", check=True)
        newest = max(out.glob("*.raw"), key=lambda p: float(p.stem))
        delays.append((float(newest.stem) - before) * 1000)
        newest.unlink()
    return statistics.median(delays)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=2.0)
    args = parser.parse_args()
    repeats = max(1, round(args.minutes * 60 / 66))
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        home = capture_home(folder)
        routine = folder / "cues.yaml"
        routine.write_text(f"name: Cue bench\nexercises:\n{BLOCK * repeats}")
        events = folder / "events.jsonl"
        env = {**os.environ, "HOME": str(home), "HIPTIMER_DATA_DIR": str(folder / "data")}
        subprocess.run([sys.executable, "-m", "hiptimer", "run", "--no-gui", str(routine),
                        "--events", str(events)], env=env, check=True,
                       stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
        lines = [json.loads(line) for line in events.read_text().splitlines()]
        heard = streams(folder)
        overhead = stamp_overhead(folder)
    wall = next(line["wall"] for line in lines if line["event"] == "start")
    cues = [line for line in lines if line["event"] == "cue"]
    if len(cues) != len(heard):
        print(f"{len(cues)} cues sent but {len(heard)} streams captured", file=sys.stderr)
        return 1
    late = [(stream.opened - (wall + cue["scheduled"])) * 1000
            for cue, stream in zip(cues, heard, strict=True)]
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, {len(cues)} cues over "
          f"{lines[-1]['scheduled'] / 60:.1f} min")
    print(f"cue lateness (due -> stream opened): p50 {statistics.median(late):.2f} ms, "
          f"p99 {percentile(late, 0.99):.2f} ms, max {max(late):.2f} ms")
    print(f"of which the capture script's own start-up: about {overhead:.2f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
