"""Routines written back to files load as the same routine, and saving never loses a file."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hiptimer.base.problem import first_unsafe
from hiptimer.routine import (
    Exercise,
    IntRange,
    Order,
    Routine,
    Settings,
    Span,
    Tempo,
    load_routine,
    parse_routine,
)
from hiptimer.routine.save import SaveError, backup_path, save_text
from hiptimer.routine.write import routine_to_yaml

from .support.checkout import ROUTINES

text = st.text(st.characters(exclude_categories=("Cc", "Cs", "Zl", "Zp", "Zs"),
                             exclude_characters="\x85\ufeff"), min_size=1, max_size=12
               ).filter(lambda t: first_unsafe(t) is None)
"""Text a routine may hold: the reader refuses what ``first_unsafe`` finds (non-characters,
direction controls and the like), whichever way it was written."""
words = st.lists(text, min_size=1, max_size=3).map(" ".join)
seconds = st.integers(1, 120).map(lambda n: n / 2)
pauses = st.one_of(st.none(), st.integers(0, 120).map(float))
tempos = st.one_of(st.none(), st.just(Tempo.SELF_PACED), seconds.map(lambda s: Tempo((s,))),
                   st.tuples(seconds, st.integers(0, 4).map(float), seconds).map(Tempo))


@st.composite
def counts(draw: st.DrawFn, high: int) -> IntRange:
    low = draw(st.integers(1, high))
    return IntRange(low, draw(st.integers(low, high)))


@st.composite
def exercises(draw: st.DrawFn) -> Exercise:
    hold = draw(st.booleans())
    low = draw(seconds)
    sides = draw(st.sampled_from([(), ("left", "right"), ("left",), ("right",),
                                  ("in", "out"), ("to the left", "to the right", "centre")]))
    return Exercise(
        name=draw(words),
        hold=Span(low, draw(st.sampled_from([low, low + 15]))) if hold else None,
        reps=None if hold else draw(counts(15)),
        description=draw(st.one_of(st.just(""), words,
                                   st.lists(words, min_size=2, max_size=3).map("\n".join))),
        setup=draw(st.one_of(st.just(""), words)),
        sets=draw(counts(4)),
        sides=sides,
        order=draw(st.sampled_from(list(Order))),
        settings=Settings(draw(pauses), draw(pauses), draw(pauses),
                          None if hold else draw(tempos)),
    )


routines = st.builds(
    Routine, name=words, exercises=st.lists(exercises(), min_size=1, max_size=4).map(tuple),
    description=st.one_of(st.just(""), words), equipment=st.one_of(st.just(""), words),
    rounds=st.integers(1, 3), defaults=st.builds(Settings, pauses, pauses, pauses, tempos),
    version=st.just(1))


@settings(max_examples=200, deadline=None)
@given(routines)
def test_a_routine_written_and_read_back_is_the_same_routine(routine: Routine) -> None:
    assert parse_routine(routine_to_yaml(routine).encode(), "round-trip.yaml") == routine


@pytest.mark.parametrize("path", sorted(ROUTINES.glob("*.yaml")), ids=lambda p: p.name)
def test_the_built_ins_survive_a_round_trip(path: Path) -> None:
    routine = load_routine(path)
    assert parse_routine(routine_to_yaml(routine).encode(), "again.yaml") == routine


def test_saving_keeps_the_previous_version(tmp_path: Path) -> None:
    folder = tmp_path / "routines"
    path = folder / "mine.yaml"
    assert save_text(path, "first\n") is None
    backup = save_text(path, "second\n")
    assert path.read_text() == "second\n"
    assert backup == backup_path(path) and backup.read_text() == "first\n"
    assert [p.name for p in sorted(folder.iterdir())] == ["mine.yaml", "mine.yaml.bak"]


def test_a_failed_save_leaves_the_original_intact(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "routines"
    folder.mkdir()
    path = folder / "mine.yaml"
    path.write_text("precious\n")

    def full_disk(descriptor: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(SaveError, match="No space left on device; the file on disk is unchanged"):
        save_text(path, "half-written\n")
    assert path.read_text() == "precious\n"
    assert sorted(p.name for p in folder.iterdir()) == ["mine.yaml"]  # no half-written files
