"""The voice speaks the interface's language: its announcements in that language, said by
espeak-ng's voice for it, with names and units in its words; where espeak-ng has no voice
for it, that is said once and the cues are tones. The built-ins' announcements fit their
phases in every language as they do in English."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from hiptimer.base.language import Language
from hiptimer.base.notice import Notice
from hiptimer.base.translation import install_language
from hiptimer.cues.announcements import DONE, HALFWAY, announcements, in_order_of_need
from hiptimer.cues.names import CueGroup, CueName, CueSettings, group_label
from hiptimer.cues.placement import PHASE_START, CueBank, plan_phase
from hiptimer.cues.pronunciation import spoken as said_as
from hiptimer.cues.speech import VOICES, Speaker
from hiptimer.cues.speech_worker import SpeechWorker
from hiptimer.cues.tones import built_in
from hiptimer.routine import load_routine, parse_routine
from hiptimer.routine.model import Routine
from hiptimer.session import Timeline, compile_timeline

from .support.checkout import ROUTINES
from .support.languages import LANGUAGES, TRANSLATED
from .support.speech import ManualSpawn

TONES = {name: built_in(name) for name in CueName}

ENGINE = """#!{python}
# A stand-in for espeak-ng: lists the voices it is given, and says any words as a sound
# lasting a tenth of a second more for each voice further down that list.
import sys, wave
voices = {voices!r}
args = sys.argv[1:]
with open({log!r}, "a") as log:
    log.write(" ".join(args) + "\\n")
if args[0].startswith("--voices="):
    asked = args[0].partition("=")[2]
    print("Pty Language       Age/Gender VoiceName          File                 Other Languages")
    if asked in voices:
        print(f" 5  {{asked:<15}} --/M      Stand-in           gmw/{{asked:<16}}")
    print(f" 6  {{asked:<15}} --/F      stand-in-mbrola    mb/mb-{{asked}}1")
    sys.exit(0)
voice = args[args.index("-v") + 1]
if voice not in voices:
    sys.exit("Error: The specified espeak-ng voice does not exist.")
with wave.open(args[args.index("-w") + 1], "wb") as out:
    out.setnchannels(1)
    out.setsampwidth(2)
    out.setframerate(22050)
    frame = (8000).to_bytes(2, "little", signed=True)
    out.writeframes(frame * 2205 * (1 + voices.index(voice)))
