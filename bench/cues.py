"""How late do cues reach the sound device? Captures real playback through ALSA's file plugin.

Runs a routine dense with cues through ``hiptimer run --no-gui`` in real time, with the
default ALSA device replaced by a capture (see tests/support/alsa_capture.py), and prints the
lateness of each cue from when it was due to when its first sample reached the device: p50,
p99 and max. A small shell script waits on each stream and stamps it when that sample comes;
the time it takes to stamp is measured separately and printed beside the figures. Target:
p99 under 10 ms. ``HIPTIMER_SOUND_LIBRARY=simpleaudio`` measures the optional library.

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
from hiptimer.cues.sound_library import CHOICE_VARIABLE
from tests.support.alsa_capture import capture_home, streams

BLOCK = ("  - {name: Hold, hold: 21s, prepare: 6s}\n"
         "  - {name: Reps, reps: 6, tempo: 1-1-1, sets: 2, rest: 4s, prepare: 6s}\n")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def stamp_overhead(folder: Path, count: int = 30) -> float:
    """Median ms from a first sample reaching a waiting capture script to its stamp."""
    script = folder / "capture.sh"
    out = folder / "streams"
    delays = []
    for _ in range(count):
        waiting = subprocess.Popen([str(script)], stdin=subprocess.PIPE)
        time.sleep(0.05)  # the script is up and waiting, as for a stream opened ahead
        assert waiting.stdin is not None
        sent = time.time()
        waiting.stdin.write(b"\0\1")
        waiting.stdin.close()
        waiting.wait()
        newest = max(out.glob("*.raw"), key=lambda p: float(p.stem))
        delays.append((float(newest.stem) - sent) * 1000)
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
    late = [(stream.began - (wall + cue["scheduled"])) * 1000
            for cue, stream in zip(cues, heard, strict=True)]
    library = os.environ.get(CHOICE_VARIABLE) or "default (miniaudio)"
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, {len(cues)} cues over "
          f"{lines[-1]['scheduled'] / 60:.1f} min, sound library: {library}")
    print(f"cue lateness (due -> first sample at the device): p50 {statistics.median(late):.2f} "
          f"ms, p99 {percentile(late, 0.99):.2f} ms, max {max(late):.2f} ms")
    print(f"of which the capture script's stamping: about {overhead:.2f} ms")
    slowest = sorted(zip(late, cues, strict=True), key=lambda pair: pair[0])[-3:]
    print("slowest: " + ", ".join(f"cue {cues.index(cue) + 1} ({cue['name']}) {ms:.2f} ms"
                                  for ms, cue in reversed(slowest)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
