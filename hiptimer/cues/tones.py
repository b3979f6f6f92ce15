"""The built-in cue sounds: one family of soft tones, each cue told apart by pitch and shape.

Rising notes say "begin" (get ready, work), falling notes say "ease off" (rest), a
back-and-forth figure says "switch", short pips count down with a longer, higher last one,
and the metronome uses a high pitch for up and a low pitch for down. A WAV file named after
a cue in the user's ``sounds`` folder replaces it.
"""

from __future__ import annotations

import os
from pathlib import Path

from hiptimer.base.translation import _
from hiptimer.cues.names import CueName
from hiptimer.cues.sound import Sound, join, read_wav, tone

LONGEST_CUE = 10.0
"""The longest custom sound used, in seconds: a cue that outlasts this is a wrong file."""

# Each cue: (frequencies, seconds) notes played one after another.
NOTES: dict[CueName, list[tuple[tuple[float, ...], float]]] = {
    CueName.GET_READY: [((523.25,), 0.12), ((659.25,), 0.16)],
    CueName.WORK: [((880.0, 1318.5), 0.35)],
    CueName.REST: [((587.33,), 0.14), ((392.0,), 0.2)],
    CueName.SWITCH: [((698.46,), 0.1), ((932.33,), 0.1), ((698.46,), 0.12)],
    CueName.PIP: [((1000.0,), 0.1)],
    CueName.PIP_LAST: [((1500.0,), 0.28)],
    CueName.HALFWAY: [((784.0,), 0.22)],
    CueName.TICK: [((1760.0,), 0.05)],
    CueName.TEMPO_UP: [((1244.5,), 0.08)],
    CueName.TEMPO_HOLD: [((932.33,), 0.06)],
    CueName.TEMPO_DOWN: [((622.25,), 0.08)],
    CueName.FINISHED: [((523.25,), 0.12), ((659.25,), 0.12), ((783.99,), 0.12),
                       ((1046.5,), 0.35)],
}


def built_in(name: CueName) -> Sound:
    level = 0.35 if name in (CueName.TICK, CueName.TEMPO_UP, CueName.TEMPO_HOLD,
                             CueName.TEMPO_DOWN) else 0.5
    notes = [tone(freqs, seconds, level=level, attack=0.005, release=min(0.04, seconds / 3))
             for freqs, seconds in NOTES[name]]
    return join(*notes, gap=0.03)


def load_tones(custom_dir: Path) -> tuple[dict[CueName, Sound], list[str]]:
    """Every cue's tone, taking the user's WAV files where they exist and can be read.

    Returns the tones and a one-line message for each custom file that could not be used.
    Anything by a cue's name counts, even a FIFO or a broken link, so nothing is passed
    over in silence.
    """
    tones: dict[CueName, Sound] = {}
    problems: list[str] = []
    for name in CueName:
        path = custom_dir / f"{name.value}.wav"
        if os.path.lexists(path):
            try:
                tones[name] = read_wav(path, LONGEST_CUE)
                continue
            except ValueError as exc:
                problems.append(_("custom sound {path} cannot be used: {problem}; the "
                                  "built-in sound plays instead").format(path=path, problem=exc))
        tones[name] = built_in(name)
    return tones, problems
