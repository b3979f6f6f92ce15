"""A routine file gives its texts in several languages: each is shown in the language spoken,
while the source text stays what history, figures and side marks go by."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from hiptimer.base.language import Language
from hiptimer.base.problem import RoutineError
from hiptimer.routine.catalogue import Origin, exercise_index, find, load_entry
from hiptimer.routine.figures import builtin_figure_file
from hiptimer.routine.model import TextField
from hiptimer.routine.parse import load_routine, parse_routine
from hiptimer.routine.user_folder import UserFolder
from hiptimer.routine.write import routine_to_yaml

from .support.checkout import ROUTINES

GERMAN, SPANISH, ENGLISH = Language.GERMAN, Language.SPANISH, Language.ENGLISH

WORDED = """\
hiptimer: 1
name:
  en: Evening hips
  de: Hüften am Abend
description:
  de: Nach einem Tag am Schreibtisch.
  es: Tras un día en la oficina.
equipment:
  en: a mat
  es: una esterilla
exercises:
  - name:
      es: Paloma
      en: Pigeon
    setup:
      en: Put the band round your ankles.
      de: Leg dir das Band um die Knöchel.
    description: |
      Slide one knee forward.
    hold: 30s
    sides:
      - en: left leg in front
        de: linkes Bein vorn
      - right leg in front
