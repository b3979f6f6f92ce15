"""Spoken announcements through espeak-ng, rendered ahead of time and cached on disk.

Rendering happens on a worker while the session runs (``speech_worker``), never at the
moment a cue is due, so speech costs the timer nothing. What is rendered is the text as it
is said (``spoken``); the cache is keyed by engine, voice, speed and those words, so words
of one language are never heard in another's voice.

The voice is the language's (``VOICES``): the language the announcements are written in,
the one installed unless the caller says. Whether espeak-ng has that voice is asked once,
before the first words are made; where it has none, that is told once and cues are tones.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Final, Protocol

from hiptimer.base.files import write_atomically
from hiptimer.base.language import Language
from hiptimer.base.notice import Notice
from hiptimer.base.privacy import make_folder
from hiptimer.base.translation import _, installed_language
from hiptimer.cues.pronunciation import spoken
from hiptimer.cues.sound import Sound, read_wav, trimmed, write_wav

ENGINE = "espeak-ng"
RENDER_TIMEOUT = 2.0
"""Seconds espeak-ng has for one announcement: it takes tens of milliseconds, so one that
takes this long is stuck, and speech is given up for tones rather than waited for."""

VOICES: Final = {Language.ENGLISH: "en-us", Language.GERMAN: "de", Language.SPANISH: "es"}
"""The espeak-ng voice each language is spoken in."""


class Voice(Protocol):
    def say(self, text: str) -> Sound | None:
        """The words as sound, or ``None`` when they cannot be spoken."""


class Speaker:
    """espeak-ng behind a cache on disk; used from one thread at a time (once a session's
    speech worker has started, from the worker's)."""

    def __init__(self, cache_dir: Path, language: Language | None = None,
                 words_per_minute: int = 170, engine: str | None = None,
                 timeout: float = RENDER_TIMEOUT) -> None:
        self.cache_dir = cache_dir
        self.timeout = timeout
        self.language = installed_language() if language is None else language
        """The language of the words it is given, and of the voice that says them."""
        self.voice = VOICES[self.language]
        self.words_per_minute = words_per_minute
        self.engine = engine if engine is not None else shutil.which(ENGINE)
        self.problem: str | None = None
        """Why speech is unavailable, once something has gone wrong."""
        if self.engine is None:
            self.problem = _("{engine} is not installed, so cues are tones only; install it "
                             "for spoken announcements").format(engine=ENGINE)
        self._voice_checked = False
        self._memory: dict[str, Sound | None] = {}

    @property
    def available(self) -> bool:
        return self.engine is not None and self.problem is None

    def say(self, text: str) -> Sound | None:
        """The words as sound, or ``None`` when there is no working speech engine."""
        if text in self._memory:
            return self._memory[text]
        sound = self._render(text) if self.available else None
        self._memory[text] = sound
        return sound

    def cached(self, text: str) -> Sound | None:
        """The words if they were made before (on disk or here), else ``None``: never made
        now, so it is quick enough to ask on the timer's thread."""
        if text in self._memory:
            return self._memory[text]
        if not self.available:
            return None
        sound = self._read_cache(self._cache_path(spoken(text, self.language)))
        if sound is not None:
            self._memory[text] = sound
        return sound

    def _cache_path(self, text: str) -> Path:
        key = hashlib.sha256(
            f"{ENGINE}|{self.voice}|{self.words_per_minute}|{text}".encode()).hexdigest()[:32]
        return self.cache_dir / f"{key}.wav"

    @staticmethod
    def _read_cache(cached: Path) -> Sound | None:
        try:
            if cached.is_file():
                return read_wav(cached)
        except (OSError, ValueError):
            pass  # a damaged cache entry is simply made again
        return None

    def _render(self, written: str) -> Sound | None:
        assert self.engine is not None
        text = spoken(written, self.language)
        cached = self._cache_path(text)
        sound = self._read_cache(cached)
        if sound is not None:
            return sound
        if not self._voice_checked:
            self._voice_checked = True
            if not self._has_voice():
                return None
        try:
            make_folder(self.cache_dir)
            with tempfile.TemporaryDirectory(dir=self.cache_dir) as scratch:
                raw = Path(scratch) / "raw.wav"
                subprocess.run([self.engine, "-v", self.voice, "-s", str(self.words_per_minute),
                                "-w", str(raw), "--", text],
                               check=True, capture_output=True, timeout=self.timeout)
                sound = trimmed(read_wav(raw))
                ready = Path(scratch) / "ready.wav"
                write_wav(ready, sound)
                # A cache entry is made again when it is lost: no need to sync it.
                write_atomically(cached, ready.read_bytes(), durable=False)
            return sound
        except (OSError, ValueError, subprocess.SubprocessError) as exc:
            self.problem = engine_failed(exc)
            return None

    def _has_voice(self) -> bool:
        """Whether espeak-ng has the language's voice; when it has none, or cannot be asked
        at all, ``problem`` says so. An engine that answers with an error is not judged
        here: making the words finds out what is wrong with it."""
        assert self.engine is not None
        try:
            listing = subprocess.run([self.engine, f"--voices={self.voice}"],
                                     capture_output=True, timeout=self.timeout)
        except (OSError, subprocess.SubprocessError) as exc:
            self.problem = engine_failed(exc)
            return False
        if listing.returncode != 0:
            return True
        if lists_voice(listing.stdout.decode(errors="replace"), self.voice):
            return True
        self.problem = Notice(
            _("There is no voice for spoken announcements in this language, so cues are tones "
              "only."),
            # Translators: {engine} is the speech program, {voice} its name for the voice.
            _("{engine} has no voice '{voice}'; installing its voice data adds it.").format(
                engine=ENGINE, voice=self.voice))
        return False


def lists_voice(listing: str, voice: str) -> bool:
    """Whether espeak-ng's list of voices (``--voices=<voice>``) holds ``voice`` itself,
    spoken by espeak-ng alone (an MBROLA voice needs more installed, and is not taken)."""
    for line in listing.splitlines()[1:]:
        fields = line.split()
        if len(fields) >= 5 and fields[1] == voice and not fields[4].startswith("mb/"):
            return True
    return False


def engine_failed(exc: BaseException) -> Notice:
    """The problem told when espeak-ng fails: speech is off from then on."""
    return Notice(_("spoken announcements are off: {engine} failed").format(engine=ENGINE),
                  str(exc))
