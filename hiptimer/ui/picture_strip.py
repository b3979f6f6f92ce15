"""A routine's exercises as a row of small pictures, for the library's preview: what the
routine asks of the body, seen before it starts."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QWidget

from hiptimer.routine.model import Routine
from hiptimer.ui.plain import plain_tooltip
from hiptimer.ui.screen_parts import Picture, is_builtin_picture

HEIGHT = 72
"""The strip's height in pixels; many pictures share its width, each keeping its shape."""


class PictureStrip(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pictures: list[Picture] = []
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(0, 0, 0, 0)
        self._row.addStretch(1)
        self.setFixedHeight(HEIGHT)
        self.hide()

    def show_routine(self, routine: Routine | None) -> None:
        """One picture per exercise that has one, in order, each named in its tooltip."""
        for picture in self.pictures:
            picture.deleteLater()
        self.pictures = []
        seen: set[str] = set()
        for exercise in routine.exercises if routine is not None else ():
            path = routine.image_path(exercise) if routine is not None else None
            if path is None or exercise.name in seen:
                continue
            seen.add(exercise.name)
            picture = Picture(self)
            picture.set_picture(path, False, is_builtin_picture(path))
            if not picture.has_picture():
                picture.deleteLater()
                continue
            picture.setMinimumSize(HEIGHT // 3, HEIGHT // 4)  # many share the row
            picture.setToolTip(plain_tooltip(exercise.name))
            self._row.insertWidget(len(self.pictures), picture)
            self.pictures.append(picture)
        self.setVisible(bool(self.pictures))
