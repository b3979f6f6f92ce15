"""One session, assembled from a routine and the user's settings, for every front end.

The window and the terminal runner both ask an ``Assembler`` for a ``Practice``: the
timeline at the user's level, the engine on the injected clock, the cues (their spoken
announcements made on a worker as the session runs, so the first phase never waits for
them), and the history recorder. A front end's Qt driver only
arms a timer for the engine's next deadline and hands each batch of events to
``Practice.deliver``, which passes them on (sound first) and says whether what a front end
shows has changed. Once the session is over, ``Practice.summary`` says what it came to, and
``Practice.close`` ends the speech worker. A completed session's check-in is answered with
``Practice.rate``, which hands the answer to the history (``Rate``) and to the summary, and
its question is spoken with ``Practice.say``. No Qt here.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from pathlib import Path

from hiptimer.base.locations import SPEECH_CACHE, cache_dir, data_dir
from hiptimer.base.preferences import Settings
from hiptimer.base.translation import _
from hiptimer.cues.announcements import in_order_of_need, phase_texts
from hiptimer.cues.dispatch import CueDispatcher
from hiptimer.cues.names import CueGroup, CueName, CueSettings
from hiptimer.cues.placement import CueBank, finish_cue
from hiptimer.cues.player import AudioSink, SoundTrouble
from hiptimer.cues.sound import Sound
from hiptimer.cues.speech import Speaker
from hiptimer.cues.speech_worker import Spawn, SpeechMaker, SpeechWorker, on_thread
from hiptimer.cues.tones import load_tones
from hiptimer.history.motion import measure_again
from hiptimer.history.ratings import NotRated
from hiptimer.history.recorder import SessionRecorder
from hiptimer.history.store import HistoryStore
from hiptimer.history.weeks import week_count
from hiptimer.routine.model import Routine
from hiptimer.routine.progression import level_in_range, top_level
from hiptimer.session.clock import Clock
from hiptimer.session.engine import Session
from hiptimer.session.events import Event
from hiptimer.session.feeling import Feeling
from hiptimer.session.state import State
from hiptimer.session.status import CLOCK_ONLY, Status, status_of
from hiptimer.session.summary import DoneSummary, session_summary
from hiptimer.session.timeline import Timeline, compile_timeline

Listener = Callable[[Event], None]
Report = Callable[[str], None]
WeeklyTarget = Callable[[], int]
"""The user's weekly target, asked for when a summary is made (it may change meanwhile)."""
Rate = Callable[[int, Feeling], None]
"""Keeps how a completed session (its id in the history) felt, and moves its routine's level
to match: ``HistoryStore.rate`` (``rate_in``), or a test's stand-in. Raises ``NotRated`` when
the history cannot take it."""