"""


class StandIn:
    """A stand-in espeak-ng with the voices given, and what it was asked, in order."""

    def __init__(self, folder: Path, voices: tuple[str, ...]) -> None:
        self.path = folder / "espeak-ng"
        self.log = folder / "asked.txt"
        self.path.write_text(ENGINE.format(python=sys.executable, voices=list(voices),
                                           log=str(self.log)))
        self.path.chmod(0o755)

    def asked(self) -> list[str]:
        return self.log.read_text().splitlines() if self.log.exists() else []


def timeline_of(text: str) -> Timeline:
    return compile_timeline(parse_routine(f"name: t\nexercises:\n{text}".encode(), "t.yaml"))


@pytest.mark.parametrize("language", list(Language))
def test_each_language_is_said_in_its_own_voice(language: Language, tmp_path: Path) -> None:
    engine = StandIn(tmp_path, tuple(VOICES.values()))
    speaker = Speaker(tmp_path / "cache", language, engine=str(engine.path))
    assert speaker.say("Rest.") is not None and speaker.problem is None
    [listing, render] = engine.asked()
    assert listing == f"--voices={VOICES[language]}"
    assert render.startswith(f"-v {VOICES[language]} ")


def test_english_is_said_in_the_american_voice_as_before() -> None:
    assert VOICES[Language.ENGLISH] == "en-us"
    assert VOICES[Language.GERMAN] == "de" and VOICES[Language.SPANISH] == "es"


def test_the_voice_is_looked_for_once_not_for_every_sentence(tmp_path: Path) -> None:
    engine = StandIn(tmp_path, ("de",))
    speaker = Speaker(tmp_path / "cache", Language.GERMAN, engine=str(engine.path))
    for text in ("Pause.", "Halbzeit.", "Seite wechseln."):
        assert speaker.say(text) is not None
    asked = engine.asked()
    assert sum(line.startswith("--voices=") for line in asked) == 1 and len(asked) == 4


def test_the_speaker_follows_the_language_installed(tmp_path: Path,
                                                    compiled_locale: Path) -> None:
    install_language(Language.SPANISH, compiled_locale)
    try:
        speaker = Speaker(tmp_path)
    finally:
        install_language(Language.ENGLISH)
    assert speaker.language is Language.SPANISH and speaker.voice == "es"


def test_a_language_without_a_voice_is_told_once_and_its_cues_are_tones(
        tmp_path: Path) -> None:
    engine = StandIn(tmp_path, ("en-us", "de"))  # an MBROLA "es" only, which is not taken
    speaker = Speaker(tmp_path / "cache", Language.SPANISH, engine=str(engine.path))
    timeline = timeline_of("  - {name: Rana, hold: 45s, sets: 2}\n")
    told: list[str] = []
    spawn = ManualSpawn()
    worker = SpeechWorker(speaker, in_order_of_need(timeline), told.append, spawn)
    worker.start()
    worker.poll()
    spawn.run()
    worker.poll()
    worker.poll()
    assert len(told) == 1
    [notice] = told
    assert isinstance(notice, Notice)
    assert notice.summary == ("There is no voice for spoken announcements in this language, "
                              "so cues are tones only.")
    assert "'es'" in notice.detail
    assert [line for line in engine.asked() if not line.startswith("--voices=")] == []
    bank = CueBank(TONES, worker, CueSettings())
    cue = plan_phase(timeline, 0, timeline.phases[0].duration, bank)[PHASE_START]
    assert cue.text is None and cue.sound.samples == TONES[CueName.GET_READY].samples


def test_words_are_never_heard_in_another_languages_voice(tmp_path: Path) -> None:
    engine = StandIn(tmp_path, ("en-us", "de"))
    english = Speaker(tmp_path / "cache", Language.ENGLISH, engine=str(engine.path))
    german = Speaker(tmp_path / "cache", Language.GERMAN, engine=str(engine.path))
    said_in_english, said_in_german = english.say("Tempo."), german.say("Tempo.")
    assert said_in_english is not None and said_in_german is not None
    assert said_in_german.seconds > said_in_english.seconds  # the stand-in's German voice
    renders = [line for line in engine.asked() if not line.startswith("--voices=")]
    assert [line.split()[1] for line in renders] == ["en-us", "de"]
    again = Speaker(tmp_path / "cache", Language.GERMAN, engine="/bin/false")
    assert again.cached("Tempo.") == said_in_german  # each from its own voice's cache


@pytest.mark.parametrize(("language", "written", "said"), [
    (Language.GERMAN, "Halte 45s", "Halte 45 Sekunden"),
    (Language.GERMAN, "Halte 1 s", "Halte eine Sekunde"),
    (Language.GERMAN, "Als Nächstes: Frosch, 1 Sekunde.", "Als Nächstes: Frosch, eine Sekunde."),
    (Language.GERMAN, "2 min", "2 Minuten"), (Language.GERMAN, "1 min", "eine Minute"),
    (Language.GERMAN, "60°", "60 Grad"), (Language.GERMAN, "3x halten", "3 mal halten"),
    (Language.GERMAN, "1x", "einmal"), (Language.GERMAN, "8-12 Wdh.", "8 bis 12 Wiederholungen"),
    (Language.GERMAN, "Band & Ball", "Band und Ball"),
    (Language.GERMAN, "Band / Ball", "Band oder Ball"),
    (Language.GERMAN, "90/90-Dehnung", "neunzig-neunzig-Dehnung"),
    (Language.GERMAN, "2,5 Sekunden", "2,5 Sekunden"),
    (Language.GERMAN, "Satz 1 von 3", "Satz 1 von 3"),
    (Language.SPANISH, "Mantén 45s", "Mantén 45 segundos"),
    (Language.SPANISH, "1 s", "un segundo"), (Language.SPANISH, "1 min", "un minuto"),
    (Language.SPANISH, "Siguiente: Rana, 1 repetición.", "Siguiente: Rana, una repetición."),
    (Language.SPANISH, "3 min", "3 minutos"), (Language.SPANISH, "1°", "un grado"),
    (Language.SPANISH, "45°", "45 grados"), (Language.SPANISH, "3x", "3 veces"),
    (Language.SPANISH, "8-12 rep.", "8 a 12 repeticiones"),
    (Language.SPANISH, "Banda & pelota", "Banda y pelota"),
    (Language.SPANISH, "Banda / pelota", "Banda o pelota"),
    (Language.SPANISH, "Estiramiento 90/90", "Estiramiento noventa-noventa"),
    (Language.SPANISH, "21 s", "21 segundos"),
])
def test_names_and_units_are_said_as_a_native_speaker_would(language: Language, written: str,
                                                            said: str) -> None:
    assert said_as(written, language) == said


@pytest.mark.parametrize("spoken", TRANSLATED, indirect=True)
def test_the_announcements_are_said_in_the_language(spoken: Language) -> None:
    timeline = timeline_of("  - {name: Frog, hold: 45s, sets: 2, sides: both}\n"
                           "  - {name: Clams, reps: 12, tempo: self}\n")
    english = {"Next: Frog, 2 sets of 45 seconds, left side.", "Next: Frog.",
               "Switch sides. Right side.", "Switch sides.", "Rest. Next: last set, left side.",
               "Rest.", "Next: Clams, 12 reps, at your own pace.", "Next: Clams.",
               HALFWAY, DONE}
    said = set(in_order_of_need(timeline))
    assert not said & english
    assert {"Frog.", "Clams."} <= said  # the names as the routine gives them
    assert "45" in announcements(timeline, 0)[0] and "12" in " ".join(said)


@pytest.mark.parametrize("spoken", TRANSLATED, indirect=True)
def test_the_cue_switches_are_named_in_the_language(spoken: Language) -> None:
    assert group_label(CueGroup.COUNTDOWN) != "Countdown pips (3, 2, 1)"
    assert all(group_label(group) for group in CueGroup)


@pytest.fixture(scope="module")
def speech_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One speech cache for the module: each voice's words are kept apart in it, and the
    English ones, made once, are read again for every language they are compared with."""
    return tmp_path_factory.mktemp("speech")


