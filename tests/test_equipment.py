"""A routine's ``equipment:`` line: read, checked and located like any text, written back,
kept by the editor's draft, and shown where a person decides what to fetch before starting:
the plan on the command line and the library's preview."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from PySide6.QtCore import QCoreApplication
from pytestqt.qtbot import QtBot

from hiptimer.cli import main
from hiptimer.routine import RoutineError, load_routine, parse_routine
from hiptimer.routine.catalogue import Origin, load_entry
from hiptimer.routine.draft import Field, draft_from_routine, draft_to_routine
from hiptimer.routine.parse import MAX_EQUIPMENT_CHARS
from hiptimer.routine.write import routine_to_yaml
from hiptimer.ui.library.panel import LibraryPanel

from .support.checkout import REPO, ROUTINES

Write = Callable[..., Path]
SCHEMA: dict[str, Any] = json.loads((REPO / "resources" / "routine.schema.json").read_text())

ROUTINE = """\
hiptimer: 1
name: Band day
description: Strength with a band.
equipment: {equipment}
exercises:
  - name: Clams
    reps: 10
"""


def with_equipment(equipment: str) -> str:
    return ROUTINE.format(equipment=equipment)


def problems(write: Write, text: str) -> list[str]:
    path = write(text)
    with pytest.raises(RoutineError) as caught:
        load_routine(path)
    return [line.removeprefix(f"{path}:") for line in str(caught.value).splitlines()]


def test_the_equipment_is_one_line_of_text(write: Write) -> None:
    assert load_routine(write(with_equipment("  a mat, a mini-band  "))).equipment == \
        "a mat, a mini-band"
    assert load_routine(write(with_equipment(""))).equipment == ""  # empty: nothing said
    assert load_routine(write(ROUTINE.replace("equipment: {equipment}\n", ""))).equipment == ""
    assert load_routine(write(with_equipment("no"))).equipment == "no"  # text, not false


@pytest.mark.parametrize(("value", "expected"), [
    ('"a mat\\na band"', "4:12: error: equipment contains a line break; it must be one line"),
    ("[a mat, a band]", "4:12: error: 'equipment' must be one line of text such as "
                        "'a mat, a mini-band', not a list"),
    ("x" * (MAX_EQUIPMENT_CHARS + 1),
     f"4:12: error: equipment is {MAX_EQUIPMENT_CHARS + 1} characters long; at most "
     f"{MAX_EQUIPMENT_CHARS} are allowed"),
])
def test_equipment_that_cannot_be_used_is_located(write: Write, value: str,
                                                 expected: str) -> None:
    assert problems(write, with_equipment(value)) == [expected]


def test_a_misspelt_key_is_named(write: Write) -> None:
    text = with_equipment("a mat").replace("equipment:", "equipement:")
    assert problems(write, text) == [
        "4:1: error: unknown key 'equipement' in a routine; did you mean 'equipment'?"]


def test_the_equipment_is_written_back_after_the_description(write: Write) -> None:
    routine = load_routine(write(with_equipment("a mat, a cushion")))
    written = routine_to_yaml(routine)
    assert list(yaml.safe_load(written))[:4] == ["hiptimer", "name", "description",
                                                 "equipment"]
    again = parse_routine(written.encode(), "again.yaml")
    assert again == routine and again.equipment == "a mat, a cushion"
    assert "equipment" not in routine_to_yaml(load_routine(write(with_equipment(""))))


def test_the_editors_draft_keeps_the_equipment(write: Write) -> None:
    routine = load_routine(write(with_equipment("a mat")))
    draft = draft_from_routine(routine)
    assert draft.equipment == "a mat"
    assert draft_to_routine(draft) == routine
    changed = draft.with_field(Field.EQUIPMENT, "a mat, a towel")
    assert draft_to_routine(changed).equipment == "a mat, a towel"


def test_the_schema_knows_the_equipment_line() -> None:
    good = {"name": "a", "equipment": "a mat, a mini-band",
            "exercises": [{"name": "x", "hold": 30}]}
    jsonschema.validate(good, SCHEMA)
    for bad in ("a mat\na band", "x" * (MAX_EQUIPMENT_CHARS + 1), ["a mat"]):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate({**good, "equipment": bad}, SCHEMA)


def test_the_plan_says_what_you_need(write: Write,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    path = write(with_equipment("a mat, a mini-band"))
    assert main(["plan", str(path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[:3] == ["Band day", "Strength with a band.", "You need: a mat, a mini-band"]
    assert main(["plan", "--json", str(path)]) == 0
    assert json.loads(capsys.readouterr().out)["equipment"] == "a mat, a mini-band"
    assert main(["plan", str(write(with_equipment("")))]) == 0
    assert "You need" not in capsys.readouterr().out


def test_the_library_preview_says_what_each_built_in_needs(qtbot: QtBot) -> None:
    panel = LibraryPanel()
    qtbot.addWidget(panel)
    panel.resize(400, 700)
    entries = [load_entry(path, Origin.BUILT_IN) for path in sorted(ROUTINES.glob("*.yaml"))]
    panel.set_entries(entries)
    needs = {}
    for row, entry in enumerate(entries):
        panel.list.setCurrentRow(row)
        QCoreApplication.processEvents()
        shown = panel.details.toPlainText().splitlines()
        needs[entry.path.stem] = next(line for line in shown if line.startswith("You need: "))
    assert needs == {
        "complete-session": "You need: a mat, a cushion, a mini-band",
        "daily-short": "You need: a mat, a cushion",
        "hip-mobility": "You need: a mat, a cushion",
        "hip-strength": "You need: a mat, a mini-band",
    }