class Practice:
    """One session of a routine with everything that follows its events.

    ``listeners`` hear every event in order (the cues first, so a sound is on its way
    before anything else is done for its event). ``deliver`` returns the new ``Status``
    when what a front end shows has changed, and ``None`` when it has not.
    """

    def __init__(self, session: Session, cues: CueDispatcher | None = None,
                 recorder: SessionRecorder | None = None,
                 listeners: Iterable[Listener] = (),
                 weekly_target: WeeklyTarget | None = None, rate: Rate | None = None,
                 report: Report | None = None) -> None:
        self.session = session
        self.cues = cues
        self.recorder = recorder
        self.weekly_target = weekly_target or _default_target
        self.rater = rate
        self.report = report
        self.feeling: Feeling | None = None
        """How the session felt, as answered in its check-in; ``None`` until then."""
        self._rating_asked = False
        """The history was asked to keep the answer (once: a refusal is said, not asked
        again)."""
        self._rating_taken = False
        self.listeners: list[Listener] = []
        if cues is not None:
            self.listeners.append(cues.on_event)
        if recorder is not None:
            self.listeners.append(recorder.on_event)
        self.listeners.extend(listeners)
        self._shown: Status | None = None

    @property
    def timeline(self) -> Timeline:
        return self.session.timeline

    @property
    def muted(self) -> bool:
        return self.cues is not None and self.cues.bank.settings.volume <= 0

    def status(self) -> Status:
        return status_of(self.session, self.muted)

    def deliver(self, events: Sequence[Event]) -> Status | None:
        for event in events:
            for listener in self.listeners:
                listener(event)
        if self.feeling is not None and self.session.is_live():
            self.feeling = None  # started again: the new run is not rated yet
        shown = self._shown
        if (events and shown is not None and shown.live and shown.state is self.session.state
                and all(event.kind in CLOCK_ONLY for event in events)):
            # Most seconds: time passed and nothing else happened.
            return self._differing(shown.ticked(self.session))
        return self.changed_status()

    def prepare(self) -> None:
        """Work done ahead of need (the next phase's cues, and those words made since
        can improve), once what was due has been delivered and shown: the driver calls it
        after each delivery."""
        if self.cues is not None:
            self.cues.prepare()

    def close(self) -> None:
        """Nothing more is made ahead (the speech worker ends); a session started over
        makes what it still lacks again. The driver calls it when the session ends."""
        if self.cues is not None:
            self.cues.close()

    def changed_status(self) -> Status | None:
        """The status, when it differs from the one last returned."""
        return self._differing(self.status())

    def _differing(self, status: Status) -> Status | None:
        """``status``, kept as the one last returned, if it differs from that one."""
        if status == self._shown:
            return None
        self._shown = status
        return status

    def summary(self) -> DoneSummary | None:
        """What the session came to, once it has finished or been stopped; ``None`` before
        that, and for a session stopped before it started.

        Read from the history at each call, so call it once the end has been delivered (the
        driver's ``status_changed`` or ``event_happened`` for the end): by then the recorder
        has written the session, so this week counts it and the next level has its step-up.
        Without a history (or when reading it fails) the history's values are ``None``; so
        they are while the end is not written yet (``unrecorded``), so that nothing claims a
        count or a step up the history does not hold.
        """
        session = self.session
        if session.state not in (State.FINISHED, State.STOPPED) or session.started_at is None:
            return None
        timeline = self.timeline
        facts = session_summary(session)
        recorder = self.recorder
        unrecorded = recorder is not None and recorder.pending
        try:
            known = None if recorder is None or unrecorded else _history_facts(
                recorder.store, timeline.routine.name, timeline.top_level, recorder.began_at,
                facts.completed)
        except sqlite3.Error:  # busy past its wait, or gone bad: the summary goes without it
            known = None
        if known is None:
            return DoneSummary(facts, timeline.level, timeline.top_level, None, False, None,
                               None, preview=timeline.preview, unrecorded=unrecorded,
                               feeling=self.feeling)
        next_level, held, week, advice = known
        return DoneSummary(facts, timeline.level, timeline.top_level, next_level, held, week,
                           self.weekly_target(), feeling=self.feeling, advice=advice)

    @property
    def session_id(self) -> int | None:
        """The history's row of the latest run, once it has one: what its check-in rates."""
        return self.recorder.latest_session_id if self.recorder is not None else None

    def rate(self, feeling: Feeling) -> None:
        """The check-in's answer, for a session run to its end: the summary says it from now
        on, and the history keeps it and moves the level to match (once it holds the
        session's end: an end still pending is rated by ``send_rating`` once it is in)."""
        if self.session.state is not State.FINISHED or self.timeline.preview:
            return
        self.feeling = feeling
        self._rating_asked = self._rating_taken = False
        self.send_rating()

    def send_rating(self) -> bool:
        """Hand the answer to the history, if there is one to hand and the history holds
        the session's end; True once it has taken it. A history that refuses it says why."""
        recorder, feeling, row = self.recorder, self.feeling, self.session_id
        if (self._rating_asked or feeling is None or self.rater is None or recorder is None
                or recorder.pending or row is None):
            return self._rating_taken
        self._rating_asked = True
        try:
            self.rater(row, feeling)
        except NotRated as exc:
            if self.report is not None:
                self.report(_("How the session felt is not kept: {problem}").format(problem=exc))
            return False
        self._rating_taken = True
        return True

    def ask_for_words(self, text: str) -> None:
        """Have ``text`` made into speech, if the voice is on and it is not made yet (on the
        speech worker, started again for it if need be): ``say`` finds it made soon after.
        Call it once the session is over and the practice closed."""
        speech = self.cues.speech if self.cues is not None else None
        if speech is not None and self._speaks() and speech.say(text) is None:
            speech.poll()

    def say(self, text: str) -> bool:
        """``text`` spoken now through the session's sound, at the user's volume, as its
        announcements are; only with the voice on and the sound up, and only if its words
        are made (``ask_for_words``). True: it is on its way."""
        cues = self.cues
        if cues is None or cues.speech is None or not self._speaks():
            return False
        words = cues.speech.say(text)
        if words is None:
            return False
        cues.sink.play(words.scaled(cues.bank.settings.volume))
        return True

    def ending_seconds(self) -> float:
        """How long the finishing cue sounds: words said after it wait this long, so that
        they do not cut it off."""
        cues = self.cues
        if cues is None or cues.bank.settings.volume <= 0:
            return 0.0
        cue = finish_cue(cues.bank)
        return cue.sound.seconds if cue is not None else 0.0

    def _speaks(self) -> bool:
        cues = self.cues
        return (cues is not None and cues.bank.speaker is not None
                and cues.bank.settings.volume > 0)

    def retune(self, settings: CueSettings) -> None:
        """Apply changed sound settings from the next cue on (the status may change with
        them: ``changed_status`` says so)."""
        if self.cues is not None:
            self.cues.bank = self.cues.bank.retuned(settings)


