"""What is heard when: distinct cues at the right moments, and never two sounds at once."""

from __future__ import annotations

import itertools

import pytest

from hiptimer.base.language import Language
from hiptimer.cues.announcements import announcements
from hiptimer.cues.names import CueGroup, CueName, CueSettings
from hiptimer.cues.placement import CueBank, finish_cue, plan_phase
from hiptimer.cues.speech import Speaker
from hiptimer.cues.tones import NOTES, built_in
from hiptimer.routine import load_routine, parse_routine
from hiptimer.session import Timeline, compile_timeline
from hiptimer.session.events import EventKind

from .support.audio import FakeVoice
from .support.checkout import ROUTINES
from .support.languages import LANGUAGES

TONES = {name: built_in(name) for name in CueName}


def timeline_of(text: str) -> Timeline:
    return compile_timeline(parse_routine(f"name: t\nexercises:\n{text}".encode(), "t.yaml"))


def bank(speaker: object | None = None, **settings: object) -> CueBank:
    return CueBank(TONES, speaker if speaker is not None else FakeVoice(),  # type: ignore[arg-type]
                   CueSettings(**settings))  # type: ignore[arg-type]


def sounds_of_session(timeline: Timeline, cue_bank: CueBank) -> list[tuple[float, float, str]]:
    """(start, end, cue) for every sound of an uninterrupted session, in order."""
    heard = []
    for phase in timeline.phases:
        for cue in plan_phase(timeline, phase.index, phase.duration, cue_bank).values():
            start = phase.offset + cue.offset
            heard.append((start, start + cue.sound.seconds, cue.name.value))
    end = timeline.total_seconds
    final = finish_cue(cue_bank)
    if final is not None:
        heard.append((end, end + final.sound.seconds, final.name.value))
    return sorted(heard)


def assert_no_overlap(heard: list[tuple[float, float, str]]) -> None:
    for (start, end, name), (next_start, _, next_name) in itertools.pairwise(heard):
        assert end <= next_start + 1e-9, f"{name} at {start:.2f} runs into {next_name}"


@pytest.mark.parametrize("path", sorted(ROUTINES.glob("*.yaml")), ids=lambda p: p.name)
@pytest.mark.parametrize("speed", [1, 3, 10])
def test_no_two_cue_sounds_overlap_in_any_built_in(path: object, speed: float) -> None:
    timeline = compile_timeline(load_routine(path)).scaled(speed)  # type: ignore[arg-type]
    heard = sounds_of_session(timeline, bank())
    assert_no_overlap(heard)
    assert any(name == "get_ready" for _, _, name in heard)


@pytest.mark.parametrize("spoken", LANGUAGES, indirect=True)
@pytest.mark.parametrize("path", sorted(ROUTINES.glob("*.yaml")), ids=lambda p: p.name)
def test_no_overlap_with_real_speech(path: object, spoken: Language, tmp_path: object) -> None:
    speaker = Speaker(tmp_path, spoken)  # type: ignore[arg-type]
    if not speaker.available:
        pytest.skip("espeak-ng is not installed")
    timeline = compile_timeline(load_routine(path))  # type: ignore[arg-type]
    heard = sounds_of_session(timeline, bank(speaker))
    assert_no_overlap(heard)
    announced = [name for _, end, name in heard if name == "get_ready"]
    assert len(announced) == len(load_routine(path).exercises)  # type: ignore[arg-type]


def test_each_cue_kind_sounds_different() -> None:
    signatures = {tuple(NOTES[name]) for name in CueName}
    assert len(signatures) == len(CueName)
    assert NOTES[CueName.PIP_LAST] != NOTES[CueName.PIP]
    assert NOTES[CueName.TEMPO_UP][0][0][0] > NOTES[CueName.TEMPO_DOWN][0][0][0]


def test_a_get_ready_says_what_comes_next() -> None:
    t = timeline_of("  - {name: Frog stretch, hold: 45s, sets: 2, sides: both}\n"
                    "  - {name: Clams, reps: 12, tempo: self}\n")
    assert announcements(t, 0) == ["Next: Frog stretch, 2 sets of 45 seconds, left side.",
                                   "Next: Frog stretch.", "Frog stretch."]
    assert announcements(t, 2) == ["Switch sides. Right side.", "Switch sides."]
    assert announcements(t, 4) == ["Rest. Next: last set, left side.", "Rest."]
    clams = next(p.index for p in t.phases if p.exercise == "Clams")
    assert announcements(t, clams) == ["Next: Clams, 12 reps, at your own pace.",
                                       "Next: Clams.", "Clams."]
    assert announcements(t, 1) == []  # work starts with a tone only


def test_custom_side_labels_are_spoken_as_written() -> None:
    t = timeline_of("  - {name: Walks, reps: 10, sets: 3, sides: [to the left, to the right]}\n")
    rest = next(p for p in t.phases if p.kind.value == "rest")
    assert announcements(t, rest.index)[0] == "Rest. Next: set 2 of 3, to the left."


