"""The editor edits a routine's texts in the language spoken and keeps every other language's
text; its layout holds in every language."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from pytestqt.qtbot import QtBot

from hiptimer.base.language import Language
from hiptimer.routine.draft import draft_from_routine
from hiptimer.routine.parse import load_routine
from hiptimer.routine.write import routine_to_yaml
from hiptimer.ui.library.editor import RoutineEditor
from hiptimer.ui.library.editor_fields import Key
from hiptimer.ui.library.exercise_shown import Source

from .support.checkout import ROUTINES
from .support.languages import LANGUAGES, TRANSLATED


def editing(qtbot: QtBot, path: Path, language: Language | None = None) -> RoutineEditor:
    """An editor of the routine file at ``path``, its texts as ``language`` reads them."""
    editor = RoutineEditor(draft_from_routine(load_routine(path), language), path, path.parent,
                           lambda saved: None, lambda routine: None)
    qtbot.addWidget(editor)
    return editor


def type_into(editor: RoutineEditor, key: Key, text: str) -> None:
    """Type ``text`` over a field's (as typing does: Qt's test keys are ASCII only)."""
    field = editor.fields[key]
    field.setText(text)
    field.textEdited.emit(text)


def built_in_copy(folder: Path, name: str = "hip-mobility.yaml") -> Path:
    """A built-in routine written as the editor writes it (no comments to ask about)."""
    path = folder / name
    path.write_text(routine_to_yaml(load_routine(ROUTINES / name)), encoding="utf-8")
    return path


def test_editing_the_german_name_keeps_the_english_and_spanish_ones(
        qtbot: QtBot, tmp_path: Path) -> None:
    path = built_in_copy(tmp_path)
    editor = editing(qtbot, path, Language.GERMAN)
    assert editor.fields[Key.ROUTINE_NAME].text() == "Innenrotation der Hüfte \N{EN DASH} Mobilität"
    assert editor.fields[Key.EXERCISE_NAME].text() == "Hüftrotation in Rückenlage"
    type_into(editor, Key.ROUTINE_NAME, "Meine Hüftroutine")
    editor.list.setCurrentRow(1)
    assert editor.fields[Key.EXERCISE_LABELS].text() == "linkes Bein oben, rechtes Bein oben"
    type_into(editor, Key.EXERCISE_LABELS, "links drüber, rechts drüber")
    assert editor.save()
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert document["name"] == {"en": "Hip internal rotation - mobility",
                                "de": "Meine Hüftroutine",
                                "es": "Rotación interna de cadera \N{EN DASH} movilidad"}
    assert document["exercises"][1]["sides"][0] == {"en": "left leg over", "de": "links drüber",
                                                    "es": "pierna izquierda cruzada"}
    routine = load_routine(path)
    before = load_routine(ROUTINES / "hip-mobility.yaml")
    # The source texts, which history and figures go by, are as they were.
    assert routine.name == before.name
    assert [e.name for e in routine.exercises] == [e.name for e in before.exercises]
    assert routine.exercises[1].sides == before.exercises[1].sides
    assert routine.exercises[0].wordings == before.exercises[0].wordings


def test_editing_in_english_edits_the_source_and_keeps_the_translations(
        qtbot: QtBot, tmp_path: Path) -> None:
    path = built_in_copy(tmp_path)
    editor = editing(qtbot, path, Language.ENGLISH)
    type_into(editor, Key.EXERCISE_NAME, "Lying hip rotations")
    assert editor.save()
    exercise = load_routine(path).exercises[0]
    assert exercise.name == "Lying hip rotations"
    assert dict(exercise.wordings.name.entries)[Language.SPANISH] == \
        "Giros de cadera boca arriba"


def test_an_english_only_routine_stays_plain_text_in_any_language(
        qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "evening.yaml"
    path.write_text("name: Evening hips\ndescription: After a desk day.\nexercises:\n"
                    "  - name: Frog stretch\n    hold: 30s\n    sides: [in, out]\n",
                    encoding="utf-8")
    for language in LANGUAGES:
        editor = editing(qtbot, path, language)
        type_into(editor, Key.ROUTINE_NAME, f"Evening hips {language.code}")
        type_into(editor, Key.EXERCISE_LABELS, "inside, outside")
        assert editor.save()
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert document["name"] == f"Evening hips {language.code}"
        assert document["description"] == "After a desk day."
        assert document["exercises"][0]["name"] == "Frog stretch"
        assert document["exercises"][0]["sides"] == ["inside", "outside"]


def test_a_cleared_translation_leaves_its_language_out(qtbot: QtBot, tmp_path: Path) -> None:
    path = built_in_copy(tmp_path, "hip-strength.yaml")
    editor = editing(qtbot, path, Language.SPANISH)
    editor.description.setPlainText("")
    assert editor.save()
    routine = load_routine(path)
    assert routine.description.startswith("An easy warm-up")
    assert [code for code, text in routine.wordings.description.entries] == [
        Language.ENGLISH, Language.GERMAN]


@pytest.mark.parametrize("spoken", TRANSLATED, indirect=True)
def test_the_editor_speaks_the_language_installed(
        spoken: Language, qtbot: QtBot, tmp_path: Path) -> None:
    editor = editing(qtbot, built_in_copy(tmp_path))
    routine = load_routine(ROUTINES / "hip-mobility.yaml")
    assert editor.fields[Key.ROUTINE_NAME].text() == routine.wordings.name.text_in(spoken, "")
    assert editor.save_button.text() and editor.try_button.text()


def test_an_exercise_edited_in_german_is_drawn_with_its_built_in_figure(
        qtbot: QtBot, tmp_path: Path) -> None:
    editor = editing(qtbot, built_in_copy(tmp_path), Language.GERMAN)
    editor.list.setCurrentRow(1)  # the figure-four stretch, its sides in German
    exercise = editor.draft.exercises[1]
    assert exercise.name == "Vierer-Dehnung"
    assert exercise.source_name == "Figure-four stretch"
    assert exercise.source_labels() == ("left leg over", "right leg over")
    assert editor._shown is not None and editor._shown.source is Source.BUILTIN_FIGURE