def rate_in(history: Callable[[], HistoryStore | None]) -> Rate:
    """Check-in answers kept in the history ``history`` gives, when one is kept: the front
    ends' own ``Rate``."""

    def rate(session_id: int, feeling: Feeling) -> None:
        store = history()
        if store is not None:
            store.rate(session_id, feeling)

    return rate


def _default_target() -> int:
    return Settings().weekly_target


def _history_facts(store: HistoryStore, routine: str, top: int, began: datetime | None,
                   completed: bool) -> tuple[int, bool, int, tuple[str, ...]]:
    """The level next time, whether it is held, the sessions that count in the week the
    session started (this week, when it has not started: nothing to place), and the advice
    to measure the range of motion again."""
    stored, held = store.level(routine)
    moment = began if began is not None else datetime.now().astimezone()
    advice = measure_again(store.motion(), datetime.now().astimezone().date(), completed)
    return (level_in_range(stored, top), held, week_count(store.sessions(), moment),
            tuple(advice))


class Assembler:
    """Makes a ``Practice`` for a routine with the user's current settings.

    ``weekly_target`` gives the sessions a week the user aims for, shown in the summary at
    the end; without it the preferences' default is used. ``rate`` keeps a check-in's
    answer (``rate_in`` the history, at a front end's composition root); without it the
    answer is only shown. ``speaker`` makes the spoken
    announcements (espeak-ng behind the cache by default) and ``spawn`` runs the worker
    that makes them (a thread by default); tests pass stand-ins for both.
    """

    def __init__(self, clock: Clock, sink: AudioSink, cue_settings: Callable[[], CueSettings],
                 report: Report, history: Callable[[], HistoryStore | None] | None = None,
                 data: Path | None = None, weekly_target: WeeklyTarget | None = None,
                 speaker: Callable[[], SpeechMaker] | None = None,
                 spawn: Spawn = on_thread, rate: Rate | None = None) -> None:
        self.clock = clock
        self.sink = sink
        self.cue_settings = cue_settings
        self.report = report
        self.history = history
        self.data = data
        self.weekly_target = weekly_target
        self.speaker = speaker
        self.spawn = spawn
        self.rate = rate

    def assemble(self, routine: Routine, speed: float = 1.0) -> Practice:
        """A ready session of ``routine`` at its progression level.

        At any ``speed`` but 1 it is a preview: nothing of it is recorded, so it neither
        counts towards the week nor moves the level on.
        """
        store = self.history() if self.history is not None else None
        level = store.level(routine.name)[0] if store is not None else 0
        # A routine whose ranges were narrowed since keeps its stored level for later.
        timeline = compile_timeline(routine, level_in_range(level, top_level(routine)))
        if speed != 1:
            timeline = timeline.scaled(speed)
        session = Session(timeline, self.clock)
        cues = build_cues(timeline, self.cue_settings(), self.sink, self.report,
                          self.data or data_dir(),
                          self.speaker() if self.speaker is not None else None, self.spawn)
        recorder = (SessionRecorder(store, session, self.report)
                    if store is not None and not timeline.preview else None)
        return Practice(session, cues, recorder, weekly_target=self.weekly_target,
                        rate=self.rate, report=self.report)

    def test_cue(self) -> Callable[[], SoundTrouble | None]:
        """Play one cue as a session would, with the settings as they are now. What it
        returns says, each time it is asked, why nothing can be heard as far as is known by
        then: a missing device is learnt only once the cue has failed to play."""
        play_test_cue(self.sink, self.cue_settings(), self.report, self.data or data_dir())
        return self.sound_trouble

    def sound_trouble(self) -> SoundTrouble | None:
        """Why nothing can be heard now, as the sink knows it; a sink that cannot tell (a
        test's, or the one of --mute) knows of none."""
        trouble = getattr(self.sink, "trouble", None)
        return trouble if isinstance(trouble, SoundTrouble) else None