"""


def parsed(text: str) -> object:
    return parse_routine(text.encode(), "r.yaml")


def problems(text: str) -> list[str]:
    with pytest.raises(RoutineError) as caught:
        parse_routine(text.encode(), "r.yaml")
    return [str(problem) for problem in caught.value.problems]


def test_every_text_is_shown_in_the_language_asked_for_else_the_source() -> None:
    routine = parse_routine(WORDED.encode(), "r.yaml")
    assert routine.text(TextField.NAME, GERMAN) == "Hüften am Abend"
    assert routine.text(TextField.NAME, SPANISH) == "Evening hips"
    assert routine.text(TextField.DESCRIPTION, SPANISH) == "Tras un día en la oficina."
    assert routine.text(TextField.EQUIPMENT, GERMAN) == "a mat"
    exercise = routine.exercises[0]
    assert exercise.text(TextField.NAME, SPANISH) == "Paloma"
    assert exercise.text(TextField.NAME, GERMAN) == "Pigeon"
    assert exercise.text(TextField.SETUP, GERMAN) == "Leg dir das Band um die Knöchel."
    assert exercise.text(TextField.DESCRIPTION, GERMAN) == "Slide one knee forward."
    assert exercise.side_text("left leg in front", GERMAN) == "linkes Bein vorn"
    assert exercise.side_text("right leg in front", GERMAN) == "right leg in front"


def test_the_source_text_is_the_english_one_else_the_first_and_stays_the_identity() -> None:
    routine = parse_routine(WORDED.encode(), "r.yaml")
    assert routine.name == "Evening hips"
    assert routine.description == "Nach einem Tag am Schreibtisch."  # no English: the first
    exercise = routine.exercises[0]
    assert exercise.name == "Pigeon"  # English, though written second
    assert exercise.sides == ("left leg in front", "right leg in front")
    # The built-in figure is found by the source name, whatever language is shown.
    assert builtin_figure_file(exercise.name) is not None


def test_the_english_interface_shows_the_source_text() -> None:
    routine = parse_routine(WORDED.encode(), "r.yaml")
    assert routine.text(TextField.NAME) == "Evening hips"  # the tests speak English
    assert routine.text(TextField.DESCRIPTION, ENGLISH) == "Nach einem Tag am Schreibtisch."


def test_a_routine_with_translations_is_written_back_as_it_was() -> None:
    routine = parse_routine(WORDED.encode(), "r.yaml")
    written = routine_to_yaml(routine)
    assert parse_routine(written.encode(), "again.yaml") == routine
    document = yaml.safe_load(written)
    assert document["name"] == {"en": "Evening hips", "de": "Hüften am Abend"}
    assert list(document["exercises"][0]["name"]) == ["es", "en"]  # the file's order
    assert document["exercises"][0]["description"] == "Slide one knee forward."
    assert document["exercises"][0]["sides"][1] == "right leg in front"


@pytest.mark.parametrize(("value", "expected"), [
    ("{fr: Hanches}", "r.yaml:1:8: error: unknown language code 'fr' under 'name'; use en, "
                      "de, es"),
    ("{}", "r.yaml:1:7: error: 'name' is an empty mapping; write the text, or one text per "
           "language such as 'en: ...'"),
    ("{en: [a, b]}", "r.yaml:1:12: error: 'en' must be a name, not a list"),
    ("{en: Hips, de: {x: y}}", "r.yaml:1:22: error: 'de' must be a name, not a mapping"),
    ("{en: Hips, de: ''}", "r.yaml:1:22: error: the de text of 'name' is empty; leave the "
                           "language out instead"),
    ("{en: Hips, de: }", "r.yaml:1:18: error: 'de' has no value; it must be a name"),
    ("{en: Hips, en: Hüften}", "r.yaml:1:18: error: language 'en' is given twice under "
                               "'name' (first on line 1)"),
])
def test_a_wrong_mapping_of_languages_is_located_and_said(value: str, expected: str) -> None:
    found = problems(f"name: {value}\nexercises:\n  - name: x\n    hold: 5s\n")
    assert found == [expected]


def test_each_text_in_a_mapping_is_checked_as_the_plain_text_would_be() -> None:
    found = problems("name: x\nexercises:\n  - name: x\n    hold: 5s\n    setup:\n"
                     f"      en: Band on.\n      de: {'B' * 101}\n    sides:\n"
                     "      - {en: in, es: \"a\\nb\"}\n      - out\n")
    assert found == [
        "r.yaml:7:11: error: setup is 101 characters long; at most 100 are allowed",
        "r.yaml:9:22: error: a side label contains a line break; it must be one line",
    ]


def test_every_built_in_text_is_in_german_and_spanish() -> None:
    for path in sorted(ROUTINES.glob("*.yaml")):
        routine = load_routine(path)
        texts = [(routine.text, field) for field in
                 (TextField.NAME, TextField.DESCRIPTION, TextField.EQUIPMENT)]
        for exercise in routine.exercises:
            texts += [(exercise.text, field) for field in (TextField.NAME, TextField.DESCRIPTION)]
            if exercise.setup:
                texts.append((exercise.text, TextField.SETUP))
            for side in exercise.sides:
                for language in (GERMAN, SPANISH):
                    assert exercise.side_text(side, language) != side, (path.name, side)
        for text, field in texts:
            english = text(field, ENGLISH)
            for language in (GERMAN, SPANISH):
                assert text(field, language) != english, (path.name, field, english)


def test_an_exercise_has_the_same_words_in_every_built_in() -> None:
    seen: dict[str, object] = {}
    for path in sorted(ROUTINES.glob("*.yaml")):
        for exercise in load_routine(path).exercises:
            words = (exercise.wordings.name, exercise.wordings.description,
                     exercise.wordings.setup, exercise.wordings.sides)
            assert seen.setdefault(exercise.name, words) == words, exercise.name


def test_a_routine_is_found_by_its_name_in_any_of_its_languages(tmp_path: Path) -> None:
    path = tmp_path / "evening.yaml"
    path.write_text(WORDED, encoding="utf-8")
    entry = load_entry(path, Origin.USER)
    assert entry.name == "Evening hips"
    assert entry.shown_name == "Evening hips"
    assert find([entry], "hüften am abend") == [entry]
    assert find([entry], "Evening Hips") == [entry]
    routine = entry.routine
    assert routine is not None
    assert exercise_index(routine, "paloma") == 0


def test_a_copy_is_named_in_plain_text_and_keeps_the_other_translations(
        tmp_path: Path) -> None:
    folder = UserFolder(tmp_path / "mine", tmp_path / "trash")
    built_in = load_routine(ROUTINES / "hip-mobility.yaml")
    copy = load_routine(folder.duplicate(built_in))
    assert copy.name == "Hip internal rotation - mobility (copy)"
    assert not copy.wordings.name.entries
    assert copy.exercises[0].wordings == built_in.exercises[0].wordings
    assert replace(copy, name=built_in.name, wordings=built_in.wordings,
                   path=None) == replace(built_in, path=None)
