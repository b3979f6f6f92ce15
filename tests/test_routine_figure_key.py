"""A routine's exercise may name a figure file of the person's own (``figure:``): it loads,
is written back, survives the editor, and ``hiptimer validate`` reports what is wrong inside
it at its line and column in the figure file, while the routine itself still loads."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from hiptimer.base.problem import RoutineError
from hiptimer.body.routine_figures import figure_file_for, figure_problems, own_figure
from hiptimer.cli import main
from hiptimer.routine.draft import (
    Field,
    draft_document,
    draft_from_routine,
    draft_to_routine,
)
from hiptimer.routine.figures import builtin_figure_file
from hiptimer.routine.parse import load_routine, parse_routine
from hiptimer.routine.write import routine_to_yaml

from .support.checkout import REPO

Write = Callable[..., Path]
SCHEMA: dict[str, Any] = json.loads((REPO / "resources" / "routine.schema.json").read_text())

FIGURE = """\
exercise: Lunge hold
view: left
placement: standing
floor: [left heel, left toe, right heel, right toe]
start:
  left knee flexion: 0
"""
ROUTINE = """\
name: Mine
exercises:
  - name: Lunge hold
    hold: 30s
    figure: figures/lunge.yaml
  - name: Clamshells
    reps: 10
"""


@pytest.fixture
def routine_file(write: Write, tmp_path: Path) -> Path:
    (tmp_path / "figures").mkdir()
    write(FIGURE, "figures/lunge.yaml")
    return write(ROUTINE)


def test_a_figure_key_loads_relative_to_the_routine_file(routine_file: Path,
                                                         tmp_path: Path) -> None:
    routine = load_routine(routine_file)
    lunge, clams = routine.exercises
    assert lunge.figure == "figures/lunge.yaml" and clams.figure is None
    assert routine.figure_path(lunge) == tmp_path / "figures" / "lunge.yaml"
    assert routine.figure_path(clams) is None
    figure = own_figure(routine, lunge)
    assert figure is not None and figure.exercise == "Lunge hold"
    assert figure_problems(routine) == []


def test_the_figure_key_is_written_back_and_matches_the_schema(routine_file: Path) -> None:
    routine = load_routine(routine_file)
    text = routine_to_yaml(routine)
    document = yaml.safe_load(text)
    assert document["exercises"][0]["figure"] == "figures/lunge.yaml"
    assert "figure" not in document["exercises"][1]
    jsonschema.validate(document, SCHEMA)
    again = parse_routine(text.encode(), "again.yaml", routine_file.parent)
    assert again.exercises == routine.exercises


def test_the_editor_keeps_the_figure_through_a_load_edit_save(routine_file: Path) -> None:
    draft = draft_from_routine(load_routine(routine_file))
    assert draft.exercises[0].figure == "figures/lunge.yaml"
    edited = draft.with_exercise(0, Field.NAME, "Long lunge hold").with_field(Field.ROUNDS, "2")
    assert draft_document(edited)["exercises"][0]["figure"] == "figures/lunge.yaml"
    saved = draft_to_routine(edited)
    assert saved.exercises[0].name == "Long lunge hold"
    assert saved.exercises[0].figure == "figures/lunge.yaml"
    assert saved.exercises[1].figure is None


def test_validate_says_ok_for_a_routine_with_a_sound_figure(
        routine_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(routine_file)]) == 0
    assert capsys.readouterr().out == f"{routine_file}: ok\n"


def test_a_missing_figure_file_is_a_located_problem_like_a_missing_image(write: Write) -> None:
    path = write("name: x\nexercises: [{name: a, hold: 5, figure: nope.yaml}]\n")
    with pytest.raises(RoutineError) as caught:
        load_routine(path)
    assert [str(problem) for problem in caught.value.problems] == [
        f"{path}:2:40: error: figure 'nope.yaml' not found (looked in {path.parent})"]


@pytest.mark.parametrize(("text", "expected"), [
    ("name: x\nexercises: [{name: a, hold: 5, figure: ''}]\n",
     "2:40: error: the figure path is empty"),
    ("name: x\nexercises: [{name: a, hold: 5, figure: " + "f" * 600 + "}]\n",
     "2:40: error: the figure path is 600 characters long; at most 500 are allowed"),
    ("name: x\nexercises: [{name: a, hold: 5, figure: [a, b]}]\n",
     "2:40: error: 'figure' must be a path to a figure file"),
])
def test_a_malformed_figure_path_is_a_located_problem(write: Write, text: str,
                                                       expected: str) -> None:
    path = write(text)
    with pytest.raises(RoutineError) as caught:
        load_routine(path)
    found = [str(problem).removeprefix(f"{path}:") for problem in caught.value.problems]
    assert len(found) == 1 and found[0].startswith(expected), found


def broken(tmp_path: Path, write: Write, figure: str | bytes) -> Path:
    (tmp_path / "figures").mkdir(exist_ok=True)
    write(figure, "figures/lunge.yaml")
    return write(ROUTINE)


def test_an_angle_beyond_its_range_is_reported_in_the_figure_file_by_validate(
        write: Write, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = broken(tmp_path, write, FIGURE.replace("left knee flexion: 0",
                                                  "left knee flexion: 150"))
    routine = load_routine(path)  # the routine still loads: the rest of it can be used
    assert [exercise.name for exercise in routine.exercises] == ["Lunge hold", "Clamshells"]
    assert main(["validate", str(path)]) == 1
    out, err = capsys.readouterr()
    figure = tmp_path / "figures" / "lunge.yaml"
    assert out == ""
    assert err.splitlines() == sorted([
        f"{path}:3:1: error: exercise 'Lunge hold': its figure file 'figures/lunge.yaml' "
        "cannot be used (1 problem in it)",
        f"{figure}:6:22: error: start: left knee flexion is 150 degrees, 15 beyond the normal "
        "range 0 to 135",
    ])


@pytest.mark.parametrize("hostile", [
    b"\xff\xfe not text",
    b"a: &x [*x]\n",
    b"exercise: !!python/object:os.system x\n",
    ("a: " + "[" * 5000).encode(),
    b"start: {left knee flexion: 0x20}\n",
])
def test_a_hostile_figure_file_is_refused_with_located_messages(
        write: Write, tmp_path: Path, hostile: bytes) -> None:
    path = broken(tmp_path, write, hostile)
    routine = load_routine(path)
    problems = figure_problems(routine)
    figure = str(tmp_path / "figures" / "lunge.yaml")
    assert problems[0].path == str(path) and problems[0].line == 3
    inside = problems[1:]
    assert inside and all(problem.path == figure and problem.line >= 1 and
                          problem.column >= 1 for problem in inside)
    assert all(len(problem.message) < 400 for problem in problems)


def test_a_figure_file_that_is_a_folder_is_a_problem_not_a_crash(
        write: Write, tmp_path: Path) -> None:
    (tmp_path / "figures" / "lunge.yaml").mkdir(parents=True)
    path = write(ROUTINE)
    with pytest.raises(RoutineError) as caught:
        load_routine(path)
    assert "figure 'figures/lunge.yaml' not found" in str(caught.value)


def test_an_image_wins_over_an_own_figure_which_wins_over_the_built_in(
        write: Write, tmp_path: Path) -> None:
    (tmp_path / "figures").mkdir()
    write(FIGURE, "figures/lunge.yaml")
    write(b"GIF89a", "pigeon.gif")
    path = write("name: x\nexercises:\n"
                 "  - {name: Clamshells, hold: 5, figure: figures/lunge.yaml}\n"
                 "  - {name: Clamshells, hold: 5, figure: figures/lunge.yaml, image: pigeon.gif}\n"
                 "  - {name: Clamshells, hold: 5}\n"
                 "  - {name: Handstand, hold: 5}\n")
    own, pictured, plain, unknown = (routine := load_routine(path)).exercises
    assert figure_file_for(routine, own) == tmp_path / "figures" / "lunge.yaml"
    assert figure_file_for(routine, pictured) is None
    assert figure_file_for(routine, plain) == builtin_figure_file("Clamshells") is not None
    assert figure_file_for(routine, unknown) is None