def cue_settings(settings: Settings) -> CueSettings:
    """The cues as the user's preferences set them. Built here, above both the preferences
    and the cues: a switched-off kind this version does not know is left out."""
    off = frozenset(group for group in CueGroup if group.value in settings.cues_off)
    volume = 0.0 if settings.muted else settings.volume / 100
    return CueSettings(volume=volume, voice=settings.voice, off=off)


def _tones(data: Path, report: Report) -> dict[CueName, Sound]:
    """Every cue's tone, the user's own where they can be read; the rest are reported."""
    tones, problems = load_tones(data / "sounds")
    for problem in problems:
        report(problem)
    return tones


def play_test_cue(sink: AudioSink, settings: CueSettings, report: Report,
                  data: Path) -> None:
    """The "work starts" cue (the user's own sound where there is one) at the volume set
    now: how loud a session will be."""
    sink.play(_tones(data, report)[CueName.WORK].scaled(settings.volume))


def build_cues(timeline: Timeline, settings: CueSettings, sink: AudioSink, report: Report,
               data: Path, speaker: SpeechMaker | None = None,
               spawn: Spawn = on_thread) -> CueDispatcher:
    """The cues of ``timeline``, their announcements made by a worker once the session has
    started, in the order it needs them: nothing waits for speech. Only the first phase's
    words are read now, from the cache, when it holds them."""
    tones = _tones(data, report)
    maker = speaker if speaker is not None else Speaker(cache_dir() / SPEECH_CACHE)
    speech = SpeechWorker(maker, in_order_of_need(timeline), report, spawn)
    if settings.voice and timeline.phases:
        speech.start(at_once=phase_texts(timeline, 0, timeline.phases[0].duration))
        speech.tell()  # no speech engine: said now, before the session starts
    return CueDispatcher(timeline, CueBank(tones, speech, settings), sink, speech=speech)
