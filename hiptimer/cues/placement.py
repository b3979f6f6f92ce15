"""Which cue sounds at which moment of a phase, chosen so that no two sounds ever overlap.

The moments come from the same phase schedule the engine follows. Each candidate cue has
variants from longest to shortest (tone and full sentence, tone and a shorter one, the tone
alone). Cues are placed by importance: the phase's own start first, then the countdown
and halfway, then rep and tempo ticks, each with its shortest sound and only where it
overlaps nothing placed and ends with the phase. Then every placed cue grows into its
longest variant that still ends before the next one starts. Nothing is cut off, because
nothing is started that would have to be.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from hiptimer.base.translation import _
from hiptimer.cues.announcements import DONE, HALFWAY, announcements
from hiptimer.cues.names import CueName, CueSettings
from hiptimer.cues.sound import Sound
from hiptimer.cues.speech import Voice
from hiptimer.session.events import EventKind, TempoPart
from hiptimer.session.schedule import phase_schedule
from hiptimer.session.timeline import PhaseKind, Timeline

EventKey = tuple[EventKind, int | None, TempoPart | None]
"""(kind, value, tempo part): which engine event a cue belongs to, unique within a phase."""

START_CUES = {PhaseKind.PREPARE: CueName.GET_READY, PhaseKind.WORK: CueName.WORK,
              PhaseKind.REST: CueName.REST, PhaseKind.SWITCH: CueName.SWITCH}
TEMPO_CUES = {TempoPart.UP: CueName.TEMPO_UP, TempoPart.HOLD: CueName.TEMPO_HOLD,
              TempoPart.DOWN: CueName.TEMPO_DOWN}
# When two cues fall on the same moment, the earlier in this list is the one heard.
PRIORITY = [EventKind.PHASE_STARTED, EventKind.COUNTDOWN, EventKind.HALFWAY,
            EventKind.TEMPO_PART, EventKind.REP_STARTED]
PHASE_START: EventKey = (EventKind.PHASE_STARTED, None, None)
# Placed in this order: a cue of a later tier never takes the place of an earlier one.
TIERS = [(EventKind.PHASE_STARTED,), (EventKind.COUNTDOWN, EventKind.HALFWAY),
         (EventKind.TEMPO_PART, EventKind.REP_STARTED)]


@dataclass(frozen=True)
class Cue:
    name: CueName
    offset: float
    """Seconds after the phase started."""
    sound: Sound
    text: str | None = None


class CueBank:
    """The sounds every cue can make, at the user's volume, with words where speech works."""

    def __init__(self, tones: dict[CueName, Sound], speaker: Voice | None,
                 settings: CueSettings) -> None:
        self.settings = settings
        self.speaker = speaker if settings.voice else None
        self._source = (tones, speaker)
        self._tones = {name: sound.scaled(settings.volume) for name, sound in tones.items()}
        self._joined: dict[tuple[CueName, str], Sound] = {}

    def retuned(self, settings: CueSettings) -> CueBank:
        """The same sounds and voice under new settings, with nothing read or rendered again."""
        tones, speaker = self._source
        return CueBank(tones, speaker, settings)

    def variants(self, name: CueName, texts: list[str]) -> list[tuple[float, str | None]]:
        """Longest first, in seconds: the tone with each text that can be spoken now, then
        the tone alone. Only lengths: a sound is made (``sound``) for the variant chosen.

        A text whose words are not made yet (speech is made on a worker) is left out, so a
        shorter one made already, or the tone alone, takes its place."""
        tone = self._tones[name]
        result: list[tuple[float, str | None]] = []
        for text in texts if self.speaker is not None else []:
            words = self.speaker.say(text) if self.speaker is not None else None
            if words is not None:
                result.append((tone.then_length(words), text))
        result.append((tone.seconds, None))
        return result

    def sound(self, name: CueName, text: str | None) -> Sound:
        """The tone, then ``text`` spoken (as ``variants`` offered it), at the user's volume."""
        tone = self._tones[name]
        if text is None or self.speaker is None:
            return tone
        key = (name, text)
        if key not in self._joined:
            words = self.speaker.say(text)
            self._joined[key] = tone if words is None else tone.then(
                words.scaled(self.settings.volume))
        return self._joined[key]


