"""Which native library the player process plays through, and loading it.

miniaudio is the default: it installs as a wheel on Linux x86_64 for every Python hiptimer
supports, so nothing is compiled. simpleaudio, the library hiptimer started with, is an
optional extra (``hiptimer[simpleaudio]``) and is used when it is asked for by
``HIPTIMER_SOUND_LIBRARY=simpleaudio``, or when miniaudio cannot be loaded. Both give the
player the same thing: ``play_buffer(data, channels, width, rate)`` returning a playback
with ``is_playing``, ``stop`` and ``wait_done``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

CHOICE_VARIABLE = "HIPTIMER_SOUND_LIBRARY"


class SoundLibrary(Enum):
    MINIAUDIO = "miniaudio"
    SIMPLEAUDIO = "simpleaudio"


DEFAULT_ORDER = (SoundLibrary.MINIAUDIO, SoundLibrary.SIMPLEAUDIO)


@dataclass(frozen=True)
class NoLibrary(Exception):
    """No library could be loaded; ``reason`` begins "the sound library", as the app expects."""

    reason: str

    def __str__(self) -> str:
        return self.reason


def libraries_to_try(environ: Mapping[str, str]) -> tuple[SoundLibrary, ...]:
    """The one library the environment names, or the default order when it names none."""
    named = environ.get(CHOICE_VARIABLE, "").strip().lower()
    if not named:
        return DEFAULT_ORDER
    try:
        return (SoundLibrary(named),)
    except ValueError:
        known = " or ".join(library.value for library in SoundLibrary)
        raise NoLibrary(f"the sound library {CHOICE_VARIABLE} names, {named!r}, is not one "
                        f"hiptimer knows; it must be {known}") from None


def load_output(environ: Mapping[str, str]) -> Any:
    """What plays: ``play_buffer`` of the first library of ``libraries_to_try`` that loads."""
    failures = []
    for library in libraries_to_try(environ):
        try:
            return _load(library)
        except ImportError as exc:
            failures.append((library, exc))
    if len(failures) == 1:
        [(only, why)] = failures
        raise NoLibrary(f"the sound library {only.value} cannot be loaded ({why})")
    raise NoLibrary("the sound library cannot be loaded: " + "; ".join(
        f"{tried.value} ({why})" for tried, why in failures))


def _load(library: SoundLibrary) -> Any:
    if library is SoundLibrary.MINIAUDIO:
        import miniaudio

        from hiptimer.cues.miniaudio_output import MiniaudioOutput
        return MiniaudioOutput(miniaudio)
    import simpleaudio
    return simpleaudio
