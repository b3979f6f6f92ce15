"""The routine editor's line fields: which part of the draft each edits, its error line, and
the hints it shows while empty.

Each field's error line keeps its place while empty, so nothing moves under the pointer
as errors come and go; its colour is chosen for the theme, to stay readable on both.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from enum import StrEnum

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from hiptimer.base.translation import _
from hiptimer.routine.draft import PAUSE_FIELDS, ExerciseDraft, Field, RoutineDraft, field_problem
from hiptimer.routine.model import BUILTIN_SETTINGS
from hiptimer.routine.write import seconds_text, tempo_text
from hiptimer.ui.common import theme
from hiptimer.ui.common.plain import plain_label
from hiptimer.ui.common.wrapped_text import WrappedText

FILE_ERROR_LINES = 4
"""Lines a file field's problem shows before it scrolls."""
ERROR_ON_LIGHT, ERROR_ON_DARK = "#b00020", "#ff8a80"
"""Error text: deep red on the light look, light coral on the dark one; each keeps at least
4.5:1 contrast against its look's window and field backgrounds."""


def look_of(palette: QPalette) -> theme.Look:
    """The look a palette was made from, told by how dark its window colour is."""
    dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
    return theme.DARK if dark else theme.LIGHT


def error_colour(look: theme.Look) -> str:
    """The error colour that keeps AA contrast on ``look``."""
    return ERROR_ON_DARK if look.dark else ERROR_ON_LIGHT


def keep_place(widget: QWidget) -> None:
    """Hiding ``widget`` leaves its space empty, so the widgets around it stay put."""
    policy = widget.sizePolicy()
    policy.setRetainSizeWhenHidden(True)
    widget.setSizePolicy(policy)


class Scope(StrEnum):
    """Which part of the draft a field edits: the routine, or the selected exercise."""

    ROUTINE = "routine"
    EXERCISE = "exercise"


class Key(StrEnum):
    """One line field of the editor, written ``scope.field``."""

    ROUTINE_NAME = "routine.name"
    ROUTINE_ROUNDS = "routine.rounds"
    ROUTINE_BUDGET = "routine.budget"
    ROUTINE_PREPARE = "routine.prepare"
    ROUTINE_REST = "routine.rest"
    ROUTINE_SWITCH = "routine.switch"
    ROUTINE_TEMPO = "routine.tempo"
    EXERCISE_NAME = "exercise.name"
    EXERCISE_AMOUNT = "exercise.amount"
    EXERCISE_SETS = "exercise.sets"
    EXERCISE_LABELS = "exercise.labels"
    EXERCISE_TEMPO = "exercise.tempo"
    EXERCISE_PREPARE = "exercise.prepare"
    EXERCISE_REST = "exercise.rest"
    EXERCISE_SWITCH = "exercise.switch"
    EXERCISE_IMAGE = "exercise.image"
    EXERCISE_FIGURE = "exercise.figure"

    @classmethod
    def of(cls, scope: Scope, field: Field) -> Key:
        return cls(f"{scope.value}.{field.value}")

    @property
    def scope(self) -> Scope:
        return Scope(self.value.partition(".")[0])

    @property
    def field(self) -> Field:
        return Field(self.value.partition(".")[2])


ROUTINE_KEYS = tuple(key for key in Key if key.scope is Scope.ROUTINE)
EXERCISE_KEYS = tuple(key for key in Key if key.scope is Scope.EXERCISE)


class FieldRows:
    """The editor's line fields by ``Key``, each with its error line, made as the forms are
    built; ``edited`` is told of every change typed into one."""

    def __init__(self, edited: Callable[[Key, str], None]) -> None:
        self.edits: dict[Key, QLineEdit] = {}
        self.errors: dict[Key, QLabel | WrappedText] = {}
        self._edited = edited

    def row(self, key: Key, name: str, path: bool = False,
            beside: QWidget | None = None, problem_name: str | None = None) -> QWidget:
        """A line field named ``name`` for screen readers, with its error line under it;
        ``path``: a file's, whose problem may hold a long path, broken where it must, and
        whose error line screen readers know as ``problem_name``; ``beside``: a button, say,
        to the right of the field (the error line under both)."""
        edit = QLineEdit()
        edit.setAccessibleName(name)
        error: QLabel | WrappedText
        if path:
            error = WrappedText(lines=FILE_ERROR_LINES)
            error.setAccessibleName(problem_name or name)
        else:
            error = plain_label()
            error.setWordWrap(True)
        keep_place(error)  # an empty line's height, kept while there is no error
        self.edits[key] = edit
        self.errors[key] = error
        box = QWidget()
        row = QVBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        if beside is None:
            row.addWidget(edit)
        else:
            line = QHBoxLayout()
            line.addWidget(edit, 1)
            line.addWidget(beside)
            row.addLayout(line)
        row.addWidget(error)
        error.hide()
        edit.textEdited.connect(lambda text, key=key: self._edited(key, text))
        return box

    def show_routine(self, draft: RoutineDraft) -> None:
        for key in ROUTINE_KEYS:
            self._set_text(key, getattr(draft, key.field))

    def show_exercise(self, exercise: ExerciseDraft) -> None:
        for key in EXERCISE_KEYS:
            self._set_text(key, getattr(exercise, key.field))

    def _set_text(self, key: Key, text: str) -> None:
        edit = self.edits[key]
        if edit.text() != text:
            edit.setText(text)

    def show_placeholders(self, draft: RoutineDraft) -> None:
        """Empty pause fields show what they inherit, so nobody has to guess."""
        built_in = {name: seconds_text(getattr(BUILTIN_SETTINGS, name) or 0)
                    for name in PAUSE_FIELDS}
        built_in[Field.TEMPO] = (tempo_text(BUILTIN_SETTINGS.tempo) if BUILTIN_SETTINGS.tempo
                                 else "")
        for name, value in built_in.items():
            own = getattr(draft, name).strip()
            built_in_default = _("{value} (built-in default)").format(value=value)
            self.edits[Key.of(Scope.ROUTINE, name)].setPlaceholderText(built_in_default)
            self.edits[Key.of(Scope.EXERCISE, name)].setPlaceholderText(
                _("{value} (routine default)").format(value=own) if own else built_in_default)
        self.edits[Key.EXERCISE_LABELS].setPlaceholderText(_("e.g. to the left, to the right"))
        self.edits[Key.EXERCISE_IMAGE].setPlaceholderText(
            _("an image file next to the routine"))
        self.edits[Key.EXERCISE_FIGURE].setPlaceholderText(
            _("a figure file (.yaml) next to the routine"))

    def show_problems(self, draft: RoutineDraft, exercise: ExerciseDraft | None,
                      files: Mapping[Key, str | None] | None = None) -> None:
        """Each field's problem under it: the routine's, and the shown exercise's; ``files``:
        what is wrong with the files the exercise names, found by whoever can look."""
        for key in ROUTINE_KEYS:
            self._show_error(key, field_problem(key.field, getattr(draft, key.field)))
        if exercise is not None:
            for key in EXERCISE_KEYS:
                problem = field_problem(key.field, getattr(exercise, key.field), exercise.kind)
                self._show_error(key, problem or (files or {}).get(key))

    def _show_error(self, key: Key, message: str | None) -> None:
        label = self.errors[key]
        label.setText(message or "")
        label.setVisible(bool(message))
        # Heard with the field; none leaves the field's hint (what it inherits) to be said.
        self.edits[key].setAccessibleDescription(message or "")
