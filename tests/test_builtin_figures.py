"""Every built-in exercise is drawn by the body model: its figure file is found by its name
however it is written, no name leads outside the figures folder, and a routine's own image
or figure file takes its place."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hiptimer.body.figure_file import load_figure
from hiptimer.routine import Exercise, Routine, Span, load_routine
from hiptimer.routine.figures import builtin_figure_file, builtin_figures_dir, figure_slug
from hiptimer.ui.common.exercise_figures import exercise_figure

from .support.checkout import REPO, ROUTINES

BUILT_IN_NAMES = sorted({exercise.name for path in ROUTINES.glob("*.yaml")
                         for exercise in load_routine(path).exercises})


@pytest.mark.parametrize("name", BUILT_IN_NAMES)
def test_every_built_in_exercise_is_drawn_by_the_body_model(name: str) -> None:
    path = builtin_figure_file(name)
    assert path is not None, f"no figure for {name!r}: write {figure_slug(name)}.yaml"
    assert path.parent == builtin_figures_dir() and load_figure(path).exercise == name
    assert exercise_figure(name, None, None, flipped=False) == load_figure(path)


def test_no_hand_drawn_pictures_are_shipped() -> None:
    assert not (REPO / "resources" / "pictures").exists()
    assert [p.name for p in (REPO / "resources").rglob("*.svg")] == ["hiptimer.svg"]


def test_every_figure_belongs_to_a_built_in_exercise() -> None:
    shipped = {path.stem for path in builtin_figures_dir().glob("*.yaml")}
    assert shipped == {figure_slug(name) for name in BUILT_IN_NAMES}


def test_the_format_guide_names_every_exercise_with_a_figure() -> None:
    guide = " ".join((REPO / "docs" / "routine-format.md").read_text("utf-8").split())
    pictures = guide[guide.index("**Pictures.**"):]
    assert all(name in pictures for name in BUILT_IN_NAMES)


def test_the_name_is_matched_whatever_its_case_and_spacing() -> None:
    figure = builtin_figure_file("90/90 stretch")
    assert figure is not None and figure.name == "90-90-stretch.yaml"
    assert builtin_figure_file("  90 / 90\tSTRETCH ") == figure
    assert builtin_figure_file("figure-four stretch") == builtin_figure_file("Figure four stretch")
    assert builtin_figure_file("CLAMSHELLS") == builtin_figures_dir() / "clamshells.yaml"


def test_an_unknown_or_empty_name_has_no_figure() -> None:
    for name in ("Handstand push-up", "", " / ", "../figure.schema"):
        assert builtin_figure_file(name) is None


def test_an_image_of_the_routine_s_own_wins_and_a_built_in_exercise_has_none(
        tmp_path: Path) -> None:
    own = Exercise("Clamshells", hold=Span(5, 5), image="mine.png")
    plain = Exercise("Clamshells", hold=Span(5, 5))
    routine = Routine("r", (own, plain), path=tmp_path / "r.yaml")
    assert routine.image_path(own) == tmp_path / "mine.png"
    assert routine.image_path(plain) is None
    assert exercise_figure("Clamshells", tmp_path / "mine.png", None, flipped=False) is None
    assert exercise_figure("Clamshells", None, None, flipped=False) is not None


def test_a_figure_file_of_the_routine_s_own_that_cannot_be_used_leaves_the_built_in_one(
        tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("exercise: Clamshells\nview: sideways\n", encoding="utf-8")
    builtin = builtin_figure_file("Clamshells")
    assert builtin is not None
    assert exercise_figure("Clamshells", None, None, False, own=broken) == load_figure(builtin)
    assert exercise_figure("Handstand", None, None, False, own=broken) is None


def _respelled(name: str, data: st.DataObject) -> str:
    spaces = st.sampled_from([" ", "  ", "\t", "\u00a0", " - ", "_"])
    words = figure_slug(name).split("-")
    cased = ["".join(c.upper() if data.draw(st.booleans()) else c for c in word)
             for word in words]
    return (data.draw(spaces) + "".join(w + data.draw(spaces) for w in cased[:-1])
            + cased[-1] + data.draw(spaces))


@given(st.sampled_from(BUILT_IN_NAMES), st.data())
def test_any_spelling_of_a_name_finds_its_figure(name: str, data: st.DataObject) -> None:
    assert builtin_figure_file(_respelled(name, data)) == builtin_figure_file(name) is not None


@given(st.text())
def test_no_name_leads_out_of_the_figures_folder(name: str) -> None:
    slug = figure_slug(name)
    assert "/" not in slug and "\\" not in slug and ".." not in slug and "\0" not in slug
    assert os.sep not in slug and (os.altsep is None or os.altsep not in slug)
    figure = builtin_figure_file(name)
    assert figure is None or figure.resolve().parent == builtin_figures_dir().resolve()
