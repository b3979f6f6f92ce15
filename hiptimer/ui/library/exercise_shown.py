"""What the session screen will show for an exercise being edited, worked out from the
draft's text: its own ``image``; else its own figure file (``figure``); else the built-in
figure of its name. The figure is on the exercise's first side, as the session begins
with it.

A file the exercise names but that cannot be used says why, for the line under its field,
and is passed over: what is shown is then what would be without it. A figure file's first
problem is located in that file (``lunge.yaml:7:22: ...``), as ``hiptimer validate`` says
it. Each figure file is read again only when it changes.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path

from hiptimer.base.problem import quoted
from hiptimer.base.translation import N_, _
from hiptimer.body.figure_file import Figure
from hiptimer.routine.draft import ExerciseDraft, SideChoice
from hiptimer.routine.figures import builtin_figure_file
from hiptimer.routine.model import BOTH_SIDES
from hiptimer.session.status import mirrored
from hiptimer.ui.common.exercise_figures import figure_file, figure_or_problem, on_side


class Source(StrEnum):
    """Where what is shown comes from; the value (in English) is said under it, in the
    language installed (``shown``)."""

    IMAGE = N_("Image of your own")
    OWN_FIGURE = N_("Figure file of your own")
    BUILTIN_FIGURE = N_("Built-in figure")
    NOTHING = N_("No picture: name a built-in exercise, or give a figure file or an image")

    @property
    def shown(self) -> str:
        """The words said under what is shown, in the language installed."""
        return _(self.value)


@dataclass(frozen=True)
class Shown:
    """What an exercise is shown with, and what keeps a file it names from being used."""

    source: Source
    image: Path | None = None
    """The picture shown, when no figure is."""
    figure: Figure | None = None
    """The figure shown, already on the side shown."""
    flipped: bool = False
    """The picture is flipped: the side shown is the one drawn mirrored."""
    side: str = ""
    """The side shown, as the routine names it ("left", or its own label's source text,
    which tells left from right); "" for none."""
    shown_side: str = ""
    """The side shown as typed, in the language edited ("" for the same as ``side``)."""
    image_problem: str | None = None
    figure_problem: str | None = None

    def caption(self) -> str:
        """What is shown, in a few words, with the side."""
        if not self.side or self.source is Source.NOTHING:
            return self.source.shown
        # Translators: what the editor's picture shows, and on which side: "Built-in
        # figure, left side".
        return _("{source}, {side}").format(source=self.source.shown,
                                            side=_side_words(self.side, self.shown_side))


def _side_words(side: str, shown: str) -> str:
    """The side as it follows a comma: "left side", or the routine's own label (as typed,
    ``shown``, when given)."""
    if side == "left":
        return _("left side")
    if side == "right":
        return _("right side")
    label = shown or side
    return f"{label[0].lower()}{label[1:]}"


def sides_of(exercise: ExerciseDraft) -> tuple[str, ...]:
    """The exercise's sides in order, as the routine file will give them."""
    if exercise.sides is SideChoice.BOTH:
        return BOTH_SIDES
    if exercise.sides is SideChoice.LABELS:
        return exercise.source_labels()
    if exercise.sides is SideChoice.NONE:
        return ()
    return (exercise.sides.value,)


def shown_for(exercise: ExerciseDraft, base: Path) -> Shown:
    """What the session screen will show for ``exercise`` of a routine whose file is in
    ``base`` (where the paths it names are looked for)."""
    sides = sides_of(exercise)
    side = sides[0] if sides else None
    flipped = mirrored(side, sides)
    image, image_problem = _own_image(exercise.image.strip(), base)
    figure, figure_problem = _own_figure(exercise.figure.strip(), base)
    if image is not None:
        shown = Shown(Source.IMAGE, image=image, flipped=flipped)
    else:
        source = Source.OWN_FIGURE
        if figure is None:
            source = Source.BUILTIN_FIGURE
            path = builtin_figure_file(exercise.source_name)
            figure = None if path is None else figure_file(path)
        if figure is not None:
            shown = Shown(source, figure=on_side(figure, side, flipped))
        else:
            shown = Shown(Source.NOTHING)
    return replace(shown, side=side or "", shown_side=_typed_first(exercise),
                   image_problem=image_problem, figure_problem=figure_problem)


def _typed_first(exercise: ExerciseDraft) -> str:
    """The first side's label as typed (the routine's own, in the language edited); "" when
    the sides are not the routine's own."""
    if exercise.sides is not SideChoice.LABELS:
        return ""
    typed = [label.strip() for label in exercise.labels.split(",") if label.strip()]
    return typed[0] if typed else ""


def _own_image(text: str, base: Path) -> tuple[Path | None, str | None]:
    if not text:
        return None, None
    path = base / text
    if not _is_file(path):
        return None, _("image {name} not found (looked in {folder})").format(
            name=quoted(text), folder=base)
    return path, None


def _own_figure(text: str, base: Path) -> tuple[Figure | None, str | None]:
    """The figure file's figure, or why it cannot be used."""
    if not text:
        return None, None
    read = figure_or_problem(base / text)
    if read is None:
        return None, _("figure {name} not found (looked in {folder})").format(
            name=quoted(text), folder=base)
    if isinstance(read, Figure):
        return read, None
    return None, read


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except (OSError, ValueError):  # a name the file system refuses, a NUL in it
        return False
