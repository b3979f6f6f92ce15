"""A routine's exercises as small pictures, for the library's preview: what the routine
asks of the body, seen before it starts.

An exercise with a figure (its own, or the built-in one of its name) is drawn by the body
model, at the start of its movement with its arrow, as the session screen draws it. A
routine's own pictures are read and drawn on a worker thread (``Picture``); each has its
place at once, and one found missing gives it up."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QWidget

from hiptimer.base.translation import _
from hiptimer.body.routine_figures import figure_file_for
from hiptimer.routine.model import Routine, TextField
from hiptimer.ui.common.exercise_figures import figure_file
from hiptimer.ui.common.plain import plain_tooltip
from hiptimer.ui.screen.parts import Picture

WIDTH, HEIGHT = 64, 48
"""Each picture's size in pixels: as many to a row as the panel's width takes."""


class PictureStrip(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pictures: list[Picture] = []
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(4)
        self._columns = 0
        self.setAccessibleName(_("Exercises of the selected routine"))
        self.hide()

    def show_routine(self, routine: Routine | None) -> None:
        """One picture per exercise that has one, in order, each named in its tooltip."""
        for picture in self.pictures:
            self._grid.removeWidget(picture)
            picture.deleteLater()
        self.pictures = []
        seen: set[str] = set()
        for exercise in routine.exercises if routine is not None else ():
            path = routine.image_path(exercise) if routine is not None else None
            figure_path = figure_file_for(routine, exercise) if routine is not None else None
            figure = None if figure_path is None else figure_file(figure_path)
            if (path is None and figure is None) or exercise.name in seen:
                continue
            seen.add(exercise.name)
            picture = Picture(self)
            picture.set_picture(path, False)
            picture.set_figure(figure)
            if not picture.has_picture() and not picture.is_waiting():
                picture.deleteLater()
                continue
            picture.changed.connect(self._on_picture_changed)
            picture.setFixedSize(WIDTH, HEIGHT)
            name = exercise.text(TextField.NAME)  # seen by its source name, shown in words
            picture.setToolTip(plain_tooltip(name))
            # Said by name, not by the tooltip, which is marked up to show as plain text.
            picture.setAccessibleName(name)
            picture.setAccessibleDescription(_("Picture of the exercise"))
            self.pictures.append(picture)
        self._columns = 0
        self._arrange()
        self.setVisible(bool(self.pictures))

    def _on_picture_changed(self) -> None:
        """A picture came from its worker, or was found missing: the missing ones go."""
        kept = [p for p in self.pictures if p.has_picture() or p.is_waiting()]
        if len(kept) == len(self.pictures):
            return
        for picture in self.pictures:
            if picture not in kept:
                self._grid.removeWidget(picture)
                picture.deleteLater()
        self.pictures = kept
        self._columns = 0
        self._arrange()
        self.setVisible(bool(self.pictures))

    def _arrange(self) -> None:
        columns = max(1, (self.width() + 4) // (WIDTH + 4))
        if columns == self._columns:
            return
        self._columns = columns
        for index, picture in enumerate(self.pictures):
            self._grid.addWidget(picture, index // columns, index % columns)
        rows = -(-len(self.pictures) // columns)
        self.setFixedHeight(max(0, rows * (HEIGHT + 4) - 4))

    def minimumSizeHint(self) -> QSize:
        # As narrow as one picture: the row it has now must not keep the panel wide, or
        # it would never be narrowed to fewer pictures a row.
        return QSize(WIDTH, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange()
