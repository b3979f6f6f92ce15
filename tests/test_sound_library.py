"""miniaudio plays unless simpleaudio is asked for; a missing or unknown library is told plainly."""

from __future__ import annotations

import sys

import pytest

from hiptimer.cues.player import cannot_play
from hiptimer.cues.sound_library import (
    CHOICE_VARIABLE,
    NoLibrary,
    SoundLibrary,
    libraries_to_try,
    load_output,
)


def test_miniaudio_first_then_simpleaudio_when_nothing_is_asked() -> None:
    assert libraries_to_try({}) == (SoundLibrary.MINIAUDIO, SoundLibrary.SIMPLEAUDIO)
    assert libraries_to_try({CHOICE_VARIABLE: " "}) == libraries_to_try({})


@pytest.mark.parametrize("named", ["simpleaudio", "SimpleAudio", " simpleaudio\n"])
def test_the_library_asked_for_is_the_only_one_tried(named: str) -> None:
    assert libraries_to_try({CHOICE_VARIABLE: named}) == (SoundLibrary.SIMPLEAUDIO,)


def test_an_unknown_library_is_named_with_the_ones_there_are() -> None:
    with pytest.raises(NoLibrary) as refused:
        libraries_to_try({CHOICE_VARIABLE: "pulse"})
    assert str(refused.value) == ("the sound library HIPTIMER_SOUND_LIBRARY names, 'pulse', "
                                  "is not one hiptimer knows; it must be miniaudio or "
                                  "simpleaudio")
    # The window says a part is missing, with the variable in the details.
    notice = cannot_play(str(refused.value))
    assert "a part of hiptimer is missing" in notice.summary
    assert "HIPTIMER_SOUND_LIBRARY" in notice.detail


def test_simpleaudio_stands_in_when_miniaudio_cannot_load(
        monkeypatch: pytest.MonkeyPatch) -> None:
    stand_in = object()
    monkeypatch.setitem(sys.modules, "miniaudio", None)  # importing it fails
    monkeypatch.setitem(sys.modules, "simpleaudio", stand_in)
    assert load_output({}) is stand_in


def test_without_either_library_both_reasons_are_given(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "miniaudio", None)
    monkeypatch.setitem(sys.modules, "simpleaudio", None)
    with pytest.raises(NoLibrary) as missing:
        load_output({})
    reason = str(missing.value)
    assert reason.startswith("the sound library cannot be loaded: miniaudio (")
    assert "; simpleaudio (" in reason


def test_a_library_asked_for_but_missing_is_named_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "simpleaudio", None)
    with pytest.raises(NoLibrary) as missing:
        load_output({CHOICE_VARIABLE: "simpleaudio"})
    assert str(missing.value).startswith("the sound library simpleaudio cannot be loaded (")
