"""Real playback without a sound card: ALSA's ``file`` plugin hands each stream to a script.

An ``.asoundrc`` in a scratch HOME makes the default device a ``file`` PCM whose output is a
pipe to a tiny shell script, over a ``null`` slave. The script writes every stream it is
given to its own raw file, named with the wall-clock time the stream's first sample reached
the device, so what the player played, and when it began, can be read back stream by
stream. A stream opened and closed again unused (miniaudio opens the next sound's stream
ahead) leaves nothing. Used by the tests and bench/cues.py.

ALSA's null device takes samples as fast as they come, not in real time, so a stream that
stays open a moment after its sound (miniaudio's, while its closing thread gets going) is
written a run of silence a sound card would have played in those few milliseconds. A
stream is read up to its last sound: the digital silence after it is not heard.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass
from pathlib import Path

SCRIPT = """#!/bin/sh
part="{out}/.$$.part"
dd bs=2 count=1 of="$part" 2>/dev/null
stamp=$(date +%s.%N)
if [ -s "$part" ]; then
    mv "$part" "{out}/$stamp.raw"
    exec cat >> "{out}/$stamp.raw"
fi
rm -f "$part"
"""
"""Waits for the stream's first sample, names its file with the time it came, then keeps
the rest; a stream that ends with no sample at all leaves no file."""
ASOUNDRC = """pcm.!default {{
    type file
    slave.pcm "null"
    file "|{script}"
    format "raw"
}}
"""


@dataclass(frozen=True)
class Stream:
    began: float
    """Wall-clock seconds when the stream's first sample reached the device."""
    samples: array[int]
    """What was heard: the stream up to its last sample that is not silence."""


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
    """Every captured stream, in the order they began (16-bit mono samples)."""
    found = []
    for path in (folder / "streams").glob("*.raw"):
        samples = array("h")
        data = path.read_bytes()
        data = data[:len(data) - len(data) % 2].rstrip(b"\0")
        samples.frombytes(data + bytes(len(data) % 2))
        found.append(Stream(float(path.stem), samples))
    return sorted(found, key=lambda s: s.began)
