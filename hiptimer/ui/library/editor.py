"""The routine editor: every field checked as it is typed, a live plan, and undo.

Edits change an immutable ``RoutineDraft``; each change is one undo step (typing into one
field merges into a single step). The fields and their error lines are ``editor_fields``';
saving and following the file on disk are ``editor_file``'s. Beside the selected exercise's
form, ``figure_view`` shows it as the session will (``exercise_shown`` works out what).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Hashable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import (
    QFontDatabase,
    QKeyEvent,
    QKeySequence,
    QShortcut,
    QUndoCommand,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from hiptimer.base.problem import RoutineError
from hiptimer.base.translation import _, pgettext
from hiptimer.routine.draft import (
    DraftKind,
    ExerciseDraft,
    Field,
    RoutineDraft,
    SideChoice,
    draft_problems,
    draft_to_routine,
)
from hiptimer.routine.model import Order, Routine
from hiptimer.session.timeline import compile_timeline
from hiptimer.tables import plan_table, total_text
from hiptimer.ui.common.plain import add_row, plain_label, plain_title
from hiptimer.ui.common.window_services import opening_size
from hiptimer.ui.library.editor_fields import FieldRows, Key, Scope, error_colour, look_of
from hiptimer.ui.library.editor_file import FileEditor
from hiptimer.ui.library.exercise_shown import Shown, shown_for
from hiptimer.ui.library.figure_view import FigureView

PLAN_LINES = 10
"""The plan's lines in sight at the least: the editor's forms scroll before it shrinks."""


def scrolling(form: QWidget) -> QScrollArea:
    """``form`` in a frameless area that scrolls it up and down when the window is too low
    for all of it (a 768-pixel screen), and follows the keyboard's focus through it."""
    area = QScrollArea()
    area.setWidget(form)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    # As wide as the form, and its scroll bar beside it: the form is never cut at the side.
    area.setMinimumWidth(form.minimumSizeHint().width()
                         + area.verticalScrollBar().sizeHint().width())
    return area


class DraftChange(QUndoCommand):
    """One edit: the draft before and after. Typing in one field merges into one step."""

    def __init__(self, editor: RoutineEditor, before: RoutineDraft, after: RoutineDraft,
                 what: str, merge_key: Hashable | None) -> None:
        super().__init__(what)
        self.editor, self.before, self.after = editor, before, after
        self.merge_key = merge_key

    def id(self) -> int:
        return 1 if self.merge_key else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, DraftChange) or other.merge_key != self.merge_key:
            return False
        self.after = other.after
        return True

    def redo(self) -> None:
        self.editor.show_draft(self.after)

    def undo(self) -> None:
        self.editor.show_draft(self.before)


