"""Figure files: the shipped ones load and match the schema; a broken one is refused with
every problem located and worded, and whatever text arrives, the loader answers with a sound
figure or with located problems."""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hiptimer.body.figure_file import (
    TOP_KEYS,
    Figure,
    FigureError,
    Prop,
    load_figure,
    parse_figure,
)
from hiptimer.body.floor import floor_problems
from hiptimer.body.joints import BY_WORDS
from hiptimer.body.range_of_motion import out_of_range
from hiptimer.body.skeleton import Landmark, Placement
from hiptimer.routine import source
from hiptimer.routine.figures import builtin_figure_file
from hiptimer.routine.parse import load_routine

from .support.checkout import REPO, ROUTINES

FIGURES = sorted((REPO / "resources" / "figures").glob("*.yaml"))
SCHEMA: dict[str, Any] = json.loads((REPO / "resources" / "figure.schema.json").read_text())

GOOD = """\
exercise: Clamshells
view: left
placement: lying on right side
floor: [right shoulder, right elbow]
start:
  right hip flexion: 45
  left hip flexion: 45
end:
  right hip flexion: 45
  left hip flexion: 45
  left hip abduction: 20
"""


def problems(text: str) -> list[str]:
    with pytest.raises(FigureError) as caught:
        parse_figure(text.encode(), "fig.yaml")
    return [str(problem) for problem in caught.value.problems]


def test_there_are_figures_to_check() -> None:
    assert len(FIGURES) >= 7


@pytest.mark.parametrize("path", FIGURES, ids=lambda p: p.name)
def test_every_shipped_figure_loads_and_names_a_built_in_exercise(path: Path) -> None:
    figure = load_figure(path)
    names = {exercise.name for routine in ROUTINES.glob("*.yaml")
             for exercise in load_routine(routine).exercises}
    assert figure.exercise in names
    assert builtin_figure_file(figure.exercise) == path
    jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), SCHEMA)


def test_the_schema_is_valid_and_knows_the_loader_s_keys() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    assert set(SCHEMA["properties"]) == set(TOP_KEYS)
    assert set(SCHEMA["$defs"]["pose"]["properties"]) == set(BY_WORDS)
    assert set(SCHEMA["$defs"]["point"]["enum"]) == {landmark.value for landmark in Landmark}


def test_a_good_file_loads_as_written() -> None:
    figure = parse_figure(GOOD.encode(), "fig.yaml")
    assert figure.placement is Placement.LYING_ON_RIGHT_SIDE
    assert figure.touching == (Landmark.RIGHT_SHOULDER, Landmark.RIGHT_ELBOW)
    assert figure.end is not None
    assert figure.pose_at(0.5) != figure.start


def test_an_angle_beyond_its_normal_range_is_refused_where_it_is_written() -> None:
    text = GOOD.replace("  left hip abduction: 20", "  left hip abduction: 60")
    assert problems(text) == ["fig.yaml:11:23: error: end: left hip abduction is 60 degrees, "
                              "15 beyond the normal range -30 to 45"]


def test_a_point_off_the_floor_is_named_with_how_far() -> None:
    text = GOOD.replace("right elbow]", "left knee]")
    [message] = problems(text)
    assert message.startswith("fig.yaml:4:8: error: floor: the left knee is ")
    assert "cm above the floor at the start; a point that touches it may be at most 2 cm off" \
        in message


def test_every_problem_is_reported_at_once_and_located() -> None:
    text = """\
exercise: Clamshells
veiw: left
placement: lying on the side
floor: [right hip, right nee, right hip]
start:
  left hip flexion: 0x10
  left hip twist: 10
  spine flexion: 200
props:
  - prop: mini band
    at: left ankle
arrow: left knee
"""
    assert problems(text) == [
        "fig.yaml:1:1: error: the figure file has no 'view'",
        "fig.yaml:2:1: error: unknown key 'veiw' in the figure file; did you mean 'view'?",
        "fig.yaml:3:12: error: placement: 'lying on the side' is not a placement; did you mean "
        "'lying on left side'?",
        "fig.yaml:4:20: error: floor: 'right nee' is not a point of the body; did you mean "
        "'right knee'?",
        "fig.yaml:4:31: error: floor: 'right hip' is named twice",
        "fig.yaml:6:21: error: left hip flexion: '0x10' is not a number of degrees",
        "fig.yaml:7:3: error: unknown key 'left hip twist' in the 'start' pose; did you mean "
        "'left hip abduction'?",
        "fig.yaml:8:18: error: spine flexion: 200 degrees is more than a half turn; angles run "
        "from -180 to 180",
        "fig.yaml:11:9: error: a mini band is placed at 2 points, not 1",
        "fig.yaml:12:1: error: 'arrow' shows a movement, so the figure needs an 'end' pose",
    ]