def test_a_phase_too_short_for_the_sentence_uses_a_shorter_one() -> None:
    voice = FakeVoice()
    t = timeline_of("  - {name: Frog stretch, hold: 45s, sets: 2, sides: both, prepare: 6s}\n")
    cues = plan_phase(t, 0, t.phases[0].duration, bank(voice))
    start = cues[(EventKind.PHASE_STARTED, None, None)]
    # 6 s less the pip 3 s before the end leaves 3 s: too short for the full sentence.
    assert start.text == "Next: Frog stretch."
    assert start.offset + start.sound.seconds <= 3
    t = timeline_of("  - {name: Frog stretch, hold: 45s, prepare: 3.5s}\n")
    start = plan_phase(t, 0, 3.5, bank(voice))[(EventKind.PHASE_STARTED, None, None)]
    assert start.text is None  # the tone alone fits before the first pip


def test_countdown_pips_halfway_and_reps() -> None:
    t = timeline_of("  - {name: a, hold: 30s}\n  - {name: b, reps: 3, tempo: 2-1-2}\n"
                    "  - {name: c, reps: 2, tempo: 4s}\n")
    hold = plan_phase(t, 1, 30, bank())
    assert {(c.offset, c.name.value) for c in hold.values()} == {
        (0, "work"), (15, "halfway"), (27, "pip"), (28, "pip"), (29, "pip_last")}
    assert hold[(EventKind.HALFWAY, None, None)].text == "Halfway."
    reps = plan_phase(t, 3, 15, bank())
    heard = sorted((c.offset, c.name.value) for c in reps.values())
    assert heard == [(0, "work"), (2, "tempo_hold"), (3, "tempo_down"), (5, "tempo_up"),
                     (7, "tempo_hold"), (8, "tempo_down"), (10, "tempo_up"), (12, "pip"),
                     (13, "pip"), (14, "pip_last")]
    ticks = plan_phase(t, 5, 8, bank())
    assert sorted((c.offset, c.name.value) for c in ticks.values()) == [
        (0, "work"), (4, "tick"), (5, "pip"), (6, "pip"), (7, "pip_last")]


def test_cue_kinds_can_be_turned_off() -> None:
    t = timeline_of("  - {name: a, hold: 30s}\n")
    quiet = bank(off=frozenset({CueGroup.COUNTDOWN, CueGroup.HALFWAY}))
    assert [c.name for c in plan_phase(t, 1, 30, quiet).values()] == [CueName.WORK]
    assert finish_cue(bank(off=frozenset({CueGroup.FINISHED}))) is None


def test_voice_off_means_tones_only() -> None:
    voice = FakeVoice()
    t = timeline_of("  - {name: a, hold: 30s}\n")
    cues = plan_phase(t, 0, 10, bank(voice, voice=False))
    assert all(c.text is None for c in cues.values()) and voice.said == []


def test_volume_scales_every_cue() -> None:
    loud = bank().sound(CueName.PIP, None)
    soft = bank(volume=0.25).sound(CueName.PIP, None)
    assert max(soft.samples) == pytest.approx(max(loud.samples) * 0.25, abs=2)


def test_a_self_paced_phase_is_announced_without_a_limit() -> None:
    t = timeline_of("  - {name: a, reps: 5, tempo: self}\n")
    cues = plan_phase(t, 1, None, bank())
    assert [c.name for c in cues.values()] == [CueName.WORK]


@pytest.mark.parametrize(("text", "index", "wanted"), [
    ("  - {name: a, hold: 30s, prepare: 3.3}\n", 0, "get_ready"),
    ("  - {name: a, hold: 30s, sets: 2, rest: 3.25s}\n", 2, "rest"),
    ("  - {name: a, reps: 4, tempo: 0.3s}\n", 1, "work"),
])
def test_a_phase_always_sounds_its_own_start_before_pips_and_ticks(
        text: str, index: int, wanted: str) -> None:
    t = timeline_of(text)
    cues = plan_phase(t, index, t.phases[index].duration, bank())
    start = cues[(EventKind.PHASE_STARTED, None, None)]
    assert start.name.value == wanted and start.offset == 0
    heard = sorted((c.offset, c.offset + c.sound.seconds) for c in cues.values())
    assert all(a[1] <= b[0] + 1e-9 for a, b in itertools.pairwise(heard))


def test_a_moment_whose_first_choice_does_not_fit_sounds_the_next() -> None:
    t = timeline_of("  - {name: a, reps: 3, tempo: 2-1-2}\n").scaled(10)
    cues = plan_phase(t, 1, t.phases[1].duration, bank())
    names = {c.name.value for c in cues.values()}
    assert "work" in names


def test_retuning_keeps_the_voice_and_changes_only_the_settings() -> None:
    voice = FakeVoice()
    loud = bank(voice)
    soft = loud.retuned(CueSettings(volume=0.5, voice=False))
    assert soft.speaker is None and soft.settings.volume == 0.5
    again = soft.retuned(CueSettings())
    assert again.speaker is voice
    assert max(soft.sound(CueName.PIP, None).samples) == pytest.approx(
        max(loud.sound(CueName.PIP, None).samples) * 0.5, abs=2)