def plan_phase(timeline: Timeline, index: int, duration: float | None,
               bank: CueBank) -> dict[EventKey, Cue]:
    """The cues for phase ``index`` lasting ``duration`` (``None``: until the user moves on)."""
    phase = timeline.phases[index]
    settings = bank.settings
    # Every moment's candidates, most important first; a moment sounds at most one of them.
    moments: dict[float, list[tuple[int, EventKey, CueName, list[str]]]] = {}

    def offer(offset: float, key: EventKey, name: CueName, texts: list[str]) -> None:
        if settings.enabled(name):
            moments.setdefault(round(offset, 6), []).append(
                (PRIORITY.index(key[0]), key, name, texts))

    offer(0.0, PHASE_START, START_CUES[phase.kind], announcements(timeline, index))
    parts = phase.tempo.parts if phase.tempo is not None else ()
    for due in phase_schedule(phase, duration) if duration is not None else []:
        key: EventKey = (due.kind, due.value, due.tempo)
        if due.kind is EventKind.COUNTDOWN:
            offer(due.offset, key, CueName.PIP_LAST if due.value == 1 else CueName.PIP, [])
        elif due.kind is EventKind.HALFWAY:
            offer(due.offset, key, CueName.HALFWAY, [_(HALFWAY)])
        elif due.kind is EventKind.TEMPO_PART and due.tempo is not None:
            offer(due.offset, key, TEMPO_CUES[due.tempo], [])
        elif due.kind is EventKind.REP_STARTED and len(parts) != 3:
            offer(due.offset, key, CueName.TICK, [])  # with up-hold-down, "up" marks the rep

    end = float("inf") if duration is None else duration
    placed: dict[float, tuple[EventKey, CueName, list[tuple[float, str | None]]]] = {}
    starts: list[float] = []
    """The placed cues' starts in order. Placed cues never overlap, so a new one can only
    overlap the one placed just before it or the one just after: a phase of 500 reps
    places 1500 cues, and asking each of them would take most of a second."""

    def overlaps(other: float, start: float, length: float) -> bool:
        other_end = other + placed[other][2][-1][0]
        return start < other_end - 1e-9 and other < start + length - 1e-9

    def free(start: float, length: float) -> bool:
        if start + length > end + 1e-9:
            return False
        at = bisect.bisect_left(starts, start)
        return not any(overlaps(starts[near], start, length)
                       for near in (at - 1, at) if 0 <= near < len(starts))

    def place(offset: float, key: EventKey, name: CueName,
              variants: list[tuple[float, str | None]]) -> None:
        placed[offset] = (key, name, variants)
        bisect.insort(starts, offset)

    for tier in TIERS:
        for offset in sorted(moments):
            if offset in placed:
                continue
            for rank, key, name, texts in sorted(moments[offset], key=lambda c: c[0]):
                if PRIORITY[rank] not in tier:
                    continue
                variants = bank.variants(name, texts)
                if free(offset, variants[-1][0]):
                    place(offset, key, name, variants)
                    break

    chosen: dict[EventKey, Cue] = {}
    for position, offset in enumerate(starts):
        key, name, variants = placed[offset]
        limit = starts[position + 1] if position + 1 < len(starts) else end
        text = next((t for length, t in variants if offset + length <= limit + 1e-9),
                    variants[-1][1])
        chosen[key] = Cue(name, offset, bank.sound(name, text), text)
    return chosen


def finish_cue(bank: CueBank) -> Cue | None:
    if not bank.settings.enabled(CueName.FINISHED):
        return None
    text = bank.variants(CueName.FINISHED, [_(DONE)])[0][1]
    return Cue(CueName.FINISHED, 0.0, bank.sound(CueName.FINISHED, text), text)