@pytest.mark.parametrize(("text", "expected"), [
    ("", "fig.yaml:1:1: error: the file is empty"),
    ("- a\n- b\n", "fig.yaml:1:1: error: a figure file must be a mapping"),
    ("exercise: x\n\tview: left\n", "fig.yaml:2:1: error: YAML syntax: a tab character"),
    ("figure: 2\n" + GOOD, "fig.yaml:1:9: error: figure: only format version 1 exists"),
    (GOOD + "tilt: {turn: 120}\n", "fig.yaml:12:14: error: tilt: 120 degrees is more than a "
                                    "quarter turn"),
    (GOOD.replace("start:\n  right hip flexion: 45\n  left hip flexion: 45\n", "start: [1]\n"),
     "fig.yaml:5:8: error: 'start' must be a mapping"),
    (GOOD + "exercise: again\n",
     "fig.yaml:12:1: error: duplicate key 'exercise' (first set on line 1)"),
])
def test_a_broken_file_is_refused_with_a_located_message(text: str, expected: str) -> None:
    assert any(message.startswith(expected) for message in problems(text)), problems(text)


def test_an_unreadable_file_is_refused_with_a_message(tmp_path: Path) -> None:
    with pytest.raises(FigureError) as caught:
        load_figure(tmp_path / "missing.yaml")
    assert "cannot read file" in str(caught.value)
    with pytest.raises(FigureError, match="is a folder"):
        load_figure(tmp_path)


# -- whatever arrives ----------------------------------------------------------------------

@pytest.fixture(params=["libyaml", "pyyaml"])
def engine(request: pytest.FixtureRequest) -> Iterator[str]:
    """libyaml, then PyYAML's own parser (set by hand: Hypothesis runs many examples)."""
    saved = source.FAST
    source.FAST = request.param == "libyaml" and saved
    yield str(request.param)
    source.FAST = saved


WORDS = [*(landmark.value for landmark in Landmark), *(p.value for p in Placement),
         *(p.value for p in Prop), "left", "front", "top", "0", "45", "-30", "90", "1e3",
         ".5", "nan", "~", ""]
KEYS = [*TOP_KEYS, *BY_WORDS, "prop", "at", "forward", "turn", "veiw"]
scalars = st.one_of(st.none(), st.booleans(), st.integers(-400, 400),
                    st.floats(allow_nan=True, allow_infinity=True),
                    st.sampled_from(WORDS), st.text(max_size=8))
documents = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(KEYS), st.text(max_size=5)), inner,
                        max_size=6)),
    max_leaves=30)
mostly_good = st.fixed_dictionaries(
    {"exercise": st.sampled_from(["Clamshells", "x"]),
     "view": st.sampled_from(["left", "top", "side"]),
     "placement": st.sampled_from([p.value for p in Placement]),
     "floor": st.lists(st.sampled_from([landmark.value for landmark in Landmark]),
                       min_size=1, max_size=3)},
    optional={"start": st.dictionaries(st.sampled_from(list(BY_WORDS)),
                                       st.integers(-200, 200), max_size=4),
              "end": st.dictionaries(st.sampled_from(list(BY_WORDS)),
                                     st.integers(-60, 140), max_size=4),
              "arrow": st.sampled_from(["left knee", "nose"])})


def check(data: bytes) -> None:
    try:
        figure = parse_figure(data, "fuzz.yaml")
    except FigureError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert problem.path == "fuzz.yaml"
            assert problem.line >= 1 and problem.column >= 1
            assert problem.message
    else:
        assert_sound(figure)


def assert_sound(figure: Figure) -> None:
    """A figure that loads is within every range and on the floor where it says."""
    for pose in (figure.start, figure.end or figure.start):
        assert out_of_range(pose) == ()
        assert all(math.isfinite(value) for value in pose.values())
    assert floor_problems(figure.pose_at, figure.placement, figure.touching,
                          tilt=figure.tilt) == []


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(documents)
def test_any_document_loads_soundly_or_is_refused_with_located_problems(
        engine: str, document: object) -> None:
    check(yaml.safe_dump(document, allow_unicode=True).encode())


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(mostly_good)
def test_a_nearly_right_file_loads_soundly_or_is_refused_with_located_problems(
        engine: str, document: dict[str, object]) -> None:
    check(yaml.safe_dump(document, allow_unicode=True).encode())


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=200))
def test_any_bytes_are_refused_or_loaded(engine: str, data: bytes) -> None:
    check(data)