class RoutineEditor(FileEditor):
    def __init__(self, draft: RoutineDraft, path: Path | None, folder: Path,
                 on_saved: Callable[[Path], None], on_try: Callable[[Routine], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(draft, path, folder, on_saved, parent)
        self.on_try = on_try
        self.current = 0
        self.undo_stack = QUndoStack(self)
        self._showing = False

        self.rows = FieldRows(self._on_field_text_edited)
        self.fields, self.errors = self.rows.edits, self.rows.errors
        routine_box = QGroupBox(pgettext("editor", "Routine"))
        routine_form = QFormLayout(routine_box)
        for key, label in ((Key.ROUTINE_NAME, pgettext("editor", "Name")),
                           (Key.ROUTINE_ROUNDS, pgettext("editor", "Rounds")),
                           (Key.ROUTINE_BUDGET, _("Time budget")),
                           (Key.ROUTINE_PREPARE, pgettext("editor", "Get ready")),
                           (Key.ROUTINE_REST, _("Rest between sets")),
                           (Key.ROUTINE_SWITCH, pgettext("editor", "Switch sides")),
                           (Key.ROUTINE_TEMPO, pgettext("editor", "Tempo"))):
            add_row(routine_form, label, self.rows.row(key, label))
        self.description = QPlainTextEdit()
        self.description.setFixedHeight(60)
        add_row(routine_form, pgettext("editor", "Description"), self.description)

        self.list = QListWidget()
        self.list.setDragDropMode(QListWidget.DragDropMode.InternalMove)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(pgettext("exercise", "Add"))
        self.copy_button = QPushButton(pgettext("exercise", "Duplicate"))
        self.delete_button = QPushButton(pgettext("exercise", "Delete"))
        self.up_button = QPushButton(pgettext("exercise", "Up"))
        self.down_button = QPushButton(pgettext("exercise", "Down"))
        for button in (self.add_button, self.copy_button, self.delete_button, self.up_button,
                       self.down_button):
            buttons.addWidget(button)
        self.figure_view = FigureView()
        list_box = QGroupBox(_("Exercises (drag, or Ctrl+Up / Ctrl+Down, to reorder)"))
        list_layout = QVBoxLayout(list_box)
        list_layout.addWidget(self.list)
        list_layout.addLayout(buttons)

        exercise_box = QGroupBox(pgettext("editor", "Exercise"))
        form = QFormLayout(exercise_box)
        add_row(form, pgettext("editor", "Name"),
                self.rows.row(Key.EXERCISE_NAME, _("Exercise name")))
        self.exercise_description = QPlainTextEdit()
        self.exercise_description.setFixedHeight(90)
        add_row(form, _("How to do it"), self.exercise_description)
        # The choices are the words a routine file uses for them, in the language spoken.
        self.kind = QComboBox()
        self.kind.addItems([pgettext("exercise kind", "hold"), pgettext("exercise kind", "reps")])
        add_row(form, _("Hold or reps"), self.kind)
        add_row(form, _("Duration / reps"),
                self.rows.row(Key.EXERCISE_AMOUNT, _("Duration / reps")))
        add_row(form, pgettext("editor", "Sets"),
                self.rows.row(Key.EXERCISE_SETS, pgettext("editor", "Sets")))
        self.sides = QComboBox()
        self.sides.addItems([pgettext("sides", "none"), pgettext("sides", "both"),
                             pgettext("sides", "left"), pgettext("sides", "right"),
                             pgettext("sides", "labels")])
        add_row(form, pgettext("editor", "Sides"), self.sides)
        add_row(form, _("Side labels"), self.rows.row(Key.EXERCISE_LABELS, _("Side labels")))
        self.order = QComboBox()
        self.order.addItems([pgettext("order", "alternating"), pgettext("order", "blocked")])
        add_row(form, pgettext("editor", "Order"), self.order)
        for key, label, name in (
                (Key.EXERCISE_TEMPO, pgettext("editor", "Tempo"), _("Exercise's tempo")),
                (Key.EXERCISE_PREPARE, pgettext("editor", "Get ready"),
                 _("Exercise's get ready")),
                (Key.EXERCISE_REST, pgettext("editor", "Rest"), _("Exercise's rest")),
                (Key.EXERCISE_SWITCH, pgettext("editor", "Switch sides"),
                 _("Exercise's switch sides")),
                (Key.EXERCISE_IMAGE, pgettext("editor", "Image"), _("Exercise's image"))):
            image = key is Key.EXERCISE_IMAGE
            add_row(form, label, self.rows.row(
                key, name, path=image,
                problem_name=_("Problem with the exercise's image") if image else None))
        self.browse_button = QPushButton(_("Browse…"))
        add_row(form, _("Figure file"), self.rows.row(
            Key.EXERCISE_FIGURE, _("Exercise's figure file"), path=True,
            beside=self.browse_button,
            problem_name=_("Problem with the exercise's figure file")))
        figure_field = self.rows.edits[Key.EXERCISE_FIGURE]  # a path's end in sight, however narrow
        figure_field.setMinimumWidth(12 * figure_field.fontMetrics().averageCharWidth())
        self._shown: Shown | None = None

        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.preview.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.preview.setMinimumHeight(
            PLAN_LINES * self.preview.fontMetrics().lineSpacing()
            + 2 * (self.preview.frameWidth() + round(self.preview.document().documentMargin())))
        self.problems = plain_label()
        self.problems.setWordWrap(True)
        self.undo_button = QPushButton(pgettext("button", "Undo"))
        self.redo_button = QPushButton(pgettext("button", "Redo"))
        self.try_button = QPushButton(_("Try it"))
        self.save_button = QPushButton(pgettext("button", "Save"))
        actions = QHBoxLayout()
        actions.addWidget(self.saved_note)
        for button in (self.undo_button, self.redo_button, self.try_button, self.save_button):
            actions.addWidget(button)

        left = QVBoxLayout()
        left.addWidget(routine_box)
        left.addWidget(list_box, 1)
        right = QVBoxLayout()
        right.addWidget(scrolling(exercise_box), 3)
        right.addWidget(plain_label(pgettext("editor", "Plan")))
        # The figure beside the plan: in sight whichever field is edited, and the plan's
        # height already has room for it, so the editor still fits a small screen.
        planned = QHBoxLayout()
        planned.addWidget(self.preview, 1)
        planned.addWidget(self.figure_view, 0, Qt.AlignmentFlag.AlignTop)
        right.addLayout(planned, 2)
        right.addWidget(self.problems)
        right.addLayout(actions)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 2)
        layout.addLayout(right, 3)

        self._describe()
        self._colour_errors()
        self._connect()
        self.show_draft(draft)
        self.resize(opening_size(self))  # never taller than its screen leaves room for

    # -- building --------------------------------------------------------------------------

    def _describe(self) -> None:
        """Names and descriptions for screen readers, where a label alone says too little."""
        self.list.setAccessibleName(_("Exercises"))
        self.list.setAccessibleDescription(
            _("The routine's exercises in order; Ctrl+Up and Ctrl+Down move the selected one"))
        self.preview.setAccessibleName(pgettext("editor", "Plan"))
        self.preview.setAccessibleDescription(
            _("The routine's total length and every phase, as edited"))
        self.problems.setAccessibleDescription(_("Problems that keep the routine from saving"))
        for combo, name, choices in (
                (self.kind, _("Hold or reps"), _("Hold or reps choices")),
                (self.sides, pgettext("editor", "Sides"), _("Sides choices")),
                (self.order, pgettext("editor", "Order"), _("Order choices"))):
            combo.setAccessibleName(name)
            combo.view().setAccessibleName(choices)
        for button, description in (
                (self.add_button, _("Add an exercise after the selected one")),
                (self.copy_button, _("Add a copy of the selected exercise after it")),
                (self.delete_button, _("Delete the selected exercise")),
                (self.up_button, _("Move the selected exercise up (Ctrl+Up)")),
                (self.down_button, _("Move the selected exercise down (Ctrl+Down)")),
                (self.browse_button, _("Choose a figure file of your own for the exercise")),
                (self.undo_button, _("Undo the last change (Ctrl+Z)")),
                (self.redo_button, _("Redo the change undone (Ctrl+Shift+Z)")),
                (self.try_button, _("Run the routine as edited, without saving it")),
                (self.save_button,
                 _("Save the routine (Ctrl+S), keeping the previous file as a .bak copy"))):
            button.setAccessibleDescription(description)

    def _colour_errors(self) -> None:
        """Give the error texts the colour that reads best on the current look."""
        style = f"color: {error_colour(look_of(self.palette()))};"
        for label in (*self.errors.values(), self.problems):
            if label.styleSheet() != style:
                label.setStyleSheet(style)

    def changeEvent(self, event: QEvent) -> None:
        # The theme was switched while the editor is open.
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange):
            self._colour_errors()
        # Back from changing a figure or image file elsewhere: show it as it is now.
        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self.show_draft(self.draft)
        super().changeEvent(event)

    def _connect(self) -> None:
        self.description.textChanged.connect(self._on_description_text_changed)
        self.exercise_description.textChanged.connect(
            self._on_exercise_description_text_changed)
        self.kind.activated.connect(
            lambda i: self._change_exercise(Field.KIND, list(DraftKind)[i]))
        self.sides.activated.connect(
            lambda i: self._change_exercise(Field.SIDES, list(SideChoice)[i]))
        self.order.activated.connect(lambda i: self._change_exercise(Field.ORDER, list(Order)[i]))
        self.list.currentRowChanged.connect(self._on_list_current_row_changed)
        self.list.model().rowsMoved.connect(self._on_list_rows_moved)
        self.add_button.clicked.connect(self.add_exercise)
        self.copy_button.clicked.connect(self.duplicate_exercise)
        self.delete_button.clicked.connect(self.delete_exercise)
        self.up_button.clicked.connect(lambda: self.move_exercise(-1))
        self.down_button.clicked.connect(lambda: self.move_exercise(1))
        self.undo_button.clicked.connect(self.undo_stack.undo)
        self.redo_button.clicked.connect(self.undo_stack.redo)
        self.try_button.clicked.connect(self.try_it)
        self.browse_button.clicked.connect(self._on_browse_button_clicked)
        self.save_button.clicked.connect(self.save)
        for keys, slot in ((QKeySequence.StandardKey.Undo, self.undo_stack.undo),
                           (QKeySequence.StandardKey.Redo, self.undo_stack.redo),
                           (QKeySequence.StandardKey.Save, self.save)):
            QShortcut(QKeySequence(keys), self).activated.connect(slot)
        self.list.installEventFilter(self)

    # -- changes ---------------------------------------------------------------------------

    def change(self, after: RoutineDraft, what: str, merge_key: Hashable | None = None) -> None:
        """Make ``after`` the draft, as one undo step (merged with the last of the same key)."""
        if after != self.draft:
            self.undo_stack.push(DraftChange(self, self.draft, after, what, merge_key))

    def _on_field_text_edited(self, key: Key, text: str) -> None:
        if key.scope is Scope.ROUTINE:
            self.change(self.draft.with_field(key.field, text), f"edit {key.field}",
                        (Scope.ROUTINE, key.field))
        else:
            self._change_exercise(key.field, text, merge=True)

    def _change_exercise(self, name: Field, value: str, merge: bool = False) -> None:
        if not self.draft.exercises:
            return
        after = self.draft.with_exercise(self.current, name, value)
        # Typing merges per exercise: edits of another exercise are steps of their own.
        self.change(after, f"edit {name}",
                    (Scope.EXERCISE, self.current, name) if merge else None)

    def _on_description_text_changed(self) -> None:
        if not self._showing:
            self.change(self.draft.with_field(Field.DESCRIPTION, self.description.toPlainText()),
                        "edit description", (Scope.ROUTINE, Field.DESCRIPTION))

    def _on_exercise_description_text_changed(self) -> None:
        if not self._showing:
            self._change_exercise(Field.DESCRIPTION, self.exercise_description.toPlainText(),
                                  merge=True)

    def add_exercise(self) -> None:
        items = list(self.draft.exercises)
        items.insert(self.current + 1 if items else 0, ExerciseDraft())  # named as spoken
        self.current = self.current + 1 if len(items) > 1 else 0
        self.change(replace(self.draft, exercises=tuple(items)), "add exercise")

    def duplicate_exercise(self) -> None:
        if not self.draft.exercises:
            return
        items = list(self.draft.exercises)
        items.insert(self.current + 1, items[self.current])
        self.current += 1
        self.change(replace(self.draft, exercises=tuple(items)), "duplicate exercise")

    def delete_exercise(self) -> None:
        if not self.draft.exercises:
            return
        items = list(self.draft.exercises)
        del items[self.current]
        self.current = max(0, min(self.current, len(items) - 1))
        self.change(replace(self.draft, exercises=tuple(items)), "delete exercise")

    def move_exercise(self, step: int) -> None:
        target = self.current + step
        if not self.draft.exercises or not 0 <= target < len(self.draft.exercises):
            return
        items = list(self.draft.exercises)
        items[self.current], items[target] = items[target], items[self.current]
        self.current = target
        self.change(replace(self.draft, exercises=tuple(items)), "move exercise")

    def choose_figure_file(self) -> Path | None:
        """A figure file the person picks, or None."""
        current = self.draft.exercises[self.current].figure.strip() if self.draft.exercises \
            else ""
        start = (self.base_folder / current).parent if current else self.base_folder
        name, __ = QFileDialog.getOpenFileName(self, _("Choose a figure file"), str(start),
                                               _("Figure files (*.yaml *.yml)"))
        return Path(name) if name else None

    def _on_browse_button_clicked(self) -> None:
        chosen = self.choose_figure_file()
        if chosen is not None:
            self._change_exercise(Field.FIGURE, self.written_path(chosen))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Ctrl+Up / Ctrl+Down move the selected exercise (the list would only move the cursor).
        if (watched is self.list and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier
                and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down)):
            self.move_exercise(-1 if event.key() == Qt.Key.Key_Up else 1)
            return True
        return super().eventFilter(watched, event)

    def _on_list_rows_moved(self, *args: object) -> None:
        order = [self.list.item(row).data(Qt.ItemDataRole.UserRole)
                 for row in range(self.list.count())]
        items = tuple(self.draft.exercises[i] for i in order)
        self.current = self.list.currentRow()
        self.change(replace(self.draft, exercises=items), "move exercise")

    def _on_list_current_row_changed(self, row: int) -> None:
        if not self._showing and row >= 0:
            self.current = row
            self.show_draft(self.draft)

    # -- showing ---------------------------------------------------------------------------

    def show_draft(self, draft: RoutineDraft) -> None:
        """Put ``draft`` on screen, changing only widgets whose contents differ."""
        self.draft = draft
        self._showing = True
        try:
            self.current = max(0, min(self.current, len(draft.exercises) - 1))
            self.rows.show_routine(draft)
            if self.description.toPlainText() != draft.description:
                self.description.setPlainText(draft.description)
            names = [e.name or _("(no name)") for e in draft.exercises]
            if [self.list.item(r).text() for r in range(self.list.count())] != names:
                self.list.clear()
                self.list.addItems(names)
            for row in range(self.list.count()):
                self.list.item(row).setData(Qt.ItemDataRole.UserRole, row)
            if draft.exercises:
                self.list.setCurrentRow(self.current)
                self._show_exercise(draft.exercises[self.current])
            else:
                self._shown = None
                self.figure_view.show_exercise(None)
            self.rows.show_placeholders(draft)
            self._check()
            if self.dirty:
                self.saved_note.hide()
            # Translators: the editor's window title; the star marks unsaved changes.
            title = _("* {name} — routine editor") if self.dirty else _("{name} — routine editor")
            self.setWindowTitle(plain_title(title.format(name=draft.name)))
        finally:
            self._showing = False

    def _show_exercise(self, ex: ExerciseDraft) -> None:
        self.rows.show_exercise(ex)
        if self.exercise_description.toPlainText() != ex.description:
            self.exercise_description.setPlainText(ex.description)
        self.kind.setCurrentIndex(list(DraftKind).index(ex.kind))
        self.sides.setCurrentIndex(list(SideChoice).index(ex.sides))
        self.order.setCurrentIndex(list(Order).index(ex.order))
        self.fields[Key.EXERCISE_LABELS].setEnabled(ex.sides is SideChoice.LABELS)
        self.fields[Key.EXERCISE_TEMPO].setEnabled(ex.kind is DraftKind.REPS)
        self._shown = shown_for(ex, self.base_folder)
        self.figure_view.show_exercise(self._shown)

    def _check(self) -> None:
        d = self.draft
        shown = self._shown
        files = {} if shown is None else {Key.EXERCISE_IMAGE: shown.image_problem,
                                          Key.EXERCISE_FIGURE: shown.figure_problem}
        self.rows.show_problems(d, d.exercises[self.current] if d.exercises else None, files)
        problems = draft_problems(d, self.base_folder)
        self.problems.setText("\n".join(problems))
        self.save_button.setEnabled(not problems)
        self.try_button.setEnabled(not problems)
        if problems:
            self.preview.setPlainText(_("Fix the problems below to see the plan."))
            return
        timeline = compile_timeline(draft_to_routine(d, base_dir=self.base_folder))
        self.preview.setPlainText(_("Total: {total}").format(total=total_text(timeline))
                                  + f"\n\n{plan_table(timeline)}")

    def load_draft(self, draft: RoutineDraft) -> None:
        self.saved_draft = draft
        self.undo_stack.clear()
        self.show_draft(draft)

    def try_it(self) -> None:
        with contextlib.suppress(RoutineError):
            self.on_try(draft_to_routine(self.draft, base_dir=self.base_folder))