def _fullness(routine: Routine, speaker: Speaker) -> list[int]:
    """For each phase that says something as it starts, how far down its sentences, longest
    first, the one planned is (one past the last: the tone alone)."""
    bank = CueBank(TONES, speaker, CueSettings())
    ranks = []
    timeline = compile_timeline(routine)
    for phase in timeline.phases:
        texts = announcements(timeline, phase.index)
        if texts:
            cue = plan_phase(timeline, phase.index, phase.duration, bank)[PHASE_START]
            ranks.append(texts.index(cue.text) if cue.text in texts else len(texts))
    return ranks


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")
@pytest.mark.parametrize("spoken", LANGUAGES, indirect=True)
@pytest.mark.parametrize("path", sorted(ROUTINES.glob("*.yaml")), ids=lambda p: p.name)
def test_every_built_in_is_announced_as_fully_as_in_english(
        path: Path, spoken: Language, speech_cache: Path) -> None:
    routine = load_routine(path)
    speaker = Speaker(speech_cache, spoken)
    here = _fullness(routine, speaker)
    if speaker.problem is not None:
        pytest.skip(f"no espeak-ng voice for {spoken.code} here")
    install_language(Language.ENGLISH)  # the fixture installs the language again for none
    in_english = _fullness(load_routine(path), Speaker(speech_cache, Language.ENGLISH))
    shorter = [(number, rank, english) for number, (rank, english)
               in enumerate(zip(here, in_english, strict=True)) if rank > english]
    assert shorter == []  # (which announcing phase, how short here, how short in English)


def test_one_of_a_kind_is_said_in_the_singular_and_a_fraction_in_the_plural() -> None:
    timeline = timeline_of("  - {name: Frog, hold: 1s}\n  - {name: Clams, reps: 1}\n"
                           "  - {name: Cat, hold: 2.5s}\n")
    firsts = [announcements(timeline, phase.index)[0] for phase in timeline.phases
              if phase.kind.value == "prepare"]
    assert firsts == ["Next: Frog, 1 second.", "Next: Clams, 1 rep.", "Next: Cat, 2.5 seconds."]
