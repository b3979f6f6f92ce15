"""Whatever bytes arrive, the loader answers with a routine or with located problems."""

from __future__ import annotations

from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hiptimer.routine import Routine, RoutineError, parse_routine
from hiptimer.routine.parse import DEFAULT_KEYS, EXERCISE_KEYS, TOP_KEYS

KEYS = sorted({*TOP_KEYS, *DEFAULT_KEYS, *EXERCISE_KEYS, "nmae", "hodl"})
WORDS = ["both", "left", "none", "self", "blocked", "alternating", "30s", "30-60s", "8-12",
         "2-1-2", "1:30", "-5", "0", "1", "yes", "~", "", "x"]

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10, 10_000),
    st.floats(allow_nan=True, allow_infinity=True), st.sampled_from(WORDS), st.text(max_size=12),
)
documents = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.one_of(st.sampled_from(KEYS), st.text(max_size=6)), inner,
                        max_size=6),
    ),
    max_leaves=30,
)


def check(data: bytes) -> None:
    try:
        routine = parse_routine(data, "fuzz.yaml")
    except RoutineError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert problem.path == "fuzz.yaml"
            assert problem.line >= 1 and problem.column >= 1
            assert problem.message
    else:
        assert isinstance(routine, Routine)
        assert routine.name and routine.exercises


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=300))
def test_arbitrary_bytes(data: bytes) -> None:
    check(data)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list("abn:- \n[]{}&*!|>'\"#%@`,?0123456789")),
               max_size=200))
def test_yaml_punctuation_soup(text: str) -> None:
    check(text.encode())


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_arbitrary_yaml_shaped_documents(document: Any) -> None:
    check(yaml.safe_dump(document, allow_unicode=True).encode())


# Names without control or line-break characters, which YAML itself folds or refuses.
names = st.text(st.characters(exclude_categories=("Cc", "Cs", "Zl", "Zp"),
                              exclude_characters="\x85\ufeff"),
                min_size=1, max_size=10).filter(str.strip)
exercise_maps = st.fixed_dictionaries(
    {"name": names},
    optional={"sets": st.integers(1, 4), "sides": st.sampled_from(["none", "both", "left"]),
              "order": st.sampled_from(["alternating", "blocked"]),
              "rest": st.sampled_from(["0", "10s", "1:00"])},
).flatmap(lambda base: st.one_of(
    st.builds(lambda h: {**base, "hold": h}, st.sampled_from(["30s", "30-60s", 45, "1m"])),
    st.builds(lambda r: {**base, "reps": r}, st.sampled_from([8, "8-12", "10"])),
))


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(exercise_maps, min_size=1, max_size=4), st.integers(1, 3))
def test_valid_shaped_documents_load(exercises: list[dict[str, Any]], rounds: int) -> None:
    text = yaml.safe_dump({"name": "generated", "rounds": rounds, "exercises": exercises},
                          allow_unicode=True)
    routine = parse_routine(text.encode(), "gen.yaml")
    assert len(routine.exercises) == len(exercises)
    assert [e.name for e in routine.exercises] == [x["name"].strip() for x in exercises]
