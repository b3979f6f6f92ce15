"""The shipped JSON Schema and the loader agree, so an editor's checks match the app's."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from hiptimer.routine import RoutineError, parse_routine
from hiptimer.routine.parse import DEFAULT_KEYS, EXERCISE_KEYS, TOP_KEYS

from .support.checkout import REPO, ROUTINES

SCHEMA: dict[str, Any] = json.loads((REPO / "resources" / "routine.schema.json").read_text())
BUILT_INS = sorted(ROUTINES.glob("*.yaml"))


def test_the_schema_is_a_valid_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_schema_and_loader_know_the_same_fields() -> None:
    assert set(SCHEMA["properties"]) == set(TOP_KEYS)
    assert set(SCHEMA["properties"]["defaults"]["properties"]) == set(DEFAULT_KEYS)
    assert set(SCHEMA["$defs"]["exercise"]["properties"]) == set(EXERCISE_KEYS)
    assert set(SCHEMA["required"]) == {"name", "exercises"}


@pytest.mark.parametrize("path", BUILT_INS, ids=lambda p: p.name)
def test_every_built_in_matches_the_schema(path: Path) -> None:
    jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), SCHEMA)


def test_there_are_built_ins_to_check() -> None:
    assert len(BUILT_INS) >= 4


VALID = [
    {"name": "a", "exercises": [{"name": "x", "hold": "30-60s", "sides": "both"}]},
    {"hiptimer": 1, "name": "a", "rounds": 2, "defaults": {"rest": "1:00", "tempo": "2-1-2"},
     "exercises": [{"name": "x", "reps": "8-12", "sets": "2-3", "sides": ["in", "out"],
                    "order": "blocked", "tempo": "self", "prepare": 0}]},
    {"name": "a", "exercises": [{"name": "x", "hold": 45, "switch": "5 sec", "rest": "1m30s"}]},
    {"name": "a", "budget": "11m", "exercises": [{"name": "x", "hold": "30-60s", "sets": "2-3"}]},
    {"name": "a", "budget": 90, "exercises": [{"name": "x", "hold": 45}]},
    {"name": {"en": "a", "de": "b"}, "description": {"es": "x"},
     "equipment": {"en": "a mat", "de": "eine Matte"},
     "exercises": [{"name": {"de": "x", "es": "y"}, "hold": 5, "setup": {"en": "s", "es": "t"},
                    "sides": [{"en": "in", "de": "innen"}, "out"]}]},
]
INVALID = [
    {"name": "a"},
    {"name": "a", "exercises": []},
    {"name": "a", "exercises": [{"name": "x"}]},
    {"name": "a", "exercises": [{"name": "x", "hold": 5, "reps": 5}]},
    {"name": "a", "exercises": [{"name": "x", "hold": 5, "sides": "bothh"}]},
    {"name": "a", "exercises": [{"name": "x", "hold": 5, "order": "random"}]},
    {"name": "a", "exercises": [{"name": "x", "hold": 5, "hodl": 5}]},
    {"name": "a", "exercises": [{"name": "x", "reps": 0}]},
    {"name": "a", "exercises": [{"name": "x", "hold": -5}]},
    {"name": "a", "defaults": {"rest": "soon"}, "exercises": [{"name": "x", "hold": 5}]},
    {"hiptimer": 2, "name": "a", "exercises": [{"name": "x", "hold": 5}]},
    {"name": "a", "rounds": 0, "exercises": [{"name": "x", "hold": 5}]},
    {"name": "a", "bogus": 1, "exercises": [{"name": "x", "hold": 5}]},
    {"name": "a", "budget": "soon", "exercises": [{"name": "x", "hold": 5}]},
    {"name": "a", "budget": 0, "exercises": [{"name": "x", "hold": 5}]},
    {"name": "a", "budget": ["11m"], "exercises": [{"name": "x", "hold": 5}]},
    {"name": {"fr": "a"}, "exercises": [{"name": "x", "hold": 5}]},
    {"name": {}, "exercises": [{"name": "x", "hold": 5}]},
    {"name": {"en": ["a"]}, "exercises": [{"name": "x", "hold": 5}]},
    {"name": {"en": "a", "de": ""}, "exercises": [{"name": "x", "hold": 5}]},
    {"name": "a", "exercises": [{"name": "x", "hold": 5, "description": {"de": ""}}]},
    {"name": "a", "exercises": [{"name": "x", "hold": 5, "sides": [{"en": "in", "es": ["in"]}]}]},
]


@pytest.mark.parametrize("document", VALID)
def test_both_accept(document: dict[str, Any]) -> None:
    jsonschema.validate(document, SCHEMA)
    parse_routine(yaml.safe_dump(document).encode(), "doc.yaml")


@pytest.mark.parametrize("document", INVALID)
def test_both_reject(document: dict[str, Any]) -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, SCHEMA)
    with pytest.raises(RoutineError):
        parse_routine(yaml.safe_dump(document).encode(), "doc.yaml")
