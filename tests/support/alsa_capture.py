"""Real playback without a sound card: ALSA's ``file`` plugin hands each stream to a script.

An ``.asoundrc`` in a scratch HOME makes the default device a ``file`` PCM whose output is a
pipe to a tiny shell script, over a ``null`` slave. The script writes every stream it is
given to its own raw file, named with the wall-clock time the stream was opened, so what
simpleaudio played can be read back stream by stream. Used by the tests and bench/cues.py.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass
from pathlib import Path

SCRIPT = """#!/bin/sh
exec cat > "{out}/$(date +%s.%N).raw"
"""
ASOUNDRC = """pcm.!default {{
    type file
    slave.pcm "null"
    file "|{script}"
    format "raw"
}}
"""


@dataclass(frozen=True)
class Stream:
    opened: float
    """Wall-clock seconds when the stream was opened."""
    samples: array[int]


def capture_home(folder: Path) -> Path:
    """A HOME whose ALSA default device captures into ``folder/streams``; returns HOME."""
    home, out = folder / "home", folder / "streams"
    home.mkdir(parents=True)
    out.mkdir()
    script = folder / "capture.sh"
    script.write_text(SCRIPT.format(out=out))
    script.chmod(0o755)
    (home / ".asoundrc").write_text(ASOUNDRC.format(script=script))
    return home


def streams(folder: Path) -> list[Stream]:
    """Every captured stream, in the order they were opened (16-bit mono samples)."""
    found = []
    for path in (folder / "streams").glob("*.raw"):
        samples = array("h")
        data = path.read_bytes()
        samples.frombytes(data[:len(data) - len(data) % 2])
        found.append(Stream(float(path.stem), samples))
    return sorted(found, key=lambda s: s.opened)
